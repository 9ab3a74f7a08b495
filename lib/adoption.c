#include "adoption.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "num.h"
#include "out.h"
#include "table.h"

void
adoption_init(struct adoption *a, const long *milestones, size_t nmilestones,
    size_t top, size_t min_reference, long horizon, const char *unknown)
{
	memset(a, 0, sizeof *a);
	a->milestones = milestones;
	a->nmilestones = nmilestones;
	a->top = top;
	a->min_reference = min_reference;
	a->horizon = horizon;
	a->unknown = unknown;
}

void
adoption_free(struct adoption *a)
{
	size_t i;

	free(a->models);
	free(a->d);
	text_free(&a->text);
	for (i = 0; i < a->bucket_ids.n; i++) {
		free(a->buckets[i].ref);
		topn_free(&a->buckets[i].top);
		free(a->buckets[i].curves);
	}
	free(a->buckets);
	intern_free(&a->bucket_ids);
	memset(a, 0, sizeof *a);
}

/* The bucket named s[0..n), added when new. */
static uint32_t
bucket_of(struct adoption *a, const char *s, size_t n)
{
	bool added;
	size_t id = intern_put(&a->bucket_ids, s, n, &added);

	if (added) {
		a->buckets = grow(a->buckets, &a->buckets_cap, id + 1,
		    sizeof *a->buckets);
		a->buckets[id].ref = xcalloc(a->nmilestones,
		    sizeof *a->buckets->ref);
	}
	return (uint32_t)id;
}

/* The milestone slot of "7d": -1 when it is not one of the milestones, -2
 * when it is not written like that. */
static int
milestone_slot(const struct adoption *a, const char *s, size_t n)
{
	uint64_t v;
	size_t i;

	if (n < 2 || s[n - 1] != 'd' || parse_count(s, n - 1, &v) != NUM_OK)
		return -2;
	for (i = 0; i < a->nmilestones; i++)
		if ((uint64_t)a->milestones[i] == v)
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

void
adoption_read_reference(struct adoption *a, const char *path)
{
	static const char *const full[] = { "bucket", "milestone", "median",
	    "q1", "q3", "n" };
	struct table t;
	struct field f[6];
	bool has_more = table_open_either(&t, path, full, 6, full, 3) == 0;

	a->reference = path;
	while (table_next(&t, f)) {
		struct refstat *r;
		uint32_t bi;
		int k;

		if (f[0].len == 0)
			die_at(path, t.lineno, "a reference row needs a bucket");
		k = milestone_slot(a, f[1].p, f[1].len);
		if (k == -2)
			die_at(path, t.lineno, "milestone %s is not written like "
			    "7d", quote(f[1].p, f[1].len));
		if (k < 0)
			die_at(path, t.lineno, "milestone %s is not one of "
			    "--milestones", quote(f[1].p, f[1].len));
		bi = bucket_of(a, f[0].p, f[0].len);	/* may move buckets */
		r = &a->buckets[bi].ref[k];
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
		 * the milestone, as adoption_write_reference writes it. */
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
	const struct adoption *ad = ctx;
	const struct adoption_model *x = &ad->models[a], *y = &ad->models[b];

	if (x->latest != y->latest)
		return x->latest > y->latest;
	return bytes_cmp(ad->text.p + x->id_off, x->id_len,
	    ad->text.p + y->id_off, y->id_len) < 0;
}

/* Offers model i to its bucket's best; with curves, keeps the curve of a
 * model that gets in, in the slot it took. */
static void
offer_to_top(struct adoption *a, struct bucket *b, size_t i,
    const struct dated_count *obs, size_t nobs)
{
	const struct adoption_model *m = &a->models[i];
	size_t width = (size_t)a->horizon + 1, at = 0, slot;
	long age;

	slot = topn_offer(&b->top, a->top, i, ranks_above, a);
	if (slot == TOPN_REFUSED || a->horizon < 0)
		return;
	if (slot >= b->curves_cap) {
		b->curves_cap = b->top.cap;
		b->curves = xrealloc(b->curves, b->curves_cap * width *
		    sizeof *b->curves);
	}
	for (age = 0; age <= a->horizon; age++)
		b->curves[slot * width + (size_t)age] = m->has_release ?
		    count_on_day(obs, nobs, m->release + (day_t)age, &at) : -1;
}

void
adoption_add(struct adoption *a, const struct adoption_model *model,
    const struct dated_count *obs, size_t nobs)
{
	struct adoption_model *m;
	int64_t *d;
	size_t k, at = 0, unknown_len = strlen(a->unknown);

	a->models = grow(a->models, &a->models_cap, a->nmodels + 1,
	    sizeof *a->models);
	a->d = grow(a->d, &a->d_cap, (a->nmodels + 1) * a->nmilestones,
	    sizeof *a->d);
	m = &a->models[a->nmodels];
	*m = *model;
	m->bucket = m->bucket_len && !(m->bucket_len == unknown_len &&
	    memcmp(a->text.p + m->bucket_off, a->unknown, unknown_len) == 0) ?
	    bucket_of(a, a->text.p + m->bucket_off, m->bucket_len) :
	    BUCKET_NONE;
	m->latest = nobs ? obs[nobs - 1].value : 0;
	d = a->d + a->nmodels * a->nmilestones;
	for (k = 0; k < a->nmilestones; k++) {
		d[k] = m->has_release ? count_on_day(obs, nobs,
		    m->release + (day_t)a->milestones[k], &at) : -1;
		if (d[k] >= 0 && m->bucket != BUCKET_NONE)
			a->buckets[m->bucket].reached |= (uint32_t)1 << k;
	}
	if (m->bucket != BUCKET_NONE && !a->reference)
		offer_to_top(a, &a->buckets[m->bucket], a->nmodels, obs, nobs);
	a->nmodels++;
}

/* Median, Q1 and Q3 (exact, type 7) of the n counts in v (rates over one
 * day), which it reorders (order_quartiles). */
static void
summarize(struct refstat *r, struct rate *v, size_t n)
{
	memset(r, 0, sizeof *r);
	r->n = n;
	r->has_n = true;
	if (n == 0)
		return;
	order_quartiles(v, n);
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

void
adoption_compute_reference(struct adoption *a)
{
	struct rate *vals = xrealloc(NULL, (a->top + 1) * sizeof *vals);
	size_t j, i, k;

	for (j = 0; j < a->bucket_ids.n; j++) {
		struct bucket *b = &a->buckets[j];

		topn_rank(&b->top, ranks_above, a);
		for (k = 0; k < a->nmilestones; k++) {
			size_t n = 0;

			for (i = 0; i < b->top.n; i++)
				if (adoption_d(a, b->top.e[i].item)[k] >= 0)
					vals[n++] = count_rate(adoption_d(a,
					    b->top.e[i].item)[k]);
			summarize(&b->ref[k], vals, n);
		}
	}
	free(vals);
}

const struct refstat *
adoption_ref(const struct adoption *a, const struct adoption_model *m,
    size_t k)
{
	return m->bucket == BUCKET_NONE ? NULL : &a->buckets[m->bucket].ref[k];
}

bool
adoption_enough(const struct adoption *a, const struct refstat *r)
{
	return r->has && (!r->has_n || r->n >= a->min_reference);
}

bool
adoption_usable(const struct adoption *a, const struct refstat *r)
{
	return adoption_enough(a, r) && !frac_is_zero(&r->median);
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
buckets_by_name(const struct adoption *a)
{
	size_t *order = intern_order(&a->bucket_ids), j, n;
	struct named *v = xcalloc(a->bucket_ids.n, sizeof *v);

	for (j = 0; j < a->bucket_ids.n; j++) {
		v[j].b = &a->buckets[order[j]];
		v[j].name = intern_key(&a->bucket_ids, order[j], &n);
		v[j].len = (int)n;
	}
	free(order);
	return v;
}

void
adoption_warn_empty(const struct adoption *a)
{
	struct named *order = buckets_by_name(a);
	size_t j, k, nobucket = 0, first = 0, min = a->min_reference;

	for (j = 0; j < a->bucket_ids.n; j++) {
		const struct bucket *b = order[j].b;
		int len = order[j].len;
		const char *name = order[j].name;

		for (k = 0; k < a->nmilestones; k++) {
			const struct refstat *r = &b->ref[k];

			if (!(b->reached & (uint32_t)1 << k) ||
			    adoption_usable(a, r))
				continue;
			if (r->has_n && r->n < min)
				warnx("%.*s at %ldd: the reference has %zu of the "
				    "%zu models it needs (--min-reference %zu); "
				    "RAM left empty", len, name, a->milestones[k],
				    r->n, min, min);
			else if (!r->has)
				warnx("%.*s at %ldd: no reference in %s; RAM left "
				    "empty", len, name, a->milestones[k],
				    a->reference);
			else
				warnx("%.*s at %ldd: the reference median is 0; "
				    "RAM left empty", len, name, a->milestones[k]);
		}
	}
	for (j = 0; j < a->nmodels; j++) {
		if (a->models[j].bucket != BUCKET_NONE)
			continue;
		for (k = 0; k < a->nmilestones; k++)
			if (adoption_d(a, j)[k] >= 0)
				break;
		if (k < a->nmilestones && nobucket++ == 0)
			first = j;
	}
	if (nobucket)
		warnx("%zu model%s without a bucket, or of unknown size (the "
		    "first: %s); RAM left empty", nobucket, nobucket == 1 ? "" : "s",
		    quote(a->text.p + a->models[first].id_off,
		    a->models[first].id_len));
	free(order);
}

/* A median or quartile, exactly: as many decimals as it has (at most
 * FRAC_MAX_DIGITS, as adoption_read_reference reads them). */
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

void
adoption_write_reference(struct adoption *a, FILE *f, const char *path)
{
	struct named *order = buckets_by_name(a);
	size_t j, k;

	fprintf(f, "#bucket\tmilestone\tmedian\tq1\tq3\tn\n");
	for (j = 0; j < a->bucket_ids.n; j++) {
		const struct bucket *b = order[j].b;

		for (k = 0; k < a->nmilestones; k++) {
			const struct refstat *r = &b->ref[k];

			if (!r->has && !r->has_n)
				continue;
			fprintf(f, "%.*s\t%ldd\t", order[j].len, order[j].name,
			    a->milestones[k]);
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

void
out_frac_exactly(const struct frac *x)
{
	char buf[FRAC_BUFSIZE];

	out_write(buf, format_exactly(x, buf));
}

/* D at age `age` of the reference model ranked i + 1 of bucket b. */
static int64_t
curve_at(const struct adoption *a, const struct bucket *b, size_t i,
    long age)
{
	return b->curves[b->top.e[i].slot * ((size_t)a->horizon + 1) +
	    (size_t)age];
}

void
adoption_write_curves(struct adoption *a, bool header)
{
	struct named *order = buckets_by_name(a);
	struct rate *vals = xrealloc(NULL, (a->top + 1) * sizeof *vals);
	size_t j, i;

	if (header) {
		out_str("#bucket\tage\trank\tmodel\tdownloads\tn\tmedian\tq1\tq3");
		out_endrow();
	}
	for (j = 0; j < a->bucket_ids.n; j++) {
		struct bucket *b = order[j].b;
		long age;

		topn_rank(&b->top, ranks_above, a);
		for (age = 0; age <= a->horizon; age++) {
			struct refstat r;
			size_t n = 0;
			bool band;

			for (i = 0; i < b->top.n; i++)
				if (curve_at(a, b, i, age) >= 0)
					vals[n++] = count_rate(curve_at(a, b, i,
					    age));
			if (n == 0)
				continue;
			b->ages++;
			summarize(&r, vals, n);
			band = n >= a->min_reference;
			b->thin += !band;
			for (i = 0; i < b->top.n; i++) {
				const struct adoption_model *m =
				    &a->models[b->top.e[i].item];
				int64_t v = curve_at(a, b, i, age);

				if (v < 0)
					continue;
				out_write(order[j].name, (size_t)order[j].len);
				out_char('\t');
				out_i64(age);
				out_char('\t');
				out_u64(i + 1);
				out_char('\t');
				out_write(a->text.p + m->id_off, m->id_len);
				out_char('\t');
				out_i64(v);
				out_char('\t');
				out_u64(n);
				if (band) {
					out_char('\t');
					out_frac_exactly(&r.median);
					out_char('\t');
					out_frac_exactly(&r.q1);
					out_char('\t');
					out_frac_exactly(&r.q3);
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

void
adoption_warn_thin_curves(const struct adoption *a)
{
	struct named *order = buckets_by_name(a);
	size_t j;

	for (j = 0; j < a->bucket_ids.n; j++) {
		const struct bucket *b = order[j].b;

		if (b->thin)
			warnx("%.*s: median and quartiles left empty at %zu of the "
			    "%zu ages with data: fewer than %zu reference models "
			    "(--min-reference %zu) reached them", order[j].len,
			    order[j].name, b->thin, b->ages, a->min_reference,
			    a->min_reference);
	}
	free(order);
}
