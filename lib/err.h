/* One error printer for every tool.
 *
 * Messages look like "tool: message" for usage and system errors and
 * "tool: FILE:LINE: message" for bad data.  Exit statuses follow grep and
 * diff: 0 success, 1 bad data or I/O failure, 2 bad usage. */
#ifndef HFSNAP_ERR_H
#define HFSNAP_ERR_H

#include <stdarg.h>
#include <stddef.h>

enum { EXIT_DATA = 1, EXIT_USAGE = 2 };

/* The tool's name, set once by err_init() from argv[0]'s base name. */
extern const char *progname;

void err_init(const char *argv0);

/* Print "tool: message" and exit with status.  Before exiting, the output
 * buffer is flushed so every complete row already produced stays written. */
_Noreturn void die(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Print "tool: FILE:LINE: message" and exit 1. */
_Noreturn void die_at(const char *file, long long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Print "tool: message" and "Try 'tool -h'" and exit 2. */
_Noreturn void die_usage(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* After getopt_long returned '?' or ':' (with opterr = 0 and an option
 * string starting with ':'): say which option was wrong and exit 2. */
_Noreturn void die_option(int opt, char **argv);

/* After -h or --version has printed to stdout: exit 0, or 1 with a message
 * when stdout could not be written (`tool -h >/dev/full`). */
_Noreturn void exit_help(void);

/* Print "tool: message" without exiting. */
void warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Hook run by die() before exiting: the output layer registers its flush. */
extern void (*err_before_exit)(void);

/* How die() ends the process once its message is out: exit(status).  It
 * is alone in lib/err_exit.c, so that a test harness can link its own in
 * its place (one that jumps back into the harness). */
_Noreturn void err_exit(int status);

/* Append a printable rendering of s[0..n) to a message: at most 60 bytes,
 * control bytes as \t \n \xNN.  Returns a static buffer, one of four used in
 * turn so a message can quote up to four values. */
const char *quote(const char *s, unsigned long n);

#endif
