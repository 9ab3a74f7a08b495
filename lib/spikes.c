#include "spikes.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "num.h"

/* One increment: from row `from` to row `to` (the rows with values). */
struct spike_step {
	size_t from, to;
	struct rate rate;	/* per-day rate, 0 for a negative increment */
	struct rate test;	/* the rate tested: over a run of 0s before
				   it too */
	bool negative;
	bool spike;
	struct frac median;	/* the median it is replaced by, if a spike */
};

/* The increments of the rows with a value, as per-day rates; returns how
 * many.  An increment right after a run of increments of 0 is tested at
 * its rate over the run's days and its own. */
static size_t
take_steps(struct spike_series *s, size_t *negatives)
{
	size_t i, k = 0, prev = SIZE_MAX, had = s->scap;
	uint32_t flat = 0;	/* days of the run of 0s just before */

	/* sorted and window have room for as many rates as steps has. */
	s->steps = grow(s->steps, &s->scap, s->n, sizeof *s->steps);
	if (s->scap != had) {
		s->sorted = xrealloc(s->sorted, s->scap * sizeof *s->sorted);
		s->window = xrealloc(s->window, s->scap * sizeof *s->window);
	}
	for (i = 0; i < s->n; i++) {
		const struct spike_row *r = &s->rows[i], *p;
		struct spike_step *st;

		if (!r->has)
			continue;
		if (prev == SIZE_MAX) {
			prev = i;
			continue;
		}
		p = &s->rows[prev];
		st = &s->steps[k++];
		st->from = prev;
		st->to = i;
		st->negative = r->value < p->value;
		st->spike = false;
		st->rate.count = st->negative ? 0 : r->value - p->value;
		st->rate.days = (uint32_t)(r->date - p->date);
		st->test = st->rate;
		if (st->negative) {
			(*negatives)++;
			flat = 0;
		} else if (st->rate.count == 0) {
			flat += st->rate.days;
		} else {
			st->test.days += flat;
			flat = 0;
		}
		prev = i;
	}
	return k;
}

/* Removes one rate equal to x from the sorted window of n. */
static void
window_remove(struct rate *w, size_t n, struct rate x)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (rate_cmp(w[mid], x) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	memmove(w + lo, w + lo + 1, (n - lo - 1) * sizeof *w);
}

/* Inserts x into the sorted window of n. */
static void
window_insert(struct rate *w, size_t n, struct rate x)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (rate_cmp(w[mid], x) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	memmove(w + lo + 1, w + lo, (n - lo) * sizeof *w);
	w[lo] = x;
}

/* Marks the spikes under a fence of the quartiles of the rates within
 * p->window days of each increment's day; returns how many. */
static size_t
local_spikes(struct spike_series *s, size_t k, const struct spike_params *p)
{
	size_t j, lo = 0, hi = 0, n = 0, spikes = 0;

	for (j = 0; j < k; j++) {
		day_t d = s->rows[s->steps[j].to].date;
		struct fence fence;

		while (hi < k && s->rows[s->steps[hi].to].date <= d + p->window)
			window_insert(s->window, n++, s->steps[hi++].rate);
		while (s->rows[s->steps[lo].to].date < d - p->window)
			window_remove(s->window, n--, s->steps[lo++].rate);
		if (n < p->min_points)
			continue;
		fence_init(&fence, s->window, n, p->fnum, p->fden,
		    SPIKE_MIN_IQR);
		if (rate_above(&fence, s->steps[j].test)) {
			s->steps[j].spike = true;
			s->steps[j].median = quantile7(s->window, n, 50);
			spikes++;
		}
	}
	return spikes;
}

/* A fall right after a spike says the spike was that day's count alone (a
 * glitch the next day corrected): the count goes back to `value`, less
 * what the filter had taken off by the row before the spike (`before`, its
 * count as read and as written).  Returns that count, 0 if it is below 0;
 * it is not 2^64 or more. */
static uint64_t
glitch_end(const struct spike_row *before, uint64_t value)
{
	if (value >= before->value)
		return before->out + (value - before->value);
	return before->out >= before->value - value ?
	    before->out - (before->value - value) : 0;
}

struct spike_summary
spike_filter(struct spike_series *s, const struct spike_params *p)
{
	struct spike_summary sum;
	size_t j, k;

	memset(&sum, 0, sizeof sum);
	k = take_steps(s, &sum.negatives);
	sum.n = k;
	if (k < p->min_points || k == 0)
		return sum;
	sum.filtered = true;
	/* The whole series' quartiles: for the summary and the fence of a
	 * window of 0 (the local fence keeps its own sorted window). */
	if (p->quartiles || p->window == 0) {
		for (j = 0; j < k; j++)
			s->sorted[j] = s->steps[j].rate;
		order_quartiles(s->sorted, k);
	}
	if (p->quartiles) {
		sum.q1 = quantile7(s->sorted, k, 25);
		sum.median = quantile7(s->sorted, k, 50);
		sum.q3 = quantile7(s->sorted, k, 75);
		sum.iqr = frac_sub(&sum.q3, &sum.q1);
		sum.fence = frac_fence(&sum.q1, &sum.q3, p->fnum, p->fden,
		    SPIKE_MIN_IQR);
	}
	if (p->window > 0) {
		sum.spikes = local_spikes(s, k, p);
	} else {
		struct fence fence;
		struct frac median = quantile7(s->sorted, k, 50);

		fence_init(&fence, s->sorted, k, p->fnum, p->fden,
		    SPIKE_MIN_IQR);
		for (j = 0; j < k; j++)
			if (rate_above(&fence, s->steps[j].test)) {
				s->steps[j].spike = true;
				s->steps[j].median = median;
				sum.spikes++;
			}
	}
	if (sum.spikes == 0)
		return sum;	/* written as it came */

	/* Re-accumulate from the first value. */
	for (j = 0; j < k; j++) {
		const struct spike_step *st = &s->steps[j];
		struct spike_row *r = &s->rows[st->to];
		uint64_t base = s->rows[st->from].out, inc;

		if (st->spike) {
			r->spike = true;
			inc = frac_times(&st->median, st->test.days);
		} else if (st->negative && j > 0 && s->steps[j - 1].spike) {
			uint64_t back = glitch_end(&s->rows[s->steps[j - 1].from],
			    r->value);

			inc = back > base ? back - base : 0;
		} else {
			inc = st->rate.count;
		}
		r->out = base + inc;
		if (inc > (uint64_t)COUNT_MAX || r->out > (uint64_t)COUNT_MAX)
			die_at(r->file, r->line, "model %s: the re-accumulated "
			    "count passes 2^63-1",
			    quote(s->text.p + s->model_off, s->model_len));
	}
	return sum;
}

void
spike_series_free(struct spike_series *s)
{
	text_free(&s->text);
	free(s->rows);
	free(s->steps);
	free(s->sorted);
	free(s->window);
}
