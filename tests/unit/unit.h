/* A tiny TAP producer for the C unit tests: each CHECK is one test line. */
#ifndef UNIT_H
#define UNIT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int unit_count, unit_failed;

#define CHECK(cond, ...) do {						\
	int ok_ = (cond) != 0;						\
	unit_count++;							\
	if (ok_) {							\
		printf("ok %d - ", unit_count);				\
	} else {							\
		unit_failed++;						\
		printf("not ok %d - ", unit_count);			\
	}								\
	printf(__VA_ARGS__);						\
	printf("\n");							\
	if (!ok_)							\
		printf("#   failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
} while (0)

#define CHECK_STR(got, want, ...) do {					\
	const char *g_ = (got), *w_ = (want);				\
	CHECK(strcmp(g_, w_) == 0, __VA_ARGS__);			\
	if (strcmp(g_, w_) != 0)					\
		printf("#   got '%s', want '%s'\n", g_, w_);		\
} while (0)

/* A file descriptor (1 or 2) sent to a temporary file while the code
 * under test writes to it, then put back and what it got read. */
struct capture {
	int fd, saved;
	FILE *file;
};

static inline void
capture_begin(struct capture *c, int fd)
{
	fflush(fd == 1 ? stdout : stderr);
	c->fd = fd;
	c->file = tmpfile();
	c->saved = dup(fd);
	if (!c->file || c->saved < 0 || dup2(fileno(c->file), fd) < 0) {
		perror("capture");
		exit(2);
	}
}

/* What the descriptor got, at most size - 1 bytes, NUL-terminated in buf. */
static inline void
capture_end(struct capture *c, char *buf, size_t size)
{
	size_t n;

	fflush(c->fd == 1 ? stdout : stderr);
	dup2(c->saved, c->fd);
	close(c->saved);
	rewind(c->file);
	n = fread(buf, 1, size - 1, c->file);
	buf[n] = '\0';
	fclose(c->file);
}

static int
unit_done(void)
{
	printf("1..%d\n", unit_count);
	return unit_failed != 0;
}

#endif
