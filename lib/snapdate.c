#include "snapdate.h"

#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "date.h"
#include "json.h"

/* The first YYYY-MM-DD in the base name of path: 1 found, 0 none, -1 one
 * that is not a real date (said in why). */
static int
date_from_name(const char *path, char date[10], char *why, size_t n)
{
	const char *base = strrchr(path, '/'), *p;
	day_t d;

	base = base ? base + 1 : path;
	for (p = base; strlen(p) >= 10; p++) {
		static const char shape[] = "dddd-dd-dd";
		int i;

		for (i = 0; i < 10; i++)
			if (shape[i] == 'd' ? (p[i] < '0' || p[i] > '9') :
			    p[i] != '-')
				break;
		if (i < 10)
			continue;
		if (parse_date(p, 10, &d) != 0) {
			snprintf(why, n, "%s: %.10s in the file name is not a "
			    "valid date", path, p);
			return -1;
		}
		memcpy(date, p, 10);
		return 1;
	}
	return 0;
}

/* The "date" member of a top-level object (an archive's wrapper), looked
 * for in a regular file before it is parsed; reading stops at that member.
 * 1 found, 0 none (why says what to do), -1 bad JSON (why holds the
 * located error). */
static int
date_from_wrapper(const char *path, char date[10], char *why, size_t n)
{
	struct json js;
	struct stat st;
	bool more;
	day_t d;
	volatile int found = 0;

	if (strcmp(path, "-") == 0) {
		snprintf(why, n, "standard input needs -d DATE to date the "
		    "snapshot");
		return 0;
	}
	snprintf(why, n, "%s: no YYYY-MM-DD in the file name to date the "
	    "snapshot; give -d DATE", path);
	if (stat(path, &st) != 0 ||
	    !S_ISREG(st.st_mode) || json_open(&js, path) != 0)
		return 0;
	if (setjmp(js.on_error)) {
		snprintf(why, n, "%s", js.msg);
		json_close(&js);
		return -1;
	}
	json_skip_bom(&js);
	if (json_peek(&js) == '{') {
		for (more = json_object_first(&js); more;
		    more = json_object_next(&js)) {
			if (!json_key_is(&js, "date")) {
				json_skip(&js);
				continue;
			}
			if (json_peek(&js) == '"') {
				json_string(&js);
				if (js.len == 10 &&
				    parse_date(js.str, 10, &d) == 0) {
					memcpy(date, js.str, 10);
					found = 1;
					break;
				}
			}
			snprintf(why, n, "%s: no YYYY-MM-DD in the file name, "
			    "and its \"date\" member is not one; give -d DATE",
			    path);
			break;
		}
	}
	json_close(&js);
	return found;
}

enum snapdate_fault
snapshot_date(const char *path, const char *given, char date[10], char *why,
    size_t n)
{
	int got;

	if (given) {
		memcpy(date, given, 10);
		return SNAPDATE_OK;
	}
	got = date_from_name(path, date, why, n);
	if (got != 0)
		return got > 0 ? SNAPDATE_OK : SNAPDATE_USAGE;
	got = date_from_wrapper(path, date, why, n);
	return got > 0 ? SNAPDATE_OK : got == 0 ? SNAPDATE_USAGE :
	    SNAPDATE_DATA;
}
