#include "groupby.h"

#include <stdlib.h>
#include <string.h>

void
groupby_init(struct groupby *gb, const size_t *cols, size_t ncols,
    const char *unknown)
{
	memset(gb, 0, sizeof *gb);
	gb->cols = cols;
	gb->ncols = ncols;
	gb->unknown = unknown;
	gb->unknown_len = strlen(unknown);
}

void
groupby_free(struct groupby *gb)
{
	bytes_free(&gb->row);
	intern_free(&gb->groups);
	memset(gb, 0, sizeof *gb);
}

const char *
groupby_key(struct groupby *gb, const struct fields *fs, size_t *len)
{
	struct bytes *row = &gb->row;
	size_t i, n = 0;

	for (i = 0; i < gb->ncols; i++) {
		const struct field *f = &fs->f[gb->cols[i]];
		const char *p = f->len ? f->p : gb->unknown;
		size_t plen = f->len ? f->len : gb->unknown_len;

		row->p = grow(row->p, &row->cap, n + plen + 1, 1);
		if (i > 0)
			row->p[n++] = '\t';
		memcpy(row->p + n, p, plen);
		n += plen;
	}
	*len = n;
	return row->p ? row->p : "";
}

size_t
groupby_intern(struct groupby *gb, const char *key, size_t len)
{
	return intern_put(&gb->groups, key, len, NULL);
}

const char *
groupby_name(const struct groupby *gb, size_t g, size_t *len)
{
	return intern_key(&gb->groups, g, len);
}

const char *
groupby_cell(const struct groupby *gb, size_t g, size_t j, size_t *len)
{
	size_t n;
	const char *p = intern_key(&gb->groups, g, &n), *end = p + n, *tab;

	/* Cells never hold a TAB: the j-th is after the j-th TAB. */
	for (; j > 0; j--)
		p = (const char *)memchr(p, '\t', (size_t)(end - p)) + 1;
	tab = memchr(p, '\t', (size_t)(end - p));
	*len = (size_t)((tab ? tab : end) - p);
	return p;
}

size_t *
groupby_order(const struct groupby *gb)
{
	return intern_order(&gb->groups);
}
