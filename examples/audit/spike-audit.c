/* spike-audit: seasons of daily download counts whose truth is known, and
 * a score of what a spike filter made of them.
 *
 *   spike-audit season -o DIR [--seeds N] [--first-seed S] [-n MODELS]
 *                             [--days N]
 *   spike-audit score -l LABEL DIR [FILE]
 *   spike-audit table [FILE]
 *
 * `season` writes into DIR, for N seeds from S (default 6 from 1), MODELS
 * models a seed (default 150) over a season of --days days (default 365,
 * ending on 2025-07-10, the day the report's history ends):
 *   observed.tsv  #model date downloads region: the cumulative counts a
 *                 daily scrape would see, grouped by model, as iqr-filter
 *                 takes them;
 *   truth.tsv     #model date downloads: the true cumulative counts;
 *   spikes.tsv    #model date kind times extra age: each injected spike;
 *   faults.tsv    #seed date kind: the unrefreshed days and catch-ups;
 *   models.tsv    #model seed region release first level height tau ramp.
 *
 * A model's expected daily downloads are a launch peak over a long tail:
 *   tail(a) = L (1 + a/90)^-beta, a the age in days (beta 0 to 0.8),
 *   peak(a) = L H ramp-up over R days, then exp(-(a - R)/tau),
 * with L from 2 to 100,000 a day (a tenth of the models are tiny, 0.2 to
 * 2 a day, and get no spikes), H from 2 to 50, tau one of 1, 2, 4, 7, 14,
 * 30 days and R 0 (most) or 1 to 5 days; weekends lower by a factor of
 * 0.55 to 1; day-to-day noise lognormal with sigma 0.1 to 0.35; the day's
 * count is a Poisson draw of that mean.  Releases fall from 180 days
 * before the season to 20 days before its end; a model released before
 * the season starts with its count on the first day.
 *
 * Faults, the same days for every model of a seed, never on the last day
 * of a month: five stretches of one or two days on which no count moves
 * (unrefreshed), each followed by a catch-up day that brings the missed
 * downloads at once.
 *
 * Spikes: 60 % of the other models get 1 to 3, each on one day, never on
 * a fault day or the day before a stretch, a week or more apart; a
 * quarter in the launch week (days 1 to 6 after the release) when the
 * series starts at the release, the rest at any age.  A spike of T times
 * (T log-uniform from 3 to 100) adds (T - 1) times the local level (the
 * expected count of that day, before noise): the day's increment is T
 * times the level.  Half are lasting (downloads that stay counted, as from
 * a bot: every later count is higher too, and the truth has none of it),
 * half a glitch (that day's count alone is high).  Every draw is fixed by
 * the seed, the model's number and the day, so a season is the same on
 * every machine, and `season` says on standard output how many model-days, spikes,
 * spike-free models and catch-up days it wrote.
 *
 * `score` reads DIR and a filter's output with an `outlier` column
 * (iqr-filter --mark; without the column nothing counts as flagged) and
 * writes one record, LABEL and 14 numbers TAB-separated: spikes removed,
 * in percent (all, those of 10 times or more, those in the launch week);
 * true days cut (all, and of them catch-up days); spike-free models that
 * were changed at all; the mean and 95th percentile of the absolute error,
 * in percent, of each model's downloads 7, 30 and 90 days after its
 * release (models released in the season with 1,000 downloads or more by
 * then; on an unrefreshed day, at its catch-up); the mean and largest
 * error of the monthly downloads by region of each seed (months wholly in
 * the season).  `table` prints such records as two tables. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "date.h"

enum {
	MAX_SEEDS = 99, MAX_MODELS = 9999, MAX_DAYS = 3650,
	STRETCHES = 5, MAX_SPIKES = 3,
	/* Errors after the release are of models with this many downloads
	 * by then: a few downloads more or less are no percentage to show. */
	MIN_HORIZON = 1000
};

static uint64_t
mix(uint64_t z)
{
	z += 0x9e3779b97f4a7c15ULL;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A uniform number in [0, 1) fixed by (seed, model, what). */
static double
u01(uint64_t seed, uint64_t model, uint64_t what)
{
	return (double)(mix(mix(seed * 0x100000001b3ULL + model) ^
	    mix(what)) >> 11) / 9007199254740992.0;
}

static double
normal(uint64_t seed, uint64_t model, uint64_t what)
{
	double a = 1 - u01(seed, model, what * 2), b = u01(seed, model,
	    what * 2 + 1);

	return sqrt(-2 * log(a)) * cos(6.283185307179586 * b);
}

static uint64_t
poisson(double mean, uint64_t seed, uint64_t model, uint64_t what)
{
	double l, p = 1, v;
	uint64_t k = 0;

	if (mean <= 0)
		return 0;
	if (mean >= 30) {
		v = mean + sqrt(mean) * normal(seed, model, what);
		return v < 0 ? 0 : (uint64_t)floor(v + 0.5);
	}
	l = exp(-mean);
	do {
		p *= u01(seed, model, what * 64 + k + 1000000000ULL);
		k++;
	} while (p > l && k < 1000);
	return k - 1;
}

static _Noreturn void
fail(const char *msg, const char *what)
{
	fprintf(stderr, "spike-audit: %s%s%s\n", msg, what ? ": " : "",
	    what ? what : "");
	exit(1);
}

static FILE *
open_out(const char *dir, const char *name)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (!(f = fopen(path, "w")))
		fail(strerror(errno), path);
	return f;
}

static void
close_out(FILE *f)
{
	if (ferror(f) | fclose(f))
		fail("write error", NULL);
}

static void
put_date(FILE *f, day_t d)
{
	char s[11] = "";

	format_date(d, s);
	fputs(s, f);
}

static int
month_end(day_t d)
{
	int y, m, dd;

	civil_from_days(d + 1, &y, &m, &dd);
	return dd == 1;
}

/* The season ---------------------------------------------------------- */

struct fault_days {
	day_t start[STRETCHES];
	int len[STRETCHES];
};

/* 0 on a refreshed day, 1 on an unrefreshed one, 2 on a catch-up day, 3
 * on the day before a stretch. */
static int
fault_kind(const struct fault_days *fd, day_t d)
{
	int i;

	for (i = 0; i < STRETCHES; i++) {
		if (d >= fd->start[i] && d < fd->start[i] + fd->len[i])
			return 1;
		if (d == fd->start[i] + fd->len[i])
			return 2;
		if (d == fd->start[i] - 1)
			return 3;
	}
	return 0;
}

static void
place_faults(struct fault_days *fd, uint64_t seed, day_t from, day_t to)
{
	int i, k;

	for (i = 0; i < STRETCHES; i++) {
		for (k = 0;; k++) {
			day_t d = from + 5 + (day_t)((to - from - 10) *
			    u01(seed, 0, 100 + (uint64_t)i * 1000 + (uint64_t)k));
			int len = 1 + i % 2, j, ok = 1;

			for (j = -2; j <= len + 1; j++)
				if (fault_kind(fd, d + j) && j >= -1)
					ok = 0;
			for (j = 0; j <= len; j++)
				if (month_end(d + j))
					ok = 0;
			if (ok || k > 1000) {
				fd->start[i] = d;
				fd->len[i] = len;
				break;
			}
		}
	}
}

struct curve {
	double level, height, tau, beta, weekend, sigma;
	int ramp, tiny;
};

static double
expected(const struct curve *c, int age, day_t d)
{
	double tail = c->level * pow(1 + age / 90.0, -c->beta), peak;
	int wd = weekday(d);

	if (age < c->ramp)
		peak = (age + 1.0) / (c->ramp + 1.0);
	else
		peak = exp(-(age - c->ramp) / c->tau);
	return (tail + c->level * c->height * peak) * (wd >= 5 ? c->weekend : 1);
}

static const char *const regions[] = { "us", "china", "eu" };

static void
season(const char *dir, int seed_from, int seed_to, int nmodels, int days)
{
	static const double taus[] = { 1, 2, 4, 7, 14, 30 };
	day_t to = days_from_civil(2025, 7, 10), from = to - days + 1;
	FILE *obs, *tru, *spk, *flt, *mod;
	uint64_t *truth, *seen, n_days = 0, n_spikes = 0, n_clean = 0;
	uint64_t n_catchups = 0;
	int s, m;

	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		fail(strerror(errno), dir);
	obs = open_out(dir, "observed.tsv");
	tru = open_out(dir, "truth.tsv");
	spk = open_out(dir, "spikes.tsv");
	flt = open_out(dir, "faults.tsv");
	mod = open_out(dir, "models.tsv");
	fputs("#model\tdate\tdownloads\tregion\n", obs);
	fputs("#model\tdate\tdownloads\n", tru);
	fputs("#model\tdate\tkind\ttimes\textra\tage\n", spk);
	fputs("#seed\tdate\tkind\n", flt);
	fputs("#model\tseed\tregion\trelease\tfirst\tlevel\theight\ttau\tramp\n",
	    mod);
	truth = calloc((size_t)days + 400, sizeof *truth);
	seen = calloc((size_t)days + 400, sizeof *seen);
	if (!truth || !seen)
		fail("out of memory", NULL);
	for (s = seed_from; s <= seed_to; s++) {
		struct fault_days fd;
		day_t d;

		memset(&fd, 0, sizeof fd);
		place_faults(&fd, (uint64_t)s, from, to);
		for (d = from; d <= to; d++) {
			int k = fault_kind(&fd, d);

			if (k == 1 || k == 2) {
				fprintf(flt, "%d\t", s);
				put_date(flt, d);
				fprintf(flt, "\t%s\n", k == 1 ? "unrefreshed" : "catch-up");
			}
		}
		for (m = 1; m <= nmodels; m++) {
			uint64_t S = (uint64_t)s, M = (uint64_t)m, c = 0;
			struct curve cv;
			const char *region;
			day_t release, first, spike_day[MAX_SPIKES];
			double spike_times[MAX_SPIKES];
			uint64_t spike_extra[MAX_SPIKES];
			int nspikes = 0, spike_lasting[MAX_SPIKES], i, want;
			char id[32];

			snprintf(id, sizeof id, "s%02d/m%04d", s, m);
			cv.tiny = u01(S, M, 1) < 0.1;
			cv.level = cv.tiny ? 0.2 * pow(10, u01(S, M, 2)) :
			    2 * pow(50000, u01(S, M, 2));
			cv.height = 2 * pow(25, u01(S, M, 3));
			cv.tau = taus[(int)(6 * u01(S, M, 4))];
			cv.ramp = u01(S, M, 5) < 0.7 ? 0 : 1 + (int)(5 * u01(S, M, 6));
			cv.beta = 0.8 * u01(S, M, 7);
			cv.weekend = 1 - 0.45 * u01(S, M, 8);
			cv.sigma = 0.1 + 0.25 * u01(S, M, 9);
			region = regions[u01(S, M, 10) < 0.4 ? 0 :
			    u01(S, M, 10) < 0.8 ? 1 : 2];
			release = from - 180 + (day_t)((days + 160) * u01(S, M, 11));
			first = release > from ? release : from;

			/* The true counts, days before the season summed. */
			for (d = release; d <= to; d++) {
				double mean = expected(&cv, d - release, d) *
				    exp(cv.sigma * normal(S, M, 1000 + (uint64_t)(d - release)) -
				    cv.sigma * cv.sigma / 2);

				c += poisson(mean, S, M, 5000 + (uint64_t)(d - release));
				if (d >= first)
					truth[d - first] = c;
			}

			/* The spikes. */
			want = cv.tiny || u01(S, M, 20) < 0.4 ? 0 :
			    1 + (int)(3 * u01(S, M, 21));
			for (i = 0; nspikes < want && i < 200; i++) {
				uint64_t w = 100 + (uint64_t)i * 10;
				int age, j, ok = 1;

				if (first == release && u01(S, M, w) < 0.25)
					age = 1 + (int)(6 * u01(S, M, w + 1));
				else
					age = (first - release) + 1 +
					    (int)((to - first) * u01(S, M, w + 1));
				d = release + age;
				if (d <= first || d > to || fault_kind(&fd, d))
					continue;
				for (j = 0; j < nspikes; j++)
					if (abs(d - spike_day[j]) < 7)
						ok = 0;
				if (!ok)
					continue;
				spike_day[nspikes] = d;
				spike_times[nspikes] = 3 * pow(100 / 3.0, u01(S, M, w + 2));
				spike_extra[nspikes] = (uint64_t)floor((spike_times[nspikes] - 1) *
				    expected(&cv, age, d) + 0.5);
				if (spike_extra[nspikes] == 0)
					spike_extra[nspikes] = 1;
				spike_lasting[nspikes] = u01(S, M, w + 3) < 0.5;
				nspikes++;
			}

			/* What the scrape sees. */
			for (d = first; d <= to; d++) {
				uint64_t v = truth[d - first];

				for (i = 0; i < nspikes; i++)
					if (spike_lasting[i] ? d >= spike_day[i] :
					    d == spike_day[i])
						v += spike_extra[i];
				seen[d - first] = v;
			}
			for (d = first; d <= to; d++) {
				uint64_t v = seen[d - first];
				day_t back = d;

				while (fault_kind(&fd, back) == 1 && back > first)
					back--;
				if (back != d)
					v = seen[back - first];
				fprintf(obs, "%s\t", id);
				put_date(obs, d);
				fprintf(obs, "\t%llu\t%s\n", (unsigned long long)v, region);
				n_days++;
				n_catchups += fault_kind(&fd, d) == 2;
				fprintf(tru, "%s\t", id);
				put_date(tru, d);
				fprintf(tru, "\t%llu\n", (unsigned long long)truth[d - first]);
			}
			n_spikes += (uint64_t)nspikes;
			n_clean += nspikes == 0;
			for (i = 0; i < nspikes; i++) {
				fprintf(spk, "%s\t", id);
				put_date(spk, spike_day[i]);
				fprintf(spk, "\t%s\t%.2f\t%llu\t%d\n",
				    spike_lasting[i] ? "lasting" : "glitch",
				    spike_times[i], (unsigned long long)spike_extra[i],
				    spike_day[i] - release);
			}
			fprintf(mod, "%s\t%d\t%s\t", id, s, region);
			put_date(mod, release);
			fputc('\t', mod);
			put_date(mod, first);
			fprintf(mod, "\t%.3f\t%.2f\t%g\t%d\n", cv.level, cv.height,
			    cv.tau, cv.ramp);
		}
	}
	printf("seeds %d-%d, %d models each, %d days: %llu model-days,\n"
	    "%llu spikes injected, %llu spike-free models, %llu catch-up days\n",
	    seed_from, seed_to, nmodels, days, (unsigned long long)n_days,
	    (unsigned long long)n_spikes, (unsigned long long)n_clean,
	    (unsigned long long)n_catchups);
	free(truth);
	free(seen);
	close_out(obs);
	close_out(tru);
	close_out(spk);
	close_out(flt);
	close_out(mod);
}

/* The score ----------------------------------------------------------- */

struct smodel {
	char id[32];
	int seed, region;
	day_t release, first, last;
	uint64_t *truth, *seen, *out;
	unsigned char *flag, *spike;	/* per day from first */
	size_t cap;			/* days held */
	int has_spike;
};

static struct smodel *models;
static int nmodels;
static day_t season_from = INT32_MAX, season_to = INT32_MIN;
/* Per seed, per day of the season: 1 unrefreshed, 2 catch-up. */
static unsigned char *faultmap[MAX_SEEDS + 1];

/* Reads the next line into fields split on TAB; returns the count, -1 at
 * the end. */
static int
next_row(FILE *f, char **line, size_t *cap, char **fld, int max)
{
	ssize_t n;
	int k = 0;
	char *p;

	do {
		if ((n = getline(line, cap, f)) < 0)
			return -1;
	} while ((*line)[0] == '#');
	if (n > 0 && (*line)[n - 1] == '\n')
		(*line)[--n] = '\0';
	for (p = *line; k < max; ) {
		fld[k++] = p;
		if (!(p = strchr(p, '\t')))
			break;
		*p++ = '\0';
	}
	return k;
}

static FILE *
open_in(const char *dir, const char *name)
{
	char path[4096];
	FILE *f;

	if (name)
		snprintf(path, sizeof path, "%s/%s", dir, name);
	else
		snprintf(path, sizeof path, "%s", dir);
	if (strcmp(path, "-") == 0)
		return stdin;
	if (!(f = fopen(path, "r")))
		fail(strerror(errno), path);
	return f;
}

static day_t
date_of(const char *s)
{
	day_t d;

	if (parse_date(s, strlen(s), &d) != 0)
		fail("not a date", s);
	return d;
}

static struct smodel *
find_model(const char *id)
{
	int lo = 0, hi = nmodels - 1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2, c = strcmp(models[mid].id, id);

		if (c == 0)
			return &models[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	fail("a model not in models.tsv", id);
}

static int
region_index(const char *r)
{
	int i;

	for (i = 0; i < 3; i++)
		if (strcmp(r, regions[i]) == 0)
			return i;
	fail("unknown region", r);
}

/* The value at day d of a series from first to last, in place. */
static uint64_t *
cell(struct smodel *m, uint64_t *series, day_t d)
{
	return &series[d - m->first];
}

/* Room for n days from the model's first. */
static void
grow(struct smodel *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 64;

	if (n <= m->cap)
		return;
	while (cap < n)
		cap *= 2;
	m->truth = realloc(m->truth, cap * sizeof *m->truth);
	m->seen = realloc(m->seen, cap * sizeof *m->seen);
	m->out = realloc(m->out, cap * sizeof *m->out);
	m->flag = realloc(m->flag, cap);
	m->spike = realloc(m->spike, cap);
	if (!m->truth || !m->seen || !m->out || !m->flag || !m->spike)
		fail("out of memory", NULL);
	memset(m->truth + m->cap, 0, (cap - m->cap) * sizeof *m->truth);
	memset(m->seen + m->cap, 0, (cap - m->cap) * sizeof *m->seen);
	memset(m->out + m->cap, 0, (cap - m->cap) * sizeof *m->out);
	memset(m->flag + m->cap, 0, cap - m->cap);
	memset(m->spike + m->cap, 0, cap - m->cap);
	m->cap = cap;
}

/* Whether day d is one of the model's days. */
static void
check_day(const struct smodel *m, day_t d, const char *what)
{
	if (!m->truth || d < m->first || d > m->last)
		fail("a day the truth does not have", what);
}

static void
load(const char *dir, const char *filtered)
{
	char *line = NULL, *f[16];
	size_t cap = 0;
	FILE *in;
	int n, i, col[4] = { -1, -1, -1, -1 };
	ssize_t len;

	in = open_in(dir, "models.tsv");
	while ((n = next_row(in, &line, &cap, f, 16)) >= 0) {
		struct smodel *m;

		if (n < 5)
			fail("models.tsv: a short row", NULL);
		models = realloc(models, (size_t)(nmodels + 1) * sizeof *models);
		if (!models)
			fail("out of memory", NULL);
		m = &models[nmodels++];
		memset(m, 0, sizeof *m);
		snprintf(m->id, sizeof m->id, "%s", f[0]);
		m->seed = atoi(f[1]);
		m->region = region_index(f[2]);
		m->release = date_of(f[3]);
		m->first = date_of(f[4]);
		if (m->seed < 1 || m->seed > MAX_SEEDS)
			fail("models.tsv: a seed out of range", f[1]);
	}
	fclose(in);

	/* The truth gives each model's days. */
	in = open_in(dir, "truth.tsv");
	while ((n = next_row(in, &line, &cap, f, 16)) >= 0) {
		struct smodel *m = find_model(f[0]);
		day_t d = date_of(f[1]);

		if (d < m->first || d - m->first > MAX_DAYS)
			fail("truth.tsv: a day out of the model's range", f[1]);
		grow(m, (size_t)(d - m->first) + 1);
		*cell(m, m->truth, d) = strtoull(f[2], NULL, 10);
		m->last = d;
		if (d < season_from)
			season_from = d;
		if (d > season_to)
			season_to = d;
	}
	fclose(in);

	in = open_in(dir, "observed.tsv");
	while ((n = next_row(in, &line, &cap, f, 16)) >= 0) {
		struct smodel *m = find_model(f[0]);
		day_t d = date_of(f[1]);

		check_day(m, d, f[1]);
		*cell(m, m->seen, d) = strtoull(f[2], NULL, 10);
	}
	fclose(in);

	in = open_in(dir, "spikes.tsv");
	while ((n = next_row(in, &line, &cap, f, 16)) >= 0) {
		struct smodel *m = find_model(f[0]);
		day_t d = date_of(f[1]);
		double times = atof(f[3]);

		check_day(m, d, f[1]);
		/* 1: a spike under 10 times, 2: 10 times or more; +4 in the
		 * launch week. */
		m->spike[d - m->first] = (unsigned char)((times >= 10 ? 2 : 1) +
		    (atoi(f[5]) <= 6 ? 4 : 0));
		m->has_spike = 1;
	}
	fclose(in);

	in = open_in(dir, "faults.tsv");
	while ((n = next_row(in, &line, &cap, f, 16)) >= 0) {
		int s = atoi(f[0]);
		day_t d = date_of(f[1]);

		if (s < 1 || s > MAX_SEEDS || d < season_from || d > season_to)
			continue;
		if (!faultmap[s] && !(faultmap[s] = calloc((size_t)(season_to -
		    season_from + 1), 1)))
			fail("out of memory", NULL);
		faultmap[s][d - season_from] = strcmp(f[2], "unrefreshed") == 0 ? 1 : 2;
	}
	fclose(in);

	/* The filter's output: columns by name. */
	in = open_in(filtered, NULL);
	if ((len = getline(&line, &cap, in)) < 0 || line[0] != '#')
		fail("the filtered input has no '#' header", filtered);
	if (line[len - 1] == '\n')
		line[len - 1] = '\0';
	{
		char *p = line + 1;

		for (i = 0; p; i++) {
			char *t = strchr(p, '\t');

			if (t)
				*t++ = '\0';
			if (!strcmp(p, "model")) col[0] = i;
			if (!strcmp(p, "date")) col[1] = i;
			if (!strcmp(p, "downloads")) col[2] = i;
			if (!strcmp(p, "outlier")) col[3] = i;
			p = t;
		}
	}
	if (col[0] < 0 || col[1] < 0 || col[2] < 0)
		fail("the filtered input lacks model, date or downloads", filtered);
	while ((n = next_row(in, &line, &cap, f, 16)) >= 0) {
		struct smodel *m;
		day_t d;

		if (n <= col[0] || n <= col[1] || n <= col[2])
			fail("the filtered input has a short row", filtered);
		m = find_model(f[col[0]]);
		d = date_of(f[col[1]]);
		check_day(m, d, f[col[1]]);
		*cell(m, m->out, d) = strtoull(f[col[2]], NULL, 10);
		if (col[3] >= 0 && n > col[3] && f[col[3]][0] == '1')
			m->flag[d - m->first] = 1;
	}
	if (in != stdin)
		fclose(in);
	free(line);
}

static int
cmp_dbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The mean and the 95th percentile (or, with largest, the largest) of n
 * absolute errors in percent, as two fields; sorts e. */
static void
put_errors(double *e, int n, int largest)
{
	double sum = 0, tail;
	int i;

	if (n == 0) {
		printf("\t-\t-");
		return;
	}
	qsort(e, (size_t)n, sizeof *e, cmp_dbl);
	for (i = 0; i < n; i++)
		sum += e[i];
	tail = largest ? e[n - 1] : e[(int)ceil(0.95 * n) - 1];
	printf("\t%.2f\t%.2f", sum / n, tail);
}

/* The records of `score`, one per filter, as two tables. */
static void
table(const char *path)
{
	char *line = NULL, *f[16];
	size_t cap = 0;
	FILE *in = open_in(path, NULL);
	char (*label)[64] = NULL;
	double (*v)[14] = NULL;
	int n = 0, i, k;

	while ((k = next_row(in, &line, &cap, f, 16)) >= 0) {
		if (k != 15)
			fail("a record that is not 15 fields", path);
		label = realloc(label, (size_t)(n + 1) * sizeof *label);
		v = realloc(v, (size_t)(n + 1) * sizeof *v);
		if (!label || !v)
			fail("out of memory", NULL);
		snprintf(label[n], sizeof label[n], "%s", f[0]);
		for (i = 0; i < 14; i++)
			v[n][i] = strcmp(f[i + 1], "-") ? atof(f[i + 1]) : -1;
		n++;
	}
	if (in != stdin)
		fclose(in);
	free(line);
	printf("What was cut\n");
	printf("%-12s %20s  %15s  %s\n", "", "spikes removed %",
	    "true days cut", "spike-free");
	printf("%-12s %6s %6s %6s  %6s %8s  %s\n", "filter", "all", ">=10x",
	    "launch", "all", "catch-up", "models changed");
	for (i = 0; i < n; i++)
		printf("%-12s %6.1f %6.1f %6.1f  %6.0f %8.0f  %8.0f\n", label[i],
		    v[i][0], v[i][1], v[i][2], v[i][3], v[i][4], v[i][5]);
	printf("\nError against the truth, %%\n");
	printf("%-12s %13s %13s %13s %14s\n", "", "7-day", "30-day", "90-day",
	    "region-month");
	printf("%-12s %6s %6s %6s %6s %6s %6s %6s %7s\n", "filter", "mean",
	    "p95", "mean", "p95", "mean", "p95", "mean", "max");
	for (i = 0; i < n; i++) {
		printf("%-12s", label[i]);
		for (k = 6; k < 14; k++)
			if (v[i][k] < 0)
				printf(" %6s", "-");
			else
				printf(k == 13 ? " %7.2f" : " %6.2f", v[i][k]);
		printf("\n");
	}
	free(label);
	free(v);
	if (fflush(stdout) != 0 || ferror(stdout))
		fail("write error", NULL);
}

/* The refreshed day on or after d (a catch-up follows every stretch). */
static day_t
refreshed(const struct smodel *m, day_t d)
{
	while (faultmap[m->seed] && d < season_to &&
	    faultmap[m->seed][d - season_from] == 1)
		d++;
	return d;
}

static void
score(const char *label, const char *dir, const char *filtered)
{
	static const int horizon[3] = { 7, 30, 90 };
	int spikes[3] = { 0 }, removed[3] = { 0 }, cut = 0, cut_catchup = 0;
	int touched = 0, i, h, nerr[4] = { 0 };
	double *err[4];
	day_t d;

	load(dir, filtered);
	for (h = 0; h < 4; h++)
		if (!(err[h] = malloc(sizeof(double) * (size_t)(nmodels * 40 + 1))))
			fail("out of memory", NULL);
	for (i = 0; i < nmodels; i++) {
		struct smodel *m = &models[i];
		int changed = 0;

		if (!m->truth)
			continue;
		for (d = m->first; d <= m->last; d++) {
			int k = m->spike[d - m->first], fl = m->flag[d - m->first];

			if (*cell(m, m->out, d) != *cell(m, m->seen, d))
				changed = 1;
			if (k) {
				spikes[0]++;
				removed[0] += fl;
				if ((k & 3) == 2) {
					spikes[1]++;
					removed[1] += fl;
				}
				if (k & 4) {
					spikes[2]++;
					removed[2] += fl;
				}
			} else if (fl) {
				cut++;
				if (faultmap[m->seed] &&
				    faultmap[m->seed][d - season_from] == 2)
					cut_catchup++;
			}
		}
		touched += changed && !m->has_spike;
		/* Downloads 7, 30 and 90 days after the release. */
		if (m->first != m->release)
			continue;
		for (h = 0; h < 3; h++) {
			day_t at = refreshed(m, m->release + horizon[h]);
			uint64_t t;

			if (at > m->last)
				continue;
			t = *cell(m, m->truth, at);
			if (t >= MIN_HORIZON)
				err[h][nerr[h]++] = 100 * fabs((double)*cell(m, m->out, at) -
				    (double)t) / (double)t;
		}
	}
	/* Monthly totals by region, of each seed: months wholly in the
	 * season, from the count on the last day of the month before. */
	{
		day_t end;

		for (end = season_from; end <= season_to; end++) {
			int y, mo, dd, s, r;
			day_t start;

			if (!month_end(end))
				continue;
			civil_from_days(end, &y, &mo, &dd);
			start = days_from_civil(y, mo, 1) - 1;
			if (start < season_from)
				continue;
			for (s = 1; s <= MAX_SEEDS; s++)
				for (r = 0; r < 3; r++) {
					double t = 0, o = 0;
					int any = 0;

					for (i = 0; i < nmodels; i++) {
						struct smodel *m = &models[i];

						if (m->seed != s || m->region != r ||
						    !m->truth || m->first > end)
							continue;
						any = 1;
						t += (double)*cell(m, m->truth, end);
						o += (double)*cell(m, m->out, end);
						if (m->first <= start) {
							t -= (double)*cell(m, m->truth, start);
							o -= (double)*cell(m, m->out, start);
						}
					}
					if (any && t > 0)
						err[3][nerr[3]++] = 100 * fabs(o - t) / t;
				}
		}
	}
	printf("%s\t%.1f\t%.1f\t%.1f\t%d\t%d\t%d", label,
	    spikes[0] ? 100.0 * removed[0] / spikes[0] : 0,
	    spikes[1] ? 100.0 * removed[1] / spikes[1] : 0,
	    spikes[2] ? 100.0 * removed[2] / spikes[2] : 0,
	    cut, cut_catchup, touched);
	for (h = 0; h < 4; h++) {
		put_errors(err[h], nerr[h], h == 3);
		free(err[h]);
	}
	printf("\n");
	fflush(stdout);
	if (ferror(stdout))
		fail("write error", NULL);
}

static _Noreturn void
usage(int status)
{
	fputs("Usage: spike-audit season -o DIR [--seeds N] [--first-seed S] [-n MODELS]\n"
	    "                          [--days N]\n"
	    "       spike-audit score -l LABEL DIR [FILE]\n"
	    "       spike-audit table [FILE]\n"
	    "Seasons of download counts with known truth and injected spikes, and\n"
	    "the score of a spike filter's output (iqr-filter --mark) on them.\n",
	    status ? stderr : stdout);
	exit(status);
}

static int
number(const char *s, int lo, int hi)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end || v < lo || v > hi) {
		fprintf(stderr, "spike-audit: %s: not a number from %d to %d\n",
		    s, lo, hi);
		exit(2);
	}
	return (int)v;
}

int
main(int argc, char **argv)
{
	int a;

	if (argc < 2)
		usage(2);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
		usage(0);
	if (!strcmp(argv[1], "table")) {
		if (argc > 3)
			usage(2);
		table(argc == 3 ? argv[2] : "-");
		return 0;
	}
	if (!strcmp(argv[1], "season")) {
		const char *dir = NULL;
		int seeds = 6, n = 150, days = 365, first = 1;

		for (a = 2; a + 1 < argc; a += 2) {
			if (!strcmp(argv[a], "-o"))
				dir = argv[a + 1];
			else if (!strcmp(argv[a], "--seeds"))
				seeds = number(argv[a + 1], 1, MAX_SEEDS);
			else if (!strcmp(argv[a], "--first-seed"))
				first = number(argv[a + 1], 1, MAX_SEEDS);
			else if (!strcmp(argv[a], "-n"))
				n = number(argv[a + 1], 1, MAX_MODELS);
			else if (!strcmp(argv[a], "--days"))
				days = number(argv[a + 1], 60, MAX_DAYS - 400);
			else
				usage(2);
		}
		if (!dir || a != argc || first + seeds - 1 > MAX_SEEDS)
			usage(2);
		season(dir, first, first + seeds - 1, n, days);
		return 0;
	}
	if (!strcmp(argv[1], "score")) {
		if (argc < 5 || argc > 6 || strcmp(argv[2], "-l") != 0)
			usage(2);
		score(argv[3], argv[4], argc == 6 ? argv[5] : "-");
		return 0;
	}
	usage(2);
}
