#include "stats.h"

#include <math.h>
#include <stdlib.h>

double
quantile7(const double *sorted, size_t n, double p)
{
	double h = (double)(n - 1) * p, lo = floor(h);
	size_t i = (size_t)lo;

	if (i + 1 >= n)
		return sorted[n - 1];
	return sorted[i] + (h - lo) * (sorted[i + 1] - sorted[i]);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

void
sort_doubles(double *v, size_t n)
{
	size_t i;

	/* The series here are short and often nearly sorted: insertion sort
	 * below a few dozen values, qsort above. */
	if (n > 48) {
		qsort(v, n, sizeof *v, cmp_double);
		return;
	}
	for (i = 1; i < n; i++) {
		double x = v[i];
		size_t j = i;

		while (j > 0 && v[j - 1] > x) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}
