/* hfsnap-parse itself: its main, on one input file, as a user runs it.
 * cmd/hfsnap-parse.c is compiled in with main renamed; standard output goes
 * to /dev/null; die() comes back here.  The input's first byte picks the
 * mode, so one corpus reaches plain listings, -k wrappers and --validate;
 * every added column is asked for, so every member reader is reached. */
#include <fcntl.h>
#include <getopt.h>

#include "fuzz.h"
#include "out.h"

int hfsnap_parse_main(int argc, char **argv);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int devnull = -1;
	static char all[] = "id,base_models,gated,private,disabled,author,"
	    "last_modified,trending_score,license,gguf_architecture,"
	    "context_length";
	char *argv[12] = { "hfsnap-parse", "-d", "2025-07-10" };
	int argc = 3, mode = size > 0 ? data[0] % 4 : 0;

	if (mode == 3) {	/* the downloadsAllTime rule applies */
		argv[argc++] = "-f";
		argv[argc++] = "model,downloads";
	} else {
		argv[argc++] = "--allow-no-total";
		argv[argc++] = "-a";
		argv[argc++] = all;
	}
	if (mode == 1) {
		argv[argc++] = "-k";
		argv[argc++] = "models";
	} else if (mode == 2) {
		argv[argc++] = "--validate";
	}
	argv[argc++] = (char *)fuzz_file(data, size);
	if (devnull < 0)
		devnull = open("/dev/null", O_WRONLY);
	dup2(devnull, 1);	/* the tool closes it at the end */
	optind = 0;		/* getopt starts afresh */
	if (setjmp(fuzz_jump) == 0)
		hfsnap_parse_main(argc, argv);
	return 0;
}
