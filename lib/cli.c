#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "num.h"
#include "version.h"

enum { MAX_OPTIONS = 40, VERSION_OPTION = 0x10000 };

/* The column options' long names: the same in every tool that has the
 * letter. */
static const struct option columns[] = {
	OPTION_ARG("model", 'm'),
	OPTION_ARG("date", 't'),
	OPTION_ARG("value", 'v'),
	OPTION_ARG("group", 'g'),
};

static const struct option shared[] = {
	OPTION_FLAG("help", 'h'),
	OPTION_FLAG("version", VERSION_OPTION),
};

/* The whole table for getopt_long: the tool's options, the column names
 * of its letters, then help and version. */
static void
table(const char *letters, const struct option *own, struct option *all,
    char *shortopts, size_t size)
{
	size_t n = 0, i;

	for (; own[n].name; n++) {
		/* Room for the shared options after the tool's own. */
		if (n + 8 > MAX_OPTIONS)
			abort();
		all[n] = own[n];
	}
	for (i = 0; i < sizeof columns / sizeof columns[0]; i++)
		if (strchr(letters, columns[i].val))
			all[n++] = columns[i];
	for (i = 0; i < sizeof shared / sizeof shared[0]; i++)
		all[n++] = shared[i];
	memset(&all[n], 0, sizeof all[n]);
	/* ':' first: a missing argument is told from an unknown option, and
	 * getopt itself prints nothing (die_option says what was wrong). */
	snprintf(shortopts, size, ":%sh", letters);
}

int
cli_next(int argc, char **argv, const char *letters,
    const struct option *longopts, void (*usage)(void))
{
	static struct option all[MAX_OPTIONS];
	static char shortopts[64];
	int c;

	if (!all[0].name)
		table(letters, longopts, all, shortopts, sizeof shortopts);
	c = getopt_long(argc, argv, shortopts, all, NULL);
	switch (c) {
	case 'h':
		usage();
		exit_help();
	case VERSION_OPTION:
		printf("%s %s\n", progname, HFSNAP_VERSION);
		exit_help();
	case '?':
	case ':':
		die_option(c, argv);
	}
	return c;
}

uint64_t
cli_count(const char *option, const char *arg, uint64_t lo, uint64_t hi)
{
	uint64_t n;

	if (parse_count(arg, strlen(arg), &n) != NUM_OK || n < lo || n > hi)
		die_usage("%s %s: not a whole number from %llu to %llu", option,
		    arg, (unsigned long long)lo, (unsigned long long)hi);
	return n;
}

day_t
cli_date(const char *option, const char *arg)
{
	day_t d;

	if (parse_date(arg, strlen(arg), &d) != 0)
		die_usage("%s %s: not a date (YYYY-MM-DD)", option, arg);
	return d;
}

const char *
cli_cell(const char *option, const char *what, const char *arg, size_t max)
{
	size_t n = strlen(arg);
	char size[40] = "non-empty";

	if (max)
		snprintf(size, sizeof size, "1 to %zu bytes", max);
	if (n == 0 || (max && n > max) || strpbrk(arg, "\t\n\r"))
		die_usage("%s: %s is not %s: it must be %s, without TAB or line "
		    "break", option, quote(arg, n), what, size);
	return arg;
}
