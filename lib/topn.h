/* The N best of a stream of items, kept as they come (a bucket's ten most
 * downloaded models, say): a heap of at most N item numbers with the worst
 * on top, so each item is taken or refused in O(log N) and memory stays N
 * however long the stream.
 *
 * The caller ranks items with above(a, b, ctx): true when item a ranks above
 * item b, a strict order (break ties, e.g. by name, for a stable choice).
 * Each kept item holds a slot, 0 .. N-1, which stays its own while it is
 * kept and passes to the item that pushes it out: per-item data (ram keeps a
 * model's daily curve) lives in the caller's array indexed by slot. */
#ifndef HFSNAP_TOPN_H
#define HFSNAP_TOPN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TOPN_REFUSED SIZE_MAX

typedef bool topn_above(size_t a, size_t b, void *ctx);

struct topn_entry {
	size_t item, slot;
};

struct topn {
	struct topn_entry *e;	/* the kept items: a heap until topn_rank */
	size_t n, cap;
	bool ranked;
};

/* Offers item to the best max (max >= 1): returns the slot it took (a new
 * one, numbered n - 1, while fewer than max are kept; else the slot of the
 * worst item, which it pushes out), or TOPN_REFUSED when max items rank
 * above it. */
size_t topn_offer(struct topn *t, size_t max, size_t item, topn_above *above,
    void *ctx);

/* Sorts the kept items best first: t->e[0] is the best.  Once ranked, it
 * stays so (ranking again does nothing); offer nothing after. */
void topn_rank(struct topn *t, topn_above *above, void *ctx);

void topn_free(struct topn *t);

#endif
