/* One-day spikes in a model's cumulative download series, found and taken
 * out (iqr-filter).
 *
 * The increments of the cumulative count become per-day rates (an
 * increment over a gap of g days counts g days; a negative one counts 0).
 * A day's rate above the fence Q3 + F*max(IQR, SPIKE_MIN_IQR) is a spike:
 * the quartiles (type 7, exact: lib/exact) are of the rates within
 * `window` days of that day, or with a window of 0 of the whole series'.
 * An increment right after a run of increments of 0 (a count the Hub did
 * not refresh) is tested at its rate over the run and itself, so a
 * catch-up is not a spike.  A series, or a window, of fewer than
 * `min_points` increments has no spikes.
 *
 * A series without a spike keeps its counts.  In one with a spike, a
 * spike's increment becomes the median rate (of the window, or of the
 * series) times its span; a fall right after a spike takes the count back
 * to its own value less what was taken off before the spike (the spike
 * was a glitch); other falls become 0; the series is re-accumulated from
 * its first value.
 *
 * The caller holds one model's rows at a time in a struct spike_series,
 * each with its count and where its line is; spike_filter sets the count
 * each row is to be written with, and the caller writes them and empties
 * the series for the next model.  Memory is one model's rows. */
#ifndef HFSNAP_SPIKES_H
#define HFSNAP_SPIKES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "exact.h"
#include "mem.h"

/* An IQR below one download a day counts as one: counts are whole, and
 * quartiles of a model with a download every few days are 0 (or equal),
 * which would make every day with a download a spike. */
enum { SPIKE_MIN_IQR = 1 };

/* What counts as a spike. */
struct spike_params {
	uint64_t fnum, fden;	/* the fence factor F = fnum / fden */
	size_t min_points;	/* fewest increments with a fence */
	day_t window;		/* days on either side; 0: the whole series */
	bool quartiles;		/* work out the summary's quartiles and
				   fence (iqr-filter --stats) */
};

/* One row of the series.  Its line and value cell are the caller's, kept
 * in the series' text to write the row back; file and line name it in a
 * message. */
struct spike_row {
	size_t off, len;	/* the line, in the series' text */
	size_t voff, vlen;	/* the value cell within it */
	const char *file;
	long long line;
	day_t date;
	bool has;		/* the value cell is not empty */
	uint64_t value;
	uint64_t out;		/* the value to write: spike_filter's */
	bool spike;		/* its increment was a spike */
};

struct spike_step;

/* One model's rows, dates ascending.  The caller appends rows (out =
 * value, spike = false) with the rows' text, and sets the model's name
 * from the first; spike_filter keeps its working arrays here, reused from
 * model to model. */
struct spike_series {
	struct text text;
	struct spike_row *rows;
	size_t n, rcap;
	size_t model_off, model_len;	/* the model's name, in text */
	struct spike_step *steps;
	struct rate *sorted, *window;
	size_t scap;
};

/* What spike_filter found in a series: n increments (the rows with a
 * value, less one), of which `spikes` were spikes and `negatives` falls.
 * With fewer than min_points increments, or none, there was no fence and
 * `filtered` is false; the quartiles of the whole series' rates, their
 * IQR and fence are set only when asked for. */
struct spike_summary {
	size_t n, spikes, negatives;
	struct frac q1, median, q3, iqr, fence;
	bool filtered;
};

/* Finds the spikes of s and sets each row's out and spike; see the top
 * comment.  A re-accumulated count past 2^63-1 is a located error at its
 * row (status 1). */
struct spike_summary spike_filter(struct spike_series *s,
    const struct spike_params *p);

void spike_series_free(struct spike_series *s);

#endif
