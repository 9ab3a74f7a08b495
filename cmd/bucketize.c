/* bucketize: append each model's size in billions and its size bucket.
 *
 * The size comes from, in order: an override table (-s), the params column
 * (a raw parameter count, or billions with --billions), or the model name
 * (Llama-3.1-8B-Instruct is 8, SmolLM2-135M is 0.135), following the
 * convention of the tracked-models registry (metadata/model_sizes.py). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "err.h"
#include "hash.h"
#include "mem.h"
#include "out.h"
#include "paramsize.h"
#include "row.h"
#include "table.h"
#include "tsv.h"

enum {
	MAX_BUCKETS = 32,
	MAX_LABEL = 60,		/* bytes in a bucket label */
	MAX_CELLS = PARAMSIZE_TEXT_MAX + 1 + MAX_LABEL + 1
};

struct options {
	const char *model, *params, *sizes, *unknown;
	bool params_given, billions, no_names;
	struct paramsize edges[MAX_BUCKETS];
	size_t nedges;
	char *labels[MAX_BUCKETS + 1];
	size_t nlabels;
};

static struct options opt = {
	.model = "model", .params = "params", .unknown = "unknown",
	.labels = { "<1B", "1-5B", "7-9B", "10-50B", "50-100B", "100-250B",
	    "250B+" }, .nlabels = 7,
};

static const char default_edges[] = "1,5,10,50,100,250";

/* The override table: the two added cells of each model id (numbered in
 * table), worked out when the table is read; empty cells are a size of 0,
 * which overrides nothing. */
static struct intern table;
static struct text table_text;
static struct {
	size_t off, len;	/* in table_text */
} *table_cells;
static size_t table_cap;

static void
usage(void)
{
	printf(
"Usage: bucketize [-m COL] [-p COL] [-s FILE] [--billions] [--no-names]\n"
"                 [--edges LIST] [--labels LIST] [--unknown LABEL] [FILE ...]\n"
"Append size_b (total parameters, billions) and bucket to each row.\n"
"\n"
"  -m, --model COL      model column (default: model)\n"
"  -p, --params COL     parameter count column (default: params, if present)\n"
"      --billions       the params column is already in billions\n"
"  -s, --sizes FILE     override table, CSV or TSV with model_id and\n"
"                       total_params_b columns (checked first; - is stdin)\n"
"      --no-names       do not read sizes from model names\n"
"      --edges LIST     bucket upper edges in billions (1,5,10,50,100,250)\n"
"      --labels LIST    bucket names, one more than edges\n"
"                       (<1B,1-5B,7-9B,10-50B,50-100B,100-250B,250B+)\n"
"      --unknown LABEL  bucket of a model whose size is found nowhere\n"
"                       (default: unknown; its size_b is empty)\n"
"  -h, --help           show this help and exit\n"
"      --version        show the version and exit\n"
"\n"
"Order: table, then params, then the name (a -/_ token like 8B, 0.5B, or\n"
"135M).  Exit status: 0 success, 1 bad data or I/O, 2 bad usage.\n"
"See bucketize(1).\n");
}

/* The two added cells, "size_b<TAB>bucket", of a known size, into buf
 * (MAX_CELLS bytes).  The bucket comes from the exact value, and the size
 * is written so that it lies in that bucket (paramsize_format). */
static size_t
format_known(const struct paramsize *d, char *buf)
{
	size_t b = paramsize_bucket(opt.edges, opt.nedges, d);
	size_t n = paramsize_format(d, b < opt.nedges ? &opt.edges[b] : NULL,
	    buf);

	buf[n++] = '\t';
	memcpy(buf + n, opt.labels[b], strlen(opt.labels[b]));
	return n + strlen(opt.labels[b]);
}

static void
load_sizes(const char *path)
{
	static const char *const names[] = { "model_id", "total_params_b" };
	struct table t;
	struct field f[2];

	table_open(&t, path, names, 2);
	while (table_next(&t, f)) {
		struct paramsize d;
		char cells[MAX_CELLS];
		size_t len = 0, id;

		if (f[1].len == 0)
			continue;	/* no size given: no override */
		if (!paramsize_parse(f[1].p, f[1].len, &d))
			die_at(path, t.lineno, "total_params_b %s is not a size "
			    "in billions", quote(f[1].p, f[1].len));
		if (d.nonzero)
			len = format_known(&d, cells);
		id = intern_put(&table, f[0].p, f[0].len, NULL);
		table_cells = grow(table_cells, &table_cap, id + 1,
		    sizeof *table_cells);
		/* A later row wins. */
		table_cells[id].off = text_add(&table_text, cells, len);
		table_cells[id].len = len;
	}
	table_close(&t);
}

/* The two added cells of a row into buf (MAX_CELLS bytes); returns their
 * length.  A raw count is exact in billions, its point moved nine places. */
static size_t
resolve(const struct tsvin *in, const struct field *model,
    const struct field *params, size_t params_col, char *buf)
{
	struct paramsize d;
	size_t n, id;

	if (table.n && (id = intern_get(&table, model->p, model->len)) !=
	    INTERN_NONE && table_cells[id].len > 0) {
		memcpy(buf, table_text.p + table_cells[id].off,
		    table_cells[id].len);
		return table_cells[id].len;
	}
	if (params && params->len > 0) {
		if (opt.billions) {
			if (!paramsize_parse(params->p, params->len, &d))
				die_at(tsvin_name(in), tsvin_line(in), "column %s: "
				    "%s is not a size in billions",
				    column_name(in, params_col),
				    quote(params->p, params->len));
		} else {
			paramsize_of_count(field_count(in, params, params_col),
			    &d);
		}
		if (d.nonzero)
			return format_known(&d, buf);
	}
	if (!opt.no_names && paramsize_from_name(model->p, model->len, &d) &&
	    d.nonzero)
		return format_known(&d, buf);
	n = strlen(opt.unknown);
	buf[0] = '\t';
	memcpy(buf + 1, opt.unknown, n);
	return n + 1;
}

static void
parse_edges(const char *list)
{
	char *items[MAX_BUCKETS + 1];
	size_t i, n = split_list(list, items, MAX_BUCKETS, "--edges");

	for (i = 0; i < n; i++) {
		struct paramsize *e = &opt.edges[i];

		if (!paramsize_parse(items[i], strlen(items[i]), e) ||
		    !e->nonzero)
			die_usage("--edges %s: '%s' is not a positive number",
			    list, items[i]);
		if (paramsize_past_nine(e))
			die_usage("--edges %s: '%s' has more than nine "
			    "decimals", list, items[i]);
		if (i > 0 && paramsize_cmp(e, &opt.edges[i - 1]) <= 0)
			die_usage("--edges %s: edges must increase", list);
	}
	opt.nedges = n;
	free(items[0]);		/* the list's copy: items point into it */
}

static void
parse_options(int argc, char **argv)
{
	enum { OPT_BILLIONS = 256, OPT_NO_NAMES, OPT_EDGES, OPT_LABELS,
	    OPT_UNKNOWN };
	static const struct option longopts[] = {
		OPTION_ARG("params", 'p'),
		OPTION_ARG("sizes", 's'),
		OPTION_FLAG("billions", OPT_BILLIONS),
		OPTION_FLAG("no-names", OPT_NO_NAMES),
		OPTION_ARG("edges", OPT_EDGES),
		OPTION_ARG("labels", OPT_LABELS),
		OPTION_ARG("unknown", OPT_UNKNOWN),
		OPTIONS_END
	};
	const char *labels = NULL, *edges = default_edges;
	size_t i;
	int c;

	while ((c = cli_next(argc, argv, "m:p:s:", longopts, usage)) != -1) {
		switch (c) {
		case 'm': opt.model = optarg; break;
		case 'p': opt.params = optarg; opt.params_given = true; break;
		case 's': opt.sizes = optarg; break;
		case OPT_BILLIONS: opt.billions = true; break;
		case OPT_NO_NAMES: opt.no_names = true; break;
		case OPT_EDGES: edges = optarg; break;
		case OPT_LABELS: labels = optarg; break;
		case OPT_UNKNOWN: opt.unknown = optarg; break;
		}
	}
	parse_edges(edges);
	if (labels)
		opt.nlabels = split_list(labels, opt.labels, MAX_BUCKETS + 1,
		    "--labels");
	for (i = 0; i < opt.nlabels; i++)
		cli_cell("--labels", "a label", opt.labels[i], MAX_LABEL);
	cli_cell("--unknown", "a label", opt.unknown, MAX_LABEL);
	if (opt.nlabels != opt.nedges + 1)
		die_usage("--labels gives %zu names for %zu edges: it needs "
		    "one more name than edges", opt.nlabels, opt.nedges);
	if (opt.sizes)
		table_check_stdin("-s", opt.sizes, argc - optind,
		    argv + optind);
}

int
main(int argc, char **argv)
{
	static const char *const added[] = { "size_b", "bucket" };
	struct tsvin in;
	struct fields fs = { 0 };
	size_t col_model, col_params = 0;
	bool have_params = false;
	/* The last row's model and params, and its cells: series input
	 * repeats a model on every day. */
	struct bytes last_model = { 0 }, last_params = { 0 };
	char cells[MAX_CELLS];
	size_t cells_len = 0;

	err_init(argv[0]);
	parse_options(argc, argv);
	if (opt.sizes)
		load_sizes(opt.sizes);
	out_init();
	tsvin_open(&in, argc - optind, argv + optind);
	col_model = column_index(&in, opt.model, "-m");
	/* The default params column is used only when the header has it. */
	if (opt.params_given || (in.has_header &&
	    column_exists(&in, opt.params))) {
		col_params = column_index(&in, opt.params, "-p");
		have_params = true;
	}
	write_header(&in, added, 2);
	while (tsvin_next(&in, &fs)) {
		const struct field *m = &fs.f[col_model];
		const struct field *p = have_params ? &fs.f[col_params] : NULL;
		/* Both compared, so that both are kept for the next row. */
		bool same_model = bytes_equal(&last_model, m->p, m->len);
		bool same_params = !p || bytes_equal(&last_params, p->p, p->len);

		if (!same_model || !same_params) {
			cells_len = resolve(&in, m, p, col_params, cells);
			bytes_set(&last_model, m->p, m->len);
			if (p)
				bytes_set(&last_params, p->p, p->len);
		}
		write_row_plus(&fs, cells, cells_len);
	}
	out_finish();
	tsvin_close(&in);
	intern_free(&table);
	text_free(&table_text);
	free(table_cells);
	bytes_free(&last_model);
	bytes_free(&last_params);
	free(fs.f);
	return 0;
}
