/* json-check: is FILE exactly one JSON text (RFC 8259)?  Exit 0 when it
 * is, 1 with the position of the first error when it is not.
 *
 * The conformance suite (JSONTestSuite) is run through this: it holds
 * texts of every kind, while hfsnap-parse takes only model listings, so
 * the suite checks lib/json's reader directly. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "json.h"

int
main(int argc, char **argv)
{
	struct json js;

	err_init(argv[0]);
	if (argc != 2) {
		fprintf(stderr, "usage: json-check FILE\n");
		return 2;
	}
	if (json_open(&js, argv[1]) != 0)
		die(EXIT_DATA, "%s: %s", argv[1], strerror(errno));
	if (setjmp(js.on_error)) {
		warnx("%s", js.msg);
		json_close(&js);
		return 1;
	}
	json_skip_bom(&js);
	if (json_peek(&js) == -1)
		json_fail(&js, "no JSON text");
	json_skip(&js);
	if (json_peek(&js) != -1)
		json_fail(&js, "data after the JSON text");
	json_close(&js);
	return 0;
}
