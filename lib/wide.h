/* Exact sums of 64-bit counts: 128-bit two's complement in two words.
 *
 * A sum of counts (each at most 2^63-1) over any number of rows a machine
 * can read stays far inside 2^127, so sums kept this way never wrap; a tool
 * decides at the end whether a sum it is about to write fits in 64 bits
 * (wide_fits) instead of guarding every addition. */
#ifndef HFSNAP_WIDE_H
#define HFSNAP_WIDE_H

#include <stdbool.h>
#include <stdint.h>

struct wide {
	uint64_t hi, lo;	/* the value is hi * 2^64 + lo, hi signed */
};

static inline struct wide
wide_of(int64_t v)
{
	struct wide w = { v < 0 ? UINT64_MAX : 0, (uint64_t)v };

	return w;
}

static inline void
wide_addw(struct wide *a, struct wide b)
{
	uint64_t lo = a->lo + b.lo;

	a->hi += b.hi + (lo < a->lo);
	a->lo = lo;
}

static inline void
wide_add(struct wide *a, int64_t v)
{
	wide_addw(a, wide_of(v));
}

static inline struct wide
wide_neg(struct wide a)
{
	struct wide n = { ~a.hi, ~a.lo };

	wide_addw(&n, wide_of(1));
	return n;
}

static inline bool
wide_negative(struct wide a)
{
	return a.hi >> 63;
}

/* True when a is in the int64 range, -2^63 .. 2^63-1. */
static inline bool
wide_fits(struct wide a)
{
	return a.hi == (a.lo >> 63 ? UINT64_MAX : 0);
}

/* The value of a sum that fits (see wide_fits), without converting a
 * word past INT64_MAX to int64_t (which C leaves to the implementation). */
static inline int64_t
wide_i64(struct wide a)
{
	return a.lo <= INT64_MAX ? (int64_t)a.lo : -(int64_t)~a.lo - 1;
}

/* Close to the value (two roundings), for percentages. */
static inline double
wide_double(struct wide a)
{
	struct wide n;

	if (!wide_negative(a))
		return (double)a.hi * 18446744073709551616.0 + (double)a.lo;
	n = wide_neg(a);
	if (wide_negative(n))
		return -170141183460469231731687303715884105728.0;	/* -2^127 */
	return -((double)n.hi * 18446744073709551616.0 + (double)n.lo);
}

#endif
