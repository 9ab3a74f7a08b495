/* bucketize: append each model's size in billions and its size bucket.
 *
 * The size comes from, in order: an override table (-s), the params column
 * (a raw parameter count, or billions with --billions), or the model name
 * (Llama-3.1-8B-Instruct is 8, SmolLM2-135M is 0.135), following the
 * convention of the tracked-models registry (metadata/model_sizes.py). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "err.h"
#include "hash.h"
#include "mem.h"
#include "num.h"
#include "out.h"
#include "row.h"
#include "table.h"
#include "tsv.h"

enum {
	MAX_BUCKETS = 32,
	MAX_LABEL = 60,		/* bytes in a bucket label */
	MAX_WHOLE = 320,	/* integer digits of a size: 10^309 is past any
				   decimal that parse_decimal takes */
	FRAC = 10,		/* decimals kept: nine to print, one to round */
	MAX_CELLS = MAX_WHOLE + 2 + FRAC + 1 + MAX_LABEL + 1
};

/* An exact non-negative decimal, as much of it as bucketing and printing
 * need: the integer part and the first ten decimals.  Ten are enough
 * because every edge has at most nine decimals: a value whose first nine
 * decimals equal an edge's is at or above it, whatever follows; the tenth
 * rounds the ninth. */
struct dec {
	char whole[MAX_WHOLE + 1];	/* digits, no leading zero; "" is 0 */
	size_t nwhole;
	char frac[FRAC];		/* decimals 1 to 10, '0' padded */
	bool nonzero;			/* some digit, anywhere, is not 0 */
	bool tail;			/* a digit past decimal 10 is not 0 */
};

struct options {
	const char *model, *params, *sizes, *unknown;
	bool params_given, billions, no_names;
	struct dec edges[MAX_BUCKETS];
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

/* The exact value of s[0..n) times 10^shift into d: s is a decimal that
 * parse_decimal accepted ([+-]digits[.digits][e[+-]digits], or .digits;
 * at most 127 bytes) or plain digits[.digits].  Returns false when s is
 * not all such a number, or its value is negative (and not zero) or too
 * large to write out. */
static bool
dec_read(struct dec *d, const char *s, size_t n, int shift)
{
	char digits[128];
	size_t i = 0, nd = 0, lead = 0, k;
	long point, exp = 0;
	bool negative = false, exp_negative = false;

	memset(d, 0, sizeof *d);
	memset(d->frac, '0', FRAC);
	if (i < n && (s[i] == '+' || s[i] == '-'))
		negative = s[i++] == '-';
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		if (nd < sizeof digits)
			digits[nd++] = s[i];
	point = (long)nd;
	if (i < n && s[i] == '.')
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			if (nd < sizeof digits)
				digits[nd++] = s[i];
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			exp_negative = s[i++] == '-';
		/* Held at a million, far past any exponent that matters. */
		for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			if (exp < 1000000)
				exp = exp * 10 + (s[i] - '0');
		if (exp_negative)
			exp = -exp;
	}
	if (i != n)
		return false;
	/* value = 0.DIGITS x 10^point: drop leading zeros. */
	point += exp + shift;
	while (lead < nd && digits[lead] == '0')
		lead++, point--;
	for (k = lead; k < nd; k++)
		if (digits[k] != '0')
			d->nonzero = true;
	if (!d->nonzero)
		return true;
	if (negative)
		return false;
	if (point > MAX_WHOLE)
		return false;
	for (k = lead; k < nd; k++) {
		/* Decimal at + 1, or a whole digit when at < 0. */
		long at = (long)(k - lead) - point;

		if (at < 0)
			continue;
		if (at < FRAC)
			d->frac[at] = digits[k];
		else if (digits[k] != '0')
			d->tail = true;
	}
	if (point > 0) {
		d->nwhole = (size_t)point;
		for (k = 0; k < d->nwhole; k++)
			d->whole[k] = lead + k < nd ? digits[lead + k] : '0';
	}
	return true;
}

/* Negative, zero or positive as a is below, equal to or above b, looking
 * at the integer part and ten decimals only. */
static int
dec_cmp(const struct dec *a, const struct dec *b)
{
	int c;

	if (a->nwhole != b->nwhole)
		return a->nwhole < b->nwhole ? -1 : 1;
	if ((c = memcmp(a->whole, b->whole, a->nwhole)) != 0)
		return c;
	return memcmp(a->frac, b->frac, FRAC);
}

/* The index of the bucket of d: the first whose upper edge is above it. */
static size_t
bucket_of(const struct dec *d)
{
	size_t i;

	for (i = 0; i < opt.nedges; i++)
		if (dec_cmp(d, &opt.edges[i]) < 0)
			break;
	return i;
}

/* d cut to nine decimals, then rounded half up at the ninth when its
 * tenth is 5 or more: a 1 is carried up from the ninth decimal. */
static void
round9(struct dec *d)
{
	size_t k = FRAC - 1;
	bool up = d->frac[k] >= '5';

	d->frac[k] = '0';
	d->tail = false;
	while (up && k-- > 0) {
		if (d->frac[k] == '9') {
			d->frac[k] = '0';
		} else {
			d->frac[k]++;
			up = false;
		}
	}
	for (k = d->nwhole; up && k-- > 0;) {
		if (d->whole[k] == '9') {
			d->whole[k] = '0';
		} else {
			d->whole[k]++;
			up = false;
		}
	}
	if (up) {
		memmove(d->whole + 1, d->whole, d->nwhole++);
		d->whole[0] = '1';
	}
}

/* The two added cells, "size_b<TAB>bucket", of a known size, into buf
 * (MAX_CELLS bytes).  The size is written to nine decimals, rounded half
 * up, trailing zeros dropped; where rounding up would carry it to the
 * next bucket's edge (4.9999999999 to 5), it is cut at nine decimals
 * instead (4.999999999), so a size always lies in the bucket written
 * beside it.  The bucket comes from the exact value. */
static size_t
format_known(const struct dec *d, char *buf)
{
	size_t b = bucket_of(d), n = 0, nfrac = FRAC - 1;
	struct dec r = *d;

	round9(&r);
	if (b < opt.nedges && dec_cmp(&r, &opt.edges[b]) >= 0) {
		r = *d;
		r.frac[FRAC - 1] = '0';
	}
	if (r.nwhole == 0)
		buf[n++] = '0';
	memcpy(buf + n, r.whole, r.nwhole);
	n += r.nwhole;
	while (nfrac > 0 && r.frac[nfrac - 1] == '0')
		nfrac--;
	if (nfrac > 0) {
		buf[n++] = '.';
		memcpy(buf + n, r.frac, nfrac);
		n += nfrac;
	}
	buf[n++] = '\t';
	memcpy(buf + n, opt.labels[b], strlen(opt.labels[b]));
	return n + strlen(opt.labels[b]);
}

/* Matches NUM X at s[i..] (NUM = digits, optionally '.' and at least one
 * digit; X the unit letter in either case) and returns the index after X,
 * or 0; *len is the length of NUM. */
static size_t
number_unit(const char *s, size_t n, size_t i, char unit, size_t *len)
{
	size_t start = i;

	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == start)
		return 0;
	if (i < n && s[i] == '.') {
		size_t point = ++i;

		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == point)
			return 0;	/* "5.B" is no token */
	}
	if (i >= n || (s[i] != unit && s[i] != unit + ('a' - 'A')))
		return 0;
	if (i - start >= 64)
		return 0;
	*len = i - start;
	return i + 1;
}

static bool
is_sep(char c)
{
	return c == '-' || c == '_';
}

/* A size token with the given unit: inside the name first, then at its
 * end, then at its start, as the registry's model_sizes.py tries them.
 * Returns the offset of its number, or -1; *len is the number's length. */
static long
token(const char *s, size_t n, char unit, size_t *len)
{
	size_t i, e;

	for (i = 0; i < n; i++)
		if (is_sep(s[i]) && (e = number_unit(s, n, i + 1, unit, len)) &&
		    e < n && is_sep(s[e]))
			return (long)i + 1;
	for (i = 0; i < n; i++)
		if (is_sep(s[i]) && (e = number_unit(s, n, i + 1, unit, len)) &&
		    e == n)
			return (long)i + 1;
	if ((e = number_unit(s, n, 0, unit, len)) && e < n && is_sep(s[e]))
		return 0;
	return -1;
}

/* Size in billions from a model id's name part: a B token, else (only
 * then) an M token for millions.  T (training tokens) is never read. */
static bool
size_from_name(const char *id, size_t n, struct dec *d)
{
	const char *slash = memchr(id, '/', n);
	const char *name = id;
	size_t len;
	long at;

	while (slash) {
		name = slash + 1;
		slash = memchr(name, '/', n - (size_t)(name - id));
	}
	n -= (size_t)(name - id);
	if ((at = token(name, n, 'B', &len)) >= 0)
		return dec_read(d, name + at, len, 0);
	if ((at = token(name, n, 'M', &len)) >= 0)
		return dec_read(d, name + at, len, -3);
	return false;
}

/* A size in billions written as a decimal (the table, --billions): true
 * when s[0..n) is one, not negative. */
static bool
billions(const char *s, size_t n, struct dec *d)
{
	double v;

	return parse_decimal(s, n, &v) == NUM_OK && dec_read(d, s, n, 0);
}

static void
load_sizes(const char *path)
{
	static const char *const names[] = { "model_id", "total_params_b" };
	struct table t;
	struct field f[2];

	table_open(&t, path, names, 2);
	while (table_next(&t, f)) {
		struct dec d;
		char cells[MAX_CELLS];
		size_t len = 0, id;

		if (f[1].len == 0)
			continue;	/* no size given: no override */
		if (!billions(f[1].p, f[1].len, &d))
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
	struct dec d;
	size_t n, id;

	if (table.n && (id = intern_get(&table, model->p, model->len)) !=
	    INTERN_NONE && table_cells[id].len > 0) {
		memcpy(buf, table_text.p + table_cells[id].off,
		    table_cells[id].len);
		return table_cells[id].len;
	}
	if (params && params->len > 0) {
		if (opt.billions) {
			if (!billions(params->p, params->len, &d))
				die_at(tsvin_name(in), tsvin_line(in), "column %s: "
				    "%s is not a size in billions",
				    column_name(in, params_col),
				    quote(params->p, params->len));
		} else {
			char count[24];
			int len = snprintf(count, sizeof count, "%llu",
			    (unsigned long long)field_count(in, params,
			    params_col));

			dec_read(&d, count, (size_t)len, -9);
		}
		if (d.nonzero)
			return format_known(&d, buf);
	}
	if (!opt.no_names && size_from_name(model->p, model->len, &d) &&
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
		struct dec *e = &opt.edges[i];

		if (!billions(items[i], strlen(items[i]), e) || !e->nonzero)
			die_usage("--edges %s: '%s' is not a positive number",
			    list, items[i]);
		if (e->frac[FRAC - 1] != '0' || e->tail)
			die_usage("--edges %s: '%s' has more than nine "
			    "decimals", list, items[i]);
		if (i > 0 && dec_cmp(e, &opt.edges[i - 1]) <= 0)
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
