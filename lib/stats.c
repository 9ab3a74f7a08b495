#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double
quantile7(const double *sorted, size_t n, double p)
{
	double h = (double)(n - 1) * p, lo = floor(h);
	size_t i = (size_t)lo;

	if (i + 1 >= n)
		return sorted[n - 1];
	return sorted[i] + (h - lo) * (sorted[i + 1] - sorted[i]);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

void
sort_doubles(double *v, size_t n)
{
	size_t i;

	/* The series here are short and often nearly sorted: insertion sort
	 * below a few dozen values, qsort above. */
	if (n > 48) {
		qsort(v, n, sizeof *v, cmp_double);
		return;
	}
	for (i = 1; i < n; i++) {
		double x = v[i];
		size_t j = i;

		while (j > 0 && v[j - 1] > x) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

/* Rates: a/b against c/d is a*d against c*b, products of 96 bits at most,
 * compared as a high and a low 64-bit half. */
static void
mul_64_32(uint64_t a, uint32_t b, uint64_t *hi, uint64_t *lo)
{
	uint64_t low = (a & 0xffffffffu) * b, high = (a >> 32) * b;

	*lo = low + (high << 32);
	*hi = (high >> 32) + (*lo < low);
}

int
rate_cmp(struct rate a, struct rate b)
{
	uint64_t ah, al, bh, bl;

	if (a.days == b.days)
		return (a.count > b.count) - (a.count < b.count);
	mul_64_32(a.count, b.days, &ah, &al);
	mul_64_32(b.count, a.days, &bh, &bl);
	if (ah != bh)
		return ah > bh ? 1 : -1;
	return (al > bl) - (al < bl);
}

static int
cmp_rate(const void *a, const void *b)
{
	return rate_cmp(*(const struct rate *)a, *(const struct rate *)b);
}

void
sort_rates(struct rate *v, size_t n)
{
	size_t i;

	/* As sort_doubles: insertion sort for the short, nearly sorted. */
	if (n > 48) {
		qsort(v, n, sizeof *v, cmp_rate);
		return;
	}
	for (i = 1; i < n; i++) {
		struct rate x = v[i];
		size_t j = i;

		while (j > 0 && rate_cmp(v[j - 1], x) > 0) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

/* Wide unsigned integers.  The callers' preconditions keep every result
 * below 2^384 (see stats.h): quartiles have numerators below 2^98 and
 * denominators below 2^66, fences below 2^229 and 2^196. */

static struct u384
u384_of(uint64_t v)
{
	struct u384 x;

	memset(&x, 0, sizeof x);
	x.w[0] = (uint32_t)v;
	x.w[1] = (uint32_t)(v >> 32);
	return x;
}

/* Limbs in use: the index of the highest nonzero limb plus one. */
static int
u384_len(const struct u384 *x)
{
	int n = U384_LIMBS;

	while (n > 0 && x->w[n - 1] == 0)
		n--;
	return n;
}

static struct u384
u384_mul(const struct u384 *a, const struct u384 *b)
{
	struct u384 r;
	int na = u384_len(a), nb = u384_len(b), i, j;

	memset(&r, 0, sizeof r);
	for (j = 0; j < nb; j++) {
		uint64_t carry = 0;

		if (b->w[j] == 0)
			continue;
		for (i = 0; i < na && i + j < U384_LIMBS; i++) {
			uint64_t t = (uint64_t)a->w[i] * b->w[j] + r.w[i + j] +
			    carry;

			r.w[i + j] = (uint32_t)t;
			carry = t >> 32;
		}
		for (i += j; carry && i < U384_LIMBS; i++) {
			uint64_t t = (uint64_t)r.w[i] + carry;

			r.w[i] = (uint32_t)t;
			carry = t >> 32;
		}
	}
	return r;
}

static struct u384
u384_mul64(const struct u384 *a, uint64_t k)
{
	struct u384 b = u384_of(k);

	return u384_mul(a, &b);
}

static struct u384
u384_add(const struct u384 *a, const struct u384 *b)
{
	struct u384 r;
	uint64_t carry = 0;
	int i;

	for (i = 0; i < U384_LIMBS; i++) {
		uint64_t t = (uint64_t)a->w[i] + b->w[i] + carry;

		r.w[i] = (uint32_t)t;
		carry = t >> 32;
	}
	return r;
}

/* a - b, for a >= b. */
static struct u384
u384_sub(const struct u384 *a, const struct u384 *b)
{
	struct u384 r;
	uint64_t borrow = 0;
	int i;

	for (i = 0; i < U384_LIMBS; i++) {
		uint64_t t = (uint64_t)a->w[i] - b->w[i] - borrow;

		r.w[i] = (uint32_t)t;
		borrow = (t >> 32) & 1;
	}
	return r;
}

static int
u384_cmp(const struct u384 *a, const struct u384 *b)
{
	int i;

	for (i = U384_LIMBS - 1; i >= 0; i--)
		if (a->w[i] != b->w[i])
			return a->w[i] > b->w[i] ? 1 : -1;
	return 0;
}

/* q = a / b, r = a mod b (b > 0), by shifting and subtracting: only the
 * printing and the rounding of a replacement need it. */
static void
u384_divmod(const struct u384 *a, const struct u384 *b, struct u384 *q,
    struct u384 *r)
{
	int bit = u384_len(a) * 32, i;

	memset(q, 0, sizeof *q);
	memset(r, 0, sizeof *r);
	while (bit-- > 0) {
		uint32_t in = (a->w[bit / 32] >> (bit % 32)) & 1;

		for (i = U384_LIMBS - 1; i > 0; i--)
			r->w[i] = r->w[i] << 1 | r->w[i - 1] >> 31;
		r->w[0] = r->w[0] << 1 | in;
		if (u384_cmp(r, b) >= 0) {
			*r = u384_sub(r, b);
			q->w[bit / 32] |= (uint32_t)1 << (bit % 32);
		}
	}
}

/* x / k for a small k, leaving x the quotient; returns the remainder. */
static uint32_t
u384_div_small(struct u384 *x, uint32_t k)
{
	uint64_t rem = 0;
	int i;

	for (i = U384_LIMBS - 1; i >= 0; i--) {
		uint64_t t = rem << 32 | x->w[i];

		x->w[i] = (uint32_t)(t / k);
		rem = t % k;
	}
	return (uint32_t)rem;
}

static int
u384_is_zero(const struct u384 *x)
{
	return u384_len(x) == 0;
}

struct frac
rate_quartile(const struct rate *sorted, size_t n, unsigned quarter)
{
	/* h = (n-1) quarter / 4: whole part i, fraction f / 4. */
	size_t h4 = (n - 1) * quarter, i = h4 / 4;
	unsigned f = (unsigned)(h4 % 4);
	struct frac q;
	struct rate a, b;

	a = sorted[i];
	if (f == 0 || i + 1 >= n) {
		q.num = u384_of(a.count);
		q.den = u384_of(a.days);
		return q;
	}
	b = sorted[i + 1];
	/* ((4 - f) a + f b) / 4, over the product of the days. */
	if (a.days == b.days) {
		struct u384 x = u384_of(a.count), y = u384_of(b.count);

		x = u384_mul64(&x, 4 - f);
		y = u384_mul64(&y, f);
		q.num = u384_add(&x, &y);
		q.den = u384_of((uint64_t)a.days * 4);
	} else {
		struct u384 x = u384_of(a.count), y = u384_of(b.count);

		x = u384_mul64(&x, (uint64_t)(4 - f) * b.days);
		y = u384_mul64(&y, (uint64_t)f * a.days);
		q.num = u384_add(&x, &y);
		q.den = u384_of((uint64_t)a.days * b.days);
		q.den = u384_mul64(&q.den, 4);
	}
	return q;
}

struct frac
frac_sub(const struct frac *b, const struct frac *a)
{
	struct frac d;

	if (u384_cmp(&a->den, &b->den) == 0) {
		d.num = u384_sub(&b->num, &a->num);
		d.den = a->den;
	} else {
		struct u384 x = u384_mul(&b->num, &a->den);
		struct u384 y = u384_mul(&a->num, &b->den);

		d.num = u384_sub(&x, &y);
		d.den = u384_mul(&a->den, &b->den);
	}
	return d;
}

struct frac
frac_fence(const struct frac *q1, const struct frac *q3, uint64_t fnum,
    uint64_t fden, uint64_t min_iqr)
{
	struct u384 n3 = q3->num, n1 = q1->num, den = q3->den, big, f;
	struct frac fence, iqr = frac_sub(q3, q1);

	if (rate_cmp_frac((struct rate){ min_iqr, 1 }, &iqr) > 0) {
		/* q3 + F min_iqr = (fden q3 + fnum min_iqr q3.den) / fden
		 * q3.den. */
		n3 = u384_mul64(&q3->num, fden);
		f = u384_mul64(&q3->den, fnum);
		f = u384_mul64(&f, min_iqr);
		fence.num = u384_add(&n3, &f);
		fence.den = u384_mul64(&q3->den, fden);
		return fence;
	}
	/* q3 + F (q3 - q1) = ((fden + fnum) q3 - fnum q1) / fden. */
	if (u384_cmp(&q1->den, &q3->den) != 0) {
		n3 = u384_mul(&q3->num, &q1->den);
		n1 = u384_mul(&q1->num, &q3->den);
		den = u384_mul(&q1->den, &q3->den);
	}
	big = u384_of(fden);
	f = u384_of(fnum);
	big = u384_add(&big, &f);
	n3 = u384_mul(&n3, &big);
	n1 = u384_mul64(&n1, fnum);
	fence.num = u384_sub(&n3, &n1);
	fence.den = u384_mul64(&den, fden);
	return fence;
}

int
rate_cmp_frac(struct rate r, const struct frac *x)
{
	struct u384 a = u384_mul64(&x->den, r.count);
	struct u384 b = u384_mul64(&x->num, r.days);

	return u384_cmp(&a, &b);
}

static double
rate_double(struct rate r)
{
	return (double)r.count / (double)r.days;
}

/* rate_quartile in double precision. */
static double
quartile_double(const struct rate *sorted, size_t n, unsigned quarter,
    double *upper)
{
	size_t h4 = (n - 1) * quarter, i = h4 / 4;
	double a = rate_double(sorted[i]), b;

	if (h4 % 4 == 0 || i + 1 >= n) {
		*upper = a;
		return a;
	}
	b = rate_double(sorted[i + 1]);
	*upper = b;
	return a + (double)(h4 % 4) / 4 * (b - a);
}

void
fence_init(struct fence *f, const struct rate *sorted, size_t n,
    uint64_t fnum, uint64_t fden, uint64_t min_iqr)
{
	double up1, up3, q1, q3, iqr, factor = (double)fnum / (double)fden;

	f->sorted = sorted;
	f->n = n;
	f->fnum = fnum;
	f->fden = fden;
	f->min_iqr = min_iqr;
	q1 = quartile_double(sorted, n, 1, &up1);
	q3 = quartile_double(sorted, n, 3, &up3);
	iqr = q3 - q1;
	if (iqr < (double)min_iqr)
		iqr = (double)min_iqr;
	f->value = q3 + factor * iqr;
	/* Each rate is off by at most 2 units in the last place (ulp), each
	 * quartile by 6 ulp of the larger order statistic it uses (up3 >=
	 * up1), the IQR by twice that, the fence by (1 + F) times as much
	 * again and 2 ulp of itself: under 2^-53 (6 + 15F)(up3 + min_iqr) +
	 * 2^-52 fence.  The slack is a thousand times that. */
	f->slack = 1e-13 * (1 + factor) * (up3 + (double)min_iqr + f->value);
}

int
rate_above(const struct fence *f, struct rate r)
{
	double x = rate_double(r), tol = f->slack + 1e-15 * x;
	struct frac q1, q3, exact;

	if (x > f->value + tol)
		return 1;
	if (x < f->value - tol)
		return 0;
	q1 = rate_quartile(f->sorted, f->n, 1);
	q3 = rate_quartile(f->sorted, f->n, 3);
	exact = frac_fence(&q1, &q3, f->fnum, f->fden, f->min_iqr);
	return rate_cmp_frac(r, &exact) > 0;
}

/* num / den rounded half away from zero (all values are 0 or more). */
static struct u384
u384_round_div(const struct u384 *num, const struct u384 *den)
{
	struct u384 q, r, twice;

	if (u384_len(den) == 1) {
		/* The usual case, a denominator of a few quarters: short
		 * division. */
		q = *num;
		r = u384_of(u384_div_small(&q, den->w[0]));
	} else {
		u384_divmod(num, den, &q, &r);
	}
	twice = u384_add(&r, &r);
	if (u384_cmp(&twice, den) >= 0) {
		struct u384 one = u384_of(1);

		q = u384_add(&q, &one);
	}
	return q;
}

uint64_t
frac_times(const struct frac *x, uint64_t k)
{
	struct u384 p = u384_mul64(&x->num, k), q;

	q = u384_round_div(&p, &x->den);
	if (u384_len(&q) > 2 || (q.w[1] == UINT32_MAX && q.w[0] == UINT32_MAX))
		return UINT64_MAX;
	return (uint64_t)q.w[1] << 32 | q.w[0];
}

size_t
frac_format(const struct frac *x, int digits, char *buf)
{
	char rev[130];
	struct u384 scaled, q;
	uint64_t pow10 = 1;
	size_t n = 0, len = 0;
	int i;

	for (i = 0; i < digits; i++)
		pow10 *= 10;
	scaled = u384_mul64(&x->num, pow10);
	q = u384_round_div(&scaled, &x->den);
	/* The digits, least significant first, at least digits + 1 of them. */
	do {
		rev[n++] = (char)('0' + u384_div_small(&q, 10));
	} while (!u384_is_zero(&q) || n <= (size_t)digits);
	/* Trailing zeros of the fraction go, and then a bare point. */
	i = 0;
	while (i < digits && rev[i] == '0')
		i++;
	while (n > (size_t)digits)
		buf[len++] = rev[--n];
	if (i < digits) {
		buf[len++] = '.';
		while (n > (size_t)i)
			buf[len++] = rev[--n];
	}
	buf[len] = '\0';
	return len;
}
