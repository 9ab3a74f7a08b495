/* Unit tests of lib/stats: type-7 quantiles, of doubles and exactly of
 * per-day rates, and the exact fence.  Every expected value is worked out
 * by hand in the comment beside it, from h = (n-1)p and
 * Q = x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]), with x
 * counted from 0. */
#include <stdint.h>

#include "stats.h"
#include "unit.h"

/* A rate of count / days. */
static struct rate
R(uint64_t count, uint32_t days)
{
	struct rate r = { count, days };

	return r;
}

static const char *
fmt(struct frac q, int digits)
{
	static char buf[4][130];
	static int k;

	k = (k + 1) % 4;
	frac_format(&q, digits, buf[k]);
	return buf[k];
}

static void
test_quantile7_doubles(void)
{
	const double four[] = { 1, 2, 3, 4 };
	const double one[] = { 7 };
	const double ties[] = { 1, 2, 3, 3, 3, 5, 9, 40 };

	/* n = 4: Q1 h = 0.75 -> 1 + 0.75 = 1.75; median h = 1.5 -> 2.5;
	 * Q3 h = 2.25 -> 3 + 0.25 = 3.25; p = 0 and 1 are the ends. */
	CHECK(quantile7(four, 4, 0.25) == 1.75, "doubles 1 2 3 4: Q1 1.75");
	CHECK(quantile7(four, 4, 0.5) == 2.5, "doubles 1 2 3 4: median 2.5");
	CHECK(quantile7(four, 4, 0.75) == 3.25, "doubles 1 2 3 4: Q3 3.25");
	CHECK(quantile7(four, 4, 0) == 1 && quantile7(four, 4, 1) == 4,
	    "doubles 1 2 3 4: p 0 and 1 are the minimum and the maximum");
	CHECK(quantile7(one, 1, 0.25) == 7 && quantile7(one, 1, 0.75) == 7,
	    "one value is every quantile");
	/* n = 8: Q1 h = 1.75 -> 2 + 0.75(3 - 2) = 2.75; Q3 h = 5.25 ->
	 * 5 + 0.25(9 - 5) = 6. */
	CHECK(quantile7(ties, 8, 0.25) == 2.75 && quantile7(ties, 8, 0.75) == 6,
	    "doubles with ties: Q1 2.75, Q3 6");
}

static void
test_sort_rates(void)
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
	/* 2^63-1 over 3 days against 2^63-2 over 3 days: one unit apart in
	 * a product of 65 bits. */
	CHECK(rate_cmp(R(INT64_MAX, 3), R(INT64_MAX - 1, 3)) > 0,
	    "(2^63-1)/3 is above (2^63-2)/3");
	CHECK(rate_cmp(R(INT64_MAX, 2), R(INT64_MAX - 1, 2)) > 0 &&
	    rate_cmp(R(4611686018427387904, 1), R(INT64_MAX, 2)) > 0,
	    "2^62 over 1 day is above (2^63-1) over 2 days");
	/* Past the insertion sort's 48: 60 rates in descending order. */
	for (i = 0; i < 60; i++)
		big[i] = R((uint64_t)(60 - i), 1);
	sort_rates(big, 60);
	for (i = 0; i < 60; i++)
		ok &= big[i].count == (uint64_t)i + 1;
	CHECK(ok, "60 rates sorted by qsort");
}

static void
test_quartile7_rates(void)
{
	const struct rate four[] = { R(1, 1), R(2, 1), R(3, 1), R(4, 1) };
	const struct rate two[] = { R(0, 1), R(10, 1) };
	/* 1/2, 2/1, 9/3, 10/2: the rates 0.5 2 3 5. */
	const struct rate gaps[] = { R(1, 2), R(2, 1), R(9, 3), R(10, 2) };
	const struct rate ties[] = { R(1, 1), R(2, 1), R(3, 1), R(3, 1),
	    R(3, 1), R(5, 1), R(9, 1), R(40, 1) };

	CHECK_STR(fmt(rate_quartile(four, 4, 1), 6), "1.75", "rates 1 2 3 4: Q1 1.75");
	CHECK_STR(fmt(rate_quartile(four, 4, 2), 6), "2.5", "rates 1 2 3 4: median 2.5");
	CHECK_STR(fmt(rate_quartile(four, 4, 3), 6), "3.25", "rates 1 2 3 4: Q3 3.25");
	CHECK_STR(fmt(rate_quartile(four, 4, 0), 6), "1", "rates 1 2 3 4: p 0 is 1");
	CHECK_STR(fmt(rate_quartile(four, 4, 4), 6), "4", "rates 1 2 3 4: p 1 is 4");
	CHECK_STR(fmt(rate_quartile(four, 1, 3), 6), "1", "one rate is every quartile");
	/* n = 2: h = 0.25, 0.5, 0.75 of the way from 0 to 10. */
	CHECK_STR(fmt(rate_quartile(two, 2, 1), 6), "2.5", "rates 0 10: Q1 2.5");
	CHECK_STR(fmt(rate_quartile(two, 2, 2), 6), "5", "rates 0 10: median 5");
	CHECK_STR(fmt(rate_quartile(two, 2, 3), 6), "7.5", "rates 0 10: Q3 7.5");
	/* 0.5 2 3 5: Q1 h = 0.75 -> 0.5 + 0.75(2 - 0.5) = 1.625; median
	 * h = 1.5 -> 2.5; Q3 h = 2.25 -> 3 + 0.25(5 - 3) = 3.5. */
	CHECK_STR(fmt(rate_quartile(gaps, 4, 1), 6), "1.625", "rates over gaps: Q1 1.625");
	CHECK_STR(fmt(rate_quartile(gaps, 4, 2), 6), "2.5", "rates over gaps: median 2.5");
	CHECK_STR(fmt(rate_quartile(gaps, 4, 3), 6), "3.5", "rates over gaps: Q3 3.5");
	CHECK_STR(fmt(rate_quartile(ties, 8, 1), 6), "2.75", "rates with ties: Q1 2.75");
	CHECK_STR(fmt(rate_quartile(ties, 8, 2), 6), "3", "rates with ties: median 3");
	CHECK_STR(fmt(rate_quartile(ties, 8, 3), 6), "6", "rates with ties: Q3 6");
}

static void
test_fence(void)
{
	const struct rate ties[] = { R(1, 1), R(2, 1), R(3, 1), R(3, 1),
	    R(3, 1), R(5, 1), R(9, 1), R(40, 1) };
	const struct rate gaps[] = { R(1, 2), R(2, 1), R(9, 3), R(10, 2) };
	struct frac q1 = rate_quartile(ties, 8, 1), q3 = rate_quartile(ties, 8, 3), f;

	/* Q1 2.75, Q3 6: IQR 3.25; F = 3/2: 6 + 4.875 = 10.875. */
	CHECK_STR(fmt(frac_sub(&q3, &q1), 6), "3.25", "IQR 6 - 2.75 = 3.25");
	f = frac_fence(&q1, &q3, 3, 2, 0);
	CHECK_STR(fmt(f, 6), "10.875", "fence 6 + 1.5 x 3.25 = 10.875");
	CHECK(rate_cmp_frac(R(10, 1), &f) < 0 && rate_cmp_frac(R(11, 1), &f) > 0 &&
	    rate_cmp_frac(R(87, 8), &f) == 0,
	    "10 is below the fence 10.875, 11 above, 87/8 on it");
	/* F = 0: the fence is Q3. */
	f = frac_fence(&q1, &q3, 0, 1, 0);
	CHECK(rate_cmp_frac(R(6, 1), &f) == 0 && rate_cmp_frac(R(13, 2), &f) > 0,
	    "F = 0: the fence is Q3 = 6; 6.5 is above it");
	/* Over gaps, Q1 1.625 = 13/8 and Q3 3.5 = 7/2 (different
	 * denominators): IQR 1.875, fence 3.5 + 1.5 x 1.875 = 6.3125. */
	q1 = rate_quartile(gaps, 4, 1);
	q3 = rate_quartile(gaps, 4, 3);
	CHECK_STR(fmt(frac_sub(&q3, &q1), 6), "1.875", "IQR over gaps 1.875");
	f = frac_fence(&q1, &q3, 3, 2, 0);
	CHECK_STR(fmt(f, 6), "6.3125", "fence over gaps 6.3125");
	CHECK(rate_cmp_frac(R(101, 16), &f) == 0 && rate_cmp_frac(R(19, 3), &f) > 0,
	    "101/16 is on the fence over gaps, 19/3 = 6.333 above it");
	/* A floor of 1 changes nothing when the IQR is 1.875; a floor of 2
	 * makes the fence 3.5 + 1.5 x 2 = 6.5. */
	f = frac_fence(&q1, &q3, 3, 2, 1);
	CHECK_STR(fmt(f, 6), "6.3125", "an IQR of 1.875 is above a floor of 1");
	f = frac_fence(&q1, &q3, 3, 2, 2);
	CHECK_STR(fmt(f, 6), "6.5", "an IQR of 1.875 under a floor of 2: fence 6.5");
	/* Q1 = Q3 = 0 (most days without a download): F = 5 and a floor of
	 * 1 put the fence at 5, not at 0. */
	{
		const struct rate zeros[] = { R(0, 1), R(0, 1), R(0, 1), R(0, 1),
		    R(2, 1) };

		q1 = rate_quartile(zeros, 5, 1);
		q3 = rate_quartile(zeros, 5, 3);
		f = frac_fence(&q1, &q3, 5, 1, 0);
		CHECK_STR(fmt(f, 6), "0", "Q1 = Q3 = 0, no floor: fence 0");
		f = frac_fence(&q1, &q3, 5, 1, 1);
		CHECK_STR(fmt(f, 6), "5", "Q1 = Q3 = 0, floor 1, F = 5: fence 5");
	}
}

static void
test_exact_at_2_60(void)
{
	/* Four days of 2^60 and one of 2^60 + 1 (sorted): Q1 = Q3 = 2^60, so
	 * IQR 0 and the fence is 2^60 for any F.  A double holds 2^60 + 1 as
	 * 2^60, which let such a rate through before. */
	const struct rate v[] = { R(1152921504606846976, 1),
	    R(1152921504606846976, 1), R(1152921504606846976, 1),
	    R(1152921504606846976, 1), R(1152921504606846977, 1) };
	struct frac q1 = rate_quartile(v, 5, 1), q3 = rate_quartile(v, 5, 3);
	struct frac f = frac_fence(&q1, &q3, 3, 2, 0);

	CHECK_STR(fmt(f, 6), "1152921504606846976", "fence at 2^60 is 2^60");
	CHECK(rate_cmp_frac(R(1152921504606846977, 1), &f) > 0,
	    "2^60 + 1 is above the fence 2^60");
	CHECK(rate_cmp_frac(R(1152921504606846976, 1), &f) == 0,
	    "2^60 is on the fence, not above it");
	/* With the IQR taken as at least 1: fence 2^60 + 1.5, so 2^60 + 1 is
	 * below it and 2^60 + 2 above (a double cannot tell either from
	 * 2^60: its step there is 256). */
	f = frac_fence(&q1, &q3, 3, 2, 1);
	CHECK_STR(fmt(f, 6), "1152921504606846977.5", "floored fence 2^60 + 1.5");
	CHECK(rate_cmp_frac(R(1152921504606846977, 1), &f) < 0 &&
	    rate_cmp_frac(R(1152921504606846978, 1), &f) > 0,
	    "2^60 + 1 is below the floored fence, 2^60 + 2 above");
}

static void
test_near_2_63(void)
{
	/* a = 2^63-2 = 9223372036854775806, b = 2^63-1, sorted a b b b:
	 * Q1 h = 0.75 -> a + 0.75(b - a) = ...806.75; Q3 h = 2.25 -> b. */
	const struct rate v[] = { R(INT64_MAX - 1, 1), R(INT64_MAX, 1),
	    R(INT64_MAX, 1), R(INT64_MAX, 1) };
	/* Sorted a a b b: median h = 1.5 -> a + 0.5(b - a) = ...806.5. */
	const struct rate w[] = { R(INT64_MAX - 1, 1), R(INT64_MAX - 1, 1),
	    R(INT64_MAX, 1), R(INT64_MAX, 1) };
	struct frac q1 = rate_quartile(v, 4, 1), q3 = rate_quartile(v, 4, 3), f;

	CHECK_STR(fmt(q1, 6), "9223372036854775806.75", "Q1 near 2^63: ...806.75");
	CHECK_STR(fmt(q3, 6), "9223372036854775807", "Q3 near 2^63: 2^63-1");
	CHECK_STR(fmt(rate_quartile(w, 4, 2), 6), "9223372036854775806.5",
	    "median near 2^63: ...806.5");
	/* IQR 0.25; F = 1000000: fence 2^63-1 + 250000 = ...5025807. */
	f = frac_fence(&q1, &q3, 1000000, 1, 0);
	CHECK_STR(fmt(f, 6), "9223372036855025807", "fence F = 1e6 past 2^63");
	CHECK(rate_cmp_frac(R(INT64_MAX, 1), &f) < 0,
	    "2^63-1 is below that fence");
	/* Floored at 1: 2^63-1 + 1000000. */
	f = frac_fence(&q1, &q3, 1000000, 1, 1);
	CHECK_STR(fmt(f, 6), "9223372036855775807", "floored fence F = 1e6");
	/* Over 2^32-1 days. */
	CHECK(rate_cmp(R(INT64_MAX, UINT32_MAX), R(INT64_MAX - 1, UINT32_MAX)) > 0,
	    "rates over 2^32-1 days compare exactly");
}

static void
test_times_and_format(void)
{
	const struct rate half[] = { R(2, 1), R(3, 1) };	/* median 2.5 */
	const struct rate q[] = { R(1, 1), R(2, 1) };	/* Q1 1.25, Q3 1.75 */
	const struct rate third[] = { R(1, 3), R(2, 3) };	/* 1/3, 2/3 */
	const struct rate tiny[] = { R(1, 2000000) };	/* 0.0000005 */
	struct frac m = rate_quartile(half, 2, 2);

	/* 2.5 -> 3 (half away from zero), 2.5 x 2 = 5, 1.25 -> 1,
	 * 1.75 -> 2, 0.25 x 2 = 0.5 -> 1. */
	CHECK(frac_times(&m, 1) == 3, "2.5 x 1 rounds half away to 3");
	CHECK(frac_times(&m, 2) == 5, "2.5 x 2 is 5");
	m = rate_quartile(q, 2, 1);
	CHECK(frac_times(&m, 1) == 1, "1.25 rounds to 1");
	m = rate_quartile(q, 2, 3);
	CHECK(frac_times(&m, 1) == 2, "1.75 rounds to 2");
	m = rate_quartile(third, 1, 0);
	CHECK_STR(fmt(m, 6), "0.333333", "1/3 to six places");
	CHECK(frac_times(&m, 3) == 1, "1/3 x 3 is 1");
	m = rate_quartile(third + 1, 1, 0);
	CHECK_STR(fmt(m, 6), "0.666667", "2/3 to six places rounds up");
	CHECK_STR(fmt(m, 0), "1", "2/3 to no places is 1");
	m = rate_quartile(tiny, 1, 0);
	CHECK_STR(fmt(m, 6), "0.000001", "0.0000005 rounds half away to 0.000001");
	CHECK_STR(fmt(m, 7), "0.0000005", "0.0000005 to seven places");
	m = rate_quartile(half, 1, 0);
	m.num.w[0] = 0;
	CHECK_STR(fmt(m, 6), "0", "0 is 0, no point");
}

int
main(void)
{
	test_quantile7_doubles();
	test_sort_rates();
	test_quartile7_rates();
	test_fence();
	test_exact_at_2_60();
	test_near_2_63();
	test_times_and_format();
	return unit_done();
}
