/* Hashing byte strings: the numbering of distinct keys (group names, table
 * keys, bucket names) and the set of models already seen. */
#ifndef HFSNAP_HASH_H
#define HFSNAP_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mem.h"

/* A 64-bit hash of n bytes, never 0. */
uint64_t hash_bytes(const void *p, size_t n);

/* Both tables below are open addressing with linear probing over a
 * power-of-two array of hashes (0: an empty slot), at most half full. */

/* Byte strings numbered 0, 1, 2 ... in the order first put, so that a
 * number indexes the caller's arrays of what it knows of each.  Keys are
 * copied into one arena. */
struct intern_key {
	size_t off, len;	/* in text */
};

struct intern {
	uint64_t *hash;		/* by slot */
	size_t *id;		/* by slot: the number of its key */
	size_t cap;
	struct intern_key *keys;	/* by number */
	size_t n, keys_cap;
	struct text text;
};

#define INTERN_NONE SIZE_MAX

/* The number of key, given the next one when it is new (then *added is
 * true, when added is not NULL). */
size_t intern_put(struct intern *t, const char *key, size_t n, bool *added);
/* The number of key, or INTERN_NONE. */
size_t intern_get(const struct intern *t, const char *key, size_t n);
/* The key numbered id. */
const char *intern_key(const struct intern *t, size_t id, size_t *n);
/* The numbers in byte order of their keys, as LC_ALL=C sort orders them
 * (malloc'd; the caller frees it). */
size_t *intern_order(const struct intern *t);
void intern_free(struct intern *t);

/* A set of 64-bit hashes: 8 bytes a slot, two slots or more a member. */
struct hashset {
	uint64_t *v;
	size_t cap, n;
};

/* Adds h; returns false when it was already there. */
bool hashset_add(struct hashset *s, uint64_t h);
void hashset_free(struct hashset *s);

#endif
