/* Unit tests of lib/jsonscan.c and of the JSON reader's fast paths: the
 * scanners stop where the portable scanner stops, and json_skip, fast or
 * careful (js->reference), accepts the same texts and fails with the same
 * message at the same place, whatever the block size the file is read in. */
#include <stdlib.h>
#include <unistd.h>

#include "json.h"
#include "jsonscan.h"
#include "unit.h"

static char tmpdir[] = "/tmp/hfsnap-jsonscan-XXXXXX";

static const char *
write_file(const char *text)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/doc.json", tmpdir);
	f = fopen(path, "wb");
	fwrite(text, 1, strlen(text), f);
	fclose(f);
	return path;
}

static void
test_scanners(void)
{
	static const unsigned char stops[] = { '"', '\\', 0x00, 0x01, 0x0a,
	    0x1f };
	static const unsigned char plain[] = { ' ', '!', '#', '[', ']', 0x7f,
	    0x80, 0xff, 0x20 + 0x1f, 'a' };
	unsigned char buf[80];
	size_t i, at, n, bad = 0;

	/* Every stop byte at every offset of a run of plain bytes. */
	for (i = 0; i < sizeof stops; i++)
		for (at = 0; at < 70; at++) {
			for (n = 0; n < sizeof buf; n++)
				buf[n] = plain[n % sizeof plain];
			buf[at] = stops[i];
			if (jsonscan_string(buf, sizeof buf) != at ||
			    jsonscan_string_portable(buf, sizeof buf) != at)
				bad++;
			/* Cut before the stop: no stop found, n returned. */
			if (jsonscan_string(buf, at) != at ||
			    jsonscan_string_portable(buf, at) != at)
				bad++;
		}
	CHECK(bad == 0, "string scanners stop at '\"', '\\\\' and every byte "
	    "below 0x20 at any offset, and never read past n (%s)",
	    jsonscan_kind());
	for (n = 0; n < sizeof buf; n++)
		buf[n] = plain[n % sizeof plain];
	CHECK(jsonscan_string(buf, sizeof buf) == sizeof buf &&
	    jsonscan_string_portable(buf, sizeof buf) == sizeof buf,
	    "bytes 0x20 and up but '\"' and '\\\\' (UTF-8 included) do not stop "
	    "a string scan");
	CHECK(jsonscan_blank((const unsigned char *)" \t\r \nx", 6) == 4,
	    "a blank run stops at LF");
	CHECK(jsonscan_blank((const unsigned char *)"   ", 3) == 3,
	    "a blank run to the end");
}

/* Skips every top-level value of text read in blocks of `block` bytes;
 * the message of the failure, or "ok" with the final position. */
static const char *
skip_all(const char *text, size_t block, bool reference, char *msg, size_t n)
{
	struct json js;

	if (json_open(&js, write_file(text)) != 0)
		abort();
	js.reference = reference;
	if (block < js.cap)
		js.cap = block;
	if (setjmp(js.on_error) == 0) {
		while (json_peek(&js) != -1)
			json_skip(&js);
		snprintf(msg, n, "ok at line %lld", js.line);
	} else {
		snprintf(msg, n, "%s", strchr(js.msg, ':') + 1);
	}
	json_close(&js);
	return msg;
}

static void
test_skip(void)
{
	static const struct {
		const char *text, *want;
	} docs[] = {
		{ "[{\"a\": [1, -2.5e+3, true, false, null, \"x\\\"y\\u00e9\"],\n"
		  "  \"b\": {}, \"c\": [], \"d\": {\"e\": [[{}]]}}]\n",
		  "ok at line 3" },
		{ "{\"a\":1}\n{\"b\":[2,3]}\n[]", "ok at line 3" },
		{ "  {\n\t\"k\" \r\n :\n \"v\"\n}", "ok at line 5" },
		{ "[1, 2,]", "1:7: expected a value, found ']'" },
		{ "{\"a\": 1,\n \"b\" 2}", "2:6: expected ':' after a member "
		  "name, found '2'" },
		{ "[\"ab\\qc\"]", "1:6: invalid escape \\'q' in string" },
		{ "[\"a\\u12G4\"]", "1:8: \\u needs four hex digits, found 'G'" },
		{ "[\"tab\there\"]", "1:6: control character byte 0x09 in "
		  "string (write it as \\u0009)" },
		{ "{\"a\": [1, 2}", "1:12: expected ',' or ']', found '}'" },
		{ "[01]", "1:3: expected ',' or ']', found '1'" },
		{ "[1.]", "1:4: expected a digit after '.', found ']'" },
		{ "[1e+]", "1:5: expected a digit in the exponent, found ']'" },
		{ "[-]", "1:3: expected a digit, found ']'" },
		{ "[tru]", "1:5: unexpected ']' (expected 'true')" },
		{ "[nul", "1:5: unexpected end of input (expected 'null')" },
		{ "[\"open", "1:7: unterminated string" },
		{ "{\"a\": {\"b\": [1, {\"c\": 2}", "1:25: expected ',' or ']', "
		  "found end of input" },
		{ "{1: 2}", "1:2: expected a member name in quotes, found '1'" },
		{ "[1 2]", "1:4: expected ',' or ']', found '2'" },
		{ "[12345678901234567890.5e-7]", "ok at line 1" },
		{ "[\"\\ud800\\n\", \"\\ud800\\x\"]", "1:22: invalid escape "
		  "\\'x' in string" },
	};
	char ref[600], fast[600], want[600];
	size_t i, block, bad_ref = 0, bad_fast = 0;

	for (i = 0; i < sizeof docs / sizeof docs[0]; i++) {
		bad_ref = bad_fast = 0;
		snprintf(want, sizeof want, "%s", docs[i].want);
		for (block = 1; block <= 64; block++) {
			if (strcmp(skip_all(docs[i].text, block, true, ref,
			    sizeof ref), want) != 0)
				bad_ref++;
			if (strcmp(skip_all(docs[i].text, block, false, fast,
			    sizeof fast), ref) != 0)
				bad_fast++;
		}
		skip_all(docs[i].text, 1 << 20, false, fast, sizeof fast);
		CHECK(bad_ref == 0 && bad_fast == 0 && strcmp(fast, want) == 0,
		    "skip %s: %s, fast and careful, blocks of 1 to 64 bytes",
		    strncmp(want, "ok", 2) == 0 ? "a valid text" :
		    "an invalid text", want);
		if (bad_ref || bad_fast || strcmp(fast, want) != 0)
			printf("#   careful: %s\n#   fast: %s\n", ref, fast);
	}
}

/* json_skip of a number leaves js->len at 0 (scan_number does), of other
 * values unchanged; the fast path keeps that. */
static void
test_skip_len(void)
{
	struct json js;
	volatile int ok = 1;

	for (volatile int ref = 0; ref < 2; ref++) {
		if (json_open(&js, write_file("{\"abc\": [\"x\"], \"de\": [1]}"))
		    != 0)
			abort();
		js.reference = ref;
		if (setjmp(js.on_error) == 0) {
			json_object_first(&js);
			json_skip(&js);
			ok &= js.len == 3;
			json_object_next(&js);
			json_skip(&js);
			ok &= js.len == 0;
		} else {
			ok = 0;
		}
		json_close(&js);
	}
	CHECK(ok, "after json_skip, js->len is as the careful path leaves it");
}

int
main(void)
{
	if (!mkdtemp(tmpdir))
		return 1;
	test_scanners();
	test_skip();
	test_skip_len();
	{
		char path[300];

		snprintf(path, sizeof path, "%s/doc.json", tmpdir);
		unlink(path);
		rmdir(tmpdir);
	}
	return unit_done();
}
