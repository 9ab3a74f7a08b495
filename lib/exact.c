#include "exact.h"

#include <stdlib.h>
#include <string.h>

double
int128_double(int128 v)
{
	uint128 m = v < 0 ? (uint128)0 - (uint128)v : (uint128)v;
	double d = (double)(uint64_t)(m >> 64) * 18446744073709551616.0 +
	    (double)(uint64_t)m;

	return v < 0 ? -d : d;
}

/* Rates: a/b against c/d is a*d against c*b, products below 2^96. */
int
rate_cmp(struct rate a, struct rate b)
{
	uint128 x, y;

	if (a.days == b.days)
		return (a.count > b.count) - (a.count < b.count);
	x = (uint128)a.count * b.days;
	y = (uint128)b.count * a.days;
	return (x > y) - (x < y);
}

static int
cmp_rate(const void *a, const void *b)
{
	return rate_cmp(*(const struct rate *)a, *(const struct rate *)b);
}

/* a below b; the common case, the same number of days, without a call. */
static inline int
rate_less(const struct rate *a, const struct rate *b)
{
	if (a->days == b->days)
		return a->count < b->count;
	return rate_cmp(*a, *b) < 0;
}

static void
insertion_sort(struct rate *v, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++) {
		struct rate x = v[i];
		size_t j = i;

		while (j > 0 && rate_less(&x, &v[j - 1])) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

static inline void
swap_rates(struct rate *a, struct rate *b)
{
	struct rate t = *a;

	*a = *b;
	*b = t;
}

/* Hoare's partition of n > 2 rates around the median of the first, middle
 * and last: returns left, 0 < left < n, with v[0..left) <= pivot <=
 * v[left..n). */
static inline size_t
partition(struct rate *v, size_t n)
{
	struct rate *lo = v, *hi = v + n - 1, *mid = v + n / 2, pivot;

	if (rate_less(mid, lo))
		swap_rates(mid, lo);
	if (rate_less(hi, mid)) {
		swap_rates(hi, mid);
		if (rate_less(mid, lo))
			swap_rates(mid, lo);
	}
	pivot = *mid;
	for (;;) {
		while (rate_less(lo, &pivot))
			lo++;
		while (rate_less(&pivot, hi))
			hi--;
		if (lo >= hi)
			break;
		swap_rates(lo, hi);
		lo++;
		hi--;
	}
	return (size_t)(hi - v) + 1;
}

/* Quicksort with the comparison inline (qsort's call per comparison was a
 * third of iqr-filter -w 0's time): the median of three as pivot,
 * insertion sort below 32 values, the smaller side first so the stack
 * stays O(log n), and qsort once `depth` is spent, so no input takes
 * quadratic time. */
static void
quick_sort(struct rate *v, size_t n, int depth)
{
	while (n > 32) {
		size_t left;

		if (depth-- == 0) {
			qsort(v, n, sizeof *v, cmp_rate);
			return;
		}
		left = partition(v, n);
		if (left < n - left) {
			quick_sort(v, left, depth);
			v += left;
			n -= left;
		} else {
			quick_sort(v + left, n - left, depth);
			n = left;
		}
	}
	insertion_sort(v, n);
}

void
sort_rates(struct rate *v, size_t n)
{
	int depth = 0;
	size_t m;

	for (m = n; m > 1; m >>= 1)
		depth += 2;
	quick_sort(v, n, depth);
}

/* Puts the rates that sorting would put at the places want[0..nw)
 * (ascending, counted from the start of the whole array, of which v is
 * the part from place `base` on) there, the ones below each before it and
 * the ones above after: quick_sort going only into the sides that hold
 * a wanted place, a range of 32 or fewer sorted whole, a full sort once
 * `depth` is spent. */
static void
select_rates(struct rate *v, size_t base, size_t n, const size_t *want,
    size_t nw, int depth)
{
	while (nw > 0 && n > 32 && depth-- > 0) {
		size_t left, below;

		left = partition(v, n);
		for (below = 0; below < nw && want[below] < base + left; below++)
			;
		/* The left side in a call of its own, the right one here. */
		select_rates(v, base, left, want, below, depth);
		v += left;
		base += left;
		n -= left;
		want += below;
		nw -= below;
	}
	if (nw > 0)
		sort_rates(v, n);
}

void
order_quartiles(struct rate *v, size_t n)
{
	size_t want[6], nw = 0, m;
	unsigned q;
	int depth = 0;

	for (m = n; m > 1; m >>= 1)
		depth += 2;
	/* The two places quantile7 reads for each quartile, in order, once. */
	for (q = 1; q <= 3; q++) {
		size_t i = (n - 1) * q / 4;

		if (nw == 0 || want[nw - 1] < i)
			want[nw++] = i;
		if (i + 1 < n && want[nw - 1] < i + 1)
			want[nw++] = i + 1;
	}
	if (n > 1)
		select_rates(v, 0, n, want, nw, depth);
}

/* u384: the callers' preconditions keep every result below 2^384 (see
 * exact.h).  What fits in 128 bits, nearly everything, is worked on as a
 * uint128. */

static struct u384
u384_of128(uint128 v)
{
	struct u384 x;
	int i;

	memset(&x, 0, sizeof x);
	for (i = 0; i < 4; i++, v >>= 32)
		x.w[i] = (uint32_t)v;
	return x;
}

static struct u384
u384_of(uint64_t v)
{
	return u384_of128(v);
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

/* The value of x, which fits in 128 bits. */
static uint128
u384_low128(const struct u384 *x)
{
	return (uint128)x->w[3] << 96 | (uint128)x->w[2] << 64 |
	    (uint128)x->w[1] << 32 | x->w[0];
}

static bool
u384_is_zero(const struct u384 *x)
{
	return u384_len(x) == 0;
}

static struct u384
u384_mul(const struct u384 *a, const struct u384 *b)
{
	struct u384 r;
	int na = u384_len(a), nb = u384_len(b), i, j;

	if (na + nb <= 4)
		return u384_of128(u384_low128(a) * u384_low128(b));
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

/* q = a / b, r = a mod b, b > 0.  Operands of 128 bits divide as uint128s,
 * a divisor of 64 bits limb by limb; the rest (a fence's denominator is
 * the only one that gets there) by shifting and subtracting. */
static void
u384_divmod(const struct u384 *dividend, const struct u384 *divisor,
    struct u384 *q, struct u384 *r)
{
	/* Copies: q or r may be where the operands are. */
	const struct u384 x = *dividend, y = *divisor;
	const struct u384 *a = &x, *b = &y;
	int na = u384_len(a), nb = u384_len(b), bit, i;

	if (na <= 4 && nb <= 4) {
		uint128 n = u384_low128(a), d = u384_low128(b);

		*q = u384_of128(n / d);
		*r = u384_of128(n % d);
		return;
	}
	if (nb <= 2) {
		uint64_t d = (uint64_t)b->w[1] << 32 | b->w[0];
		uint128 rem = 0;

		memset(q, 0, sizeof *q);
		for (i = na - 1; i >= 0; i--) {
			uint128 t = rem << 32 | a->w[i];

			q->w[i] = (uint32_t)(t / d);
			rem = t % d;
		}
		*r = u384_of128(rem);
		return;
	}
	memset(q, 0, sizeof *q);
	memset(r, 0, sizeof *r);
	for (bit = na * 32; bit-- > 0;) {
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

/* num / den rounded half away from zero (all values are 0 or more). */
static struct u384
u384_round_div(const struct u384 *num, const struct u384 *den)
{
	struct u384 q, r, twice;

	u384_divmod(num, den, &q, &r);
	twice = u384_add(&r, &r);
	if (u384_cmp(&twice, den) >= 0) {
		struct u384 one = u384_of(1);

		q = u384_add(&q, &one);
	}
	return q;
}

static const uint64_t ten19 = 10000000000000000000u;

/* The decimal digits of v, least significant first, into rev; returns
 * their count (at least one).  Nineteen at a time while v needs more than
 * 64 bits. */
static size_t
u128_digits_reversed(uint128 v, char *rev)
{
	size_t n = 0, i;
	uint64_t w;

	while (v >> 64) {
		uint64_t group = (uint64_t)(v % ten19);

		v /= ten19;
		for (i = 0; i < 19; i++, group /= 10)
			rev[n++] = (char)('0' + group % 10);
	}
	w = (uint64_t)v;
	do {
		rev[n++] = (char)('0' + w % 10);
		w /= 10;
	} while (w);
	return n;
}

/* The same for x: past 128 bits, nineteen digits at a time by long
 * division. */
static size_t
u384_digits_reversed(const struct u384 *x, char *rev)
{
	struct u384 q = *x, r, by = u384_of(ten19);
	size_t n = 0, i;

	while (u384_len(&q) > 4) {
		uint64_t group;

		u384_divmod(&q, &by, &q, &r);
		group = (uint64_t)r.w[1] << 32 | r.w[0];
		for (i = 0; i < 19; i++, group /= 10)
			rev[n++] = (char)('0' + group % 10);
	}
	return n + u128_digits_reversed(u384_low128(&q), rev + n);
}

struct frac
frac_of(uint64_t num, uint64_t den)
{
	struct frac x;

	x.num = u384_of(num);
	x.den = u384_of(den);
	return x;
}

struct frac
frac_of_rate(struct rate r)
{
	return frac_of(r.count, r.days);
}

int
frac_cmp(const struct frac *a, const struct frac *b)
{
	struct u384 x, y;

	if (u384_cmp(&a->den, &b->den) == 0)
		return u384_cmp(&a->num, &b->num);
	x = u384_mul(&a->num, &b->den);
	y = u384_mul(&b->num, &a->den);
	return u384_cmp(&x, &y);
}

bool
frac_is_zero(const struct frac *x)
{
	return u384_is_zero(&x->num);
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
frac_over(uint64_t k, const struct frac *x)
{
	struct frac q;

	q.num = u384_mul64(&x->den, k);
	q.den = x->num;
	return q;
}

uint64_t
frac_times(const struct frac *x, uint64_t k)
{
	struct u384 p, q;

	if (u384_len(&x->num) <= 2 && u384_len(&x->den) <= 4) {
		/* The usual case, a median over a few days: in 128 bits. */
		uint128 n = u384_low128(&x->num) * k, d = u384_low128(&x->den);
		uint128 w = n / d, r = n % d;

		if (r >= d - r)
			w++;
		return w >= UINT64_MAX ? UINT64_MAX : (uint64_t)w;
	}
	p = u384_mul64(&x->num, k);
	q = u384_round_div(&p, &x->den);
	if (u384_len(&q) > 2 || (q.w[1] == UINT32_MAX && q.w[0] == UINT32_MAX))
		return UINT64_MAX;
	return (uint64_t)q.w[1] << 32 | q.w[0];
}

int
rate_cmp_frac(struct rate r, const struct frac *x)
{
	struct u384 a = u384_mul64(&x->den, r.count);
	struct u384 b = u384_mul64(&x->num, r.days);

	return u384_cmp(&a, &b);
}

/* frac_format when x's numerator fits in 128 bits and its denominator
 * below 2^60, as nearly always: the whole part by one division, the
 * decimals one by one by long division in 64 bits (a remainder below 2^60
 * times 10 stays below 2^64), stopping early under FRAC_TRIM once the
 * remainder is 0.  The whole part's digits go reversed into rev, the
 * decimals into dec; returns the count of decimals. */
static size_t
format_small(const struct frac *x, size_t nd, enum frac_style style,
    char *rev, size_t *nrev, char *dec)
{
	uint128 num = u384_low128(&x->num), whole;
	uint64_t den = (uint64_t)x->den.w[1] << 32 | x->den.w[0], r;
	size_t k;

	whole = num / den;
	r = (uint64_t)(num % den);
	for (k = 0; k < nd && (r != 0 || style == FRAC_FIXED); k++) {
		r *= 10;
		dec[k] = (char)('0' + r / den);
		r %= den;
	}
	/* Half away from zero: carried through the decimals into the whole
	 * part. */
	if (r != 0 && r >= den - r) {
		size_t c = k;

		while (c > 0 && dec[c - 1] == '9')
			dec[--c] = '0';
		if (c == 0)
			whole++;
		else
			dec[c - 1]++;
	}
	*nrev = u128_digits_reversed(whole, rev);
	return k;
}

size_t
frac_format(const struct frac *x, int digits, enum frac_style style,
    char *buf)
{
	char rev[FRAC_BUFSIZE], dec[FRAC_BUFSIZE];
	size_t nrev, nd = (size_t)digits, ndec, len = 0, i;

	if (u384_len(&x->num) <= 4 && u384_len(&x->den) <= 2 &&
	    x->den.w[1] < (uint32_t)1 << 28) {
		ndec = format_small(x, nd, style, rev, &nrev, dec);
	} else {
		/* q = x 10^digits rounded half away from zero: its last
		 * `digits` digits are the decimals, zeros in front when q has
		 * fewer. */
		struct u384 q;
		uint64_t pow10 = 1;
		size_t n;

		for (i = 0; i < nd; i++)
			pow10 *= 10;
		q = u384_mul64(&x->num, pow10);
		q = u384_round_div(&q, &x->den);
		n = u384_digits_reversed(&q, rev);
		while (n <= nd)
			rev[n++] = '0';
		for (i = 0; i < nd; i++)
			dec[i] = rev[nd - 1 - i];
		memmove(rev, rev + nd, n - nd);
		nrev = n - nd;
		ndec = nd;
	}
	while (len < nrev) {
		buf[len] = rev[nrev - 1 - len];
		len++;
	}
	if (style == FRAC_TRIM)
		while (ndec > 0 && dec[ndec - 1] == '0')
			ndec--;
	if (ndec > 0) {
		buf[len++] = '.';
		memcpy(buf + len, dec, ndec);
		len += ndec;
	}
	buf[len] = '\0';
	return len;
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

enum num_status
frac_parse(const char *s, size_t n, struct frac *out)
{
	/* The value is m / 10^scale with m < 2^63 10^18 < 2^123. */
	const uint128 limit = (uint128)1 << 63;
	size_t i = 0, ib, ie, fb, fe, k;
	bool neg = false;
	long exp = 0, scale;
	unsigned ndigits = 0;
	uint128 m = 0, unit = 1;

	if (n == 0)
		return NUM_EMPTY;
	if (s[i] == '+' || s[i] == '-')
		neg = s[i++] == '-';
	ib = i;
	while (i < n && is_digit(s[i]))
		i++;
	ie = fb = fe = i;
	if (i < n && s[i] == '.') {
		fb = ++i;
		while (i < n && is_digit(s[i]))
			i++;
		fe = i;
	}
	if (ie == ib && fe == fb)
		return NUM_SYNTAX;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		bool eneg = false;
		size_t eb;

		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			eneg = s[i++] == '-';
		eb = i;
		for (; i < n && is_digit(s[i]); i++)
			if (exp < 100000)
				exp = exp * 10 + (s[i] - '0');
		if (i == eb)
			return NUM_SYNTAX;
		if (eneg)
			exp = -exp;
	}
	if (i != n)
		return NUM_SYNTAX;
	/* Leading zeros of the whole part and trailing zeros of the fraction
	 * carry nothing; what is left, at most 38 digits, fits m. */
	while (ib < ie && s[ib] == '0')
		ib++;
	while (fe > fb && s[fe - 1] == '0')
		fe--;
	for (k = ib; k < ie; k++) {
		if (++ndigits > 38)
			return NUM_RANGE;
		m = m * 10 + (unsigned)(s[k] - '0');
	}
	for (k = fb; k < fe; k++) {
		if (m != 0 || s[k] != '0')
			if (++ndigits > 38)
				return NUM_RANGE;
		m = m * 10 + (unsigned)(s[k] - '0');
	}
	scale = (long)(fe - fb) - exp;
	if (m == 0) {
		*out = frac_of(0, 1);
		return NUM_OK;
	}
	for (; scale < 0; scale++) {
		if (m >= limit)
			return NUM_RANGE;
		m *= 10;
	}
	while (scale > 0 && m % 10 == 0)
		m /= 10, scale--;
	if (scale > FRAC_MAX_DIGITS)
		return NUM_RANGE;
	for (k = 0; k < (size_t)scale; k++)
		unit *= 10;
	if (m / unit >= limit)
		return NUM_RANGE;
	if (neg)
		return NUM_NEGATIVE;
	out->num = u384_of128(m);
	out->den = u384_of128(unit);
	return NUM_OK;
}

static unsigned
gcd(unsigned a, unsigned b)
{
	while (b) {
		unsigned t = a % b;

		a = b;
		b = t;
	}
	return a;
}

struct frac
quantile7(const struct rate *sorted, size_t n, unsigned percent)
{
	/* h = (n-1) percent / 100 = i + f / 100, f in 0..99: the quantile is
	 * ((100 - f) a + f b) / 100 of the rates a and b at i and i + 1, in
	 * lowest terms of f / 100 (w_a + w_b = unit). */
	uint64_t h100 = (uint64_t)(n - 1) * percent;
	size_t i = (size_t)(h100 / 100);
	unsigned f = (unsigned)(h100 % 100), g, unit;
	struct rate a = sorted[i], b;
	struct frac q;

	if (f == 0 || i + 1 >= n)
		return frac_of_rate(a);
	b = sorted[i + 1];
	g = gcd(f, 100);
	unit = 100 / g;
	f /= g;
	if (a.days == b.days) {
		q.num = u384_of128((uint128)a.count * (unit - f) +
		    (uint128)b.count * f);
		q.den = u384_of((uint64_t)a.days * unit);
	} else {
		q.num = u384_of128((uint128)a.count * ((uint64_t)(unit - f) *
		    b.days) + (uint128)b.count * ((uint64_t)f * a.days));
		q.den = u384_of128((uint128)a.days * b.days * unit);
	}
	return q;
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

static double
rate_double(struct rate r)
{
	return (double)r.count / (double)r.days;
}

/* The quartile of rates (quarter 1 or 3) in double precision; *upper is
 * the larger of the order statistics it uses. */
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

bool
rate_above(const struct fence *f, struct rate r)
{
	double x = rate_double(r), tol = f->slack + 1e-15 * x;
	struct frac q1, q3, exact;

	if (x > f->value + tol)
		return true;
	if (x < f->value - tol)
		return false;
	q1 = quantile7(f->sorted, f->n, 25);
	q3 = quantile7(f->sorted, f->n, 75);
	exact = frac_fence(&q1, &q3, f->fnum, f->fden, f->min_iqr);
	return rate_cmp_frac(r, &exact) > 0;
}

/* a / b rounded half away from zero, b > 0. */
static int128
div_round(int128 a, int128 b)
{
	int128 q = a / b, r = a % b;

	if (r < 0)
		r = -r;
	if (2 * r >= b)
		q += a < 0 ? -1 : 1;
	return q;
}

int64_t
interpolate_day(int32_t x0, int64_t y0, int32_t x1, int64_t y1, int32_t x)
{
	/* The value times x1 - x0, then rounded as a whole (not its step
	 * from y0, which would round a falling line's halves the other way):
	 * |y| < 2^63 and |x| differences < 2^32 keep every term below 2^97. */
	int128 den = (int128)x1 - x0;
	int128 num = (int128)y0 * den + ((int128)y1 - y0) * ((int128)x - x0);

	return (int64_t)div_round(num, den);
}

int64_t
count_on_day(const struct dated_count *obs, size_t n, int32_t day,
    size_t *cursor)
{
	size_t i = *cursor;

	while (i < n && obs[i].date < day)
		i++;
	*cursor = i;
	if (i == n)
		return -1;
	if (obs[i].date == day)
		return obs[i].value;
	if (i == 0)
		return -1;
	return interpolate_day(obs[i - 1].date, obs[i - 1].value, obs[i].date,
	    obs[i].value, day);
}
