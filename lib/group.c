#include "group.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"

bool
group_is_new(struct grouping *g, const struct tsvin *in, const char *key,
    size_t n, day_t date)
{
	if (!bytes_equal(&g->key, key, n))
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
	if (!g->key.set) {
		g->ascending = true;
	} else {
		hashset_add(&g->seen, hash_bytes(g->key.p, g->key.len));
		if (g->ascending && bytes_cmp(key, n, g->key.p, g->key.len) < 0)
			g->ascending = false;
		if (!g->ascending && !hashset_add(&g->seen, hash_bytes(key, n)))
			die_at(tsvin_name(in), tsvin_line(in), "model %s appears "
			    "again after other models: the input must be grouped "
			    "by model (sort it with LC_ALL=C sort)", quote(key, n));
	}
	bytes_set(&g->key, key, n);
	g->last = date;
}

void
group_free(struct grouping *g)
{
	bytes_free(&g->key);
	hashset_free(&g->seen);
	memset(g, 0, sizeof *g);
}
