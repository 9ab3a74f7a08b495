/* hfsnap-season: a deterministic season of Hugging Face Hub data, shaped
 * like the sources the ATOM Report used, for the sample pipeline.
 *
 *   hfsnap-season -o DIR [-s SEED] [--from DATE] [--days N]
 *                 [--history-from DATE] [--splice DATE]
 *                 [--derivatives N] [--no-fillers]
 *
 * writes into DIR:
 *   snaps/YYYY-MM-DD.json  one daily snapshot of the model listing per day
 *                          from --from for --days days (the scraper), with
 *                          the tracked models and derivative repos that
 *                          exist that day, as the API returns them;
 *   history.tsv            daily counts of the tracked models from
 *                          --history-from to --splice, the older source
 *                          (hfsnap-parse's columns), with a few one-day
 *                          spikes injected for iqr-filter to remove;
 *   tracked.txt            the tracked model ids;
 *   model_parameters.csv, release_date_corrections.csv
 *                          tables in the shape of the tracked-models
 *                          registry's metadata;
 *   truth.tsv, models.tsv  the generator's ground truth (true daily counts;
 *                          each model's kind, bucket, region, organisation,
 *                          release), for tests to check the pipeline by.
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

#include "date.h"
#include "catalogue.h"

enum { MAX_MODELS = 1024 };

struct model {
	char id[160];
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

static struct model models[MAX_MODELS];
static int nmodels;
static struct derivative *derivs;
static int nderivs;
static uint64_t seed = 1;
static day_t season_from, season_to, hist_from, splice;

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
fill_truth(struct model *m, int idx)
{
	day_t d;
	uint64_t c = 0;
	size_t n;

	m->first = m->created < hist_from ? hist_from : m->created;
	if (m->first > season_to) {
		m->cum = NULL;	/* released after the season: never seen */
		return;
	}
	n = (size_t)(season_to - m->first + 1);
	m->cum = calloc(n, sizeof *m->cum);
	if (!m->cum) {
		perror("hfsnap-season");
		exit(1);
	}
	/* Downloads start at the launch; days before m->first are summed. */
	for (d = m->release; d <= season_to; d++) {
		double a = d - m->release;
		double daily = m->scale * (unit_cum(a + 1, m->tau, m->tail) -
		    unit_cum(a, m->tau, m->tail));

		/* Day-to-day swings of +-50%, as weekdays and weekends give. */
		c += (uint64_t)(daily * (0.5 + u01((uint64_t)idx, (uint64_t)d)));
		if (d >= m->first)
			m->cum[d - m->first] = c;
	}
}

static uint64_t
truth_at(const struct model *m, day_t d)
{
	if (!m->cum || d < m->first)
		return 0;
	if (d > season_to)
		d = season_to;
	return m->cum[d - m->first];
}

static void
add_model(const char *id, double size, int table, const char *release,
    const char *created, double latest_k, int filler)
{
	struct model *m = &models[nmodels];
	day_t march = date_of("2026-03-25");

	snprintf(m->id, sizeof m->id, "%s", id);
	m->size = size;
	m->table = table;
	m->release = date_of(release);
	m->created = created ? date_of(created) : m->release;
	m->filler = filler;
	/* A launch peak of a few days to three weeks over a tail that carries
	 * most of a year's downloads, as the report's curves show; the peak
	 * day has at most six times a tail day's downloads. */
	m->tau = 3 + 17 * u01(nmodels, 1);
	m->tail = 0.2 + 0.3 * u01(nmodels, 2);
	/* latest_k is the count in late March 2026: scale the curve to it. */
	m->scale = latest_k * 1000 /
	    unit_cum(march - m->release, m->tau, m->tail);
	fill_truth(m, nmodels);
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

static void
build_models(int fillers)
{
	size_t i, k;
	int f = 0;

	for (i = 0; i < sizeof catalogue / sizeof catalogue[0]; i++) {
		const char *created = NULL;

		for (k = 0; k < sizeof early / sizeof early[0]; k++)
			if (strcmp(early[k][0], catalogue[i].id) == 0)
				created = early[k][1];
		add_model(catalogue[i].id, catalogue[i].size, catalogue[i].table,
		    catalogue[i].release, created, catalogue[i].latest, 0);
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
				add_model(id, families[i].sizes[k], 0, rel, NULL,
				    latest, 1);
			}
		}
	/* Byte order, as LC_ALL=C sort leaves a series. */
	qsort(models, (size_t)nmodels, sizeof *models, cmp_id);
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
		"allenai", "ibm-granite", "Snowflake", "ai21labs", "llava-hf", NULL
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

static void
build_derivatives(int n)
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
	double total = 0;
	int j, i;

	for (i = 0; i < nmodels; i++)
		total += sqrt(models[i].scale);
	derivs = calloc((size_t)n + 1, sizeof *derivs);
	for (j = 0; j < n; j++) {
		struct derivative *dv = &derivs[nderivs];
		double pick = u01(50000 + j, 1), acc = 0, r = u01(50000 + j, 2);
		const char *base_id, *slash, *ns;
		char user[32];
		day_t from;

		dv->base = -1;
		if (u01(50000 + j, 3) < 0.12) {
			dv->untracked_base = untracked[j % 4];
		} else {
			for (i = 0; i < nmodels - 1; i++) {
				acc += sqrt(models[i].scale) / total;
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
		if (from > season_to)
			continue;
		dv->created = from + (day_t)((season_to - from + 1) * u01(50000 + j, 7));
		dv->tiny = u01(50000 + j, 8) < 0.3;
		dv->tau = 10 + 50 * u01(50000 + j, 9);
		dv->scale = 6 * pow(50000, u01(50000 + j, 10)) / dv->tau;
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
		return (uint64_t)(6 * u01((uint64_t)(dv - derivs), 77)) * (a > 3);
	return (uint64_t)(dv->scale * unit_cum(a, dv->tau, 0.05));
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
put_tracked(FILE *f, const struct model *m, int idx, day_t d)
{
	char cdate[11] = "";
	uint64_t all = truth_at(m, d), month = all - truth_at(m, d - 30);
	int moe = strstr(m->id, "DeepSeek-V3") || strstr(m->id, "DeepSeek-R1-0") ||
	    !strcmp(m->id, "deepseek-ai/DeepSeek-R1");

	format_date(m->created, cdate);
	fprintf(f, "{\"_id\":\"%016llx\",\"id\":\"%s\",\"author\":\"%.*s\","
	    "\"downloads\":%llu,\"downloadsAllTime\":%llu,\"likes\":%llu,"
	    "\"createdAt\":\"%sT%02d:%02d:00.000Z\",\"library_name\":\"transformers\","
	    "\"pipeline_tag\":\"text-generation\",\"tags\":[\"transformers\","
	    "\"safetensors\",\"text-generation\",\"conversational\","
	    "\"license:apache-2.0\",\"region:us\"],",
	    (unsigned long long)mix((uint64_t)idx), m->id,
	    (int)strcspn(m->id, "/"), m->id, (unsigned long long)month,
	    (unsigned long long)all, (unsigned long long)(all / 2000 + 3), cdate,
	    idx % 24, idx % 60);
	/* The Hub's own count: absent for some, off for MoE with extra
	 * modules (DeepSeek's 685B), which the sizes table corrects. */
	if (m->table && idx % 3 == 0)
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

static void
put_derivative(FILE *f, const struct derivative *dv, int idx, day_t d)
{
	const char *base = dv->base >= 0 ? models[dv->base].id : dv->untracked_base;
	const char *rel = dv->kind == 4 || dv->kind == 5 ? "quantized" :
	    kinds[dv->kind];
	uint64_t all = deriv_count(dv, d), month = all - deriv_count(dv, d - 30);
	char cdate[11] = "";

	format_date(dv->created, cdate);
	fprintf(f, "{\"_id\":\"%016llx\",\"id\":\"%s\",\"downloads\":%llu,"
	    "\"downloadsAllTime\":%llu,\"likes\":%llu,\"createdAt\":"
	    "\"%sT12:00:00.000Z\",\"library_name\":\"%s\",\"pipeline_tag\":"
	    "\"text-generation\",\"tags\":[",
	    (unsigned long long)mix(100000 + (uint64_t)idx), dv->id,
	    (unsigned long long)month, (unsigned long long)all,
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

static void
write_snapshots(const char *dir)
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
		f = open_out(dir, name);
		/* Pages of 1000, saved back to back, as a scraper pages the
		 * API. */
		fputc('[', f);
		for (i = 0; i < nmodels; i++) {
			if (models[i].created > d)
				continue;
			if (n && n % 1000 == 0)
				fputs("]\n[", f);
			else if (n)
				fputs(",\n", f);
			put_tracked(f, &models[i], i, d);
			n++;
		}
		for (i = 0; i < nderivs; i++) {
			if (derivs[i].created > d)
				continue;
			if (n && n % 1000 == 0)
				fputs("]\n[", f);
			else if (n)
				fputs(",\n", f);
			put_derivative(f, &derivs[i], i, d);
			n++;
		}
		fputs("]\n", f);
		close_out(f);
	}
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
			if (d - m->release > 30 && u01((uint64_t)i, 500000 + (uint64_t)d) < 0.004) {
				uint64_t daily = c - truth_at(m, d - 1);

				c += daily * (uint64_t)(20 + 80 * u01((uint64_t)i, 600000 + (uint64_t)d)) + 1000;
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

static void
usage(void)
{
	fprintf(stderr, "usage: hfsnap-season -o DIR [-s SEED] [--from DATE] "
	    "[--days N] [--history-from DATE] [--splice DATE] [--derivatives N] "
	    "[--no-fillers]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	const char *dir = NULL;
	int days = 120, nd = 2500, fillers = 1, a;

	season_from = date_of("2025-07-01");
	hist_from = date_of("2023-11-01");
	splice = date_of("2025-07-10");
	for (a = 1; a < argc; a++) {
		const char *v = a + 1 < argc ? argv[a + 1] : NULL;

		if (!strcmp(argv[a], "--no-fillers")) {
			fillers = 0;
			continue;
		}
		if (!v)
			usage();
		if (!strcmp(argv[a], "-o"))
			dir = v;
		else if (!strcmp(argv[a], "-s"))
			seed = strtoull(v, NULL, 10);
		else if (!strcmp(argv[a], "--from"))
			season_from = date_of(v);
		else if (!strcmp(argv[a], "--days"))
			days = atoi(v);
		else if (!strcmp(argv[a], "--history-from"))
			hist_from = date_of(v);
		else if (!strcmp(argv[a], "--splice"))
			splice = date_of(v);
		else if (!strcmp(argv[a], "--derivatives"))
			nd = atoi(v);
		else
			usage();
		a++;
	}
	if (!dir || days < 1 || nd < 0)
		usage();
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		perror(dir);
		return 1;
	}
	season_to = season_from + days - 1;
	build_models(fillers);
	build_derivatives(nd);
	write_snapshots(dir);
	write_history(dir);
	write_tables(dir);
	return 0;
}
