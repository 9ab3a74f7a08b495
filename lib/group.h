/* The grouping check of the per-model tools: all rows of a model together,
 * and within a model strictly ascending dates. */
#ifndef HFSNAP_GROUP_H
#define HFSNAP_GROUP_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "hash.h"
#include "mem.h"
#include "tsv.h"

struct grouping {
	struct bytes key;	/* the current model; key.set once started */
	bool ascending;		/* every change of model so far went up */
	day_t last;		/* last date seen for the current model */
	struct hashset seen;	/* hashes of the models already finished */
};

/* Takes the model and date of the row tsvin returned last.  Returns true
 * when the row starts another model: the caller then finishes the model
 * before and calls group_enter.  Dies with a located error when a date
 * does not increase within a model. */
bool group_is_new(struct grouping *g, const struct tsvin *in, const char *key,
    size_t n, day_t date);

/* Starts the next model; dies with a located error when it is one that was
 * seen before.  Models that were left are remembered by a 64-bit hash (8
 * bytes each), so memory grows by a few bytes per model, never per row.
 * While the models arrive in ascending byte order, as `LC_ALL=C sort`
 * leaves them, none can be coming back and the set is not consulted. */
void group_enter(struct grouping *g, const struct tsvin *in, const char *key,
    size_t n, day_t date);
void group_free(struct grouping *g);

#endif
