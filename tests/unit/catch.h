/* For unit tests of code that ends the program on bad input.
 *
 * This file's err_exit takes the place of lib/err_exit.c's at link time
 * (the linker takes the test's definition and never pulls that member out
 * of libhfsnap.a) and jumps back to the CATCH that ran the code, which
 * keeps what was written to standard error meanwhile.  Include it in one
 * test file only. */
#ifndef CATCH_H
#define CATCH_H

#include <setjmp.h>
#include <stdlib.h>

#include "err.h"
#include "unit.h"

static jmp_buf catch_jump;
static int catch_armed;
/* After CATCH: the status the code ended with, or -1 when it returned; and
 * what it wrote to standard error. */
static int caught_status;
static char caught[4096];

void
err_exit(int status)
{
	if (!catch_armed)
		exit(status);
	caught_status = status;
	longjmp(catch_jump, 1);
}

static struct capture catch_capture;

static void
catch_begin(void)
{
	capture_begin(&catch_capture, 2);
	caught_status = -1;
	caught[0] = '\0';
	catch_armed = 1;
}

static void
catch_end(void)
{
	catch_armed = 0;
	capture_end(&catch_capture, caught, sizeof caught);
}

/* Runs the statement stmt: caught_status and caught say how it ended. */
#define CATCH(stmt) do {						\
	catch_begin();							\
	if (setjmp(catch_jump) == 0)					\
		stmt;							\
	catch_end();							\
} while (0)

#endif
