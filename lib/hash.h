/* Hash tables for the lookup tables and the grouping check. */
#ifndef HFSNAP_HASH_H
#define HFSNAP_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

uint64_t hash_bytes(const void *p, size_t n);

/* Byte-string keys to 32-bit values (an index into the caller's array).
 * Keys are copied into one arena; open addressing, linear probing. */
struct strmap_slot {
	uint64_t hash;		/* 0 marks an empty slot */
	uint32_t off, len;
	uint32_t value;
};

struct strmap {
	struct strmap_slot *slots;
	size_t cap, n;
	char *keys;
	size_t keys_len, keys_cap;
};

/* The value slot for key, inserted (value 0, *added = true) if absent. */
uint32_t *strmap_put(struct strmap *m, const char *key, size_t n, bool *added);
/* The value slot for key, or NULL. */
uint32_t *strmap_get(const struct strmap *m, const char *key, size_t n);
void strmap_free(struct strmap *m);

/* A set of 64-bit hashes: 8 bytes a member at most half full. */
struct hashset {
	uint64_t *v;
	size_t cap, n;
};

/* Adds h; returns false when it was already there. */
bool hashset_add(struct hashset *s, uint64_t h);
void hashset_free(struct hashset *s);

#endif
