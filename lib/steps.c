#include "steps.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

void
stepsums_init(struct stepsums *t, bool has_start, day_t start, enum period p)
{
	memset(t, 0, sizeof *t);
	periodsums_init(&t->sums, 2);
	t->start = has_start ? start : INT32_MIN;
	t->start_k = has_start ? period_index(start, p) + 1 : LONG_MIN;
}

void
stepsums_free(struct stepsums *t)
{
	size_t g;

	for (g = 0; g < t->nw; g++) {
		free(t->w[g].cum);
		free(t->w[g].per);
	}
	free(t->w);
	periodsums_free(&t->sums);
}

void
model_steps_free(struct model_steps *m)
{
	free(m->s);
	memset(m, 0, sizeof *m);
}

void
steps_observe(struct model_steps *m, const struct stepsums *t, day_t day,
    enum period p, uint64_t value, struct rowloc at)
{
	long k = period_index(day, p) + 1;

	if (m->n == 0) {
		m->first = value;
		m->first_day = day;
	}
	if (day < t->start) {
		m->before = true;
		m->before_value = value;
	}
	if (m->n && m->s[m->n - 1].k == k) {
		m->s[m->n - 1].value = value;
		m->s[m->n - 1].at = at;
		return;
	}
	m->s = grow(m->s, &m->cap, m->n + 1, sizeof *m->s);
	m->s[m->n].k = k;
	m->s[m->n].value = value;
	m->s[m->n].at = at;
	m->n++;
}

static uint64_t
saturating_add(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

/* The watch of group g, its cells matched to the sums' cells. */
static struct watch *
watch_cells(struct stepsums *t, size_t g)
{
	const struct periodcells *c = periodsums_cells(&t->sums, g);
	struct watch *w = &t->w[g];
	size_t shift = (size_t)(w->n ? w->base - c->base : 0), n = c->n;

	w->cum = xrealloc(w->cum, n * sizeof *w->cum);
	w->per = xrealloc(w->per, n * sizeof *w->per);
	/* The sums' cells only ever grow, at either end. */
	memmove(w->cum + shift, w->cum, w->n * sizeof *w->cum);
	memmove(w->per + shift, w->per, w->n * sizeof *w->per);
	memset(w->cum, 0, shift * sizeof *w->cum);
	memset(w->per, 0, shift * sizeof *w->per);
	memset(w->cum + shift + w->n, 0, (n - shift - w->n) * sizeof *w->cum);
	memset(w->per + shift + w->n, 0, (n - shift - w->n) * sizeof *w->per);
	w->base = c->base;
	w->n = n;
	return w;
}

/* After a model was added to a watched group: each sum that is now out of
 * the int64 range and was not before is charged to the model's row whose
 * count it holds at that boundary. */
static void
watch_update(struct stepsums *t, size_t g, const struct step *s, size_t ns)
{
	struct watch *w = watch_cells(t, g);
	int128 cum = 0;
	size_t i, j = 0;

	for (i = 0; i < w->n; i++) {
		long k = w->base + (long)i;
		int128 per = periodsums_at(&t->sums, g, k, STEP_CHANGE);
		struct rowloc at;

		cum += per;
		per -= periodsums_at(&t->sums, g, k, STEP_BASE);
		while (j + 1 < ns && s[j + 1].k <= k)
			j++;
		at = s[j].at;
		if (fits_int64(cum))
			w->cum[i].file = NULL;
		else if (!w->cum[i].file)
			w->cum[i] = at;
		if (fits_int64(per))
			w->per[i].file = NULL;
		else if (!w->per[i].file)
			w->per[i] = at;
	}
}

void
stepsums_add(struct stepsums *t, size_t g, struct model_steps *m,
    bool first_is_base)
{
	uint64_t before = m->before ? m->before_value : 0, change = 0;
	int64_t prev = 0;
	size_t i;

	if (m->n == 0)
		return;
	t->w = grow(t->w, &t->nw, g + 1, sizeof *t->w);
	/* Boundaries not after the start all count at the first after it. */
	for (i = 0; i < m->n; i++) {
		struct step *s = &m->s[i];
		int64_t v = (int64_t)s->value - (int64_t)before;

		if (s->k < t->start_k)
			s->k = t->start_k;
		periodsums_add(&t->sums, g, s->k, STEP_CHANGE, (int128)v - prev);
		change = saturating_add(change, v >= prev ?
		    (uint64_t)v - (uint64_t)prev : (uint64_t)prev - (uint64_t)v);
		prev = v;
	}
	if (first_is_base && !m->before) {
		periodsums_add(&t->sums, g, m->s[0].k, STEP_BASE,
		    (int128)m->first);
		change = saturating_add(change, m->first);
	}
	t->w[g].bound = saturating_add(t->w[g].bound, change);
	if (t->w[g].bound > INT64_MAX)
		watch_update(t, g, m->s, m->n);
	m->n = 0;
	m->before = false;
}

struct rowloc
stepsums_culprit(const struct stepsums *t, size_t g, long k, bool per)
{
	const struct watch *w = g < t->nw ? &t->w[g] : NULL;
	struct rowloc none = { NULL, 0 };

	if (!w || w->n == 0 || k < w->base)
		return none;
	/* Past its last cell a cumulative total stays what it was there. */
	if (k >= w->base + (long)w->n) {
		if (per)
			return none;
		k = w->base + (long)w->n - 1;
	}
	return per ? w->per[k - w->base] : w->cum[k - w->base];
}
