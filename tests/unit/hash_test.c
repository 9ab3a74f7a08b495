/* Unit tests of lib/hash and lib/mem: the hash, the numbering of keys, the
 * set of hashes, growing arrays, byte strings and their order.  Expected
 * hashes were worked out with a few lines of Python doing the same
 * arithmetic (FNV-1a, then splitmix64's mixer). */
#include <stdint.h>
#include <stdlib.h>

#include "hash.h"
#include "mem.h"
#include "unit.h"

static void
test_hash(void)
{
	CHECK(hash_bytes("", 0) == 0xf52a15e9a9b5e89bULL, "hash of nothing");
	CHECK(hash_bytes("a", 1) == 0x02c0bdbf481420f8ULL, "hash of 'a'");
	CHECK(hash_bytes("Qwen/Qwen3-8B", 13) == 0x87e020cf16364d23ULL,
	    "hash of a model id");
	CHECK(hash_bytes("ab", 1) == hash_bytes("a", 1),
	    "only the given length is hashed");
}

static void
test_intern(void)
{
	struct intern t = { 0 };
	bool added = false;
	size_t n, i, *order;
	const char *k;
	char key[32];
	int ok = 1;

	CHECK(intern_get(&t, "x", 1) == INTERN_NONE, "nothing in an empty table");
	CHECK(intern_put(&t, "us", 2, &added) == 0 && added, "us is number 0");
	CHECK(intern_put(&t, "china", 5, &added) == 1 && added,
	    "china is number 1");
	CHECK(intern_put(&t, "us", 2, &added) == 0 && !added,
	    "us again: number 0, not added");
	CHECK(intern_put(&t, "", 0, &added) == 2 && added,
	    "the empty key is a key like any other");
	CHECK(intern_put(&t, "u", 1, NULL) == 3, "a prefix is another key");
	CHECK(intern_get(&t, "china", 5) == 1 && intern_get(&t, "", 0) == 2 &&
	    intern_get(&t, "chin", 4) == INTERN_NONE,
	    "get finds keys, not prefixes");
	k = intern_key(&t, 1, &n);
	CHECK(n == 5 && memcmp(k, "china", 5) == 0, "the key of number 1");
	order = intern_order(&t);
	/* "" < "china" < "u" < "us" */
	CHECK(order[0] == 2 && order[1] == 1 && order[2] == 3 && order[3] == 0,
	    "numbers in byte order of their keys");
	free(order);
	/* Many keys: the table grows (64 slots, then 128 ...) and keeps
	 * every number. */
	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "key%zu", i);
		if (intern_put(&t, key, strlen(key), &added) != i + 4 || !added)
			ok = 0;
	}
	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "key%zu", i);
		k = intern_key(&t, i + 4, &n);
		if (intern_get(&t, key, strlen(key)) != i + 4 ||
		    n != strlen(key) || memcmp(k, key, n) != 0)
			ok = 0;
	}
	CHECK(ok && t.n == 5004, "5000 keys more, each found by its number");
	intern_free(&t);
	CHECK(t.n == 0 && intern_get(&t, "us", 2) == INTERN_NONE,
	    "freed, the table is empty again");
}

static void
test_hashset(void)
{
	struct hashset s = { 0 };
	uint64_t i;
	int ok = 1;

	CHECK(hashset_add(&s, 42), "42 is new");
	CHECK(!hashset_add(&s, 42), "42 again is not");
	CHECK(hashset_add(&s, 1) && !hashset_add(&s, 0),
	    "0 is taken as 1 (0 marks an empty slot)");
	for (i = 100; i < 3100; i++)
		if (!hashset_add(&s, i * 0x9e3779b97f4a7c15ULL))
			ok = 0;
	for (i = 100; i < 3100; i++)
		if (hashset_add(&s, i * 0x9e3779b97f4a7c15ULL))
			ok = 0;
	CHECK(ok && s.n == 3002, "3000 more through two doublings");
	hashset_free(&s);
}

static void
test_mem(void)
{
	int *v = NULL;
	size_t cap = 0, i;
	int zero = 1;
	struct text t = { 0 };
	struct bytes b = { 0 };
	size_t a, c;

	v = grow(v, &cap, 1, sizeof *v);
	CHECK(cap == 16, "room for 16 items at first");
	v[15] = 7;
	v = grow(v, &cap, 16, sizeof *v);
	CHECK(cap == 16 && v[15] == 7, "no growth while there is room");
	v = grow(v, &cap, 17, sizeof *v);
	CHECK(cap == 32 && v[15] == 7, "twice the room when more is needed");
	for (i = 16; i < 32; i++)
		zero &= v[i] == 0;
	CHECK(zero, "the new room is zeroed");
	v = grow(v, &cap, 1000, sizeof *v);
	CHECK(cap == 1024, "doubled as often as needed");
	free(v);

	a = text_add(&t, "hello", 5);
	c = text_add(&t, "", 0);
	c = text_add(&t, "world", 5);
	CHECK(a == 0 && c == 5 && t.len == 10 &&
	    memcmp(t.p, "helloworld", 10) == 0, "text added end to end");
	text_free(&t);

	CHECK(!bytes_equal(&b, "", 0), "an unset copy equals nothing, not even ''");
	bytes_set(&b, "", 0);
	CHECK(bytes_equal(&b, "", 0) && !bytes_equal(&b, "a", 1),
	    "set to '', it equals ''");
	bytes_set(&b, "model", 5);
	CHECK(bytes_equal(&b, "model", 5) && !bytes_equal(&b, "mode", 4) &&
	    !bytes_equal(&b, "modem", 5), "set to 'model'");
	bytes_free(&b);

	CHECK(bytes_cmp("ab", 2, "ab", 2) == 0, "equal strings");
	CHECK(bytes_cmp("a", 1, "ab", 2) < 0 && bytes_cmp("ab", 2, "a", 1) > 0,
	    "a prefix sorts first");
	CHECK(bytes_cmp("b", 1, "ab", 2) > 0 && bytes_cmp("ab", 2, "b", 1) < 0,
	    "the first byte that differs decides, before the length");
	CHECK(bytes_cmp("", 0, "", 0) == 0 && bytes_cmp("", 0, "a", 1) < 0,
	    "empty strings");
	CHECK(bytes_cmp("\xc3", 1, "z", 1) > 0,
	    "bytes compare unsigned, as LC_ALL=C sort does");
}

int
main(void)
{
	test_hash();
	test_intern();
	test_hashset();
	test_mem();
	return unit_done();
}
