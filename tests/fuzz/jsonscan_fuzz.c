/* The JSON reader's fast paths against its reference path.  The scanners
 * of lib/jsonscan.c must give the portable scanner's offsets on any bytes;
 * and the reader, walked over the same input once with js->reference set
 * (token by token, portable scanning) and once without (whole values
 * skipped in the buffer, SSE2), must read the same strings and numbers
 * and fail with the same message at the same line and column.  The first
 * byte picks a block size from 1 byte up, so tokens straddle refills. */
#include <string.h>

#include "fuzz.h"
#include "json.h"
#include "jsonscan.h"

struct trace {
	char *s;
	size_t len, cap;
};

static void
note(struct trace *t, int kind, const char *p, size_t n)
{
	if (t->cap - t->len < n + 16) {
		while (t->cap - t->len < n + 16)
			t->cap = t->cap ? 2 * t->cap : 4096;
		t->s = realloc(t->s, t->cap);
		if (!t->s)
			abort();
	}
	t->s[t->len++] = (char)kind;
	memcpy(t->s + t->len, &n, sizeof n);
	t->len += sizeof n;
	memcpy(t->s + t->len, p, n);
	t->len += n;
}

/* As json_fuzz walks: objects member by member (some skipped whole),
 * arrays item by item (some skipped), leaves read. */
static void
walk(struct json *js, struct trace *t, int depth)
{
	int c = json_peek(js), more, i = 0;

	if (depth > 6) {
		json_skip(js);
		note(t, 'S', "", 0);
		return;
	}
	switch (c) {
	case '{':
		for (more = json_object_first(js); more; more = json_object_next(js)) {
			note(t, 'K', js->str, js->len);
			if (js->len % 3 == 0) {
				json_skip(js);
				note(t, 'S', "", 0);
			} else {
				walk(js, t, depth + 1);
			}
		}
		break;
	case '[':
		for (more = json_array_first(js); more; more = json_array_next(js)) {
			if (i++ % 2) {
				json_skip(js);
				note(t, 'S', "", 0);
			} else {
				walk(js, t, depth + 1);
			}
		}
		break;
	case '"':
		json_string(js);
		note(t, 's', js->str, js->len);
		break;
	case 't': case 'f': case 'n': {
		char l = (char)json_literal(js);

		note(t, 'l', &l, 1);
		break;
	}
	default:
		json_number(js);
		note(t, 'n', js->str, js->len);
		break;
	}
}

/* One pass: mode 0 skips each top-level value whole (--validate's way),
 * mode 1 walks it. */
static void
run(const char *path, size_t block, bool reference, int mode, struct trace *t)
{
	struct json js;
	char pos[64];

	t->len = 0;
	if (json_open(&js, path) != 0)
		abort();
	js.reference = reference;
	if (block < js.cap)
		js.cap = block;
	if (setjmp(js.on_error) == 0) {
		json_skip_bom(&js);
		while (json_peek(&js) != -1) {
			if (mode == 0) {
				json_skip(&js);
				note(t, 'S', "", 0);
			} else {
				walk(&js, t, 0);
			}
		}
		note(t, 'E', "", 0);
	} else {
		note(t, 'F', js.msg, strlen(js.msg));
	}
	snprintf(pos, sizeof pos, "%lld %lld %lld %zu", js.line, js.line_start,
	    js.base, js.pos);
	note(t, 'P', pos, strlen(pos));
	json_close(&js);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct trace fast, ref;
	const char *path;
	size_t block, i;
	int mode;

	/* The scanners, from every offset. */
	for (i = 0; i < size; i++)
		if (jsonscan_string(data + i, size - i) !=
		    jsonscan_string_portable(data + i, size - i))
			abort();
	if (size == 0)
		return 0;
	block = data[0] < 200 ? (size_t)data[0] % 67 + 1 : (size_t)1 << 18;
	path = fuzz_file(data + 1, size - 1);
	for (mode = 0; mode < 2; mode++) {
		run(path, block, true, mode, &ref);
		run(path, block, false, mode, &fast);
		if (ref.len != fast.len || memcmp(ref.s, fast.s, ref.len) != 0)
			abort();
	}
	return 0;
}
