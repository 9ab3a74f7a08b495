/* The machinery of the Relative Adoption Metric (ram): each model's
 * cumulative count D(t) t days after release, and the reference of each
 * size bucket that D(t) is measured against.
 *
 * A model's D(t) is its count on day release + t (count_on_day in
 * exact.h): interpolated, never extrapolated, -1 when not reached.  The
 * reference of a bucket at milestone t is the median (and quartiles) of
 * D(t) over the bucket's `top` most downloaded models (by latest count,
 * ties by id in byte order) that reached t; a RAM is taken against it
 * only when at least `min_reference` of them did.  A reference is either
 * computed from the models read, or read from a file that
 * adoption_write_reference wrote, to the same RAM.  With curves, the
 * reference models' D at every age 0 .. horizon is kept too, for the
 * median and quartiles at each age (the ATOM Report's Figure 17).
 *
 * Medians and quartiles are exact (lib/exact, type 7).  What is kept per
 * model is one small record and its D at the milestones; per bucket, its
 * best models so far (topn.h): memory grows with models and buckets, never
 * with rows. */
#ifndef HFSNAP_ADOPTION_H
#define HFSNAP_ADOPTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "date.h"
#include "exact.h"
#include "hash.h"
#include "mem.h"
#include "topn.h"

enum { ADOPTION_MAX_MILESTONES = 32 };

#define BUCKET_NONE UINT32_MAX

/* What is kept of a model once its rows have been read. */
struct adoption_model {
	size_t id_off, id_len;		/* in the adoption's text */
	uint32_t bucket;		/* index in buckets, or BUCKET_NONE */
	size_t bucket_off, bucket_len;	/* its bucket cell, in text */
	day_t release;
	bool has_release;
	int64_t latest;			/* its last count */
};

/* The reference of a bucket at one milestone, or under curves at one age:
 * median, Q1 and Q3 of D over the n reference models that reached it. */
struct refstat {
	struct frac median, q1, q3;
	size_t n;
	bool has;		/* median known */
	bool quartiles;		/* q1 and q3 known */
	bool has_n;		/* n known (a reference read without it: not) */
	long long line;		/* of the reference file; 0 when computed */
};

/* A size bucket, numbered by its name in bucket_ids. */
struct bucket {
	struct refstat *ref;		/* one per milestone */
	uint32_t reached;		/* bit k: a model of the bucket reached
					   milestone k */
	struct topn top;		/* its best `top` models (by index) */
	int64_t *curves;		/* curves: D at ages 0..horizon of
					   each top slot, -1 where not reached */
	size_t curves_cap;		/* slots curves has room for */
	size_t ages, thin;		/* curves: ages with data, and those
					   of them without enough models */
};

struct adoption {
	/* Set by adoption_init. */
	const long *milestones;	/* days after release, ascending */
	size_t nmilestones;	/* at most ADOPTION_MAX_MILESTONES */
	size_t top;		/* reference models per bucket */
	size_t min_reference;	/* fewest reference models for a RAM */
	long horizon;		/* the last age of the curves; -1: none kept */
	const char *unknown;	/* the bucket cell of an unknown size */
	/* The reference file read, or NULL while the reference is to be
	 * computed. */
	const char *reference;

	struct text text;	/* model ids and bucket cells */
	struct adoption_model *models;
	size_t nmodels, models_cap;
	int64_t *d;		/* D of model i at milestone k is
				   d[i * nmilestones + k], -1 when not
				   reached: only the milestones asked for */
	size_t d_cap;
	struct bucket *buckets;
	size_t buckets_cap;
	struct intern bucket_ids;
};

void adoption_init(struct adoption *a, const long *milestones,
    size_t nmilestones, size_t top, size_t min_reference, long horizon,
    const char *unknown);
void adoption_free(struct adoption *a);

/* D of model i at each milestone.  Inline: asked of every model written. */
static inline const int64_t *
adoption_d(const struct adoption *a, size_t i)
{
	return a->d + i * a->nmilestones;
}

/* Reads a reference (what adoption_write_reference writes): a header
 * naming bucket, milestone and median, and optionally q1, q3 and n (all
 * three).  A bad row is a located error (status 1).  Call it before any
 * model is added: the models are then not ranked. */
void adoption_read_reference(struct adoption *a, const char *path);

/* Adds the model m, whose observations are obs[0..nobs) in date order:
 * m's id, bucket cell and release are the caller's; its bucket and latest
 * count are set here.  A model without a bucket cell, or of the unknown
 * size, is in no bucket: a reference of such models would compare sizes
 * that have nothing in common.  Unless a reference was read, the model
 * is offered to its bucket's best. */
void adoption_add(struct adoption *a, const struct adoption_model *m,
    const struct dated_count *obs, size_t nobs);

/* Ranks each bucket's best models and takes the reference at each
 * milestone over those that reached it.  After the last model, when no
 * reference was read. */
void adoption_compute_reference(struct adoption *a);

/* The reference of model m's bucket at milestone k, or NULL when m is in
 * no bucket. */
const struct refstat *adoption_ref(const struct adoption *a,
    const struct adoption_model *m, size_t k);

/* r is a median of enough models (or of a number not given: taken as
 * is). */
bool adoption_enough(const struct adoption *a, const struct refstat *r);

/* A RAM can be taken against r: a median above 0 of enough models. */
bool adoption_usable(const struct adoption *a, const struct refstat *r);

/* Writes the reference to f exactly, what adoption_read_reference reads
 * back to the same RAM, and closes f; dies (status 1) naming path when it
 * cannot. */
void adoption_write_reference(struct adoption *a, FILE *f, const char *path);

/* Writes x to the output exactly: as many decimals as it has, at most
 * FRAC_MAX_DIGITS, as adoption_read_reference reads them. */
void out_frac_exactly(const struct frac *x);

/* One line on standard error for each bucket and milestone where a model
 * reached the milestone but its RAM is left empty, saying why; then one
 * for the models in no bucket that reached one. */
void adoption_warn_empty(const struct adoption *a);

/* Curves: for each bucket, each age and each reference model that reached
 * it, the model's count and the median and quartiles over those models;
 * a header first when header is true. */
void adoption_write_curves(struct adoption *a, bool header);

/* Curves: one line on standard error for each bucket with ages whose
 * median and quartiles were left empty. */
void adoption_warn_thin_curves(const struct adoption *a);

#endif
