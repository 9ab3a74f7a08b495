/* cummulate: adoption over time, by group and period.
 *
 * Series mode: rows are observations of each model's cumulative count;
 * for each period boundary B (the first day of a day, week, month or year)
 * every model contributes its last value dated before B, carried forward
 * over gaps, and the contributions are summed per group.  Each model adds
 * a step function to its group; only the steps are kept (as differences per
 * period), so memory holds per-group, per-period totals and one model.
 *
 * Event mode (--events): each row is an event on a date, counted (or
 * weighted) per period and group, with a running total.
 *
 * Splice mode (--splice DATE OLD NEW): a filtered history continued after
 * DATE by the increments of a newer raw series. */
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
#include "hash.h"
#include "num.h"
#include "out.h"
#include "tsv.h"
#include "version.h"

enum { MAX_GROUP_COLS = 16 };

struct options {
	const char *model, *date, *value;
	bool value_given;
	char *group[MAX_GROUP_COLS];
	size_t ngroup;
	enum period period;
	bool delta, share, events;
	const char *splice;	/* the splice date, or NULL */
};

static struct options opt = {
	.model = "model", .date = "date", .value = "downloads",
	.period = PERIOD_MONTH,
};

/* A group's numbers per period: in series mode the change of the group's
 * total at each boundary, in event mode the count of each period. */
struct group {
	size_t key_off, key_len;	/* its cells, TAB-joined, in keys */
	long base;			/* period index of v[0] */
	int64_t *v;
	size_t n;
};

static struct strmap group_index;
static struct group *groups;
static size_t ngroups, groups_cap;
static char *keys;
static size_t keys_len, keys_cap;

static void
usage(void)
{
	printf(
"Usage: cummulate [-g COLS] [-p PERIOD] [-m COL] [-t COL] [-v COL]\n"
"                 [--delta] [--share] [--events] [FILE ...]\n"
"       cummulate --splice DATE [-m COL] [-t COL] [-v COL] OLD NEW\n"
"Sum cumulative counts per group at each period boundary.\n"
"\n"
"  -g, --group COLS     group columns, comma-separated (default: one total)\n"
"  -p, --period P       day, week (from Monday), month (default) or year\n"
"  -m, --model COL      model column (default: model)\n"
"  -t, --date COL       date column (default: date)\n"
"  -v, --value COL      count column (default: downloads)\n"
"      --delta          add each period's increase\n"
"      --share          add each group's percentage of the period total\n"
"      --events         count rows per period of the -t date (weighted by\n"
"                       -v when given), with a running total\n"
"      --splice DATE    continue OLD after DATE with NEW's increments\n"
"  -h, --help           show this help and exit\n"
"      --version        show the version and exit\n"
"\n"
"Period 2025-08-01 holds each model's last value before August 1.\n"
"Exit status: 0 success, 1 bad data or I/O, 2 bad usage.  See cummulate(1).\n");
}

static size_t
group_of(const char *key, size_t n)
{
	bool added;
	uint32_t *slot = strmap_put(&group_index, key, n, &added);
	struct group *g;

	if (!added)
		return *slot;
	if (ngroups == groups_cap) {
		groups_cap = groups_cap ? groups_cap * 2 : 16;
		groups = xrealloc(groups, groups_cap * sizeof *groups);
	}
	if (keys_cap - keys_len < n + 1) {
		while (keys_cap - keys_len < n + 1)
			keys_cap = keys_cap ? keys_cap * 2 : 1024;
		keys = xrealloc(keys, keys_cap);
	}
	memcpy(keys + keys_len, key, n);
	g = &groups[ngroups];
	memset(g, 0, sizeof *g);
	g->key_off = keys_len;
	g->key_len = n;
	keys_len += n;
	*slot = (uint32_t)ngroups;
	return ngroups++;
}

static void
add_checked(int64_t *a, int64_t b)
{
	if ((b > 0 && *a > INT64_MAX - b) || (b < 0 && *a < INT64_MIN - b))
		die(EXIT_DATA, "a sum passes 2^63-1");
	*a += b;
}

/* Adds amount to the group's cell for period index i, growing its array
 * at either end as needed. */
static void
group_add(struct group *g, long i, int64_t amount)
{
	if (g->n == 0) {
		g->v = xrealloc(g->v, 8 * sizeof *g->v);
		memset(g->v, 0, 8 * sizeof *g->v);
		g->base = i;
		g->n = 8;
	} else if (i < g->base) {
		size_t more = (size_t)(g->base - i) + g->n;

		g->v = xrealloc(g->v, (g->n + more) * sizeof *g->v);
		memmove(g->v + more, g->v, g->n * sizeof *g->v);
		memset(g->v, 0, more * sizeof *g->v);
		g->base -= (long)more;
		g->n += more;
	} else if (i >= g->base + (long)g->n) {
		size_t want = (size_t)(i - g->base) + 1, n = g->n;

		while (n < want)
			n *= 2;
		g->v = xrealloc(g->v, n * sizeof *g->v);
		memset(g->v + g->n, 0, (n - g->n) * sizeof *g->v);
		g->n = n;
	}
	add_checked(&g->v[i - g->base], amount);
}

static int64_t
group_at(const struct group *g, long i)
{
	if (g->n == 0 || i < g->base || i >= g->base + (long)g->n)
		return 0;
	return g->v[i - g->base];
}

static const struct group *sort_groups;

static int
cmp_group(const void *a, const void *b)
{
	const struct group *x = &sort_groups[*(const size_t *)a];
	const struct group *y = &sort_groups[*(const size_t *)b];
	size_t n = x->key_len < y->key_len ? x->key_len : y->key_len;
	int c = memcmp(keys + x->key_off, keys + y->key_off, n);

	return c ? c : (x->key_len > y->key_len) - (x->key_len < y->key_len);
}

/* Group indexes in byte order of their cells, as LC_ALL=C sort orders them. */
static size_t *
groups_in_order(void)
{
	size_t *order = xrealloc(NULL, (ngroups ? ngroups : 1) * sizeof *order);
	size_t i;

	for (i = 0; i < ngroups; i++)
		order[i] = i;
	sort_groups = groups;
	qsort(order, ngroups, sizeof *order, cmp_group);
	return order;
}

/* The TAB-joined group cells of the current row, into *buf. */
static size_t
row_key(const struct fields *fs, const size_t *cols, char **buf, size_t *cap)
{
	size_t i, n = 0;

	for (i = 0; i < opt.ngroup; i++) {
		const struct field *f = &fs->f[cols[i]];

		if (*cap < n + f->len + 1) {
			*cap = 2 * (n + f->len + 1) + 64;
			*buf = xrealloc(*buf, *cap);
		}
		if (i > 0)
			(*buf)[n++] = '\t';
		memcpy(*buf + n, f->p, f->len);
		n += f->len;
	}
	return n;
}

static void
write_share(int64_t part, int64_t total)
{
	out_char('\t');
	if (total > 0)
		out_double(100.0 * (double)part / (double)total, 4);
}

static void
write_period(long i)
{
	char d[10];

	format_date(period_day(i, opt.period), d);
	out_write(d, 10);
}

/* The header: period, the group columns, then the named value columns. */
static void
write_out_header(const struct tsvin *in, const size_t *gcols,
    const char *const *names, size_t nnames)
{
	size_t i;

	if (!in->has_header)
		return;
	out_str("#period");
	for (i = 0; i < opt.ngroup; i++) {
		out_char('\t');
		out_str(column_name(in, gcols[i]));
	}
	for (i = 0; i < nnames; i++) {
		out_char('\t');
		out_str(names[i]);
	}
	out_endrow();
}

/* One model's steps in series mode: at boundary index idx its contribution
 * becomes value (the last observation before that boundary). */
struct step {
	long idx;
	uint64_t value;
};

/* Adds a finished model's step function to its group. */
static void
add_steps(const char *key, size_t keylen, const struct step *steps,
    size_t nsteps)
{
	size_t g, i;
	uint64_t before = 0;

	if (nsteps == 0)
		return;		/* no observation: no group either */
	g = group_of(key, keylen);
	for (i = 0; i < nsteps; i++) {
		group_add(&groups[g], steps[i].idx,
		    (int64_t)(steps[i].value - before));
		before = steps[i].value;
	}
}

static void
series_mode(struct tsvin *in, const size_t *gcols, size_t col_model, size_t col_date, size_t col_value)
{
	struct fields fs = { 0 };
	struct grouping grp = { 0 };
	struct step *steps = NULL;
	size_t nsteps = 0, stepcap = 0, *order, i;
	size_t keycap = 64, keylen = 0;
	char *key = xrealloc(NULL, keycap);
	bool any = false;
	day_t min_d = 0, max_d = 0;
	const char *names[3];
	size_t nnames = 0;
	long first, last, k;
	int64_t *running, *prev;

	names[nnames++] = column_name(in, col_value);
	{
		/* column_name returns a static buffer: keep a copy. */
		static char vname[256];

		snprintf(vname, sizeof vname, "%s", names[0]);
		names[0] = vname;
	}
	if (opt.delta)
		names[nnames++] = "delta";
	if (opt.share)
		names[nnames++] = "share";
	write_out_header(in, gcols, names, nnames);

	while (tsvin_next(in, &fs)) {
		const struct field *m, *v;
		day_t d;

		m = &fs.f[col_model];
		v = &fs.f[col_value];
		d = field_date(in, &fs.f[col_date], col_date);
		if (group_is_new(&grp, in, m->p, m->len, d)) {
			add_steps(key, keylen, steps, nsteps);
			nsteps = 0;
			group_enter(&grp, in, m->p, m->len, d);
		}
		keylen = row_key(&fs, gcols, &key, &keycap);
		if (v->len == 0)
			continue;	/* not an observation */
		{
			uint64_t value = field_count(in, v, col_value);
			long idx = period_index(d, opt.period) + 1;

			if (nsteps && steps[nsteps - 1].idx == idx) {
				steps[nsteps - 1].value = value;
			} else {
				if (nsteps == stepcap) {
					stepcap = stepcap ? stepcap * 2 : 64;
					steps = xrealloc(steps, stepcap * sizeof *steps);
				}
				steps[nsteps].idx = idx;
				steps[nsteps].value = value;
				nsteps++;
			}
		}
		if (!any || d < min_d)
			min_d = d;
		if (!any || d > max_d)
			max_d = d;
		any = true;
	}
	add_steps(key, keylen, steps, nsteps);
	free(steps);
	free(key);
	free(fs.f);
	group_free(&grp);
	if (!any)
		return;

	/* Boundaries from the first after the earliest observation to the
	 * last not later than the day after the latest. */
	first = period_index(min_d, opt.period) + 1;
	last = period_index(max_d + 1, opt.period);
	order = groups_in_order();
	running = xrealloc(NULL, (ngroups + 1) * sizeof *running);
	prev = xrealloc(NULL, (ngroups + 1) * sizeof *prev);
	for (i = 0; i < ngroups; i++) {
		/* Every step is at or after the first boundary. */
		running[i] = 0;
		prev[i] = 0;
	}
	for (k = first; k <= last; k++) {
		int64_t total = 0;

		for (i = 0; i < ngroups; i++) {
			add_checked(&running[i], group_at(&groups[i], k));
			add_checked(&total, running[i]);
		}
		for (i = 0; i < ngroups; i++) {
			size_t g = order[i];

			write_period(k);
			if (opt.ngroup) {
				out_char('\t');
				out_write(keys + groups[g].key_off, groups[g].key_len);
			}
			out_char('\t');
			out_i64(running[g]);
			if (opt.delta) {
				out_char('\t');
				if (k > first)
					out_i64(running[g] - prev[g]);
			}
			if (opt.share)
				write_share(running[g], total);
			out_endrow();
			prev[g] = running[g];
		}
	}
	free(order);
	free(running);
	free(prev);
}

static void
events_mode(struct tsvin *in, const size_t *gcols, size_t col_date, size_t col_value)
{
	struct fields fs = { 0 };
	size_t keylen, keycap = 64, *order, i;
	char *key = xrealloc(NULL, keycap);
	long lo = 0, hi = 0, k;
	bool any = false;
	unsigned long long undated = 0;
	const char *names[4];
	size_t nnames = 0;
	int64_t *running;
	static char vname[256];

	snprintf(vname, sizeof vname, "%s",
	    opt.value_given ? column_name(in, col_value) : "count");
	names[nnames++] = vname;
	names[nnames++] = "total";
	if (opt.share)
		names[nnames++] = "share";
	write_out_header(in, gcols, names, nnames);

	while (tsvin_next(in, &fs)) {
		const struct field *t;
		int64_t weight = 1;
		long idx;
		size_t g;

		t = &fs.f[col_date];
		if (t->len == 0) {
			undated++;
			continue;
		}
		idx = period_index(field_date(in, t, col_date), opt.period);
		if (opt.value_given) {
			const struct field *v = &fs.f[col_value];

			if (v->len == 0) {
				undated++;
				continue;
			}
			weight = (int64_t)field_count(in, v, col_value);
		}
		keylen = row_key(&fs, gcols, &key, &keycap);
		g = group_of(key, keylen);	/* may move groups[] */
		group_add(&groups[g], idx, weight);
		if (!any || idx < lo)
			lo = idx;
		if (!any || idx > hi)
			hi = idx;
		any = true;
	}
	free(key);
	free(fs.f);
	if (undated)
		warnx("%llu row%s without a %s%s left out", undated,
		    undated == 1 ? "" : "s", opt.value_given ? "date or value" :
		    "date", undated == 1 ? " was" : " were");
	if (!any)
		return;
	order = groups_in_order();
	running = xrealloc(NULL, (ngroups + 1) * sizeof *running);
	for (i = 0; i < ngroups; i++)
		running[i] = 0;
	for (k = lo; k <= hi; k++) {
		int64_t total = 0;

		for (i = 0; i < ngroups; i++)
			add_checked(&total, group_at(&groups[i], k));
		for (i = 0; i < ngroups; i++) {
			size_t g = order[i];
			int64_t count = group_at(&groups[g], k);

			add_checked(&running[g], count);
			write_period(k);
			if (opt.ngroup) {
				out_char('\t');
				out_write(keys + groups[g].key_off, groups[g].key_len);
			}
			out_char('\t');
			out_i64(count);
			out_char('\t');
			out_i64(running[g]);
			if (opt.share)
				write_share(count, total);
			out_endrow();
		}
	}
	free(order);
	free(running);
}

/* One side of a splice: a sorted series read a row at a time. */
struct source {
	struct tsvin in;
	struct fields fs;
	bool have;		/* fs holds a row */
	char *model;		/* the current row's model */
	size_t len, cap;
	day_t date;
	bool has_value;
	uint64_t value;
	char *prev;		/* the model before, for the order check */
	size_t prev_len, prev_cap;
	day_t prev_date;
};

static size_t splice_m, splice_t, splice_v;

static void
source_next(struct source *s)
{
	const struct field *m, *v;
	bool same;

	/* Remember the row before to check the order. */
	if (s->have) {
		if (s->prev_cap < s->len + 1) {
			s->prev_cap = 2 * s->len + 64;
			s->prev = xrealloc(s->prev, s->prev_cap);
		}
		memcpy(s->prev, s->model, s->len);
		s->prev_len = s->len;
		s->prev_date = s->date;
	}
	s->have = tsvin_next(&s->in, &s->fs);
	if (!s->have)
		return;
	m = &s->fs.f[splice_m];
	v = &s->fs.f[splice_v];
	s->date = field_date(&s->in, &s->fs.f[splice_t], splice_t);
	if (s->prev_len || s->prev) {
		size_t n = m->len < s->prev_len ? m->len : s->prev_len;
		int c = memcmp(m->p, s->prev, n);

		c = c ? c : (m->len > s->prev_len) - (m->len < s->prev_len);
		same = c == 0;
		if (c < 0)
			die_at(tsvin_name(&s->in), tsvin_line(&s->in), "model %s "
			    "comes after %s: the inputs of --splice must be "
			    "sorted by model (LC_ALL=C sort)", quote(m->p, m->len),
			    quote(s->prev, s->prev_len));
		if (same && s->date <= s->prev_date)
			die_at(tsvin_name(&s->in), tsvin_line(&s->in), "dates "
			    "must ascend within model %s", quote(m->p, m->len));
	}
	if (s->cap < m->len + 1) {
		s->cap = 2 * m->len + 64;
		s->model = xrealloc(s->model, s->cap);
	}
	memcpy(s->model, m->p, m->len);
	s->len = m->len;
	s->has_value = v->len > 0;
	if (s->has_value)
		s->value = field_count(&s->in, v, splice_v);
}

static bool
source_at(const struct source *s, const char *model, size_t n)
{
	return s->have && s->len == n && memcmp(s->model, model, n) == 0;
}

static void
write_row(const struct fields *fs, bool replace, uint64_t value)
{
	size_t i;

	for (i = 0; i < fs->n; i++) {
		if (i > 0)
			out_char('\t');
		if (replace && i == splice_v)
			out_u64(value);
		else
			out_write(fs->f[i].p, fs->f[i].len);
	}
	out_endrow();
}

static int
cmp_models(const struct source *a, const struct source *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->model, b->model, n);

	return c ? c : (a->len > b->len) - (a->len < b->len);
}

static void
splice_mode(day_t at, char *old_path, char *new_path)
{
	struct source old = { 0 }, nu = { 0 };
	char *model = NULL;
	size_t mcap = 0;

	tsvin_open(&old.in, 1, &old_path);
	tsvin_open(&nu.in, 1, &new_path);
	if (old.in.has_header != nu.in.has_header ||
	    (old.in.has_header && (old.in.header_len != nu.in.header_len ||
	    memcmp(old.in.header, nu.in.header, old.in.header_len) != 0)))
		die(EXIT_DATA, "%s and %s must have the same header", old_path,
		    new_path);
	/* The headers are equal, so the columns are too; looking them up in
	 * both has each source check its rows' width. */
	splice_m = column_index(&old.in, opt.model, "-m");
	splice_t = column_index(&old.in, opt.date, "-t");
	splice_v = column_index(&old.in, opt.value, "-v");
	column_index(&nu.in, opt.model, "-m");
	column_index(&nu.in, opt.date, "-t");
	column_index(&nu.in, opt.value, "-v");
	write_header(&old.in, NULL, 0);
	source_next(&old);
	source_next(&nu);
	while (old.have || nu.have) {
		int c = !old.have ? 1 : !nu.have ? -1 : cmp_models(&old, &nu);
		size_t n;
		bool have_old = false, have_new = false;
		uint64_t old_at = 0, new_at = 0;

		if (c != 0) {
			/* A model in one source only passes through. */
			struct source *s = c < 0 ? &old : &nu;

			n = s->len;
			if (mcap < n + 1)
				model = xrealloc(model, mcap = 2 * n + 64);
			memcpy(model, s->model, n);
			while (source_at(s, model, n)) {
				write_row(&s->fs, false, 0);
				source_next(s);
			}
			continue;
		}
		n = old.len;
		if (mcap < n + 1)
			model = xrealloc(model, mcap = 2 * n + 64);
		memcpy(model, old.model, n);
		/* The history up to the splice date. */
		while (source_at(&old, model, n)) {
			if (old.date <= at) {
				write_row(&old.fs, false, 0);
				if (old.has_value) {
					old_at = old.value;
					have_old = true;
				}
			}
			source_next(&old);
		}
		/* Then the newer source's increments from its own value at
		 * the splice date (or, if it starts later, its first value). */
		while (source_at(&nu, model, n)) {
			if (nu.date <= at) {
				if (nu.has_value) {
					new_at = nu.value;
					have_new = true;
				}
			} else if (!have_old || !nu.has_value) {
				write_row(&nu.fs, false, 0);
			} else {
				uint64_t v;

				if (!have_new) {
					new_at = nu.value;
					have_new = true;
				}
				if (nu.value >= new_at) {
					v = old_at + (nu.value - new_at);
					if (v < old_at || v > (uint64_t)COUNT_MAX)
						die_at(tsvin_name(&nu.in),
						    tsvin_line(&nu.in), "the spliced "
						    "count passes 2^63-1");
				} else {
					v = old_at > new_at - nu.value ?
					    old_at - (new_at - nu.value) : 0;
				}
				write_row(&nu.fs, true, v);
			}
			source_next(&nu);
		}
	}
	free(model);
	tsvin_close(&old.in);
	tsvin_close(&nu.in);
	free(old.fs.f);
	free(nu.fs.f);
	free(old.model);
	free(nu.model);
	free(old.prev);
	free(nu.prev);
}

static void
parse_options(int argc, char **argv)
{
	enum { OPT_DELTA = 256, OPT_SHARE, OPT_EVENTS, OPT_SPLICE, OPT_VERSION };
	static const struct option longopts[] = {
		{ "group", required_argument, NULL, 'g' },
		{ "period", required_argument, NULL, 'p' },
		{ "model", required_argument, NULL, 'm' },
		{ "date", required_argument, NULL, 't' },
		{ "value", required_argument, NULL, 'v' },
		{ "delta", no_argument, NULL, OPT_DELTA },
		{ "share", no_argument, NULL, OPT_SHARE },
		{ "events", no_argument, NULL, OPT_EVENTS },
		{ "splice", required_argument, NULL, OPT_SPLICE },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	int c, p;
	day_t d;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":g:p:m:t:v:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'g':
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
		case OPT_DELTA: opt.delta = true; break;
		case OPT_SHARE: opt.share = true; break;
		case OPT_EVENTS: opt.events = true; break;
		case OPT_SPLICE:
			if (parse_date(optarg, strlen(optarg), &d) != 0)
				die_usage("--splice %s: not a date (YYYY-MM-DD)",
				    optarg);
			opt.splice = optarg;
			break;
		case 'h': usage(); exit_help();
		case OPT_VERSION:
			printf("cummulate %s\n", HFSNAP_VERSION);
			exit_help();
		default: die_option(c, argv);
		}
	}
	if (opt.events && opt.delta)
		die_usage("--events and --delta cannot be used together: event "
		    "counts are already per period");
	if (opt.splice && (opt.events || opt.delta || opt.share || opt.ngroup))
		die_usage("--splice writes the joined series; aggregate it with "
		    "a second cummulate (no -g, --delta, --share or --events)");
	if (opt.splice && argc - optind != 2)
		die_usage("--splice takes two files, OLD and NEW");
}

int
main(int argc, char **argv)
{
	struct tsvin in;
	size_t gcols[MAX_GROUP_COLS], i;
	size_t col_model = 0, col_date, col_value = 0;

	err_init(argv[0]);
	parse_options(argc, argv);
	out_init();
	if (opt.splice) {
		day_t at;

		parse_date(opt.splice, 10, &at);
		splice_mode(at, argv[optind], argv[optind + 1]);
		out_finish();
		return 0;
	}
	tsvin_open(&in, argc - optind, argv + optind);
	/* Columns are looked up in the order -m -t -v, as in every tool. */
	if (!opt.events)
		col_model = column_index(&in, opt.model, "-m");
	col_date = column_index(&in, opt.date, "-t");
	if (!opt.events || opt.value_given)
		col_value = column_index(&in, opt.value, "-v");
	for (i = 0; i < opt.ngroup; i++)
		gcols[i] = column_index(&in, opt.group[i], "-g");
	if (opt.events)
		events_mode(&in, gcols, col_date, col_value);
	else
		series_mode(&in, gcols, col_model, col_date, col_value);
	out_finish();
	tsvin_close(&in);
	for (i = 0; i < ngroups; i++)
		free(groups[i].v);
	free(groups);
	free(keys);
	strmap_free(&group_index);
	if (opt.ngroup)
		free(opt.group[0]);
	return 0;
}
