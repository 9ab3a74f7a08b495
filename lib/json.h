/* A streaming JSON reader (RFC 8259).
 *
 * It pulls bytes from a file descriptor through a fixed block buffer and
 * never holds the document: strings are decoded into one reusable scratch
 * buffer, values nobody asked for are skipped without decoding, and nesting
 * is tracked with one byte per level.  Memory is therefore bounded by the
 * largest single string or number the caller keeps, not by the file size.
 *
 * Errors (syntax, or the caller's own through json_fail) record a message
 * with FILE:LINE:COLUMN (bytes, both from 1) and longjmp to js->on_error, so a
 * caller can stop one file and go on with the next. */
#ifndef HFSNAP_JSON_H
#define HFSNAP_JSON_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

enum { JSON_MAX_DEPTH = 1 << 20 };

struct json {
	int fd;
	const char *name;
	unsigned char *buf;
	size_t cap, pos, end;
	bool eof;
	long long base;		/* file offset of buf[0] */
	long long line;		/* current line, from 1 */
	long long line_start;	/* file offset where it starts */

	char *str;		/* last string or number read, NUL-terminated */
	size_t len, scap;

	unsigned char *stack;	/* container kinds while skipping */
	size_t stack_cap;

	/* Take the reference path: strings scanned by the portable scanner,
	 * values skipped token by token through refills.  The default (false)
	 * skips whatever lies in the buffer in one tight loop and scans with
	 * SSE2 where the compiler has it; both give the same results, the same
	 * errors at the same places (tests and fuzzing compare them). */
	bool reference;

	jmp_buf on_error;
	char msg[512];		/* "FILE:LINE:COLUMN: what" after an error */
};

/* Opens path ("-" = stdin).  Returns 0, or -1 with errno set when it cannot
 * be opened or is a directory (EISDIR). */
int json_open(struct json *js, const char *path);
void json_close(struct json *js);

/* The next significant byte (whitespace skipped), not consumed; -1 at end.
 * The common case, a byte other than whitespace already in the buffer, is
 * answered inline. */
int json_peek_more(struct json *js);

static inline int
json_peek(struct json *js)
{
	if (js->pos < js->end && js->buf[js->pos] > ' ')
		return js->buf[js->pos];
	return json_peek_more(js);
}

/* The key (or string) just read is name: strcmp(js->str, name) == 0, but
 * a key that an escape put a NUL in may be longer than its C string.
 * Inline: asked of every member a reader looks for. */
static inline bool
json_key_is(const struct json *js, const char *name)
{
	size_t n = strlen(name);

	return js->len >= n && memcmp(js->str, name, n) == 0 &&
	    js->str[n] == '\0';
}

/* What a value that starts with byte c (json_peek's answer) is, for
 * messages: "a string", "an object", "end of input" ... */
const char *json_kind(int c);

/* Reads a string value into js->str / js->len. */
void json_string(struct json *js);
/* Reads a number and copies its text into js->str / js->len. */
void json_number(struct json *js);
/* Reads true, false or null and returns 't', 'f' or 'n'. */
int json_literal(struct json *js);
/* Skips one whole value of any kind, checking its syntax. */
void json_skip(struct json *js);

/* Objects: json_object_first consumes '{' and, if a member follows, its key
 * (into js->str) and ':' and returns true; json_object_next consumes ',' and
 * the next key and ':' (true) or the closing '}' (false). */
bool json_object_first(struct json *js);
bool json_object_next(struct json *js);
/* Arrays: the same with '[', ',' and ']', positioned before each value. */
bool json_array_first(struct json *js);
bool json_array_next(struct json *js);

/* Skips a UTF-8 byte order mark at the very start of the file. */
void json_skip_bom(struct json *js);

/* Records "FILE:LINE:COLUMN: message" at the current position and longjmps
 * to js->on_error. */
_Noreturn void json_fail(struct json *js, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The same for a fault of the file as a whole: "FILE: message". */
_Noreturn void json_fail_file(struct json *js, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
