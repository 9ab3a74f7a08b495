/* Exact arithmetic on counts: sums, rates, quantiles, fences and ratios
 * that never round where a count could be wrong by one.
 *
 * The vocabulary, from the smallest number to the largest:
 *
 *   int128      a signed integer of 128 bits: sums of counts (cummulate),
 *               and every product of a count and a day difference.  A sum
 *               of counts below 2^63 over any number of rows a machine can
 *               read stays far inside 2^127, so sums never wrap: a tool
 *               checks with fits_int64 whether a sum it writes fits.
 *   rate        a count over a whole number of days (iqr-filter's per-day
 *               rates; a plain count is a rate over one day).
 *   frac        a rational number of 0 or more, numerator and denominator
 *               u384s (unsigned, 384 bits): quantiles, fences, medians
 *               read back from a table, and the ratios of counts to them.
 *               Every product the functions below form stays far below
 *               2^384.
 *
 * Quantiles are Hyndman & Fan's type 7 (R's default), exactly; a frac is
 * written rounded half away from zero.  Needs a compiler with __int128
 * (gcc and clang on every 64-bit target). */
#ifndef HFSNAP_EXACT_H
#define HFSNAP_EXACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "num.h"

__extension__ typedef __int128 int128;
__extension__ typedef unsigned __int128 uint128;

/* True when v is in the int64 range, -2^63 .. 2^63-1. */
static inline bool
fits_int64(int128 v)
{
	return v >= INT64_MIN && v <= INT64_MAX;
}

/* Close to v (two roundings: the high and the low 64 bits), for
 * percentages. */
double int128_double(int128 v);

/* A per-day rate held exactly: count over days (days >= 1). */
struct rate {
	uint64_t count;
	uint32_t days;
};

/* -1, 0 or 1 as a is below, equal to or above b, compared exactly. */
int rate_cmp(struct rate a, struct rate b);

/* Sorts n rates ascending. */
void sort_rates(struct rate *v, size_t n);

/* Moves the rates quantile7 reads for the quartiles (percent 25, 50 and
 * 75: the places floor((n-1)q/4) and the next) to where sorting would put
 * them, in expected linear time: quantile7 and fence_init then give on v
 * what they give on the sorted rates.  The rest of v is in no order. */
void order_quartiles(struct rate *v, size_t n);

enum { U384_LIMBS = 12 };

/* An unsigned integer of 384 bits, 32-bit limbs, least significant first. */
struct u384 {
	uint32_t w[U384_LIMBS];
};

/* num / den, den > 0. */
struct frac {
	struct u384 num, den;
};

enum {
	FRAC_MAX_DIGITS = 18,	/* decimals frac_format and frac_parse take */
	FRAC_BUFSIZE = 130	/* room for any frac frac_format writes */
};

struct frac frac_of(uint64_t num, uint64_t den);
/* The rate as a frac. */
struct frac frac_of_rate(struct rate r);

/* -1, 0 or 1 as a is below, equal to or above b. */
int frac_cmp(const struct frac *a, const struct frac *b);
bool frac_is_zero(const struct frac *x);

/* b - a, for b >= a. */
struct frac frac_sub(const struct frac *b, const struct frac *a);

/* k / x, for x > 0. */
struct frac frac_over(uint64_t k, const struct frac *x);

/* x times k rounded half away from zero to a whole number; UINT64_MAX when
 * that is 2^64-1 or more. */
uint64_t frac_times(const struct frac *x, uint64_t k);

/* -1, 0 or 1 as the rate r is below, equal to or above x. */
int rate_cmp_frac(struct rate r, const struct frac *x);

/* Writes x rounded half away from zero to `digits` decimals (0 to
 * FRAC_MAX_DIGITS), NUL-terminated, into buf (FRAC_BUFSIZE bytes), and
 * returns the length.  FRAC_TRIM drops trailing zero decimals and then a
 * bare point ("2.5", "48000"); FRAC_FIXED writes them all ("3.46",
 * "1.00").  A frac of at most FRAC_MAX_DIGITS decimals (as frac_parse
 * reads, or a quantile of counts) written with FRAC_TRIM and
 * FRAC_MAX_DIGITS is written exactly, with as few decimals as it needs. */
enum frac_style { FRAC_TRIM, FRAC_FIXED };
size_t frac_format(const struct frac *x, int digits, enum frac_style style,
    char *buf);

/* Reads [+-]digits[.digits][(e|E)[+-]digits] (or .digits) exactly: what
 * frac_format writes, and what %g and Python write.  NUM_RANGE when the
 * value is 2^63 or more or needs more than FRAC_MAX_DIGITS decimals, then
 * NUM_NEGATIVE when it is below 0 ("-0" is 0). */
enum num_status frac_parse(const char *s, size_t n, struct frac *out);

/* The type-7 quantile at p = percent / 100 (0 to 100) of n >= 1 rates
 * sorted ascending: with h = (n-1)p, x[floor h] + (h - floor h)
 * (x[floor h + 1] - x[floor h]).  The fraction of h is a multiple of
 * 1/100, so the quartiles of whole counts are multiples of 1/4. */
struct frac quantile7(const struct rate *sorted, size_t n, unsigned percent);

/* Tukey's fence q3 + F (q3 - q1), F = fnum/fden (fden > 0), for q3 >= q1,
 * exactly; an IQR below min_iqr counts as min_iqr (0: no floor).  fnum,
 * fden and min_iqr are below 2^63. */
struct frac frac_fence(const struct frac *q1, const struct frac *q3,
    uint64_t fnum, uint64_t fden, uint64_t min_iqr);

/* The fence of n >= 1 rates sorted ascending, to test many rates against:
 * kept in double precision with a bound on its error, and worked out
 * exactly (frac_fence) only for a rate too close to it to tell. */
struct fence {
	const struct rate *sorted;
	size_t n;
	uint64_t fnum, fden, min_iqr;
	double value, slack;
};

void fence_init(struct fence *f, const struct rate *sorted, size_t n,
    uint64_t fnum, uint64_t fden, uint64_t min_iqr);

/* Whether r is above the fence, exactly.  The rates fence_init was given
 * must not have changed since. */
bool rate_above(const struct fence *f, struct rate r);

/* A count observed on a day (days since 1970-01-01, as lib/date's day_t). */
struct dated_count {
	int32_t date;
	int64_t value;
};

/* The count of a series (dates strictly ascending) on `day`: the
 * observation of that day, or interpolate_day between the observations on
 * either side; -1 outside the observed days, for nothing is extrapolated.
 * *cursor starts at 0 and only moves forward: ask for days in ascending
 * order, and a whole series costs one pass. */
int64_t count_on_day(const struct dated_count *obs, size_t n, int32_t day,
    size_t *cursor);

/* The value at day x of the straight line through (x0, y0) and (x1, y1),
 * x0 <= x <= x1 and x0 < x1, rounded half away from zero: exact for any
 * y0, y1 of int64_t (the result lies between them). */
int64_t interpolate_day(int32_t x0, int64_t y0, int32_t x1, int64_t y1,
    int32_t x);

#endif
