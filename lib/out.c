#include "out.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "err.h"

struct outbuf out;

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
}

void
out_reserve(size_t n)
{
	size_t cap = out.cap;

	while (cap - out.len < n)
		cap *= 2;
	if (cap != out.cap) {
		out.buf = xrealloc(out.buf, cap);
		out.cap = cap;
	}
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

void
out_u64(uint64_t v)
{
	char tmp[20];
	int n = 0;

	do {
		tmp[19 - n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	out_write(tmp + 20 - n, (size_t)n);
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

size_t
tsv_escape(char *dst, const char *src, size_t n)
{
	char *w = dst;
	size_t i;

	for (i = 0; i < n; i++) {
		char c = src[i], e;

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
