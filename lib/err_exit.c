#include "err.h"

#include <stdlib.h>

/* Alone in its file: see err.h. */
void
err_exit(int status)
{
	exit(status);
}
