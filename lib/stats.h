/* Order statistics: quantiles of doubles, and exact quantiles of per-day
 * rates (whole counts over whole numbers of days) with the exact rational
 * arithmetic a fence test on counts up to 2^63-1 needs. */
#ifndef HFSNAP_STATS_H
#define HFSNAP_STATS_H

#include <stddef.h>
#include <stdint.h>

/* The p-quantile (0 <= p <= 1) of n >= 1 values sorted ascending, by linear
 * interpolation between order statistics at h = (n-1)p: Hyndman & Fan's
 * type 7, the default of R's quantile(), numpy.percentile and pandas.
 * In double precision: values above 2^53 are rounded. */
double quantile7(const double *sorted, size_t n, double p);

/* Sorts n doubles ascending (no NaNs). */
void sort_doubles(double *v, size_t n);

/* A per-day rate held exactly: count over days (days >= 1). */
struct rate {
	uint64_t count;
	uint32_t days;
};

/* -1, 0 or 1 as a is below, equal to or above b, compared exactly. */
int rate_cmp(struct rate a, struct rate b);

/* Sorts n rates ascending, exactly. */
void sort_rates(struct rate *v, size_t n);

/* An unsigned integer of 384 bits, 32-bit limbs, least significant first:
 * room for every product the functions below form. */
enum { U384_LIMBS = 12 };
struct u384 {
	uint32_t w[U384_LIMBS];
};

/* A rational number of 0 or more held exactly: num / den, den > 0. */
struct frac {
	struct u384 num, den;
};

/* The type-7 quantile at p = quarter/4 (quarter 0 to 4) of n >= 1 rates
 * sorted ascending, exactly: with h = (n-1)p, x[floor h] + (h - floor h)
 * (x[floor h + 1] - x[floor h]).  Of whole rates it is a multiple of 1/4. */
struct frac rate_quartile(const struct rate *sorted, size_t n, unsigned quarter);

/* b - a, for b >= a. */
struct frac frac_sub(const struct frac *b, const struct frac *a);

/* Tukey's fence q3 + F (q3 - q1), F = fnum/fden (fden > 0), for q3 >= q1
 * as rate_quartile gives them, exactly; an IQR below min_iqr counts as
 * min_iqr (0: no floor).  fnum, fden and min_iqr are below 2^63. */
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
int rate_above(const struct fence *f, struct rate r);

/* -1, 0 or 1 as the rate r is below, equal to or above x, exactly (x from
 * rate_quartile or frac_fence). */
int rate_cmp_frac(struct rate r, const struct frac *x);

/* x times k rounded half away from zero to a whole number; UINT64_MAX when
 * that is 2^64-1 or more. */
uint64_t frac_times(const struct frac *x, uint64_t k);

/* Writes x rounded half away from zero to `digits` (0 to 9) decimal places,
 * trailing zeros and a bare point dropped, NUL-terminated, into buf (room
 * for 130 bytes).  Returns the length. */
size_t frac_format(const struct frac *x, int digits, char *buf);

#endif
