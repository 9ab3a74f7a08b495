#include "group.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"

static int
compare(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);

	return c ? c : (an > bn) - (an < bn);
}

bool
group_is_new(struct grouping *g, const struct tsvin *in, const char *key,
    size_t n, day_t date)
{
	if (!g->started || n != g->len || memcmp(key, g->key, n) != 0)
		return true;
	if (date <= g->last) {
		char d[11] = "", p[11] = "";

		format_date(date, d);
		format_date(g->last, p);
		if (date == g->last)
			die_at(tsvin_name(in), tsvin_line(in), "date %s repeats "
			    "for model %s: one row per model and day (sort the "
			    "input with LC_ALL=C sort)", d, quote(key, n));
		die_at(tsvin_name(in), tsvin_line(in), "date %s comes after %s "
		    "for model %s: dates must ascend within a model (sort the "
		    "input with LC_ALL=C sort)", d, p, quote(key, n));
	}
	g->last = date;
	return false;
}

void
group_enter(struct grouping *g, const struct tsvin *in, const char *key,
    size_t n, day_t date)
{
	if (!g->started) {
		g->ascending = true;
	} else {
		hashset_add(&g->seen, hash_bytes(g->key, g->len));
		if (g->ascending && compare(key, n, g->key, g->len) < 0)
			g->ascending = false;
		if (!g->ascending && !hashset_add(&g->seen, hash_bytes(key, n)))
			die_at(tsvin_name(in), tsvin_line(in), "model %s appears "
			    "again after other models: the input must be grouped "
			    "by model (sort it with LC_ALL=C sort)", quote(key, n));
	}
	if (g->cap < n + 1) {
		g->cap = n + 64;
		g->key = xrealloc(g->key, g->cap);
	}
	memcpy(g->key, key, n);
	g->len = n;
	g->started = true;
	g->last = date;
}

void
group_free(struct grouping *g)
{
	free(g->key);
	hashset_free(&g->seen);
	memset(g, 0, sizeof *g);
}
