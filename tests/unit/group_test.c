/* Unit tests of lib/group: the check that rows come grouped by model,
 * dates ascending, with the messages it stops with. */
#include <stdlib.h>

#include "catch.h"
#include "date.h"
#include "group.h"
#include "unit.h"

static struct tsvin in;

/* Row `line` of model m on day `date` (YYYY-MM-DD): what the tools do. */
static void
row(struct grouping *g, long long line, const char *m, const char *date)
{
	day_t d;

	in.lr.lineno = line;
	parse_date(date, 10, &d);
	if (group_is_new(g, &in, m, strlen(m), d))
		group_enter(g, &in, m, strlen(m), d);
}

static void
test_grouped(void)
{
	struct grouping g = { 0 };
	day_t d;

	parse_date("2025-01-01", 10, &d);
	CHECK(group_is_new(&g, &in, "a", 1, d), "the first row starts a model");
	group_enter(&g, &in, "a", 1, d);
	CHECK(!group_is_new(&g, &in, "a", 1, d + 1), "the next day: same model");
	CHECK(group_is_new(&g, &in, "ab", 2, d), "a longer name is another model");
	group_enter(&g, &in, "ab", 2, d);
	CHECK(g.ascending, "a then ab: ascending");
	CHECK(group_is_new(&g, &in, "b", 1, d - 5), "b starts, on any day");
	group_enter(&g, &in, "b", 1, d - 5);
	CHECK(!group_is_new(&g, &in, "b", 1, d), "b's next day");
	CHECK(g.ascending, "a, ab, b: ascending");
	group_enter(&g, &in, "", 0, d);
	CHECK(!g.ascending, "the empty name after b: no longer ascending");
	CHECK(!group_is_new(&g, &in, "", 0, d + 1), "the empty name's next day");
	group_free(&g);
}

static void
test_errors(void)
{
	struct grouping g = { 0 };

	in.lr.name = "f.tsv";
	CATCH((row(&g, 2, "a", "2025-01-01"), row(&g, 3, "a", "2025-01-01")));
	CHECK(caught_status == 1, "a repeated date ends with status 1");
	CHECK_STR(caught, "hfsnap: f.tsv:3: date 2025-01-01 repeats for model "
	    "'a': one row per model and day (sort the input with LC_ALL=C "
	    "sort)\n", "and says which");
	group_free(&g);

	CATCH((row(&g, 2, "a", "2025-01-02"), row(&g, 3, "a", "2025-01-01")));
	CHECK_STR(caught, "hfsnap: f.tsv:3: date 2025-01-01 comes after "
	    "2025-01-02 for model 'a': dates must ascend within a model (sort "
	    "the input with LC_ALL=C sort)\n", "a date going back");
	group_free(&g);

	/* b, a, b: a breaks the ascending order, and b is then looked up
	 * among the models seen. */
	CATCH((row(&g, 2, "b", "2025-01-01"), row(&g, 3, "a", "2025-01-01"),
	    row(&g, 4, "b", "2025-01-02")));
	CHECK_STR(caught, "hfsnap: f.tsv:4: model 'b' appears again after "
	    "other models: the input must be grouped by model (sort it with "
	    "LC_ALL=C sort)\n", "a model that comes back");
	group_free(&g);

	/* a, b, c, a: c is past a in byte order, so a coming back is caught
	 * at once. */
	CATCH((row(&g, 2, "a", "2025-01-01"), row(&g, 3, "b", "2025-01-01"),
	    row(&g, 4, "c", "2025-01-01"), row(&g, 5, "a", "2025-01-01")));
	CHECK(caught_status == 1 && strstr(caught, "f.tsv:5: model 'a' appears "
	    "again") != NULL, "a model that comes back after ascending ones");
	group_free(&g);

	CATCH((row(&g, 2, "b", "2025-01-01"), row(&g, 3, "a", "2025-01-01"),
	    row(&g, 4, "c", "2025-01-01"), row(&g, 5, "d", "2025-01-01")));
	CHECK(caught_status == -1, "b, a, c, d: not sorted, but grouped: fine");
	group_free(&g);
}

int
main(void)
{
	in.lr.name = "-";
	test_grouped();
	test_errors();
	return unit_done();
}
