/* Exact arithmetic on counts: statistics that never pass through floating
 * point.
 *
 * Counts are whole numbers below 2^63 (what parse_count accepts).  What is
 * computed from them here -- a count interpolated between two days, a type-7
 * quantile, a number read back from a table -- is held as an exact decimal
 * m / 10^scale with |m| < 2^63 * 10^18 < 2^123, in a 128-bit integer, so no
 * step can overflow or round.  Needs a compiler with __int128 (gcc and clang
 * on every 64-bit target). */
#ifndef HFSNAP_EXACT_H
#define HFSNAP_EXACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "num.h"

__extension__ typedef __int128 int128;

enum {
	DECIMAL_MAX_SCALE = 18,	/* decimals a decimal may have */
	DECIMAL_BUFSIZE = 64	/* room for any decimal or ratio, with NUL */
};

/* The number m / 10^scale; |value| < 2^63, scale <= DECIMAL_MAX_SCALE.
 * The functions below keep scale as small as the value allows (no trailing
 * zero decimals), so equal values have equal representations. */
struct decimal {
	int128 m;
	unsigned scale;
};

struct decimal decimal_of(int64_t v);
/* -1, 0 or 1 as a is below, equal to or above b. */
int decimal_cmp(const struct decimal *a, const struct decimal *b);
/* The sign of d: -1, 0 or 1. */
int decimal_sign(const struct decimal *d);

/* Writes d exactly, as few decimals as it needs: "213903949.25", "48000",
 * "-0.5"; never "-0" or an exponent.  buf has DECIMAL_BUFSIZE bytes; returns
 * the length (the text is NUL-terminated too). */
size_t decimal_format(const struct decimal *d, char *buf);

/* Reads [+-]digits[.digits][(e|E)[+-]digits] (or .digits) exactly: what
 * decimal_format writes, and what %g and Python write.  NUM_RANGE when
 * |value| >= 2^63 or it needs more than DECIMAL_MAX_SCALE decimals. */
enum num_status parse_exact(const char *s, size_t n, struct decimal *out);

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

/* The quantile at p = percent / 100 (0..100) of n >= 1 values sorted
 * ascending, by linear interpolation between order statistics at
 * h = (n-1)p: Hyndman & Fan's type 7, as stats.h's quantile7, but exact.
 * The fraction of h is a multiple of 1/100, so the result has at most two
 * decimals: the quartiles of whole numbers end in .25, .5, .75 or nothing. */
struct decimal quantile7_exact(const int64_t *sorted, size_t n,
    unsigned percent);

/* Sorts n int64_t ascending. */
void sort_int64(int64_t *v, size_t n);

/* num / den, num >= 0 and den > 0, rounded half away from zero to exactly
 * `digits` decimals (0..18), written with all of them ("3.46", "1.00").
 * Returns the length, or 0 (nothing written) when num < 0 or den <= 0. */
size_t ratio_format(int64_t num, const struct decimal *den, int digits,
    char *buf);

#endif
