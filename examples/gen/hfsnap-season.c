/* hfsnap-season: a deterministic season of Hugging Face Hub data, shaped
 * like the sources the ATOM Report used, for the sample pipeline, with the
 * faults real daily snapshots have.
 *
 *   hfsnap-season -o DIR [-s SEED] [--from DATE] [--days N]
 *                 [--history-from DATE] [--splice DATE] [--derivatives N]
 *                 [--no-fillers] [--no-faults] [--no-total DATE] [--wrapped]
 *
 * writes into DIR:
 *   snaps/YYYY-MM-DD.json  one daily snapshot of the model listing per day
 *                          from --from for --days days (the scraper), with
 *                          the tracked models and derivative repos that
 *                          exist that day, as the API returns them: pages
 *                          of 1000 back to back, or with --wrapped one
 *                          archive object {"date", "fetched_at", "source",
 *                          "models": [...]}; every model has a Hub-style
 *                          _id (an ObjectId: creation time, then 8 bytes
 *                          fixed by the repository) that never changes;
 *   faults.tsv             the faults below, one row per fault and date
 *                          (#date, kind, detail), in date order;
 *   history.tsv            daily counts of the tracked models from
 *                          --history-from to --splice, the older source
 *                          (hfsnap-parse's columns), with a few one-day
 *                          spikes injected for iqr-filter to remove;
 *   tracked.txt            the tracked model ids;
 *   model_parameters.csv, release_date_corrections.csv
 *                          tables in the shape of the tracked-models
 *                          registry's metadata;
 *   truth.tsv, models.tsv  the generator's ground truth (true daily counts,
 *                          faults or not; each model's kind, bucket,
 *                          region, organisation, release), for tests to
 *                          check the pipeline by.
 *
 * The faults (none with --no-faults) sit at fixed offsets from --from,
 * moved off the last day of a month and the splice date and its neighbours:
 *   unrefreshed  a stretch of one day and one of two on which the Hub did
 *                not refresh its counts: every model shows the downloads
 *                and likes of the last refreshed day (0 if it was created
 *                since); the next day catches up;
 *   missing      a day with no snapshot file;
 *   rename       a tracked repository moves to a new namespace (renamed[]
 *                in catalogue.h): its old id before that day, its new id
 *                from it on, one _id and one continuous count.  Every table
 *                and the truth name it by its new id only;
 *   no-total     on request (--no-total DATE): that day's listing was
 *                fetched without expand[]=downloadsAllTime.
 * Every output is a function of the seed, the model and the day (and of
 * the options other than --days): a longer season starts with exactly the
 * files of a shorter one, and a fault past the season's end does not
 * happen.
 *
 * Download curves have a launch peak and a long tail; the tracked models
 * are the ATOM Report's (catalogue.h), at its orders of magnitude. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "date.h"
#include "num.h"
#include "catalogue.h"

enum {
	MAX_MODELS = 1024,
	MAX_NO_TOTAL = 32,
	/* --derivatives counts the repos created by this day of the season;
	 * each later stretch of as many days adds as many as this one saw. */
	DERIV_WINDOW = 120,
	MAX_DAYS = 36600,
	MAX_DERIVATIVES = 1000000
};

struct model {
	char id[160];
	const char *old_id;	/* listed under this before the rename, or NULL */
	char oid[25];		/* the Hub's _id */
	int key;		/* fixes its random draws, see build_models() */
	double size;		/* billions */
	int table;		/* size given in model_parameters.csv */
	day_t release, created;
	double scale, tau, tail;	/* the curve */
	int filler;
	uint64_t *cum;		/* true cumulative count per day from first */
	day_t first;		/* first day held in cum */
};

struct derivative {
	char id[200];
	char oid[25];
	int draw;		/* the number its random draws are fixed by */
	int base;		/* index into models, or -1 */
	const char *untracked_base;
	int kind;		/* see kinds[] */
	int by_object;		/* baseModels object instead of tags */
	day_t created;
	double scale, tau;
	int tiny;		/* at most five downloads ever */
};

static const char *const kinds[] = {
	"finetune", "adapter", "quantized", "merge", "gguf", "mlx"
};

enum fault_kind { F_UNREFRESHED, F_MISSING, F_RENAME, F_NO_TOTAL };

static const char *const fault_names[] = {
	"unrefreshed", "missing", "rename", "no-total"
};

/* The faults of every season, at these offsets from --from: well inside
 * the default season of 120 days, none in its first three or last two
 * days.  place_faults() moves each forward off the days they must not
 * fall on. */
static const struct {
	enum fault_kind kind;
	int offset, len;
} fault_plan[] = {
	{ F_UNREFRESHED, 17, 1 },
	{ F_RENAME, 22, 1 },
	{ F_MISSING, 36, 1 },
	{ F_UNREFRESHED, 45, 2 },
};

struct fault {
	enum fault_kind kind;
	day_t day;
	int len;		/* consecutive days from day */
};

static struct model models[MAX_MODELS];
static int nmodels;
static struct derivative *derivs;
static int nderivs;
static uint64_t seed = 1;
static day_t season_from, season_to, hist_from, splice;
/* The last day a true count is needed for: the season's or the history's,
 * whichever ends later. */
static day_t horizon;
static struct fault faults[sizeof fault_plan / sizeof fault_plan[0]];
static int nfaults;
static day_t no_total[MAX_NO_TOTAL];
static int nno_total;

static uint64_t
mix(uint64_t z)
{
	z += 0x9e3779b97f4a7c15ULL;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A uniform number in [0, 1) fixed by (seed, a, b): the same model and day
 * always get the same noise, whatever else is generated. */
static double
u01(uint64_t a, uint64_t b)
{
	return (double)(mix(seed ^ mix(a * 0x100000001b3ULL + b)) >> 11) /
	    9007199254740992.0;
}

static day_t
date_of(const char *s)
{
	day_t d;

	if (parse_date(s, strlen(s), &d) != 0) {
		fprintf(stderr, "hfsnap-season: bad date %s\n", s);
		exit(2);
	}
	return d;
}

/* The Hub's _id is a MongoDB ObjectId: four bytes of creation time, then
 * eight here fixed by the repository's final id, so a renamed repository
 * keeps its _id, as on the Hub. */
static void
object_id(char out[25], const char *id, day_t created, int seconds)
{
	uint64_t h = 0xcbf29ce484222325ULL;	/* FNV-1a */
	int64_t t = (int64_t)created * 86400 + seconds;

	for (; *id; id++)
		h = (h ^ (unsigned char)*id) * 0x100000001b3ULL;
	snprintf(out, 25, "%08lx%016llx", (unsigned long)(t & 0xffffffff),
	    (unsigned long long)mix(h));
}

/* Downloads up to age a (days since release) of the unit curve: a launch
 * peak decaying over tau days on top of a steady tail. */
static double
unit_cum(double a, double tau, double tail)
{
	if (a < 0)
		return 0;
	return tail * a + tau * (1 - exp(-a / tau));
}

static void
fill_truth(struct model *m)
{
	day_t d;
	uint64_t c = 0;
	size_t n;

	m->first = m->created < hist_from ? hist_from : m->created;
	if (m->first > horizon) {
		m->cum = NULL;	/* released after the season: never seen */
		return;
	}
	n = (size_t)(horizon - m->first + 1);
	m->cum = calloc(n, sizeof *m->cum);
	if (!m->cum) {
		perror("hfsnap-season");
		exit(1);
	}
	/* Downloads start at the launch; days before m->first are summed. */
	for (d = m->release; d <= horizon; d++) {
		double a = d - m->release;
		double daily = m->scale * (unit_cum(a + 1, m->tau, m->tail) -
		    unit_cum(a, m->tau, m->tail));

		/* Day-to-day swings of +-50%, as weekdays and weekends give. */
		c += (uint64_t)(daily * (0.5 + u01((uint64_t)m->key, (uint64_t)d)));
		if (d >= m->first)
			m->cum[d - m->first] = c;
	}
}

static uint64_t
truth_at(const struct model *m, day_t d)
{
	if (!m->cum || d < m->first)
		return 0;
	if (d > horizon)
		d = horizon;
	return m->cum[d - m->first];
}

static void
add_model(int key, const char *id, double size, int table,
    const char *release, const char *created, double latest_k, int filler)
{
	struct model *m = &models[nmodels];
	day_t march = date_of("2026-03-25");

	snprintf(m->id, sizeof m->id, "%s", id);
	m->key = key;
	m->size = size;
	m->table = table;
	m->release = date_of(release);
	m->created = created ? date_of(created) : m->release;
	m->filler = filler;
	/* A launch peak of a few days to three weeks over a tail that carries
	 * most of a year's downloads, as the report's curves show; the peak
	 * day has at most six times a tail day's downloads. */
	m->tau = 3 + 17 * u01((uint64_t)key, 1);
	m->tail = 0.2 + 0.3 * u01((uint64_t)key, 2);
	/* latest_k is the count in late March 2026: scale the curve to it. */
	m->scale = latest_k * 1000 /
	    unit_cum(march - m->release, m->tau, m->tail);
	fill_truth(m);
	nmodels++;
}

static int
cmp_id(const void *a, const void *b)
{
	return strcmp(((const struct model *)a)->id,
	    ((const struct model *)b)->id);
}

static void
size_token(char *buf, size_t n, double size)
{
	if (size < 1 && fabs(size * 1000 - round(size * 1000)) < 1e-9)
		snprintf(buf, n, "%.0fM", size * 1000);
	else
		snprintf(buf, n, "%gB", size);
}

/* The time of day of a tracked repository's createdAt. */
static int
created_seconds(const struct model *m)
{
	return (m->key % 24) * 3600 + (m->key % 60) * 60;
}

/* Each model's random draws are keyed by its place in the catalogue, or
 * 1000 + its number among the fillers, not by its place in the sorted list:
 * a model added to the catalogue moves no other model's curve. */
static void
build_models(int fillers)
{
	size_t i, k;
	int f = 0, m;

	for (i = 0; i < sizeof catalogue / sizeof catalogue[0]; i++) {
		const char *created = NULL;

		for (k = 0; k < sizeof early / sizeof early[0]; k++)
			if (strcmp(early[k][0], catalogue[i].id) == 0)
				created = early[k][1];
		add_model((int)i, catalogue[i].id, catalogue[i].size,
		    catalogue[i].table, catalogue[i].release, created,
		    catalogue[i].latest, 0);
	}
	for (i = 0; fillers && i < sizeof families / sizeof families[0]; i++)
		for (k = 0; k < 6 && families[i].sizes[k] > 0; k++) {
			static const char *const suffix[] = { "-Instruct", "" };
			int s;

			for (s = 0; s < 2; s++, f++) {
				char id[160], tok[32], rel[11] = "";
				double latest = 20 * pow(75, u01(9000 + f, 3));

				size_token(tok, sizeof tok, families[i].sizes[k]);
				snprintf(id, sizeof id, "%s/%s-%s%s", families[i].org,
				    families[i].name, tok, suffix[s]);
				format_date(date_of("2023-12-01") +
				    (day_t)(600 * u01(9000 + f, 4)), rel);
				add_model(1000 + f, id, families[i].sizes[k], 0, rel,
				    NULL, latest, 1);
			}
		}
	/* Byte order, as LC_ALL=C sort leaves a series. */
	qsort(models, (size_t)nmodels, sizeof *models, cmp_id);
	for (m = 0; m < nmodels; m++)
		object_id(models[m].oid, models[m].id, models[m].created,
		    created_seconds(&models[m]));
}

static int
bucket_index(double size)
{
	static const double edges[] = { 1, 5, 10, 50, 100, 250 };
	int i;

	for (i = 0; i < 6; i++)
		if (size < edges[i])
			return i;
	return 6;
}

static const char *const bucket_names[] = {
	"<1B", "1-5B", "7-9B", "10-50B", "50-100B", "100-250B", "250B+"
};

static const char *
org_region(const char *id)
{
	static const char *const us[] = {
		"meta-llama", "facebook", "google", "microsoft", "nvidia", "openai",
		"allenai", "ibm-granite", "Snowflake", "ai21labs", "llava-hf",
		"arcee-ai", NULL
	};
	static const char *const china[] = {
		"Qwen", "deepseek-ai", "ByteDance-Seed", "baidu", "internlm", "THUDM",
		"zai-org", "openbmb", "inclusionAI", "Skywork", "tencent",
		"XiaomiMiMo", "moonshotai", "MiniMaxAI", "OpenGVLab", NULL
	};
	static const char *const eu[] = {
		"mistralai", "HuggingFaceTB", NULL
	};
	size_t n = strcspn(id, "/");
	int i;

	for (i = 0; us[i]; i++)
		if (strlen(us[i]) == n && strncmp(id, us[i], n) == 0)
			return "us";
	for (i = 0; china[i]; i++)
		if (strlen(china[i]) == n && strncmp(id, china[i], n) == 0)
			return "china";
	for (i = 0; eu[i]; i++)
		if (strlen(eu[i]) == n && strncmp(id, eu[i], n) == 0)
			return "eu";
	return strncmp(id, "tiiuae", n) == 0 ? "other" : "";
}

/* The sum of the tracked models' weights as bases: a model draws
 * derivatives in proportion to the square root of its downloads. */
static double base_weight;

/* Derivative number j, created in [lo, hi] (and not before its base):
 * every draw is fixed by j alone.  Returns 0 when its base leaves no day
 * in the range. */
static int
draw_derivative(struct derivative *dv, int j, day_t lo, day_t hi)
{
	static const char *const untracked[] = {
		"EleutherAI/pythia-1b", "bigscience/bloom-560m",
		"stabilityai/stablelm-2-1_6b", "tiiuae/falcon-40b",
	};
	static const char *const gguf_ns[] = {
		"bartowski", "unsloth", "mradermacher", "lmstudio-community", "TheBloke"
	};
	static const char *const tune_ns[] = {
		"NousResearch", "cognitivecomputations", "unsloth", "allura-org"
	};
	double pick = u01(50000 + j, 1), acc = 0, r = u01(50000 + j, 2);
	const char *base_id, *slash, *ns;
	char user[32];
	day_t from;
	int i;

	memset(dv, 0, sizeof *dv);
	dv->draw = j;
	dv->base = -1;
	if (u01(50000 + j, 3) < 0.12) {
		dv->untracked_base = untracked[j % 4];
	} else {
		for (i = 0; i < nmodels - 1; i++) {
			acc += sqrt(models[i].scale) / base_weight;
			if (pick < acc)
				break;
		}
		dv->base = i;
	}
	dv->kind = r < 0.40 ? 0 : r < 0.55 ? 1 : r < 0.65 ? 2 : r < 0.70 ? 3 :
	    r < 0.88 ? 4 : 5;
	dv->by_object = u01(50000 + j, 4) < 0.1;
	base_id = dv->base >= 0 ? models[dv->base].id : dv->untracked_base;
	slash = strchr(base_id, '/');
	snprintf(user, sizeof user, "user%04d", (int)(u01(50000 + j, 5) * 3000));
	switch (dv->kind) {
	case 4: ns = gguf_ns[j % 5]; break;
	case 5: ns = "mlx-community"; break;
	case 0: case 3: ns = u01(50000 + j, 6) < 0.3 ? tune_ns[j % 4] : user; break;
	default: ns = user;
	}
	snprintf(dv->id, sizeof dv->id, "%s/%s-%s-%d", ns, slash + 1,
	    dv->kind == 4 ? "GGUF" : dv->kind == 5 ? "4bit" :
	    dv->kind == 1 ? "lora" : dv->kind == 2 ? "AWQ" :
	    dv->kind == 3 ? "merged" : "ft", j);
	from = dv->base >= 0 ? models[dv->base].created : date_of("2024-01-01");
	if (from < date_of("2024-01-01"))
		from = date_of("2024-01-01");
	if (from < lo)
		from = lo;
	if (from > hi)
		return 0;
	dv->created = from + (day_t)((hi - from + 1) * u01(50000 + j, 7));
	dv->tiny = u01(50000 + j, 8) < 0.3;
	dv->tau = 10 + 50 * u01(50000 + j, 9);
	dv->scale = 6 * pow(50000, u01(50000 + j, 10)) / dv->tau;
	object_id(dv->oid, dv->id, dv->created, 12 * 3600);
	return 1;
}

/* n derivatives created from 2024 up to the season's day DERIV_WINDOW:
 * the same ones whatever --days is.  A longer season adds, for each further
 * DERIV_WINDOW days, as many as the season's first DERIV_WINDOW days saw,
 * so the rate of new repositories carries on instead of stopping. */
static void
build_derivatives(int n)
{
	day_t end = season_from + DERIV_WINDOW - 1;
	int windows = (season_to - season_from) / DERIV_WINDOW + 1;
	int j, w, k, in_season = 0;

	for (j = 0; j < nmodels; j++)
		base_weight += sqrt(models[j].scale);
	derivs = calloc((size_t)n * (size_t)windows + 1, sizeof *derivs);
	if (!derivs) {
		perror("hfsnap-season");
		exit(1);
	}
	for (j = 0; j < n; j++) {
		struct derivative *dv = &derivs[nderivs];

		if (!draw_derivative(dv, j, 0, end))
			continue;
		in_season += dv->created >= season_from;
		if (dv->created <= season_to)
			nderivs++;
	}
	for (w = 1; w < windows; w++)
		for (k = 0; k < in_season; k++) {
			struct derivative *dv = &derivs[nderivs];
			day_t lo = season_from + w * DERIV_WINDOW;

			j = n + (w - 1) * in_season + k;
			if (draw_derivative(dv, j, lo, lo + DERIV_WINDOW - 1) &&
			    dv->created <= season_to)
				nderivs++;
		}
}

static uint64_t
deriv_count(const struct derivative *dv, day_t d)
{
	double a = d - dv->created + 1;

	if (a <= 0)
		return 0;
	if (dv->tiny)
		return (uint64_t)(6 * u01((uint64_t)dv->draw, 77)) * (a > 3);
	return (uint64_t)(dv->scale * unit_cum(a, dv->tau, 0.05));
}

static int
month_end(day_t d)
{
	int y, m, dd;

	civil_from_days(d + 1, &y, &m, &dd);
	return dd == 1;
}

/* Whether days [d, d + len - 1] may hold a fault: not the last day of a
 * month (a monthly table's figure), not the splice or a day next to it
 * (where the two sources meet), and a free day away from every fault
 * placed so far, so an unrefreshed stretch is followed by a catch-up day
 * with a snapshot, and preceded by a listed day. */
static int
fault_fits(day_t d, int len)
{
	int k, i;

	for (k = 0; k < len; k++)
		if (month_end(d + k) || (d + k >= splice - 1 && d + k <= splice + 1))
			return 0;
	for (i = 0; i < nfaults; i++)
		if (!(d + len < faults[i].day || d > faults[i].day + faults[i].len))
			return 0;
	return 1;
}

/* Depends on --from and --splice only, never on --days: a fault past the
 * season's end is not written, and the rest stay where they were. */
static void
place_faults(void)
{
	size_t p;

	for (p = 0; p < sizeof fault_plan / sizeof fault_plan[0]; p++) {
		day_t d = season_from + fault_plan[p].offset;

		while (!fault_fits(d, fault_plan[p].len))
			d++;
		faults[nfaults].kind = fault_plan[p].kind;
		faults[nfaults].day = d;
		faults[nfaults].len = fault_plan[p].len;
		nfaults++;
	}
}

static const struct fault *
fault_on(day_t d, enum fault_kind kind)
{
	int i;

	for (i = 0; i < nfaults; i++)
		if (faults[i].kind == kind && d >= faults[i].day &&
		    d < faults[i].day + faults[i].len)
			return &faults[i];
	return NULL;
}

/* The day whose counts the listing of day d shows: the last refreshed day
 * while the Hub's counts are stale. */
static day_t
counts_day(day_t d)
{
	const struct fault *f = fault_on(d, F_UNREFRESHED);

	return f ? f->day - 1 : d;
}

static int
has_total(day_t d)
{
	int i;

	for (i = 0; i < nno_total; i++)
		if (no_total[i] == d)
			return 0;
	return 1;
}

/* Renames the tracked models renamed[] names: their old id until the
 * rename day.  Without faults, or for a repository not tracked, nothing
 * is renamed. */
static void
apply_renames(void)
{
	size_t r;
	int i;

	for (r = 0; r < sizeof renamed / sizeof renamed[0]; r++)
		for (i = 0; i < nmodels; i++)
			if (strcmp(models[i].id, renamed[r][1]) == 0)
				models[i].old_id = renamed[r][0];
}

static const char *
listed_id(const struct model *m, day_t d)
{
	int i;

	if (!m->old_id)
		return m->id;
	for (i = 0; i < nfaults; i++)
		if (faults[i].kind == F_RENAME)
			return d < faults[i].day ? m->old_id : m->id;
	return m->id;
}

static FILE *
open_out(const char *dir, const char *name)
{
	char path[1024];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "hfsnap-season: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	return f;
}

static void
close_out(FILE *f)
{
	if (ferror(f) || fclose(f) != 0) {
		perror("hfsnap-season: write");
		exit(1);
	}
}

static uint64_t
params_of(const struct model *m)
{
	return (uint64_t)llround(m->size * 1e9);
}

static void
put_tracked(FILE *f, const struct model *m, day_t d)
{
	char cdate[11] = "";
	const char *id = listed_id(m, d);
	day_t c = counts_day(d);
	uint64_t all = truth_at(m, c), month = all - truth_at(m, c - 30);
	/* A repository created since the last refresh shows no likes yet. */
	uint64_t likes = c < m->created ? 0 : all / 2000 + 3;
	int moe = strstr(m->id, "DeepSeek-V3") || strstr(m->id, "DeepSeek-R1-0") ||
	    !strcmp(m->id, "deepseek-ai/DeepSeek-R1");

	format_date(m->created, cdate);
	fprintf(f, "{\"_id\":\"%s\",\"id\":\"%s\",\"author\":\"%.*s\","
	    "\"downloads\":%llu,", m->oid, id, (int)strcspn(id, "/"), id,
	    (unsigned long long)month);
	if (has_total(d))
		fprintf(f, "\"downloadsAllTime\":%llu,", (unsigned long long)all);
	fprintf(f, "\"likes\":%llu,"
	    "\"createdAt\":\"%sT%02d:%02d:00.000Z\",\"library_name\":\"transformers\","
	    "\"pipeline_tag\":\"text-generation\",\"tags\":[\"transformers\","
	    "\"safetensors\",\"text-generation\",\"conversational\","
	    "\"license:apache-2.0\",\"region:us\"],",
	    (unsigned long long)likes, cdate, created_seconds(m) / 3600,
	    created_seconds(m) / 60 % 60);
	/* The Hub's own count: absent for some, off for MoE with extra
	 * modules (DeepSeek's 685B), which the sizes table corrects. */
	if (m->table && m->key % 3 == 0)
		fprintf(f, "\"safetensors\":null,");
	else
		fprintf(f, "\"safetensors\":{\"parameters\":{\"BF16\":%llu},"
		    "\"total\":%llu},", (unsigned long long)params_of(m) + (moe ? 14000000000ULL : 0),
		    (unsigned long long)params_of(m) + (moe ? 14000000000ULL : 0));
	fprintf(f, "\"siblings\":[{\"rfilename\":\".gitattributes\"},"
	    "{\"rfilename\":\"README.md\"},{\"rfilename\":\"config.json\"},"
	    "{\"rfilename\":\"model.safetensors\"}],\"cardData\":{\"license\":"
	    "\"apache-2.0\",\"language\":[\"en\"],\"pipeline_tag\":"
	    "\"text-generation\"},\"private\":false,\"gated\":false}");
}

static const char *listed_id(const struct model *m, day_t d);

static void
put_derivative(FILE *f, const struct derivative *dv, day_t d)
{
	/* A derivative names its base as it was called when it was made: a
	 * base renamed since keeps its old name in the derivative's card. */
	const char *base = dv->base >= 0 ?
	    listed_id(&models[dv->base], dv->created) : dv->untracked_base;
	const char *rel = dv->kind == 4 || dv->kind == 5 ? "quantized" :
	    kinds[dv->kind];
	day_t c = counts_day(d);
	uint64_t all = deriv_count(dv, c), month = all - deriv_count(dv, c - 30);
	char cdate[11] = "";

	format_date(dv->created, cdate);
	fprintf(f, "{\"_id\":\"%s\",\"id\":\"%s\",\"downloads\":%llu,",
	    dv->oid, dv->id, (unsigned long long)month);
	if (has_total(d))
		fprintf(f, "\"downloadsAllTime\":%llu,", (unsigned long long)all);
	fprintf(f, "\"likes\":%llu,\"createdAt\":"
	    "\"%sT12:00:00.000Z\",\"library_name\":\"%s\",\"pipeline_tag\":"
	    "\"text-generation\",\"tags\":[",
	    (unsigned long long)(all / 500), cdate,
	    dv->kind == 4 ? "gguf" : dv->kind == 5 ? "mlx" :
	    dv->kind == 1 ? "peft" : "transformers");
	if (dv->kind == 4)
		fprintf(f, "\"gguf\",");
	if (dv->kind == 5)
		fprintf(f, "\"mlx\",");
	if (!dv->by_object) {
		if (dv->kind == 0)
			fprintf(f, "\"base_model:%s\",", base);
		fprintf(f, "\"base_model:%s:%s\",", rel, base);
	}
	fprintf(f, "\"license:apache-2.0\",\"region:us\"]");
	if (dv->by_object)
		fprintf(f, ",\"baseModels\":{\"relation\":\"%s\",\"models\":"
		    "[{\"id\":\"%s\"}]}", rel, base);
	if (dv->kind == 4)
		fprintf(f, ",\"gguf\":{\"total\":%llu,\"architecture\":\"llama\","
		    "\"context_length\":32768},\"siblings\":[{\"rfilename\":"
		    "\"README.md\"},{\"rfilename\":\"model-Q4_K_M.gguf\"}]",
		    dv->base >= 0 ? (unsigned long long)params_of(&models[dv->base]) : 1000000000ULL);
	else
		fprintf(f, ",\"siblings\":[{\"rfilename\":\"README.md\"},"
		    "{\"rfilename\":\"adapter_model.safetensors\"}]");
	fprintf(f, ",\"cardData\":{\"base_model\":\"%s\",\"library_name\":"
	    "\"%s\"}}", base, dv->kind == 1 ? "peft" : "transformers");
}

/* Between two models of one day's listing: plain snapshots are pages of
 * 1000 saved back to back, as a scraper pages the API; a wrapped archive
 * holds one array. */
static void
put_separator(FILE *f, int n, int wrapped)
{
	if (n && n % 1000 == 0 && !wrapped)
		fputs("]\n[", f);
	else if (n)
		fputs(",\n", f);
}

static void
write_snapshots(const char *dir, int wrapped)
{
	char path[1024];
	day_t d;
	int i;

	snprintf(path, sizeof path, "%s/snaps", dir);
	if (mkdir(path, 0777) != 0 && errno != EEXIST) {
		perror(path);
		exit(1);
	}
	for (d = season_from; d <= season_to; d++) {
		char name[32], day[11] = "";
		FILE *f;
		int n = 0;

		format_date(d, day);
		snprintf(name, sizeof name, "snaps/%s.json", day);
		if (fault_on(d, F_MISSING)) {
			/* A clean run into the same DIR left this day's file;
			 * the day must still be missing. */
			snprintf(path, sizeof path, "%s/%s", dir, name);
			if (unlink(path) != 0 && errno != ENOENT) {
				perror(path);
				exit(1);
			}
			continue;
		}
		f = open_out(dir, name);
		if (wrapped)
			fprintf(f, "{\"date\": \"%s\", \"fetched_at\": \"%sT06:00:00Z\", "
			    "\"source\": \"https://huggingface.co/api/models?full=true"
			    "&limit=1000%s\", \"models\": [\n", day, day,
			    has_total(d) ? "&expand[]=downloadsAllTime" : "");
		else
			fputc('[', f);
		for (i = 0; i < nmodels; i++) {
			if (models[i].created > d)
				continue;
			put_separator(f, n++, wrapped);
			put_tracked(f, &models[i], d);
		}
		for (i = 0; i < nderivs; i++) {
			if (derivs[i].created > d)
				continue;
			put_separator(f, n++, wrapped);
			put_derivative(f, &derivs[i], d);
		}
		fputs(wrapped ? "\n]}\n" : "]\n", f);
		close_out(f);
	}
}

/* faults.tsv: what a pipeline run on the snapshots has to cope with, one
 * row per fault and day of the season, in date order. */
static void
write_faults(const char *dir)
{
	FILE *f = open_out(dir, "faults.tsv");
	day_t d;
	int i;

	fputs("#date\tkind\tdetail\n", f);
	for (d = season_from; d <= season_to; d++) {
		char day[11] = "", ref[11] = "";
		const struct fault *fa;

		format_date(d, day);
		if ((fa = fault_on(d, F_UNREFRESHED)) != NULL) {
			format_date(fa->day - 1, ref);
			fprintf(f, "%s\t%s\tcounts as of %s\n", day,
			    fault_names[F_UNREFRESHED], ref);
		}
		if (fault_on(d, F_MISSING))
			fprintf(f, "%s\t%s\tno snapshot\n", day,
			    fault_names[F_MISSING]);
		if (fault_on(d, F_RENAME))
			for (i = 0; i < nmodels; i++)
				if (models[i].old_id)
					fprintf(f, "%s\t%s\t%s -> %s _id %s\n", day,
					    fault_names[F_RENAME], models[i].old_id,
					    models[i].id, models[i].oid);
		if (!has_total(d) && !fault_on(d, F_MISSING))
			fprintf(f, "%s\t%s\tno downloadsAllTime\n", day,
			    fault_names[F_NO_TOTAL]);
	}
	close_out(f);
}

/* hfsnap-parse's columns for one tracked model on one day. */
static void
put_row(FILE *f, const struct model *m, day_t d, uint64_t count)
{
	char day[11] = "", cdate[11] = "";

	format_date(d, day);
	format_date(m->created, cdate);
	fprintf(f, "%s\t%s\t%llu\t\t\t%s\t%llu\ttransformers\ttext-generation"
	    "\t\t\t\n", m->id, day, (unsigned long long)count, cdate,
	    (unsigned long long)params_of(m));
}

static void
write_history(const char *dir)
{
	FILE *f = open_out(dir, "history.tsv");
	int i;

	fputs("#model\tdate\tdownloads\tdownloads_30d\tlikes\tcreated\tparams"
	    "\tlibrary\tpipeline\tbase_model\tbase_relation\tformat\n", f);
	for (i = 0; i < nmodels; i++) {
		const struct model *m = &models[i];
		day_t d;

		for (d = m->first; d <= splice; d++) {
			uint64_t c = truth_at(m, d);

			if (d < m->release)
				continue;
			/* A one-day spike, never in the first month after the
			 * launch: a bump of 20 to 100 days of downloads. */
			if (d - m->release > 30 && u01((uint64_t)m->key, 500000 + (uint64_t)d) < 0.004) {
				uint64_t daily = c - truth_at(m, d - 1);

				c += daily * (uint64_t)(20 + 80 * u01((uint64_t)m->key, 600000 + (uint64_t)d)) + 1000;
			}
			put_row(f, m, d, c);
		}
	}
	close_out(f);
}
static void
write_tables(const char *dir)
{
	FILE *f;
	int i;
	size_t k;

	f = open_out(dir, "tracked.txt");
	for (i = 0; i < nmodels; i++)
		fprintf(f, "%s\n", models[i].id);
	close_out(f);

	f = open_out(dir, "model_parameters.csv");
	fputs("model_id,total_params_b,active_params_b,is_moe,notes\n", f);
	for (i = 0; i < nmodels; i++)
		if (models[i].table)
			fprintf(f, "%s,%g,,,\"sample data; the name gives no size, "
			    "or the Hub's count is off\"\n", models[i].id,
			    models[i].size);
	close_out(f);

	f = open_out(dir, "release_date_corrections.csv");
	fputs("# Manual release date corrections\n"
	    "# HF created_at can differ from actual public release date\n"
	    "# Format: model_id,hf_created_at,actual_release_date,notes\n"
	    "model_id,hf_created_at,actual_release_date,notes\n", f);
	for (k = 0; k < sizeof early / sizeof early[0]; k++)
		fprintf(f, "%s,%s,%s,\"created before the launch, as on the Hub\"\n",
		    early[k][0], early[k][1], early[k][2]);
	close_out(f);

	f = open_out(dir, "truth.tsv");
	fputs("#model\tdate\tdownloads\n", f);
	for (i = 0; i < nmodels; i++) {
		day_t d;

		for (d = models[i].first; d <= season_to; d++) {
			char day[11] = "";

			if (d < models[i].release)
				continue;
			format_date(d, day);
			fprintf(f, "%s\t%s\t%llu\n", models[i].id, day,
			    (unsigned long long)truth_at(&models[i], d));
		}
	}
	close_out(f);

	f = open_out(dir, "models.tsv");
	fputs("#model\tkind\tbucket\tregion\trelease\tcreated\tbase\tsize_b\n", f);
	for (i = 0; i < nmodels; i++) {
		char r[11] = "", c[11] = "";

		format_date(models[i].release, r);
		format_date(models[i].created, c);
		fprintf(f, "%s\ttracked\t%s\t%s\t%s\t%s\t\t%g\n", models[i].id,
		    bucket_names[bucket_index(models[i].size)],
		    org_region(models[i].id), r, c, models[i].size);
	}
	for (i = 0; i < nderivs; i++) {
		char c[11] = "";

		format_date(derivs[i].created, c);
		fprintf(f, "%s\t%s\t\t\t\t%s\t%s\t\n", derivs[i].id,
		    kinds[derivs[i].kind], c, derivs[i].base >= 0 ?
		    models[derivs[i].base].id : derivs[i].untracked_base);
	}
	close_out(f);
}

static const char usage_text[] =
"Usage: hfsnap-season -o DIR [OPTION ...]\n"
"Write a season of Hub model-listing snapshots, with their faults, to DIR.\n"
"\n"
"  -o DIR                   snaps/, faults.tsv, truth.tsv ... go here\n"
"  -s SEED                  seed of every random draw (default 1)\n"
"      --from DATE          first day of the season (default 2025-07-01)\n"
"      --days N             days in the season (default 120)\n"
"      --history-from DATE  first day of history.tsv (default 2023-11-01)\n"
"      --splice DATE        last day of history.tsv (default 2025-07-10)\n"
"      --derivatives N      derivative repos by the season's day 120 (2500)\n"
"      --no-fillers         the catalogue's tracked models only\n"
"      --no-faults          every day refreshed, listed, under one name\n"
"      --no-total DATE      that day's listing without downloadsAllTime\n"
"      --wrapped            each day as {\"date\", ..., \"models\": [...]}\n"
"  -h, --help               show this help and exit\n"
"\n"
"DATE is YYYY-MM-DD.  A longer --days only appends days: the files of a\n"
"shorter season stay byte for byte.  Exit status: 0 success, 1 I/O error,\n"
"2 bad usage.\n";

static _Noreturn void
usage(FILE *f, int status)
{
	fputs(usage_text, f);
	exit(status);
}

static day_t
date_arg(const char *opt, const char *v)
{
	day_t d;

	if (parse_date(v, strlen(v), &d) != 0) {
		fprintf(stderr, "hfsnap-season: %s %s: not a date (YYYY-MM-DD)\n",
		    opt, v);
		exit(2);
	}
	return d;
}

static uint64_t
count_arg(const char *opt, const char *v, uint64_t lo, uint64_t hi)
{
	uint64_t n;

	if (parse_count(v, strlen(v), &n) != NUM_OK || n < lo || n > hi) {
		fprintf(stderr, "hfsnap-season: %s %s: not a whole number from "
		    "%llu to %llu\n", opt, v, (unsigned long long)lo,
		    (unsigned long long)hi);
		exit(2);
	}
	return n;
}

int
main(int argc, char **argv)
{
	const char *dir = NULL;
	int days = 120, nd = 2500, fillers = 1, with_faults = 1, wrapped = 0;
	int a, i;

	season_from = date_of("2025-07-01");
	hist_from = date_of("2023-11-01");
	splice = date_of("2025-07-10");
	for (a = 1; a < argc; a++) {
		const char *o = argv[a], *v = a + 1 < argc ? argv[a + 1] : NULL;

		if (!strcmp(o, "-h") || !strcmp(o, "--help"))
			usage(stdout, 0);
		if (!strcmp(o, "--no-fillers")) {
			fillers = 0;
			continue;
		}
		if (!strcmp(o, "--no-faults")) {
			with_faults = 0;
			continue;
		}
		if (!strcmp(o, "--wrapped")) {
			wrapped = 1;
			continue;
		}
		if (!v)
			usage(stderr, 2);
		if (!strcmp(o, "-o"))
			dir = v;
		else if (!strcmp(o, "-s"))
			seed = count_arg(o, v, 0, COUNT_MAX);
		else if (!strcmp(o, "--from"))
			season_from = date_arg(o, v);
		else if (!strcmp(o, "--days"))
			days = (int)count_arg(o, v, 1, MAX_DAYS);
		else if (!strcmp(o, "--history-from"))
			hist_from = date_arg(o, v);
		else if (!strcmp(o, "--splice"))
			splice = date_arg(o, v);
		else if (!strcmp(o, "--derivatives"))
			nd = (int)count_arg(o, v, 0, MAX_DERIVATIVES);
		else if (!strcmp(o, "--no-total")) {
			if (nno_total == MAX_NO_TOTAL) {
				fprintf(stderr, "hfsnap-season: --no-total: at most "
				    "%d days\n", MAX_NO_TOTAL);
				exit(2);
			}
			no_total[nno_total++] = date_arg(o, v);
		} else
			usage(stderr, 2);
		a++;
	}
	if (!dir)
		usage(stderr, 2);
	/* A day after the season is simply not reached, as a fault past the
	 * end is not: a longer season then has it.  One before is a mistake. */
	for (i = 0; i < nno_total; i++)
		if (no_total[i] < season_from) {
			char day[11] = "", from[11] = "";

			format_date(no_total[i], day);
			format_date(season_from, from);
			fprintf(stderr, "hfsnap-season: --no-total %s: before the "
			    "season (--from %s)\n", day, from);
			exit(2);
		}
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		perror(dir);
		return 1;
	}
	season_to = season_from + days - 1;
	horizon = season_to > splice ? season_to : splice;
	build_models(fillers);
	build_derivatives(nd);
	if (with_faults) {
		place_faults();
		apply_renames();
	}
	write_snapshots(dir, wrapped);
	write_faults(dir);
	write_history(dir);
	write_tables(dir);
	return 0;
}
