/* Sums per period and group written as rows: the period's label, the
 * group's cells, the values, then the shares.  Series and event mode of
 * cummulate write through this one loop. */
#ifndef HFSNAP_PERIODROWS_H
#define HFSNAP_PERIODROWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "exact.h"
#include "groupby.h"
#include "hash.h"
#include "tsv.h"

/* An output column's name: `before`, the name of input column col (none
 * when col is NO_COLUMN), then `after`. */
struct colname {
	const char *before;
	size_t col;
	const char *after;
};

#define NO_COLUMN SIZE_MAX

/* The header, when the input has one: "#period", the group columns'
 * names, then names[]. */
void periodrows_header(const struct tsvin *in, const size_t *gcols,
    size_t ngcols, const struct colname *names, size_t nnames);

struct periodrows {
	const struct groupby *gb;
	size_t *order;		/* groups in byte order of their keys */
	size_t nvals;		/* values per row */
	bool share;		/* a share of the period's total */
	bool share_by;		/* a share of the total of the group's part */
	size_t *part;		/* each group's part: its share-by cell */
	int128 *part_total;
	struct intern parts;
	/* Filled by the caller for each period, per group g: */
	int64_t *vals;		/* vals[g * nvals + i] */
	bool *have;		/* false: an empty cell */
	int128 *of;		/* what its shares are of */
};

/* After every group is known.  by is the share-by column's place among
 * the group columns, or NO_COLUMN. */
void periodrows_init(struct periodrows *w, const struct groupby *gb,
    size_t nvals, bool share, size_t by);
/* Writes the period's rows, one per group, labelled by day. */
void periodrows_write(struct periodrows *w, day_t label);
void periodrows_free(struct periodrows *w);

#endif
