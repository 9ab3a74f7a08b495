/* ram: the Relative Adoption Metric of the ATOM Report.
 *
 * For each model, D(t) is its cumulative count t days after release (7,
 * 14, 30, 60, 90, 180, 365 by default), interpolated linearly between the
 * observations on either side of that day and never extrapolated.  The
 * reference of a size bucket is the median of D(t) over the bucket's N most
 * downloaded models (by latest count); RAM = D(t) / reference median.
 *
 * The input streams one model at a time; what is kept per model is a small
 * record (its D(t), latest count, bucket), so memory grows with the number
 * of models, never with the number of rows. */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "err.h"
#include "group.h"
#include "hash.h"
#include "num.h"
#include "out.h"
#include "stats.h"
#include "table.h"
#include "tsv.h"
#include "version.h"

enum { MAX_MILESTONES = 32 };

struct options {
	const char *model, *date, *value, *release, *bucket;
	const char *corrections, *reference, *reference_out;
	long milestones[MAX_MILESTONES];
	size_t nmilestones;
	size_t top;
	int digits;
	bool wide;
};

static struct options opt = {
	.model = "model", .date = "date", .value = "downloads",
	.release = "created", .bucket = "bucket",
	.milestones = { 7, 14, 30, 60, 90, 180, 365 }, .nmilestones = 7,
	.top = 10, .digits = 2,
};

/* What is kept of a model once its rows have been read. */
struct model {
	size_t id_off, id_len;		/* in text */
	size_t bucket_off, bucket_len;	/* in text; 0 length: no bucket */
	day_t release;
	bool has_release;
	uint64_t latest;
};

static struct model *models;
static size_t nmodels, models_cap;
/* D(t) of model i at milestone k is dvals[i * nmilestones + k], -1 when
 * not reached: only the milestones asked for are kept. */
static int64_t *dvals;

static int64_t *
d_of(const struct model *m)
{
	return dvals + (size_t)(m - models) * opt.nmilestones;
}
static char *text;
static size_t text_len, text_cap;

/* Corrected release dates by model id. */
static struct strmap corrections;
static day_t *corrected;
static size_t ncorrected, corrected_cap;

/* The reference: per bucket and milestone, median, q1, q3 and n. */
struct ref {
	char *bucket;
	size_t bucket_len;
	bool has[MAX_MILESTONES];
	double median[MAX_MILESTONES], q1[MAX_MILESTONES], q3[MAX_MILESTONES];
	size_t n[MAX_MILESTONES];
	bool quartiles[MAX_MILESTONES];	/* q1 and q3 known */
};

static struct ref *refs;
static size_t nrefs, refs_cap;

static void
usage(void)
{
	printf(
"Usage: ram [-m COL] [-t COL] [-v COL] [-r COL] [-b COL] [-c FILE]\n"
"           [--milestones LIST] [--top N] [--reference FILE]\n"
"           [--reference-out FILE] [--digits N] [--wide] [FILE ...]\n"
"Relative Adoption Metric: downloads t days after release over the median\n"
"of the bucket's top models at the same t.\n"
"\n"
"  -m, -t, -v COL          model, date, cumulative count columns\n"
"  -r, --release COL       release date column (default: created)\n"
"  -b, --bucket COL        size bucket column (default: bucket)\n"
"  -c, --corrections FILE  CSV/TSV with model_id, actual_release_date\n"
"      --milestones LIST   days after release (7,14,30,60,90,180,365)\n"
"      --top N             reference models per bucket (default 10)\n"
"      --reference FILE    read the reference (bucket milestone median [q1 q3])\n"
"      --reference-out FILE  write the reference used, with n\n"
"      --digits N          decimals of RAM (default 2)\n"
"      --wide              one row per model, a ram_Nd column per milestone\n"
"  -h, --help              show this help and exit\n"
"      --version           show the version and exit\n"
"\n"
"Input: grouped by model, dates ascending.  Exit status: 0 success, 1 bad\n"
"data or I/O, 2 bad usage.  See ram(1).\n");
}

static size_t
keep_text(const char *p, size_t n)
{
	size_t off = text_len;

	if (text_cap - text_len < n + 1) {
		while (text_cap - text_len < n + 1)
			text_cap = text_cap ? text_cap * 2 : 4096;
		text = xrealloc(text, text_cap);
	}
	memcpy(text + text_len, p, n);
	text_len += n;
	return off;
}

static void
load_corrections(const char *path)
{
	static const char *const names[] = { "model_id", "actual_release_date" };
	struct table t;
	struct field f[2];

	table_open(&t, path, names, 2);
	while (table_next(&t, f)) {
		bool added;
		uint32_t *slot;
		day_t d;

		if (parse_date(f[1].p, f[1].len, &d) != 0)
			die_at(path, t.lineno, "actual_release_date %s is not a "
			    "date (YYYY-MM-DD)", quote(f[1].p, f[1].len));
		slot = strmap_put(&corrections, f[0].p, f[0].len, &added);
		if (added) {
			if (ncorrected == corrected_cap) {
				corrected_cap = corrected_cap ? corrected_cap * 2 : 64;
				corrected = xrealloc(corrected,
				    corrected_cap * sizeof *corrected);
			}
			*slot = (uint32_t)ncorrected++;
		}
		corrected[*slot] = d;
	}
	table_close(&t);
}

static struct ref *
ref_of(const char *bucket, size_t n, bool create)
{
	size_t i;

	for (i = 0; i < nrefs; i++)
		if (refs[i].bucket_len == n && memcmp(refs[i].bucket, bucket, n) == 0)
			return &refs[i];
	if (!create)
		return NULL;
	if (nrefs == refs_cap) {
		refs_cap = refs_cap ? refs_cap * 2 : 8;
		refs = xrealloc(refs, refs_cap * sizeof *refs);
	}
	memset(&refs[nrefs], 0, sizeof refs[nrefs]);
	refs[nrefs].bucket = xrealloc(NULL, n + 1);
	memcpy(refs[nrefs].bucket, bucket, n);
	refs[nrefs].bucket[n] = '\0';
	refs[nrefs].bucket_len = n;
	return &refs[nrefs++];
}

static int
milestone_slot(const char *s, size_t n)
{
	uint64_t v;
	size_t i;

	if (n < 2 || s[n - 1] != 'd' || parse_count(s, n - 1, &v) != NUM_OK)
		return -2;
	for (i = 0; i < opt.nmilestones; i++)
		if ((uint64_t)opt.milestones[i] == v)
			return (int)i;
	return -1;
}

static double
ref_number(const char *path, long long line, const char *what,
    const struct field *f)
{
	double v;

	if (parse_decimal(f->p, f->len, &v) != NUM_OK || v < 0)
		die_at(path, line, "%s %s is not a number of 0 or more", what,
		    quote(f->p, f->len));
	return v;
}

/* A reference table: bucket milestone median [q1 q3 [n]], TSV. */
static void
load_reference(const char *path)
{
	struct linereader lr;
	struct fields fs = { 0 };
	char *line;
	size_t len;

	lr_open(&lr, path);
	while (lr_next(&lr, &line, &len)) {
		struct ref *r;
		int k;

		if (len == 0 || line[0] == '#')
			continue;
		split_fields(&fs, line, len);
		if (fs.n < 3)
			die_at(path, lr.lineno, "a reference row needs bucket, "
			    "milestone and median");
		k = milestone_slot(fs.f[1].p, fs.f[1].len);
		if (k == -2)
			die_at(path, lr.lineno, "milestone %s is not written like "
			    "7d", quote(fs.f[1].p, fs.f[1].len));
		if (k < 0)
			die_at(path, lr.lineno, "milestone %s is not one of "
			    "--milestones", quote(fs.f[1].p, fs.f[1].len));
		r = ref_of(fs.f[0].p, fs.f[0].len, true);
		r->has[k] = true;
		r->median[k] = ref_number(path, lr.lineno, "median", &fs.f[2]);
		if (fs.n >= 5 && fs.f[3].len && fs.f[4].len) {
			r->q1[k] = ref_number(path, lr.lineno, "q1", &fs.f[3]);
			r->q3[k] = ref_number(path, lr.lineno, "q3", &fs.f[4]);
			r->quartiles[k] = true;
		}
		if (fs.n >= 6 && fs.f[5].len) {
			uint64_t n;

			if (parse_count(fs.f[5].p, fs.f[5].len, &n) != NUM_OK)
				die_at(path, lr.lineno, "n %s is not a count",
				    quote(fs.f[5].p, fs.f[5].len));
			r->n[k] = (size_t)n;
		}
	}
	lr_close(&lr);
	free(fs.f);
}

/* One model's observations while its rows are read. */
struct obs {
	day_t date;
	uint64_t value;
};

static struct obs *obs;
static size_t nobs, obs_cap;

/* D(t) for each milestone: the count on release + t, interpolated between
 * the observations on either side, rounded half away from zero; -1 when
 * that day is not inside the observed range. */
static void
milestones_of(struct model *m)
{
	int64_t *d = d_of(m);
	size_t k, i = 0;

	for (k = 0; k < opt.nmilestones; k++) {
		day_t target = m->release + (day_t)opt.milestones[k];

		d[k] = -1;
		if (!m->has_release || nobs == 0)
			continue;
		while (i < nobs && obs[i].date < target)
			i++;
		if (i == nobs)
			continue;	/* after the last observation */
		if (obs[i].date == target) {
			d[k] = (int64_t)obs[i].value;
		} else if (i > 0) {
			const struct obs *a = &obs[i - 1], *b = &obs[i];
			double f = (double)(target - a->date) /
			    (double)(b->date - a->date);

			d[k] = round_half_away((double)a->value + f *
			    ((double)b->value - (double)a->value));
		}
	}
}

struct pending {
	bool active;
	size_t id_off, id_len;
	size_t bucket_off, bucket_len;
	bool has_release;
	day_t release;
	long long last_line;
	const char *file;
};

static void
finish_model(struct pending *p)
{
	struct model *m;
	uint32_t *slot;

	if (!p->active)
		return;
	if (nmodels == models_cap) {
		models_cap = models_cap ? models_cap * 2 : 1024;
		models = xrealloc(models, models_cap * sizeof *models);
		dvals = xrealloc(dvals, models_cap * opt.nmilestones * sizeof *dvals);
	}
	m = &models[nmodels++];
	memset(m, 0, sizeof *m);
	m->id_off = p->id_off;
	m->id_len = p->id_len;
	m->bucket_off = p->bucket_off;
	m->bucket_len = p->bucket_len;
	m->has_release = p->has_release;
	m->release = p->release;
	if (corrections.n &&
	    (slot = strmap_get(&corrections, text + m->id_off, m->id_len))) {
		m->release = corrected[*slot];
		m->has_release = true;
	}
	m->latest = nobs ? obs[nobs - 1].value : 0;
	if (m->has_release && nobs && m->release > obs[nobs - 1].date) {
		char r[11] = "", l[11] = "";

		format_date(m->release, r);
		format_date(obs[nobs - 1].date, l);
		die_at(p->file, p->last_line, "model %s: release date %s is "
		    "after its last observation %s", quote(text + m->id_off,
		    m->id_len), r, l);
	}
	milestones_of(m);
	nobs = 0;
	p->active = false;
}

static const struct model *rank_models;

/* Most downloaded first; ties by model id, so the choice is stable. */
static int
cmp_latest(const void *a, const void *b)
{
	const struct model *x = &rank_models[*(const size_t *)a];
	const struct model *y = &rank_models[*(const size_t *)b];
	size_t n;
	int c;

	if (x->latest != y->latest)
		return x->latest > y->latest ? -1 : 1;
	n = x->id_len < y->id_len ? x->id_len : y->id_len;
	c = memcmp(text + x->id_off, text + y->id_off, n);
	return c ? c : (x->id_len > y->id_len) - (x->id_len < y->id_len);
}

static void
compute_reference(void)
{
	size_t *idx = xrealloc(NULL, (nmodels + 1) * sizeof *idx);
	double *vals = xrealloc(NULL, (opt.top + 1) * sizeof *vals);
	size_t i, j, k;

	/* Every bucket seen, in the order first seen. */
	for (i = 0; i < nmodels; i++)
		if (models[i].bucket_len)
			ref_of(text + models[i].bucket_off, models[i].bucket_len, true);
	for (j = 0; j < nrefs; j++) {
		struct ref *r = &refs[j];
		size_t n = 0;

		for (i = 0; i < nmodels; i++)
			if (models[i].bucket_len == r->bucket_len &&
			    memcmp(text + models[i].bucket_off, r->bucket,
			    r->bucket_len) == 0)
				idx[n++] = i;
		rank_models = models;
		qsort(idx, n, sizeof *idx, cmp_latest);
		if (n > opt.top)
			n = opt.top;
		for (k = 0; k < opt.nmilestones; k++) {
			size_t have = 0;

			for (i = 0; i < n; i++)
				if (d_of(&models[idx[i]])[k] >= 0)
					vals[have++] = (double)d_of(&models[idx[i]])[k];
			r->n[k] = have;
			if (!have)
				continue;
			sort_doubles(vals, have);
			r->has[k] = true;
			r->quartiles[k] = true;
			r->median[k] = quantile7(vals, have, 0.5);
			r->q1[k] = quantile7(vals, have, 0.25);
			r->q3[k] = quantile7(vals, have, 0.75);
		}
	}
	free(idx);
	free(vals);
}

static int
cmp_ref(const void *a, const void *b)
{
	const struct ref *x = a, *y = b;

	return strcmp(x->bucket, y->bucket);
}

static void
write_reference(const char *path)
{
	FILE *f = fopen(path, "w");
	size_t j, k;

	if (!f)
		die(EXIT_DATA, "%s: %s", path, strerror(errno));
	qsort(refs, nrefs, sizeof *refs, cmp_ref);
	fprintf(f, "#bucket\tmilestone\tmedian\tq1\tq3\tn\n");
	for (j = 0; j < nrefs; j++)
		for (k = 0; k < opt.nmilestones; k++) {
			const struct ref *r = &refs[j];

			if (!r->has[k])
				continue;
			fprintf(f, "%s\t%ldd\t%.10g", r->bucket, opt.milestones[k],
			    r->median[k]);
			if (r->quartiles[k])
				fprintf(f, "\t%.10g\t%.10g", r->q1[k], r->q3[k]);
			else
				fprintf(f, "\t\t");
			if (r->n[k])
				fprintf(f, "\t%zu\n", r->n[k]);
			else
				fprintf(f, "\t\n");
		}
	if (fclose(f) != 0)
		die(EXIT_DATA, "%s: %s", path, strerror(errno));
}

static void
write_ram(double d, const struct ref *r, size_t k)
{
	if (r && r->has[k] && r->median[k] > 0)
		out_double(d / r->median[k], opt.digits);
}

static void
write_results(const struct tsvin *in)
{
	size_t i, k;
	char num[32];

	if (in->has_header) {
		if (opt.wide) {
			out_str("#model\tbucket\trelease");
			for (k = 0; k < opt.nmilestones; k++) {
				snprintf(num, sizeof num, "\tram_%ldd", opt.milestones[k]);
				out_str(num);
			}
		} else {
			out_str("#model\tbucket\trelease\tmilestone\tdownloads\t"
			    "ref_median\tram");
		}
		out_endrow();
	}
	for (i = 0; i < nmodels; i++) {
		const struct model *m = &models[i];
		const int64_t *d = d_of(m);
		const struct ref *r = m->bucket_len ?
		    ref_of(text + m->bucket_off, m->bucket_len, false) : NULL;
		char rel[10];

		if (m->has_release)
			format_date(m->release, rel);
		if (opt.wide) {
			out_write(text + m->id_off, m->id_len);
			out_char('\t');
			out_write(text + m->bucket_off, m->bucket_len);
			out_char('\t');
			if (m->has_release)
				out_write(rel, 10);
			for (k = 0; k < opt.nmilestones; k++) {
				out_char('\t');
				if (d[k] >= 0)
					write_ram((double)d[k], r, k);
			}
			out_endrow();
			continue;
		}
		for (k = 0; k < opt.nmilestones; k++) {
			if (d[k] < 0)
				continue;
			out_write(text + m->id_off, m->id_len);
			out_char('\t');
			out_write(text + m->bucket_off, m->bucket_len);
			out_char('\t');
			out_write(rel, 10);
			snprintf(num, sizeof num, "\t%ldd\t", opt.milestones[k]);
			out_str(num);
			out_i64(d[k]);
			out_char('\t');
			if (r && r->has[k])
				out_double(r->median[k], 4);
			out_char('\t');
			write_ram((double)d[k], r, k);
			out_endrow();
		}
	}
}

static void
parse_milestones(const char *list)
{
	char *items[MAX_MILESTONES];
	size_t i, n = split_list(list, items, MAX_MILESTONES, "--milestones");

	for (i = 0; i < n; i++) {
		uint64_t v;

		if (parse_count(items[i], strlen(items[i]), &v) != NUM_OK ||
		    v < 1 || v > 36500)
			die_usage("--milestones %s: '%s' is not a number of days "
			    "from 1 to 36500", list, items[i]);
		if (i > 0 && (long)v <= opt.milestones[i - 1])
			die_usage("--milestones %s: days must increase", list);
		opt.milestones[i] = (long)v;
	}
	opt.nmilestones = n;
	free(items[0]);
}

static void
parse_options(int argc, char **argv)
{
	enum { OPT_MILESTONES = 256, OPT_TOP, OPT_REFERENCE, OPT_REFERENCE_OUT,
	    OPT_DIGITS, OPT_WIDE, OPT_VERSION };
	static const struct option longopts[] = {
		{ "model", required_argument, NULL, 'm' },
		{ "date", required_argument, NULL, 't' },
		{ "value", required_argument, NULL, 'v' },
		{ "release", required_argument, NULL, 'r' },
		{ "bucket", required_argument, NULL, 'b' },
		{ "corrections", required_argument, NULL, 'c' },
		{ "milestones", required_argument, NULL, OPT_MILESTONES },
		{ "top", required_argument, NULL, OPT_TOP },
		{ "reference", required_argument, NULL, OPT_REFERENCE },
		{ "reference-out", required_argument, NULL, OPT_REFERENCE_OUT },
		{ "digits", required_argument, NULL, OPT_DIGITS },
		{ "wide", no_argument, NULL, OPT_WIDE },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	int c;
	uint64_t n;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":m:t:v:r:b:c:h", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'm': opt.model = optarg; break;
		case 't': opt.date = optarg; break;
		case 'v': opt.value = optarg; break;
		case 'r': opt.release = optarg; break;
		case 'b': opt.bucket = optarg; break;
		case 'c': opt.corrections = optarg; break;
		case OPT_MILESTONES: parse_milestones(optarg); break;
		case OPT_TOP:
			if (parse_count(optarg, strlen(optarg), &n) != NUM_OK ||
			    n < 1 || n > 100000)
				die_usage("--top %s: must be a whole number from 1 "
				    "to 100000", optarg);
			opt.top = (size_t)n;
			break;
		case OPT_REFERENCE: opt.reference = optarg; break;
		case OPT_REFERENCE_OUT: opt.reference_out = optarg; break;
		case OPT_DIGITS:
			if (parse_count(optarg, strlen(optarg), &n) != NUM_OK ||
			    n > 9)
				die_usage("--digits %s: must be 0 to 9", optarg);
			opt.digits = (int)n;
			break;
		case OPT_WIDE: opt.wide = true; break;
		case 'h': usage(); exit_help();
		case OPT_VERSION:
			printf("ram %s\n", HFSNAP_VERSION);
			exit_help();
		default: die_option(c, argv);
		}
	}
}

int
main(int argc, char **argv)
{
	struct tsvin in;
	struct fields fs = { 0 };
	struct grouping grp = { 0 };
	struct pending p = { 0 };
	size_t cm, ct, cv, cr, cb;
	size_t i;

	err_init(argv[0]);
	parse_options(argc, argv);
	if (opt.corrections)
		load_corrections(opt.corrections);
	if (opt.reference)
		load_reference(opt.reference);
	out_init();
	tsvin_open(&in, argc - optind, argv + optind);
	cm = column_index(&in, opt.model, "-m");
	ct = column_index(&in, opt.date, "-t");
	cv = column_index(&in, opt.value, "-v");
	cr = column_index(&in, opt.release, "-r");
	cb = column_index(&in, opt.bucket, "-b");

	while (tsvin_next(&in, &fs)) {
		const struct field *m, *v, *r, *b;
		day_t d;

		m = &fs.f[cm];
		v = &fs.f[cv];
		r = &fs.f[cr];
		b = &fs.f[cb];
		d = field_date(&in, &fs.f[ct], ct);
		if (group_is_new(&grp, &in, m->p, m->len, d)) {
			finish_model(&p);
			group_enter(&grp, &in, m->p, m->len, d);
			p.active = true;
			p.id_off = keep_text(m->p, m->len);
			p.id_len = m->len;
			p.has_release = false;
			p.bucket_len = 0;
		}
		p.last_line = tsvin_line(&in);
		p.file = tsvin_name(&in);
		if (!p.has_release && r->len) {
			p.release = field_date(&in, r, cr);
			p.has_release = true;
		}
		/* The bucket of the model's last row that names one. */
		if (b->len && (b->len != p.bucket_len ||
		    memcmp(text + p.bucket_off, b->p, b->len) != 0)) {
			p.bucket_off = keep_text(b->p, b->len);
			p.bucket_len = b->len;
		}
		if (v->len == 0)
			continue;
		if (nobs == obs_cap) {
			obs_cap = obs_cap ? obs_cap * 2 : 512;
			obs = xrealloc(obs, obs_cap * sizeof *obs);
		}
		obs[nobs].date = d;
		obs[nobs].value = field_count(&in, v, cv);
		nobs++;
	}
	finish_model(&p);
	if (!opt.reference)
		compute_reference();
	if (opt.reference_out)
		write_reference(opt.reference_out);
	write_results(&in);
	out_finish();
	tsvin_close(&in);
	group_free(&grp);
	free(fs.f);
	free(obs);
	free(models);
	free(dvals);
	free(text);
	free(corrected);
	strmap_free(&corrections);
	for (i = 0; i < nrefs; i++)
		free(refs[i].bucket);
	free(refs);
	return 0;
}
