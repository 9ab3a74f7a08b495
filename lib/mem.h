/* Memory: allocation that ends the program instead of failing, arrays that
 * grow by doubling, byte strings (an arena of them, a kept copy of one) and
 * the one comparison of byte strings. */
#ifndef HFSNAP_MEM_H
#define HFSNAP_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* realloc and calloc that end the program ("out of memory", status 1)
 * instead of returning NULL. */
void *xrealloc(void *p, size_t n);
void *xcalloc(size_t n, size_t size);

/* Room for at least `need` items of `size` bytes in the array p, which has
 * room for *cap: the room at least doubles (from 16 items), so appending n
 * items one by one costs O(n), and what it adds is zeroed, so arrays
 * indexed by a number start out 0.  Returns the array, *cap updated.  The
 * test is inline: a row loop may ask for room on every row. */
void *grow_array(void *p, size_t *cap, size_t need, size_t size);

static inline void *
grow(void *p, size_t *cap, size_t need, size_t size)
{
	return need <= *cap ? p : grow_array(p, cap, need, size);
}

/* Byte strings appended one after another into one block, each found again
 * by its offset (the block moves as it grows, so keep offsets, not
 * pointers). */
struct text {
	char *p;
	size_t len, cap;
};

/* Appends s[0..n) and returns its offset.  Room for one byte more is
 * kept: the block exists once anything, even nothing, was added, so an
 * offset into it is always a pointer into it.  Inline: a row loop may add
 * every row. */
static inline size_t
text_add(struct text *t, const char *s, size_t n)
{
	size_t off = t->len;

	t->p = grow(t->p, &t->cap, t->len + n + 1, 1);
	if (n > 0)
		memcpy(t->p + off, s, n);
	t->len += n;
	return off;
}

void text_free(struct text *t);

/* A copy of a byte string kept from one row to the next: the key of the
 * run of rows being read, say. */
struct bytes {
	char *p;
	size_t len, cap;
	bool set;		/* false until the first bytes_set */
};

/* True when b is set and holds exactly s[0..n).  Inline: asked of every
 * row. */
static inline bool
bytes_equal(const struct bytes *b, const char *s, size_t n)
{
	return b->set && b->len == n && (n == 0 || memcmp(b->p, s, n) == 0);
}

void bytes_set(struct bytes *b, const char *s, size_t n);
void bytes_free(struct bytes *b);

/* -1, 0 or 1 as a[0..an) sorts before, with or after b[0..bn) in byte
 * order (as LC_ALL=C sort orders lines): a prefix sorts first. */
int bytes_cmp(const char *a, size_t an, const char *b, size_t bn);

#endif
