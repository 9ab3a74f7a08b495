#include "date.h"

#include <string.h>

/* The civil-from-days and days-from-civil algorithms of Howard Hinnant's
 * "chrono-Compatible Low-Level Date Algorithms": eras of 400 years, with the
 * year starting in March so the leap day falls at its end. */
day_t
days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
civil_from_days(day_t days, int *y, int *m, int *d)
{
	int z = days + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static int
days_in_month(int y, int m)
{
	static const unsigned char len[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return len[m - 1];
}

static int
digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		unsigned c = (unsigned char)s[i] - '0';

		if (c > 9)
			return -1;
		v = v * 10 + (int)c;
	}
	return v;
}

/* The month of the last date parse_date read: a series of days reads the
 * same "YYYY-MM-" row after row, so its first day and length are kept
 * (dates were a quarter of cummulate's time).  The tools are single
 * threads. */
static struct {
	char prefix[8];		/* "YYYY-MM-", or "" */
	day_t first;
	int len;
} last_month;

int
parse_date(const char *s, size_t n, day_t *out)
{
	int y, m, d;

	if (n != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	d = digits(s + 8, 2);
	if (memcmp(s, last_month.prefix, 8) == 0) {
		if (d < 1 || d > last_month.len)
			return -1;
		*out = last_month.first + d - 1;
		return 0;
	}
	y = digits(s, 4);
	m = digits(s + 5, 2);
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	*out = days_from_civil(y, m, d);
	memcpy(last_month.prefix, s, 8);
	last_month.first = *out - (d - 1);
	last_month.len = days_in_month(y, m);
	return 0;
}

void
format_date(day_t days, char out[10])
{
	int y, m, d;

	civil_from_days(days, &y, &m, &d);
	out[0] = (char)('0' + y / 1000 % 10);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
}

int
weekday(day_t d)
{
	/* 1970-01-01 was a Thursday (3 with Monday = 0). */
	int w = (int)((d + 3) % 7);

	return w < 0 ? w + 7 : w;
}

static long
floor_div(long a, long b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* The year and month of day d.  The days of the month last asked for are
 * kept: rows come day after day, and civil_from_days was a seventh of
 * cummulate's time. */
static void
month_of(day_t d, int *y, int *m)
{
	static day_t first = 1, end = 0;	/* [first, end): none yet */
	static int year, month;

	if (d < first || d >= end) {
		int dd;

		civil_from_days(d, &year, &month, &dd);
		first = d - (dd - 1);
		end = first + days_in_month(year, month);
	}
	*y = year;
	*m = month;
}

long
period_index(day_t d, enum period p)
{
	int y, m;

	switch (p) {
	case PERIOD_DAY:
		return d;
	case PERIOD_WEEK:
		return floor_div((long)d - 4, 7);	/* 1970-01-05 was a Monday */
	case PERIOD_MONTH:
		month_of(d, &y, &m);
		return (long)y * 12 + m - 1;
	case PERIOD_YEAR:
		month_of(d, &y, &m);
		return y;
	}
	return d;
}

day_t
period_day(long i, enum period p)
{
	switch (p) {
	case PERIOD_DAY:
		return (day_t)i;
	case PERIOD_WEEK:
		return (day_t)(i * 7 + 4);
	case PERIOD_MONTH:
		return days_from_civil((int)floor_div(i, 12), (int)(i - floor_div(i, 12) * 12) + 1, 1);
	case PERIOD_YEAR:
		return days_from_civil((int)i, 1, 1);
	}
	return (day_t)i;
}

int
parse_period(const char *s)
{
	static const char *const names[] = { "day", "week", "month", "year" };
	int i;

	for (i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}
