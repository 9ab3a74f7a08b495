#include "err.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *progname = "hfsnap";
void (*err_before_exit)(void);

void
err_init(const char *argv0)
{
	const char *slash = strrchr(argv0, '/');

	progname = slash ? slash + 1 : argv0;
}

static _Noreturn void
finish(int status)
{
	void (*flush)(void) = err_before_exit;

	/* A flush that fails calls die() again; clear the hook first so that
	 * cannot loop. */
	err_before_exit = NULL;
	if (flush)
		flush();
	err_exit(status);
}

/* "tool: " [where] message [extra]. */
static void
say(const char *where, long long line, const char *extra, const char *fmt,
    va_list ap)
{
	fprintf(stderr, "%s: ", progname);
	if (where)
		fprintf(stderr, "%s:%lld: ", where, line);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	if (extra)
		fprintf(stderr, extra, progname);
}

void
die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(NULL, 0, NULL, fmt, ap);
	va_end(ap);
	finish(status);
}

void
die_at(const char *file, long long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(file, line, NULL, fmt, ap);
	va_end(ap);
	finish(EXIT_DATA);
}

void
die_usage(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(NULL, 0, "Try '%s -h' for more information.\n", fmt, ap);
	va_end(ap);
	/* Usage errors are found before any output, but flush anyway. */
	finish(EXIT_USAGE);
}

void
die_option(int opt, char **argv)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "";

	bool is_long = arg[0] == '-' && arg[1] == '-';
	const char *eq = strchr(arg, '=');

	if (opt == ':') {
		if (!is_long)
			die_usage("option '-%c' needs an argument", optopt);
		die_usage("option '%s' needs an argument", arg);
	}
	/* A long option's optopt is its code, not a letter: glibc sets it
	 * when a flag was given a value (--validate=1), 0 when the name is
	 * unknown or ambiguous. */
	if (is_long && optopt && eq)
		die_usage("option '%.*s' takes no value", (int)(eq - arg), arg);
	if (!is_long && optopt)
		die_usage("unknown option '-%c'", optopt);
	die_usage("unknown option '%s'", arg);
}

void
exit_help(void)
{
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
		int e = errno;

		fprintf(stderr, "%s: write error: %s\n", progname, strerror(e));
		exit(EXIT_DATA);
	}
	exit(0);
}

void
warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(NULL, 0, NULL, fmt, ap);
	va_end(ap);
}

const char *
quote(const char *s, unsigned long n)
{
	static char bufs[4][320];	/* 60 bytes as \xNN, quotes, the count */
	static int next;
	char *buf = bufs[next++ & 3], *p = buf;
	unsigned long i, shown = n > 60 ? 60 : n;

	*p++ = '\'';
	for (i = 0; i < shown; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\t') {
			*p++ = '\\'; *p++ = 't';
		} else if (c == '\n') {
			*p++ = '\\'; *p++ = 'n';
		} else if (c == '\r') {
			*p++ = '\\'; *p++ = 'r';
		} else if (c < 0x20 || c == 0x7f) {
			p += sprintf(p, "\\x%02x", c);
		} else {
			*p++ = (char)c;
		}
	}
	*p++ = '\'';
	if (shown < n)
		p += sprintf(p, "... (%lu bytes)", n);
	*p = '\0';
	return buf;
}
