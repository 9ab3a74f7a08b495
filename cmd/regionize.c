/* regionize: append the region (us, china, eu ...) of each row's model,
 * looked up by its Hub namespace, the text before '/'.
 *
 * The built-in table is the ATOM Report's assignment of organisations to
 * regions, keyed by every exact Hub namespace of each organisation, legacy
 * ones included; -r adds to it or overrides it. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "err.h"
#include "hash.h"
#include "mem.h"
#include "out.h"
#include "row.h"
#include "table.h"
#include "tsv.h"

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

/* The namespaces, numbered in the order first given (as --list writes
 * them), and the label of each, a number in labels: few labels serve many
 * namespaces. */
static struct intern names, labels;
static size_t *name_label;
static size_t name_label_cap;

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

/* The namespace org[0..n) has the label region[0..rn): a later entry
 * wins. */
static void
set_region(const char *org, size_t n, const char *region, size_t rn)
{
	size_t id = intern_put(&names, org, n, NULL);

	name_label = grow(name_label, &name_label_cap, id + 1,
	    sizeof *name_label);
	name_label[id] = intern_put(&labels, region, rn, NULL);
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
	for (i = 0; i < names.n; i++) {
		size_t n;
		const char *name = intern_key(&names, i, &n);

		out_write(name, n);
		out_char('\t');
		name = intern_key(&labels, name_label[i], &n);
		out_write(name, n);
		out_endrow();
	}
	out_finish();
}

static void
parse_options(int argc, char **argv)
{
	enum { OPT_NO_BUILTIN = 256, OPT_UNKNOWN, OPT_LIST };
	static const struct option longopts[] = {
		OPTION_ARG("label", 'l'),
		OPTION_FLAG("list", OPT_LIST),
		OPTION_FLAG("no-builtin", OPT_NO_BUILTIN),
		OPTION_ARG("name", 'n'),
		OPTION_ARG("regions", 'r'),
		OPTION_ARG("unknown", OPT_UNKNOWN),
		OPTIONS_END
	};
	int c;

	while ((c = cli_next(argc, argv, "m:n:r:l:", longopts, usage)) != -1) {
		switch (c) {
		case 'm': opt.model = optarg; break;
		case 'n': opt.name = optarg; break;
		case 'r': opt.regions = optarg; break;
		case 'l': opt.label = optarg; break;
		case OPT_NO_BUILTIN: opt.no_builtin = true; break;
		case OPT_UNKNOWN: opt.unknown = optarg; break;
		case OPT_LIST: opt.list = true; break;
		}
	}
	cli_cell("-n", "a column name", opt.name, 0);
	cli_cell("--unknown", "a label", opt.unknown, 0);
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

/* The label of the namespace ns[0..n), or --unknown. */
static const char *
region_of(const char *ns, size_t n, size_t *len)
{
	size_t id = n ? intern_get(&names, ns, n) : INTERN_NONE;

	if (id == INTERN_NONE) {
		*len = strlen(opt.unknown);
		return opt.unknown;
	}
	return intern_key(&labels, name_label[id], len);
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
	struct bytes last = { 0 };
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
			/* The namespace: the text before '/', or all of it. */
			const struct field *m = &fs.f[col];
			const char *slash = memchr(m->p, '/', m->len);
			size_t ns = slash ? (size_t)(slash - m->p) : m->len;

			if (!bytes_equal(&last, m->p, ns)) {
				answer = region_of(m->p, ns, &answer_len);
				bytes_set(&last, m->p, ns);
			}
			write_row_plus(&fs, answer, answer_len);
		}
		out_finish();
		tsvin_close(&in);
	}
	intern_free(&names);
	intern_free(&labels);
	free(name_label);
	bytes_free(&last);
	free(fs.f);
	return 0;
}
