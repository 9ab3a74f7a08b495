#include "topn.h"

#include <stdlib.h>

#include "mem.h"

/* The heap keeps the worst item at e[0]: no parent ranks above a child. */
static void
sift_down(struct topn_entry *e, size_t n, size_t i, topn_above *above,
    void *ctx)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, w = i;
		struct topn_entry x;

		if (l < n && above(e[w].item, e[l].item, ctx))
			w = l;
		if (r < n && above(e[w].item, e[r].item, ctx))
			w = r;
		if (w == i)
			return;
		x = e[i], e[i] = e[w], e[w] = x;
		i = w;
	}
}

size_t
topn_offer(struct topn *t, size_t max, size_t item, topn_above *above,
    void *ctx)
{
	size_t j, slot;

	if (t->n < max) {
		t->e = grow(t->e, &t->cap, t->n + 1, sizeof *t->e);
		slot = t->n;
		for (j = t->n++; j > 0 && above(t->e[(j - 1) / 2].item, item,
		    ctx); j = (j - 1) / 2)
			t->e[j] = t->e[(j - 1) / 2];
		t->e[j].item = item;
		t->e[j].slot = slot;
		return slot;
	}
	if (t->n == 0 || !above(item, t->e[0].item, ctx))
		return TOPN_REFUSED;
	slot = t->e[0].slot;
	t->e[0].item = item;
	sift_down(t->e, t->n, 0, above, ctx);
	return slot;
}

void
topn_rank(struct topn *t, topn_above *above, void *ctx)
{
	size_t n;

	if (t->ranked)
		return;
	t->ranked = true;
	/* Heapsort: the worst goes to the end, then the worst of the rest
	 * before it, which leaves the best first. */
	for (n = t->n; n > 1; n--) {
		struct topn_entry x = t->e[0];

		t->e[0] = t->e[n - 1];
		t->e[n - 1] = x;
		sift_down(t->e, n - 1, 0, above, ctx);
	}
}

void
topn_free(struct topn *t)
{
	free(t->e);
	t->e = NULL;
	t->n = t->cap = 0;
	t->ranked = false;
}
