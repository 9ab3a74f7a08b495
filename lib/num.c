#include "num.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum num_status
parse_count(const char *s, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	size_t i = 0;
	int negative = 0;

	if (n == 0)
		return NUM_EMPTY;
	if (s[0] == '-') {
		negative = 1;
		i = 1;
		if (n == 1)
			return NUM_SYNTAX;
	}
	/* Up to 18 digits cannot pass 2^63-1 (19 digits): no check needed. */
	if (n - i <= 18) {
		for (; i < n; i++) {
			unsigned d = (unsigned char)s[i] - '0';

			if (d > 9)
				return NUM_SYNTAX;
			v = v * 10 + d;
		}
	}
	for (; i < n; i++) {
		unsigned d = (unsigned char)s[i] - '0';

		if (d > 9)
			return NUM_SYNTAX;
		if (v > ((uint64_t)COUNT_MAX - d) / 10)
			return negative ? NUM_NEGATIVE : NUM_RANGE;
		v = v * 10 + d;
	}
	if (negative)
		return v == 0 ? NUM_SYNTAX : NUM_NEGATIVE;
	*out = v;
	return NUM_OK;
}

enum num_status
parse_decimal(const char *s, size_t n, double *out)
{
	char tmp[128], *end;
	size_t i = 0, digits = 0;
	double v;

	if (n == 0)
		return NUM_EMPTY;
	/* Check the shape first: strtod alone would also take "inf", "0x1p3",
	 * leading blanks and a locale's decimal comma. */
	if (s[i] == '+' || s[i] == '-')
		i++;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++, digits++;
	if (i < n && s[i] == '.') {
		i++;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++, digits++;
	}
	if (digits == 0)
		return NUM_SYNTAX;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		size_t expdigits = 0;

		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++, expdigits++;
		if (expdigits == 0)
			return NUM_SYNTAX;
	}
	if (i != n)
		return NUM_SYNTAX;
	if (n >= sizeof tmp)
		return NUM_RANGE;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	errno = 0;
	v = strtod(tmp, &end);
	if (errno == ERANGE && (v == HUGE_VAL || v == -HUGE_VAL))
		return NUM_RANGE;
	*out = v;
	return NUM_OK;
}

const char *
num_status_text(enum num_status st)
{
	switch (st) {
	case NUM_OK: return "ok";
	case NUM_EMPTY: return "empty";
	case NUM_SYNTAX: return "not a number";
	case NUM_NEGATIVE: return "negative";
	case NUM_RANGE: return "out of range";
	}
	return "?";
}

int64_t
round_half_away(double v)
{
	return (int64_t)(v < 0 ? -floor(-v + 0.5) : floor(v + 0.5));
}
