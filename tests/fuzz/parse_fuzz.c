/* hfsnap-parse itself: its main, on one input file, as a user runs it.
 * cmd/hfsnap-parse.c is compiled in with main renamed; standard output goes
 * to /dev/null; die() comes back here. */
#include <fcntl.h>
#include <getopt.h>

#include "fuzz.h"
#include "out.h"

int hfsnap_parse_main(int argc, char **argv);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int devnull = -1;
	char *argv[] = { "hfsnap-parse", "-d", "2025-07-10", NULL, NULL };

	argv[3] = (char *)fuzz_file(data, size);
	if (devnull < 0)
		devnull = open("/dev/null", O_WRONLY);
	dup2(devnull, 1);	/* the tool closes it at the end */
	optind = 0;		/* getopt starts afresh */
	if (setjmp(fuzz_jump) == 0)
		hfsnap_parse_main(4, argv);
	return 0;
}
