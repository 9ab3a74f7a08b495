/* Buffered standard output that only ever writes whole rows.
 *
 * Tools append a row's fields with out_write()/out_char()/out_u64() and end
 * it with out_endrow().  The buffer is written to fd 1 only up to the end of
 * the last complete row, so an error in the middle of a row (or die() at any
 * point) never leaves a half-written row behind.  Writes happen in large
 * blocks; a row larger than the block just grows the buffer. */
#ifndef HFSNAP_OUT_H
#define HFSNAP_OUT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct outbuf {
	char *buf;
	size_t len;		/* bytes held */
	size_t cap;
	size_t committed;	/* bytes up to the end of the last whole row */
};

extern struct outbuf out;

enum { OUT_BLOCK = 1 << 17 };

void out_init(void);
void out_reserve(size_t n);	/* make room for n more bytes */
void out_flush(void);		/* write every complete row */
void out_finish(void);		/* flush, close stdout, die on any error */

static inline void
out_write(const void *p, size_t n)
{
	if (out.cap - out.len < n)
		out_reserve(n);
	memcpy(out.buf + out.len, p, n);
	out.len += n;
}

static inline void
out_char(char c)
{
	if (out.len == out.cap)
		out_reserve(1);
	out.buf[out.len++] = c;
}

static inline void
out_str(const char *s)
{
	out_write(s, strlen(s));
}

static inline void
out_endrow(void)
{
	out_char('\n');
	out.committed = out.len;
	if (out.len >= OUT_BLOCK)
		out_flush();
}

void out_u64(uint64_t v);
void out_i64(int64_t v);
/* A fixed-point decimal rounded to `digits` places, trailing zeros and a
 * bare point trimmed, never "-0"; exponent form only past 1e50, beyond any
 * count these tools handle. */
void out_double(double v, int digits);
/* Copies n bytes of text to dst (room for 2n) escaped as jq's @tsv does,
 * TAB, LF, CR and backslash as \t \n \r \\, and NUL as \0 (jq writes
 * it raw, which no line-oriented tool can carry).  Returns the length. */
size_t tsv_escape(char *dst, const char *src, size_t n);

#endif
