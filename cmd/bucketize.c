/* bucketize: append each model's size in billions and its size bucket.
 *
 * The size comes from, in order: an override table (-s), the params column
 * (a raw parameter count, or billions with --billions), or the model name
 * (Llama-3.1-8B-Instruct is 8, SmolLM2-135M is 0.135), following the
 * convention of the tracked-models registry (metadata/model_sizes.py). */
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "hash.h"
#include "num.h"
#include "out.h"
#include "table.h"
#include "tsv.h"
#include "version.h"

enum { MAX_BUCKETS = 32 };

struct options {
	const char *model, *params, *sizes;
	bool params_given, billions, no_names;
	double edges[MAX_BUCKETS];
	size_t nedges;
	char *labels[MAX_BUCKETS + 1];
	size_t nlabels;
};

static struct options opt = {
	.model = "model", .params = "params",
	.edges = { 1, 5, 10, 50, 100, 250 }, .nedges = 6,
	.labels = { "<1B", "1-5B", "7-9B", "10-50B", "50-100B", "100-250B",
	    "250B+" }, .nlabels = 7,
};

/* A resolved size: the value compared with the edges, and how to write it. */
struct size {
	bool known;
	double billions;
	uint64_t count;		/* when from a raw parameter count */
	bool from_count;
};

static struct strmap table;
static double *table_sizes;
static size_t table_n, table_cap;

static void
usage(void)
{
	printf(
"Usage: bucketize [-m COL] [-p COL] [-s FILE] [--billions] [--no-names]\n"
"                 [--edges LIST] [--labels LIST] [FILE ...]\n"
"Append size_b (total parameters, billions) and bucket to each row.\n"
"\n"
"  -m, --model COL      model column (default: model)\n"
"  -p, --params COL     parameter count column (default: params, if present)\n"
"      --billions       the params column is already in billions\n"
"  -s, --sizes FILE     override table, CSV or TSV with model_id and\n"
"                       total_params_b columns (checked first)\n"
"      --no-names       do not read sizes from model names\n"
"      --edges LIST     bucket upper edges in billions (1,5,10,50,100,250)\n"
"      --labels LIST    bucket names, one more than edges\n"
"                       (<1B,1-5B,7-9B,10-50B,50-100B,100-250B,250B+)\n"
"  -h, --help           show this help and exit\n"
"      --version        show the version and exit\n"
"\n"
"Order: table, then params, then the name (a -/_ token like 8B, 0.5B, or\n"
"135M).  Unknown sizes give empty cells.  Exit status: 0 success, 1 bad\n"
"data or I/O, 2 bad usage.  See bucketize(1).\n");
}

/* Matches NUM X at s[i..] (NUM = digits, optionally '.' and digits; X the
 * unit letter in either case) and returns the index after X, or 0. */
static size_t
number_unit(const char *s, size_t n, size_t i, char unit, double *v)
{
	size_t start = i;
	char tmp[64];

	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == start)
		return 0;
	if (i < n && s[i] == '.') {
		i++;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (i >= n || (s[i] != unit && s[i] != unit + ('a' - 'A')))
		return 0;
	if (i - start >= sizeof tmp)
		return 0;
	memcpy(tmp, s + start, i - start);
	tmp[i - start] = '\0';
	*v = strtod(tmp, NULL);
	return i + 1;
}

static bool
is_sep(char c)
{
	return c == '-' || c == '_';
}

/* A size token with the given unit: inside the name first, then at its
 * end, then at its start, as the registry's model_sizes.py tries them. */
static bool
token(const char *s, size_t n, char unit, double *v)
{
	size_t i, e;

	for (i = 0; i < n; i++)
		if (is_sep(s[i]) && (e = number_unit(s, n, i + 1, unit, v)) &&
		    e < n && is_sep(s[e]))
			return true;
	for (i = 0; i < n; i++)
		if (is_sep(s[i]) && (e = number_unit(s, n, i + 1, unit, v)) &&
		    e == n)
			return true;
	if ((e = number_unit(s, n, 0, unit, v)) && e < n && is_sep(s[e]))
		return true;
	return false;
}

/* Size in billions from a model id's name part: a B token, else (only
 * then) an M token for millions.  T (training tokens) is never read. */
static bool
size_from_name(const char *id, size_t n, double *v)
{
	const char *slash = memchr(id, '/', n);
	const char *name = id;

	while (slash) {
		name = slash + 1;
		slash = memchr(name, '/', n - (size_t)(name - id));
	}
	n -= (size_t)(name - id);
	if (token(name, n, 'B', v))
		return true;
	if (token(name, n, 'M', v)) {
		*v /= 1000;
		return true;
	}
	return false;
}

static void
load_sizes(const char *path)
{
	static const char *const names[] = { "model_id", "total_params_b" };
	struct table t;
	struct field f[2];

	table_open(&t, path, names, 2);
	while (table_next(&t, f)) {
		double v;
		bool added;
		uint32_t *slot;
		enum num_status st;

		if (f[1].len == 0)
			continue;	/* no size given: no override */
		st = parse_decimal(f[1].p, f[1].len, &v);
		if (st != NUM_OK || v < 0)
			die_at(path, t.lineno, "total_params_b %s is not a size "
			    "in billions", quote(f[1].p, f[1].len));
		slot = strmap_put(&table, f[0].p, f[0].len, &added);
		if (added) {
			if (table_n == table_cap) {
				table_cap = table_cap ? table_cap * 2 : 256;
				table_sizes = xrealloc(table_sizes,
				    table_cap * sizeof *table_sizes);
			}
			*slot = (uint32_t)table_n++;
		}
		table_sizes[*slot] = v;	/* a later row wins */
	}
	table_close(&t);
}

static struct size
resolve(const struct tsvin *in, const struct field *model,
    const struct field *params, size_t params_col)
{
	struct size sz = { 0 };
	uint32_t *slot;

	if (table.n && (slot = strmap_get(&table, model->p, model->len))) {
		sz.billions = table_sizes[*slot];
		sz.known = sz.billions > 0;
		if (sz.known)
			return sz;
	}
	if (params && params->len > 0) {
		if (opt.billions) {
			enum num_status st = parse_decimal(params->p,
			    params->len, &sz.billions);

			if (st != NUM_OK || sz.billions < 0)
				die_at(tsvin_name(in), tsvin_line(in), "column %s: "
				    "%s is not a size in billions",
				    column_name(in, params_col),
				    quote(params->p, params->len));
		} else {
			sz.count = field_count(in, params, params_col);
			sz.billions = (double)sz.count / 1e9;
			sz.from_count = true;
		}
		sz.known = sz.billions > 0;
		if (sz.known)
			return sz;
		sz.from_count = false;
	}
	if (!opt.no_names && size_from_name(model->p, model->len, &sz.billions))
		sz.known = sz.billions > 0;
	return sz;
}

static const char *
bucket_of(double b)
{
	size_t i;

	for (i = 0; i < opt.nedges; i++)
		if (b < opt.edges[i])
			return opt.labels[i];
	return opt.labels[opt.nedges];
}

/* The two added cells, "size_b<TAB>bucket", into buf (at least 128 bytes):
 * a raw count is written in billions exactly, its decimal point moved nine
 * places; other sizes to nine decimals, trailing zeros dropped. */
static size_t
format_cells(const struct size *sz, char *buf)
{
	int n;

	if (!sz->known) {
		buf[0] = '\t';
		return 1;
	}
	if (sz->from_count) {
		uint64_t frac = sz->count % 1000000000u;

		n = snprintf(buf, 64, "%llu.%09llu",
		    (unsigned long long)(sz->count / 1000000000u),
		    (unsigned long long)frac);
	} else {
		n = snprintf(buf, 64, "%.9f", sz->billions);
	}
	while (buf[n - 1] == '0')
		n--;
	if (buf[n - 1] == '.')
		n--;
	n += snprintf(buf + n, 64, "\t%s", bucket_of(sz->billions));
	return (size_t)n;
}

static void
parse_edges(const char *list)
{
	char *items[MAX_BUCKETS + 1];
	size_t i, n = split_list(list, items, MAX_BUCKETS, "--edges");

	for (i = 0; i < n; i++) {
		if (parse_decimal(items[i], strlen(items[i]), &opt.edges[i]) !=
		    NUM_OK || opt.edges[i] <= 0)
			die_usage("--edges %s: '%s' is not a positive number",
			    list, items[i]);
		if (i > 0 && opt.edges[i] <= opt.edges[i - 1])
			die_usage("--edges %s: edges must increase", list);
	}
	opt.nedges = n;
	free(items[0]);		/* the list's copy: items point into it */
}

static void
parse_options(int argc, char **argv)
{
	enum { OPT_BILLIONS = 256, OPT_NO_NAMES, OPT_EDGES, OPT_LABELS,
	    OPT_VERSION };
	static const struct option longopts[] = {
		{ "model", required_argument, NULL, 'm' },
		{ "params", required_argument, NULL, 'p' },
		{ "sizes", required_argument, NULL, 's' },
		{ "billions", no_argument, NULL, OPT_BILLIONS },
		{ "no-names", no_argument, NULL, OPT_NO_NAMES },
		{ "edges", required_argument, NULL, OPT_EDGES },
		{ "labels", required_argument, NULL, OPT_LABELS },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	const char *labels = NULL;
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":m:p:s:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'm': opt.model = optarg; break;
		case 'p': opt.params = optarg; opt.params_given = true; break;
		case 's': opt.sizes = optarg; break;
		case OPT_BILLIONS: opt.billions = true; break;
		case OPT_NO_NAMES: opt.no_names = true; break;
		case OPT_EDGES: parse_edges(optarg); break;
		case OPT_LABELS: labels = optarg; break;
		case 'h': usage(); exit_help();
		case OPT_VERSION:
			printf("bucketize %s\n", HFSNAP_VERSION);
			exit_help();
		default: die_option(c, argv);
		}
	}
	if (labels)
		opt.nlabels = split_list(labels, opt.labels, MAX_BUCKETS + 1,
		    "--labels");
	for (size_t i = 0; i < opt.nlabels; i++)
		if (strlen(opt.labels[i]) > 60 || strpbrk(opt.labels[i], "\t\n"))
			die_usage("--labels: '%.60s' is longer than 60 bytes or "
			    "holds a TAB or line break", opt.labels[i]);
	if (opt.nlabels != opt.nedges + 1)
		die_usage("--labels gives %zu names for %zu edges: it needs "
		    "one more name than edges", opt.nlabels, opt.nedges);
}

int
main(int argc, char **argv)
{
	static const char *const added[] = { "size_b", "bucket" };
	struct tsvin in;
	struct fields fs = { 0 };
	size_t col_model, col_params = 0;
	bool have_params = false;
	/* The last row's model and params, and its answer: series input
	 * repeats a model on every day. */
	char *last = NULL;
	size_t last_len = 0, last_cap = 0;
	struct size sz = { 0 };
	char cells[128];
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
		const struct field *m, *p;
		size_t key_len;

		m = &fs.f[col_model];
		p = have_params ? &fs.f[col_params] : NULL;
		key_len = m->len + 1 + (p ? p->len : 0);
		if (!last || key_len != last_len || memcmp(last, m->p, m->len) ||
		    (p && memcmp(last + m->len + 1, p->p, p->len))) {
			sz = resolve(&in, m, p, col_params);
			cells_len = format_cells(&sz, cells);
			if (last_cap < key_len) {
				last_cap = key_len * 2;
				last = xrealloc(last, last_cap);
			}
			memcpy(last, m->p, m->len);
			last[m->len] = '\t';
			if (p)
				memcpy(last + m->len + 1, p->p, p->len);
			last_len = key_len;
		}
		out_write(fs.f[0].p, (size_t)(fs.f[fs.n - 1].p +
		    fs.f[fs.n - 1].len - fs.f[0].p));
		out_char('\t');
		out_write(cells, cells_len);
		out_endrow();
	}
	out_finish();
	tsvin_close(&in);
	strmap_free(&table);
	free(table_sizes);
	free(last);
	free(fs.f);
	return 0;
}
