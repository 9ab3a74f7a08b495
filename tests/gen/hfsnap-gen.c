/* hfsnap-gen: deterministic test data shaped like Hugging Face Hub output.
 *
 *   hfsnap-gen snapshot [-n MODELS] [-s SEED] [-p PAGES] [--jsonl] [-d DATE]
 *   hfsnap-gen series [-n MODELS] [-D DAYS] [-s SEED] [-d FIRST_DAY]
 *
 * writes one day's model listing as the Hub API returns it with
 * expand[]=... : the fields hfsnap-parse reads among the nested noise real
 * listings carry (cardData with model-index, siblings, config, spaces), in
 * varying member order, with the awkward cases real data has: missing
 * createdAt, null safetensors, GGUF and MLX re-uploads, base_model tags of
 * both forms, and strings with quotes, backslashes, tabs, newlines and
 * non-ASCII text.
 *
 * series writes what `hfsnap-parse | LC_ALL=C sort` would make of DAYS daily
 * snapshots: #model date downloads created params, grouped by model in
 * byte order, with launch peaks and long tails, a few one-day spikes,
 * a few counts that go down, and a few missing days.
 *
 * The same seed always gives the same bytes. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

static uint64_t rng_state;

/* splitmix64: tiny, fast, and the same everywhere. */
static uint64_t
rng(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned
below(unsigned n)
{
	return (unsigned)(rng() % n);
}

static int
chance(unsigned percent)
{
	return below(100) < percent;
}

#define PICK(a) (a[below(sizeof a / sizeof a[0])])

static const char *const orgs[] = {
	"Qwen", "meta-llama", "deepseek-ai", "mistralai", "google",
	"microsoft", "nvidia", "openai", "allenai", "ibm-granite",
	"HuggingFaceTB", "zai-org", "THUDM", "moonshotai", "MiniMaxAI",
	"bartowski", "unsloth", "mlx-community", "TheBloke", "lmstudio-community",
	"NousResearch", "cognitivecomputations", "mradermacher", "facebook",
};
static const char *const families[] = {
	"Qwen3", "Qwen2.5", "Llama-3.1", "Llama-3.2", "DeepSeek-R1-Distill-Qwen",
	"Mistral", "Mixtral-8x7B", "gemma-3", "Phi-4", "gpt-oss", "OLMo-2",
	"granite-3.3", "SmolLM2", "GLM-4", "Kimi-K2", "MiniMax-M1",
};
static const char *const sizes[] = {
	"0.5B", "1.5B", "3B", "7B", "8B", "14B", "32B", "70B", "135M", "20b",
	"235B-A22B", "120b", "2b", "405B",
};
static const char *const suffixes[] = {
	"", "-Instruct", "-Base", "-Chat", "-GGUF", "-AWQ", "-FP8", "-it",
	"-4bit", "-Instruct-2507",
};
static const char *const libraries[] = {
	"transformers", "transformers", "transformers", "gguf", "mlx",
	"peft", "sentence-transformers", "diffusers", "vllm",
};
static const char *const pipelines[] = {
	"text-generation", "text-generation", "image-text-to-text",
	"feature-extraction", "text-classification", "automatic-speech-recognition",
};
static const char *const relations[] = {
	"finetune", "quantized", "adapter", "merge",
};
/* Names with the bytes that make escaping go wrong. */
static const char *const awkward[] = {
	"we\\\"ird", "back\\\\slash", "tab\\there", "new\\nline", "cr\\rhere",
	"caf\\u00e9", "na\xc3\xafve", "\xe4\xb8\xad\xe6\x96\x87", "emoji\\ud83d\\ude00",
	"slash\\/ed", "ctl\\u001f",
};

struct model {
	char id[192];
	int has_created;
	char created[32];
	int day;
};

static void
make_id(char *id, size_t n, unsigned i)
{
	const char *org = PICK(orgs);

	if (chance(3))
		snprintf(id, n, "%s/%s-%s-%u", org, PICK(families), PICK(awkward), i);
	else
		snprintf(id, n, "%s/%s-%s%s-v%u", org, PICK(families), PICK(sizes),
		    PICK(suffixes), i);
}

static void
put_siblings(const char *id, int gguf)
{
	static const char *const files[] = {
		".gitattributes", "README.md", "config.json",
		"generation_config.json", "tokenizer.json", "tokenizer_config.json",
		"special_tokens_map.json", "model.safetensors.index.json",
	};
	unsigned i, shards = 1 + below(12);

	printf("\"siblings\":[");
	for (i = 0; i < sizeof files / sizeof files[0]; i++)
		printf("%s{\"rfilename\":\"%s\"}", i ? "," : "", files[i]);
	for (i = 1; i <= shards; i++)
		printf(",{\"rfilename\":\"model-%05u-of-%05u.safetensors\"}", i,
		    shards);
	if (gguf) {
		const char *slash = strchr(id, '/');

		printf(",{\"rfilename\":\"%s.Q4_K_M.gguf\"}", slash + 1);
	}
	printf("]");
}

static void
put_card(void)
{
	printf("\"cardData\":{\"license\":\"%s\",\"language\":[\"en\",\"zh\"],"
	    "\"tags\":[\"chat\",\"text-generation-inference\"],"
	    "\"widget\":[{\"text\":\"Say \\\"hi\\\"\\n\\tthen stop\\\\\"}],"
	    "\"model-index\":[{\"name\":\"m\",\"results\":[{\"task\":{\"type\":"
	    "\"text-generation\"},\"dataset\":{\"name\":\"MMLU\",\"type\":\"cais/mmlu\","
	    "\"args\":{\"num_few_shot\":5}},\"metrics\":[{\"type\":\"acc\",\"value\":"
	    "%u.%02u,\"verified\":false},{\"type\":\"acc_norm\",\"value\":0.%u}]}]}],"
	    "\"extra_gated_fields\":null,\"inference\":true}",
	    chance(50) ? "apache-2.0" : "llama3.1", below(100), below(100), below(1000));
}

static void
put_config(void)
{
	printf("\"config\":{\"architectures\":[\"%s\"],\"model_type\":\"%s\","
	    "\"tokenizer_config\":{\"bos_token\":\"<|begin_of_text|>\","
	    "\"eos_token\":\"<|eot_id|>\",\"chat_template\":\"{%% for m in "
	    "messages %%}{{ m['content'] }}\\n{%% endfor %%}\"},"
	    "\"quantization_config\":%s}",
	    chance(50) ? "Qwen3ForCausalLM" : "LlamaForCausalLM",
	    chance(50) ? "qwen3" : "llama",
	    chance(20) ? "{\"quant_method\":\"awq\",\"bits\":4}" : "null");
}

static void
put_model(const struct model *m, unsigned i, day_t snap)
{
	char key_order[8];
	const char *lib = PICK(libraries);
	int gguf = strstr(m->id, "GGUF") != NULL || strcmp(lib, "gguf") == 0;
	int base = chance(40), k;
	uint64_t total = 100000000ULL + rng() % 400000000000ULL;
	uint64_t all = rng() % 50000000ULL, month = all / (1 + below(20));
	char base_id[192];

	make_id(base_id, sizeof base_id, i + 1000000);
	/* Members come in one of a few orders, as different API versions and
	 * expand[] lists give them. */
	for (k = 0; k < 8; k++)
		key_order[k] = (char)k;
	if (chance(30))
		for (k = 7; k > 0; k--) {
			int j = (int)below((unsigned)k + 1);
			char t = key_order[k];

			key_order[k] = key_order[j];
			key_order[j] = t;
		}
	printf("{\"_id\":\"%016llx%08x\"", (unsigned long long)rng(), i);
	for (k = 0; k < 8; k++) {
		switch (key_order[k]) {
		case 0:
			printf(",\"%s\":\"%s\"", chance(5) ? "modelId" : "id", m->id);
			break;
		case 1:
			if (chance(3))
				printf(",\"downloads\":null");
			else
				printf(",\"downloads\":%llu", (unsigned long long)month);
			printf(",\"downloadsAllTime\":%llu,\"likes\":%u",
			    (unsigned long long)all, below(5000));
			break;
		case 2:
			if (m->has_created)
				printf(",\"createdAt\":\"%s\"", m->created);
			else if (chance(50))
				printf(",\"createdAt\":null");
			printf(",\"lastModified\":\"2025-07-%02uT10:00:00.000Z\"",
			    1 + below(28));
			break;
		case 3:
			if (chance(10))
				printf(",\"library_name\":null");
			else if (chance(2))
				printf(",\"library_name\":\"%s\"", PICK(awkward));
			else if (chance(92))
				printf(",\"library_name\":\"%s\"", lib);
			printf(",\"pipeline_tag\":\"%s\"", PICK(pipelines));
			break;
		case 4:
			printf(",\"tags\":[\"%s\",\"safetensors\"", lib);
			if (gguf && chance(70))
				printf(",\"gguf\"");
			if (chance(5))
				printf(",\"mlx\"");
			if (base) {
				if (chance(70))
					printf(",\"base_model:%s\"", base_id);
				printf(",\"base_model:%s:%s\"", PICK(relations),
				    base_id);
			}
			printf(",\"license:apache-2.0\",\"region:us\",\"endpoints_compatible\"]");
			break;
		case 5:
			if (chance(10))
				printf(",\"safetensors\":null");
			else if (!gguf || chance(30))
				printf(",\"safetensors\":{\"parameters\":{\"BF16\":%llu},"
				    "\"total\":%llu}", (unsigned long long)total,
				    (unsigned long long)total);
			if (gguf)
				printf(",\"gguf\":{\"total\":%llu,\"architecture\":\"llama\","
				    "\"context_length\":131072,\"chat_template\":"
				    "\"{{ bos_token }}\\n\",\"bos_token\":\"<s>\"}",
				    (unsigned long long)(total / 2));
			break;
		case 6:
			printf(",");
			put_siblings(m->id, gguf && chance(80));
			break;
		case 7:
			printf(",");
			put_card();
			printf(",");
			put_config();
			if (!base && chance(10))
				printf(",\"baseModels\":{\"relation\":\"%s\",\"models\":"
				    "[{\"id\":\"%s\"}]}", PICK(relations), base_id);
			printf(",\"spaces\":[\"%s-demo\",\"open-llm-leaderboard\"],"
			    "\"private\":false,\"gated\":%s,\"disabled\":false,"
			    "\"sha\":\"%016llx\"", m->id, chance(20) ? "\"auto\"" : "false",
			    (unsigned long long)rng());
			break;
		}
	}
	(void)snap;
	printf("}");
}

static void
usage(void)
{
	fprintf(stderr, "usage: hfsnap-gen snapshot [-n MODELS] [-s SEED] "
	    "[-p PAGES] [--jsonl] [-d DATE]\n"
	    "       hfsnap-gen series [-n MODELS] [-D DAYS] [-s SEED] "
	    "[-d FIRST_DAY]\n");
	exit(2);
}

/* Per-model daily series.  Model ids sort in the order they are made
 * (an org block, then a zero-padded number), so the output is grouped and
 * in LC_ALL=C order without a sort. */
static void
series(unsigned models, unsigned days, day_t first)
{
	static const char *const sorted_orgs[] = {
		"MiniMaxAI", "Qwen", "deepseek-ai", "google", "meta-llama",
		"microsoft", "mistralai", "moonshotai", "nvidia", "openai",
		"zai-org",
	};
	const unsigned norgs = sizeof sorted_orgs / sizeof sorted_orgs[0];
	unsigned m;

	printf("#model\tdate\tdownloads\tcreated\tparams\n");
	for (m = 0; m < models; m++) {
		const char *org = sorted_orgs[(unsigned long long)m * norgs / models];
		const char *size = PICK(sizes);
		char id[128], d[11] = "", c[11] = "";
		/* Released up to a year before the first day, or during. */
		int start = chance(90) ? -(int)below(365) - 1 : (int)below(days);
		double peak = 50.0 * (double)(1 + below(2000)) * (chance(5) ? 50 : 1);
		double tail = peak * (0.02 + (double)below(100) / 1000);
		double tau = 3 + below(30);
		uint64_t total = 0;
		unsigned long long params = 1000000ULL * (1 + below(400000));
		unsigned t;

		snprintf(id, sizeof id, "%s/m%06u-%s-%s", org, m, PICK(families), size);
		format_date(first + start, c);
		if (start < 0)
			total = (uint64_t)(tail * -start + peak * tau);
		for (t = start > 0 ? (unsigned)start : 0; t < days; t++) {
			double age = (double)((int)t - start);
			double daily = tail + peak * exp(-age / tau);
			uint64_t shown;

			daily *= 0.7 + (double)below(600) / 1000;
			total += (uint64_t)daily;
			if (chance(2))
				continue;	/* a day the scraper missed */
			shown = total;
			if (below(1000) < 4)	/* a one-day spike */
				shown += (uint64_t)(daily * (20 + below(80)));
			if (below(1000) < 3 && shown > 100)	/* a count that went down */
				shown -= shown / 50;
			format_date(first + (day_t)t, d);
			printf("%s\t%.10s\t%llu\t%.10s\t%llu\n", id, d,
			    (unsigned long long)shown, c, params);
		}
	}
}

int
main(int argc, char **argv)
{
	unsigned n = 1000, pages = 1, i, per_page, days = 240;
	int jsonl = 0, a;
	uint64_t seed = 1;
	day_t snap;

	parse_date("2025-07-10", 10, &snap);
	if (argc < 2 || (strcmp(argv[1], "snapshot") != 0 &&
	    strcmp(argv[1], "series") != 0))
		usage();
	for (a = 2; a < argc; a++) {
		if (strcmp(argv[a], "-n") == 0 && a + 1 < argc)
			n = (unsigned)strtoul(argv[++a], NULL, 10);
		else if (strcmp(argv[a], "-s") == 0 && a + 1 < argc)
			seed = strtoull(argv[++a], NULL, 10);
		else if (strcmp(argv[a], "-D") == 0 && a + 1 < argc)
			days = (unsigned)strtoul(argv[++a], NULL, 10);
		else if (strcmp(argv[a], "-p") == 0 && a + 1 < argc)
			pages = (unsigned)strtoul(argv[++a], NULL, 10);
		else if (strcmp(argv[a], "-d") == 0 && a + 1 < argc) {
			if (parse_date(argv[a + 1], strlen(argv[a + 1]), &snap) != 0)
				usage();
			a++;
		} else if (strcmp(argv[a], "--jsonl") == 0)
			jsonl = 1;
		else
			usage();
	}
	if (pages == 0)
		pages = 1;
	rng_state = seed;
	if (strcmp(argv[1], "series") == 0) {
		if (snap == days_from_civil(2025, 7, 10))
			snap = days_from_civil(2025, 3, 1);
		series(n, days, snap);
		return ferror(stdout) ? 1 : 0;
	}
	per_page = (n + pages - 1) / pages;
	for (i = 0; i < n; i++) {
		struct model m;
		char d[11] = "";

		make_id(m.id, sizeof m.id, i);
		m.has_created = !chance(4);
		format_date(snap - (day_t)below(900), d);
		if (chance(50))
			snprintf(m.created, sizeof m.created, "%.10sT%02u:%02u:%02u.000Z",
			    d, below(24), below(60), below(60));
		else if (chance(10))
			snprintf(m.created, sizeof m.created, "2022-03-02T23:29:04.000Z");
		else
			snprintf(m.created, sizeof m.created, "%.10s %02u:%02u:%02u",
			    d, below(24), below(60), below(60));
		if (jsonl) {
			put_model(&m, i, snap);
			putchar('\n');
			continue;
		}
		if (i % per_page == 0)
			printf(i ? "]\n[" : "[");
		else
			printf(",\n");
		put_model(&m, i, snap);
	}
	if (!jsonl)
		printf(n ? "]\n" : "[]\n");
	return ferror(stdout) ? 1 : 0;
}
