/* iqr-filter: take one-day download spikes out of each model's series.
 *
 * Per model (input grouped by model, dates ascending), a day's per-day
 * rate above the fence Q3 + F*max(IQR, 1) of the rates within --window N
 * days (N = 0: of the model's) is a spike, and the series is
 * re-accumulated with it replaced by the median rate; lib/spikes.h says
 * how, falls and unrefreshed counts included.  A model without a spike is
 * written as it came.  One model is held at a time.  --stats writes each
 * model's statistics in place of its rows. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "date.h"
#include "err.h"
#include "exact.h"
#include "group.h"
#include "mem.h"
#include "out.h"
#include "row.h"
#include "spikes.h"
#include "tsv.h"

/* The defaults come from the audit in examples/audit (see iqr-filter(1)):
 * a whole-series fence at Tukey's 1.5 cuts launch peaks. */
#define DEFAULT_FACTOR "5"
#define DEFAULT_WINDOW 7

enum { MAX_WINDOW = 100000 };

struct options {
	const char *model, *date, *value;
	struct spike_params spikes;	/* -f, -w, --min-points; --stats
					   asks for the quartiles */
	bool mark, stats;
};

static struct options opt = {
	.model = "model", .date = "date", .value = "downloads",
	.spikes = { .min_points = 4, .window = DEFAULT_WINDOW },
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
keep_row(struct spike_series *s, const struct tsvin *in,
    const struct fields *fs, day_t date, bool has, uint64_t value)
{
	size_t len;
	const char *start = row_text(fs, &len);
	struct spike_row *r;

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

static void
put_frac(const struct frac *x)
{
	char buf[FRAC_BUFSIZE];

	out_write(buf, frac_format(x, 6, FRAC_TRIM, buf));
}

static void
write_stats(const struct spike_series *s, const struct spike_summary *sum)
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
		if (opt.spikes.window == 0)
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
write_rows(const struct spike_series *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		const struct spike_row *r = &s->rows[i];
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
finish_model(struct spike_series *s)
{
	struct spike_summary sum;

	if (s->n == 0)
		return;
	sum = spike_filter(s, &opt.spikes);
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

	if (!parse_factor(DEFAULT_FACTOR, &opt.spikes.fnum, &opt.spikes.fden))
		abort();
	while ((c = cli_next(argc, argv, "m:t:v:f:w:", longopts, usage)) != -1) {
		switch (c) {
		case 'm': opt.model = optarg; break;
		case 't': opt.date = optarg; break;
		case 'v': opt.value = optarg; break;
		case 'f':
			if (!parse_factor(optarg, &opt.spikes.fnum,
			    &opt.spikes.fden))
				die_usage("-f %s: the factor must be a number from "
				    "0 to 1000000, with at most 6 decimals", optarg);
			break;
		case 'w':
			opt.spikes.window = (day_t)cli_count("-w", optarg, 0,
			    MAX_WINDOW);
			break;
		case OPT_MIN_POINTS:
			opt.spikes.min_points = (size_t)cli_count("--min-points",
			    optarg, 1, 1000000);
			break;
		case OPT_MARK: opt.mark = true; break;
		case OPT_STATS: opt.stats = opt.spikes.quartiles = true; break;
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
	struct spike_series s = { 0 };
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
	spike_series_free(&s);
	return 0;
}
