/* Unit tests of lib/topn: the N best of a stream.  Expected values are
 * worked out by hand in the comments. */
#include <stdlib.h>

#include "topn.h"
#include "unit.h"

static const int value[] = { 5, 9, 1, 7, 9, 3 };

/* Higher value first; ties by lower item number. */
static bool
above(size_t a, size_t b, void *ctx)
{
	(void)ctx;
	if (value[a] != value[b])
		return value[a] > value[b];
	return a < b;
}

int
main(void)
{
	struct topn t = { 0 };
	size_t i;

	/* Best 3 of 5, 9, 1, 7, 9, 3 (items 0..5), as they come. */
	CHECK(topn_offer(&t, 3, 0, above, NULL) == 0, "item 0 takes slot 0");
	CHECK(topn_offer(&t, 3, 1, above, NULL) == 1, "item 1 takes slot 1");
	CHECK(topn_offer(&t, 3, 2, above, NULL) == 2, "item 2 takes slot 2");
	/* Full: 7 beats the worst, item 2 (1), and takes its slot 2. */
	CHECK(topn_offer(&t, 3, 3, above, NULL) == 2,
	    "item 3 pushes out item 2 and takes slot 2");
	/* 9 ties item 1 (which ranks above it, the lower number) but beats
	 * the worst, item 0 (5): slot 0. */
	CHECK(topn_offer(&t, 3, 4, above, NULL) == 0,
	    "item 4 pushes out item 0 and takes slot 0");
	/* 3 is below the worst kept, item 3 (7). */
	CHECK(topn_offer(&t, 3, 5, above, NULL) == TOPN_REFUSED,
	    "item 5 is refused");
	CHECK(t.n == 3, "three kept");
	topn_rank(&t, above, NULL);
	CHECK(t.e[0].item == 1 && t.e[1].item == 4 && t.e[2].item == 3,
	    "ranked best first: 9 (item 1), 9 (item 4), 7 (item 3)");
	CHECK(t.e[0].slot == 1 && t.e[1].slot == 0 && t.e[2].slot == 2,
	    "each kept item keeps its slot");
	topn_rank(&t, above, NULL);
	CHECK(t.e[0].item == 1 && t.e[1].item == 4 && t.e[2].item == 3,
	    "ranking again changes nothing");
	topn_free(&t);

	/* The best 1 of the same: item 1; a tie later does not displace it. */
	for (i = 0; i < 6; i++)
		topn_offer(&t, 1, i, above, NULL);
	topn_rank(&t, above, NULL);
	CHECK(t.n == 1 && t.e[0].item == 1 && t.e[0].slot == 0,
	    "the best one is item 1, in slot 0");
	topn_free(&t);

	/* Fewer than max: all kept, ranked. */
	topn_offer(&t, 10, 2, above, NULL);
	topn_offer(&t, 10, 3, above, NULL);
	topn_offer(&t, 10, 0, above, NULL);
	topn_rank(&t, above, NULL);
	CHECK(t.n == 3 && t.e[0].item == 3 && t.e[1].item == 0 &&
	    t.e[2].item == 2, "fewer than max: 7, 5, 1");
	topn_free(&t);
	return unit_done();
}
