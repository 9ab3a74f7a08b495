/* The command line as every tool reads it: getopt_long with the options
 * all tools share answered here (-h, --help, --version), the long names of
 * the column options the same everywhere, one wording for a wrong option,
 * and the values options take (whole numbers, dates, labels), checked
 * before any input is read. */
#ifndef HFSNAP_CLI_H
#define HFSNAP_CLI_H

#include <getopt.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"

/* The next of the tool's own options, or -1 when there are no more (optind
 * is then the first operand).  letters are the tool's short options, in
 * getopt's form ("m:t:v:"); longopts its long ones, ending with a zero
 * entry.  A letter that is a column option in every tool gets its long
 * name here: -m --model, -t --date, -v --value, -g --group.  -h and --help
 * write usage() to standard output and exit 0; --version writes "TOOL
 * VERSION" and exits 0; an unknown option, or one missing its argument, is
 * a usage error (status 2). */
int cli_next(int argc, char **argv, const char *letters,
    const struct option *longopts, void (*usage)(void));

/* The entries of longopts: an option that takes a value, one that does
 * not, and the end of the list. */
#define OPTION_ARG(name, key)	{ name, required_argument, NULL, key }
#define OPTION_FLAG(name, key)	{ name, no_argument, NULL, key }
#define OPTIONS_END		{ NULL, 0, NULL, 0 }

/* arg as a whole number from lo to hi; anything else is a usage error,
 * "OPTION ARG: not a whole number from LO to HI". */
uint64_t cli_count(const char *option, const char *arg, uint64_t lo,
    uint64_t hi);

/* arg as a date YYYY-MM-DD; anything else is a usage error, "OPTION ARG:
 * not a date (YYYY-MM-DD)". */
day_t cli_date(const char *option, const char *arg);

/* arg as the text of a cell a tool writes (a label, a column name):
 * non-empty, at most max bytes (0: any number), without TAB or line break;
 * anything else is a usage error naming what it should be ("a label"). */
const char *cli_cell(const char *option, const char *what, const char *arg,
    size_t max);

#endif
