#include "hash.h"

#include <stdlib.h>
#include <string.h>

/* FNV-1a with a final avalanche (from splitmix64) so that the low bits used
 * for the slot index depend on every byte. */
uint64_t
hash_bytes(const void *p, size_t n)
{
	const unsigned char *b = p;
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= b[i];
		h *= 0x100000001b3ULL;
	}
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	h ^= h >> 31;
	return h ? h : 1;
}

/* Twice the slots (`first` slots when there are none), every hash moved
 * to its place among them, with its number when the table keeps numbers
 * (id not NULL). */
static void
rehash(uint64_t **hash, size_t **id, size_t *cap, size_t first)
{
	uint64_t *old = *hash;
	size_t *old_id = id ? *id : NULL, oldcap = *cap, i, j;

	*cap = oldcap ? 2 * oldcap : first;
	*hash = xcalloc(*cap, sizeof **hash);
	if (id)
		*id = xcalloc(*cap, sizeof **id);
	for (i = 0; i < oldcap; i++) {
		if (!old[i])
			continue;
		for (j = old[i] & (*cap - 1); (*hash)[j]; j = (j + 1) & (*cap - 1))
			;
		(*hash)[j] = old[i];
		if (id)
			(*id)[j] = old_id[i];
	}
	free(old);
	free(old_id);
}

/* The slot of key (hash h), or the empty slot where it would go. */
static size_t
find(const struct intern *t, const char *key, size_t n, uint64_t h)
{
	size_t j;

	for (j = h & (t->cap - 1); t->hash[j]; j = (j + 1) & (t->cap - 1)) {
		const struct intern_key *k = &t->keys[t->id[j]];

		if (t->hash[j] == h && k->len == n &&
		    (n == 0 || memcmp(t->text.p + k->off, key, n) == 0))
			break;
	}
	return j;
}

size_t
intern_put(struct intern *t, const char *key, size_t n, bool *added)
{
	uint64_t h = hash_bytes(key, n);
	size_t j;

	if (2 * (t->n + 1) > t->cap)
		rehash(&t->hash, &t->id, &t->cap, 64);
	j = find(t, key, n, h);
	if (added)
		*added = !t->hash[j];
	if (t->hash[j])
		return t->id[j];
	t->keys = grow(t->keys, &t->keys_cap, t->n + 1, sizeof *t->keys);
	t->keys[t->n].off = text_add(&t->text, key, n);
	t->keys[t->n].len = n;
	t->hash[j] = h;
	t->id[j] = t->n;
	return t->n++;
}

size_t
intern_get(const struct intern *t, const char *key, size_t n)
{
	size_t j;

	if (t->n == 0)
		return INTERN_NONE;
	j = find(t, key, n, hash_bytes(key, n));
	return t->hash[j] ? t->id[j] : INTERN_NONE;
}

const char *
intern_key(const struct intern *t, size_t id, size_t *n)
{
	*n = t->keys[id].len;
	return t->text.p + t->keys[id].off;
}

static const struct intern *sorting;

static int
by_key(const void *a, const void *b)
{
	const struct intern_key *x = &sorting->keys[*(const size_t *)a];
	const struct intern_key *y = &sorting->keys[*(const size_t *)b];

	return bytes_cmp(sorting->text.p + x->off, x->len,
	    sorting->text.p + y->off, y->len);
}

size_t *
intern_order(const struct intern *t)
{
	size_t *order = xcalloc(t->n, sizeof *order), i;

	for (i = 0; i < t->n; i++)
		order[i] = i;
	sorting = t;
	qsort(order, t->n, sizeof *order, by_key);
	return order;
}

void
intern_free(struct intern *t)
{
	free(t->hash);
	free(t->id);
	free(t->keys);
	text_free(&t->text);
	memset(t, 0, sizeof *t);
}

bool
hashset_add(struct hashset *s, uint64_t h)
{
	size_t j;

	if (!h)
		h = 1;
	if (2 * (s->n + 1) > s->cap)
		rehash(&s->v, NULL, &s->cap, 1024);
	for (j = h & (s->cap - 1); s->v[j]; j = (j + 1) & (s->cap - 1))
		if (s->v[j] == h)
			return false;
	s->v[j] = h;
	s->n++;
	return true;
}

void
hashset_free(struct hashset *s)
{
	free(s->v);
	memset(s, 0, sizeof *s);
}
