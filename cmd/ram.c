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
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "err.h"
#include "exact.h"
#include "group.h"
#include "hash.h"
#include "num.h"
#include "out.h"
#include "table.h"
#include "topn.h"
#include "tsv.h"
#include "version.h"

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

static int64_t *
d_of(size_t i)
{
	return dvals + i * opt.nmilestones;
}

static char *text;
static size_t text_len, text_cap;

/* The reference of a bucket at one milestone, or under --curves at one age:
 * median, Q1 and Q3 of D over the n reference models that reached it. */
struct refstat {
	struct decimal median, q1, q3;
	size_t n;
	bool has;		/* median known */
	bool quartiles;		/* q1 and q3 known */
	bool has_n;		/* n known (a reference read without it: not) */
	long long line;		/* of --reference FILE; 0 when computed */
};

struct bucket {
	size_t name_off, name_len;	/* in text */
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
static size_t nbuckets, buckets_cap;
static struct strmap bucket_ids;

/* Corrected release dates by model id. */
static struct strmap corrections;
static day_t *corrected;
static size_t ncorrected, corrected_cap;

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

static size_t
keep_text(const char *p, size_t n)
{
	size_t off = text_len;

	if (text_cap - text_len < n + 1) {
		while (text_cap - text_len < n + 1)
			text_cap = text_cap ? text_cap * 2 : 4096;
		text = xrealloc(text, text_cap);
	}
	memcpy(text + text_len, p, n);
	text_len += n;
	return off;
}

/* The bucket named s[0..n), added when new; off is where the name is in
 * text already (keep_text could move text under s), or SIZE_MAX. */
static uint32_t
bucket_of(const char *s, size_t n, size_t off)
{
	bool added;
	uint32_t *slot = strmap_put(&bucket_ids, s, n, &added);
	struct bucket *b;

	if (!added)
		return *slot;
	if (nbuckets == buckets_cap) {
		buckets_cap = buckets_cap ? buckets_cap * 2 : 16;
		buckets = xrealloc(buckets, buckets_cap * sizeof *buckets);
	}
	b = &buckets[nbuckets];
	memset(b, 0, sizeof *b);
	b->name_off = off != SIZE_MAX ? off : keep_text(s, n);
	b->name_len = n;
	b->ref = xcalloc(opt.nmilestones, sizeof *b->ref);
	*slot = (uint32_t)nbuckets;
	return (uint32_t)nbuckets++;
}

static void
load_corrections(const char *path)
{
	static const char *const names[] = { "model_id", "actual_release_date" };
	struct table t;
	struct field f[2];

	table_open(&t, path, names, 2);
	while (table_next(&t, f)) {
		bool added;
		uint32_t *slot;
		day_t d;

		if (parse_date(f[1].p, f[1].len, &d) != 0)
			die_at(path, t.lineno, "actual_release_date %s is not a "
			    "date (YYYY-MM-DD)", quote(f[1].p, f[1].len));
		slot = strmap_put(&corrections, f[0].p, f[0].len, &added);
		if (added) {
			if (ncorrected == corrected_cap) {
				corrected_cap = corrected_cap ? corrected_cap * 2 : 64;
				corrected = xrealloc(corrected,
				    corrected_cap * sizeof *corrected);
			}
			*slot = (uint32_t)ncorrected++;
		}
		corrected[*slot] = d;
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

static struct decimal
ref_number(const struct table *t, const char *what, const struct field *f)
{
	struct decimal d;
	enum num_status st = parse_exact(f->p, f->len, &d);

	if (st == NUM_RANGE)
		die_at(t->name, t->lineno, "%s %s is out of range (below 2^63, "
		    "at most %d decimals)", what, quote(f->p, f->len),
		    DECIMAL_MAX_SCALE);
	if (st != NUM_OK || decimal_sign(&d) < 0)
		die_at(t->name, t->lineno, "%s %s is not a number of 0 or more",
		    what, quote(f->p, f->len));
	return d;
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
		bi = bucket_of(f[0].p, f[0].len, SIZE_MAX); /* may move buckets */
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
	size_t n;
	int c;

	(void)ctx;
	if (x->latest != y->latest)
		return x->latest > y->latest;
	n = x->id_len < y->id_len ? x->id_len : y->id_len;
	c = memcmp(text + x->id_off, text + y->id_off, n);
	return c ? c < 0 : x->id_len < y->id_len;
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
	uint32_t *slot;
	int64_t *d;
	size_t k, at = 0;

	if (!p->active)
		return;
	if (nmodels == models_cap) {
		models_cap = models_cap ? models_cap * 2 : 1024;
		models = xrealloc(models, models_cap * sizeof *models);
		dvals = xrealloc(dvals, models_cap * opt.nmilestones * sizeof *dvals);
	}
	m = &models[nmodels];
	memset(m, 0, sizeof *m);
	m->id_off = p->id_off;
	m->id_len = p->id_len;
	m->bucket_off = p->bucket_off;
	m->bucket_len = p->bucket_len;
	/* A model of unknown size is in no bucket: a reference of such models
	 * would compare sizes that have nothing in common. */
	m->bucket = p->bucket_len && !(p->bucket_len == strlen(opt.unknown) &&
	    memcmp(text + p->bucket_off, opt.unknown, p->bucket_len) == 0) ?
	    bucket_of(text + p->bucket_off, p->bucket_len, p->bucket_off) :
	    NO_BUCKET;
	m->has_release = p->has_release;
	m->release = p->release;
	if (corrections.n &&
	    (slot = strmap_get(&corrections, text + m->id_off, m->id_len))) {
		m->release = corrected[*slot];
		m->has_release = true;
	}
	m->latest = nobs ? obs[nobs - 1].value : 0;
	if (m->has_release && nobs && m->release > obs[nobs - 1].date) {
		char r[11] = "", l[11] = "";

		format_date(m->release, r);
		format_date(obs[nobs - 1].date, l);
		die_at(p->file, p->last_line, "model %s: release date %s is "
		    "after its last observation %s", quote(text + m->id_off,
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

/* Median, Q1 and Q3 (exact, type 7) of the n values in v, which it sorts. */
static void
summarize(struct refstat *r, int64_t *v, size_t n)
{
	memset(r, 0, sizeof *r);
	r->n = n;
	r->has_n = true;
	if (n == 0)
		return;
	sort_int64(v, n);
	r->has = r->quartiles = true;
	r->median = quantile7_exact(v, n, 50);
	r->q1 = quantile7_exact(v, n, 25);
	r->q3 = quantile7_exact(v, n, 75);
}

/* Ranks each bucket's best models and takes the reference at each
 * milestone over those that reached it. */
static void
compute_reference(void)
{
	int64_t *vals = xrealloc(NULL, (opt.top + 1) * sizeof *vals);
	size_t j, i, k;

	for (j = 0; j < nbuckets; j++) {
		struct bucket *b = &buckets[j];

		topn_rank(&b->top, ranks_above, NULL);
		for (k = 0; k < opt.nmilestones; k++) {
			size_t n = 0;

			for (i = 0; i < b->top.n; i++)
				if (d_of(b->top.e[i].item)[k] >= 0)
					vals[n++] = d_of(b->top.e[i].item)[k];
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
	return enough(r) && decimal_sign(&r->median) > 0;
}

static int
cmp_bucket_name(const void *a, const void *b)
{
	const struct bucket *x = &buckets[*(const size_t *)a];
	const struct bucket *y = &buckets[*(const size_t *)b];
	size_t n = x->name_len < y->name_len ? x->name_len : y->name_len;
	int c = memcmp(text + x->name_off, text + y->name_off, n);

	return c ? c : (x->name_len > y->name_len) - (x->name_len < y->name_len);
}

/* Bucket indices in byte order of name; free the result. */
static size_t *
buckets_by_name(void)
{
	size_t *v = xrealloc(NULL, (nbuckets + 1) * sizeof *v), j;

	for (j = 0; j < nbuckets; j++)
		v[j] = j;
	qsort(v, nbuckets, sizeof *v, cmp_bucket_name);
	return v;
}

/* One line on standard error for each bucket and milestone where a model
 * reached the milestone but its RAM is left empty, saying why. */
static void
warn_empty(void)
{
	size_t *order = buckets_by_name(), j, k, nobucket = 0, first = 0;

	for (j = 0; j < nbuckets; j++) {
		const struct bucket *b = &buckets[order[j]];

		for (k = 0; k < opt.nmilestones; k++) {
			const struct refstat *r = &b->ref[k];

			if (!(b->reached & (uint32_t)1 << k) || usable(r))
				continue;
			if (r->has_n && r->n < min_reference())
				warnx("%.*s at %ldd: the reference has %zu of the "
				    "%zu models it needs (--min-reference %zu); "
				    "RAM left empty", (int)b->name_len,
				    text + b->name_off, opt.milestones[k], r->n,
				    min_reference(), min_reference());
			else if (!r->has)
				warnx("%.*s at %ldd: no reference in %s; RAM left "
				    "empty", (int)b->name_len, text + b->name_off,
				    opt.milestones[k], opt.reference);
			else
				warnx("%.*s at %ldd: the reference median is 0; "
				    "RAM left empty", (int)b->name_len,
				    text + b->name_off, opt.milestones[k]);
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
		    quote(text + models[first].id_off, models[first].id_len));
	free(order);
}

static void
put_decimal(FILE *f, const struct decimal *d)
{
	char buf[DECIMAL_BUFSIZE];

	decimal_format(d, buf);
	fputs(buf, f);
}

/* The reference, exactly: what --reference reads back to the same RAM. */
static void
write_reference(FILE *f, const char *path)
{
	size_t *order = buckets_by_name(), j, k;

	fprintf(f, "#bucket\tmilestone\tmedian\tq1\tq3\tn\n");
	for (j = 0; j < nbuckets; j++) {
		const struct bucket *b = &buckets[order[j]];

		for (k = 0; k < opt.nmilestones; k++) {
			const struct refstat *r = &b->ref[k];

			if (!r->has && !r->has_n)
				continue;
			fprintf(f, "%.*s\t%ldd\t", (int)b->name_len,
			    text + b->name_off, opt.milestones[k]);
			if (r->has)
				put_decimal(f, &r->median);
			fputc('\t', f);
			if (r->quartiles) {
				put_decimal(f, &r->q1);
				fputc('\t', f);
				put_decimal(f, &r->q3);
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
out_decimal(const struct decimal *d)
{
	char buf[DECIMAL_BUFSIZE];

	out_write(buf, decimal_format(d, buf));
}

static void
out_ram(int64_t d, const struct refstat *r)
{
	char buf[DECIMAL_BUFSIZE];

	if (d >= 0 && r && usable(r))
		out_write(buf, ratio_format(d, &r->median, opt.digits, buf));
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
			out_write(text + m->id_off, m->id_len);
			out_char('\t');
			out_write(text + m->bucket_off, m->bucket_len);
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
			out_write(text + m->id_off, m->id_len);
			out_char('\t');
			out_write(text + m->bucket_off, m->bucket_len);
			out_char('\t');
			out_write(rel, 10);
			snprintf(num, sizeof num, "\t%ldd\t", opt.milestones[k]);
			out_str(num);
			out_i64(d[k]);
			out_char('\t');
			if (r && enough(r))
				out_decimal(&r->median);
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
	size_t *order = buckets_by_name(), j, i;
	int64_t *vals = xrealloc(NULL, (opt.top + 1) * sizeof *vals);

	if (in->has_header) {
		out_str("#bucket\tage\trank\tmodel\tdownloads\tn\tmedian\tq1\tq3");
		out_endrow();
	}
	for (j = 0; j < nbuckets; j++) {
		struct bucket *b = &buckets[order[j]];
		long a;

		topn_rank(&b->top, ranks_above, NULL);
		for (a = 0; a <= opt.horizon; a++) {
			struct refstat r;
			size_t n = 0;
			bool band;

			for (i = 0; i < b->top.n; i++)
				if (curve_at(b, i, a) >= 0)
					vals[n++] = curve_at(b, i, a);
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
				out_write(text + b->name_off, b->name_len);
				out_char('\t');
				out_i64(a);
				out_char('\t');
				out_u64(i + 1);
				out_char('\t');
				out_write(text + m->id_off, m->id_len);
				out_char('\t');
				out_i64(v);
				out_char('\t');
				out_u64(n);
				if (band) {
					out_char('\t');
					out_decimal(&r.median);
					out_char('\t');
					out_decimal(&r.q1);
					out_char('\t');
					out_decimal(&r.q3);
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
	size_t *order = buckets_by_name(), j;

	for (j = 0; j < nbuckets; j++) {
		const struct bucket *b = &buckets[order[j]];

		if (b->thin)
			warnx("%.*s: median and quartiles left empty at %zu of the "
			    "%zu ages with data: fewer than %zu reference models "
			    "(--min-reference %zu) reached them", (int)b->name_len,
			    text + b->name_off, b->thin, b->ages, min_reference(),
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
		uint64_t v;

		if (parse_count(items[i], strlen(items[i]), &v) != NUM_OK ||
		    v < 1 || v > 36500)
			die_usage("--milestones %s: '%s' is not a number of days "
			    "from 1 to 36500", list, items[i]);
		if (i > 0 && (long)v <= opt.milestones[i - 1])
			die_usage("--milestones %s: days must increase", list);
		opt.milestones[i] = (long)v;
	}
	opt.nmilestones = n;
	free(items[0]);
}

/* A whole number from lo to hi for option name, or a usage error. */
static uint64_t
count_option(const char *name, const char *arg, uint64_t lo, uint64_t hi)
{
	uint64_t n;

	if (parse_count(arg, strlen(arg), &n) != NUM_OK || n < lo || n > hi)
		die_usage("%s %s: must be a whole number from %llu to %llu",
		    name, arg, (unsigned long long)lo, (unsigned long long)hi);
	return n;
}

static void
parse_options(int argc, char **argv)
{
	enum { OPT_MILESTONES = 256, OPT_TOP, OPT_MIN_REFERENCE, OPT_REFERENCE,
	    OPT_REFERENCE_OUT, OPT_DIGITS, OPT_WIDE, OPT_CURVES, OPT_HORIZON,
	    OPT_UNKNOWN, OPT_VERSION };
	static const struct option longopts[] = {
		{ "model", required_argument, NULL, 'm' },
		{ "date", required_argument, NULL, 't' },
		{ "value", required_argument, NULL, 'v' },
		{ "release", required_argument, NULL, 'r' },
		{ "bucket", required_argument, NULL, 'b' },
		{ "corrections", required_argument, NULL, 'c' },
		{ "milestones", required_argument, NULL, OPT_MILESTONES },
		{ "top", required_argument, NULL, OPT_TOP },
		{ "min-reference", required_argument, NULL, OPT_MIN_REFERENCE },
		{ "reference", required_argument, NULL, OPT_REFERENCE },
		{ "reference-out", required_argument, NULL, OPT_REFERENCE_OUT },
		{ "digits", required_argument, NULL, OPT_DIGITS },
		{ "wide", no_argument, NULL, OPT_WIDE },
		{ "curves", no_argument, NULL, OPT_CURVES },
		{ "horizon", required_argument, NULL, OPT_HORIZON },
		{ "unknown", required_argument, NULL, OPT_UNKNOWN },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":m:t:v:r:b:c:h", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'm': opt.model = optarg; break;
		case 't': opt.date = optarg; break;
		case 'v': opt.value = optarg; break;
		case 'r': opt.release = optarg; break;
		case 'b': opt.bucket = optarg; break;
		case 'c': opt.corrections = optarg; break;
		case OPT_MILESTONES: parse_milestones(optarg); break;
		case OPT_TOP:
			opt.top = (size_t)count_option("--top", optarg, 1, 100000);
			break;
		case OPT_MIN_REFERENCE:
			opt.min_reference = (size_t)count_option("--min-reference",
			    optarg, 1, 100000);
			break;
		case OPT_REFERENCE: opt.reference = optarg; break;
		case OPT_REFERENCE_OUT: opt.reference_out = optarg; break;
		case OPT_DIGITS:
			opt.digits = (int)count_option("--digits", optarg, 0, 9);
			break;
		case OPT_WIDE: opt.wide = true; break;
		case OPT_CURVES: opt.curves = true; break;
		case OPT_UNKNOWN:
			if (*optarg == '\0')
				die_usage("--unknown: the label is empty");
			opt.unknown = optarg;
			break;
		case OPT_HORIZON:
			opt.horizon = (long)count_option("--horizon", optarg, 0,
			    36500);
			break;
		case 'h': usage(); exit_help();
		case OPT_VERSION:
			printf("ram %s\n", HFSNAP_VERSION);
			exit_help();
		default: die_option(c, argv);
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
			p.id_off = keep_text(m->p, m->len);
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
		    memcmp(text + p.bucket_off, b->p, b->len) != 0)) {
			p.bucket_off = keep_text(b->p, b->len);
			p.bucket_len = b->len;
		}
		if (v->len == 0)
			continue;
		if (nobs == obs_cap) {
			obs_cap = obs_cap ? obs_cap * 2 : 512;
			obs = xrealloc(obs, obs_cap * sizeof *obs);
		}
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
	free(text);
	free(corrected);
	strmap_free(&corrections);
	strmap_free(&bucket_ids);
	for (i = 0; i < nbuckets; i++) {
		free(buckets[i].ref);
		topn_free(&buckets[i].top);
		free(buckets[i].curves);
	}
	free(buckets);
	return 0;
}
