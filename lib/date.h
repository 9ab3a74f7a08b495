/* Calendar dates as YYYY-MM-DD (proleptic Gregorian, UTC), held as days
 * since 1970-01-01 so that day arithmetic is plain integer arithmetic. */
#ifndef HFSNAP_DATE_H
#define HFSNAP_DATE_H

#include <stddef.h>
#include <stdint.h>

typedef int32_t day_t;

/* Exactly ten characters YYYY-MM-DD naming a real day (years 0001-9999).
 * Returns 0 on success, -1 when the text is not such a date. */
int parse_date(const char *s, size_t n, day_t *out);

/* Writes the ten characters of d (no NUL). */
void format_date(day_t d, char out[10]);

day_t days_from_civil(int y, int m, int d);
void civil_from_days(day_t days, int *y, int *m, int *d);

/* 0 = Monday ... 6 = Sunday (ISO 8601). */
int weekday(day_t d);

enum period { PERIOD_DAY, PERIOD_WEEK, PERIOD_MONTH, PERIOD_YEAR };

/* Periods numbered consecutively (days since 1970-01-01, Monday-weeks since
 * the week of 1970-01-05, months and years since year 0), so that periods
 * can index arrays: period_index gives the number of the period holding d,
 * period_day the first day of period number i (weeks start on Monday), so
 * the period after d's starts on period_day(period_index(d, p) + 1, p). */
long period_index(day_t d, enum period p);
day_t period_day(long i, enum period p);

/* "day", "week", "month" or "year" to a period; -1 for anything else. */
int parse_period(const char *s);

#endif
