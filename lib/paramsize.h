/* Model sizes in billions of parameters, exactly: read from a decimal, a
 * raw parameter count or a model's name, placed among bucket edges, and
 * written (bucketize).
 *
 * Nothing passes through floating point: a size is kept as its decimal
 * digits, as much of them as bucketing and printing need, the integer
 * part and the first PARAMSIZE_DECIMALS decimals.  Ten are enough because
 * every edge has at most nine decimals: a value whose first nine decimals
 * equal an edge's is at or above it, whatever follows; the tenth rounds
 * the ninth. */
#ifndef HFSNAP_PARAMSIZE_H
#define HFSNAP_PARAMSIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
	PARAMSIZE_MAX_WHOLE = 320,	/* integer digits: 10^309 is past
					   any decimal parse_decimal takes */
	PARAMSIZE_DECIMALS = 10,	/* nine to print, one to round */
	/* Room for any size paramsize_format writes. */
	PARAMSIZE_TEXT_MAX = PARAMSIZE_MAX_WHOLE + 2 + PARAMSIZE_DECIMALS
};

/* A size of 0 or more, in billions. */
struct paramsize {
	char whole[PARAMSIZE_MAX_WHOLE + 1];	/* digits, no leading zero;
						   "" is 0 */
	size_t nwhole;
	char frac[PARAMSIZE_DECIMALS];		/* decimals 1 to 10, '0'
						   padded */
	bool nonzero;			/* some digit, anywhere, is not 0 */
	bool tail;			/* a digit past decimal 10 is not 0 */
};

/* A size in billions written as a decimal (an override table, --billions,
 * --edges): true when s[0..n) is one that parse_decimal takes and is not
 * negative (nor too large to write out). */
bool paramsize_parse(const char *s, size_t n, struct paramsize *d);

/* A raw parameter count, in billions: its point moved nine places. */
void paramsize_of_count(uint64_t count, struct paramsize *d);

/* The size a model id's name part (after the last '/') gives, following
 * the tracked-models registry (metadata/model_sizes.py): a B token (8B,
 * 0.5B: digits, optionally a point and at least one digit, at most 63
 * characters, set off by '-' or '_'), else, only then, an M token for
 * millions.  A token inside the name first, then at its end, then at its
 * start; the leftmost of each.  T (training tokens) is never read.  False
 * when there is no such token. */
bool paramsize_from_name(const char *id, size_t n, struct paramsize *d);

/* Negative, zero or positive as a is below, equal to or above b, looking
 * at the integer part and ten decimals only. */
int paramsize_cmp(const struct paramsize *a, const struct paramsize *b);

/* True when d has a decimal past the ninth that is not 0: no edge may. */
bool paramsize_past_nine(const struct paramsize *d);

/* The index of the bucket of d among the ascending upper edges
 * edges[0..n): the first whose edge is above it, n above them all. */
size_t paramsize_bucket(const struct paramsize *edges, size_t n,
    const struct paramsize *d);

/* Writes d into buf (PARAMSIZE_TEXT_MAX bytes, not NUL-terminated) and
 * returns the length: to nine decimals, rounded half up, trailing zeros
 * dropped.  Where rounding up would carry it to `edge`, the upper edge of
 * its bucket (NULL: none), it is cut at nine decimals instead
 * (4.9999999999 to 4.999999999, not 5), so a size always lies in the
 * bucket written beside it. */
size_t paramsize_format(const struct paramsize *d,
    const struct paramsize *edge, char *buf);

#endif
