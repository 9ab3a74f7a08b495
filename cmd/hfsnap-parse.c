/* hfsnap-parse: Hugging Face Hub model listings (JSON) to TSV rows.
 *
 * Reads API pages saved as a JSON array, several arrays back to back, or one
 * object per line, and writes one row per model with the columns SPEC.md
 * names.  The reader streams: a model's fields are gathered into one reused
 * record buffer and written when its object closes, everything else is
 * skipped unread, so memory stays flat whatever the file size. */
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "err.h"
#include "json.h"
#include "num.h"
#include "out.h"

#include "version.h"

enum column {
	C_MODEL, C_DATE, C_DOWNLOADS, C_DOWNLOADS_30D, C_LIKES, C_CREATED,
	C_PARAMS, C_LIBRARY, C_PIPELINE, C_BASE_MODEL, C_BASE_RELATION,
	C_FORMAT, NCOLUMNS
};

static const char *const column_names[NCOLUMNS] = {
	"model", "date", "downloads", "downloads_30d", "likes", "created",
	"params", "library", "pipeline", "base_model", "base_relation",
	"format",
};

/* A value's place in the record buffer: already escaped for TSV. */
struct span {
	size_t off, len;
	bool set;
};

/* What one model object yields.  Spans point into `text`, which is reset
 * (not freed) for each model. */
struct record {
	char *text;
	size_t len, cap;
	struct span id, model_id, downloads_all, downloads, likes, created;
	struct span st_total, gguf_total, library, pipeline;
	struct span tag_base, tag_relation, bm_base, bm_relation;
	bool gguf_tag, gguf_object, gguf_sibling, mlx_tag;
};

static struct record rec;

static void
usage(void)
{
	printf(
"Usage: hfsnap-parse [-d DATE] [-f COLUMNS] [FILE ...]\n"
"       hfsnap-parse --validate [FILE ...]\n"
"Convert Hugging Face Hub model listings (JSON arrays, arrays back to back,\n"
"or JSONL) to TSV: a '#' header, then one row per model.\n"
"\n"
"  -d, --date DATE      snapshot date (YYYY-MM-DD); default: the first\n"
"                       YYYY-MM-DD in each file's name\n"
"  -f, --fields LIST    columns to write, comma-separated, in that order\n"
"      --validate       only check that each FILE is one valid JSON text\n"
"  -h, --help           show this help and exit\n"
"      --version        show the version and exit\n"
"\n"
"Columns: model date downloads downloads_30d likes created params library\n"
"         pipeline base_model base_relation format (all, by default)\n"
"With no FILE, or when FILE is -, read standard input (then -d is needed).\n"
"Exit status: 0 success, 1 bad data or I/O error, 2 bad usage.\n"
"See hfsnap-parse(1).\n");
}

static void
rec_reset(void)
{
	char *text = rec.text;
	size_t cap = rec.cap;

	memset(&rec, 0, sizeof rec);
	rec.text = text;
	rec.cap = cap;
}

static struct span
rec_store(const char *s, size_t n, bool escape)
{
	struct span sp;
	size_t need = escape ? 2 * n : n;

	if (rec.cap - rec.len < need) {
		while (rec.cap - rec.len < need)
			rec.cap = rec.cap ? rec.cap * 2 : 4096;
		rec.text = xrealloc(rec.text, rec.cap);
	}
	sp.off = rec.len;
	sp.set = true;
	if (!escape) {
		memcpy(rec.text + rec.len, s, n);
		rec.len += n;
	} else {
		rec.len += tsv_escape(rec.text + rec.len, s, n);
	}
	sp.len = rec.len - sp.off;
	return sp;
}

static bool
span_eq(struct span a, struct span b)
{
	return a.len == b.len &&
	    memcmp(rec.text + a.off, rec.text + b.off, a.len) == 0;
}

static bool
key_is(const struct json *js, const char *name)
{
	return strcmp(js->str, name) == 0;
}

static bool
is_null(struct json *js)
{
	if (json_peek(js) != 'n')
		return false;
	json_literal(js);
	return true;
}

static const char *
kind_of(int c)
{
	switch (c) {
	case '"': return "a string";
	case '{': return "an object";
	case '[': return "an array";
	case 't': case 'f': return "a boolean";
	case 'n': return "null";
	case -1: return "end of input";
	case '-': return "a number";
	default: return c >= '0' && c <= '9' ? "a number" : "a stray character";
	}
}

/* Fails unless the next value starts with c ('{', '[' or '"'). */
static void
expect(struct json *js, const char *field, int c)
{
	int got = json_peek(js);

	if (got != c)
		json_fail(js, "%s: expected %s, found %s", field, kind_of(c),
		    kind_of(got));
}

/* A string member (or null, leaving the span unset). */
static void
read_string(struct json *js, const char *field, struct span *sp)
{
	int c = json_peek(js);

	if (c == 'n') {
		json_literal(js);
		*sp = (struct span){ 0, 0, false };
		return;
	}
	expect(js, field, '"');
	json_string(js);
	*sp = rec_store(js->str, js->len, true);
}

/* A count member: an integral literal from 0 to 2^63-1, or null. */
static void
read_count(struct json *js, const char *field, struct span *sp)
{
	int c = json_peek(js);
	uint64_t v;
	enum num_status st;

	if (c == 'n') {
		json_literal(js);
		*sp = (struct span){ 0, 0, false };
		return;
	}
	if (c != '-' && (c < '0' || c > '9'))
		json_fail(js, "%s: expected a whole number, found %s", field,
		    kind_of(c));
	json_number(js);
	st = parse_count(js->str, js->len, &v);
	if (st == NUM_SYNTAX)
		json_fail(js, "%s: %.40s%s is not a whole number", field, js->str,
		    js->len > 40 ? "..." : "");
	if (st == NUM_NEGATIVE)
		json_fail(js, "%s: %.40s%s is negative", field, js->str,
		    js->len > 40 ? "..." : "");
	if (st == NUM_RANGE)
		json_fail(js, "%s: %.40s%s is past 2^63-1", field, js->str,
		    js->len > 40 ? "..." : "");
	*sp = rec_store(js->str, js->len, false);
}

/* "2024-02-19T11:06:12.000Z" or "2024-02-19 11:06:12": the date part. */
static void
read_created(struct json *js)
{
	day_t d;

	read_string(js, "createdAt", &rec.created);
	if (!rec.created.set)
		return;
	if (js->len < 10 || parse_date(js->str, 10, &d) != 0 ||
	    (js->len > 10 && js->str[10] != 'T' && js->str[10] != ' '))
		json_fail(js, "createdAt: %s is not a date-time",
		    quote(js->str, js->len));
	rec.created.len = 10;
}

/* {"total": N, ...} or null; only total is kept. */
static bool
read_total(struct json *js, const char *field, struct span *total)
{
	char name[32];
	bool more;
	int c = json_peek(js);

	*total = (struct span){ 0, 0, false };
	if (c == 'n') {
		json_literal(js);
		return false;
	}
	expect(js, field, '{');
	snprintf(name, sizeof name, "%s.total", field);
	for (more = json_object_first(js); more; more = json_object_next(js)) {
		if (key_is(js, "total"))
			read_count(js, name, total);
		else
			json_skip(js);
	}
	return true;
}

static void
tag(struct json *js)
{
	static const char prefix[] = "base_model:";
	const size_t plen = sizeof prefix - 1;
	const char *rest, *colon;
	struct span target, relation = { 0, 0, false };

	expect(js, "tags", '"');
	json_string(js);
	if (js->len == 4 && memcmp(js->str, "gguf", 4) == 0) {
		rec.gguf_tag = true;
		return;
	}
	if (js->len == 3 && memcmp(js->str, "mlx", 3) == 0) {
		rec.mlx_tag = true;
		return;
	}
	if (js->len <= plen || memcmp(js->str, prefix, plen) != 0)
		return;
	/* base_model:ORG/NAME or base_model:REL:ORG/NAME (ids hold no ':'). */
	rest = js->str + plen;
	colon = memchr(rest, ':', js->len - plen);
	if (colon) {
		relation = rec_store(rest, (size_t)(colon - rest), true);
		rest = colon + 1;
	}
	target = rec_store(rest, js->len - (size_t)(rest - js->str), true);
	if (!rec.tag_base.set) {
		rec.tag_base = target;
		rec.tag_relation = relation;
	} else if (!rec.tag_relation.set && relation.set &&
	    span_eq(target, rec.tag_base)) {
		rec.tag_relation = relation;
	}
}

static void
read_tags(struct json *js)
{
	bool more;

	rec.gguf_tag = rec.mlx_tag = false;
	rec.tag_base.set = rec.tag_relation.set = false;
	if (is_null(js))
		return;
	expect(js, "tags", '[');
	for (more = json_array_first(js); more; more = json_array_next(js))
		tag(js);
}

/* [{"rfilename": "model-Q4_K_M.gguf", ...}, ...]: any *.gguf file. */
static void
read_siblings(struct json *js)
{
	bool more, field;

	rec.gguf_sibling = false;
	if (is_null(js))
		return;
	expect(js, "siblings", '[');
	for (more = json_array_first(js); more; more = json_array_next(js)) {
		expect(js, "siblings", '{');
		for (field = json_object_first(js); field;
		    field = json_object_next(js)) {
			if (!key_is(js, "rfilename") || json_peek(js) != '"') {
				json_skip(js);
				continue;
			}
			json_string(js);
			if (js->len >= 5 &&
			    memcmp(js->str + js->len - 5, ".gguf", 5) == 0)
				rec.gguf_sibling = true;
		}
	}
}

/* {"relation": "finetune", "models": [{"id": "org/name"}, ...]} */
static void
read_base_models(struct json *js)
{
	bool more, item, field;

	rec.bm_base.set = rec.bm_relation.set = false;
	if (is_null(js))
		return;
	expect(js, "baseModels", '{');
	for (more = json_object_first(js); more; more = json_object_next(js)) {
		if (key_is(js, "relation")) {
			read_string(js, "baseModels.relation", &rec.bm_relation);
			continue;
		}
		if (!key_is(js, "models") || is_null(js)) {
			json_skip(js);
			continue;
		}
		expect(js, "baseModels.models", '[');
		for (item = json_array_first(js); item;
		    item = json_array_next(js)) {
			if (rec.bm_base.set || json_peek(js) != '{') {
				json_skip(js);
				continue;
			}
			for (field = json_object_first(js); field;
			    field = json_object_next(js)) {
				if (key_is(js, "id") && !rec.bm_base.set)
					read_string(js, "baseModels.models.id",
					    &rec.bm_base);
				else
					json_skip(js);
			}
		}
	}
}

/* The members of a model object that feed a column; all others are
 * skipped without being decoded. */
enum member {
	M_ID, M_MODEL_ID, M_DOWNLOADS_ALL, M_DOWNLOADS, M_LIKES, M_CREATED,
	M_SAFETENSORS, M_GGUF, M_LIBRARY, M_PIPELINE, M_TAGS, M_SIBLINGS,
	M_BASE_MODELS, M_OTHER
};

static const char *const member_names[M_OTHER] = {
	"id", "modelId", "downloadsAllTime", "downloads", "likes", "createdAt",
	"safetensors", "gguf", "library_name", "pipeline_tag", "tags",
	"siblings", "baseModels",
};

static enum member
member_of(const struct json *js)
{
	int m;

	for (m = 0; m < M_OTHER; m++)
		if (js->str[0] == member_names[m][0] &&
		    strcmp(js->str, member_names[m]) == 0)
			break;
	return (enum member)m;
}

static void
read_member(struct json *js)
{
	switch (member_of(js)) {
	case M_ID: read_string(js, "id", &rec.id); break;
	case M_MODEL_ID: read_string(js, "modelId", &rec.model_id); break;
	case M_DOWNLOADS_ALL:
		read_count(js, "downloadsAllTime", &rec.downloads_all);
		break;
	case M_DOWNLOADS: read_count(js, "downloads", &rec.downloads); break;
	case M_LIKES: read_count(js, "likes", &rec.likes); break;
	case M_CREATED: read_created(js); break;
	case M_SAFETENSORS: read_total(js, "safetensors", &rec.st_total); break;
	case M_GGUF:
		rec.gguf_object = read_total(js, "gguf", &rec.gguf_total);
		break;
	case M_LIBRARY: read_string(js, "library_name", &rec.library); break;
	case M_PIPELINE: read_string(js, "pipeline_tag", &rec.pipeline); break;
	case M_TAGS: read_tags(js); break;
	case M_SIBLINGS: read_siblings(js); break;
	case M_BASE_MODELS: read_base_models(js); break;
	case M_OTHER: json_skip(js); break;
	}
}

static void
put_span(struct span sp)
{
	if (sp.set)
		out_write(rec.text + sp.off, sp.len);
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
	case NCOLUMNS:
		break;
	}
}

struct options {
	enum column cols[NCOLUMNS * 4];
	size_t ncols;
	const char *date;	/* -d, or NULL */
	bool validate;
};

static void
read_model(struct json *js, const struct options *o, const char date[10])
{
	struct span model;
	bool more;
	size_t i;

	rec_reset();
	if (json_peek(js) != '{')
		json_fail(js, "expected an object (one model), found %s",
		    kind_of(json_peek(js)));
	for (more = json_object_first(js); more; more = json_object_next(js))
		read_member(js);
	model = rec.id.set ? rec.id : rec.model_id;
	if (!model.set || model.len == 0)
		json_fail(js, "model object has no \"id\" or \"modelId\"");
	for (i = 0; i < o->ncols; i++) {
		if (i > 0)
			out_char('\t');
		put_column(o->cols[i], model, date);
	}
	out_endrow();
}

static void
parse_file(const char *path, const struct options *o, const char date[10])
{
	struct json js;
	int c;

	json_open(&js, path);
	if (setjmp(js.on_error)) {
		char msg[sizeof js.msg];

		memcpy(msg, js.msg, sizeof msg);
		json_close(&js);
		out_flush();
		die(EXIT_DATA, "%s", msg);
	}
	json_skip_bom(&js);
	/* A sequence of texts: arrays of models, or models, in any mix. */
	while ((c = json_peek(&js)) != -1) {
		if (c == '[') {
			bool more;

			for (more = json_array_first(&js); more;
			    more = json_array_next(&js))
				read_model(&js, o, date);
		} else if (c == '{') {
			read_model(&js, o, date);
		} else {
			json_fail(&js, "expected an array of models or a model "
			    "object, found %s", kind_of(c));
		}
	}
	json_close(&js);
}

/* 0 when the file holds exactly one JSON text, else 1 after saying where
 * the first error is. */
static int
validate_file(const char *path)
{
	struct json js;

	json_open(&js, path);
	if (setjmp(js.on_error)) {
		warnx("%s", js.msg);
		json_close(&js);
		return 1;
	}
	json_skip_bom(&js);
	if (json_peek(&js) == -1)
		json_fail(&js, "no JSON text");
	json_skip(&js);
	if (json_peek(&js) != -1)
		json_fail(&js, "data after the JSON text");
	json_close(&js);
	return 0;
}

/* The first YYYY-MM-DD in the base name of path, validated. */
static bool
date_from_name(const char *path, char date[10])
{
	const char *base = strrchr(path, '/'), *p;
	day_t d;

	base = base ? base + 1 : path;
	for (p = base; strlen(p) >= 10; p++) {
		static const char shape[] = "dddd-dd-dd";
		int i;

		for (i = 0; i < 10; i++)
			if (shape[i] == 'd' ? (p[i] < '0' || p[i] > '9') :
			    p[i] != '-')
				break;
		if (i < 10)
			continue;
		if (parse_date(p, 10, &d) != 0)
			die_usage("%s: %.10s in the file name is not a valid "
			    "date", path, p);
		memcpy(date, p, 10);
		return true;
	}
	return false;
}

static void
parse_fields(struct options *o, const char *list)
{
	const char *p = list;

	o->ncols = 0;
	for (;;) {
		size_t n = strcspn(p, ",");
		int c;

		for (c = 0; c < NCOLUMNS; c++)
			if (strlen(column_names[c]) == n &&
			    memcmp(column_names[c], p, n) == 0)
				break;
		if (c == NCOLUMNS)
			die_usage("-f: unknown column '%.*s' (columns: model date "
			    "downloads downloads_30d likes created params "
			    "library pipeline base_model base_relation format)",
			    (int)n, p);
		if (o->ncols == sizeof o->cols / sizeof o->cols[0])
			die_usage("-f: too many columns");
		o->cols[o->ncols++] = (enum column)c;
		if (p[n] == '\0')
			break;
		p += n + 1;
	}
}

int
main(int argc, char **argv)
{
	enum { OPT_VALIDATE = 256, OPT_VERSION };
	static const struct option longopts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "fields", required_argument, NULL, 'f' },
		{ "validate", no_argument, NULL, OPT_VALIDATE },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	static char *stdin_only[] = { "-" };
	struct options o = { .ncols = 0 };
	static char (*dates)[10];
	char **files;
	int nfiles, opt, i, status = 0;
	size_t c;

	err_init(argv[0]);
	opterr = 0;
	/* Buffers are reused if main runs again (the fuzzing harness). */
	rec.cap = 4096;
	rec.text = xrealloc(rec.text, rec.cap);
	for (c = 0; c < NCOLUMNS; c++)
		o.cols[o.ncols++] = (enum column)c;
	while ((opt = getopt_long(argc, argv, ":d:f:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'd': {
			day_t d;

			if (parse_date(optarg, strlen(optarg), &d) != 0)
				die_usage("-d %s: not a date (YYYY-MM-DD)",
				    optarg);
			o.date = optarg;
			break;
		}
		case 'f':
			parse_fields(&o, optarg);
			break;
		case OPT_VALIDATE:
			o.validate = true;
			break;
		case 'h':
			usage();
			return 0;
		case OPT_VERSION:
			printf("hfsnap-parse %s\n", HFSNAP_VERSION);
			return 0;
		default:
			die_option(opt, argv);
		}
	}
	files = argv + optind;
	nfiles = argc - optind;
	if (nfiles == 0) {
		files = stdin_only;
		nfiles = 1;
	}
	if (o.validate) {
		for (i = 0; i < nfiles; i++)
			status |= validate_file(files[i]);
		free(rec.text);
		rec.text = NULL;
		return status;
	}

	/* Every file's date is settled before any input is read. */
	dates = xrealloc(dates, (size_t)nfiles * sizeof *dates);
	for (i = 0; i < nfiles; i++) {
		if (o.date)
			memcpy(dates[i], o.date, 10);
		else if (!date_from_name(files[i], dates[i]))
			die_usage("%s: no YYYY-MM-DD in the file name to date "
			    "the snapshot; give -d DATE", files[i]);
	}

	out_init();
	for (c = 0; c < o.ncols; c++) {
		out_write(c == 0 ? "#" : "\t", 1);
		out_str(column_names[o.cols[c]]);
	}
	out_endrow();
	for (i = 0; i < nfiles; i++)
		parse_file(files[i], &o, dates[i]);
	out_finish();
	free(dates);
	free(rec.text);
	dates = NULL;
	rec.text = NULL;
	return 0;
}
