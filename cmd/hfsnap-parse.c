/* hfsnap-parse: Hugging Face Hub model listings (JSON) to TSV rows.
 *
 * Reads API pages saved as a JSON array, several arrays back to back, one
 * object per line, or an archive that wraps the listing in an object (-k),
 * and writes one row per model with the columns hfsnap-parse(1) names.  The
 * reader streams: a model's fields are gathered into one reused record
 * buffer and written when its object closes, everything else is skipped
 * unread, so memory stays flat whatever the file size.
 *
 * --validate runs the very same reading with the rows thrown away, so its
 * verdict on a file is the one parsing would give. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "date.h"
#include "err.h"
#include "hubmodel.h"
#include "mem.h"
#include "json.h"
#include "out.h"
#include "snapdate.h"
#include "tsv.h"


enum column {
	C_MODEL, C_DATE, C_DOWNLOADS, C_DOWNLOADS_30D, C_LIKES, C_CREATED,
	C_PARAMS, C_LIBRARY, C_PIPELINE, C_BASE_MODEL, C_BASE_RELATION,
	C_FORMAT,
	/* Only on request (-a), after the default twelve. */
	C_ID, C_BASE_MODELS, C_GATED, C_PRIVATE, C_DISABLED, C_AUTHOR,
	C_LAST_MODIFIED, C_TRENDING_SCORE, C_LICENSE, C_GGUF_ARCHITECTURE,
	C_CONTEXT_LENGTH, NCOLUMNS
};

enum { NDEFAULT = C_ID };

static const char *const column_names[NCOLUMNS] = {
	"model", "date", "downloads", "downloads_30d", "likes", "created",
	"params", "library", "pipeline", "base_model", "base_relation",
	"format",
	"id", "base_models", "gated", "private", "disabled", "author",
	"last_modified", "trending_score", "license", "gguf_architecture",
	"context_length",
};

/* The model being read: its values, for its row. */
static struct hubmodel rec;

/* Everything a run needs: the options and what reading has found. */
struct run {
	enum column cols[NCOLUMNS * 4];
	size_t ncols;
	bool want[NCOLUMNS];
	const char *date;	/* -d, or NULL */
	const char *key;	/* -k, or NULL */
	bool allow_no_total;
	bool validate;
	bool first_in_file;	/* the next model is its file's first */
	unsigned long long models, no_total;
};

static void
usage(void)
{
	printf(
"Usage: hfsnap-parse [-d DATE] [-f COLUMNS] [-a COLUMNS] [-k NAME]\n"
"                    [--allow-no-total] [--validate] [FILE ...]\n"
"Convert Hugging Face Hub model listings (JSON arrays, arrays back to back,\n"
"JSONL, or an archive object with -k) to TSV: a '#' header, a row per model.\n"
"\n"
"  -d, --date DATE      snapshot date (YYYY-MM-DD); default: the first\n"
"                       YYYY-MM-DD in each file's name, else its \"date\" member\n"
"  -f, --fields LIST    columns to write, comma-separated, in that order\n"
"  -a, --add LIST       columns to add after them: id base_models gated private\n"
"                       disabled author last_modified trending_score license\n"
"                       gguf_architecture context_length\n"
"  -k, --key NAME       the models are the array member NAME of an object\n"
"      --allow-no-total parse a listing fetched without downloadsAllTime\n"
"      --validate       write nothing; say which FILEs would fail to parse\n"
"  -h, --help           show this help and exit\n"
"      --version        show the version and exit\n"
"\n"
"Columns: model date downloads downloads_30d likes created params library\n"
"         pipeline base_model base_relation format (all, by default)\n"
"With no FILE, or when FILE is -, read standard input (then -d is needed).\n"
"Exit status: 0 success, 1 bad data or I/O error, 2 bad usage.\n"
"See hfsnap-parse(1) and hfsnap-fetch(1).\n");
}

static void
put_span(struct span sp)
{
	if (sp.set)
		out_write(rec.text + sp.off, sp.len);
}

static void
put_spans(const struct spans *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (i > 0)
			out_char(',');
		put_span(l->v[i]);
	}
}

static bool
span_is(struct span sp, const char *s)
{
	return sp.set && sp.len == strlen(s) &&
	    memcmp(rec.text + sp.off, s, sp.len) == 0;
}

static void
put_column(enum column c, struct span model, const char date[10])
{
	switch (c) {
	case C_MODEL: put_span(model); break;
	case C_DATE: out_write(date, 10); break;
	case C_DOWNLOADS: put_span(rec.downloads_all); break;
	case C_DOWNLOADS_30D: put_span(rec.downloads); break;
	case C_LIKES: put_span(rec.likes); break;
	case C_CREATED: put_span(rec.created); break;
	case C_PARAMS:
		put_span(rec.st_total.set ? rec.st_total : rec.gguf_total);
		break;
	case C_LIBRARY: put_span(rec.library); break;
	case C_PIPELINE: put_span(rec.pipeline); break;
	case C_BASE_MODEL:
		put_span(rec.tag_base.set ? rec.tag_base : rec.bm_base);
		break;
	case C_BASE_RELATION:
		if (rec.tag_base.set && rec.tag_relation.set)
			put_span(rec.tag_relation);
		else
			put_span(rec.bm_relation);
		break;
	case C_FORMAT:
		if (rec.gguf_tag || rec.gguf_object || rec.gguf_sibling)
			out_write("gguf", 4);
		else if (rec.mlx_tag || span_is(rec.library, "mlx") ||
		    (model.len > 14 &&
		    memcmp(rec.text + model.off, "mlx-community/", 14) == 0))
			out_write("mlx", 3);
		break;
	case C_ID: put_span(rec.object_id); break;
	case C_BASE_MODELS:
		put_spans(rec.tag_bases.n ? &rec.tag_bases : &rec.bm_bases);
		break;
	case C_GATED: put_span(rec.gated); break;
	case C_PRIVATE: put_span(rec.private); break;
	case C_DISABLED: put_span(rec.disabled); break;
	case C_AUTHOR: put_span(rec.author); break;
	case C_LAST_MODIFIED: put_span(rec.last_modified); break;
	case C_TRENDING_SCORE: put_span(rec.trending); break;
	case C_LICENSE:
		put_span(rec.tag_license.set ? rec.tag_license :
		    rec.card_license);
		break;
	case C_GGUF_ARCHITECTURE: put_span(rec.gguf_arch); break;
	case C_CONTEXT_LENGTH: put_span(rec.gguf_ctx); break;
	case NCOLUMNS:
		break;
	}
}

/* One model object: its row, unless validating.  top: the object is a
 * JSON text of its own (JSONL), which may be a wrapper read without -k. */
static void
read_model(struct json *js, struct run *r, const char date[10], bool top)
{
	struct span model = hubmodel_read(js, &rec, top);
	size_t i;

	if (r->first_in_file) {
		r->first_in_file = false;
		if (!rec.has_downloads_all && r->want[C_DOWNLOADS] &&
		    !r->allow_no_total)
			json_fail_file(js, "no downloadsAllTime in the first "
			    "model: the listing was fetched without "
			    "expand[]=downloadsAllTime (use --allow-no-total "
			    "to parse it anyway)");
	}
	r->models++;
	if (!rec.downloads_all.set)
		r->no_total++;
	if (r->validate)
		return;
	for (i = 0; i < r->ncols; i++) {
		if (i > 0)
			out_char('\t');
		put_column(r->cols[i], model, date);
	}
	out_endrow();
}

static void
read_listing(struct json *js, struct run *r, const char date[10])
{
	bool more;

	for (more = json_array_first(js); more; more = json_array_next(js))
		read_model(js, r, date, false);
}

/* -k NAME: a top-level object whose member NAME is the listing; the other
 * members are skipped. */
static void
read_wrapper(struct json *js, struct run *r, const char date[10])
{
	bool more, found = false;
	int c = json_peek(js);

	if (c != '{')
		json_fail(js, "-k %s: expected an object holding the models in "
		    "member \"%s\", found %s", r->key, r->key, json_kind(c));
	for (more = json_object_first(js); more; more = json_object_next(js)) {
		if (!json_key_is(js, r->key)) {
			json_skip(js);
			continue;
		}
		/* Rows stream out as they are read, so a second listing
		 * cannot replace the first as JSON's last-wins would. */
		if (found)
			json_fail(js, "a second member \"%s\"", r->key);
		found = true;
		c = json_peek(js);
		if (c != '[')
			json_fail(js, "%s: expected an array of models, found %s",
			    r->key, json_kind(c));
		read_listing(js, r, date);
	}
	if (!found)
		json_fail(js, "no member \"%s\" in this object (-k %s)", r->key,
		    r->key);
}

/* Reads one file; 0 when it is good.  A bad one ends the run (status 1),
 * or when validating is said in one line and gives 1. */
static int
parse_file(const char *path, struct run *r, const char date[10])
{
	struct json js;
	volatile int texts = 0;
	int c;

	if (json_open(&js, path) != 0) {
		if (!r->validate)
			die(EXIT_DATA, "%s: %s", path, strerror(errno));
		warnx("%s: %s", path, strerror(errno));
		return 1;
	}
	if (setjmp(js.on_error)) {
		char msg[sizeof js.msg];

		memcpy(msg, js.msg, sizeof msg);
		json_close(&js);
		if (r->validate) {
			warnx("%s", msg);
			return 1;
		}
		out_flush();
		die(EXIT_DATA, "%s", msg);
	}
	r->first_in_file = true;
	json_skip_bom(&js);
	/* A sequence of texts: arrays of models, or models, in any mix. */
	while ((c = json_peek(&js)) != -1) {
		if (r->key)
			read_wrapper(&js, r, date);
		else if (c == '[')
			read_listing(&js, r, date);
		else if (c == '{')
			read_model(&js, r, date, true);
		else
			json_fail(&js, "expected an array of models or a model "
			    "object, found %s", json_kind(c));
		texts++;
	}
	/* An empty file is what a failed download leaves: not an empty day. */
	if (texts == 0)
		json_fail(&js, "no JSON text (an empty or failed download?)");
	json_close(&js);
	return 0;
}

/* Readies rec to read, besides the members of the default columns, what
 * the columns asked for need.  Its buffers are reused if main runs again
 * (the fuzzing harness). */
static void
read_what_columns_need(const struct run *r)
{
	struct hub_wants w = {
		.object_id = r->want[C_ID],
		.base_models = r->want[C_BASE_MODELS],
		.gated = r->want[C_GATED],
		.private = r->want[C_PRIVATE],
		.disabled = r->want[C_DISABLED],
		.author = r->want[C_AUTHOR],
		.last_modified = r->want[C_LAST_MODIFIED],
		.trending_score = r->want[C_TRENDING_SCORE],
		.license = r->want[C_LICENSE],
		.gguf_architecture = r->want[C_GGUF_ARCHITECTURE],
		.context_length = r->want[C_CONTEXT_LENGTH],
	};

	hubmodel_init(&rec, &w);
}

static size_t
column_number(const char *name, size_t from, size_t to)
{
	size_t c;

	for (c = from; c < to; c++)
		if (strcmp(column_names[c], name) == 0)
			return c;
	return to;
}

/* -f LIST (any column) or -a LIST (the added ones), appended to r->cols. */
static void
add_columns(struct run *r, const char *list, const char *option, size_t from)
{
	char *items[NCOLUMNS * 4], known[512] = "";
	size_t n = split_list(list, items, NCOLUMNS * 4, option), i, c;

	for (c = from; c < NCOLUMNS; c++) {
		strcat(known, c > from ? " " : "");
		strcat(known, column_names[c]);
	}
	for (i = 0; i < n; i++) {
		c = column_number(items[i], from, NCOLUMNS);
		if (c == NCOLUMNS)
			die_usage("%s: unknown column '%s' (columns: %s)", option,
			    items[i], known);
		if (r->ncols == sizeof r->cols / sizeof r->cols[0])
			die_usage("%s: too many columns", option);
		r->cols[r->ncols++] = (enum column)c;
	}
	free(items[0]);
}

int
main(int argc, char **argv)
{
	enum { OPT_VALIDATE = 256, OPT_ALLOW_NO_TOTAL };
	static const struct option longopts[] = {
		OPTION_ARG("date", 'd'),
		OPTION_ARG("fields", 'f'),
		OPTION_ARG("add", 'a'),
		OPTION_ARG("key", 'k'),
		OPTION_FLAG("allow-no-total", OPT_ALLOW_NO_TOTAL),
		OPTION_FLAG("validate", OPT_VALIDATE),
		OPTIONS_END
	};
	static char *stdin_only[] = { "-" };
	static struct run r;
	static char (*dates)[10];
	const char *fields = NULL, *added[16];
	char why[600];
	char **files;
	int nfiles, opt, i, status = 0;
	size_t c, nadded = 0;

	err_init(argv[0]);
	memset(&r, 0, sizeof r);
	while ((opt = cli_next(argc, argv, "a:d:f:k:", longopts, usage)) != -1) {
		switch (opt) {
		case 'a':
			if (nadded == sizeof added / sizeof added[0])
				die_usage("-a: too many lists");
			added[nadded++] = optarg;
			break;
		case 'd':
			cli_date("-d", optarg);
			r.date = optarg;
			break;
		case 'f':
			fields = optarg;
			break;
		case 'k':
			if (*optarg == '\0')
				die_usage("-k: the member name is empty");
			r.key = optarg;
			break;
		case OPT_ALLOW_NO_TOTAL:
			r.allow_no_total = true;
			break;
		case OPT_VALIDATE:
			r.validate = true;
			break;
		}
	}
	if (fields)
		add_columns(&r, fields, "-f", 0);
	else
		for (c = 0; c < NDEFAULT; c++)
			r.cols[r.ncols++] = (enum column)c;
	for (c = 0; c < nadded; c++)
		add_columns(&r, added[c], "-a", NDEFAULT);
	for (c = 0; c < r.ncols; c++)
		r.want[r.cols[c]] = true;
	read_what_columns_need(&r);
	files = argv + optind;
	nfiles = argc - optind;
	if (nfiles == 0) {
		files = stdin_only;
		nfiles = 1;
	}

	if (r.validate) {
		char date[10];

		for (i = 0; i < nfiles; i++) {
			if (snapshot_date(files[i], r.date, date, why,
			    sizeof why) != SNAPDATE_OK) {
				warnx("%s", why);
				status = 1;
				continue;
			}
			status |= parse_file(files[i], &r, date);
		}
		hubmodel_free(&rec);
		return status;
	}

	/* Every file's date is settled, and every file opened, before any
	 * input is parsed, so a usage fault leaves no output. */
	dates = xrealloc(dates, (size_t)nfiles * sizeof *dates);
	for (i = 0; i < nfiles; i++) {
		struct stat st;
		int fd;
		enum snapdate_fault fault = snapshot_date(files[i], r.date,
		    dates[i], why, sizeof why);

		if (fault == SNAPDATE_USAGE)
			die_usage("%s", why);
		if (fault == SNAPDATE_DATA)
			die(EXIT_DATA, "%s", why);
		if (strcmp(files[i], "-") == 0)
			continue;
		fd = open(files[i], O_RDONLY);
		if (fd < 0 || (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)))
			die(EXIT_DATA, "%s: %s", files[i],
			    fd < 0 ? strerror(errno) : strerror(EISDIR));
		close(fd);
	}

	out_init();
	for (c = 0; c < r.ncols; c++) {
		out_write(c == 0 ? "#" : "\t", 1);
		out_str(column_names[r.cols[c]]);
	}
	out_endrow();
	for (i = 0; i < nfiles; i++)
		parse_file(files[i], &r, dates[i]);
	out_finish();
	if (r.want[C_DOWNLOADS] && r.no_total > 0)
		warnx("note: %llu of %llu models had no downloadsAllTime; their "
		    "downloads cells are empty", r.no_total, r.models);
	free(dates);
	dates = NULL;
	hubmodel_free(&rec);
	return 0;
}
