/* Scanning primitives for the JSON reader: where a run of bytes that needs
 * no attention ends.
 *
 * Each function looks at n bytes from s and returns the offset of the
 * first byte it must stop at, or n when there is none; it never reads past
 * s + n.  jsonscan_string uses SSE2 where the compiler has it (every
 * x86-64 compiler does) and is inline, since the reader calls it for every
 * string; elsewhere, or built with -DHFSNAP_PORTABLE, it is the portable
 * scanner, which reads eight bytes at a time as a word.  The _portable
 * function is always that one, kept callable so that tests and fuzzing can
 * check that the two give the same offsets. */
#ifndef HFSNAP_JSONSCAN_H
#define HFSNAP_JSONSCAN_H

#include <stddef.h>

#if defined(__SSE2__) && !defined(HFSNAP_PORTABLE)
#include <emmintrin.h>
#define JSONSCAN_SSE2 1
#endif

/* In a string: the closing quote, a backslash, or a control character
 * (below 0x20), which a string may not hold raw. */
size_t jsonscan_string_portable(const unsigned char *s, size_t n);

#ifdef JSONSCAN_SSE2
/* Sixteen bytes at a time: a byte is a stop when it equals '"' or '\\',
 * or when max(byte, 0x1f) is 0x1f (unsigned: it is below 0x20). */
static inline size_t
jsonscan_string(const unsigned char *s, size_t n)
{
	const __m128i quote = _mm_set1_epi8('"');
	const __m128i backslash = _mm_set1_epi8('\\');
	const __m128i c1f = _mm_set1_epi8(0x1f);
	size_t i = 0;

	while (n - i >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote),
		    _mm_cmpeq_epi8(v, backslash)),
		    _mm_cmpeq_epi8(_mm_max_epu8(v, c1f), c1f));
		unsigned mask = (unsigned)_mm_movemask_epi8(m);

		if (mask)
			return i + (size_t)__builtin_ctz(mask);
		i += 16;
	}
	return i + jsonscan_string_portable(s + i, n - i);
}
#else
static inline size_t
jsonscan_string(const unsigned char *s, size_t n)
{
	return jsonscan_string_portable(s, n);
}
#endif

/* Between tokens: the first byte that is not a space, TAB or CR (an LF
 * stops it too, because the reader counts lines).  Indentation is the run
 * it is for; compact JSON has none. */
size_t jsonscan_blank(const unsigned char *s, size_t n);

/* Which scanner jsonscan_string is: "sse2" or "portable". */
const char *jsonscan_kind(void);

#endif
