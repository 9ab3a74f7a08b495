/* Counts, decimals and dates: no crash, and what parses writes back the
 * same way. */
#include <string.h>

#include "date.h"
#include "fuzz.h"
#include "num.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	uint64_t c;
	double d;
	day_t day;

	if (parse_count(s, size, &c) == NUM_OK) {
		char buf[32];
		int n = snprintf(buf, sizeof buf, "%llu", (unsigned long long)c);
		size_t lead = 0;

		/* Leading zeros aside, the text is the number. */
		while (lead + 1 < size && s[lead] == '0')
			lead++;
		if (c > COUNT_MAX || (size_t)n != size - lead ||
		    memcmp(buf, s + lead, (size_t)n) != 0)
			abort();
	}
	(void)parse_decimal(s, size, &d);
	if (parse_date(s, size, &day) == 0) {
		char back[10];
		int p;

		format_date(day, back);
		if (size != 10 || memcmp(back, s, 10) != 0)
			abort();
		/* The day lies in its period, which ends where the next
		 * begins. */
		for (p = PERIOD_DAY; p <= PERIOD_YEAR; p++) {
			long i = period_index(day, (enum period)p);
			day_t start = period_day(i, (enum period)p);
			day_t next = period_day(i + 1, (enum period)p);

			if (start > day || next <= day ||
			    period_index(next - 1, (enum period)p) != i)
				abort();
		}
	}
	return 0;
}
