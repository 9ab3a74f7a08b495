#include "periodrows.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "mem.h"
#include "out.h"

static void
write_column_name(const struct tsvin *in, size_t col)
{
	const struct field *f = &in->names.f[col];

	out_write(f->p, f->len);
}

void
periodrows_header(const struct tsvin *in, const size_t *gcols,
    size_t ngcols, const struct colname *names, size_t nnames)
{
	size_t i;

	if (!in->has_header)
		return;
	out_str("#period");
	for (i = 0; i < ngcols; i++) {
		out_char('\t');
		write_column_name(in, gcols[i]);
	}
	for (i = 0; i < nnames; i++) {
		out_char('\t');
		out_str(names[i].before);
		if (names[i].col != NO_COLUMN)
			write_column_name(in, names[i].col);
		out_str(names[i].after);
	}
	out_endrow();
}

void
periodrows_init(struct periodrows *w, const struct groupby *gb, size_t nvals,
    bool share, size_t by)
{
	size_t g, n = groupby_count(gb) ? groupby_count(gb) : 1;

	memset(w, 0, sizeof *w);
	w->gb = gb;
	w->order = groupby_order(gb);
	w->nvals = nvals;
	w->share = share;
	w->share_by = by != NO_COLUMN;
	w->vals = xcalloc(n * (nvals ? nvals : 1), sizeof *w->vals);
	w->have = xcalloc(n * (nvals ? nvals : 1), sizeof *w->have);
	w->of = xcalloc(n, sizeof *w->of);
	if (!w->share_by)
		return;
	w->part = xcalloc(n, sizeof *w->part);
	w->part_total = xcalloc(n, sizeof *w->part_total);
	for (g = 0; g < groupby_count(gb); g++) {
		size_t len;
		const char *cell = groupby_cell(gb, g, by, &len);

		w->part[g] = intern_put(&w->parts, cell, len, NULL);
	}
}

/* A percentage, to four decimals, empty when the whole is not positive. */
static void
write_share(int128 part, int128 whole)
{
	out_char('\t');
	if (whole > 0)
		out_double(100.0 * int128_double(part) / int128_double(whole), 4);
}

void
periodrows_write(struct periodrows *w, day_t label)
{
	int128 total = 0;
	char day[10];
	size_t i, g, v;

	format_date(label, day);
	for (i = 0; i < w->parts.n; i++)
		w->part_total[i] = 0;
	for (g = 0; g < groupby_count(w->gb); g++) {
		total += w->of[g];
		if (w->share_by)
			w->part_total[w->part[g]] += w->of[g];
	}
	for (i = 0; i < groupby_count(w->gb); i++) {
		size_t len;
		const char *key;

		g = w->order[i];
		key = groupby_name(w->gb, g, &len);
		out_write(day, 10);
		if (w->gb->ncols) {
			out_char('\t');
			out_write(key, len);
		}
		for (v = 0; v < w->nvals; v++) {
			out_char('\t');
			if (w->have[g * w->nvals + v])
				out_i64(w->vals[g * w->nvals + v]);
		}
		if (w->share)
			write_share(w->of[g], total);
		if (w->share_by)
			write_share(w->of[g], w->part_total[w->part[g]]);
		out_endrow();
	}
}

void
periodrows_free(struct periodrows *w)
{
	free(w->order);
	free(w->vals);
	free(w->have);
	free(w->of);
	free(w->part);
	free(w->part_total);
	intern_free(&w->parts);
}
