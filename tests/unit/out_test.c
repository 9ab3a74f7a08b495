/* Unit tests of lib/out: whole rows only, numbers written exactly, the one
 * formatter of doubles, and TSV escaping.  Standard output goes to a
 * temporary file, read back after each flush. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "out.h"
#include "unit.h"

static struct capture out_capture;

/* Standard output into a fresh temporary file (what out holds stays). */
static void
stdout_begin(void)
{
	capture_begin(&out_capture, 1);
}

/* What was written to fd 1 since stdout_begin, back on standard output. */
static const char *
stdout_end(void)
{
	static char got[1 << 20];

	capture_end(&out_capture, got, sizeof got);
	return got;
}

/* out_double(v, digits) as one row. */
static const char *
dbl(double v, int digits)
{
	static char copy[4][128];
	static int k;

	k = (k + 1) % 4;
	capture_begin(&out_capture, 1);
	out_init();
	out_double(v, digits);
	out_endrow();
	out_flush();
	capture_end(&out_capture, copy[k], sizeof copy[k]);
	return copy[k];
}

static void
test_doubles(void)
{
	CHECK_STR(dbl(1.5, 2), "1.5\n", "1.5: a trailing zero trimmed");
	CHECK_STR(dbl(2, 4), "2\n", "2.0000: the point trimmed too");
	CHECK_STR(dbl(100.0 / 3, 4), "33.3333\n", "a third of 100, four places");
	CHECK_STR(dbl(120, 2), "120\n", "zeros before the point stay");
	CHECK_STR(dbl(0, 4), "0\n", "zero");
	CHECK_STR(dbl(1, 2), "1\n", "one");
	CHECK_STR(dbl(100, 4), "100\n", "a share of all");
	CHECK_STR(dbl(-0.0, 4), "0\n", "minus zero is written 0");
	CHECK_STR(dbl(-0.00001, 4), "0\n",
	    "a negative that rounds to zero is written 0, not -0");
	CHECK_STR(dbl(-2.5, 1), "-2.5\n", "a negative keeps its sign");
	CHECK_STR(dbl(0.125, 2), "0.12\n",
	    "0.125 to two places as printf rounds it (to even)");
	CHECK_STR(dbl(12.5, 0), "12\n", "no decimals asked: no point");
	/* 1e58 to four places is 63 characters: it fits, and is written
	 * whole; 1e57 to five is 64, one too many for the buffer: exponent
	 * form (values from Python's correctly rounded formatting). */
	CHECK_STR(dbl(1e58, 4),
	    "9999999999999999438119489974413630815797154428513196965888\n",
	    "63 characters fit");
	CHECK_STR(dbl(1e57, 5), "1e+57\n", "64 characters: exponent form");
	CHECK_STR(dbl(1e300, 2), "1.0000000000000001e+300\n",
	    "far past any count: exponent form");
}

static void
test_integers(void)
{
	stdout_begin();
	out_init();
	out_u64(0);
	out_char('\t');
	out_u64(UINT64_MAX);
	out_char('\t');
	out_i64(INT64_MIN);
	out_char('\t');
	out_i64(-5);
	out_char('\t');
	out_i64(42);
	out_endrow();
	out_flush();
	CHECK_STR(stdout_end(),
	    "0\t18446744073709551615\t-9223372036854775808\t-5\t42\n",
	    "whole numbers at both ends of their ranges");
}

static void
test_rows(void)
{
	static char big[300001];
	const char *got;
	size_t i, n = 0;

	/* A flush in the middle of a row writes only the rows before it;
	 * the rest of the row is still held, and comes out whole. */
	stdout_begin();
	out_init();
	out_str("row one");
	out_endrow();
	out_str("half");
	out_flush();
	got = stdout_end();
	CHECK_STR(got, "row one\n", "a flush writes whole rows only");
	stdout_begin();
	out_str(" a row");
	out_endrow();
	out_flush();
	CHECK_STR(stdout_end(), "half a row\n",
	    "the half row held back is written with its end");

	/* Rows past the block size flush as they go; none is lost or cut. */
	stdout_begin();
	for (i = 0; i < 20000; i++) {
		out_u64(i);
		out_str("\tsome text to fill the block");
		out_endrow();
	}
	out_flush();
	got = stdout_end();
	for (i = 0; got[i]; i++)
		n += got[i] == '\n';
	CHECK(n == 20000 && strncmp(got, "0\tsome", 6) == 0 &&
	    strstr(got, "\n19999\tsome text to fill the block\n") != NULL,
	    "20000 rows through several blocks");

	/* A row larger than the buffer grows it. */
	memset(big, 'x', sizeof big - 1);
	stdout_begin();
	out_write(big, sizeof big - 1);
	out_endrow();
	out_flush();
	got = stdout_end();
	CHECK(strlen(got) == sizeof big && got[sizeof big - 1] == '\n' &&
	    got[0] == 'x', "a 300 kB row");
}

static void
test_escape(void)
{
	char buf[64];
	size_t n = tsv_escape(buf, "a\tb\nc\\d\re\0f", 11);

	CHECK(n == 16 && memcmp(buf, "a\\tb\\nc\\\\d\\re\\0f", 16) == 0,
	    "TAB, LF, backslash, CR and NUL escaped as jq's @tsv does");
	n = tsv_escape(buf, "plain text, no escapes at all", 29);
	CHECK(n == 29 && memcmp(buf, "plain text, no escapes at all", 29) == 0,
	    "plain text copied as it is");
	n = tsv_escape(buf, "", 0);
	CHECK(n == 0, "nothing");
}

int
main(void)
{
	test_doubles();
	test_integers();
	test_rows();
	test_escape();
	return unit_done();
}
