#include "periodsums.h"

#include <stdlib.h>
#include <string.h>

#include "mem.h"

void
periodsums_init(struct periodsums *t, size_t width)
{
	memset(t, 0, sizeof *t);
	t->width = width;
}

void
periodsums_free(struct periodsums *t)
{
	size_t g;

	for (g = 0; g < t->ng; g++) {
		free(t->g[g].v);
		free(t->g[g].total);
	}
	free(t->g);
	memset(t, 0, sizeof *t);
}

/* Room in group g's cells for period index k: the run grows to at least
 * twice its length, toward k, with zeros. */
static struct periodcells *
reach(struct periodsums *t, size_t g, long k)
{
	struct periodcells *c;
	size_t w = t->width, more;

	if (g >= t->ng) {
		t->g = grow(t->g, &t->cap, g + 1, sizeof *t->g);
		t->ng = g + 1;
	}
	c = &t->g[g];
	if (!c->total)
		c->total = xcalloc(w, sizeof *c->total);
	if (c->n == 0) {
		c->base = k;
		more = 8;
	} else if (k < c->base) {
		more = (size_t)(c->base - k) + c->n;
	} else if (k >= c->base + (long)c->n) {
		more = (size_t)(k - c->base) + 1 > 2 * c->n ?
		    (size_t)(k - c->base) + 1 - c->n : c->n;
	} else {
		return c;
	}
	c->v = xrealloc(c->v, (c->n + more) * w * sizeof *c->v);
	memset(c->v + c->n * w, 0, more * w * sizeof *c->v);
	if (k < c->base) {
		memmove(c->v + more * w, c->v, c->n * w * sizeof *c->v);
		memset(c->v, 0, more * w * sizeof *c->v);
		c->base -= (long)more;
	}
	c->n += more;
	return c;
}

void
periodsums_add(struct periodsums *t, size_t g, long k, size_t which,
    int128 amount)
{
	struct periodcells *c = reach(t, g, k);

	c->v[(size_t)(k - c->base) * t->width + which] += amount;
	c->total[which] += amount;
}

int128
periodsums_total(const struct periodsums *t, size_t g, size_t which)
{
	const struct periodcells *c = periodsums_cells(t, g);

	return c->total ? c->total[which] : 0;
}

int128
periodsums_at(const struct periodsums *t, size_t g, long k, size_t which)
{
	const struct periodcells *c = periodsums_cells(t, g);

	if (c->n == 0 || k < c->base || k >= c->base + (long)c->n)
		return 0;
	return c->v[(size_t)(k - c->base) * t->width + which];
}

const struct periodcells *
periodsums_cells(const struct periodsums *t, size_t g)
{
	static const struct periodcells none;

	return g < t->ng ? &t->g[g] : &none;
}
