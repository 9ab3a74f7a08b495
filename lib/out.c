/* F_SETPIPE_SZ is Linux's (fcntl(2)); elsewhere the pipe keeps its size. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include "out.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "err.h"
#include "mem.h"

struct outbuf out;

static size_t flushed;	/* bytes written by out_flush, up to PIPE_AFTER */

enum { PIPE_AFTER = 1 << 20 };

static void
flush_before_exit(void)
{
	out_flush();
}

void
out_init(void)
{
	out.cap = 2 * OUT_BLOCK;
	out.buf = xrealloc(out.buf, out.cap);
	out.len = out.committed = 0;
	err_before_exit = flush_before_exit;
	flushed = 0;
}

/* Once a tool has written a stream's first MiB, a pipe it writes into is
 * widened to four blocks (Linux's F_SETPIPE_SZ; elsewhere nothing): with
 * the default 64 KiB the next tool of a pipeline is woken for every half
 * block, and the kernel's switching between them costs more than either
 * tool's work.  Not before, so that a short output meets a pipe of the
 * usual size, as a reader that stops early (`tool | head -1`) expects. */
static void
widen_pipe(void)
{
#ifdef F_SETPIPE_SZ
	(void)fcntl(1, F_SETPIPE_SZ, 4 * OUT_BLOCK);
#endif
}

void
out_reserve(size_t n)
{
	out.buf = grow(out.buf, &out.cap, out.len + n, 1);
}

static _Noreturn void
write_failed(int e)
{
	/* A reader that went away (`tool | head -1`) is not an error worth a
	 * message: end the way a default SIGPIPE would, quietly. */
	if (e == EPIPE) {
		signal(SIGPIPE, SIG_DFL);
		raise(SIGPIPE);
		_exit(EXIT_DATA);
	}
	err_before_exit = NULL;
	die(EXIT_DATA, "write error: %s", strerror(e));
}

void
out_flush(void)
{
	size_t done = 0;

	while (done < out.committed) {
		ssize_t w = write(1, out.buf + done, out.committed - done);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			write_failed(errno);
		}
		done += (size_t)w;
	}
	if (flushed < PIPE_AFTER && (flushed += done) >= PIPE_AFTER)
		widen_pipe();
	memmove(out.buf, out.buf + done, out.len - done);
	out.len -= done;
	out.committed = 0;
}

void
out_finish(void)
{
	out.committed = out.len;
	out_flush();
	if (close(1) != 0 && errno != EINTR && errno != EBADF)
		write_failed(errno);
	err_before_exit = NULL;
	free(out.buf);
	out.buf = NULL;
	out.len = out.cap = out.committed = 0;
}

/* Two digits at a time, from a table of 00 to 99. */
void
out_u64(uint64_t v)
{
	static const char pairs[] =
	    "00010203040506070809101112131415161718192021222324252627282930313233"
	    "34353637383940414243444546474849505152535455565758596061626364656667"
	    "6869707172737475767778798081828384858687888990919293949596979899";
	char tmp[20];
	int n = 20;

	while (v >= 100) {
		unsigned d = (unsigned)(v % 100) * 2;

		v /= 100;
		tmp[--n] = pairs[d + 1];
		tmp[--n] = pairs[d];
	}
	if (v >= 10) {
		tmp[--n] = pairs[v * 2 + 1];
		tmp[--n] = pairs[v * 2];
	} else {
		tmp[--n] = (char)('0' + v);
	}
	out_write(tmp + n, (size_t)(20 - n));
}

void
out_i64(int64_t v)
{
	if (v < 0) {
		out_char('-');
		out_u64(-(uint64_t)v);
	} else {
		out_u64((uint64_t)v);
	}
}

void
out_double(double v, int digits)
{
	char tmp[64];
	int n;

	if (v == 0)
		v = 0;	/* no "-0" */
	n = snprintf(tmp, sizeof tmp, "%.*f", digits, v);
	if (n < 0 || n >= (int)sizeof tmp) {
		/* Past any count these tools handle: say it in exponent form
		 * rather than cut digits off. */
		n = snprintf(tmp, sizeof tmp, "%.17g", v);
		out_write(tmp, (size_t)n);
		return;
	}
	/* Trim trailing zeros after the point, and the point itself. */
	if (memchr(tmp, '.', (size_t)n)) {
		while (n > 0 && tmp[n - 1] == '0')
			n--;
		if (n > 0 && tmp[n - 1] == '.')
			n--;
	}
	if (n == 2 && tmp[0] == '-' && tmp[1] == '0')
		tmp[0] = '0', n = 1;
	out_write(tmp, (size_t)n);
}

/* The bytes tsv_escape may change are all below 0x20 but the backslash:
 * a word of eight bytes holds none when no byte is below 0x20 and none is
 * '\\' (the test of lib/jsonscan.c, without the quote); such runs are
 * copied whole. */
size_t
tsv_escape(char *dst, const char *src, size_t n)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	const uint64_t highs = UINT64_C(0x8080808080808080);
	char *w = dst;
	size_t i = 0;

	while (i < n) {
		size_t run = i;
		char c, e;

		while (n - run >= 8) {
			uint64_t x, b;

			memcpy(&x, src + run, 8);
			b = x ^ (ones * '\\');
			if ((((b - ones) & ~b) | ((x - ones * 0x20) & ~x)) & highs)
				break;
			run += 8;
		}
		while (run < n && (unsigned char)src[run] >= 0x20 &&
		    src[run] != '\\')
			run++;
		memcpy(w, src + i, run - i);
		w += run - i;
		if (run == n)
			break;
		c = src[run];
		i = run + 1;
		switch (c) {
		case '\t': e = 't'; break;
		case '\n': e = 'n'; break;
		case '\r': e = 'r'; break;
		case '\\': e = '\\'; break;
		case '\0': e = '0'; break;
		default: *w++ = c; continue;
		}
		*w++ = '\\';
		*w++ = e;
	}
	return (size_t)(w - dst);
}
