#include "hash.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"

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

static void
strmap_grow(struct strmap *m)
{
	struct strmap_slot *old = m->slots;
	size_t oldcap = m->cap, i;

	m->cap = oldcap ? oldcap * 2 : 64;
	m->slots = xcalloc(m->cap, sizeof *m->slots);
	for (i = 0; i < oldcap; i++) {
		size_t j;

		if (!old[i].hash)
			continue;
		for (j = old[i].hash & (m->cap - 1); m->slots[j].hash;
		    j = (j + 1) & (m->cap - 1))
			;
		m->slots[j] = old[i];
	}
	free(old);
}

static struct strmap_slot *
strmap_find(const struct strmap *m, const char *key, size_t n, uint64_t h)
{
	size_t j;

	if (!m->cap)
		return NULL;
	for (j = h & (m->cap - 1); m->slots[j].hash; j = (j + 1) & (m->cap - 1)) {
		struct strmap_slot *s = &m->slots[j];

		if (s->hash == h && s->len == n &&
		    (n == 0 || memcmp(m->keys + s->off, key, n) == 0))
			return s;
	}
	return &m->slots[j];
}

uint32_t *
strmap_get(const struct strmap *m, const char *key, size_t n)
{
	struct strmap_slot *s = strmap_find(m, key, n, hash_bytes(key, n));

	return s && s->hash ? &s->value : NULL;
}

uint32_t *
strmap_put(struct strmap *m, const char *key, size_t n, bool *added)
{
	uint64_t h = hash_bytes(key, n);
	struct strmap_slot *s;

	if (2 * (m->n + 1) > m->cap)
		strmap_grow(m);
	s = strmap_find(m, key, n, h);
	*added = !s->hash;
	if (s->hash)
		return &s->value;
	if (m->keys_cap - m->keys_len < n) {
		while (m->keys_cap - m->keys_len < n)
			m->keys_cap = m->keys_cap ? m->keys_cap * 2 : 4096;
		m->keys = xrealloc(m->keys, m->keys_cap);
	}
	if (n > 0)
		memcpy(m->keys + m->keys_len, key, n);
	s->hash = h;
	s->off = (uint32_t)m->keys_len;
	s->len = (uint32_t)n;
	s->value = 0;
	m->keys_len += n;
	m->n++;
	return &s->value;
}

void
strmap_free(struct strmap *m)
{
	free(m->slots);
	free(m->keys);
	memset(m, 0, sizeof *m);
}

bool
hashset_add(struct hashset *s, uint64_t h)
{
	size_t j;

	if (!h)
		h = 1;
	if (2 * (s->n + 1) > s->cap) {
		uint64_t *old = s->v;
		size_t oldcap = s->cap, i;

		s->cap = oldcap ? oldcap * 2 : 1024;
		s->v = xcalloc(s->cap, sizeof *s->v);
		for (i = 0; i < oldcap; i++) {
			if (!old[i])
				continue;
			for (j = old[i] & (s->cap - 1); s->v[j];
			    j = (j + 1) & (s->cap - 1))
				;
			s->v[j] = old[i];
		}
		free(old);
	}
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
