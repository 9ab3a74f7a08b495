/* Unit tests of lib/exact: sums past 64 bits, rates, type-7 quantiles,
 * fences, fractions read and written, ratios and interpolation.  Every
 * expected value is worked out by hand in the comment beside it; quantiles
 * from h = (n-1)p and Q = x[floor h] + (h - floor h)(x[floor h + 1] -
 * x[floor h]), with x counted from 0. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "exact.h"
#include "unit.h"

/* A rate of count / days. */
static struct rate
R(uint64_t count, uint32_t days)
{
	struct rate r = { count, days };

	return r;
}

static const char *
fmt(struct frac x, int digits, enum frac_style style)
{
	static char buf[4][FRAC_BUFSIZE];
	static int k;

	k = (k + 1) % 4;
	frac_format(&x, digits, style, buf[k]);
	return buf[k];
}

/* x exactly, as ram writes a median. */
static const char *
exactly(struct frac x)
{
	return fmt(x, FRAC_MAX_DIGITS, FRAC_TRIM);
}

static const char *
parsed(const char *s)
{
	struct frac x;
	enum num_status st = frac_parse(s, strlen(s), &x);

	return st == NUM_OK ? exactly(x) : num_status_text(st);
}

/* num / the decimal den to `digits` decimals, as ram writes a RAM. */
static const char *
ratio(uint64_t num, const char *den, int digits)
{
	struct frac d, q;

	if (frac_parse(den, strlen(den), &d) != NUM_OK)
		return "bad den";
	q = frac_over(num, &d);
	return fmt(q, digits, FRAC_FIXED);
}

/* The type-7 quantile of the counts v[0..n) (sorted), exactly. */
static const char *
count_quantile(const uint64_t *v, size_t n, unsigned percent)
{
	struct rate r[16];
	size_t i;

	for (i = 0; i < n; i++)
		r[i] = R(v[i], 1);
	return exactly(quantile7(r, n, percent));
}

static void
test_sums(void)
{
	int128 big = (int128)INT64_MAX + 1;

	CHECK(fits_int64(INT64_MAX) && fits_int64(INT64_MIN) &&
	    !fits_int64(big) && !fits_int64(-big - 1),
	    "fits_int64 holds exactly -2^63 .. 2^63-1");
	/* Two counts of 2^63-1 sum to 2^64 - 2 = 18446744073709551614. */
	CHECK(int128_double((int128)INT64_MAX * 2) == 18446744073709551614.0,
	    "a sum past 64 bits as a double");
	CHECK(int128_double(-(int128)1000) == -1000.0 &&
	    int128_double(0) == 0.0, "small sums, negative and zero");
	/* -2^127, the one value whose magnitude does not fit int128. */
	CHECK(int128_double((int128)((uint128)1 << 127)) ==
	    -170141183460469231731687303715884105728.0, "-2^127");
}

static void
test_rates(void)
{
	/* 5/2 = 2.5, 2/1 = 2, 7/3 = 2.33..., 0/4 = 0, 4/2 = 2. */
	struct rate v[] = { R(5, 2), R(2, 1), R(7, 3), R(0, 4), R(4, 2) };
	struct rate big[60];
	int i, ok = 1;

	sort_rates(v, 5);
	CHECK(v[0].count == 0 && v[3].count == 7 && v[4].count == 5 &&
	    rate_cmp(v[1], R(2, 1)) == 0 && rate_cmp(v[2], R(2, 1)) == 0,
	    "rates sort by value: 0/4, 2/1 and 4/2 (equal), 7/3, 5/2");
	CHECK(rate_cmp(R(4, 2), R(2, 1)) == 0, "4/2 equals 2/1");
	CHECK(rate_cmp(R(7, 3), R(5, 2)) < 0 && rate_cmp(R(5, 2), R(7, 3)) > 0,
	    "7/3 is below 5/2 (14 < 15)");
	CHECK(rate_cmp(R(3, 1), R(2, 1)) > 0 && rate_cmp(R(2, 1), R(3, 1)) < 0,
	    "3/1 above 2/1 over the same days");
	/* 2^63-1 over 3 days against 2^63-2 over 3 days. */
	CHECK(rate_cmp(R(INT64_MAX, 3), R(INT64_MAX - 1, 3)) > 0,
	    "(2^63-1)/3 is above (2^63-2)/3");
	CHECK(rate_cmp(R(4611686018427387904, 1), R(INT64_MAX, 2)) > 0,
	    "2^62 over 1 day is above (2^63-1) over 2 days");
	CHECK(rate_cmp(R(INT64_MAX, UINT32_MAX), R(INT64_MAX - 1, UINT32_MAX))
	    > 0, "rates over 2^32-1 days compare exactly");
	/* Past the insertion sort's 32: 60 rates in descending order. */
	for (i = 0; i < 60; i++)
		big[i] = R((uint64_t)(60 - i), 1);
	sort_rates(big, 60);
	for (i = 0; i < 60; i++)
		ok &= big[i].count == (uint64_t)i + 1;
	CHECK(ok, "60 rates in descending order sorted by the quicksort");
	big[0] = R(9, 1);
	big[1] = R(3, 1);
	sort_rates(big, 2);
	CHECK(big[0].count == 3 && big[1].count == 9, "two rates swapped");
}

/* The next number of a fixed sequence (an LCG), for arrays that are the
 * same on every run. */
static uint64_t
next_random(unsigned long *seed)
{
	*seed = *seed * 6364136223846793005UL + 1442695040888963407UL;
	return *seed >> 33;
}

enum { NSHAPES = 6 };

/* n rates of a shape that troubles quicksorts: all equal, sorted,
 * reversed, few values, an organ pipe, or random counts over mixed days. */
static void
fill_shape(struct rate *v, size_t n, int shape, unsigned long *seed)
{
	size_t i;

	for (i = 0; i < n; i++) {
		uint64_t r = next_random(seed);

		switch (shape) {
		case 0: v[i] = R(7, 1); break;
		case 1: v[i] = R(i, 1); break;
		case 2: v[i] = R(n - i, 1); break;
		case 3: v[i] = R(r % 3, 1); break;
		case 4: v[i] = R(i < n / 2 ? i : n - i, 1); break;
		default: v[i] = R(r % 1000, 1 + (uint32_t)(r >> 13) % 4); break;
		}
	}
}

/* How many of the quartiles (quantile7 at 25, 50, 75) of a and b differ. */
static int
quartiles_differ(const struct rate *a, const struct rate *b, size_t n)
{
	unsigned p;
	int d = 0;

	for (p = 25; p <= 75; p += 25) {
		struct frac x = quantile7(a, n, p), y = quantile7(b, n, p);

		d += frac_cmp(&x, &y) != 0;
	}
	return d;
}

/* The quicksort against an insertion sort, which is too plain to be wrong,
 * on every shape. */
static void
test_sort_shapes(void)
{
	enum { N = 700 };
	static struct rate v[N], w[N];
	unsigned long seed = 12345;
	int shape, bad = 0;
	size_t n, i, j;

	for (shape = 0; shape < NSHAPES; shape++)
		for (n = 0; n < N; n += n < 70 ? 1 : 37) {
			fill_shape(v, n, shape, &seed);
			memcpy(w, v, n * sizeof *v);
			sort_rates(v, n);
			for (i = 1; i < n; i++) {
				struct rate x = w[i];

				for (j = i; j > 0 && rate_cmp(w[j - 1], x) > 0; j--)
					w[j] = w[j - 1];
				w[j] = x;
			}
			for (i = 0; i < n; i++)
				if (rate_cmp(v[i], w[i]) != 0)
					bad++;
		}
	CHECK(bad == 0, "sort_rates orders every shape as an insertion sort does");
}

/* order_quartiles against the full sort: the same quartiles on every shape
 * and size, and the same rates, moved about, none lost. */
static void
test_order_quartiles(void)
{
	enum { N = 5000 };
	static struct rate v[N], w[N];
	unsigned long seed = 777;
	int shape, bad = 0, lost = 0;
	size_t n, i;

	for (shape = 0; shape < NSHAPES; shape++)
		for (n = 1; n < 700; n += n < 80 ? 1 : 41) {
			uint64_t sum_v = 0, sum_w = 0;

			fill_shape(v, n, shape, &seed);
			memcpy(w, v, n * sizeof *v);
			order_quartiles(v, n);
			sort_rates(w, n);
			bad += quartiles_differ(v, w, n);
			for (i = 0; i < n; i++) {
				sum_v += v[i].count * 31 + v[i].days;
				sum_w += w[i].count * 31 + w[i].days;
			}
			lost += sum_v != sum_w;
		}
	/* Long random series: where quickselect's last sorted stretch ends
	 * right at a quartile's place, the place after it is found apart. */
	for (n = 33; n < N; n += 97) {
		for (i = 0; i < n; i++)
			v[i] = w[i] = R(next_random(&seed) % 100000, 1);
		order_quartiles(v, n);
		sort_rates(w, n);
		bad += quartiles_differ(v, w, n);
	}
	CHECK(bad == 0, "order_quartiles gives the sorted rates' quartiles on every shape and size");
	CHECK(lost == 0, "order_quartiles only moves rates");
}

static void
test_quantiles(void)
{
	const uint64_t ten[10] = { 10000, 20000, 30000, 40000, 50000, 60000,
	    70000, 80000, 90000, 100000 };
	const uint64_t four[4] = { 1, 2, 3, 4 }, one[1] = { 5 };
	const uint64_t huge[2] = { 9223372036854775806u, 9223372036854775807u };
	const uint64_t two[2] = { 0, 10 };
	/* 1/2, 2/1, 9/3, 10/2: the rates 0.5 2 3 5. */
	const struct rate gaps[] = { R(1, 2), R(2, 1), R(9, 3), R(10, 2) };
	const uint64_t ties[] = { 1, 2, 3, 3, 3, 5, 9, 40 };

	/* n = 10: h = 4.5 -> 50000 + .5 x 10000; h = 2.25 -> 30000 + 2500;
	 * h = 6.75 -> 70000 + 7500; h = 0.9 -> 10000 + 9000. */
	CHECK_STR(count_quantile(ten, 10, 50), "55000", "median of 10K..100K");
	CHECK_STR(count_quantile(ten, 10, 25), "32500", "Q1 of 10K..100K");
	CHECK_STR(count_quantile(ten, 10, 75), "77500", "Q3 of 10K..100K");
	CHECK_STR(count_quantile(ten, 10, 10), "19000",
	    "10th percentile of 10K..100K");
	/* n = 4: h = .75, 1.5, 2.25 -> 1.75, 2.5, 3.25; h = 0.03 -> 1.03. */
	CHECK_STR(count_quantile(four, 4, 25), "1.75", "Q1 of 1..4");
	CHECK_STR(count_quantile(four, 4, 50), "2.5", "median of 1..4");
	CHECK_STR(count_quantile(four, 4, 75), "3.25", "Q3 of 1..4");
	CHECK_STR(count_quantile(four, 4, 1), "1.03", "1st percentile of 1..4");
	CHECK_STR(count_quantile(four, 4, 0), "1", "p = 0 is the minimum");
	CHECK_STR(count_quantile(four, 4, 100), "4", "p = 1 is the maximum");
	CHECK_STR(count_quantile(one, 1, 25), "5", "one value is every quantile");
	CHECK_STR(count_quantile(two, 2, 25), "2.5", "0 10: Q1 2.5");
	CHECK_STR(count_quantile(two, 2, 75), "7.5", "0 10: Q3 7.5");
	/* 2^63-2 + .25 and + .5: no rounding to 2^63 as a double would. */
	CHECK_STR(count_quantile(huge, 2, 25), "9223372036854775806.25",
	    "Q1 next to 2^63-1 is exact");
	CHECK_STR(count_quantile(huge, 2, 50), "9223372036854775806.5",
	    "median next to 2^63-1 is exact");
	CHECK_STR(count_quantile(huge, 2, 100), "9223372036854775807",
	    "the maximum 2^63-1 stays itself");
	/* n = 8: Q1 h = 1.75 -> 2 + .75(3 - 2) = 2.75; median h = 3.5 -> 3;
	 * Q3 h = 5.25 -> 5 + .25(9 - 5) = 6. */
	CHECK_STR(count_quantile(ties, 8, 25), "2.75", "with ties: Q1 2.75");
	CHECK_STR(count_quantile(ties, 8, 50), "3", "with ties: median 3");
	CHECK_STR(count_quantile(ties, 8, 75), "6", "with ties: Q3 6");
	/* 0.5 2 3 5: Q1 h = 0.75 -> 0.5 + 0.75(2 - 0.5) = 1.625; median
	 * h = 1.5 -> 2.5; Q3 h = 2.25 -> 3 + 0.25(5 - 3) = 3.5. */
	CHECK_STR(exactly(quantile7(gaps, 4, 25)), "1.625",
	    "rates over gaps: Q1 1.625");
	CHECK_STR(exactly(quantile7(gaps, 4, 50)), "2.5",
	    "rates over gaps: median 2.5");
	CHECK_STR(exactly(quantile7(gaps, 4, 75)), "3.5",
	    "rates over gaps: Q3 3.5");
	/* Days alike: 1/2 and 3/2 at p = .25 -> .5 + .25 = .75. */
	{
		const struct rate halves[] = { R(1, 2), R(3, 2) };

		CHECK_STR(exactly(quantile7(halves, 2, 25)), "0.75",
		    "rates over the same days: Q1 0.75");
	}
}

static void
test_fence(void)
{
	const struct rate ties[] = { R(1, 1), R(2, 1), R(3, 1), R(3, 1),
	    R(3, 1), R(5, 1), R(9, 1), R(40, 1) };
	const struct rate gaps[] = { R(1, 2), R(2, 1), R(9, 3), R(10, 2) };
	struct frac q1 = quantile7(ties, 8, 25), q3 = quantile7(ties, 8, 75), f;

	/* Q1 2.75, Q3 6: IQR 3.25; F = 3/2: 6 + 4.875 = 10.875. */
	CHECK_STR(exactly(frac_sub(&q3, &q1)), "3.25", "IQR 6 - 2.75 = 3.25");
	f = frac_fence(&q1, &q3, 3, 2, 0);
	CHECK_STR(exactly(f), "10.875", "fence 6 + 1.5 x 3.25 = 10.875");
	CHECK(rate_cmp_frac(R(10, 1), &f) < 0 && rate_cmp_frac(R(11, 1), &f) > 0 &&
	    rate_cmp_frac(R(87, 8), &f) == 0,
	    "10 is below the fence 10.875, 11 above, 87/8 on it");
	/* F = 0: the fence is Q3. */
	f = frac_fence(&q1, &q3, 0, 1, 0);
	CHECK(rate_cmp_frac(R(6, 1), &f) == 0 && rate_cmp_frac(R(13, 2), &f) > 0,
	    "F = 0: the fence is Q3 = 6; 6.5 is above it");
	/* Over gaps, Q1 1.625 = 13/8 and Q3 3.5 = 7/2 (different
	 * denominators): IQR 1.875, fence 3.5 + 1.5 x 1.875 = 6.3125. */
	q1 = quantile7(gaps, 4, 25);
	q3 = quantile7(gaps, 4, 75);
	CHECK_STR(exactly(frac_sub(&q3, &q1)), "1.875", "IQR over gaps 1.875");
	f = frac_fence(&q1, &q3, 3, 2, 0);
	CHECK_STR(exactly(f), "6.3125", "fence over gaps 6.3125");
	CHECK(rate_cmp_frac(R(101, 16), &f) == 0 && rate_cmp_frac(R(19, 3), &f) > 0,
	    "101/16 is on the fence over gaps, 19/3 = 6.333 above it");
	/* A floor of 1 changes nothing when the IQR is 1.875; a floor of 2
	 * makes the fence 3.5 + 1.5 x 2 = 6.5. */
	f = frac_fence(&q1, &q3, 3, 2, 1);
	CHECK_STR(exactly(f), "6.3125", "an IQR of 1.875 is above a floor of 1");
	f = frac_fence(&q1, &q3, 3, 2, 2);
	CHECK_STR(exactly(f), "6.5", "an IQR of 1.875 under a floor of 2: fence 6.5");
	/* Q1 = Q3 = 0 (most days without a download): F = 5 and a floor of
	 * 1 put the fence at 5, not at 0. */
	{
		const struct rate zeros[] = { R(0, 1), R(0, 1), R(0, 1), R(0, 1),
		    R(2, 1) };

		q1 = quantile7(zeros, 5, 25);
		q3 = quantile7(zeros, 5, 75);
		f = frac_fence(&q1, &q3, 5, 1, 0);
		CHECK_STR(exactly(f), "0", "Q1 = Q3 = 0, no floor: fence 0");
		f = frac_fence(&q1, &q3, 5, 1, 1);
		CHECK_STR(exactly(f), "5", "Q1 = Q3 = 0, floor 1, F = 5: fence 5");
	}
}

static void
test_fence_near_2_63(void)
{
	/* Four days of 2^60 and one of 2^60 + 1: Q1 = Q3 = 2^60, so IQR 0
	 * and the fence is 2^60 for any F.  A double holds 2^60 + 1 as 2^60. */
	const struct rate v[] = { R(1152921504606846976, 1),
	    R(1152921504606846976, 1), R(1152921504606846976, 1),
	    R(1152921504606846976, 1), R(1152921504606846977, 1) };
	/* a = 2^63-2, b = 2^63-1, sorted a b b b: Q1 h = 0.75 -> a + 0.75 =
	 * ...806.75; Q3 h = 2.25 -> b. */
	const struct rate w[] = { R(INT64_MAX - 1, 1), R(INT64_MAX, 1),
	    R(INT64_MAX, 1), R(INT64_MAX, 1) };
	struct frac q1 = quantile7(v, 5, 25), q3 = quantile7(v, 5, 75);
	struct frac f = frac_fence(&q1, &q3, 3, 2, 0);
	struct fence fence;

	CHECK_STR(exactly(f), "1152921504606846976", "fence at 2^60 is 2^60");
	CHECK(rate_cmp_frac(R(1152921504606846977, 1), &f) > 0 &&
	    rate_cmp_frac(R(1152921504606846976, 1), &f) == 0,
	    "2^60 + 1 is above the fence 2^60, 2^60 on it");
	/* The double-precision fence cannot tell, so it asks the exact one. */
	fence_init(&fence, v, 5, 3, 2, 0);
	CHECK(rate_above(&fence, R(1152921504606846977, 1)) &&
	    !rate_above(&fence, R(1152921504606846976, 1)),
	    "rate_above: 2^60 + 1 above, 2^60 not, exactly");
	/* With the IQR taken as at least 1: fence 2^60 + 1.5. */
	f = frac_fence(&q1, &q3, 3, 2, 1);
	CHECK_STR(exactly(f), "1152921504606846977.5", "floored fence 2^60 + 1.5");
	fence_init(&fence, v, 5, 3, 2, 1);
	CHECK(!rate_above(&fence, R(1152921504606846977, 1)) &&
	    rate_above(&fence, R(1152921504606846978, 1)),
	    "rate_above, floored: 2^60 + 1 below, 2^60 + 2 above");
	/* Far from the fence the double decides: 3 and 1000 against 10.875. */
	{
		const struct rate ties[] = { R(1, 1), R(2, 1), R(3, 1),
		    R(3, 1), R(3, 1), R(5, 1), R(9, 1), R(40, 1) };

		fence_init(&fence, ties, 8, 3, 2, 0);
		CHECK(!rate_above(&fence, R(3, 1)) &&
		    rate_above(&fence, R(1000, 1)) &&
		    !rate_above(&fence, R(87, 8)) &&
		    rate_above(&fence, R(88, 8)),
		    "rate_above 10.875: 3 no, 1000 yes, 87/8 on it no, 11 yes");
	}
	q1 = quantile7(w, 4, 25);
	q3 = quantile7(w, 4, 75);
	CHECK_STR(exactly(q1), "9223372036854775806.75", "Q1 near 2^63");
	/* IQR 0.25; F = 1000000: fence 2^63-1 + 250000 = ...5025807. */
	f = frac_fence(&q1, &q3, 1000000, 1, 0);
	CHECK_STR(exactly(f), "9223372036855025807", "fence F = 1e6 past 2^63");
	CHECK(rate_cmp_frac(R(INT64_MAX, 1), &f) < 0,
	    "2^63-1 is below that fence");
	f = frac_fence(&q1, &q3, 1000000, 1, 1);
	CHECK_STR(exactly(f), "9223372036855775807", "floored fence F = 1e6");
	/* Over days near 2^32 and F = 999999.999999 (a denominator of
	 * 10^6).  Q1 = Q3 = (2^63-1)/(2^32-1) = 2^31 + (2^31-1)/(2^32-1) =
	 * 2147483648.49999999988..., IQR 0 floored at 1: the fence is
	 * 2148483648.49999899988..., 2148483648.499999 to nine places. */
	{
		const struct rate far[] = { R(INT64_MAX, UINT32_MAX),
		    R(INT64_MAX, UINT32_MAX) };

		q1 = quantile7(far, 2, 25);
		q3 = quantile7(far, 2, 75);
		f = frac_fence(&q1, &q3, 999999999999, 1000000, 1);
		CHECK_STR(fmt(f, 9, FRAC_TRIM), "2148483648.499999",
		    "a floored fence over 2^32-1 days, nine places");
	}
	/* Q1 and Q3 over different days near 2^32 (rates x[1] and x[3] of
	 * five): the fence's denominator, their product times 10^6, passes
	 * 2^64, and it is still written exactly: 2148983650.501977562
	 * (worked out with Python's fractions). */
	{
		const uint64_t m = INT64_MAX;
		const uint32_t u = UINT32_MAX;
		struct rate five[] = { R(m, u), R(m - 1, u - 1), R(m - 2, u - 2),
		    R(m - 3, u - 4), R(m - 5, u - 6) };

		sort_rates(five, 5);
		q1 = quantile7(five, 5, 25);
		q3 = quantile7(five, 5, 75);
		f = frac_fence(&q1, &q3, 999999999999, 1000000, 1);
		CHECK_STR(fmt(f, 9, FRAC_TRIM), "2148983650.501977562",
		    "a fence with a denominator past 2^64, nine places");
	}
}

/* Past 128 bits: fractions whose terms need the long multiplication and
 * division.  (A - B) - (A - C) is C - B exactly, through products of
 * 128-bit terms; and 5P^2 / 2P^2 (P = 2^62) is 2.5, which rounds half
 * away from zero to 3, through the long division. */
static void
test_wide_fracs(void)
{
	const uint64_t p = (uint64_t)1 << 62;
	struct frac a = frac_of(UINT64_MAX, UINT64_MAX - 2);
	struct frac b = frac_of(1, UINT64_MAX - 4);
	struct frac c = frac_of(1, UINT64_MAX - 6);
	struct frac x = frac_sub(&a, &b), y = frac_sub(&a, &c);
	struct frac z = frac_sub(&x, &y), w = frac_sub(&c, &b);
	struct frac three = frac_of(3 * p, p), half = frac_of(p, 2 * p);
	struct frac two_and_half = frac_sub(&three, &half);

	CHECK(frac_cmp(&x, &y) > 0, "A - B is above A - C when C is above B");
	CHECK(frac_cmp(&z, &w) == 0 && frac_cmp(&w, &z) == 0,
	    "(A - B) - (A - C) equals C - B through 256-bit products");
	CHECK(frac_times(&two_and_half, 1) == 3 &&
	    frac_times(&two_and_half, 2) == 5,
	    "2.5 over 2^125 rounds half away from zero to 3; twice it is 5");
}

static void
test_times_and_format(void)
{
	const struct rate half[] = { R(2, 1), R(3, 1) };	/* median 2.5 */
	const struct rate q[] = { R(1, 1), R(2, 1) };	/* Q1 1.25, Q3 1.75 */
	struct frac m = quantile7(half, 2, 50);

	/* 2.5 -> 3 (half away from zero), 2.5 x 2 = 5, 1.25 -> 1,
	 * 1.75 -> 2. */
	CHECK(frac_times(&m, 1) == 3, "2.5 x 1 rounds half away to 3");
	CHECK(frac_times(&m, 2) == 5, "2.5 x 2 is 5");
	m = quantile7(q, 2, 25);
	CHECK(frac_times(&m, 1) == 1, "1.25 rounds to 1");
	m = quantile7(q, 2, 75);
	CHECK(frac_times(&m, 1) == 2, "1.75 rounds to 2");
	m = frac_of(1, 3);
	CHECK(frac_times(&m, 3) == 1, "1/3 x 3 is 1");
	m = frac_of(INT64_MAX, 1);
	CHECK(frac_times(&m, 2) == 18446744073709551614u &&
	    frac_times(&m, 3) == UINT64_MAX, "past 2^64-1: UINT64_MAX");
	m = frac_of(UINT64_MAX, 1);
	CHECK(frac_times(&m, 1) == UINT64_MAX, "2^64-1 itself: UINT64_MAX");
	CHECK_STR(fmt(frac_of(1, 3), 6, FRAC_TRIM), "0.333333", "1/3 to six places");
	CHECK_STR(fmt(frac_of(2, 3), 6, FRAC_TRIM), "0.666667",
	    "2/3 to six places rounds up");
	CHECK_STR(fmt(frac_of(2, 3), 0, FRAC_TRIM), "1", "2/3 to no places is 1");
	CHECK_STR(fmt(frac_of(1, 2000000), 6, FRAC_TRIM), "0.000001",
	    "0.0000005 rounds half away to 0.000001");
	CHECK_STR(fmt(frac_of(1, 2000000), 7, FRAC_TRIM), "0.0000005",
	    "0.0000005 to seven places");
	CHECK_STR(fmt(frac_of(0, 7), 6, FRAC_TRIM), "0", "0 is 0, no point");
	CHECK_STR(fmt(frac_of(0, 7), 2, FRAC_FIXED), "0.00", "0 fixed: 0.00");
	CHECK_STR(fmt(frac_of(5, 2), 3, FRAC_FIXED), "2.500",
	    "fixed keeps trailing zeros");
	CHECK_STR(fmt(frac_of(12050, 100), 3, FRAC_TRIM), "120.5",
	    "trim drops them, not the zeros of the whole part");
	/* Past 2^128, written nineteen digits at a time: (2^64-1)^2, and
	 * 10^36, whose groups are all zeros. */
	{
		struct frac x = frac_of(1, UINT64_MAX);

		x = frac_over(UINT64_MAX, &x);
		CHECK_STR(exactly(x), "340282366920938463426481119284349108225",
		    "(2^64-1)^2");
		x = frac_of(1, 1000000000000000000u);
		x = frac_over(1000000000000000000u, &x);
		CHECK_STR(exactly(x), "1000000000000000000000000000000000000",
		    "10^36");
	}
	CHECK(frac_cmp(&(struct frac){ frac_of(1, 2).num, frac_of(1, 2).den },
	    &(struct frac){ frac_of(2, 4).num, frac_of(2, 4).den }) == 0,
	    "1/2 equals 2/4");
	{
		struct frac a = frac_of(1, 3), b = frac_of(1, 2);

		CHECK(frac_cmp(&a, &b) < 0 && frac_cmp(&b, &a) > 0 &&
		    frac_cmp(&a, &a) == 0, "1/3 below 1/2");
		CHECK(!frac_is_zero(&a) && frac_is_zero(&(struct frac){
		    frac_of(0, 5).num, frac_of(0, 5).den }), "zero and not");
	}
}

static void
test_parse(void)
{
	CHECK_STR(parsed("213903949.25"), "213903949.25",
	    "a quartile reads back exactly");
	CHECK_STR(parsed("49597122929"), "49597122929",
	    "11 digits read back exactly");
	CHECK_STR(parsed("4.959712293e+10"), "49597122930",
	    "exponent form, exactly");
	CHECK_STR(parsed("1.50"), "1.5", "trailing zero decimals dropped");
	CHECK_STR(parsed("-0"), "0", "minus zero is zero");
	CHECK_STR(parsed("-0.000"), "0", "minus zero with decimals is zero");
	CHECK_STR(parsed("-0.5"), "negative", "a negative decimal");
	CHECK_STR(parsed("-1e19"), "out of range",
	    "out of range before negative");
	CHECK_STR(parsed("+7"), "7", "a plus sign");
	CHECK_STR(parsed(".5"), "0.5", "no whole digits");
	CHECK_STR(parsed("5."), "5", "no decimal digits");
	CHECK_STR(parsed("007"), "7", "leading zeros");
	CHECK_STR(parsed("1E2"), "100", "a capital E");
	CHECK_STR(parsed("2500e-3"), "2.5", "a negative exponent");
	CHECK_STR(parsed("100e-20"), "0.000000000000000001",
	    "1e-18 is the finest");
	CHECK_STR(parsed("1e-19"), "out of range", "1e-19 needs 19 decimals");
	CHECK_STR(parsed("0.0000000000000000000000"), "0",
	    "many zero decimals are zero");
	CHECK_STR(parsed("9223372036854775807"), "9223372036854775807",
	    "2^63-1");
	CHECK_STR(parsed("9223372036854775807.75"), "9223372036854775807.75",
	    "just below 2^63");
	CHECK_STR(parsed("9223372036854775807.999999999999999999"),
	    "9223372036854775807.999999999999999999",
	    "the largest value, eighteen decimals");
	CHECK_STR(parsed("9223372036854775808"), "out of range",
	    "2^63 is too large");
	CHECK_STR(parsed("922337203685477580.8e1"), "out of range",
	    "2^63 written with an exponent");
	CHECK_STR(parsed("1e19"), "out of range", "10^19 is too large");
	CHECK_STR(parsed("1e100000000"), "out of range", "a huge exponent");
	CHECK_STR(parsed("123456789012345678901234567890123456789"),
	    "out of range", "39 digits");
	CHECK_STR(parsed(""), "empty", "nothing");
	CHECK_STR(parsed("abc"), "not a number", "letters");
	CHECK_STR(parsed("1e"), "not a number", "an exponent without digits");
	CHECK_STR(parsed("1e+"), "not a number", "an exponent sign alone");
	CHECK_STR(parsed("."), "not a number", "a point alone");
	CHECK_STR(parsed("-"), "not a number", "a sign alone");
	CHECK_STR(parsed("1,5"), "not a number", "a decimal comma");
	CHECK_STR(parsed("1.5x"), "not a number", "text after the number");
	CHECK_STR(parsed("inf"), "not a number", "no infinity");
}

static void
test_ratios(void)
{
	/* 166000 / 48000 = 3.4583; 751000 / 142000 = 5.2887; 2400000 /
	 * 722000 = 3.3241 (the report's Table 1 inputs). */
	CHECK_STR(ratio(166000, "48000", 2), "3.46", "166K / 48K");
	CHECK_STR(ratio(751000, "142000", 2), "5.29", "751K / 142K");
	CHECK_STR(ratio(2400000, "722000", 2), "3.32", "2.4M / 722K");
	/* 1/8 = 0.125: half away from zero gives 0.13 (printf's ties to even
	 * would give 0.12). */
	CHECK_STR(ratio(1, "8", 2), "0.13", "0.125 rounds up");
	CHECK_STR(ratio(5, "2", 0), "3", "2.5 to no decimals is 3");
	CHECK_STR(ratio(999, "1000", 2), "1.00",
	    "0.999 carries into the whole part");
	CHECK_STR(ratio(0, "7", 2), "0.00", "zero over anything");
	CHECK_STR(ratio(1, "3", 9), "0.333333333", "nine decimals");
	CHECK_STR(ratio(2, "3", 9), "0.666666667", "nine decimals, rounded up");
	/* 400 / 55000 = 0.00727 -> 0.01. */
	CHECK_STR(ratio(400, "55000", 2), "0.01", "a small ratio");
	/* 50000 / 32500.25 = 1.538449... */
	CHECK_STR(ratio(50000, "32500.25", 4), "1.5384",
	    "over a quartile with .25");
	/* A divisor past 2^64: 2^63-1 over 6e18 = 1.537... */
	CHECK_STR(ratio(9223372036854775807, "6000000000000000000.5", 6),
	    "1.537229", "over a median past 2^62 with a half");
	CHECK_STR(ratio(9223372036854775807, "1e-18", 2),
	    "9223372036854775807000000000000000000.00", "the largest quotient");
	CHECK_STR(ratio(9223372036854775807, "9223372036854775806.5", 18),
	    "1.000000000000000000", "2^63-1 over 2^63-1.5: 1 + 5.4e-20");
}

static void
test_interpolation(void)
{
	/* 100 + 200 x 2/4 = 200; 100 + 2/3 = 100.67 -> 101; 101.5 -> 102;
	 * falling: 103 - 1.5 = 101.5 -> 102, the half away from zero of the
	 * value, not of its step. */
	CHECK(interpolate_day(0, 100, 4, 300, 2) == 200,
	    "halfway between 100 and 300");
	CHECK(interpolate_day(0, 100, 3, 101, 2) == 101,
	    "100.67 rounds to 101");
	CHECK(interpolate_day(0, 100, 3, 101, 1) == 100,
	    "100.33 rounds to 100");
	CHECK(interpolate_day(0, 100, 4, 103, 2) == 102,
	    "101.5 rounds up to 102");
	CHECK(interpolate_day(0, 103, 4, 100, 2) == 102,
	    "101.5 on a falling line rounds up too");
	CHECK(interpolate_day(0, -1, 2, -2, 1) == -2,
	    "-1.5 rounds away from zero to -2");
	CHECK(interpolate_day(5, 7, 9, 11, 5) == 7,
	    "at the first day, the first value");
	CHECK(interpolate_day(5, 7, 9, 11, 9) == 11,
	    "at the last day, the last value");
	/* 9223372036854775000 + 807 x 7/8 = ...775706.125 -> ...775706. */
	CHECK(interpolate_day(0, 9223372036854775000, 8, 9223372036854775807, 7) ==
	    9223372036854775706, "interpolation next to 2^63-1 is exact");
	/* 1 + (2^63-2) x 1/2 = 2^62 exactly. */
	CHECK(interpolate_day(0, 1, 2, 9223372036854775807, 1) == 4611686018427387904,
	    "the middle of 1 .. 2^63-1 is 2^62");
}

static void
test_series(void)
{
	/* 100 on day 10, 300 on day 14, 300 on day 20: day 12 is 200, day 13
	 * 250, day 17 300; days 9 and 21 are outside the series. */
	const struct dated_count obs[] = { { 10, 100 }, { 14, 300 }, { 20, 300 } };
	size_t at = 0;

	CHECK(count_on_day(obs, 3, 9, &at) == -1, "before the first day: none");
	CHECK(count_on_day(obs, 3, 10, &at) == 100, "the first day");
	CHECK(count_on_day(obs, 3, 12, &at) == 200, "between: 200");
	CHECK(count_on_day(obs, 3, 13, &at) == 250, "between: 250");
	CHECK(count_on_day(obs, 3, 14, &at) == 300, "an observed day");
	CHECK(count_on_day(obs, 3, 17, &at) == 300, "a flat stretch");
	CHECK(count_on_day(obs, 3, 20, &at) == 300, "the last day");
	CHECK(count_on_day(obs, 3, 21, &at) == -1, "after the last day: none");
	at = 0;
	CHECK(count_on_day(obs, 0, 10, &at) == -1, "an empty series");
}

int
main(void)
{
	test_sums();
	test_rates();
	test_sort_shapes();
	test_order_quartiles();
	test_quantiles();
	test_fence();
	test_fence_near_2_63();
	test_wide_fracs();
	test_times_and_format();
	test_parse();
	test_ratios();
	test_interpolation();
	test_series();
	return unit_done();
}
