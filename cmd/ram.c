/* ram: the Relative Adoption Metric of the ATOM Report (its section 6).
 *
 * For each model, D(t) is its cumulative count t days after release (7,
 * 14, 30, 60, 90, 180, 365 by default), interpolated linearly between the
 * observations on either side of that day and never extrapolated.  The
 * reference of a size bucket at milestone t is the median of D(t) over the
 * bucket's N most downloaded models (by latest count) that reached t, and
 * RAM = D(t) / median -- when at least --min-reference of them reached t.
 * When fewer did, the RAM is left empty and standard error says so: a
 * median of one or two models (the model itself, often) is no reference.
 * A model may be in its own reference, as in the report: one reference per
 * bucket and milestone, the same for every model (ram(1) says why).
 * With --curves, the reference models' D for every age 0 .. --horizon, with
 * their median and quartiles at each age (the report's Figure 17).
 *
 * Counts, medians, quartiles and RAM are exact (lib/exact): nothing passes
 * through floating point.
 *
 * The input streams one model at a time.  What is kept per model is a small
 * record (its D(t), latest count, bucket), and per bucket its N best models
 * so far (with their daily curves under --curves): memory grows with the
 * models and buckets, never with the rows. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adoption.h"
#include "cli.h"
#include "date.h"
#include "err.h"
#include "exact.h"
#include "group.h"
#include "hash.h"
#include "mem.h"
#include "out.h"
#include "table.h"
#include "tsv.h"

struct options {
	const char *model, *date, *value, *release, *bucket;
	const char *corrections, *reference, *reference_out;
	const char *unknown;	/* the bucket bucketize gives an unknown size */
	long milestones[ADOPTION_MAX_MILESTONES];
	size_t nmilestones;
	size_t top;
	size_t min_reference;	/* 0: not given, the value of --top */
	long horizon;		/* -1: not given, 180 */
	int digits;
	bool wide, curves;
};

static struct options opt = {
	.model = "model", .date = "date", .value = "downloads",
	.release = "created", .bucket = "bucket", .unknown = "unknown",
	.milestones = { 7, 14, 30, 60, 90, 180, 365 }, .nmilestones = 7,
	.top = 10, .horizon = -1, .digits = 2,
};

/* The models read, their D at the milestones, and their buckets'
 * reference. */
static struct adoption adoption;

/* Corrected release dates, numbered by model id in corrections. */
static struct intern corrections;
static day_t *corrected;
static size_t corrected_cap;

/* One model's observations while its rows are read. */
static struct dated_count *obs;
static size_t nobs, obs_cap;

static void
usage(void)
{
	printf(
"Usage: ram [-m COL] [-t COL] [-v COL] [-r COL] [-b COL] [-c FILE]\n"
"           [--milestones LIST] [--top N] [--min-reference N] [--unknown LABEL]\n"
"           [--reference FILE] [--reference-out FILE] [--digits N]\n"
"           [--wide | --curves [--horizon N]] [FILE ...]\n"
"Relative Adoption Metric: downloads t days after release over the median\n"
"of the bucket's top models at the same t.\n"
"\n"
"  -m, -t, -v COL          model, date, count: --model, --date, --value\n"
"  -r, --release COL       release date column (default: created)\n"
"  -b, --bucket COL        size bucket column (default: bucket)\n"
"  -c, --corrections FILE  CSV/TSV with model_id, actual_release_date\n"
"      --milestones LIST   days after release (7,14,30,60,90,180,365)\n"
"      --top N             reference models per bucket (default 10)\n"
"      --min-reference N   fewest reference models for a RAM (default: --top)\n"
"      --reference FILE    read the reference (bucket milestone median ...)\n"
"      --reference-out FILE  write the reference used, exactly\n"
"      --digits N          decimals of RAM (default 2)\n"
"      --wide              one row per model: ram_Nd and ref_n_Nd columns\n"
"      --curves            reference models' daily counts, median, quartiles\n"
"      --horizon N         last day after release of --curves (default 180)\n"
"      --unknown LABEL     the bucket of an unknown size: no RAM (unknown)\n"
"  -h, --help, --version   show this help, or the version, and exit\n"
"Input: grouped by model, dates ascending.  Exit status: 0 success, 1 bad\n"
"data or I/O, 2 bad usage.  See ram(1).\n");
}

static void
load_corrections(const char *path)
{
	static const char *const names[] = { "model_id", "actual_release_date" };
	struct table t;
	struct field f[2];

	table_open(&t, path, names, 2);
	while (table_next(&t, f)) {
		size_t id;
		day_t d;

		if (parse_date(f[1].p, f[1].len, &d) != 0)
			die_at(path, t.lineno, "actual_release_date %s is not a "
			    "date (YYYY-MM-DD)", quote(f[1].p, f[1].len));
		id = intern_put(&corrections, f[0].p, f[0].len, NULL);
		corrected = grow(corrected, &corrected_cap, id + 1,
		    sizeof *corrected);
		corrected[id] = d;	/* a later row wins */
	}
	table_close(&t);
}

/* The model whose rows are being read. */
struct pending {
	bool active;
	struct adoption_model m;	/* id, bucket cell, release */
	long long last_line;
	const char *file;
};

static void
finish_model(struct pending *p)
{
	struct adoption_model *m = &p->m;
	const char *text = adoption.text.p;
	size_t id;

	if (!p->active)
		return;
	if (corrections.n && (id = intern_get(&corrections, text + m->id_off,
	    m->id_len)) != INTERN_NONE) {
		m->release = corrected[id];
		m->has_release = true;
	}
	if (m->has_release && nobs && m->release > obs[nobs - 1].date) {
		char r[11] = "", l[11] = "";

		format_date(m->release, r);
		format_date(obs[nobs - 1].date, l);
		die_at(p->file, p->last_line, "model %s: release date %s is "
		    "after its last observation %s", quote(text + m->id_off,
		    m->id_len), r, l);
	}
	adoption_add(&adoption, m, obs, nobs);
	nobs = 0;
	p->active = false;
}

/* D / median, to --digits decimals, all of them written. */
static void
out_ram(int64_t d, const struct refstat *r)
{
	char buf[FRAC_BUFSIZE];
	struct frac ram;

	if (d < 0 || !r || !adoption_usable(&adoption, r))
		return;
	ram = frac_over((uint64_t)d, &r->median);
	out_write(buf, frac_format(&ram, opt.digits, FRAC_FIXED, buf));
}

static void
out_milestone_header(const char *prefix)
{
	char num[40];
	size_t k;

	for (k = 0; k < opt.nmilestones; k++) {
		snprintf(num, sizeof num, "\t%s%ldd", prefix, opt.milestones[k]);
		out_str(num);
	}
}

static void
write_results(const struct tsvin *in)
{
	size_t i, k;
	char num[40];

	if (in->has_header) {
		if (opt.wide) {
			out_str("#model\tbucket\trelease");
			out_milestone_header("ram_");
			out_milestone_header("ref_n_");
		} else {
			out_str("#model\tbucket\trelease\tmilestone\tdownloads\t"
			    "ref_median\tram\tref_n");
		}
		out_endrow();
	}
	for (i = 0; i < adoption.nmodels; i++) {
		const struct adoption_model *m = &adoption.models[i];
		const int64_t *d = adoption_d(&adoption, i);
		const char *text = adoption.text.p;
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
				out_ram(d[k], adoption_ref(&adoption, m, k));
			}
			for (k = 0; k < opt.nmilestones; k++) {
				const struct refstat *r = adoption_ref(&adoption,
				    m, k);

				out_char('\t');
				if (r && r->has_n)
					out_u64(r->n);
			}
			out_endrow();
			continue;
		}
		for (k = 0; k < opt.nmilestones; k++) {
			const struct refstat *r = adoption_ref(&adoption, m, k);

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
			if (r && adoption_enough(&adoption, r))
				out_frac_exactly(&r->median);
			out_char('\t');
			out_ram(d[k], r);
			out_char('\t');
			if (r && r->has_n)
				out_u64(r->n);
			out_endrow();
		}
	}
}

static void
parse_milestones(const char *list)
{
	char *items[ADOPTION_MAX_MILESTONES];
	size_t i, n = split_list(list, items, ADOPTION_MAX_MILESTONES,
	    "--milestones");

	for (i = 0; i < n; i++) {
		uint64_t v = cli_count("--milestones", items[i], 1, 36500);

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
	enum { OPT_MILESTONES = 256, OPT_TOP, OPT_MIN_REFERENCE, OPT_REFERENCE,
	    OPT_REFERENCE_OUT, OPT_DIGITS, OPT_WIDE, OPT_CURVES, OPT_HORIZON,
	    OPT_UNKNOWN };
	static const struct option longopts[] = {
		OPTION_ARG("release", 'r'),
		OPTION_ARG("bucket", 'b'),
		OPTION_ARG("corrections", 'c'),
		OPTION_ARG("milestones", OPT_MILESTONES),
		OPTION_ARG("top", OPT_TOP),
		OPTION_ARG("min-reference", OPT_MIN_REFERENCE),
		OPTION_ARG("reference", OPT_REFERENCE),
		OPTION_ARG("reference-out", OPT_REFERENCE_OUT),
		OPTION_ARG("digits", OPT_DIGITS),
		OPTION_FLAG("wide", OPT_WIDE),
		OPTION_FLAG("curves", OPT_CURVES),
		OPTION_ARG("horizon", OPT_HORIZON),
		OPTION_ARG("unknown", OPT_UNKNOWN),
		OPTIONS_END
	};
	int c;

	while ((c = cli_next(argc, argv, "m:t:v:r:b:c:", longopts, usage)) !=
	    -1) {
		switch (c) {
		case 'm': opt.model = optarg; break;
		case 't': opt.date = optarg; break;
		case 'v': opt.value = optarg; break;
		case 'r': opt.release = optarg; break;
		case 'b': opt.bucket = optarg; break;
		case 'c': opt.corrections = optarg; break;
		case OPT_MILESTONES: parse_milestones(optarg); break;
		case OPT_TOP:
			opt.top = (size_t)cli_count("--top", optarg, 1, 100000);
			break;
		case OPT_MIN_REFERENCE:
			opt.min_reference = (size_t)cli_count("--min-reference",
			    optarg, 1, 100000);
			break;
		case OPT_REFERENCE: opt.reference = optarg; break;
		case OPT_REFERENCE_OUT: opt.reference_out = optarg; break;
		case OPT_DIGITS:
			opt.digits = (int)cli_count("--digits", optarg, 0, 9);
			break;
		case OPT_WIDE: opt.wide = true; break;
		case OPT_CURVES: opt.curves = true; break;
		case OPT_UNKNOWN:
			opt.unknown = cli_cell("--unknown", "a label", optarg, 0);
			break;
		case OPT_HORIZON:
			opt.horizon = (long)cli_count("--horizon", optarg, 0,
			    36500);
			break;
		}
	}
	if (opt.min_reference > opt.top)
		die_usage("--min-reference %zu is more than --top %zu: no "
		    "reference could be that large", opt.min_reference, opt.top);
	if (opt.curves && opt.wide)
		die_usage("--curves and --wide are different outputs: give one");
	if (opt.curves && opt.reference)
		die_usage("--curves draws the reference models' own series: it "
		    "cannot use --reference");
	if (opt.horizon >= 0 && !opt.curves)
		die_usage("--horizon is the last age of --curves: give --curves "
		    "too");
	if (opt.horizon < 0)
		opt.horizon = 180;
	if (opt.corrections)
		table_check_stdin("-c", opt.corrections, argc - optind,
		    argv + optind);
	if (opt.reference)
		table_check_stdin("--reference", opt.reference, argc - optind,
		    argv + optind);
	if (opt.corrections && opt.reference &&
	    strcmp(opt.corrections, "-") == 0 && strcmp(opt.reference, "-") == 0)
		die_usage("-c - and --reference -: only one of them can be "
		    "standard input");
}

int
main(int argc, char **argv)
{
	struct tsvin in;
	struct fields fs = { 0 };
	struct grouping grp = { 0 };
	struct pending p = { 0 };
	size_t cm, ct, cv, cr, cb;
	FILE *refout = NULL;

	err_init(argv[0]);
	parse_options(argc, argv);
	adoption_init(&adoption, opt.milestones, opt.nmilestones, opt.top,
	    opt.min_reference ? opt.min_reference : opt.top,
	    opt.curves ? opt.horizon : -1, opt.unknown);
	if (opt.reference)
		adoption_read_reference(&adoption, opt.reference);
	/* Opened before the input is read, so that a FILE that cannot be
	 * written fails at once; after --reference, which may be the same. */
	if (opt.reference_out && !(refout = fopen(opt.reference_out, "w")))
		die(EXIT_DATA, "%s: %s", opt.reference_out, strerror(errno));
	if (opt.corrections)
		load_corrections(opt.corrections);
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
			p.m.id_off = text_add(&adoption.text, m->p, m->len);
			p.m.id_len = m->len;
			p.m.has_release = false;
			p.m.bucket_len = 0;
		}
		p.last_line = tsvin_line(&in);
		p.file = tsvin_name(&in);
		if (!p.m.has_release && r->len) {
			p.m.release = field_date(&in, r, cr);
			p.m.has_release = true;
		}
		/* The bucket of the model's last row that names one. */
		if (b->len && (b->len != p.m.bucket_len || memcmp(adoption.text.p +
		    p.m.bucket_off, b->p, b->len) != 0)) {
			p.m.bucket_off = text_add(&adoption.text, b->p, b->len);
			p.m.bucket_len = b->len;
		}
		if (v->len == 0)
			continue;
		obs = grow(obs, &obs_cap, nobs + 1, sizeof *obs);
		obs[nobs].date = d;
		obs[nobs].value = (int64_t)field_count(&in, v, cv);
		nobs++;
	}
	finish_model(&p);
	if (!opt.reference)
		adoption_compute_reference(&adoption);
	if (refout)
		adoption_write_reference(&adoption, refout, opt.reference_out);
	if (opt.curves)
		adoption_write_curves(&adoption, in.has_header);
	else
		write_results(&in);
	out_finish();
	/* After the output is all written: a reader that stopped early
	 * (`ram | head`) ends ram quietly, before any of this. */
	if (opt.curves)
		adoption_warn_thin_curves(&adoption);
	else
		adoption_warn_empty(&adoption);
	tsvin_close(&in);
	group_free(&grp);
	free(fs.f);
	free(obs);
	free(corrected);
	intern_free(&corrections);
	adoption_free(&adoption);
	return 0;
}
