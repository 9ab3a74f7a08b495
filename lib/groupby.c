#include "groupby.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"

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
	free(gb->row);
	free(gb->off);
	free(gb->len);
	free(gb->keys);
	strmap_free(&gb->index);
	memset(gb, 0, sizeof *gb);
}

const char *
groupby_key(struct groupby *gb, const struct fields *fs, size_t *len)
{
	size_t i, n = 0;

	for (i = 0; i < gb->ncols; i++) {
		const struct field *f = &fs->f[gb->cols[i]];
		const char *p = f->len ? f->p : gb->unknown;
		size_t plen = f->len ? f->len : gb->unknown_len;

		if (gb->row_cap < n + plen + 1) {
			gb->row_cap = 2 * (n + plen + 1) + 64;
			gb->row = xrealloc(gb->row, gb->row_cap);
		}
		if (i > 0)
			gb->row[n++] = '\t';
		memcpy(gb->row + n, p, plen);
		n += plen;
	}
	*len = n;
	return gb->row ? gb->row : "";
}

size_t
groupby_intern(struct groupby *gb, const char *key, size_t len)
{
	bool added;
	uint32_t *slot = strmap_put(&gb->index, key, len, &added);

	if (!added)
		return *slot;
	if (gb->n == gb->cap) {
		gb->cap = gb->cap ? 2 * gb->cap : 16;
		gb->off = xrealloc(gb->off, gb->cap * sizeof *gb->off);
		gb->len = xrealloc(gb->len, gb->cap * sizeof *gb->len);
	}
	if (gb->keys_cap - gb->keys_len < len + 1) {
		gb->keys_cap = 2 * (gb->keys_len + len + 1) + 1024;
		gb->keys = xrealloc(gb->keys, gb->keys_cap);
	}
	memcpy(gb->keys + gb->keys_len, key, len);
	gb->off[gb->n] = gb->keys_len;
	gb->len[gb->n] = len;
	gb->keys_len += len;
	*slot = (uint32_t)gb->n;
	return gb->n++;
}

const char *
groupby_name(const struct groupby *gb, size_t g, size_t *len)
{
	*len = gb->len[g];
	return gb->keys + gb->off[g];
}

const char *
groupby_cell(const struct groupby *gb, size_t g, size_t j, size_t *len)
{
	const char *p = gb->keys + gb->off[g], *end = p + gb->len[g], *tab;

	/* Cells never hold a TAB: the j-th is after the j-th TAB. */
	for (; j > 0; j--)
		p = (const char *)memchr(p, '\t', (size_t)(end - p)) + 1;
	tab = memchr(p, '\t', (size_t)(end - p));
	*len = (size_t)((tab ? tab : end) - p);
	return p;
}

static const struct groupby *sorting;

static int
by_key(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	size_t xn = sorting->len[x], yn = sorting->len[y];
	int c = memcmp(sorting->keys + sorting->off[x],
	    sorting->keys + sorting->off[y], xn < yn ? xn : yn);

	return c ? c : (xn > yn) - (xn < yn);
}

size_t *
groupby_order(const struct groupby *gb)
{
	size_t *order = xrealloc(NULL, (gb->n ? gb->n : 1) * sizeof *order);
	size_t i;

	for (i = 0; i < gb->n; i++)
		order[i] = i;
	sorting = gb;
	qsort(order, gb->n, sizeof *order, by_key);
	return order;
}
