/* Order statistics. */
#ifndef HFSNAP_STATS_H
#define HFSNAP_STATS_H

#include <stddef.h>

/* The p-quantile (0 <= p <= 1) of n >= 1 values sorted ascending, by linear
 * interpolation between order statistics at h = (n-1)p: Hyndman & Fan's
 * type 7, the default of R's quantile(), numpy.percentile and pandas. */
double quantile7(const double *sorted, size_t n, double p);

/* Sorts n doubles ascending (no NaNs). */
void sort_doubles(double *v, size_t n);

#endif
