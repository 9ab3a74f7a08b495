/* ram: the Relative Adoption Metric of the ATOM Report (its section 6).
 *
 * For each model, D(t) is its cumulative count t days after release (7,
 * 14, 30, 60, 90, 180, 365 by default), interpolated linearly between the
 * observations on either side of that day and never extrapolated.  The
 * reference of a size bucket at milestone t is the median of D(t) over the
 * bucket's N most downloaded models (by latest count) that reached t, and
 * RAM = D(t) / median -- when at least --min-reference of them reached t.
 * When fewer did, the RAM is left empty and standard error says so: a
 * median of one or two models (the model itself, often) is no reference.
 * A model may be in its own reference, as in the report: one reference per
 * bucket and milestone, the same for every model (ram(1) says why).
 * With --curves, the reference models' D for every age 0 .. --horizon, with
 * their median and quartiles at each age (the report's Figure 17).
 *
 * Counts, medians, quartiles and RAM are exact (lib/exact): nothing passes
 * through floating point.
 *
 * The input streams one model at a time.  What is kept per model is a small
 * record (its D(t), latest count, bucket), and per bucket its N best models
 * so far (with their daily curves under --curves): memory grows with the
 * models and buckets, never with the rows. */
#include <errno.h>
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
#include "hash.h"
#include "mem.h"
#include "num.h"
#include "out.h"
#include "table.h"
#include "topn.h"
#include "tsv.h"

enum { MAX_MILESTONES = 32 };

#define NO_BUCKET UINT32_MAX

struct options {
	const char *model, *date, *value, *release, *bucket;
	const char *corrections, *reference, *reference_out;
	const char *unknown;	/* the bucket bucketize gives an unknown size */
	long milestones[MAX_MILESTONES];
	size_t nmilestones;
	size_t top;
	size_t min_reference;	/* 0: not given, the value of --top */
	long horizon;		/* -1: not given, 180 */
	int digits;
	bool wide, curves;
};

static struct options opt = {
	.model = "model", .date = "date", .value = "downloads",
	.release = "created", .bucket = "bucket", .unknown = "unknown",
	.milestones = { 7, 14, 30, 60, 90, 180, 365 }, .nmilestones = 7,
	.top = 10, .horizon = -1, .digits = 2,
};

/* What is kept of a model once its rows have been read. */
struct model {
	size_t id_off, id_len;		/* in text */
	uint32_t bucket;		/* index in buckets, or NO_BUCKET */
	size_t bucket_off, bucket_len;	/* its bucket cell, in text */
	day_t release;
	bool has_release;
	int64_t latest;
};

static struct model *models;
static size_t nmodels, models_cap;
/* D(t) of model i at milestone k is dvals[i * nmilestones + k], -1 when
 * not reached: only the milestones asked for are kept. */
static int64_t *dvals;
static size_t dvals_cap;

static int64_t *
d_of(size_t i)
{
	return dvals + i * opt.nmilestones;
}

/* Model ids and bucket cells. */
static struct text text;

/* The reference of a bucket at one milestone, or under --curves at one age:
 * median, Q1 and Q3 of D over the n reference models that reached it. */
struct refstat {
	struct frac median, q1, q3;
	size_t n;
	bool has;		/* median known */
	bool quartiles;		/* q1 and q3 known */
	bool has_n;		/* n known (a reference read without it: not) */
	long long line;		/* of --reference FILE; 0 when computed */
};

/* Buckets are numbered by their names, in bucket_ids. */
struct bucket {
	struct refstat *ref;		/* one per milestone */
	uint32_t reached;		/* bit k: a model of the bucket reached
					   milestone k */
	struct topn top;		/* its best --top models (by index) */
	int64_t *curves;		/* --curves: D at ages 0..horizon of
					   each top slot, -1 where not reached */
	size_t curves_cap;		/* slots curves has room for */
	size_t ages, thin;		/* --curves: ages with data, and those
					   of them without enough models */
};

static struct bucket *buckets;
static size_t buckets_cap;
static struct intern bucket_ids;

/* Corrected release dates, numbered by model id in corrections. */
static struct intern corrections;
static day_t *corrected;
static size_t corrected_cap;

/* One model's observations while its rows are read. */
static struct dated_count *obs;
static size_t nobs, obs_cap;

static void
usage(void)
{
	printf(
"Usage: ram [-m COL] [-t COL] [-v COL] [-r COL] [-b COL] [-c FILE]\n"
"           [--milestones LIST] [--top N] [--min-reference N] [--unknown LABEL]\n"
"           [--reference FILE] [--reference-out FILE] [--digits N]\n"
"           [--wide | --curves [--horizon N]] [FILE ...]\n"
"Relative Adoption Metric: downloads t days after release over the median\n"
"of the bucket's top models at the same t.\n"
"\n"
"  -m, -t, -v COL          model, date, count: --model, --date, --value\n"
"  -r, --release COL       release date column (default: created)\n"
"  -b, --bucket COL        size bucket column (default: bucket)\n"
"  -c, --corrections FILE  CSV/TSV with model_id, actual_release_date\n"
"      --milestones LIST   days after release (7,14,30,60,90,180,365)\n"
"      --top N             reference models per bucket (default 10)\n"
"      --min-reference N   fewest reference models for a RAM (default: --top)\n"
"      --reference FILE    read the reference (bucket milestone median ...)\n"
"      --reference-out FILE  write the reference used, exactly\n"
"      --digits N          decimals of RAM (default 2)\n"
"      --wide              one row per model: ram_Nd and ref_n_Nd columns\n"
"      --curves            reference models' daily counts, median, quartiles\n"
"      --horizon N         last day after release of --curves (default 180)\n"
"      --unknown LABEL     the bucket of an unknown size: no RAM (unknown)\n"
"  -h, --help, --version   show this help, or the version, and exit\n"
"Input: grouped by model, dates ascending.  Exit status: 0 success, 1 bad\n"
"data or I/O, 2 bad usage.  See ram(1).\n");
}

/* The bucket named s[0..n), added when new. */
static uint32_t
bucket_of(const char *s, size_t n)
{
	bool added;
	size_t id = intern_put(&bucket_ids, s, n, &added);

	if (added) {
		buckets = grow(buckets, &buckets_cap, id + 1, sizeof *buckets);
		buckets[id].ref = xcalloc(opt.nmilestones, sizeof *buckets->ref);
	}
	return (uint32_t)id;
}


static void
load_corrections(const char *path)
{
	static const char *const names[] = { "model_id", "actual_release_date" };
	struct table t;
	struct field f[2];

	table_open(&t, path, names, 2);
	while (table_next(&t, f)) {
		size_t id;
		day_t d;

		if (parse_date(f[1].p, f[1].len, &d) != 0)
			die_at(path, t.lineno, "actual_release_date %s is not a "
			    "date (YYYY-MM-DD)", quote(f[1].p, f[1].len));
		id = intern_put(&corrections, f[0].p, f[0].len, NULL);
		corrected = grow(corrected, &corrected_cap, id + 1,
		    sizeof *corrected);
		corrected[id] = d;	/* a later row wins */
	}
	table_close(&t);
}

/* The milestone slot of "7d": -1 when it is not one of --milestones, -2
 * when it is not written like that. */
static int
milestone_slot(const char *s, size_t n)
{
	uint64_t v;
	size_t i;

	if (n < 2 || s[n - 1] != 'd' || parse_count(s, n - 1, &v) != NUM_OK)
		return -2;
	for (i = 0; i < opt.nmilestones; i++)
		if ((uint64_t)opt.milestones[i] == v)
			return (int)i;
	return -1;
}

static struct frac
ref_number(const struct table *t, const char *what, const struct field *f)
{
	struct frac x;
	enum num_status st = frac_parse(f->p, f->len, &x);

	if (st == NUM_RANGE)
		die_at(t->name, t->lineno, "%s %s is out of range (below 2^63, "
		    "at most %d decimals)", what, quote(f->p, f->len),
		    FRAC_MAX_DIGITS);
	if (st != NUM_OK)
		die_at(t->name, t->lineno, "%s %s is not a number of 0 or more",
		    what, quote(f->p, f->len));
	return x;
}

/* A reference table (what --reference-out writes): a header naming bucket,
 * milestone and median, and optionally q1, q3 and n (all three). */
static void
load_reference(const char *path)
{
	static const char *const full[] = { "bucket", "milestone", "median",
	    "q1", "q3", "n" };
	struct table t;
	struct field f[6];
	bool has_more = table_open_either(&t, path, full, 6, full, 3) == 0;

	while (table_next(&t, f)) {
		struct refstat *r;
		uint32_t bi;
		int k;

		if (f[0].len == 0)
			die_at(path, t.lineno, "a reference row needs a bucket");
		k = milestone_slot(f[1].p, f[1].len);
		if (k == -2)
			die_at(path, t.lineno, "milestone %s is not written like "
			    "7d", quote(f[1].p, f[1].len));
		if (k < 0)
			die_at(path, t.lineno, "milestone %s is not one of "
			    "--milestones", quote(f[1].p, f[1].len));
		bi = bucket_of(f[0].p, f[0].len);	/* may move buckets */
		r = &buckets[bi].ref[k];
		if (r->line)
			die_at(path, t.lineno, "bucket %s at %s is given twice "
			    "(first on line %lld)", quote(f[0].p, f[0].len),
			    quote(f[1].p, f[1].len), r->line);
		r->line = t.lineno;
		if (has_more && f[5].len) {
			uint64_t n;

			if (parse_count(f[5].p, f[5].len, &n) != NUM_OK)
				die_at(path, t.lineno, "n %s is not a count",
				    quote(f[5].p, f[5].len));
			r->n = (size_t)n;
			r->has_n = true;
		}
		/* No median: allowed only where no reference model reached
		 * the milestone, as --reference-out writes it. */
		if (f[2].len == 0 && r->has_n && r->n == 0)
			continue;
		r->median = ref_number(&t, "median", &f[2]);
		r->has = true;
		if (has_more && (f[3].len || f[4].len)) {
			if (!f[3].len || !f[4].len)
				die_at(path, t.lineno, "q1 and q3 go together: "
				    "one of them is empty");
			r->q1 = ref_number(&t, "q1", &f[3]);
			r->q3 = ref_number(&t, "q3", &f[4]);
			r->quartiles = true;
		}
	}
	table_close(&t);
}

/* True when model a ranks above model b: more downloaded, or as many and
 * first in byte order of id, so the choice is stable. */
static bool
ranks_above(size_t a, size_t b, void *ctx)
{
	const struct model *x = &models[a], *y = &models[b];

	(void)ctx;
	if (x->latest != y->latest)
		return x->latest > y->latest;
	return bytes_cmp(text.p + x->id_off, x->id_len, text.p + y->id_off,
	    y->id_len) < 0;
}

/* Offers model i to its bucket's best --top; under --curves, keeps the
 * curve of a model that gets in, in the slot it took. */
static void
offer_to_top(struct bucket *b, size_t i)
{
	const struct model *m = &models[i];
	size_t width = (size_t)opt.horizon + 1, at = 0, slot;
	long a;

	slot = topn_offer(&b->top, opt.top, i, ranks_above, NULL);
	if (slot == TOPN_REFUSED || !opt.curves)
		return;
	if (slot >= b->curves_cap) {
		b->curves_cap = b->top.cap;
		b->curves = xrealloc(b->curves, b->curves_cap * width *
		    sizeof *b->curves);
	}
	for (a = 0; a <= opt.horizon; a++)
		b->curves[slot * width + (size_t)a] = m->has_release ?
		    count_on_day(obs, nobs, m->release + (day_t)a, &at) : -1;
}

struct pending {
	bool active;
	size_t id_off, id_len;
	size_t bucket_off, bucket_len;
	bool has_release;
	day_t release;
	long long last_line;
	const char *file;
};

static void
finish_model(struct pending *p)
{
	struct model *m;
	int64_t *d;
	size_t k, id, at = 0;

	if (!p->active)
		return;
	models = grow(models, &models_cap, nmodels + 1, sizeof *models);
	dvals = grow(dvals, &dvals_cap, (nmodels + 1) * opt.nmilestones,
	    sizeof *dvals);
	m = &models[nmodels];
	memset(m, 0, sizeof *m);
	m->id_off = p->id_off;
	m->id_len = p->id_len;
	m->bucket_off = p->bucket_off;
	m->bucket_len = p->bucket_len;
	/* A model of unknown size is in no bucket: a reference of such models
	 * would compare sizes that have nothing in common. */
	m->bucket = p->bucket_len && !(p->bucket_len == strlen(opt.unknown) &&
	    memcmp(text.p + p->bucket_off, opt.unknown, p->bucket_len) == 0) ?
	    bucket_of(text.p + p->bucket_off, p->bucket_len) : NO_BUCKET;
	m->has_release = p->has_release;
	m->release = p->release;
	if (corrections.n && (id = intern_get(&corrections, text.p + m->id_off,
	    m->id_len)) != INTERN_NONE) {
		m->release = corrected[id];
		m->has_release = true;
	}
	m->latest = nobs ? obs[nobs - 1].value : 0;
	if (m->has_release && nobs && m->release > obs[nobs - 1].date) {
		char r[11] = "", l[11] = "";

		format_date(m->release, r);
		format_date(obs[nobs - 1].date, l);
		die_at(p->file, p->last_line, "model %s: release date %s is "
		    "after its last observation %s", quote(text.p + m->id_off,
		    m->id_len), r, l);
	}
	d = d_of(nmodels);
	for (k = 0; k < opt.nmilestones; k++) {
		d[k] = m->has_release ? count_on_day(obs, nobs,
		    m->release + (day_t)opt.milestones[k], &at) : -1;
		if (d[k] >= 0 && m->bucket != NO_BUCKET)
			buckets[m->bucket].reached |= (uint32_t)1 << k;
	}
	if (m->bucket != NO_BUCKET && !opt.reference)
		offer_to_top(&buckets[m->bucket], nmodels);
	nmodels++;
	nobs = 0;
	p->active = false;
}

/* Median, Q1 and Q3 (exact, type 7) of the n counts in v (rates over one
 * day), which it sorts. */
static void
summarize(struct refstat *r, struct rate *v, size_t n)
{
	memset(r, 0, sizeof *r);
	r->n = n;
	r->has_n = true;
	if (n == 0)
		return;
	sort_rates(v, n);
	r->has = r->quartiles = true;
	r->median = quantile7(v, n, 50);
	r->q1 = quantile7(v, n, 25);
	r->q3 = quantile7(v, n, 75);
}

/* The count c as a rate over one day, for the quantiles. */
static struct rate
count_rate(int64_t c)
{
	struct rate r = { (uint64_t)c, 1 };

	return r;
}

/* Ranks each bucket's best models and takes the reference at each
 * milestone over those that reached it. */
static void
compute_reference(void)
{
	struct rate *vals = xrealloc(NULL, (opt.top + 1) * sizeof *vals);
	size_t j, i, k;

	for (j = 0; j < bucket_ids.n; j++) {
		struct bucket *b = &buckets[j];

		topn_rank(&b->top, ranks_above, NULL);
		for (k = 0; k < opt.nmilestones; k++) {
			size_t n = 0;

			for (i = 0; i < b->top.n; i++)
				if (d_of(b->top.e[i].item)[k] >= 0)
					vals[n++] = count_rate(
					    d_of(b->top.e[i].item)[k]);
			summarize(&b->ref[k], vals, n);
		}
	}
	free(vals);
}

static size_t
min_reference(void)
{
	return opt.min_reference ? opt.min_reference : opt.top;
}

/* r is a median of enough models (or of a number not given: taken as is). */
static bool
enough(const struct refstat *r)
{
	return r->has && (!r->has_n || r->n >= min_reference());
}

/* A RAM can be taken against r: a median above 0 of enough models. */
static bool
usable(const struct refstat *r)
{
	return enough(r) && !frac_is_zero(&r->median);
}

/* A bucket and its name, as it is written out. */
struct named {
	struct bucket *b;
	const char *name;
	int len;
};

/* The buckets in byte order of name, once every bucket is known; free the
 * result. */
static struct named *
buckets_by_name(void)
{
	size_t *order = intern_order(&bucket_ids), j, n;
	struct named *v = xcalloc(bucket_ids.n, sizeof *v);

	for (j = 0; j < bucket_ids.n; j++) {
		v[j].b = &buckets[order[j]];
		v[j].name = intern_key(&bucket_ids, order[j], &n);
		v[j].len = (int)n;
	}
	free(order);
	return v;
}

/* One line on standard error for each bucket and milestone where a model
 * reached the milestone but its RAM is left empty, saying why. */
static void
warn_empty(void)
{
	struct named *order = buckets_by_name();
	size_t j, k, nobucket = 0, first = 0;

	for (j = 0; j < bucket_ids.n; j++) {
		const struct bucket *b = order[j].b;
		int len = order[j].len;
		const char *name = order[j].name;

		for (k = 0; k < opt.nmilestones; k++) {
			const struct refstat *r = &b->ref[k];

			if (!(b->reached & (uint32_t)1 << k) || usable(r))
				continue;
			if (r->has_n && r->n < min_reference())
				warnx("%.*s at %ldd: the reference has %zu of the "
				    "%zu models it needs (--min-reference %zu); "
				    "RAM left empty", len, name, opt.milestones[k],
				    r->n, min_reference(), min_reference());
			else if (!r->has)
				warnx("%.*s at %ldd: no reference in %s; RAM left "
				    "empty", len, name, opt.milestones[k],
				    opt.reference);
			else
				warnx("%.*s at %ldd: the reference median is 0; "
				    "RAM left empty", len, name, opt.milestones[k]);
		}
	}
	for (j = 0; j < nmodels; j++) {
		if (models[j].bucket != NO_BUCKET)
			continue;
		for (k = 0; k < opt.nmilestones; k++)
			if (d_of(j)[k] >= 0)
				break;
		if (k < opt.nmilestones && nobucket++ == 0)
			first = j;
	}
	if (nobucket)
		warnx("%zu model%s without a bucket, or of unknown size (the "
		    "first: %s); RAM left empty", nobucket, nobucket == 1 ? "" : "s",
		    quote(text.p + models[first].id_off, models[first].id_len));
	free(order);
}

/* A median or quartile, exactly: as many decimals as it has (at most
 * FRAC_MAX_DIGITS, as --reference reads them). */
static size_t
format_exactly(const struct frac *x, char *buf)
{
	return frac_format(x, FRAC_MAX_DIGITS, FRAC_TRIM, buf);
}

static void
put_frac(FILE *f, const struct frac *x)
{
	char buf[FRAC_BUFSIZE];

	format_exactly(x, buf);
	fputs(buf, f);
}

/* The reference, exactly: what --reference reads back to the same RAM. */
static void
write_reference(FILE *f, const char *path)
{
	struct named *order = buckets_by_name();
	size_t j, k;

	fprintf(f, "#bucket\tmilestone\tmedian\tq1\tq3\tn\n");
	for (j = 0; j < bucket_ids.n; j++) {
		const struct bucket *b = order[j].b;

		for (k = 0; k < opt.nmilestones; k++) {
			const struct refstat *r = &b->ref[k];

			if (!r->has && !r->has_n)
				continue;
			fprintf(f, "%.*s\t%ldd\t", order[j].len, order[j].name,
			    opt.milestones[k]);
			if (r->has)
				put_frac(f, &r->median);
			fputc('\t', f);
			if (r->quartiles) {
				put_frac(f, &r->q1);
				fputc('\t', f);
				put_frac(f, &r->q3);
			} else {
				fputc('\t', f);
			}
			if (r->has_n)
				fprintf(f, "\t%zu\n", r->n);
			else
				fputs("\t\n", f);
		}
	}
	free(order);
	if (fclose(f) != 0)
		die(EXIT_DATA, "%s: %s", path, strerror(errno));
}

static void
out_frac(const struct frac *x)
{
	char buf[FRAC_BUFSIZE];

	out_write(buf, format_exactly(x, buf));
}

/* D / median, to --digits decimals, all of them written. */
static void
out_ram(int64_t d, const struct refstat *r)
{
	char buf[FRAC_BUFSIZE];
	struct frac ram;

	if (d < 0 || !r || !usable(r))
		return;
	ram = frac_over((uint64_t)d, &r->median);
	out_write(buf, frac_format(&ram, opt.digits, FRAC_FIXED, buf));
}

static void
out_milestone_header(const char *prefix)
{
	char num[40];
	size_t k;

	for (k = 0; k < opt.nmilestones; k++) {
		snprintf(num, sizeof num, "\t%s%ldd", prefix, opt.milestones[k]);
		out_str(num);
	}
}

static void
write_results(const struct tsvin *in)
{
	size_t i, k;
	char num[40];

	if (in->has_header) {
		if (opt.wide) {
			out_str("#model\tbucket\trelease");
			out_milestone_header("ram_");
			out_milestone_header("ref_n_");
		} else {
			out_str("#model\tbucket\trelease\tmilestone\tdownloads\t"
			    "ref_median\tram\tref_n");
		}
		out_endrow();
	}
	for (i = 0; i < nmodels; i++) {
		const struct model *m = &models[i];
		const int64_t *d = d_of(i);
		const struct bucket *b = m->bucket == NO_BUCKET ? NULL :
		    &buckets[m->bucket];
		char rel[10];

		if (m->has_release)
			format_date(m->release, rel);
		if (opt.wide) {
			out_write(text.p + m->id_off, m->id_len);
			out_char('\t');
			out_write(text.p + m->bucket_off, m->bucket_len);
			out_char('\t');
			if (m->has_release)
				out_write(rel, 10);
			for (k = 0; k < opt.nmilestones; k++) {
				out_char('\t');
				out_ram(d[k], b ? &b->ref[k] : NULL);
			}
			for (k = 0; k < opt.nmilestones; k++) {
				out_char('\t');
				if (b && b->ref[k].has_n)
					out_u64(b->ref[k].n);
			}
			out_endrow();
			continue;
		}
		for (k = 0; k < opt.nmilestones; k++) {
			const struct refstat *r = b ? &b->ref[k] : NULL;

			if (d[k] < 0)
				continue;
			out_write(text.p + m->id_off, m->id_len);
			out_char('\t');
			out_write(text.p + m->bucket_off, m->bucket_len);
			out_char('\t');
			out_write(rel, 10);
			snprintf(num, sizeof num, "\t%ldd\t", opt.milestones[k]);
			out_str(num);
			out_i64(d[k]);
			out_char('\t');
			if (r && enough(r))
				out_frac(&r->median);
			out_char('\t');
			out_ram(d[k], r);
			out_char('\t');
			if (r && r->has_n)
				out_u64(r->n);
			out_endrow();
		}
	}
}

/* D at age a of the reference model ranked i + 1 of bucket b. */
static int64_t
curve_at(const struct bucket *b, size_t i, long a)
{
	return b->curves[b->top.e[i].slot * ((size_t)opt.horizon + 1) +
	    (size_t)a];
}

/* --curves: for each bucket, each age and each reference model that reached
 * it, the model's count and the median and quartiles over those models. */
static void
write_curves(const struct tsvin *in)
{
	struct named *order = buckets_by_name();
	struct rate *vals = xrealloc(NULL, (opt.top + 1) * sizeof *vals);
	size_t j, i;

	if (in->has_header) {
		out_str("#bucket\tage\trank\tmodel\tdownloads\tn\tmedian\tq1\tq3");
		out_endrow();
	}
	for (j = 0; j < bucket_ids.n; j++) {
		struct bucket *b = order[j].b;
		long a;

		topn_rank(&b->top, ranks_above, NULL);
		for (a = 0; a <= opt.horizon; a++) {
			struct refstat r;
			size_t n = 0;
			bool band;

			for (i = 0; i < b->top.n; i++)
				if (curve_at(b, i, a) >= 0)
					vals[n++] = count_rate(curve_at(b, i, a));
			if (n == 0)
				continue;
			b->ages++;
			summarize(&r, vals, n);
			band = n >= min_reference();
			b->thin += !band;
			for (i = 0; i < b->top.n; i++) {
				const struct model *m = &models[b->top.e[i].item];
				int64_t v = curve_at(b, i, a);

				if (v < 0)
					continue;
				out_write(order[j].name, (size_t)order[j].len);
				out_char('\t');
				out_i64(a);
				out_char('\t');
				out_u64(i + 1);
				out_char('\t');
				out_write(text.p + m->id_off, m->id_len);
				out_char('\t');
				out_i64(v);
				out_char('\t');
				out_u64(n);
				if (band) {
					out_char('\t');
					out_frac(&r.median);
					out_char('\t');
					out_frac(&r.q1);
					out_char('\t');
					out_frac(&r.q3);
				} else {
					out_str("\t\t\t");
				}
				out_endrow();
			}
		}
	}
	free(vals);
	free(order);
}

/* --curves: one line for each bucket with ages whose band is left empty. */
static void
warn_thin_curves(void)
{
	struct named *order = buckets_by_name();
	size_t j;

	for (j = 0; j < bucket_ids.n; j++) {
		const struct bucket *b = order[j].b;

		if (b->thin)
			warnx("%.*s: median and quartiles left empty at %zu of the "
			    "%zu ages with data: fewer than %zu reference models "
			    "(--min-reference %zu) reached them", order[j].len,
			    order[j].name, b->thin, b->ages, min_reference(),
			    min_reference());
	}
	free(order);
}

static void
parse_milestones(const char *list)
{
	char *items[MAX_MILESTONES];
	size_t i, n = split_list(list, items, MAX_MILESTONES, "--milestones");

	for (i = 0; i < n; i++) {
		uint64_t v = cli_count("--milestones", items[i], 1, 36500);

		if (i > 0 && (long)v <= opt.milestones[i - 1])
			die_usage("--milestones %s: days must increase", list);
		opt.milestones[i] = (long)v;
	}
	opt.nmilestones = n;
	free(items[0]);
}

static void
parse_options(int argc, char **argv)
{
	enum { OPT_MILESTONES = 256, OPT_TOP, OPT_MIN_REFERENCE, OPT_REFERENCE,
	    OPT_REFERENCE_OUT, OPT_DIGITS, OPT_WIDE, OPT_CURVES, OPT_HORIZON,
	    OPT_UNKNOWN };
	static const struct option longopts[] = {
		OPTION_ARG("release", 'r'),
		OPTION_ARG("bucket", 'b'),
		OPTION_ARG("corrections", 'c'),
		OPTION_ARG("milestones", OPT_MILESTONES),
		OPTION_ARG("top", OPT_TOP),
		OPTION_ARG("min-reference", OPT_MIN_REFERENCE),
		OPTION_ARG("reference", OPT_REFERENCE),
		OPTION_ARG("reference-out", OPT_REFERENCE_OUT),
		OPTION_ARG("digits", OPT_DIGITS),
		OPTION_FLAG("wide", OPT_WIDE),
		OPTION_FLAG("curves", OPT_CURVES),
		OPTION_ARG("horizon", OPT_HORIZON),
		OPTION_ARG("unknown", OPT_UNKNOWN),
		OPTIONS_END
	};
	int c;

	while ((c = cli_next(argc, argv, "m:t:v:r:b:c:", longopts, usage)) !=
	    -1) {
		switch (c) {
		case 'm': opt.model = optarg; break;
		case 't': opt.date = optarg; break;
		case 'v': opt.value = optarg; break;
		case 'r': opt.release = optarg; break;
		case 'b': opt.bucket = optarg; break;
		case 'c': opt.corrections = optarg; break;
		case OPT_MILESTONES: parse_milestones(optarg); break;
		case OPT_TOP:
			opt.top = (size_t)cli_count("--top", optarg, 1, 100000);
			break;
		case OPT_MIN_REFERENCE:
			opt.min_reference = (size_t)cli_count("--min-reference",
			    optarg, 1, 100000);
			break;
		case OPT_REFERENCE: opt.reference = optarg; break;
		case OPT_REFERENCE_OUT: opt.reference_out = optarg; break;
		case OPT_DIGITS:
			opt.digits = (int)cli_count("--digits", optarg, 0, 9);
			break;
		case OPT_WIDE: opt.wide = true; break;
		case OPT_CURVES: opt.curves = true; break;
		case OPT_UNKNOWN:
			opt.unknown = cli_cell("--unknown", "a label", optarg, 0);
			break;
		case OPT_HORIZON:
			opt.horizon = (long)cli_count("--horizon", optarg, 0,
			    36500);
			break;
		}
	}
	if (opt.min_reference > opt.top)
		die_usage("--min-reference %zu is more than --top %zu: no "
		    "reference could be that large", opt.min_reference, opt.top);
	if (opt.curves && opt.wide)
		die_usage("--curves and --wide are different outputs: give one");
	if (opt.curves && opt.reference)
		die_usage("--curves draws the reference models' own series: it "
		    "cannot use --reference");
	if (opt.horizon >= 0 && !opt.curves)
		die_usage("--horizon is the last age of --curves: give --curves "
		    "too");
	if (opt.horizon < 0)
		opt.horizon = 180;
	if (opt.corrections)
		table_check_stdin("-c", opt.corrections, argc - optind,
		    argv + optind);
	if (opt.reference)
		table_check_stdin("--reference", opt.reference, argc - optind,
		    argv + optind);
	if (opt.corrections && opt.reference &&
	    strcmp(opt.corrections, "-") == 0 && strcmp(opt.reference, "-") == 0)
		die_usage("-c - and --reference -: only one of them can be "
		    "standard input");
}

int
main(int argc, char **argv)
{
	struct tsvin in;
	struct fields fs = { 0 };
	struct grouping grp = { 0 };
	struct pending p = { 0 };
	size_t cm, ct, cv, cr, cb;
	size_t i;
	FILE *refout = NULL;

	err_init(argv[0]);
	parse_options(argc, argv);
	if (opt.reference)
		load_reference(opt.reference);
	/* Opened before the input is read, so that a FILE that cannot be
	 * written fails at once; after --reference, which may be the same. */
	if (opt.reference_out && !(refout = fopen(opt.reference_out, "w")))
		die(EXIT_DATA, "%s: %s", opt.reference_out, strerror(errno));
	if (opt.corrections)
		load_corrections(opt.corrections);
	out_init();
	tsvin_open(&in, argc - optind, argv + optind);
	cm = column_index(&in, opt.model, "-m");
	ct = column_index(&in, opt.date, "-t");
	cv = column_index(&in, opt.value, "-v");
	cr = column_index(&in, opt.release, "-r");
	cb = column_index(&in, opt.bucket, "-b");

	while (tsvin_next(&in, &fs)) {
		const struct field *m, *v, *r, *b;
		day_t d;

		m = &fs.f[cm];
		v = &fs.f[cv];
		r = &fs.f[cr];
		b = &fs.f[cb];
		d = field_date(&in, &fs.f[ct], ct);
		if (group_is_new(&grp, &in, m->p, m->len, d)) {
			finish_model(&p);
			group_enter(&grp, &in, m->p, m->len, d);
			p.active = true;
			p.id_off = text_add(&text, m->p, m->len);
			p.id_len = m->len;
			p.has_release = false;
			p.bucket_len = 0;
		}
		p.last_line = tsvin_line(&in);
		p.file = tsvin_name(&in);
		if (!p.has_release && r->len) {
			p.release = field_date(&in, r, cr);
			p.has_release = true;
		}
		/* The bucket of the model's last row that names one. */
		if (b->len && (b->len != p.bucket_len ||
		    memcmp(text.p + p.bucket_off, b->p, b->len) != 0)) {
			p.bucket_off = text_add(&text, b->p, b->len);
			p.bucket_len = b->len;
		}
		if (v->len == 0)
			continue;
		obs = grow(obs, &obs_cap, nobs + 1, sizeof *obs);
		obs[nobs].date = d;
		obs[nobs].value = (int64_t)field_count(&in, v, cv);
		nobs++;
	}
	finish_model(&p);
	if (!opt.reference)
		compute_reference();
	if (refout)
		write_reference(refout, opt.reference_out);
	if (opt.curves)
		write_curves(&in);
	else
		write_results(&in);
	out_finish();
	/* After the output is all written: a reader that stopped early
	 * (`ram | head`) ends ram quietly, before any of this. */
	if (opt.curves)
		warn_thin_curves();
	else
		warn_empty();
	tsvin_close(&in);
	group_free(&grp);
	free(fs.f);
	free(obs);
	free(models);
	free(dvals);
	text_free(&text);
	free(corrected);
	intern_free(&corrections);
	for (i = 0; i < bucket_ids.n; i++) {
		free(buckets[i].ref);
		topn_free(&buckets[i].top);
		free(buckets[i].curves);
	}
	free(buckets);
	intern_free(&bucket_ids);
	return 0;
}
