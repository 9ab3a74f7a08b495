/* Unit tests of lib/: numbers, dates, TSV lines and fields, tables, JSON.
 * Expected values are worked out by hand (dates: counted from 1970-01-01,
 * cross-checked with `date -d`). */
#include <stdlib.h>
#include <unistd.h>

#include "date.h"
#include "err.h"
#include "json.h"
#include "num.h"
#include "table.h"
#include "tsv.h"
#include "unit.h"

static char tmpdir[] = "/tmp/hfsnap-unit-XXXXXX";

static const char *
write_file(const char *name, const char *text, size_t n)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	f = fopen(path, "wb");
	fwrite(text, 1, n, f);
	fclose(f);
	return path;
}

static void
test_quote(void)
{
	char worst[100];
	const char *q;

	/* Found by the TSV fuzzer: 60 control bytes shown as \xNN each,
	 * then the byte count, overflowed the 256-byte buffer. */
	memset(worst, 0x11, sizeof worst);
	q = quote(worst, sizeof worst);
	CHECK(strlen(q) == 2 + 60 * 4 + strlen("... (100 bytes)") &&
	    strncmp(q, "'\\x11", 5) == 0 &&
	    strcmp(q + strlen(q) - 15, "... (100 bytes)") == 0,
	    "quote of 100 control bytes: 60 shown as \\xNN, then the count");
	CHECK(strcmp(quote("a\tb", 3), "'a\\tb'") == 0, "quote escapes a TAB");
}

static void
test_counts(void)
{
	uint64_t v = 7;

	CHECK(parse_count("0", 1, &v) == NUM_OK && v == 0, "count 0");
	CHECK(parse_count("1234567", 7, &v) == NUM_OK && v == 1234567,
	    "count 1234567");
	CHECK(parse_count("9223372036854775807", 19, &v) == NUM_OK &&
	    v == 9223372036854775807ULL, "count 2^63-1 is the largest");
	CHECK(parse_count("9223372036854775808", 19, &v) == NUM_RANGE,
	    "count 2^63 overflows");
	CHECK(parse_count("99999999999999999999999", 23, &v) == NUM_RANGE,
	    "count of 23 digits overflows");
	CHECK(parse_count("-5", 2, &v) == NUM_NEGATIVE, "count -5 is negative");
	CHECK(parse_count("", 0, &v) == NUM_EMPTY, "empty count");
	CHECK(parse_count("1.0", 3, &v) == NUM_SYNTAX, "count 1.0 rejected");
	CHECK(parse_count("+1", 2, &v) == NUM_SYNTAX, "count +1 rejected");
	CHECK(parse_count(" 1", 2, &v) == NUM_SYNTAX, "count with blank rejected");
	CHECK(parse_count("1e3", 3, &v) == NUM_SYNTAX, "count 1e3 rejected");
	CHECK(parse_count("-", 1, &v) == NUM_SYNTAX, "count - rejected");
	CHECK(parse_count("12", 1, &v) == NUM_OK && v == 1,
	    "count reads only the given length");
}

static void
test_decimals(void)
{
	double d = 0;

	CHECK(parse_decimal("1.5", 3, &d) == NUM_OK && d == 1.5, "decimal 1.5");
	CHECK(parse_decimal("-2", 2, &d) == NUM_OK && d == -2, "decimal -2");
	CHECK(parse_decimal(".5", 2, &d) == NUM_OK && d == 0.5, "decimal .5");
	CHECK(parse_decimal("46.7", 4, &d) == NUM_OK && d == 46.7,
	    "decimal 46.7");
	CHECK(parse_decimal("1e3", 3, &d) == NUM_OK && d == 1000, "decimal 1e3");
	CHECK(parse_decimal("1e", 2, &d) == NUM_SYNTAX, "decimal 1e rejected");
	CHECK(parse_decimal("inf", 3, &d) == NUM_SYNTAX, "decimal inf rejected");
	CHECK(parse_decimal("0x10", 4, &d) == NUM_SYNTAX,
	    "decimal 0x10 rejected");
	CHECK(parse_decimal("1,5", 3, &d) == NUM_SYNTAX, "decimal 1,5 rejected");
	CHECK(parse_decimal(".", 1, &d) == NUM_SYNTAX, "decimal . rejected");
	CHECK(parse_decimal("1e999", 5, &d) == NUM_RANGE,
	    "decimal 1e999 out of range");
	CHECK(round_half_away(2.5) == 3 && round_half_away(-2.5) == -3 &&
	    round_half_away(2.4999) == 2 && round_half_away(0.5) == 1,
	    "round half away from zero");
}

/* The first day of d's period, and of the period after it. */
static day_t
start_of(day_t d, enum period p)
{
	return period_day(period_index(d, p), p);
}

static day_t
next_of(day_t d, enum period p)
{
	return period_day(period_index(d, p) + 1, p);
}

static void
test_dates(void)
{
	day_t d = 0;
	char buf[11] = "";
	int y, m, dd, ok = 1;

	CHECK(parse_date("1970-01-01", 10, &d) == 0 && d == 0, "epoch is day 0");
	CHECK(parse_date("2025-07-10", 10, &d) == 0 && d == 20279,
	    "2025-07-10 is day 20279");
	CHECK(parse_date("2024-02-29", 10, &d) == 0, "2024-02-29 exists");
	CHECK(parse_date("2025-02-29", 10, &d) == -1, "2025-02-29 does not");
	CHECK(parse_date("2025-02-30", 10, &d) == -1, "2025-02-30 does not");
	CHECK(parse_date("1900-02-29", 10, &d) == -1,
	    "1900-02-29 does not (century)");
	CHECK(parse_date("2000-02-29", 10, &d) == 0,
	    "2000-02-29 exists (400 years)");
	CHECK(parse_date("2025-13-01", 10, &d) == -1, "month 13 rejected");
	CHECK(parse_date("2025-00-10", 10, &d) == -1, "month 0 rejected");
	CHECK(parse_date("2025-04-31", 10, &d) == -1, "April 31 rejected");
	CHECK(parse_date("2025-1-01", 9, &d) == -1, "short form rejected");
	CHECK(parse_date("2025/01/01", 10, &d) == -1, "slashes rejected");
	CHECK(parse_date("1969-12-31", 10, &d) == 0 && d == -1,
	    "1969-12-31 is day -1");
	for (d = days_from_civil(1, 1, 1); d < days_from_civil(9999, 12, 31);
	    d += 97) {
		day_t back;

		format_date(d, buf);
		if (parse_date(buf, 10, &back) != 0 || back != d)
			ok = 0;
	}
	CHECK(ok, "format and parse round-trip over years 1..9999");
	/* Day after day, as a series reads them (parse_date keeps the month
	 * it read last): every day of 1999-2001 parses to its number, and
	 * the kept month still checks the day. */
	for (ok = 1, d = days_from_civil(1999, 1, 1);
	    d <= days_from_civil(2001, 12, 31); d++) {
		day_t back;

		format_date(d, buf);
		if (parse_date(buf, 10, &back) != 0 || back != d)
			ok = 0;
	}
	CHECK(ok, "day after day over 1999..2001, each parsed to its number");
	CHECK(parse_date("2024-02-01", 10, &d) == 0 &&
	    parse_date("2024-02-29", 10, &d) == 0 &&
	    d == days_from_civil(2024, 2, 29) &&
	    parse_date("2024-02-30", 10, &d) == -1 &&
	    parse_date("2024-02-00", 10, &d) == -1 &&
	    parse_date("2024-02-1x", 10, &d) == -1 &&
	    parse_date("2024-02-1", 9, &d) == -1, "the month read last still checks the day");
	CHECK(parse_date("2025-02-01", 10, &d) == 0 &&
	    parse_date("2025-02-29", 10, &d) == -1 &&
	    parse_date("2024-02-29", 10, &d) == 0, "February's length by its own year, read after another");
	civil_from_days(days_from_civil(2024, 12, 31), &y, &m, &dd);
	CHECK(y == 2024 && m == 12 && dd == 31, "civil_from_days 2024-12-31");
	parse_date("2025-07-14", 10, &d);
	CHECK(weekday(d) == 0, "2025-07-14 is a Monday");
	parse_date("2025-07-10", 10, &d);
	CHECK(weekday(d) == 3, "2025-07-10 is a Thursday");
	format_date(start_of(d, PERIOD_WEEK), buf);
	CHECK_STR(buf, "2025-07-07", "week of 2025-07-10 starts on Monday 07");
	format_date(next_of(d, PERIOD_WEEK), buf);
	CHECK_STR(buf, "2025-07-14", "next week starts 2025-07-14");
	format_date(start_of(d, PERIOD_MONTH), buf);
	CHECK_STR(buf, "2025-07-01", "month start");
	format_date(start_of(d, PERIOD_YEAR), buf);
	CHECK_STR(buf, "2025-01-01", "year start");
	format_date(start_of(d, PERIOD_DAY), buf);
	CHECK_STR(buf, "2025-07-10", "a day is its own period");
	format_date(next_of(d, PERIOD_YEAR), buf);
	CHECK_STR(buf, "2026-01-01", "the next year");
	parse_date("2024-12-15", 10, &d);
	format_date(next_of(d, PERIOD_MONTH), buf);
	CHECK_STR(buf, "2025-01-01", "month after December");
	parse_date("2024-01-31", 10, &d);
	format_date(next_of(d, PERIOD_MONTH), buf);
	CHECK_STR(buf, "2024-02-01", "month after January 31");
	parse_date("2025-06-01", 10, &d);
	format_date(start_of(d, PERIOD_WEEK), buf);
	CHECK_STR(buf, "2025-05-26", "a Sunday belongs to the week before");
	parse_date("1969-12-31", 10, &d);
	format_date(start_of(d, PERIOD_WEEK), buf);
	CHECK_STR(buf, "1969-12-29", "a week before 1970 starts on Monday too");
	format_date(start_of(d, PERIOD_MONTH), buf);
	CHECK_STR(buf, "1969-12-01", "a month before 1970");
	/* Numbers: 1970-01-05 starts week 0 (the week before is -1),
	 * 2025-07 is month 2025 x 12 + 6. */
	parse_date("1970-01-04", 10, &d);
	CHECK(period_index(d, PERIOD_WEEK) == -1 &&
	    period_index(d + 1, PERIOD_WEEK) == 0, "week numbers around 1970-01-05");
	parse_date("2025-07-31", 10, &d);
	CHECK(period_index(d, PERIOD_MONTH) == 24306 &&
	    period_index(d, PERIOD_YEAR) == 2025 && period_index(d,
	    PERIOD_DAY) == d, "month, year and day numbers of 2025-07-31");
	{
		int ok_idx = 1, p;

		/* Every day from 1969 to 2101 lies in its period, and the
		 * period after it starts where its own ends. */
		for (p = PERIOD_DAY; p <= PERIOD_YEAR; p++)
			for (d = -400; d < 48000; d += 3) {
				day_t s = start_of(d, (enum period)p);
				day_t e = next_of(d, (enum period)p);

				if (s > d || e <= d ||
				    period_index(e - 1, (enum period)p) !=
				    period_index(d, (enum period)p) ||
				    period_index(s - 1, (enum period)p) !=
				    period_index(d, (enum period)p) - 1)
					ok_idx = 0;
			}
		CHECK(ok_idx, "every day lies in its period, between its first "
		    "day and the next period's");
	}
	CHECK(parse_period("week") == PERIOD_WEEK &&
	    parse_period("weeks") == -1, "period names");
}

static void
test_lines(void)
{
	static char big[300001];
	struct linereader lr;
	struct fields fs = { 0 };
	char *line;
	size_t len;
	const char *path;

	path = write_file("lines.tsv", "a\tb\r\n\n#x\tlast", 13);
	lr_open(&lr, path);
	CHECK(lr_next(&lr, &line, &len) && len == 3 &&
	    memcmp(line, "a\tb", 3) == 0, "CRLF line loses its CR");
	CHECK(lr_next(&lr, &line, &len) && len == 0, "empty line");
	CHECK(lr_next(&lr, &line, &len) && len == 7 && lr.lineno == 3,
	    "last line without LF, line number 3");
	CHECK(!lr_next(&lr, &line, &len), "then end of file");
	lr_close(&lr);

	/* An empty first line, and a line of a CR alone: both empty. */
	path = write_file("empty.tsv", "\n\r\nx\r", 5);
	lr_open(&lr, path);
	CHECK(lr_next(&lr, &line, &len) && len == 0, "an empty first line");
	CHECK(lr_next(&lr, &line, &len) && len == 0,
	    "a line of CR alone is empty");
	CHECK(lr_next(&lr, &line, &len) && len == 1 && line[0] == 'x',
	    "a last line of x and CR, no LF: x");
	CHECK(!lr_next(&lr, &line, &len), "then the end");
	lr_close(&lr);

	memset(big, 'x', sizeof big - 1);
	big[150000] = '\t';
	path = write_file("big.tsv", big, sizeof big - 1);
	lr_open(&lr, path);
	CHECK(lr_next(&lr, &line, &len) && len == sizeof big - 1,
	    "a 300 kB line larger than the read block");
	split_fields(&fs, line, len);
	CHECK(fs.n == 2 && fs.f[0].len == 150000 &&
	    fs.f[1].len == 300000 - 150001, "its two fields");
	lr_close(&lr);

	split_fields(&fs, (char[]){ "a\tb\t\tc" }, 6);
	CHECK(fs.n == 4 && fs.f[2].len == 0 && fs.f[3].p[0] == 'c',
	    "four fields, one empty");
	split_fields(&fs, (char[]){ "" }, 0);
	CHECK(fs.n == 1 && fs.f[0].len == 0, "empty line is one empty field");
	free(fs.f);
}

static void
test_input(void)
{
	static const char a[] = "#model\tdate\tdownloads\nm1\t2025-01-01\t5\n";
	static const char b[] = "#model\tdate\tdownloads\r\nm2\t2025-01-02\t6\r\n";
	char pa[256], pb[256];
	char *files[2] = { pa, pb };
	struct tsvin in;
	struct fields fs = { 0 };

	snprintf(pa, sizeof pa, "%s", write_file("a.tsv", a, sizeof a - 1));
	snprintf(pb, sizeof pb, "%s", write_file("b.tsv", b, sizeof b - 1));
	tsvin_open(&in, 2, files);
	CHECK(in.has_header && in.names.n == 3, "header of three names");
	CHECK(column_index(&in, "downloads", "-v") == 2 &&
	    column_index(&in, "1", "-m") == 0, "columns by name and number");
	CHECK(tsvin_next(&in, &fs) && fs.n == 3 && fs.f[0].p[1] == '1',
	    "first row");
	CHECK(tsvin_next(&in, &fs) && fs.n == 3 && fs.f[0].p[1] == '2' &&
	    tsvin_line(&in) == 2, "second file's copy of the header (CRLF) skipped");
	CHECK(!tsvin_next(&in, &fs), "end of both files");
	tsvin_close(&in);
	free(fs.f);
}

static void
test_tables(void)
{
	static const char *const names[] = { "model_id", "total_params_b" };
	static const char csv[] =
	    "# a comment, with \"a stray quote\n"
	    "model_id,total_params_b,notes\r\n"
	    "a/b,8,plain\r\n"
	    "\"c/d\",46.7,\"quoted, with comma and \"\"quotes\"\"\"\n"
	    "\n"
	    "e/f,235,\"two\nlines\"\n"
	    "g/h,,\n";
	static const char tsv[] = "#model_id\ttotal_params_b\nx/y\t0.5\n";
	struct table t;
	struct field f[2];

	table_open(&t, write_file("t.csv", csv, sizeof csv - 1), names, 2);
	CHECK(t.sep == ',', "CSV recognised by its header");
	CHECK(table_next(&t, f) && f[0].len == 3 && memcmp(f[0].p, "a/b", 3) == 0
	    && f[1].len == 1 && f[1].p[0] == '8', "first record, CR dropped");
	CHECK(table_next(&t, f) && f[0].len == 3 && memcmp(f[0].p, "c/d", 3) == 0
	    && f[1].len == 4, "quoted id unquoted");
	CHECK(t.rec.f[2].len == 31 &&
	    memcmp(t.rec.f[2].p, "quoted, with comma and \"quotes\"", 31) == 0,
	    "comma and doubled quotes inside quotes");
	CHECK(table_next(&t, f) && f[1].len == 3 && t.lineno == 6,
	    "blank line skipped, record at line 6");
	CHECK(table_next(&t, f) && f[1].len == 0 && t.lineno == 8,
	    "line count includes the quoted line break");
	CHECK(!table_next(&t, f), "end of table");
	table_close(&t);

	table_open(&t, write_file("t.tsv", tsv, sizeof tsv - 1), names, 2);
	CHECK(t.sep == '\t' && table_next(&t, f) && f[1].len == 3,
	    "TSV with '#' header");
	table_close(&t);
}

static const char *
json_first_string(const char *text)
{
	static char got[64];
	struct json js;

	json_open(&js, write_file("s.json", text, strlen(text)));
	if (setjmp(js.on_error)) {
		snprintf(got, sizeof got, "error");
	} else {
		json_string(&js);
		snprintf(got, sizeof got, "%s", js.str);
	}
	json_close(&js);
	return got;
}

static const char *
json_error_of(const char *text)
{
	static char msg[512];
	struct json js;

	json_open(&js, write_file("e.json", text, strlen(text)));
	if (setjmp(js.on_error)) {
		/* Drop the temporary directory from the file name. */
		snprintf(msg, sizeof msg, "%s", strrchr(js.msg, '/') + 1);
	} else {
		json_skip(&js);
		snprintf(msg, sizeof msg, "no error");
	}
	json_close(&js);
	return msg;
}

static void
test_json(void)
{
	CHECK_STR(json_first_string("\"a\\\"b\\\\c\\/\\n\""), "a\"b\\c/\n",
	    "simple escapes");
	CHECK_STR(json_first_string("\"\\u00e9\\u4e2d\""), "\xc3\xa9\xe4\xb8\xad",
	    "\\u escapes to UTF-8");
	CHECK_STR(json_first_string("\"\\ud83d\\ude00\""), "\xf0\x9f\x98\x80",
	    "surrogate pair to one code point");
	CHECK_STR(json_first_string("\"\\ud800x\""), "\xef\xbf\xbdx",
	    "lone high surrogate becomes U+FFFD");
	CHECK_STR(json_first_string("\"\\udc00\""), "\xef\xbf\xbd",
	    "lone low surrogate becomes U+FFFD");
	CHECK_STR(json_first_string("\"\\ud800\\n\""), "\xef\xbf\xbd\n",
	    "high surrogate then another escape");
	CHECK_STR(json_first_string("\"\\ud800\\u0041\""), "\xef\xbf\xbd" "A",
	    "high surrogate then a non-surrogate \\u");
	CHECK_STR(json_first_string("\"tab\there\""), "error",
	    "raw TAB in a string rejected");
	CHECK_STR(json_first_string("\"\\u00C9\\u00c9\\uD83D\\uDE00\""),
	    "\xc3\x89\xc3\x89\xf0\x9f\x98\x80",
	    "\\u escapes in upper and lower case");
	CHECK_STR(json_first_string("\"\\u004G\""), "error",
	    "a \\u escape with a letter past F rejected");
	{
		/* Every control byte, U+0001 to U+001F, stops a string:
		 * JSON allows them only escaped. */
		char text[8];
		int c, all = 1;

		for (c = 1; c < 0x20; c++) {
			snprintf(text, sizeof text, "\"a%cb\"", c);
			if (strcmp(json_first_string(text), "error") != 0) {
				printf("# control byte 0x%02x was taken\n", c);
				all = 0;
			}
		}
		CHECK(all, "each of the 31 raw control bytes in a string rejected");
		CHECK_STR(json_first_string("\"\x7f\x20~\""), "\x7f ~",
		    "DEL, space and ~ are plain characters");
	}
	CHECK_STR(json_error_of("[1,\n  2,]"), "e.json:2:5: expected a value, "
	    "found ']'", "error names line and column");
	CHECK_STR(json_error_of("{\"a\":[{\"b\":[true,false,null,-1.5e3]}]}"),
	    "no error", "skip a nested value");
	CHECK_STR(json_error_of("[\"abc"), "e.json:1:6: unterminated string",
	    "unterminated string at end of input");
	CHECK_STR(json_error_of("[1e0,2E+05,3e-0,0.5e10,-0]"), "no error",
	    "exponents of every form, 0 among their digits");
	CHECK_STR(json_error_of("[1e]"),
	    "e.json:1:4: expected a digit in the exponent, found ']'",
	    "an exponent without digits");
	CHECK_STR(json_error_of("[01]"),
	    "e.json:1:3: expected ',' or ']', found '1'", "leading zero");
}

int
main(void)
{
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	test_quote();
	test_counts();
	test_decimals();
	test_dates();
	test_lines();
	test_input();
	test_tables();
	test_json();
	{
		char cmd[300];

		snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			printf("# could not remove %s\n", tmpdir);
	}
	return unit_done();
}
