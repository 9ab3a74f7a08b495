/* iqr-filter: take one-day download spikes out of each model's series.
 *
 * Per model (input grouped by model, dates ascending), the increments of
 * the cumulative count become per-day rates (an increment over a gap of g
 * days counts g days; a negative one counts 0).  A day's rate above the
 * fence Q3 + F*max(IQR, 1) is a spike: the quartiles (type 7, exact) are
 * of the rates within --window N days of that day, or with N = 0 of the
 * model's.  An increment right after a run of increments of 0 (a count
 * the Hub did not refresh) is tested at its rate over the run and itself,
 * so a catch-up is not a spike.  A model without a spike is written as it
 * came.  In a model with one, a spike's increment becomes the median rate
 * (of the window, or of the model) times its span; a fall right after a
 * spike takes the count back to its own value less what was taken off
 * before the spike (the spike was a glitch); other falls become 0; the
 * series is re-accumulated from its first value.  One model is held at a
 * time. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "date.h"
#include "err.h"
#include "exact.h"
#include "group.h"
#include "mem.h"
#include "num.h"
#include "out.h"
#include "row.h"
#include "tsv.h"

/* The defaults come from the audit in examples/audit (see iqr-filter(1)):
 * a whole-series fence at Tukey's 1.5 cuts launch peaks. */
#define DEFAULT_FACTOR "5"
#define DEFAULT_WINDOW 7

/* An IQR below one download a day counts as one: counts are whole, and
 * quartiles of a model with a download every few days are 0 (or equal),
 * which would make every day with a download a spike. */
enum { MAX_WINDOW = 100000, MIN_IQR = 1 };

struct options {
	const char *model, *date, *value;
	uint64_t fnum, fden;	/* the fence factor F = fnum / fden */
	size_t min_points;
	day_t window;		/* days on either side; 0: the whole series */
	bool mark, stats;
};

/* One input row of the current model: its text is kept in `text`. */
struct row {
	size_t off, len;	/* the line, in text */
	size_t voff, vlen;	/* the value field within it */
	const char *file;	/* where it came from, for messages */
	long long line;
	day_t date;
	bool has;		/* the value cell is not empty */
	uint64_t value;
	uint64_t out;		/* the value to write */
	bool spike;
};

/* One increment: from row `from` to row `to` (the rows with values). */
struct step {
	size_t from, to;
	struct rate rate;	/* per-day rate, 0 for a negative increment */
	struct rate test;	/* the rate tested: over a run of 0s before it too */
	bool negative;
	bool spike;
	struct frac median;	/* the median it is replaced by, if a spike */
};

struct series {
	struct text text;
	struct row *rows;
	size_t n, rcap;
	struct step *steps;
	struct rate *sorted, *window;
	size_t scap;
	size_t model_off, model_len;	/* of the first row */
};

static struct options opt = {
	.model = "model", .date = "date", .value = "downloads",
	.min_points = 4, .window = DEFAULT_WINDOW,
};
static size_t col_model, col_date, col_value;

static void
usage(void)
{
	printf(
"Usage: iqr-filter [-m COL] [-t COL] [-v COL] [-f F] [-w N]\n"
"                  [--min-points N] [--mark | --stats] [FILE ...]\n"
"Replace one-day spikes in each model's cumulative download series.\n"
"Input: grouped by model, dates ascending (LC_ALL=C sort of hfsnap-parse).\n"
"\n"
"  -m, --model COL      model column (default: model)\n"
"  -t, --date COL       date column (default: date)\n"
"  -v, --value COL      cumulative count column (default: downloads)\n"
"  -f, --factor F       spike fence Q3 + F*IQR of per-day rates (default "
DEFAULT_FACTOR ")\n"
"  -w, --window N       quartiles of the rates within N days of each day;\n"
"                       0: of the whole series (default %d)\n"
"      --min-points N   models (windows) with fewer increments: no spikes (4)\n"
"      --mark           append an 'outlier' column: 1 where replaced\n"
"      --stats          one row per model: model n q1 median q3 iqr fence\n"
"                       spikes negatives (statistics of per-day rates)\n"
"  -h, --help           show this help and exit\n"
"      --version        show the version and exit\n"
"\n"
"COL is a header name or a 1-based number.  Quartiles are type 7 (R's\n"
"default).  Exit status: 0 success, 1 bad data or I/O, 2 bad usage.\n"
"See iqr-filter(1).\n", DEFAULT_WINDOW);
}

/* Copies the row tsvin returned into the series. */
static void
keep_row(struct series *s, const struct tsvin *in, const struct fields *fs,
    day_t date, bool has, uint64_t value)
{
	size_t len;
	const char *start = row_text(fs, &len);
	struct row *r;

	s->rows = grow(s->rows, &s->rcap, s->n + 1, sizeof *s->rows);
	r = &s->rows[s->n++];
	r->off = text_add(&s->text, start, len);
	r->len = len;
	r->voff = (size_t)(fs->f[col_value].p - start);
	r->vlen = fs->f[col_value].len;
	r->file = tsvin_name(in);
	r->line = tsvin_line(in);
	r->date = date;
	r->has = has;
	r->value = r->out = value;
	r->spike = false;
	if (s->n == 1) {
		s->model_off = r->off + (size_t)(fs->f[col_model].p - start);
		s->model_len = fs->f[col_model].len;
	}
}

struct summary {
	size_t n, spikes, negatives;
	struct frac q1, median, q3, iqr, fence;
	bool filtered;
};

/* The increments of the rows with a value, as per-day rates; returns how
 * many.  An increment right after a run of increments of 0 is tested at
 * its rate over the run's days and its own. */
static size_t
take_steps(struct series *s, size_t *negatives)
{
	size_t i, k = 0, prev = SIZE_MAX;
	uint32_t flat = 0;	/* days of the run of 0s just before */

	s->steps = grow(s->steps, &s->scap, s->n, sizeof *s->steps);
	s->sorted = xrealloc(s->sorted, s->scap * sizeof *s->sorted);
	s->window = xrealloc(s->window, s->scap * sizeof *s->window);
	for (i = 0; i < s->n; i++) {
		const struct row *r = &s->rows[i], *p;
		struct step *st;

		if (!r->has)
			continue;
		if (prev == SIZE_MAX) {
			prev = i;
			continue;
		}
		p = &s->rows[prev];
		st = &s->steps[k++];
		st->from = prev;
		st->to = i;
		st->negative = r->value < p->value;
		st->spike = false;
		st->rate.count = st->negative ? 0 : r->value - p->value;
		st->rate.days = (uint32_t)(r->date - p->date);
		st->test = st->rate;
		if (st->negative) {
			(*negatives)++;
			flat = 0;
		} else if (st->rate.count == 0) {
			flat += st->rate.days;
		} else {
			st->test.days += flat;
			flat = 0;
		}
		prev = i;
	}
	return k;
}

/* Removes one rate equal to x from the sorted window of n. */
static void
window_remove(struct rate *w, size_t n, struct rate x)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (rate_cmp(w[mid], x) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	memmove(w + lo, w + lo + 1, (n - lo - 1) * sizeof *w);
}

/* Inserts x into the sorted window of n. */
static void
window_insert(struct rate *w, size_t n, struct rate x)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (rate_cmp(w[mid], x) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	memmove(w + lo + 1, w + lo, (n - lo) * sizeof *w);
	w[lo] = x;
}

/* Marks the spikes under a fence of the quartiles of the rates within
 * opt.window days of each increment's day; returns how many. */
static size_t
local_spikes(struct series *s, size_t k)
{
	size_t j, lo = 0, hi = 0, n = 0, spikes = 0;

	for (j = 0; j < k; j++) {
		day_t d = s->rows[s->steps[j].to].date;
		struct fence fence;

		while (hi < k && s->rows[s->steps[hi].to].date <= d + opt.window)
			window_insert(s->window, n++, s->steps[hi++].rate);
		while (s->rows[s->steps[lo].to].date < d - opt.window)
			window_remove(s->window, n--, s->steps[lo++].rate);
		if (n < opt.min_points)
			continue;
		fence_init(&fence, s->window, n, opt.fnum, opt.fden, MIN_IQR);
		if (rate_above(&fence, s->steps[j].test)) {
			s->steps[j].spike = true;
			s->steps[j].median = quantile7(s->window, n, 50);
			spikes++;
		}
	}
	return spikes;
}

/* A fall right after a spike says the spike was that day's count alone (a
 * glitch the next day corrected): the count goes back to `value`, less
 * what the filter had taken off by the row before the spike (`before`, its
 * count as read and as written).  Returns that count, 0 if it is below 0;
 * it is not 2^64 or more. */
static uint64_t
glitch_end(const struct row *before, uint64_t value)
{
	if (value >= before->value)
		return before->out + (value - before->value);
	return before->out >= before->value - value ?
	    before->out - (before->value - value) : 0;
}

/* Works out the statistics and the values to write; see the top comment. */
static struct summary
filter(struct series *s)
{
	struct summary sum;
	size_t j, k;

	memset(&sum, 0, sizeof sum);
	k = take_steps(s, &sum.negatives);
	sum.n = k;
	if (k < opt.min_points || k == 0)
		return sum;
	sum.filtered = true;
	/* The whole series' quartiles: for --stats and the -w 0 fence (the
	 * local fence keeps its own sorted window). */
	if (opt.stats || opt.window == 0) {
		for (j = 0; j < k; j++)
			s->sorted[j] = s->steps[j].rate;
		sort_rates(s->sorted, k);
	}
	if (opt.stats) {
		sum.q1 = quantile7(s->sorted, k, 25);
		sum.median = quantile7(s->sorted, k, 50);
		sum.q3 = quantile7(s->sorted, k, 75);
		sum.iqr = frac_sub(&sum.q3, &sum.q1);
		sum.fence = frac_fence(&sum.q1, &sum.q3, opt.fnum, opt.fden,
		    MIN_IQR);
	}
	if (opt.window > 0) {
		sum.spikes = local_spikes(s, k);
	} else {
		struct fence fence;
		struct frac median = quantile7(s->sorted, k, 50);

		fence_init(&fence, s->sorted, k, opt.fnum, opt.fden, MIN_IQR);
		for (j = 0; j < k; j++)
			if (rate_above(&fence, s->steps[j].test)) {
				s->steps[j].spike = true;
				s->steps[j].median = median;
				sum.spikes++;
			}
	}
	if (sum.spikes == 0)
		return sum;	/* written as it came */

	/* Re-accumulate from the first value. */
	for (j = 0; j < k; j++) {
		const struct step *st = &s->steps[j];
		struct row *r = &s->rows[st->to];
		uint64_t base = s->rows[st->from].out, inc;

		if (st->spike) {
			r->spike = true;
			inc = frac_times(&st->median, st->test.days);
		} else if (st->negative && j > 0 && s->steps[j - 1].spike) {
			uint64_t back = glitch_end(&s->rows[s->steps[j - 1].from],
			    r->value);

			inc = back > base ? back - base : 0;
		} else {
			inc = st->rate.count;
		}
		r->out = base + inc;
		if (inc > (uint64_t)COUNT_MAX || r->out > (uint64_t)COUNT_MAX)
			die_at(r->file, r->line, "model %s: the re-accumulated "
			    "count passes 2^63-1",
			    quote(s->text.p + s->model_off, s->model_len));
	}
	return sum;
}

static void
put_frac(const struct frac *x)
{
	char buf[FRAC_BUFSIZE];

	out_write(buf, frac_format(x, 6, FRAC_TRIM, buf));
}

static void
write_stats(const struct series *s, const struct summary *sum)
{
	out_write(s->text.p + s->model_off, s->model_len);
	out_char('\t');
	out_u64(sum->n);
	if (sum->filtered) {
		const struct frac *v[4] = {
			&sum->q1, &sum->median, &sum->q3, &sum->iqr
		};
		int i;

		for (i = 0; i < 4; i++) {
			out_char('\t');
			put_frac(v[i]);
		}
		/* Under --window each day has a fence of its own. */
		out_char('\t');
		if (opt.window == 0)
			put_frac(&sum->fence);
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
		const char *line = s->text.p + r->off;

		if (r->has && r->out != r->value)
			write_replacing(line, r->len, r->voff, r->vlen, r->out);
		else
			out_write(line, r->len);
		if (opt.mark) {
			out_char('\t');
			if (r->has)
				out_char(r->spike ? '1' : '0');
		}
		out_endrow();
	}
}

static void
finish_model(struct series *s)
{
	struct summary sum;

	if (s->n == 0)
		return;
	sum = filter(s);
	if (opt.stats)
		write_stats(s, &sum);
	else
		write_rows(s);
	s->n = 0;
	s->text.len = 0;
}

/* F as the exact fraction of its decimal text: digits, optionally a point
 * and at most six more, from 0 to 1000000.  Returns 0 if it is not. */
static int
parse_factor(const char *s, uint64_t *num, uint64_t *den)
{
	uint64_t n = 0, d = 1, a, b;
	int whole = 0, frac = -1;

	for (; *s; s++) {
		if (*s == '.' && frac < 0) {
			frac = 0;
			continue;
		}
		if (*s < '0' || *s > '9')
			return 0;
		if (frac >= 0) {
			if (++frac > 6)
				return 0;
			d *= 10;
		} else if (++whole > 7) {
			return 0;
		}
		n = n * 10 + (uint64_t)(*s - '0');
	}
	if (whole == 0 && frac <= 0)
		return 0;
	if (n > 1000000 * d)
		return 0;
	/* In lowest terms, so the fences stay small: 1.5 is 3/2. */
	for (a = n, b = d; b != 0;) {
		uint64_t t = a % b;

		a = b;
		b = t;
	}
	*num = n / a;
	*den = d / a;
	return 1;
}

static void
parse_options(int argc, char **argv)
{
	enum { OPT_MIN_POINTS = 256, OPT_MARK, OPT_STATS };
	static const struct option longopts[] = {
		OPTION_ARG("factor", 'f'),
		OPTION_ARG("window", 'w'),
		OPTION_ARG("min-points", OPT_MIN_POINTS),
		OPTION_FLAG("mark", OPT_MARK),
		OPTION_FLAG("stats", OPT_STATS),
		OPTIONS_END
	};
	int c;

	if (!parse_factor(DEFAULT_FACTOR, &opt.fnum, &opt.fden))
		abort();
	while ((c = cli_next(argc, argv, "m:t:v:f:w:", longopts, usage)) != -1) {
		switch (c) {
		case 'm': opt.model = optarg; break;
		case 't': opt.date = optarg; break;
		case 'v': opt.value = optarg; break;
		case 'f':
			if (!parse_factor(optarg, &opt.fnum, &opt.fden))
				die_usage("-f %s: the factor must be a number from "
				    "0 to 1000000, with at most 6 decimals", optarg);
			break;
		case 'w':
			opt.window = (day_t)cli_count("-w", optarg, 0, MAX_WINDOW);
			break;
		case OPT_MIN_POINTS:
			opt.min_points = (size_t)cli_count("--min-points", optarg,
			    1, 1000000);
			break;
		case OPT_MARK: opt.mark = true; break;
		case OPT_STATS: opt.stats = true; break;
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
			finish_model(&s);
			group_enter(&g, &in, m->p, m->len, date);
		}
		has = v->len > 0;
		if (has)
			value = field_count(&in, v, col_value);
		keep_row(&s, &in, &fs, date, has, value);
	}
	finish_model(&s);
	out_finish();
	tsvin_close(&in);
	group_free(&g);
	free(fs.f);
	text_free(&s.text);
	free(s.rows);
	free(s.steps);
	free(s.sorted);
	free(s.window);
	return 0;
}
