/* The JSON reader: --validate's path (skip one value, then nothing) and the
 * path hfsnap-parse takes (objects walked member by member, strings and
 * numbers decoded, the rest skipped), on the same bytes. */
#include "fuzz.h"
#include "json.h"

static void
walk(struct json *js, int depth)
{
	int c = json_peek(js);
	int more;

	if (depth > 6) {
		json_skip(js);
		return;
	}
	switch (c) {
	case '{':
		for (more = json_object_first(js); more; more = json_object_next(js)) {
			if (js->len % 3 == 0)
				json_skip(js);
			else
				walk(js, depth + 1);
		}
		break;
	case '[':
		for (more = json_array_first(js); more; more = json_array_next(js))
			walk(js, depth + 1);
		break;
	case '"':
		json_string(js);
		if (js->str[js->len] != '\0')
			abort();
		break;
	case 't': case 'f': case 'n':
		json_literal(js);
		break;
	default:
		json_number(js);
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(data, size);
	struct json js;

	json_open(&js, path);
	if (setjmp(js.on_error) == 0) {
		json_skip_bom(&js);
		if (json_peek(&js) != -1) {
			json_skip(&js);
			(void)json_peek(&js);
		}
	}
	json_close(&js);

	json_open(&js, path);
	if (setjmp(js.on_error) == 0) {
		json_skip_bom(&js);
		while (json_peek(&js) != -1)
			walk(&js, 0);
	}
	json_close(&js);
	return 0;
}
