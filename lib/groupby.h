/* Groups of rows by the cells of some columns (-g), numbered as first seen.
 *
 * A group's key is its cells joined by TAB, as it is written out; an empty
 * cell is written as an explicit label (--unknown, "unknown" by default), so
 * no group is ever blank.  Memory holds one copy of each distinct key. */
#ifndef HFSNAP_GROUPBY_H
#define HFSNAP_GROUPBY_H

#include <stddef.h>

#include "hash.h"
#include "tsv.h"

struct groupby {
	const size_t *cols;	/* 0-based group columns */
	size_t ncols;
	const char *unknown;	/* label of an empty cell */
	size_t unknown_len;
	struct bytes row;	/* the key of the row last given to groupby_key */
	struct intern groups;	/* key -> group number */
};

void groupby_init(struct groupby *gb, const size_t *cols, size_t ncols,
    const char *unknown);
void groupby_free(struct groupby *gb);

/* How many groups there are: they are numbered from 0. */
static inline size_t
groupby_count(const struct groupby *gb)
{
	return gb->groups.n;
}

/* The key of a row; it stays valid until the next call. */
const char *groupby_key(struct groupby *gb, const struct fields *fs,
    size_t *len);

/* The number of the group with this key, added when new. */
size_t groupby_intern(struct groupby *gb, const char *key, size_t len);

/* Group g's key, and its cell number j (0-based) alone. */
const char *groupby_name(const struct groupby *gb, size_t g, size_t *len);
const char *groupby_cell(const struct groupby *gb, size_t g, size_t j,
    size_t *len);

/* The group numbers in byte order of their keys, as LC_ALL=C sort orders
 * them (malloc'd; the caller frees it). */
size_t *groupby_order(const struct groupby *gb);

#endif
