/* Cumulative counts as step functions of period boundaries, summed per
 * group (cummulate's series mode).
 *
 * Boundary k is the first day of period k (period_day in date.h).  A
 * model's value at boundary k is its last count dated before that day,
 * carried over gaps, 0 before its first: one step per period it was
 * observed in.  With a start (--from DATE) the value is that count minus
 * the model's last count dated before DATE, and is 0 at boundaries not
 * after DATE.
 *
 * Per group and boundary two sums are kept, as changes: CHANGE, how much
 * the group's cumulative total moves at the boundary, and BASE, the first
 * counts of models whose first count is not downloads of its period (a
 * lifetime brought in when the data first see a model).  The cumulative
 * total at k is the sum of CHANGE up to k; the period's downloads are
 * CHANGE(k) - BASE(k).  Sums are exact (int128, lib/exact); when a group's models
 * could take one past 64 bits, its sums are watched after each model, and
 * the row that took each out of range is remembered, so that a total found
 * out of range when it is written can be reported at that row. */
#ifndef HFSNAP_STEPS_H
#define HFSNAP_STEPS_H

#include <stdbool.h>
#include <stdint.h>

#include "date.h"
#include "periodsums.h"

enum { STEP_CHANGE, STEP_BASE };

/* Where a row is, for messages. */
struct rowloc {
	const char *file;	/* NULL: nowhere */
	long long line;
};

struct step {
	long k;			/* the boundary after the observation */
	uint64_t value;		/* the last count before boundary k */
	struct rowloc at;	/* that count's row */
};

/* One model's observations, in date order. */
struct model_steps {
	struct step *s;
	size_t n, cap;
	uint64_t first;		/* the first count */
	day_t first_day;
	bool before;		/* a count dated before the start was seen */
	uint64_t before_value;	/* the last such count */
};

/* One group's watch: where its sums left the int64 range. */
struct watch {
	uint64_t bound;		/* the sum over its models of every change
				   they make, saturating: while at most
				   2^63-1 no sum of the group can leave */
	long base;
	size_t n;
	struct rowloc *cum, *per;	/* per cell, or NULL */
};

struct stepsums {
	struct periodsums sums;	/* width 2: STEP_CHANGE, STEP_BASE */
	struct watch *w;	/* per group */
	size_t nw;
	day_t start;		/* --from, or the first day there is */
	long start_k;		/* first boundary after the start */
};

void stepsums_init(struct stepsums *t, bool has_start, day_t start,
    enum period p);
void stepsums_free(struct stepsums *t);

/* Records a count dated day, in period p, read at `at`. */
void steps_observe(struct model_steps *m, const struct stepsums *t,
    day_t day, enum period p, uint64_t value, struct rowloc at);

/* Adds a model's steps to group g and empties m for the next model.
 * first_is_base: its first count is a base, not downloads of its period
 * (ignored when the model had a count before the start, which is already
 * taken off). */
void stepsums_add(struct stepsums *t, size_t g, struct model_steps *m,
    bool first_is_base);

/* The row that took group g's cumulative total (per = false) or period
 * sum (per = true) at boundary k out of the int64 range, as far as the
 * watch knows: file NULL when no row did. */
struct rowloc stepsums_culprit(const struct stepsums *t, size_t g, long k,
    bool per);

void model_steps_free(struct model_steps *m);

#endif
