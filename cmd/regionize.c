/* regionize: append the region (us, china, eu ...) of each row's model,
 * looked up by its Hub namespace, the text before '/'.
 *
 * The built-in table is the ATOM Report's assignment of organisations to
 * regions, keyed by every exact Hub namespace of each organisation, legacy
 * ones included; -r adds to it or overrides it. */
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "hash.h"
#include "out.h"
#include "table.h"
#include "tsv.h"
#include "version.h"

/* The ATOM Report, section 2.2, with the registry's region labels.  Hugging
 * Face is Europe here as in the report (the registry now says us). */
static const char *const builtin[][2] = {
	{ "meta-llama", "us" }, { "facebook", "us" }, { "FacebookAI", "us" },
	{ "google", "us" }, { "microsoft", "us" }, { "nvidia", "us" },
	{ "openai", "us" }, { "allenai", "us" }, { "ibm-granite", "us" },
	{ "ibm-research", "us" }, { "Snowflake", "us" }, { "ai21labs", "us" },
	{ "Qwen", "china" }, { "Alibaba-NLP", "china" },
	{ "deepseek-ai", "china" }, { "ByteDance", "china" },
	{ "ByteDance-Seed", "china" }, { "baidu", "china" },
	{ "PaddlePaddle", "china" }, { "internlm", "china" },
	{ "THUDM", "china" }, { "zai-org", "china" }, { "openbmb", "china" },
	{ "inclusionAI", "china" }, { "Skywork", "china" },
	{ "tencent", "china" }, { "XiaomiMiMo", "china" },
	{ "moonshotai", "china" }, { "MiniMaxAI", "china" },
	{ "mistralai", "eu" }, { "mistral-community", "eu" },
	{ "HuggingFaceTB", "eu" }, { "HuggingFaceM4", "eu" },
};

struct options {
	const char *model, *name, *regions, *label;
	bool no_builtin;
};

static struct options opt = { .model = "model", .name = "region" };

/* Namespace -> index into labels. */
static struct strmap table;
static char **labels;		/* region text, owned */
static size_t *label_len;
static size_t nlabels, label_cap;

static void
usage(void)
{
	printf(
"Usage: regionize [-m COL] [-n NAME] [-r FILE] [-l COL] [--no-builtin]\n"
"                 [FILE ...]\n"
"Append the region of each model, looked up by its Hub namespace.\n"
"\n"
"  -m, --model COL      column holding ORG/NAME or a bare ORG (default: model)\n"
"  -n, --name NAME      name of the added column (default: region)\n"
"  -r, --regions FILE   CSV or TSV with hf_org and region (or NAME) columns;\n"
"                       extends and overrides the built-in table\n"
"  -l, --label COL      the table's column to append (default: NAME if the\n"
"                       table has it, else region)\n"
"      --no-builtin     use only the -r table\n"
"  -h, --help           show this help and exit\n"
"      --version        show the version and exit\n"
"\n"
"Built in: the ATOM Report's organisations as us, china and eu (see\n"
"regionize(1)).  A namespace found nowhere gets an empty cell.  Namespaces\n"
"are matched exactly, case included.\n"
"Exit status: 0 success, 1 bad data or I/O, 2 bad usage.\n");
}

static void
set_region(const char *org, size_t n, const char *region, size_t rn)
{
	bool added;
	uint32_t *slot = strmap_put(&table, org, n, &added);
	size_t i;

	/* Few distinct labels: find or add this one. */
	for (i = 0; i < nlabels; i++)
		if (label_len[i] == rn && memcmp(labels[i], region, rn) == 0)
			break;
	if (i == nlabels) {
		if (nlabels == label_cap) {
			label_cap = label_cap ? label_cap * 2 : 16;
			labels = xrealloc(labels, label_cap * sizeof *labels);
			label_len = xrealloc(label_len, label_cap * sizeof *label_len);
		}
		labels[i] = xrealloc(NULL, rn + 1);
		memcpy(labels[i], region, rn);
		labels[i][rn] = '\0';
		label_len[i] = rn;
		nlabels++;
	}
	*slot = (uint32_t)i;
}

/* The table's header names hf_org and the column to read: --label, else
 * the -n name (a table of organisations, say, with -n org), else region. */
static void
load_regions(const char *path)
{
	static const char *const names[] = { "hf_org", "region" };
	const char *const own[] = { "hf_org", opt.label ? opt.label : opt.name };
	struct table t;
	struct field f[2];

	if (opt.label)
		table_open(&t, path, own, 2);
	else if (strcmp(opt.name, "region") == 0)
		table_open(&t, path, names, 2);
	else
		table_open_either(&t, path, own, 2, names, 2);
	while (table_next(&t, f)) {
		if (f[0].len == 0)
			die_at(path, t.lineno, "empty hf_org");
		if (memchr(f[1].p, '\t', f[1].len) || memchr(f[1].p, '\n', f[1].len))
			die_at(path, t.lineno, "region %s holds a TAB or line "
			    "break", quote(f[1].p, f[1].len));
		set_region(f[0].p, f[0].len, f[1].p, f[1].len);
	}
	table_close(&t);
}

static void
parse_options(int argc, char **argv)
{
	enum { OPT_VERSION = 256, OPT_NO_BUILTIN };
	static const struct option longopts[] = {
		{ "label", required_argument, NULL, 'l' },
		{ "no-builtin", no_argument, NULL, OPT_NO_BUILTIN },
		{ "model", required_argument, NULL, 'm' },
		{ "name", required_argument, NULL, 'n' },
		{ "regions", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":m:n:r:l:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'm': opt.model = optarg; break;
		case 'n':
			if (!*optarg || strpbrk(optarg, "\t\n"))
				die_usage("-n: the column name must be non-empty, "
				    "without TAB or line break");
			opt.name = optarg;
			break;
		case 'r': opt.regions = optarg; break;
		case 'l': opt.label = optarg; break;
		case OPT_NO_BUILTIN: opt.no_builtin = true; break;
		case 'h': usage(); exit_help();
		case OPT_VERSION:
			printf("regionize %s\n", HFSNAP_VERSION);
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
	size_t col, i;
	const char *added[1];
	/* The last namespace and its answer: input grouped by model repeats
	 * the same namespace row after row. */
	char *last = NULL;
	size_t last_len = 0, last_cap = 0;
	long last_label = -1;
	bool have_last = false;

	err_init(argv[0]);
	parse_options(argc, argv);
	if (opt.label && !opt.regions)
		die_usage("-l needs a table: give -r FILE");
	if (opt.no_builtin && !opt.regions)
		die_usage("--no-builtin needs a table: give -r FILE");
	if (!opt.no_builtin)
		for (i = 0; i < sizeof builtin / sizeof builtin[0]; i++)
			set_region(builtin[i][0], strlen(builtin[i][0]),
			    builtin[i][1], strlen(builtin[i][1]));
	if (opt.regions)
		load_regions(opt.regions);
	out_init();
	tsvin_open(&in, argc - optind, argv + optind);
	col = column_index(&in, opt.model, "-m");
	added[0] = opt.name;
	write_header(&in, added, 1);
	while (tsvin_next(&in, &fs)) {
		const struct field *m;
		const char *slash;
		size_t ns;

		m = &fs.f[col];
		slash = memchr(m->p, '/', m->len);
		ns = slash ? (size_t)(slash - m->p) : m->len;
		if (!have_last || ns != last_len || memcmp(last, m->p, ns) != 0) {
			uint32_t *slot = ns ? strmap_get(&table, m->p, ns) : NULL;

			last_label = slot ? (long)*slot : -1;
			if (last_cap < ns + 1) {
				last_cap = 2 * ns + 16;
				last = xrealloc(last, last_cap);
			}
			memcpy(last, m->p, ns);
			last_len = ns;
			have_last = true;
		}
		out_write(fs.f[0].p, (size_t)(fs.f[fs.n - 1].p +
		    fs.f[fs.n - 1].len - fs.f[0].p));
		out_char('\t');
		if (last_label >= 0)
			out_write(labels[last_label], label_len[last_label]);
		out_endrow();
	}
	out_finish();
	tsvin_close(&in);
	strmap_free(&table);
	for (i = 0; i < nlabels; i++)
		free(labels[i]);
	free(labels);
	free(label_len);
	free(last);
	free(fs.f);
	return 0;
}
