/* Sums per group and period: each group holds a run of cells over the
 * period indexes it has touched (see period_index in date.h), grown at
 * either end, each cell `width` exact sums (int128, lib/exact).  Memory
 * is groups x periods touched, never rows. */
#ifndef HFSNAP_PERIODSUMS_H
#define HFSNAP_PERIODSUMS_H

#include <stddef.h>

#include "exact.h"

struct periodcells {
	long base;		/* period index of the first cell */
	size_t n;		/* cells held */
	int128 *v;		/* n x width sums */
	int128 *total;		/* width sums over every period */
};

struct periodsums {
	size_t width;
	struct periodcells *g;
	size_t ng, cap;
};

void periodsums_init(struct periodsums *t, size_t width);
void periodsums_free(struct periodsums *t);

/* Adds amount to sum `which` of group g at period index k. */
void periodsums_add(struct periodsums *t, size_t g, long k, size_t which,
    int128 amount);

/* Sum `which` of group g at period index k: 0 where nothing was added. */
int128 periodsums_at(const struct periodsums *t, size_t g, long k,
    size_t which);

/* Sum `which` of group g over every period. */
int128 periodsums_total(const struct periodsums *t, size_t g,
    size_t which);

/* The cells group g has: none (0) until something is added to it. */
const struct periodcells *periodsums_cells(const struct periodsums *t,
    size_t g);

#endif
