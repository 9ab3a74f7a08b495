#include "paramsize.h"

#include <stdio.h>
#include <string.h>

#include "num.h"

/* The exact value of s[0..n) times 10^shift into d: s is a decimal that
 * parse_decimal accepted ([+-]digits[.digits][e[+-]digits], or .digits;
 * at most 127 bytes) or plain digits[.digits].  Returns false when s is
 * not all such a number, or its value is negative (and not zero) or too
 * large to write out. */
static bool
read_scaled(struct paramsize *d, const char *s, size_t n, int shift)
{
	char digits[128];
	size_t i = 0, nd = 0, lead = 0, k;
	long point, exp = 0;
	bool negative = false, exp_negative = false;

	memset(d, 0, sizeof *d);
	memset(d->frac, '0', PARAMSIZE_DECIMALS);
	if (i < n && (s[i] == '+' || s[i] == '-'))
		negative = s[i++] == '-';
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		if (nd < sizeof digits)
			digits[nd++] = s[i];
	point = (long)nd;
	if (i < n && s[i] == '.')
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			if (nd < sizeof digits)
				digits[nd++] = s[i];
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			exp_negative = s[i++] == '-';
		/* Held at a million, far past any exponent that matters. */
		for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			if (exp < 1000000)
				exp = exp * 10 + (s[i] - '0');
		if (exp_negative)
			exp = -exp;
	}
	if (i != n)
		return false;
	/* value = 0.DIGITS x 10^point: drop leading zeros. */
	point += exp + shift;
	while (lead < nd && digits[lead] == '0')
		lead++, point--;
	for (k = lead; k < nd; k++)
		if (digits[k] != '0')
			d->nonzero = true;
	if (!d->nonzero)
		return true;
	if (negative)
		return false;
	if (point > PARAMSIZE_MAX_WHOLE)
		return false;
	for (k = lead; k < nd; k++) {
		/* Decimal at + 1, or a whole digit when at < 0. */
		long at = (long)(k - lead) - point;

		if (at < 0)
			continue;
		if (at < PARAMSIZE_DECIMALS)
			d->frac[at] = digits[k];
		else if (digits[k] != '0')
			d->tail = true;
	}
	if (point > 0) {
		d->nwhole = (size_t)point;
		for (k = 0; k < d->nwhole; k++)
			d->whole[k] = lead + k < nd ? digits[lead + k] : '0';
	}
	return true;
}

bool
paramsize_parse(const char *s, size_t n, struct paramsize *d)
{
	double v;

	return parse_decimal(s, n, &v) == NUM_OK && read_scaled(d, s, n, 0);
}

void
paramsize_of_count(uint64_t count, struct paramsize *d)
{
	char digits[24];
	int len = snprintf(digits, sizeof digits, "%llu",
	    (unsigned long long)count);

	read_scaled(d, digits, (size_t)len, -9);
}

int
paramsize_cmp(const struct paramsize *a, const struct paramsize *b)
{
	int c;

	if (a->nwhole != b->nwhole)
		return a->nwhole < b->nwhole ? -1 : 1;
	if ((c = memcmp(a->whole, b->whole, a->nwhole)) != 0)
		return c;
	return memcmp(a->frac, b->frac, PARAMSIZE_DECIMALS);
}

bool
paramsize_past_nine(const struct paramsize *d)
{
	return d->frac[PARAMSIZE_DECIMALS - 1] != '0' || d->tail;
}

size_t
paramsize_bucket(const struct paramsize *edges, size_t n,
    const struct paramsize *d)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (paramsize_cmp(d, &edges[i]) < 0)
			break;
	return i;
}

/* d cut to nine decimals, then rounded half up at the ninth when its
 * tenth is 5 or more: a 1 is carried up from the ninth decimal. */
static void
round9(struct paramsize *d)
{
	size_t k = PARAMSIZE_DECIMALS - 1;
	bool up = d->frac[k] >= '5';

	d->frac[k] = '0';
	d->tail = false;
	while (up && k-- > 0) {
		if (d->frac[k] == '9') {
			d->frac[k] = '0';
		} else {
			d->frac[k]++;
			up = false;
		}
	}
	for (k = d->nwhole; up && k-- > 0;) {
		if (d->whole[k] == '9') {
			d->whole[k] = '0';
		} else {
			d->whole[k]++;
			up = false;
		}
	}
	if (up) {
		memmove(d->whole + 1, d->whole, d->nwhole++);
		d->whole[0] = '1';
	}
}

size_t
paramsize_format(const struct paramsize *d, const struct paramsize *edge,
    char *buf)
{
	size_t n = 0, nfrac = PARAMSIZE_DECIMALS - 1;
	struct paramsize r = *d;

	round9(&r);
	if (edge && paramsize_cmp(&r, edge) >= 0) {
		r = *d;
		r.frac[PARAMSIZE_DECIMALS - 1] = '0';
	}
	if (r.nwhole == 0)
		buf[n++] = '0';
	memcpy(buf + n, r.whole, r.nwhole);
	n += r.nwhole;
	while (nfrac > 0 && r.frac[nfrac - 1] == '0')
		nfrac--;
	if (nfrac > 0) {
		buf[n++] = '.';
		memcpy(buf + n, r.frac, nfrac);
		n += nfrac;
	}
	return n;
}

/* Matches NUM X at s[i..] (NUM = digits, optionally '.' and at least one
 * digit; X the unit letter in either case) and returns the index after X,
 * or 0; *len is the length of NUM. */
static size_t
number_unit(const char *s, size_t n, size_t i, char unit, size_t *len)
{
	size_t start = i;

	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == start)
		return 0;
	if (i < n && s[i] == '.') {
		size_t point = ++i;

		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == point)
			return 0;	/* "5.B" is no token */
	}
	if (i >= n || (s[i] != unit && s[i] != unit + ('a' - 'A')))
		return 0;
	if (i - start >= 64)
		return 0;
	*len = i - start;
	return i + 1;
}

static bool
is_sep(char c)
{
	return c == '-' || c == '_';
}

/* A size token with the given unit: inside the name first, then at its
 * end, then at its start, as the registry's model_sizes.py tries them.
 * Returns the offset of its number, or -1; *len is the number's length. */
static long
token(const char *s, size_t n, char unit, size_t *len)
{
	size_t i, e;

	for (i = 0; i < n; i++)
		if (is_sep(s[i]) && (e = number_unit(s, n, i + 1, unit, len)) &&
		    e < n && is_sep(s[e]))
			return (long)i + 1;
	for (i = 0; i < n; i++)
		if (is_sep(s[i]) && (e = number_unit(s, n, i + 1, unit, len)) &&
		    e == n)
			return (long)i + 1;
	if ((e = number_unit(s, n, 0, unit, len)) && e < n && is_sep(s[e]))
		return 0;
	return -1;
}

bool
paramsize_from_name(const char *id, size_t n, struct paramsize *d)
{
	const char *slash = memchr(id, '/', n);
	const char *name = id;
	size_t len;
	long at;

	while (slash) {
		name = slash + 1;
		slash = memchr(name, '/', n - (size_t)(name - id));
	}
	n -= (size_t)(name - id);
	if ((at = token(name, n, 'B', &len)) >= 0)
		return read_scaled(d, name + at, len, 0);
	if ((at = token(name, n, 'M', &len)) >= 0)
		return read_scaled(d, name + at, len, -3);
	return false;
}
