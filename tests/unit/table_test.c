/* Unit tests of lib/table: a table is read once (so standard input and
 * pipes work), a header of either name set is found even after the first
 * search undid quotes in place, a header that is not there is reported at
 * its line, and a table on standard input may not share it with the data.
 * Expected values are worked out by hand from the texts below. */
#include <stdlib.h>
#include <unistd.h>

#include "catch.h"
#include "err.h"
#include "table.h"
#include "unit.h"

static char tmpdir[] = "/tmp/hfsnap-table-XXXXXX";

static const char *
write_file(const char *name, const char *text)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	f = fopen(path, "wb");
	fputs(text, f);
	fclose(f);
	return path;
}

static bool
field_is(const struct field *f, const char *s)
{
	return f->len == strlen(s) && memcmp(f->p, s, f->len) == 0;
}

static const char *const org[] = { "hf_org", "org" };
static const char *const region[] = { "hf_org", "region" };

/* The second set's header with quoted names: the search for the first set
 * unquotes the line in place ("hf_org" -> hf_orgg"), so the second search
 * must start from the data as read. */
static void
test_either_quoted(void)
{
	struct table t;
	struct field f[2];
	int which;

	which = table_open_either(&t, write_file("q.csv",
	    "# notes\n\"hf_org\",\"region\",\"notes\"\nQwen,china,\"a, b\"\n"),
	    org, 2, region, 2);
	CHECK(which == 1, "quoted header of the second set found (got %d)",
	    which);
	CHECK(table_next(&t, f) && field_is(&f[0], "Qwen") &&
	    field_is(&f[1], "china") && t.lineno == 3,
	    "its first record, at line 3");
	CHECK(!table_next(&t, f), "then the end");
	table_close(&t);

	which = table_open_either(&t, write_file("o.csv",
	    "\"hf_org\",\"org\"\nfacebook,Meta\n"), org, 2, region, 2);
	CHECK(which == 0 && table_next(&t, f) && field_is(&f[1], "Meta"),
	    "quoted header of the first set");
	table_close(&t);
}

/* CR LF and a last line without a line end, wherever they fall. */
static void
test_line_ends(void)
{
	struct table t;
	struct field f[2];

	table_open(&t, write_file("crlf.csv",
	    "hf_org,region\r\nQwen,china\r\n"), region, 2);
	CHECK(table_next(&t, f) && field_is(&f[1], "china"),
	    "CR of CR LF dropped from the last field");
	table_close(&t);

	table_open(&t, write_file("cr.csv", "hf_org,region\nQwen,\"china\"\r"),
	    region, 2);
	CHECK(table_next(&t, f) && field_is(&f[1], "china") &&
	    !table_next(&t, f), "a quoted last field, then CR at the end");
	table_close(&t);

	table_open(&t, write_file("h.tsv", "hf_org\tregion"), region, 2);
	CHECK(t.sep == '\t' && !table_next(&t, f),
	    "a TSV header alone, without a line end");
	table_close(&t);

	CHECK(table_open_either(&t, write_file("h.csv",
	    "\"hf_org\",\"region\""), org, 2, region, 2) == 1 &&
	    !table_next(&t, f),
	    "a quoted CSV header alone, without a line end");
	table_close(&t);
}

/* "-" is standard input, which can be read only once: here a pipe. */
static void
test_stdin_pipe(void)
{
	static const char text[] = "hf_org\tregion\nnew-lab\teu\n";
	struct table t;
	struct field f[2];
	int fds[2], saved = dup(0), which;

	if (pipe(fds) != 0 || write(fds[1], text, sizeof text - 1) !=
	    (ssize_t)(sizeof text - 1)) {
		CHECK(0, "pipe set up");
		return;
	}
	close(fds[1]);
	dup2(fds[0], 0);
	close(fds[0]);
	which = table_open_either(&t, "-", org, 2, region, 2);
	CHECK(which == 1 && t.sep == '\t', "second set found on a pipe");
	CHECK(table_next(&t, f) && field_is(&f[0], "new-lab") &&
	    field_is(&f[1], "eu") && t.lineno == 2, "its record, at line 2");
	CHECK(!table_next(&t, f), "then the end");
	table_close(&t);
	dup2(saved, 0);
	close(saved);
}

/* No header: status 1, and the search stopped at the first line that is
 * neither a comment nor blank, which the message quotes. */
static void
test_no_header(void)
{
	struct table t = { 0 };
	char want[512];
	const char *path = write_file("n.csv",
	    "# a comment\n\nid,org\r\nQwen,Qwen\n");

	CATCH(table_open_either(&t, path, org, 2, region, 2));
	snprintf(want, sizeof want, "hfsnap: %s:3: 'id,org' is not a header "
	    "naming hf_org and org, or hf_org and region\n", path);
	CHECK(caught_status == EXIT_DATA && t.lineno == 3,
	    "no header: status 1 at line 3 (got %d at %lld)", caught_status,
	    t.lineno);
	CHECK_STR(caught, want, "the message quotes line 3 without its CR");
	table_close(&t);

	path = write_file("c.csv", "# only\n# comments\n");
	CATCH(table_open(&t, path, region, 2));
	snprintf(want, sizeof want, "hfsnap: %s: no header line naming hf_org "
	    "and region\n", path);
	CHECK(caught_status == EXIT_DATA && t.lineno == 0,
	    "comments only: status 1, no line (got %d at %lld)", caught_status,
	    t.lineno);
	CHECK_STR(caught, want, "comments only: the message names no line");
	table_close(&t);
}

/* A table on "-" conflicts with data on standard input: none given, or
 * "-" among them. */
static int
stdin_status(const char *path, int nfiles, char **files)
{
	CATCH(table_check_stdin("-r", path, nfiles, files));
	return caught_status;
}

static void
test_check_stdin(void)
{
	char a[] = "a.tsv", dash[] = "-";
	char *one[] = { a }, *two[] = { a, dash };

	CHECK(stdin_status("-", 0, NULL) == EXIT_USAGE,
	    "table and data both on stdin (no FILE): usage error");
	CHECK_STR(caught, "hfsnap: -r - and the data cannot both be standard "
	    "input: give the data as a FILE\nTry 'hfsnap -h' for more "
	    "information.\n", "its message");
	CHECK(stdin_status("-", 2, two) == EXIT_USAGE,
	    "table and data both on stdin (a '-' operand): usage error");
	CHECK(stdin_status("-", 1, one) == -1, "table on stdin, data in a file");
	CHECK(stdin_status("t.csv", 0, NULL) == -1,
	    "table in a file, data on stdin");
}

int
main(void)
{
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	test_either_quoted();
	test_line_ends();
	test_stdin_pipe();
	test_no_header();
	test_check_stdin();
	{
		char cmd[300];

		snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			printf("# could not remove %s\n", tmpdir);
	}
	return unit_done();
}
