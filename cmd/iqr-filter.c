/* iqr-filter: take one-day download spikes out of each model's series.
 *
 * Per model (input grouped by model, dates ascending), the increments of
 * the cumulative count become per-day rates (an increment over a gap of g
 * days counts g days); negative increments are set to 0; a rate above
 * Q3 + F*IQR of the model's rates (Hyndman-Fan type 7 quartiles) is a
 * spike, replaced by the model's median rate times its span; the series is
 * then re-accumulated from its first value.  One model is held at a time. */
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "err.h"
#include "group.h"
#include "num.h"
#include "out.h"
#include "stats.h"
#include "tsv.h"
#include "version.h"

struct options {
	const char *model, *date, *value;
	double factor;
	size_t min_points;
	bool mark, stats;
};

/* One input row of the current model: its text is kept in `text`. */
struct row {
	size_t off, len;	/* the line */
	size_t voff, vlen;	/* the value field within it */
	day_t date;
	bool has;		/* the value cell is not empty */
	uint64_t value;
	uint64_t out;		/* the value to write */
	bool spike;
};

struct series {
	char *text;
	size_t len, cap;
	struct row *rows;
	size_t n, rcap;
	double *rates, *sorted;
	size_t ratecap;
	size_t model_off, model_len;	/* of the first row */
};

static struct options opt = {
	.model = "model", .date = "date", .value = "downloads",
	.factor = 1.5, .min_points = 4,
};
static size_t col_model, col_date, col_value;

static void
usage(void)
{
	printf(
"Usage: iqr-filter [-m COL] [-t COL] [-v COL] [-f F] [--min-points N]\n"
"                  [--mark | --stats] [FILE ...]\n"
"Replace one-day spikes in each model's cumulative download series.\n"
"Input: grouped by model, dates ascending (LC_ALL=C sort of hfsnap-parse).\n"
"\n"
"  -m, --model COL      model column (default: model)\n"
"  -t, --date COL       date column (default: date)\n"
"  -v, --value COL      cumulative count column (default: downloads)\n"
"  -f, --factor F       spike fence Q3 + F*IQR of per-day rates (default 1.5)\n"
"      --min-points N   models with fewer increments pass unchanged (4)\n"
"      --mark           append an 'outlier' column: 1 where replaced\n"
"      --stats          one row per model: model n q1 median q3 iqr fence\n"
"                       spikes negatives (statistics of per-day rates)\n"
"  -h, --help           show this help and exit\n"
"      --version        show the version and exit\n"
"\n"
"COL is a header name or a 1-based number.  Quartiles are type 7 (R's\n"
"default).  Exit status: 0 success, 1 bad data or I/O, 2 bad usage.\n"
"See iqr-filter(1).\n");
}

static void *
grow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	while (*cap < need)
		*cap = *cap ? *cap * 2 : 256;
	return xrealloc(p, *cap * size);
}

/* Copies the row tsvin returned into the series. */
static void
keep_row(struct series *s, const struct fields *fs, day_t date, bool has,
    uint64_t value)
{
	const char *start = fs->f[0].p;
	const char *end = fs->f[fs->n - 1].p + fs->f[fs->n - 1].len;
	size_t len = (size_t)(end - start);
	struct row *r;

	s->text = grow(s->text, &s->cap, s->len + len, 1);
	s->rows = grow(s->rows, &s->rcap, s->n + 1, sizeof *s->rows);
	r = &s->rows[s->n++];
	memcpy(s->text + s->len, start, len);
	r->off = s->len;
	r->len = len;
	r->voff = (size_t)(fs->f[col_value].p - start);
	r->vlen = fs->f[col_value].len;
	r->date = date;
	r->has = has;
	r->value = r->out = value;
	r->spike = false;
	if (s->n == 1) {
		s->model_off = r->off + (size_t)(fs->f[col_model].p - start);
		s->model_len = fs->f[col_model].len;
	}
	s->len += len;
}

struct summary {
	size_t n, spikes, negatives;
	double q1, median, q3, iqr, fence;
	bool filtered;
};

/* Works out the statistics and the values to write; see the top comment. */
static struct summary
filter(struct series *s, const struct tsvin *in)
{
	struct summary sum = { 0 };
	size_t i, k, prev = SIZE_MAX;

	s->rates = grow(s->rates, &s->ratecap, s->n, sizeof *s->rates);
	s->sorted = xrealloc(s->sorted, s->ratecap * sizeof *s->sorted);
	/* Per-day rates of the increments, negatives first set to 0. */
	for (i = 0, k = 0; i < s->n; i++) {
		struct row *r = &s->rows[i];

		if (!r->has)
			continue;
		if (prev != SIZE_MAX) {
			const struct row *p = &s->rows[prev];
			double inc = r->value >= p->value ?
			    (double)(r->value - p->value) : 0;

			if (r->value < p->value)
				sum.negatives++;
			s->rates[k++] = inc / (double)(r->date - p->date);
		}
		prev = i;
	}
	sum.n = k;
	if (k < opt.min_points || k == 0)
		return sum;
	sum.filtered = true;
	memcpy(s->sorted, s->rates, k * sizeof *s->sorted);
	sort_doubles(s->sorted, k);
	sum.q1 = quantile7(s->sorted, k, 0.25);
	sum.median = quantile7(s->sorted, k, 0.5);
	sum.q3 = quantile7(s->sorted, k, 0.75);
	sum.iqr = sum.q3 - sum.q1;
	sum.fence = sum.q3 + opt.factor * sum.iqr;

	/* Re-accumulate from the first value. */
	prev = SIZE_MAX;
	for (i = 0, k = 0; i < s->n; i++) {
		struct row *r = &s->rows[i];
		uint64_t inc;

		if (!r->has)
			continue;
		if (prev == SIZE_MAX) {
			prev = i;
			continue;
		}
		if (s->rates[k] > sum.fence) {
			r->spike = true;
			sum.spikes++;
			inc = (uint64_t)round_half_away(sum.median *
			    (double)(r->date - s->rows[prev].date));
		} else {
			inc = r->value >= s->rows[prev].value ?
			    r->value - s->rows[prev].value : 0;
		}
		k++;
		r->out = s->rows[prev].out + inc;
		if (r->out < inc || r->out > (uint64_t)COUNT_MAX)
			die_at(tsvin_name(in), tsvin_line(in), "model %s: the "
			    "re-accumulated count passes 2^63-1",
			    quote(s->text + s->model_off, s->model_len));
		prev = i;
	}
	return sum;
}

static void
write_stats(const struct series *s, const struct summary *sum)
{
	out_write(s->text + s->model_off, s->model_len);
	out_char('\t');
	out_u64(sum->n);
	if (sum->filtered) {
		const double v[5] = {
			sum->q1, sum->median, sum->q3, sum->iqr, sum->fence
		};
		int i;

		for (i = 0; i < 5; i++) {
			out_char('\t');
			out_double(v[i], 6);
		}
		out_char('\t');
		out_u64(sum->spikes);
	} else {
		out_write("\t\t\t\t\t\t", 6);
	}
	out_char('\t');
	out_u64(sum->negatives);
	out_endrow();
}

static void
write_rows(const struct series *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		const struct row *r = &s->rows[i];
		const char *line = s->text + r->off;

		if (r->has && r->out != r->value) {
			out_write(line, r->voff);
			out_u64(r->out);
			out_write(line + r->voff + r->vlen,
			    r->len - r->voff - r->vlen);
		} else {
			out_write(line, r->len);
		}
		if (opt.mark) {
			out_char('\t');
			if (r->has)
				out_char(r->spike ? '1' : '0');
		}
		out_endrow();
	}
}

static void
finish_model(struct series *s, const struct tsvin *in)
{
	struct summary sum;

	if (s->n == 0)
		return;
	sum = filter(s, in);
	if (opt.stats)
		write_stats(s, &sum);
	else
		write_rows(s);
	s->n = 0;
	s->len = 0;
}

static void
parse_options(int argc, char **argv)
{
	enum { OPT_MIN_POINTS = 256, OPT_MARK, OPT_STATS, OPT_VERSION };
	static const struct option longopts[] = {
		{ "model", required_argument, NULL, 'm' },
		{ "date", required_argument, NULL, 't' },
		{ "value", required_argument, NULL, 'v' },
		{ "factor", required_argument, NULL, 'f' },
		{ "min-points", required_argument, NULL, OPT_MIN_POINTS },
		{ "mark", no_argument, NULL, OPT_MARK },
		{ "stats", no_argument, NULL, OPT_STATS },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	int c;
	uint64_t n;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":m:t:v:f:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'm': opt.model = optarg; break;
		case 't': opt.date = optarg; break;
		case 'v': opt.value = optarg; break;
		case 'f':
			if (parse_decimal(optarg, strlen(optarg), &opt.factor) !=
			    NUM_OK || opt.factor < 0)
				die_usage("-f %s: the factor must be a number of "
				    "0 or more", optarg);
			break;
		case OPT_MIN_POINTS:
			if (parse_count(optarg, strlen(optarg), &n) != NUM_OK ||
			    n < 1 || n > 1000000)
				die_usage("--min-points %s: must be a whole number "
				    "from 1 to 1000000", optarg);
			opt.min_points = (size_t)n;
			break;
		case OPT_MARK: opt.mark = true; break;
		case OPT_STATS: opt.stats = true; break;
		case 'h': usage(); exit_help();
		case OPT_VERSION:
			printf("iqr-filter %s\n", HFSNAP_VERSION);
			exit_help();
		default: die_option(c, argv);
		}
	}
	if (opt.mark && opt.stats)
		die_usage("--mark and --stats cannot be used together: --stats "
		    "writes one row per model, not the rows to mark");
}

int
main(int argc, char **argv)
{
	static const char *const stats_names[] = {
		"n", "q1", "median", "q3", "iqr", "fence", "spikes", "negatives"
	};
	static const char *const mark_name[] = { "outlier" };
	struct tsvin in;
	struct fields fs = { 0 };
	struct series s = { 0 };
	struct grouping g = { 0 };

	err_init(argv[0]);
	parse_options(argc, argv);
	out_init();
	tsvin_open(&in, argc - optind, argv + optind);
	col_model = column_index(&in, opt.model, "-m");
	col_date = column_index(&in, opt.date, "-t");
	col_value = column_index(&in, opt.value, "-v");

	if (opt.stats && in.has_header) {
		size_t i;

		out_char('#');
		out_str(column_name(&in, col_model));
		for (i = 0; i < 8; i++) {
			out_char('\t');
			out_str(stats_names[i]);
		}
		out_endrow();
	} else if (!opt.stats) {
		write_header(&in, mark_name, opt.mark ? 1 : 0);
	}

	while (tsvin_next(&in, &fs)) {
		const struct field *m, *v;
		day_t date;
		bool has;
		uint64_t value = 0;

		m = &fs.f[col_model];
		v = &fs.f[col_value];
		date = field_date(&in, &fs.f[col_date], col_date);
		if (group_is_new(&g, &in, m->p, m->len, date)) {
			finish_model(&s, &in);
			group_enter(&g, &in, m->p, m->len, date);
		}
		has = v->len > 0;
		if (has)
			value = field_count(&in, v, col_value);
		keep_row(&s, &fs, date, has, value);
	}
	finish_model(&s, &in);
	out_finish();
	tsvin_close(&in);
	group_free(&g);
	free(fs.f);
	free(s.text);
	free(s.rows);
	free(s.rates);
	free(s.sorted);
	return 0;
}
