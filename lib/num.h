/* Strict number parsing: the whole text must be the number. */
#ifndef HFSNAP_NUM_H
#define HFSNAP_NUM_H

#include <stddef.h>
#include <stdint.h>

enum num_status {
	NUM_OK,
	NUM_EMPTY,	/* no text at all */
	NUM_SYNTAX,	/* not a number of the wanted form */
	NUM_NEGATIVE,	/* a count below zero */
	NUM_RANGE	/* past 2^63-1, or a decimal out of double range */
};

#define COUNT_MAX INT64_MAX

/* A count: decimal digits only (a leading '+' or '-' is not accepted, except
 * that "-" followed by digits reports NUM_NEGATIVE), value at most 2^63-1. */
enum num_status parse_count(const char *s, size_t n, uint64_t *out);

/* A decimal: [+-]digits[.digits][(e|E)[+-]digits], or .digits; finite. */
enum num_status parse_decimal(const char *s, size_t n, double *out);

/* A short phrase for a status, for messages: "not a whole number"... */
const char *num_status_text(enum num_status st);

/* Round half away from zero to a whole number, as the statistics need. */
int64_t round_half_away(double v);

#endif
