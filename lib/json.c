#include "json.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "mem.h"
#include "jsonscan.h"

enum { JSON_BLOCK = 1 << 18 };

int
json_open(struct json *js, const char *path)
{
	struct stat st;

	memset(js, 0, sizeof *js);
	if (strcmp(path, "-") == 0) {
		js->fd = 0;
		js->name = "-";
	} else {
		js->fd = open(path, O_RDONLY);
		if (js->fd < 0)
			return -1;
		/* A directory opens, then fails to read with a message about
		 * reading: say what it is instead. */
		if (fstat(js->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
			close(js->fd);
			js->fd = -1;
			errno = EISDIR;
			return -1;
		}
		js->name = path;
	}
	js->cap = JSON_BLOCK;
	js->buf = xrealloc(NULL, js->cap);
	js->scap = 256;
	js->str = xrealloc(NULL, js->scap);
	js->line = 1;
	return 0;
}

void
json_close(struct json *js)
{
	if (js->fd > 0)
		close(js->fd);
	free(js->buf);
	free(js->str);
	free(js->stack);
	js->buf = NULL;
	js->str = NULL;
	js->stack = NULL;
}

void
json_fail(struct json *js, const char *fmt, ...)
{
	va_list ap;
	long long col = js->base + (long long)js->pos - js->line_start + 1;
	int n = snprintf(js->msg, sizeof js->msg, "%s:%lld:%lld: ", js->name,
	    js->line, col);

	va_start(ap, fmt);
	vsnprintf(js->msg + n, sizeof js->msg - (size_t)n, fmt, ap);
	va_end(ap);
	longjmp(js->on_error, 1);
}

void
json_fail_file(struct json *js, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(js->msg, sizeof js->msg, "%s: ", js->name);

	va_start(ap, fmt);
	vsnprintf(js->msg + n, sizeof js->msg - (size_t)n, fmt, ap);
	va_end(ap);
	longjmp(js->on_error, 1);
}

/* Replaces the consumed buffer with the next block.  Returns false at end
 * of file.  Nothing before pos is ever needed again. */
static bool
refill(struct json *js)
{
	ssize_t r;

	if (js->eof)
		return false;
	js->base += (long long)js->end;
	js->pos = js->end = 0;
	do
		r = read(js->fd, js->buf, js->cap);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		json_fail(js, "read error: %s", strerror(errno));
	if (r == 0) {
		js->eof = true;
		return false;
	}
	js->end = (size_t)r;
	return true;
}

/* The byte at pos, refilling as needed; -1 at end of file. */
static inline int
cur(struct json *js)
{
	if (js->pos == js->end && !refill(js))
		return -1;
	return js->buf[js->pos];
}

static const char *
describe(int c)
{
	static char tmp[32];

	if (c < 0)
		return "end of input";
	if (c >= 0x20 && c < 0x7f)
		snprintf(tmp, sizeof tmp, "'%c'", c);
	else
		snprintf(tmp, sizeof tmp, "byte 0x%02x", c);
	return tmp;
}

int
json_peek_more(struct json *js)
{
	for (;;) {
		while (js->pos < js->end) {
			unsigned char c = js->buf[js->pos];

			if (c == ' ' || c == '\t' || c == '\r') {
				js->pos++;
			} else if (c == '\n') {
				js->pos++;
				js->line++;
				js->line_start = js->base + (long long)js->pos;
			} else {
				return c;
			}
		}
		if (!refill(js))
			return -1;
	}
}

const char *
json_kind(int c)
{
	switch (c) {
	case '"': return "a string";
	case '{': return "an object";
	case '[': return "an array";
	case 't': case 'f': return "a boolean";
	case 'n': return "null";
	case -1: return "end of input";
	case '-': return "a number";
	default: return c >= '0' && c <= '9' ? "a number" : "a stray character";
	}
}

void
json_skip_bom(struct json *js)
{
	/* Only a whole mark is skipped; a partial one is left for the parser
	 * to reject.  It is looked for in the first block read. */
	if (cur(js) < 0 || js->end - js->pos < 3)
		return;
	if (memcmp(js->buf + js->pos, "\xef\xbb\xbf", 3) == 0) {
		js->pos += 3;
		js->line_start = js->base + (long long)js->pos;
	}
}

static inline void
str_push(struct json *js, const void *p, size_t n)
{
	js->str = grow(js->str, &js->scap, js->len + n + 1, 1);
	memcpy(js->str + js->len, p, n);
	js->len += n;
}

static int
hex4(struct json *js)
{
	int v = 0, i;

	for (i = 0; i < 4; i++) {
		int c = cur(js), d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			json_fail(js, "\\u needs four hex digits, found %s",
			    describe(c));
		v = v * 16 + d;
		js->pos++;
	}
	return v;
}

static void
push_utf8(struct json *js, unsigned long cp)
{
	unsigned char b[4];
	size_t n;

	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (unsigned char)(0xc0 | cp >> 6);
		b[1] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (unsigned char)(0xe0 | cp >> 12);
		b[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		b[2] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		b[0] = (unsigned char)(0xf0 | cp >> 18);
		b[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
		b[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		b[3] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	str_push(js, b, n);
}

/* After a backslash: one escape.  When keep, its decoded bytes are appended
 * to js->str.  A \u escape of a lone surrogate decodes to U+FFFD, as jq
 * does; a high surrogate followed by \u of a low one makes one code point,
 * and one followed by another high surrogate gives U+FFFD while the second
 * may still pair with what follows it. */
static void
escape(struct json *js, bool keep)
{
	int c = cur(js);
	char ch;

	js->pos++;
	switch (c) {
	case '"': ch = '"'; break;
	case '\\': ch = '\\'; break;
	case '/': ch = '/'; break;
	case 'b': ch = '\b'; break;
	case 'f': ch = '\f'; break;
	case 'n': ch = '\n'; break;
	case 'r': ch = '\r'; break;
	case 't': ch = '\t'; break;
	case 'u': {
		unsigned long cp = (unsigned long)hex4(js);

		/* While cp is a high surrogate, look for its low half. */
		while (cp >= 0xd800 && cp <= 0xdbff) {
			unsigned long next;

			if (cur(js) != '\\')
				break;
			js->pos++;
			if (cur(js) != 'u') {
				/* Another escape follows a lone surrogate. */
				if (keep)
					push_utf8(js, 0xfffd);
				escape(js, keep);
				return;
			}
			js->pos++;
			next = (unsigned long)hex4(js);
			if (next >= 0xdc00 && next <= 0xdfff) {
				cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00);
				break;
			}
			if (keep)
				push_utf8(js, 0xfffd);
			cp = next;
		}
		if (cp >= 0xd800 && cp <= 0xdfff)
			cp = 0xfffd;
		if (keep)
			push_utf8(js, cp);
		return;
	}
	default:
		js->pos--;
		json_fail(js, "invalid escape \\%s in string",
		    c < 0 ? "at end of input" : describe(c));
	}
	if (keep)
		str_push(js, &ch, 1);
}

/* Scans a string whose opening quote is at pos, appending its decoded text
 * to js->str when keep. */
static void
scan_string(struct json *js, bool keep)
{
	js->pos++;
	for (;;) {
		size_t start = js->pos, p;
		const unsigned char *b = js->buf;
		int c;

		/* The hot loop: ordinary bytes, many at a time. */
		p = start + (js->reference ?
		    jsonscan_string_portable(b + start, js->end - start) :
		    jsonscan_string(b + start, js->end - start));
		if (keep && p > start)
			str_push(js, b + start, p - start);
		js->pos = p;
		if (p == js->end) {
			if (!refill(js))
				json_fail(js, "unterminated string");
			continue;
		}
		c = b[p];
		if (c == '"') {
			js->pos++;
			return;
		}
		if (c == '\\') {
			js->pos++;
			if (js->pos == js->end && !refill(js))
				json_fail(js, "unterminated string");
			escape(js, keep);
			continue;
		}
		json_fail(js, "control character %s in string (write it as "
		    "\\u%04x)", describe(c), (unsigned)c);
	}
}

/* The string whose opening quote is at pos, read in one go when it has no
 * escape and ends in the buffer (nearly every key and value): into js->str
 * and js->len, pos after its closing quote.  Otherwise false, with nothing
 * moved, and scan_string reads it. */
static inline bool
string_in_buffer(struct json *js)
{
	size_t p = js->pos + 1, q;

	if (js->reference)
		return false;
	q = p + jsonscan_string(js->buf + p, js->end - p);
	if (q == js->end || js->buf[q] != '"')
		return false;
	js->len = 0;
	str_push(js, js->buf + p, q - p);
	js->str[js->len] = '\0';
	js->pos = q + 1;
	return true;
}

void
json_string(struct json *js)
{
	int c = json_peek(js);

	if (c != '"')
		json_fail(js, "expected a string, found %s", describe(c));
	if (string_in_buffer(js))
		return;
	js->len = 0;
	scan_string(js, true);
	js->str[js->len] = '\0';
}

static inline void
num_push(struct json *js, int c, bool keep)
{
	if (keep) {
		char ch = (char)c;

		str_push(js, &ch, 1);
	}
	js->pos++;
}

static inline bool
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Past one or more digits from b[q], with a byte after them still in the
 * buffer; 0 when b[q] is no digit or the digits run to the buffer's end. */
static inline size_t
digits_end(const unsigned char *b, size_t q, size_t end)
{
	if (q >= end || !is_digit(b[q]))
		return 0;
	do
		q++;
	while (q < end && is_digit(b[q]));
	return q < end ? q : 0;
}

/* The end of the number at b[p] when all of it, and the byte after it, is
 * in the buffer and it is well formed; 0 otherwise (the careful path then
 * reads it, through refills, and says what is wrong).  It stops where
 * scan_number stops: "1.5.3" ends after "1.5". */
static inline size_t
number_end(const unsigned char *b, size_t p, size_t end)
{
	size_t q = p;

	if (q < end && b[q] == '-')
		q++;
	if (q >= end)
		return 0;
	if (b[q] == '0') {
		if (++q >= end)
			return 0;
	} else if ((q = digits_end(b, q, end)) == 0) {
		return 0;
	}
	if (b[q] == '.' && (q = digits_end(b, q + 1, end)) == 0)
		return 0;
	if (b[q] == 'e' || b[q] == 'E') {
		q++;
		if (q < end && (b[q] == '+' || b[q] == '-'))
			q++;
		if ((q = digits_end(b, q, end)) == 0)
			return 0;
	}
	return q;
}

/* One or more digits from c on, the first one c: kept when keep; returns
 * the character after them.  No digit at c is an error: "WHAT, found ...". */
static int
digit_run(struct json *js, int c, bool keep, const char *what)
{
	if (c < '0' || c > '9')
		json_fail(js, "%s, found %s", what, describe(c));
	do {
		num_push(js, c, keep);
		c = cur(js);
	} while (c >= '0' && c <= '9');
	return c;
}

static void
scan_number(struct json *js, bool keep)
{
	int c;
	size_t q;

	js->len = 0;
	if (!js->reference &&
	    (q = number_end(js->buf, js->pos, js->end)) != 0) {
		if (keep) {
			str_push(js, js->buf + js->pos, q - js->pos);
			js->str[js->len] = '\0';
		}
		js->pos = q;
		return;
	}
	c = cur(js);
	if (c == '-') {
		num_push(js, c, keep);
		c = cur(js);
	}
	if (c == '0') {
		num_push(js, c, keep);
		c = cur(js);
	} else {
		c = digit_run(js, c, keep, "expected a digit");
	}
	if (c == '.') {
		num_push(js, c, keep);
		c = digit_run(js, cur(js), keep, "expected a digit after '.'");
	}
	if (c == 'e' || c == 'E') {
		num_push(js, c, keep);
		c = cur(js);
		if (c == '+' || c == '-') {
			num_push(js, c, keep);
			c = cur(js);
		}
		c = digit_run(js, c, keep, "expected a digit in the exponent");
	}
	if (keep)
		js->str[js->len] = '\0';
}

void
json_number(struct json *js)
{
	int c = json_peek(js);

	if (c != '-' && (c < '0' || c > '9'))
		json_fail(js, "expected a number, found %s", describe(c));
	scan_number(js, true);
}

int
json_literal(struct json *js)
{
	static const char *const words[] = { "true", "false", "null" };
	int c = json_peek(js);
	const char *w;

	switch (c) {
	case 't': w = words[0]; break;
	case 'f': w = words[1]; break;
	case 'n': w = words[2]; break;
	default: json_fail(js, "unexpected %s", describe(c));
	}
	if (!js->reference && js->end - js->pos >= strlen(w) &&
	    memcmp(js->buf + js->pos, w, strlen(w)) == 0) {
		js->pos += strlen(w);
		return c;
	}
	for (const char *p = w; *p; p++) {
		int b = cur(js);

		if (b != *p)
			json_fail(js, "unexpected %s (expected '%s')",
			    describe(b), w);
		js->pos++;
	}
	return c;
}

static void
expect_key(struct json *js)
{
	int c = json_peek(js);

	if (c != '"')
		json_fail(js, "expected a member name in quotes, found %s",
		    describe(c));
}

static void
expect_colon(struct json *js)
{
	int c = json_peek(js);

	if (c != ':')
		json_fail(js, "expected ':' after a member name, found %s",
		    describe(c));
	js->pos++;
}

enum { IN_ARRAY = 1, IN_OBJECT = 2 };

/* Opens a level of nesting in the skip stack. */
static inline void
push_level(struct json *js, size_t depth, unsigned char kind)
{
	js->stack = grow(js->stack, &js->stack_cap, depth + 1, 1);
	js->stack[depth] = kind;
}

/* Spaces, TABs, CRs and LFs from b[q], counting lines. */
static inline size_t
blanks(const unsigned char *b, size_t q, size_t end, long long base,
    long long *line, long long *line_start)
{
	while (q < end && b[q] <= ' ') {
		if (b[q] == '\n') {
			q++;
			++*line;
			*line_start = base + (long long)q;
		} else if (b[q] == ' ' || b[q] == '\t' || b[q] == '\r') {
			q += 1 + jsonscan_blank(b + q + 1, end - q - 1);
		} else {
			break;
		}
	}
	return q;
}

/* The end of a string whose body starts at b[q] (after the opening quote):
 * the offset after its closing quote when all of it is in the buffer and
 * well formed (escapes included), else 0. */
static inline size_t
string_end(const unsigned char *b, size_t q, size_t end)
{
	for (;;) {
		q += jsonscan_string(b + q, end - q);
		if (q == end || b[q] != '\\')
			return q < end && b[q] == '"' ? q + 1 : 0;
		if (end - q < 2)
			return 0;
		switch (b[q + 1]) {
		case '"': case '\\': case '/': case 'b': case 'f': case 'n':
		case 'r': case 't':
			q += 2;
			break;
		case 'u':
			if (end - q < 6)
				return 0;
			for (size_t i = 2; i < 6; i++) {
				unsigned char h = b[q + i];

				if (!is_digit(h) && !((h | 0x20) >= 'a' &&
				    (h | 0x20) <= 'f'))
					return 0;
			}
			q += 6;
			break;
		default:
			return 0;
		}
	}
}

/* A member name and its colon from b[q] (blanks first): the offset after
 * the colon, or 0 when they are not all in the buffer and well formed. */
static inline size_t
key_colon_end(const unsigned char *b, size_t q, size_t end, long long base,
    long long *line, long long *line_start)
{
	q = blanks(b, q, end, base, line, line_start);
	if (q == end || b[q] != '"' || (q = string_end(b, q + 1, end)) == 0)
		return 0;
	q = blanks(b, q, end, base, line, line_start);
	if (q == end || b[q] != ':')
		return 0;
	return q + 1;
}

/* json_skip's state between tokens: the nesting depth (the kinds are in
 * js->stack) and whether a value was just read (else one is expected). */
struct skip_state {
	size_t depth;
	bool after;
	bool number;	/* a number was skipped: js->len is 0, as scan_number leaves it */
};

/* Skips the tokens that lie whole in the buffer, validating them, until
 * the value is done (true) or a token needs the careful path: one that
 * runs past the buffer, a fault to report, nesting at the limit.  It then
 * stops before that token (or before the '{' or ',' that opens a member
 * name), with the state exactly as the careful path would have left it. */
static bool
skip_in_buffer(struct json *js, struct skip_state *st)
{
	const unsigned char *b = js->buf;
	const long long base = js->base;
	size_t p = js->pos, end = js->end, depth = st->depth, q;
	long long line = js->line, line_start = js->line_start;
	long long line0 = line, start0 = line_start;
	bool after = st->after, done = false;

	for (;;) {
		unsigned char c;

		if (after && depth == 0) {
			done = true;
			break;
		}
		p = blanks(b, p, end, base, &line, &line_start);
		if (p == end)
			break;
		c = b[p];
		line0 = line;
		start0 = line_start;
		if (after) {
			int close = js->stack[depth - 1] == IN_OBJECT ? '}' : ']';

			if (c == close) {
				p++;
				depth--;
				continue;
			}
			if (c != ',')
				break;
			if (close == '}') {
				q = key_colon_end(b, p + 1, end, base, &line,
				    &line_start);
				if (q == 0) {
					line = line0;
					line_start = start0;
					break;
				}
				p = q;
			} else {
				p++;
			}
			after = false;
			continue;
		}
		switch (c) {
		case '"':
			if ((q = string_end(b, p + 1, end)) == 0)
				goto stop;
			p = q;
			break;
		case '{':
		case '[':
			if (depth >= JSON_MAX_DEPTH)
				goto stop;
			q = blanks(b, p + 1, end, base, &line, &line_start);
			if (q == end)
				goto restore;
			if (b[q] == (c == '{' ? '}' : ']')) {
				p = q + 1;
				break;
			}
			if (c == '{' && (q = key_colon_end(b, q, end, base,
			    &line, &line_start)) == 0)
				goto restore;
			push_level(js, depth++, c == '{' ? IN_OBJECT : IN_ARRAY);
			p = q;
			continue;	/* a value is expected */
		case 't':
		case 'f':
		case 'n': {
			const char *w = c == 't' ? "true" : c == 'f' ? "false" :
			    "null";
			size_t n = c == 'f' ? 5 : 4;

			if (end - p < n || memcmp(b + p, w, n) != 0)
				goto stop;
			p += n;
			break;
		}
		default:
			if ((q = number_end(b, p, end)) == 0)
				goto stop;
			p = q;
			st->number = true;
			break;
		}
		after = true;
	}
	goto out;
restore:
	line = line0;
	line_start = start0;
stop:
out:
	js->pos = p;
	js->line = line;
	js->line_start = line_start;
	st->depth = depth;
	st->after = after;
	return done;
}

/* One token the careful way: through refills, and failing with the
 * located message when it is wrong. */
static void
skip_step(struct json *js, struct skip_state *st)
{
	int c, close;

	if (!st->after) {
		/* A value is expected here. */
		c = json_peek(js);
		switch (c) {
		case '{':
		case '[':
			/* This container is level depth + 1, empty or not. */
			if (st->depth >= JSON_MAX_DEPTH)
				json_fail(js, "nesting deeper than %d levels",
				    JSON_MAX_DEPTH);
			js->pos++;
			if (json_peek(js) == (c == '{' ? '}' : ']')) {
				js->pos++;
				break;
			}
			push_level(js, st->depth++, c == '{' ? IN_OBJECT :
			    IN_ARRAY);
			if (c == '{') {
				expect_key(js);
				scan_string(js, false);
				expect_colon(js);
			}
			return;
		case '"':
			scan_string(js, false);
			break;
		case 't':
		case 'f':
		case 'n':
			json_literal(js);
			break;
		default:
			if (c == '-' || (c >= '0' && c <= '9')) {
				scan_number(js, false);
				break;
			}
			json_fail(js, "expected a value, found %s", describe(c));
		}
		st->after = true;
		return;
	}
	/* After a value: close a container or move to the next item. */
	close = js->stack[st->depth - 1] == IN_OBJECT ? '}' : ']';
	c = json_peek(js);
	if (c == ',') {
		js->pos++;
		if (close == '}') {
			expect_key(js);
			scan_string(js, false);
			expect_colon(js);
		}
		st->after = false;
		return;
	}
	if (c != close)
		json_fail(js, "expected ',' or '%c', found %s", close,
		    describe(c));
	js->pos++;
	st->depth--;
}

void
json_skip(struct json *js)
{
	struct skip_state st = { 0, false, false };

	for (;;) {
		if (!js->reference && skip_in_buffer(js, &st))
			break;
		if (st.after && st.depth == 0)
			break;
		skip_step(js, &st);
	}
	if (st.number)
		js->len = 0;
}

/* Past the opening bracket `open` of a container: false, past its closing
 * one too, when it is empty. */
static bool
container_first(struct json *js, int open, int close, const char *what)
{
	int c = json_peek(js);

	if (c != open)
		json_fail(js, "expected %s, found %s", what, describe(c));
	js->pos++;
	if (json_peek(js) == close) {
		js->pos++;
		return false;
	}
	return true;
}

/* Past the comma before a container's next item, or false past its
 * closing bracket. */
static bool
container_next(struct json *js, int close)
{
	int c = json_peek(js);

	if (c == close) {
		js->pos++;
		return false;
	}
	if (c != ',')
		json_fail(js, "expected ',' or '%c', found %s", close, describe(c));
	js->pos++;
	return true;
}

bool
json_object_first(struct json *js)
{
	if (!container_first(js, '{', '}', "an object"))
		return false;
	json_string(js);
	expect_colon(js);
	return true;
}

bool
json_object_next(struct json *js)
{
	if (!container_next(js, '}'))
		return false;
	/* Compact JSON: the name right after the comma, the colon after it. */
	if (js->pos < js->end && js->buf[js->pos] == '"' &&
	    string_in_buffer(js)) {
		if (js->pos < js->end && js->buf[js->pos] == ':')
			js->pos++;
		else
			expect_colon(js);
		return true;
	}
	expect_key(js);
	json_string(js);
	expect_colon(js);
	return true;
}

bool
json_array_first(struct json *js)
{
	return container_first(js, '[', ']', "an array");
}

bool
json_array_next(struct json *js)
{
	return container_next(js, ']');
}
