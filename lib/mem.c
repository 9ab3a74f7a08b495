#include "mem.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die(EXIT_DATA, "out of memory");
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		die(EXIT_DATA, "out of memory");
	return p;
}

void *
grow_array(void *p, size_t *cap, size_t need, size_t size)
{
	size_t old = *cap, n = old;

	while (n < need)
		n = n ? 2 * n : 16;
	if (n > (size_t)-1 / size)
		die(EXIT_DATA, "out of memory");
	p = xrealloc(p, n * size);
	memset((char *)p + old * size, 0, (n - old) * size);
	*cap = n;
	return p;
}

void
text_free(struct text *t)
{
	free(t->p);
	memset(t, 0, sizeof *t);
}

void
bytes_set(struct bytes *b, const char *s, size_t n)
{
	b->p = grow(b->p, &b->cap, n + 1, 1);
	if (n > 0)
		memcpy(b->p, s, n);
	b->len = n;
	b->set = true;
}

void
bytes_free(struct bytes *b)
{
	free(b->p);
	memset(b, 0, sizeof *b);
}

int
bytes_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	size_t n = an < bn ? an : bn;
	int c = n ? memcmp(a, b, n) : 0;

	if (c)
		return c < 0 ? -1 : 1;
	return (an > bn) - (an < bn);
}
