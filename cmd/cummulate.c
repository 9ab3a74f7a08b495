/* cummulate: adoption over time, by group and period.
 *
 * Series mode: rows are observations of each model's cumulative count.  A
 * row labelled B holds, per group, the sum over its models of each one's
 * last count dated before B; the last row, labelled by the day after the
 * data, holds the totals through the last day.  Each model adds a step
 * function to its group (lib/steps), so memory holds per-group, per-period
 * sums and one model's steps, never the input.
 *
 * Event mode (--events): a model counted once, on its first row's date, or
 * each row weighted by -v; per period and group, with a running total.
 *
 * Splice mode (--splice DATE OLD NEW): a filtered history continued after
 * DATE by the increments of a newer raw series.
 *
 * Both table modes write through lib/periodrows (labels, groups, shares). */
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
#include "groupby.h"
#include "hash.h"
#include "mem.h"
#include "num.h"
#include "out.h"
#include "periodrows.h"
#include "periodsums.h"
#include "row.h"
#include "steps.h"
#include "tsv.h"

enum { MAX_GROUP_COLS = 16 };

struct options {
	const char *model, *date, *value, *unknown, *share_by;
	bool value_given, unknown_given, delta, share, events, complete;
	char *group[MAX_GROUP_COLS];
	size_t ngroup;
	enum period period;
	const char *from, *splice;	/* the dates as given, or NULL */
	day_t from_day, splice_day;
};

static struct options opt = {
	.model = "model", .date = "date", .value = "downloads",
	.unknown = "unknown", .period = PERIOD_MONTH,
};

/* The input's columns, looked up once its header is read. */
struct columns {
	size_t model, date, value, created;
	bool has_created;
	size_t group[MAX_GROUP_COLS];
	size_t by;		/* --share-by's place among the group columns */
};

static void
usage(void)
{
	printf(
"Usage: cummulate [-g COLS] [-p PERIOD] [-m COL] [-t COL] [-v COL]\n"
"                 [--from DATE] [--delta] [--share] [--share-by COL]\n"
"                 [--unknown LABEL] [--complete] [--events] [FILE ...]\n"
"       cummulate --splice DATE [-m COL] [-t COL] [-v COL] OLD NEW\n"
"Sum cumulative counts per group at each period boundary.\n"
"\n"
"  -g, --group COLS     group columns, comma-separated (default: one total)\n"
"  -p, --period P       day, week (from Monday), month (default) or year\n"
"  -m, --model COL      model column (default: model)\n"
"  -t, --date COL       date column (default: date)\n"
"  -v, --value COL      count column (default: downloads)\n"
"      --from DATE      count from DATE on (minus each model's count then)\n"
"      --delta          add each period's downloads (VALUE_in_period)\n"
"      --share          add each group's percentage of the period's total\n"
"      --share-by COL   add each group's percentage of the total of its COL\n"
"      --unknown LABEL  group name of an empty cell (default: unknown)\n"
"      --complete       leave out the last row when its period is partial\n"
"      --events         count each model once, on its first -t date, or\n"
"                       sum the -v column of every row\n"
"      --splice DATE    continue OLD after DATE with NEW's increments\n"
"  -h, --help           show this help and exit\n"
"      --version        show the version and exit\n"
"Row 2025-10-01: through Sep 30 (series), or dated in October (events).\n"
"Exit status: 0 success, 1 bad data or I/O, 2 bad usage.  See cummulate(1).\n");
}

/* A sum about to be written, or a located error when it does not fit. */
static int64_t
written(int128 sum, const struct stepsums *t, const struct groupby *gb,
    size_t g, long k, day_t label, bool per)
{
	struct rowloc at;
	char day[11] = "", what[512];
	size_t len;
	const char *key;

	if (fits_int64(sum))
		return (int64_t)sum;
	key = groupby_name(gb, g, &len);
	format_date(label, day);
	snprintf(what, sizeof what, "the %s total at %s%s%s %s",
	    per ? "period's" : "cumulative", day, gb->ncols ? " of group " : "",
	    gb->ncols ? quote(key, len) : "",
	    sum < 0 ? "falls below -2^63" : "passes 2^63-1");
	at = stepsums_culprit(t, g, k, per);
	if (!at.file)
		die(EXIT_DATA, "%s", what);	/* not expected: see steps.h */
	die_at(at.file, at.line, "%s", what);
}

/* The model just finished joins its group (its last row's), unless it had
 * no count at all.  Its first count is downloads of its period only when
 * it was created at most one day before its first row. */
static void
finish_model(struct stepsums *sums, struct groupby *gb, const char *key,
    size_t keylen, struct model_steps *m, bool has_created, day_t created)
{
	bool base = !(has_created && created >= m->first_day - 1);

	if (m->n)
		stepsums_add(sums, groupby_intern(gb, key, keylen), m, base);
}

/* One row per boundary and group, from the first boundary after the data
 * (or --from) begin to the day after they end. */
static void
series_rows(struct stepsums *sums, const struct groupby *gb, size_t by,
    day_t min_d, day_t max_d)
{
	long first = period_index(min_d, opt.period) + 1, k;
	long tail = period_index(max_d, opt.period) + 1, last = tail;
	bool partial = period_day(tail, opt.period) != max_d + 1;
	struct periodrows w;
	int128 *cum = xcalloc(groupby_count(gb) + 1, sizeof *cum);
	size_t nv = opt.delta ? 2 : 1, i, g;

	if (first < sums->start_k)
		first = sums->start_k;
	if (partial && opt.complete)
		last--;
	periodrows_init(&w, gb, nv, opt.share, by);
	for (k = first; k <= last; k++) {
		day_t label = k == tail ? max_d + 1 : period_day(k, opt.period);

		/* In the order of the rows, so an error names the first. */
		for (i = 0; i < groupby_count(gb); i++) {
			int128 per;

			g = w.order[i];
			per = periodsums_at(&sums->sums, g, k, STEP_CHANGE);
			cum[g] += per;
			per -= periodsums_at(&sums->sums, g, k, STEP_BASE);
			w.vals[g * nv] = written(cum[g], sums, gb, g, k, label,
			    false);
			w.have[g * nv] = true;
			w.of[g] = cum[g];
			/* Without --from the first period began before the data. */
			if (opt.delta && (k > first || opt.from)) {
				w.vals[g * nv + 1] = written(per, sums, gb, g, k,
				    label, true);
				w.have[g * nv + 1] = true;
			}
		}
		periodrows_write(&w, label);
	}
	periodrows_free(&w);
	free(cum);
}

static void
series_mode(struct tsvin *in, const struct columns *c)
{
	struct fields fs = { 0 };
	struct grouping grp = { 0 };
	struct groupby gb;
	struct stepsums sums;
	struct model_steps m = { 0 };
	const char *key = "";
	size_t keylen = 0;
	bool any = false, has_created = false;
	day_t min_d = 0, max_d = 0, created = 0;
	day_t last_day = days_from_civil(9999, 12, 31);

	groupby_init(&gb, c->group, opt.ngroup, opt.unknown);
	stepsums_init(&sums, opt.from != NULL, opt.from_day, opt.period);
	while (tsvin_next(in, &fs)) {
		const struct field *mf = &fs.f[c->model], *v = &fs.f[c->value];
		day_t d = field_date(in, &fs.f[c->date], c->date);
		struct rowloc here = { tsvin_name(in), tsvin_line(in) };

		if (d == last_day)
			die_at(here.file, here.line, "column %s: '9999-12-31': "
			    "totals through a day are labelled by the day after "
			    "it, and 10000-01-01 cannot be written (the last date "
			    "series mode takes is 9999-12-30)", column_name(in,
			    c->date));
		if (group_is_new(&grp, in, mf->p, mf->len, d)) {
			finish_model(&sums, &gb, key, keylen, &m, has_created,
			    created);
			has_created = false;
			group_enter(&grp, in, mf->p, mf->len, d);
		}
		key = groupby_key(&gb, &fs, &keylen);
		if (c->has_created && !has_created && fs.f[c->created].len) {
			created = field_date(in, &fs.f[c->created], c->created);
			has_created = true;
		}
		if (v->len == 0)
			continue;	/* not an observation */
		steps_observe(&m, &sums, d, opt.period,
		    field_count(in, v, c->value), here);
		min_d = any && min_d < d ? min_d : d;
		max_d = any && max_d > d ? max_d : d;
		any = true;
	}
	finish_model(&sums, &gb, key, keylen, &m, has_created, created);
	if (any && opt.from && max_d < opt.from_day) {
		char last[11] = "";

		format_date(max_d, last);
		warnx("no count is dated on or after --from %s (the last is "
		    "%s): no rows", opt.from, last);
	} else if (any) {
		series_rows(&sums, &gb, opt.share_by ? c->by : NO_COLUMN, min_d,
		    max_d);
	}
	free(fs.f);
	group_free(&grp);
	model_steps_free(&m);
	stepsums_free(&sums);
	groupby_free(&gb);
}

/* One row per period and group, from the first event's period to the
 * last one's. */
static void
events_rows(const struct periodsums *sums, const struct groupby *gb,
    size_t by, long lo, long hi)
{
	struct periodrows w;
	int64_t *running = xcalloc(groupby_count(gb) + 1, sizeof *running);
	size_t g;
	long k;

	periodrows_init(&w, gb, 2, opt.share, by);
	for (k = lo; k <= hi; k++) {
		for (g = 0; g < groupby_count(gb); g++) {
			/* Each group's total was checked to fit. */
			int64_t n = (int64_t)periodsums_at(sums, g, k, 0);

			running[g] += n;
			w.vals[2 * g] = n;
			w.vals[2 * g + 1] = running[g];
			w.have[2 * g] = w.have[2 * g + 1] = true;
			w.of[g] = n;
		}
		periodrows_write(&w, period_day(k, opt.period));
	}
	periodrows_free(&w);
	free(running);
}

static void
events_mode(struct tsvin *in, const struct columns *c)
{
	struct fields fs = { 0 };
	struct groupby gb;
	struct periodsums sums;
	struct hashset counted = { 0 };
	unsigned long long left_out = 0;
	long lo = 0, hi = 0, k;
	bool any = false, early = false;

	groupby_init(&gb, c->group, opt.ngroup, opt.unknown);
	periodsums_init(&sums, 1);
	while (tsvin_next(in, &fs)) {
		const struct field *t = &fs.f[c->date], *mf = &fs.f[c->model];
		uint64_t weight = 1;
		size_t g, len;
		const char *key;
		day_t d;

		if (t->len == 0 || (opt.value_given && fs.f[c->value].len == 0)) {
			left_out++;
			continue;
		}
		d = field_date(in, t, c->date);
		if (opt.value_given)
			weight = field_count(in, &fs.f[c->value], c->value);
		else if (!hashset_add(&counted, hash_bytes(mf->p, mf->len)))
			continue;	/* counted on an earlier row */
		if (opt.from && d < opt.from_day) {
			early = true;
			continue;
		}
		key = groupby_key(&gb, &fs, &len);
		g = groupby_intern(&gb, key, len);
		k = period_index(d, opt.period);
		periodsums_add(&sums, g, k, 0, (int128)weight);
		/* Every period of every group is written, so its total is. */
		if (!fits_int64(periodsums_total(&sums, g, 0)))
			die_at(tsvin_name(in), tsvin_line(in), "the cumulative "
			    "total%s%s passes 2^63-1", opt.ngroup ? " of group " :
			    "", opt.ngroup ? quote(key, len) : "");
		lo = any && lo < k ? lo : k;
		hi = any && hi > k ? hi : k;
		any = true;
	}
	if (left_out)
		warnx("%llu row%s without a %s%s left out", left_out,
		    left_out == 1 ? "" : "s", opt.value_given ? "date or value" :
		    "date", left_out == 1 ? " was" : " were");
	if (!any && early)
		warnx("every row is dated before --from %s: no rows", opt.from);
	if (any)
		events_rows(&sums, &gb, opt.share_by ? c->by : NO_COLUMN, lo, hi);
	free(fs.f);
	hashset_free(&counted);
	periodsums_free(&sums);
	groupby_free(&gb);
}

/* One input of a splice: a series sorted by model, read a row at a time,
 * its order checked by lib/group. */
struct source {
	struct tsvin in;
	struct fields fs;
	struct grouping order;	/* order.key is the current row's model */
	bool have;		/* fs holds a row */
	bool new_model;		/* the row starts a model */
	day_t date;
	bool has_value;
	uint64_t value;
};

static size_t splice_m, splice_t, splice_v;

static void
source_next(struct source *s)
{
	const struct field *m, *v;

	s->have = tsvin_next(&s->in, &s->fs);
	if (!s->have)
		return;
	m = &s->fs.f[splice_m];
	v = &s->fs.f[splice_v];
	s->date = field_date(&s->in, &s->fs.f[splice_t], splice_t);
	s->new_model = group_is_new(&s->order, &s->in, m->p, m->len, s->date);
	if (s->new_model) {
		const char *before = s->order.key.set ?
		    quote(s->order.key.p, s->order.key.len) : "";

		group_enter(&s->order, &s->in, m->p, m->len, s->date);
		if (!s->order.ascending)
			die_at(tsvin_name(&s->in), tsvin_line(&s->in), "model %s "
			    "comes after %s: the inputs of --splice must be "
			    "sorted by model (LC_ALL=C sort)", quote(m->p, m->len),
			    before);
	}
	s->has_value = v->len > 0;
	if (s->has_value)
		s->value = field_count(&s->in, v, splice_v);
}

static int
source_cmp(const struct source *a, const struct source *b)
{
	return bytes_cmp(a->order.key.p, a->order.key.len, b->order.key.p,
	    b->order.key.len);
}

/* Writes the current row, its count replaced when replace is true. */
static void
write_row(const struct fields *fs, bool replace, uint64_t value)
{
	size_t len;
	const char *line = row_text(fs, &len);

	if (replace)
		write_replacing(line, len, (size_t)(fs->f[splice_v].p - line),
		    fs->f[splice_v].len, value);
	else
		out_write(line, len);
	out_endrow();
}

/* NEW's count v continued from OLD's count old_at, NEW's own being new_at
 * at the splice: old_at + (v - new_at), never below 0. */
static uint64_t
spliced(const struct source *nu, uint64_t old_at, uint64_t new_at)
{
	uint64_t v = nu->value;

	if (v < new_at)
		return old_at > new_at - v ? old_at - (new_at - v) : 0;
	if (v - new_at > (uint64_t)COUNT_MAX - old_at)
		die_at(tsvin_name(&nu->in), tsvin_line(&nu->in), "the spliced "
		    "count %llu + (%llu - %llu) passes 2^63-1",
		    (unsigned long long)old_at, (unsigned long long)v,
		    (unsigned long long)new_at);
	return old_at + (v - new_at);
}

/* A model in both sources: OLD's rows up to the splice date, then NEW's
 * after it, continued from OLD's last count on or before the date. */
static void
splice_model(struct source *old, struct source *nu)
{
	bool have_old = false, have_new = false;
	uint64_t old_at = 0, new_at = 0;

	do {
		if (old->date <= opt.splice_day) {
			write_row(&old->fs, false, 0);
			if (old->has_value)
				old_at = old->value, have_old = true;
		}
		source_next(old);
	} while (old->have && !old->new_model);
	do {
		if (nu->date <= opt.splice_day) {
			if (nu->has_value)
				new_at = nu->value, have_new = true;
		} else if (!have_old || !nu->has_value) {
			write_row(&nu->fs, false, 0);
		} else {
			if (!have_new)	/* NEW starts after the date */
				new_at = nu->value, have_new = true;
			write_row(&nu->fs, true, spliced(nu, old_at, new_at));
		}
		source_next(nu);
	} while (nu->have && !nu->new_model);
}

static void
splice_mode(char *old_path, char *new_path)
{
	struct source old = { 0 }, nu = { 0 };
	struct source *sources[] = { &old, &nu }, *s;
	int c, i;

	tsvin_open(&old.in, 1, &old_path);
	tsvin_open(&nu.in, 1, &new_path);
	if (old.in.has_header != nu.in.has_header ||
	    (old.in.has_header && (old.in.header_len != nu.in.header_len ||
	    memcmp(old.in.header, nu.in.header, old.in.header_len) != 0)))
		die(EXIT_DATA, "%s and %s must have the same header", old_path,
		    new_path);
	/* The headers are equal, so the columns are too; looking them up in
	 * both has each source check its rows' width. */
	for (i = 0; i < 2; i++) {
		splice_m = column_index(&sources[i]->in, opt.model, "-m");
		splice_t = column_index(&sources[i]->in, opt.date, "-t");
		splice_v = column_index(&sources[i]->in, opt.value, "-v");
	}
	write_header(&old.in, NULL, 0);
	source_next(&old);
	source_next(&nu);
	while (old.have || nu.have) {
		c = !old.have ? 1 : !nu.have ? -1 : source_cmp(&old, &nu);
		if (c == 0) {
			splice_model(&old, &nu);
			continue;
		}
		/* A model in one source only passes through. */
		s = c < 0 ? &old : &nu;
		do {
			write_row(&s->fs, false, 0);
			source_next(s);
		} while (s->have && !s->new_model);
	}
	for (i = 0; i < 2; i++) {
		tsvin_close(&sources[i]->in);
		free(sources[i]->fs.f);
		group_free(&sources[i]->order);
	}
}

static void
parse_options(int argc, char **argv)
{
	enum {
		OPT_DELTA = 256, OPT_SHARE, OPT_SHARE_BY, OPT_EVENTS, OPT_SPLICE,
		OPT_FROM, OPT_UNKNOWN, OPT_COMPLETE
	};
	static const struct option longopts[] = {
		OPTION_ARG("period", 'p'),
		OPTION_ARG("from", OPT_FROM),
		OPTION_FLAG("delta", OPT_DELTA),
		OPTION_FLAG("share", OPT_SHARE),
		OPTION_ARG("share-by", OPT_SHARE_BY),
		OPTION_ARG("unknown", OPT_UNKNOWN),
		OPTION_FLAG("complete", OPT_COMPLETE),
		OPTION_FLAG("events", OPT_EVENTS),
		OPTION_ARG("splice", OPT_SPLICE),
		OPTIONS_END
	};
	int c, p;

	while ((c = cli_next(argc, argv, "g:p:m:t:v:", longopts, usage)) != -1) {
		switch (c) {
		case 'g':
			if (opt.ngroup)
				free(opt.group[0]);
			opt.ngroup = split_list(optarg, opt.group, MAX_GROUP_COLS,
			    "-g");
			break;
		case 'p':
			if ((p = parse_period(optarg)) < 0)
				die_usage("-p %s: the period is day, week, month "
				    "or year", optarg);
			opt.period = (enum period)p;
			break;
		case 'm': opt.model = optarg; break;
		case 't': opt.date = optarg; break;
		case 'v': opt.value = optarg; opt.value_given = true; break;
		case OPT_FROM:
			opt.from_day = cli_date("--from", optarg);
			opt.from = optarg;
			break;
		case OPT_DELTA: opt.delta = true; break;
		case OPT_SHARE: opt.share = true; break;
		case OPT_SHARE_BY: opt.share_by = optarg; break;
		case OPT_UNKNOWN:
			opt.unknown = cli_cell("--unknown", "a label", optarg, 0);
			opt.unknown_given = true;
			break;
		case OPT_COMPLETE: opt.complete = true; break;
		case OPT_EVENTS: opt.events = true; break;
		case OPT_SPLICE:
			opt.splice_day = cli_date("--splice", optarg);
			opt.splice = optarg;
			break;
		}
	}
	if (opt.events && opt.delta)
		die_usage("--events and --delta cannot be used together: event "
		    "counts are already per period");
	if (opt.events && opt.complete)
		die_usage("--events and --complete cannot be used together: an "
		    "event period is labelled by its first day, never partial");
	if (opt.splice && (opt.events || opt.delta || opt.share || opt.ngroup ||
	    opt.share_by || opt.from || opt.complete || opt.unknown_given))
		die_usage("--splice writes the joined series; aggregate it with "
		    "a second cummulate (no -g, --from, --delta, --share, "
		    "--share-by, --unknown, --complete or --events)");
	if (opt.splice && argc - optind != 2)
		die_usage("--splice takes two files, OLD and NEW");
	if (opt.share_by && !opt.ngroup)
		die_usage("--share-by %s: the column must be one of the -g "
		    "columns, and there are none", opt.share_by);
}

/* Columns are looked up in the order -m -t -v -g, as in every tool. */
static void
find_columns(struct tsvin *in, struct columns *c)
{
	size_t i, by;

	memset(c, 0, sizeof *c);
	if (!opt.events || !opt.value_given)
		c->model = column_index(in, opt.model, "-m");
	c->date = column_index(in, opt.date, "-t");
	if (!opt.events || opt.value_given)
		c->value = column_index(in, opt.value, "-v");
	for (i = 0; i < opt.ngroup; i++)
		c->group[i] = column_index(in, opt.group[i], "-g");
	if (opt.share_by) {
		by = column_index(in, opt.share_by, "--share-by");
		for (c->by = 0; c->by < opt.ngroup && c->group[c->by] != by;
		    c->by++)
			;
		if (c->by == opt.ngroup)
			die_usage("--share-by %s: the column must be one of the "
			    "-g columns (%s)", opt.share_by, opt.group[0]);
	}
	/* The rule for a model's first count in --delta needs its creation. */
	if (!opt.events && opt.delta && column_exists(in, "created")) {
		c->created = column_index(in, "created", "created");
		c->has_created = true;
	}
}

/* The header names say what each number is: _cum a cumulative total,
 * _in_period the period's own, _pct a percentage. */
static void
write_table_header(const struct tsvin *in, const struct columns *c)
{
	struct colname names[4];
	size_t n = 0, value = opt.events && !opt.value_given ? NO_COLUMN :
	    c->value;
	const char *v = value == NO_COLUMN ? "count" : "";

	if (opt.events)
		names[n++] = (struct colname){ v, value, "_in_period" };
	names[n++] = (struct colname){ v, value, "_cum" };
	if (opt.delta)
		names[n++] = (struct colname){ v, value, "_in_period" };
	if (opt.share)
		names[n++] = (struct colname){ "share_pct", NO_COLUMN, "" };
	if (opt.share_by)
		names[n++] = (struct colname){ "share_in_", c->group[c->by],
		    "_pct" };
	periodrows_header(in, c->group, opt.ngroup, names, n);
}

int
main(int argc, char **argv)
{
	struct tsvin in;
	struct columns cols;

	err_init(argv[0]);
	parse_options(argc, argv);
	out_init();
	if (opt.splice) {
		splice_mode(argv[optind], argv[optind + 1]);
		out_finish();
		return 0;
	}
	tsvin_open(&in, argc - optind, argv + optind);
	find_columns(&in, &cols);
	write_table_header(&in, &cols);
	if (opt.events)
		events_mode(&in, &cols);
	else
		series_mode(&in, &cols);
	out_finish();
	tsvin_close(&in);
	if (opt.ngroup)
		free(opt.group[0]);
	return 0;
}
