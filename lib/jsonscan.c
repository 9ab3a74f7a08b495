#include "jsonscan.h"

#include <stdint.h>
#include <string.h>

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* The bytes a string scan stops at. */
static inline int
string_stop(unsigned char c)
{
	return c == '"' || c == '\\' || c < 0x20;
}

/* A word holds a byte equal to zero exactly when (w - ONES) & ~w has a
 * high bit set, and a byte below k (k at most 0x80) exactly when
 * (w - k * ONES) & ~w does; the bits above the first such byte may be
 * wrong (a borrow), so the byte itself is then found one at a time, which
 * also makes the word's byte order not matter. */
size_t
jsonscan_string_portable(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (n - i >= 8) {
		uint64_t w, q, b;

		memcpy(&w, s + i, 8);
		q = w ^ (ONES * '"');
		b = w ^ (ONES * '\\');
		if ((((q - ONES) & ~q) | ((b - ONES) & ~b) |
		    ((w - ONES * 0x20) & ~w)) & HIGHS)
			break;
		i += 8;
	}
	while (i < n && !string_stop(s[i]))
		i++;
	return i;
}

size_t
jsonscan_blank(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
		i++;
	return i;
}

const char *
jsonscan_kind(void)
{
#ifdef JSONSCAN_SSE2
	return "sse2";
#else
	return "portable";
#endif
}
