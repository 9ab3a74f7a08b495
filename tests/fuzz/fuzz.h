/* Shared set-up of the libFuzzer harnesses: the input is written to a
 * memory file that the library opens by name, as a tool opens its operand,
 * and die() longjmps back here instead of exiting: this file's err_exit
 * takes the place of lib/err_exit.c, which the Makefile leaves out of a
 * harness.  The harnesses run with -close_fd_mask=2, so the messages die()
 * writes go nowhere (libFuzzer keeps its own report). */
#ifndef FUZZ_H
#define FUZZ_H


#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "err.h"

static jmp_buf fuzz_jump;
static int fuzz_fd = -1;
static char fuzz_path[64];

void
err_exit(int status)
{
	longjmp(fuzz_jump, status ? status : 1);
}

/* Puts the input where fuzz_path names it. */
static const char *
fuzz_file(const uint8_t *data, size_t size)
{
	if (fuzz_fd < 0) {
		fuzz_fd = memfd_create("fuzz", 0);
		if (fuzz_fd < 0)
			abort();
		snprintf(fuzz_path, sizeof fuzz_path, "/proc/self/fd/%d", fuzz_fd);
	}
	if (ftruncate(fuzz_fd, 0) != 0 ||
	    pwrite(fuzz_fd, data, size, 0) != (ssize_t)size)
		abort();
	return fuzz_path;
}

#endif
