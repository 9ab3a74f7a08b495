/* The row just read, as text: the whole of it, and written back with cells
 * added or one cell replaced (fields are split in place, so a row's fields
 * are one run of text, TABs between them). */
#ifndef HFSNAP_ROW_H
#define HFSNAP_ROW_H

#include <stddef.h>
#include <stdint.h>

#include "tsv.h"

/* The row split into fs, from its first field to the end of its last.
 * Inline: asked of every row. */
static inline const char *
row_text(const struct fields *fs, size_t *len)
{
	const struct field *last = &fs->f[fs->n - 1];

	*len = (size_t)(last->p + last->len - fs->f[0].p);
	return fs->f[0].p;
}

/* Writes the row split into fs, a TAB and the n bytes of cells, and ends
 * the row. */
void write_row_plus(const struct fields *fs, const char *cells, size_t n);

/* Writes the text line[0..len) with its n bytes at off replaced by the
 * count v; the row is not ended. */
void write_replacing(const char *line, size_t len, size_t off, size_t n,
    uint64_t v);

#endif
