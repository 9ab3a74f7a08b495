/* A tiny TAP producer for the C unit tests: each CHECK is one test line. */
#ifndef UNIT_H
#define UNIT_H

#include <stdio.h>
#include <string.h>

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

static int
unit_done(void)
{
	printf("1..%d\n", unit_count);
	return unit_failed != 0;
}

#endif
