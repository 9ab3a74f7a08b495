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
	const char *model, *name, *regions, *label, *unknown;
	bool no_builtin, list;
};

static struct options opt = {
	.model = "model", .name = "region", .unknown = "unknown",
};

/* Namespace -> index into labels; the namespaces also in the order first
 * given, for --list. */
static struct strmap table;
static char **labels;		/* region text, owned */
static size_t *label_len;
static size_t nlabels, label_cap;
static char **names;		/* namespaces, owned */
static size_t *name_len;
static uint32_t *name_label;
static size_t nnames, name_cap;

static void
usage(void)
{
	printf(
"Usage: regionize [-m COL] [-n NAME] [-r FILE] [-l COL] [--no-builtin]\n"
"                 [--unknown LABEL] [--list] [FILE ...]\n"
"Append the region of each model, looked up by its Hub namespace.\n"
"\n"
"  -m, --model COL      column holding ORG/NAME or a bare ORG (default: model)\n"
"  -n, --name NAME      name of the added column (default: region)\n"
"  -r, --regions FILE   CSV or TSV with hf_org and region (or NAME) columns;\n"
"                       extends and overrides the built-in table (- is stdin)\n"
"  -l, --label COL      the table's column to append (default: NAME if the\n"
"                       table has it, else region)\n"
"      --no-builtin     use only the -r table\n"
"      --unknown LABEL  for a namespace found nowhere (default: unknown)\n"
"      --list           print the table in use (hf_org, NAME) and exit\n"
"  -h, --help           show this help and exit\n"
"      --version        show the version and exit\n"
"\n"
"Built in: the ATOM Report's organisations as us, china and eu (see\n"
"regionize(1)).  Namespaces are matched exactly, case included.\n"
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
	if (added) {
		if (nnames == name_cap) {
			name_cap = name_cap ? name_cap * 2 : 64;
			names = xrealloc(names, name_cap * sizeof *names);
			name_len = xrealloc(name_len,
			    name_cap * sizeof *name_len);
			name_label = xrealloc(name_label,
			    name_cap * sizeof *name_label);
		}
		names[nnames] = xrealloc(NULL, n);
		memcpy(names[nnames], org, n);
		name_len[nnames] = n;
		*slot = (uint32_t)nnames++;
	}
	name_label[*slot] = (uint32_t)i;
}

/* A quoted CSV field may hold what a TSV cell cannot. */
static bool
has_break(const struct field *f)
{
	return memchr(f->p, '\t', f->len) || memchr(f->p, '\n', f->len) ||
	    memchr(f->p, '\r', f->len) || memchr(f->p, '\0', f->len);
}

/* The table's header names hf_org and the column to read: --label, else
 * the -n name (a table of organisations, say, with -n org), else region. */
static void
load_regions(const char *path)
{
	static const char *const region[] = { "hf_org", "region" };
	const char *const own[] = { "hf_org", opt.label ? opt.label : opt.name };
	const char *column = own[1];
	struct table t;
	struct field f[2];

	if (opt.label)
		table_open(&t, path, own, 2);
	else if (strcmp(opt.name, "region") == 0)
		table_open(&t, path, region, 2);
	else if (table_open_either(&t, path, own, 2, region, 2) == 1)
		column = "region";
	while (table_next(&t, f)) {
		if (f[0].len == 0)
			die_at(path, t.lineno, "empty hf_org");
		if (has_break(&f[0]))
			die_at(path, t.lineno, "hf_org %s holds a TAB, line "
			    "break or NUL", quote(f[0].p, f[0].len));
		if (f[1].len == 0)
			continue;	/* no label given: no entry */
		if (has_break(&f[1]))
			die_at(path, t.lineno, "%s %s holds a TAB, line break "
			    "or NUL", column, quote(f[1].p, f[1].len));
		set_region(f[0].p, f[0].len, f[1].p, f[1].len);
	}
	table_close(&t);
}

/* --list: the table in use as TSV, readable back with -r. */
static void
list_table(void)
{
	size_t i;

	out_init();
	out_str("#hf_org\t");
	out_str(opt.name);
	out_endrow();
	for (i = 0; i < nnames; i++) {
		out_write(names[i], name_len[i]);
		out_char('\t');
		out_write(labels[name_label[i]], label_len[name_label[i]]);
		out_endrow();
	}
	out_finish();
}

/* A name or label goes into a TSV cell: non-empty, no TAB or line break. */
static void
check_cell(const char *option, const char *what, const char *s)
{
	if (*s == '\0' || strpbrk(s, "\t\n\r"))
		die_usage("%s: %s is not %s: it must be non-empty, without TAB "
		    "or line break", option, quote(s, strlen(s)), what);
}

static void
parse_options(int argc, char **argv)
{
	enum { OPT_VERSION = 256, OPT_NO_BUILTIN, OPT_UNKNOWN, OPT_LIST };
	static const struct option longopts[] = {
		{ "label", required_argument, NULL, 'l' },
		{ "list", no_argument, NULL, OPT_LIST },
		{ "no-builtin", no_argument, NULL, OPT_NO_BUILTIN },
		{ "model", required_argument, NULL, 'm' },
		{ "name", required_argument, NULL, 'n' },
		{ "regions", required_argument, NULL, 'r' },
		{ "unknown", required_argument, NULL, OPT_UNKNOWN },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":m:n:r:l:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'm': opt.model = optarg; break;
		case 'n': opt.name = optarg; break;
		case 'r': opt.regions = optarg; break;
		case 'l': opt.label = optarg; break;
		case OPT_NO_BUILTIN: opt.no_builtin = true; break;
		case OPT_UNKNOWN: opt.unknown = optarg; break;
		case OPT_LIST: opt.list = true; break;
		case 'h': usage(); exit_help();
		case OPT_VERSION:
			printf("regionize %s\n", HFSNAP_VERSION);
			exit_help();
		default: die_option(c, argv);
		}
	}
	check_cell("-n", "a column name", opt.name);
	check_cell("--unknown", "a label", opt.unknown);
	if (opt.label && !opt.regions)
		die_usage("-l needs a table: give -r FILE");
	if (opt.no_builtin && !opt.regions)
		die_usage("--no-builtin needs a table: give -r FILE");
	if (opt.list && optind < argc)
		die_usage("--list reads no data: FILE '%s' given",
		    argv[optind]);
	if (opt.regions && !opt.list)
		table_check_stdin("-r", opt.regions, argc - optind,
		    argv + optind);
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
	const char *answer = NULL;
	size_t answer_len = 0;

	err_init(argv[0]);
	parse_options(argc, argv);
	if (!opt.no_builtin)
		for (i = 0; i < sizeof builtin / sizeof builtin[0]; i++)
			set_region(builtin[i][0], strlen(builtin[i][0]),
			    builtin[i][1], strlen(builtin[i][1]));
	if (opt.regions)
		load_regions(opt.regions);
	if (opt.list) {
		list_table();
	} else {
		out_init();
		tsvin_open(&in, argc - optind, argv + optind);
		col = column_index(&in, opt.model, "-m");
		added[0] = opt.name;
		write_header(&in, added, 1);
		while (tsvin_next(&in, &fs)) {
			const struct field *m = &fs.f[col];
			const char *slash = memchr(m->p, '/', m->len);
			size_t ns = slash ? (size_t)(slash - m->p) : m->len;

			if (!answer || ns != last_len ||
			    memcmp(last, m->p, ns) != 0) {
				uint32_t *slot = ns ?
				    strmap_get(&table, m->p, ns) : NULL;
				uint32_t l = slot ? name_label[*slot] : 0;

				answer = slot ? labels[l] : opt.unknown;
				answer_len = slot ? label_len[l] :
				    strlen(opt.unknown);
				if (last_cap < ns + 1) {
					last_cap = 2 * ns + 16;
					last = xrealloc(last, last_cap);
				}
				memcpy(last, m->p, ns);
				last_len = ns;
			}
			out_write(fs.f[0].p, (size_t)(fs.f[fs.n - 1].p +
			    fs.f[fs.n - 1].len - fs.f[0].p));
			out_char('\t');
			out_write(answer, answer_len);
			out_endrow();
		}
		out_finish();
		tsvin_close(&in);
	}
	strmap_free(&table);
	for (i = 0; i < nlabels; i++)
		free(labels[i]);
	for (i = 0; i < nnames; i++)
		free(names[i]);
	free(labels);
	free(label_len);
	free(names);
	free(name_len);
	free(name_label);
	free(last);
	free(fs.f);
	return 0;
}
