#include "exact.h"

#include <stdlib.h>
#include <string.h>

__extension__ typedef unsigned __int128 uint128;

/* 10^k for k = 0..38 (10^38 < 2^127). */
static int128
pow10_128(unsigned k)
{
	int128 v = 1;

	while (k--)
		v *= 10;
	return v;
}

/* 2^63 * 10^scale: the first magnitude a decimal of that scale may not
 * reach. */
static int128
limit_of(unsigned scale)
{
	return (int128)((uint64_t)1 << 63) * pow10_128(scale);
}

static struct decimal
normalize(struct decimal d)
{
	while (d.scale > 0 && d.m % 10 == 0) {
		d.m /= 10;
		d.scale--;
	}
	if (d.m == 0)
		d.scale = 0;
	return d;
}

struct decimal
decimal_of(int64_t v)
{
	struct decimal d = { v, 0 };

	return d;
}

int
decimal_sign(const struct decimal *d)
{
	return (d->m > 0) - (d->m < 0);
}

int
decimal_cmp(const struct decimal *a, const struct decimal *b)
{
	unsigned s = a->scale > b->scale ? a->scale : b->scale;
	int128 x = a->m * pow10_128(s - a->scale);
	int128 y = b->m * pow10_128(s - b->scale);

	return (x > y) - (x < y);
}

/* The digits of v, most significant first, NUL-terminated; returns their
 * count. */
static size_t
u128_format(uint128 v, char *buf)
{
	char tmp[40];
	size_t n = 0, i;

	do {
		tmp[n++] = (char)('0' + (int)(v % 10));
		v /= 10;
	} while (v);
	for (i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
	return n;
}

size_t
decimal_format(const struct decimal *d, char *buf)
{
	struct decimal x = normalize(*d);
	uint128 mag = x.m < 0 ? (uint128)0 - (uint128)x.m : (uint128)x.m;
	uint128 unit = (uint128)pow10_128(x.scale);
	size_t n = 0;

	if (x.m < 0)
		buf[n++] = '-';
	n += u128_format(mag / unit, buf + n);
	if (x.scale > 0) {
		uint128 frac = mag % unit;
		unsigned k;

		buf[n++] = '.';
		/* Leading zeros of the fraction, then its digits. */
		for (k = x.scale; k > 0; k--)
			buf[n + k - 1] = (char)('0' + (int)(frac % 10)), frac /= 10;
		n += x.scale;
		buf[n] = '\0';
	}
	return n;
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

enum num_status
parse_exact(const char *s, size_t n, struct decimal *out)
{
	size_t i = 0, ib, ie, fb, fe, k;
	bool neg = false;
	long exp = 0;
	unsigned ndigits = 0;
	long scale;
	int128 m = 0;

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
		m = m * 10 + (s[k] - '0');
	}
	for (k = fb; k < fe; k++) {
		if (m != 0 || s[k] != '0')
			if (++ndigits > 38)
				return NUM_RANGE;
		m = m * 10 + (s[k] - '0');
	}
	scale = (long)(fe - fb) - exp;
	if (m == 0) {
		*out = decimal_of(0);
		return NUM_OK;
	}
	for (; scale < 0; scale++) {
		if (m >= limit_of(0))
			return NUM_RANGE;
		m *= 10;
	}
	while (scale > 0 && m % 10 == 0)
		m /= 10, scale--;
	if (scale > DECIMAL_MAX_SCALE || m >= limit_of((unsigned)scale))
		return NUM_RANGE;
	out->m = neg ? -m : m;
	out->scale = (unsigned)scale;
	return NUM_OK;
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

struct decimal
quantile7_exact(const int64_t *sorted, size_t n, unsigned percent)
{
	/* h = (n-1) percent / 100 = i + f / 100 with f in 0..99. */
	uint64_t h100 = (uint64_t)(n - 1) * percent;
	size_t i = (size_t)(h100 / 100);
	unsigned f = (unsigned)(h100 % 100);
	struct decimal d;

	d.m = (int128)sorted[i] * 100;
	if (f && i + 1 < n)
		d.m += ((int128)sorted[i + 1] - sorted[i]) * f;
	d.scale = 2;
	return normalize(d);
}

static int
cmp_int64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

void
sort_int64(int64_t *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_int64);
}

size_t
ratio_format(int64_t num, const struct decimal *den, int digits, char *buf)
{
	/* num 10^scale / m by long division: N < 2^123, every remainder is
	 * below m < 2^123, so 10 r stays below 2^127. */
	uint128 N, D, q, r, frac = 0, unit;
	size_t n;
	int k;

	if (num < 0 || den->m <= 0 || digits < 0 || digits > 18)
		return 0;
	N = (uint128)num * (uint128)pow10_128(den->scale);
	D = (uint128)den->m;
	q = N / D;
	r = N % D;
	for (k = 0; k < digits; k++) {
		r *= 10;
		frac = frac * 10 + r / D;
		r %= D;
	}
	unit = (uint128)pow10_128((unsigned)digits);
	if (2 * r >= D && ++frac == unit) {
		frac = 0;
		q++;
	}
	n = u128_format(q, buf);
	if (digits > 0) {
		buf[n++] = '.';
		for (k = digits; k > 0; k--)
			buf[n + (size_t)k - 1] = (char)('0' + (int)(frac % 10)),
			    frac /= 10;
		n += (size_t)digits;
		buf[n] = '\0';
	}
	return n;
}
