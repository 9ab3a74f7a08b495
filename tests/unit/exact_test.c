/* Unit tests of lib/exact: exact decimals, interpolation, type-7 quantiles
 * and ratios.  Every expected value is worked out by hand in the comment
 * beside it. */
#include <stdlib.h>

#include "exact.h"
#include "unit.h"

static const char *
fmt(struct decimal d)
{
	static char buf[4][DECIMAL_BUFSIZE];
	static int k;

	k = (k + 1) % 4;
	decimal_format(&d, buf[k]);
	return buf[k];
}

static const char *
parsed(const char *s)
{
	struct decimal d;
	enum num_status st = parse_exact(s, strlen(s), &d);

	if (st != NUM_OK)
		return num_status_text(st);
	return fmt(d);
}

static const char *
ratio(int64_t num, const char *den, int digits)
{
	static char buf[4][DECIMAL_BUFSIZE];
	static int k;
	struct decimal d;

	k = (k + 1) % 4;
	if (parse_exact(den, strlen(den), &d) != NUM_OK)
		return "bad den";
	if (ratio_format(num, &d, digits, buf[k]) == 0)
		return "none";
	return buf[k];
}

static void
test_quantiles(void)
{
	int64_t ten[10] = { 10000, 20000, 30000, 40000, 50000, 60000, 70000,
	    80000, 90000, 100000 };
	int64_t four[4] = { 1, 2, 3, 4 };
	int64_t one[1] = { 5 };
	int64_t huge[2] = { 9223372036854775806, 9223372036854775807 };
	int64_t neg[2] = { -3, 1 };

	/* n = 10: h = 4.5 -> 50000 + .5 x 10000; h = 2.25 -> 30000 + 2500;
	 * h = 6.75 -> 70000 + 7500. */
	CHECK_STR(fmt(quantile7_exact(ten, 10, 50)), "55000",
	    "median of 10K..100K");
	CHECK_STR(fmt(quantile7_exact(ten, 10, 25)), "32500",
	    "Q1 of 10K..100K");
	CHECK_STR(fmt(quantile7_exact(ten, 10, 75)), "77500",
	    "Q3 of 10K..100K");
	/* n = 4: h = .75, 1.5, 2.25 -> 1.75, 2.5, 3.25. */
	CHECK_STR(fmt(quantile7_exact(four, 4, 25)), "1.75", "Q1 of 1..4");
	CHECK_STR(fmt(quantile7_exact(four, 4, 50)), "2.5", "median of 1..4");
	CHECK_STR(fmt(quantile7_exact(four, 4, 75)), "3.25", "Q3 of 1..4");
	CHECK_STR(fmt(quantile7_exact(four, 4, 0)), "1",
	    "p = 0 is the minimum");
	CHECK_STR(fmt(quantile7_exact(four, 4, 100)), "4",
	    "p = 1 is the maximum");
	CHECK_STR(fmt(quantile7_exact(one, 1, 25)), "5",
	    "one value is every quantile");
	/* 2^63-2 + .25 and + .5: no rounding to 2^63 as a double would. */
	CHECK_STR(fmt(quantile7_exact(huge, 2, 25)), "9223372036854775806.25",
	    "Q1 next to 2^63-1 is exact");
	CHECK_STR(fmt(quantile7_exact(huge, 2, 50)), "9223372036854775806.5",
	    "median next to 2^63-1 is exact");
	CHECK_STR(fmt(quantile7_exact(huge, 2, 100)), "9223372036854775807",
	    "the maximum 2^63-1 stays itself");
	/* -3 + .25 x 4 = -2; -3 + .1 x 4 = -2.6. */
	CHECK_STR(fmt(quantile7_exact(neg, 2, 25)), "-2", "Q1 of -3, 1");
	CHECK_STR(fmt(quantile7_exact(neg, 2, 10)), "-2.6",
	    "10th percentile of -3, 1");
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
	CHECK(interpolate_day(0, 100, 4, 103, 2) == 102,
	    "101.5 rounds up to 102");
	CHECK(interpolate_day(0, 103, 4, 100, 2) == 102,
	    "101.5 on a falling line rounds up too");
	CHECK(interpolate_day(5, 7, 9, 11, 5) == 7,
	    "at the first day, the first value");
	CHECK(interpolate_day(5, 7, 9, 11, 9) == 11,
	    "at the last day, the last value");
	/* 9223372036854775000 + 807 x 7/8 = ...775706.125 -> ...775706. */
	CHECK(interpolate_day(0, 9223372036854775000, 8, 9223372036854775807, 7) ==
	    9223372036854775706, "interpolation next to 2^63-1 is exact");
	CHECK(interpolate_day(0, 9223372036854775000, 7, 9223372036854775807, 7) ==
	    9223372036854775807, "2^63-1 itself is reached");
	/* 1 + (2^63-2) x 1/2 = 2^62 - 1 + 1 = 2^62 exactly. */
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

static void
test_decimals(void)
{
	struct decimal a, b;

	CHECK_STR(parsed("213903949.25"), "213903949.25",
	    "a quartile reads back exactly");
	CHECK_STR(parsed("49597122929"), "49597122929",
	    "11 digits read back exactly");
	CHECK_STR(parsed("4.959712293e+10"), "49597122930",
	    "exponent form, exactly");
	CHECK_STR(parsed("1.50"), "1.5", "trailing zero decimals dropped");
	CHECK_STR(parsed("-0"), "0", "no minus zero");
	CHECK_STR(parsed("-0.5"), "-0.5", "a negative decimal");
	CHECK_STR(parsed("+7"), "7", "a plus sign");
	CHECK_STR(parsed(".5"), "0.5", "no whole digits");
	CHECK_STR(parsed("5."), "5", "no decimal digits");
	CHECK_STR(parsed("007"), "7", "leading zeros");
	CHECK_STR(parsed("100e-20"), "0.000000000000000001",
	    "1e-18 is the finest");
	CHECK_STR(parsed("1e-19"), "out of range", "1e-19 needs 19 decimals");
	CHECK_STR(parsed("0.0000000000000000000000"), "0",
	    "many zero decimals are zero");
	CHECK_STR(parsed("9223372036854775807"), "9223372036854775807",
	    "2^63-1");
	CHECK_STR(parsed("9223372036854775807.75"), "9223372036854775807.75",
	    "just below 2^63");
	CHECK_STR(parsed("9223372036854775808"), "out of range",
	    "2^63 is too large");
	CHECK_STR(parsed("1e19"), "out of range", "10^19 is too large");
	CHECK_STR(parsed("1e100000000"), "out of range", "a huge exponent");
	CHECK_STR(parsed(""), "empty", "nothing");
	CHECK_STR(parsed("abc"), "not a number", "letters");
	CHECK_STR(parsed("1e"), "not a number", "an exponent without digits");
	CHECK_STR(parsed("."), "not a number", "a point alone");
	CHECK_STR(parsed("1,5"), "not a number", "a decimal comma");
	CHECK_STR(parsed("inf"), "not a number", "no infinity");
	parse_exact("2.5", 3, &a);
	parse_exact("2.50", 4, &b);
	CHECK(decimal_cmp(&a, &b) == 0, "2.5 equals 2.50");
	parse_exact("2.49", 4, &b);
	CHECK(decimal_cmp(&a, &b) > 0 && decimal_cmp(&b, &a) < 0,
	    "2.5 is above 2.49");
	CHECK(decimal_sign(&a) == 1, "the sign of 2.5");
	a = decimal_of(0);
	CHECK(decimal_sign(&a) == 0, "the sign of 0");
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
	CHECK_STR(ratio(9223372036854775807, "1e-18", 2),
	    "9223372036854775807000000000000000000.00", "the largest quotient");
	CHECK_STR(ratio(9223372036854775807, "9223372036854775806.5", 18),
	    "1.000000000000000000", "2^63-1 over 2^63-1.5: 1 + 5.4e-20");
	CHECK_STR(ratio(1, "0", 2), "none", "no ratio over zero");
	CHECK_STR(ratio(-1, "2", 2), "none", "no ratio of a negative");
	CHECK_STR(ratio(1, "-2", 2), "none", "no ratio over a negative");
}

static void
test_sort(void)
{
	int64_t v[5] = { 3, -1, 9223372036854775807, 0, -9223372036854775807 };

	sort_int64(v, 5);
	CHECK(v[0] == -9223372036854775807 && v[1] == -1 && v[2] == 0 &&
	    v[3] == 3 && v[4] == 9223372036854775807, "sort_int64 ascending");
}

int
main(void)
{
	test_quantiles();
	test_interpolation();
	test_series();
	test_decimals();
	test_ratios();
	test_sort();
	return unit_done();
}
