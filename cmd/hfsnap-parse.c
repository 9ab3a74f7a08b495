/* hfsnap-parse: Hugging Face Hub model listings (JSON) to TSV rows.
 *
 * Reads API pages saved as a JSON array, several arrays back to back, one
 * object per line, or an archive that wraps the listing in an object (-k),
 * and writes one row per model with the columns hfsnap-parse(1) names.  The
 * reader streams: a model's fields are gathered into one reused record
 * buffer and written when its object closes, everything else is skipped
 * unread, so memory stays flat whatever the file size.
 *
 * --validate runs the very same reading with the rows thrown away, so its
 * verdict on a file is the one parsing would give. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "date.h"
#include "err.h"
#include "mem.h"
#include "json.h"
#include "num.h"
#include "out.h"
#include "tsv.h"

#include "version.h"

enum column {
	C_MODEL, C_DATE, C_DOWNLOADS, C_DOWNLOADS_30D, C_LIKES, C_CREATED,
	C_PARAMS, C_LIBRARY, C_PIPELINE, C_BASE_MODEL, C_BASE_RELATION,
	C_FORMAT,
	/* Only on request (-a), after the default twelve. */
	C_ID, C_BASE_MODELS, C_GATED, C_PRIVATE, C_DISABLED, C_AUTHOR,
	C_LAST_MODIFIED, C_TRENDING_SCORE, C_LICENSE, C_GGUF_ARCHITECTURE,
	C_CONTEXT_LENGTH, NCOLUMNS
};

enum { NDEFAULT = C_ID };

static const char *const column_names[NCOLUMNS] = {
	"model", "date", "downloads", "downloads_30d", "likes", "created",
	"params", "library", "pipeline", "base_model", "base_relation",
	"format",
	"id", "base_models", "gated", "private", "disabled", "author",
	"last_modified", "trending_score", "license", "gguf_architecture",
	"context_length",
};

/* A value's place in the record buffer: already escaped for TSV. */
struct span {
	size_t off, len;
	bool set;
};

/* A list of spans (the bases of a merge), reused from model to model. */
struct spans {
	struct span *v;
	size_t n, cap;
};

/* What one model object yields.  Spans point into `text`, which is reset
 * (not freed) for each model. */
struct record {
	char *text;
	size_t len, cap;
	struct span id, model_id, downloads_all, downloads, likes, created;
	struct span st_total, gguf_total, library, pipeline;
	struct span tag_base, tag_relation, bm_base, bm_relation;
	struct span object_id, gated, private, disabled, author;
	struct span last_modified, trending, tag_license, card_license;
	struct span gguf_arch, gguf_ctx;
	struct spans tag_bases, bm_bases;
	bool has_downloads_all;	/* the member was there, even as null */
	bool gguf_tag, gguf_object, gguf_sibling, mlx_tag;
};

static struct record rec;

/* Everything a run needs: the options and what reading has found. */
struct run {
	enum column cols[NCOLUMNS * 4];
	size_t ncols;
	bool want[NCOLUMNS];
	const char *date;	/* -d, or NULL */
	const char *key;	/* -k, or NULL */
	bool allow_no_total;
	bool validate;
	bool first_in_file;	/* the next model is its file's first */
	unsigned long long models, no_total;
};

static void
usage(void)
{
	printf(
"Usage: hfsnap-parse [-d DATE] [-f COLUMNS] [-a COLUMNS] [-k NAME]\n"
"                    [--allow-no-total] [--validate] [FILE ...]\n"
"Convert Hugging Face Hub model listings (JSON arrays, arrays back to back,\n"
"JSONL, or an archive object with -k) to TSV: a '#' header, a row per model.\n"
"\n"
"  -d, --date DATE      snapshot date (YYYY-MM-DD); default: the first\n"
"                       YYYY-MM-DD in each file's name, else its \"date\" member\n"
"  -f, --fields LIST    columns to write, comma-separated, in that order\n"
"  -a, --add LIST       columns to add after them: id base_models gated private\n"
"                       disabled author last_modified trending_score license\n"
"                       gguf_architecture context_length\n"
"  -k, --key NAME       the models are the array member NAME of an object\n"
"      --allow-no-total parse a listing fetched without downloadsAllTime\n"
"      --validate       write nothing; say which FILEs would fail to parse\n"
"  -h, --help           show this help and exit\n"
"      --version        show the version and exit\n"
"\n"
"Columns: model date downloads downloads_30d likes created params library\n"
"         pipeline base_model base_relation format (all, by default)\n"
"With no FILE, or when FILE is -, read standard input (then -d is needed).\n"
"Exit status: 0 success, 1 bad data or I/O error, 2 bad usage.\n"
"See hfsnap-parse(1) and hfsnap-fetch(1).\n");
}

static void
rec_reset(void)
{
	struct record keep = rec;

	memset(&rec, 0, sizeof rec);
	rec.text = keep.text;
	rec.cap = keep.cap;
	rec.tag_bases = keep.tag_bases;
	rec.bm_bases = keep.bm_bases;
	rec.tag_bases.n = rec.bm_bases.n = 0;
}

static struct span
rec_store(const char *s, size_t n, bool escape)
{
	struct span sp;
	size_t need = escape ? 2 * n : n;

	if (rec.cap - rec.len < need) {
		while (rec.cap - rec.len < need)
			rec.cap = rec.cap ? rec.cap * 2 : 4096;
		rec.text = xrealloc(rec.text, rec.cap);
	}
	sp.off = rec.len;
	sp.set = true;
	if (!escape) {
		memcpy(rec.text + rec.len, s, n);
		rec.len += n;
	} else {
		rec.len += tsv_escape(rec.text + rec.len, s, n);
	}
	sp.len = rec.len - sp.off;
	return sp;
}

static bool
span_eq(struct span a, struct span b)
{
	return a.len == b.len &&
	    memcmp(rec.text + a.off, rec.text + b.off, a.len) == 0;
}

/* Adds sp to the list unless an equal span is there already. */
static void
spans_add_new(struct spans *l, struct span sp)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (span_eq(l->v[i], sp))
			return;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 8;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = sp;
}

/* strcmp(js->str, name) == 0, inline: the key may be longer than its C
 * string when an escape put a NUL in it. */
static inline bool
key_is(const struct json *js, const char *name)
{
	size_t n = strlen(name);

	return js->len >= n && memcmp(js->str, name, n) == 0 &&
	    js->str[n] == '\0';
}

static bool
is_null(struct json *js)
{
	if (json_peek(js) != 'n')
		return false;
	json_literal(js);
	return true;
}

static const char *
kind_of(int c)
{
	switch (c) {
	case '"': return "a string";
	case '{': return "an object";
	case '[': return "an array";
	case 't': case 'f': return "a boolean";
	case 'n': return "null";
	case -1: return "end of input";
	case '-': return "a number";
	default: return c >= '0' && c <= '9' ? "a number" : "a stray character";
	}
}

/* Fails unless the next value starts with c ('{', '[' or '"'). */
static void
expect(struct json *js, const char *field, int c)
{
	int got = json_peek(js);

	if (got != c)
		json_fail(js, "%s: expected %s, found %s", field, kind_of(c),
		    kind_of(got));
}

/* A string member (or null, leaving the span unset). */
static void
read_string(struct json *js, const char *field, struct span *sp)
{
	int c = json_peek(js);

	if (c == 'n') {
		json_literal(js);
		*sp = (struct span){ 0, 0, false };
		return;
	}
	expect(js, field, '"');
	json_string(js);
	*sp = rec_store(js->str, js->len, true);
}

/* A count member: an integral literal from 0 to 2^63-1, or null. */
static void
read_count(struct json *js, const char *field, struct span *sp)
{
	int c = json_peek(js);
	uint64_t v;
	enum num_status st;

	if (c == 'n') {
		json_literal(js);
		*sp = (struct span){ 0, 0, false };
		return;
	}
	if (c != '-' && (c < '0' || c > '9'))
		json_fail(js, "%s: expected a whole number, found %s", field,
		    kind_of(c));
	json_number(js);
	st = parse_count(js->str, js->len, &v);
	if (st != NUM_OK)
		json_fail(js, "%s: %.40s%s %s", field, js->str,
		    js->len > 40 ? "..." : "", st == NUM_NEGATIVE ?
		    "is negative" : st == NUM_RANGE ? "is past 2^63-1" :
		    "is not a whole number");
	*sp = rec_store(js->str, js->len, false);
}

/* Any JSON number, written as the API gives it, or null. */
static void
read_number(struct json *js, const char *field, struct span *sp)
{
	int c = json_peek(js);

	*sp = (struct span){ 0, 0, false };
	if (c == 'n') {
		json_literal(js);
		return;
	}
	if (c != '-' && (c < '0' || c > '9'))
		json_fail(js, "%s: expected a number, found %s", field,
		    kind_of(c));
	json_number(js);
	*sp = rec_store(js->str, js->len, false);
}

/* true or false (written so), a string (gated: "auto", "manual"), or null. */
static void
read_flag(struct json *js, const char *field, bool string_too,
    struct span *sp)
{
	int c = json_peek(js);

	*sp = (struct span){ 0, 0, false };
	if (c == 't' || c == 'f') {
		json_literal(js);
		*sp = rec_store(c == 't' ? "true" : "false", c == 't' ? 4 : 5,
		    false);
	} else if (c == '"' && string_too) {
		read_string(js, field, sp);
	} else if (c == 'n') {
		json_literal(js);
	} else {
		json_fail(js, "%s: expected a boolean%s, found %s", field,
		    string_too ? " or a string" : "", kind_of(c));
	}
}

/* "2024-02-19T11:06:12.000Z" or "2024-02-19 11:06:12": the date part. */
static void
read_created(struct json *js)
{
	day_t d;

	read_string(js, "createdAt", &rec.created);
	if (!rec.created.set)
		return;
	if (js->len < 10 || parse_date(js->str, 10, &d) != 0 ||
	    (js->len > 10 && js->str[10] != 'T' && js->str[10] != ' '))
		json_fail(js, "createdAt: %s is not a date-time",
		    quote(js->str, js->len));
	rec.created.len = 10;
}

/* {"total": N, ...} or null; total is kept, and with gguf the
 * architecture and context length when they are wanted. */
static bool
read_total(struct json *js, const struct run *r, const char *field,
    struct span *total)
{
	char name[64];
	bool more, gguf = total == &rec.gguf_total;
	int c = json_peek(js);

	*total = (struct span){ 0, 0, false };
	if (c == 'n') {
		json_literal(js);
		return false;
	}
	expect(js, field, '{');
	for (more = json_object_first(js); more; more = json_object_next(js)) {
		if (key_is(js, "total")) {
			snprintf(name, sizeof name, "%s.total", field);
			read_count(js, name, total);
		} else if (gguf && r->want[C_GGUF_ARCHITECTURE] &&
		    key_is(js, "architecture")) {
			read_string(js, "gguf.architecture", &rec.gguf_arch);
		} else if (gguf && r->want[C_CONTEXT_LENGTH] &&
		    key_is(js, "context_length")) {
			read_count(js, "gguf.context_length", &rec.gguf_ctx);
		} else {
			json_skip(js);
		}
	}
	return true;
}

static bool
has_prefix(const struct json *js, const char *prefix, size_t n)
{
	return js->len > n && memcmp(js->str, prefix, n) == 0;
}

static void
tag(struct json *js, const struct run *r)
{
	static const char prefix[] = "base_model:";
	const size_t plen = sizeof prefix - 1;
	const char *rest, *colon;
	struct span target, relation = { 0, 0, false };

	expect(js, "tags", '"');
	json_string(js);
	if (js->len == 4 && memcmp(js->str, "gguf", 4) == 0) {
		rec.gguf_tag = true;
		return;
	}
	if (js->len == 3 && memcmp(js->str, "mlx", 3) == 0) {
		rec.mlx_tag = true;
		return;
	}
	if (r->want[C_LICENSE] && !rec.tag_license.set &&
	    has_prefix(js, "license:", 8)) {
		rec.tag_license = rec_store(js->str + 8, js->len - 8, true);
		return;
	}
	if (!has_prefix(js, prefix, plen))
		return;
	/* base_model:ORG/NAME or base_model:REL:ORG/NAME (ids hold no ':'). */
	rest = js->str + plen;
	colon = memchr(rest, ':', js->len - plen);
	if (colon) {
		relation = rec_store(rest, (size_t)(colon - rest), true);
		rest = colon + 1;
	}
	target = rec_store(rest, js->len - (size_t)(rest - js->str), true);
	if (r->want[C_BASE_MODELS])
		spans_add_new(&rec.tag_bases, target);
	if (!rec.tag_base.set) {
		rec.tag_base = target;
		rec.tag_relation = relation;
	} else if (!rec.tag_relation.set && relation.set &&
	    span_eq(target, rec.tag_base)) {
		rec.tag_relation = relation;
	}
}

static void
read_tags(struct json *js, const struct run *r)
{
	bool more;

	rec.gguf_tag = rec.mlx_tag = false;
	rec.tag_base.set = rec.tag_relation.set = rec.tag_license.set = false;
	rec.tag_bases.n = 0;
	if (is_null(js))
		return;
	expect(js, "tags", '[');
	for (more = json_array_first(js); more; more = json_array_next(js))
		tag(js, r);
}

/* [{"rfilename": "model-Q4_K_M.gguf", ...}, ...]: any *.gguf file. */
static void
read_siblings(struct json *js)
{
	bool more, field;

	rec.gguf_sibling = false;
	if (is_null(js))
		return;
	expect(js, "siblings", '[');
	for (more = json_array_first(js); more; more = json_array_next(js)) {
		expect(js, "siblings", '{');
		for (field = json_object_first(js); field;
		    field = json_object_next(js)) {
			if (!key_is(js, "rfilename") || json_peek(js) != '"') {
				json_skip(js);
				continue;
			}
			json_string(js);
			if (js->len >= 5 &&
			    memcmp(js->str + js->len - 5, ".gguf", 5) == 0)
				rec.gguf_sibling = true;
		}
	}
}

/* {"relation": "finetune", "models": [{"id": "org/name"}, ...]} */
static void
read_base_models(struct json *js, const struct run *r)
{
	bool more, item, field;

	rec.bm_base.set = rec.bm_relation.set = false;
	rec.bm_bases.n = 0;
	if (is_null(js))
		return;
	expect(js, "baseModels", '{');
	for (more = json_object_first(js); more; more = json_object_next(js)) {
		if (key_is(js, "relation")) {
			read_string(js, "baseModels.relation", &rec.bm_relation);
			continue;
		}
		if (!key_is(js, "models") || is_null(js)) {
			json_skip(js);
			continue;
		}
		expect(js, "baseModels.models", '[');
		for (item = json_array_first(js); item;
		    item = json_array_next(js)) {
			if ((rec.bm_base.set && !r->want[C_BASE_MODELS]) ||
			    json_peek(js) != '{') {
				json_skip(js);
				continue;
			}
			for (field = json_object_first(js); field;
			    field = json_object_next(js)) {
				struct span id;

				if (!key_is(js, "id")) {
					json_skip(js);
					continue;
				}
				read_string(js, "baseModels.models.id", &id);
				if (!id.set)
					continue;
				if (!rec.bm_base.set)
					rec.bm_base = id;
				if (r->want[C_BASE_MODELS])
					spans_add_new(&rec.bm_bases, id);
			}
		}
	}
}

/* cardData is the model card's YAML as the author wrote it, so only a
 * string or a list of strings is taken as its license; anything else is
 * left, not an error. */
static void
read_card_data(struct json *js)
{
	bool more, item;

	rec.card_license.set = false;
	if (json_peek(js) != '{') {
		json_skip(js);
		return;
	}
	for (more = json_object_first(js); more; more = json_object_next(js)) {
		if (!key_is(js, "license") || rec.card_license.set) {
			json_skip(js);
			continue;
		}
		if (json_peek(js) == '"') {
			read_string(js, "cardData.license", &rec.card_license);
			continue;
		}
		if (json_peek(js) != '[') {
			json_skip(js);
			continue;
		}
		/* A list: its strings joined with commas, in one span. */
		rec.card_license = (struct span){ rec.len, 0, false };
		for (item = json_array_first(js); item;
		    item = json_array_next(js)) {
			if (json_peek(js) != '"') {
				json_skip(js);
				continue;
			}
			json_string(js);
			if (rec.card_license.set)
				rec_store(",", 1, false);
			rec_store(js->str, js->len, true);
			rec.card_license.set = true;
			rec.card_license.len = rec.len - rec.card_license.off;
		}
	}
}

/* The members of a model object that feed a column; all others are
 * skipped without being decoded. */
enum member {
	M_ID, M_MODEL_ID, M_DOWNLOADS_ALL, M_DOWNLOADS, M_LIKES, M_CREATED,
	M_SAFETENSORS, M_GGUF, M_LIBRARY, M_PIPELINE, M_TAGS, M_SIBLINGS,
	M_BASE_MODELS, M_OBJECT_ID, M_GATED, M_PRIVATE, M_DISABLED, M_AUTHOR,
	M_LAST_MODIFIED, M_TRENDING, M_CARD_DATA, M_OTHER
};

static const char *const member_names[M_OTHER] = {
	"id", "modelId", "downloadsAllTime", "downloads", "likes", "createdAt",
	"safetensors", "gguf", "library_name", "pipeline_tag", "tags",
	"siblings", "baseModels", "_id", "gated", "private", "disabled",
	"author", "lastModified", "trendingScore", "cardData",
};

/* Members read on this run: the ones of the default columns always (their
 * checks do not depend on -f), the others only for their -a column. */
static bool member_read[M_OTHER];

static void
choose_members(const struct run *r)
{
	static const struct {
		enum member m;
		enum column c;
	} added[] = {
		{ M_OBJECT_ID, C_ID }, { M_GATED, C_GATED },
		{ M_PRIVATE, C_PRIVATE }, { M_DISABLED, C_DISABLED },
		{ M_AUTHOR, C_AUTHOR }, { M_LAST_MODIFIED, C_LAST_MODIFIED },
		{ M_TRENDING, C_TRENDING_SCORE }, { M_CARD_DATA, C_LICENSE },
	};
	size_t i;

	for (i = 0; i < M_OBJECT_ID; i++)
		member_read[i] = true;
	for (i = 0; i < sizeof added / sizeof added[0]; i++)
		member_read[added[i].m] = r->want[added[i].c];
}

/* The member a key names.  Keys are looked up by length, among the one to
 * three names of that length; a key is a C string to the lookup (as to
 * strcmp), so one that an escape put a NUL in is looked up again by its
 * length up to the NUL. */
static enum member
member_of(const struct json *js)
{
	enum { LONGEST = 16, SAME_LENGTH = 4 };
	static signed char by_length[LONGEST + 1][SAME_LENGTH];
	static bool ready;
	size_t n = js->len, i;
	int m;

	if (!ready) {
		memset(by_length, -1, sizeof by_length);
		for (m = 0; m < M_OTHER; m++) {
			size_t len = strlen(member_names[m]);

			for (i = 0; by_length[len][i] >= 0; i++)
				;
			by_length[len][i] = (signed char)m;
		}
		ready = true;
	}
	for (;;) {
		if (n <= LONGEST)
			for (i = 0; i < SAME_LENGTH && by_length[n][i] >= 0; i++) {
				m = by_length[n][i];
				if (js->str[0] == member_names[m][0] &&
				    memcmp(js->str, member_names[m], n) == 0)
					return member_read[m] ? (enum member)m :
					    M_OTHER;
			}
		if (n != js->len || !memchr(js->str, '\0', n))
			return M_OTHER;
		n = strlen(js->str);
	}
}

static void
read_member(struct json *js, const struct run *r)
{
	switch (member_of(js)) {
	case M_ID: read_string(js, "id", &rec.id); break;
	case M_MODEL_ID: read_string(js, "modelId", &rec.model_id); break;
	case M_DOWNLOADS_ALL:
		rec.has_downloads_all = true;
		read_count(js, "downloadsAllTime", &rec.downloads_all);
		break;
	case M_DOWNLOADS: read_count(js, "downloads", &rec.downloads); break;
	case M_LIKES: read_count(js, "likes", &rec.likes); break;
	case M_CREATED: read_created(js); break;
	case M_SAFETENSORS:
		read_total(js, r, "safetensors", &rec.st_total);
		break;
	case M_GGUF:
		rec.gguf_object = read_total(js, r, "gguf", &rec.gguf_total);
		break;
	case M_LIBRARY: read_string(js, "library_name", &rec.library); break;
	case M_PIPELINE: read_string(js, "pipeline_tag", &rec.pipeline); break;
	case M_TAGS: read_tags(js, r); break;
	case M_SIBLINGS: read_siblings(js); break;
	case M_BASE_MODELS: read_base_models(js, r); break;
	case M_OBJECT_ID: read_string(js, "_id", &rec.object_id); break;
	case M_GATED: read_flag(js, "gated", true, &rec.gated); break;
	case M_PRIVATE: read_flag(js, "private", false, &rec.private); break;
	case M_DISABLED: read_flag(js, "disabled", false, &rec.disabled); break;
	case M_AUTHOR: read_string(js, "author", &rec.author); break;
	case M_LAST_MODIFIED:
		read_string(js, "lastModified", &rec.last_modified);
		break;
	case M_TRENDING:
		read_number(js, "trendingScore", &rec.trending);
		break;
	case M_CARD_DATA: read_card_data(js); break;
	case M_OTHER: json_skip(js); break;
	}
}

static void
put_span(struct span sp)
{
	if (sp.set)
		out_write(rec.text + sp.off, sp.len);
}

static void
put_spans(const struct spans *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (i > 0)
			out_char(',');
		put_span(l->v[i]);
	}
}

static bool
span_is(struct span sp, const char *s)
{
	return sp.set && sp.len == strlen(s) &&
	    memcmp(rec.text + sp.off, s, sp.len) == 0;
}

static void
put_column(enum column c, struct span model, const char date[10])
{
	switch (c) {
	case C_MODEL: put_span(model); break;
	case C_DATE: out_write(date, 10); break;
	case C_DOWNLOADS: put_span(rec.downloads_all); break;
	case C_DOWNLOADS_30D: put_span(rec.downloads); break;
	case C_LIKES: put_span(rec.likes); break;
	case C_CREATED: put_span(rec.created); break;
	case C_PARAMS:
		put_span(rec.st_total.set ? rec.st_total : rec.gguf_total);
		break;
	case C_LIBRARY: put_span(rec.library); break;
	case C_PIPELINE: put_span(rec.pipeline); break;
	case C_BASE_MODEL:
		put_span(rec.tag_base.set ? rec.tag_base : rec.bm_base);
		break;
	case C_BASE_RELATION:
		if (rec.tag_base.set && rec.tag_relation.set)
			put_span(rec.tag_relation);
		else
			put_span(rec.bm_relation);
		break;
	case C_FORMAT:
		if (rec.gguf_tag || rec.gguf_object || rec.gguf_sibling)
			out_write("gguf", 4);
		else if (rec.mlx_tag || span_is(rec.library, "mlx") ||
		    (model.len > 14 &&
		    memcmp(rec.text + model.off, "mlx-community/", 14) == 0))
			out_write("mlx", 3);
		break;
	case C_ID: put_span(rec.object_id); break;
	case C_BASE_MODELS:
		put_spans(rec.tag_bases.n ? &rec.tag_bases : &rec.bm_bases);
		break;
	case C_GATED: put_span(rec.gated); break;
	case C_PRIVATE: put_span(rec.private); break;
	case C_DISABLED: put_span(rec.disabled); break;
	case C_AUTHOR: put_span(rec.author); break;
	case C_LAST_MODIFIED: put_span(rec.last_modified); break;
	case C_TRENDING_SCORE: put_span(rec.trending); break;
	case C_LICENSE:
		put_span(rec.tag_license.set ? rec.tag_license :
		    rec.card_license);
		break;
	case C_GGUF_ARCHITECTURE: put_span(rec.gguf_arch); break;
	case C_CONTEXT_LENGTH: put_span(rec.gguf_ctx); break;
	case NCOLUMNS:
		break;
	}
}

/* After the member named js->str of a top-level object, whose value is an
 * array: skips it, unless it holds model objects, which means the object
 * is an archive wrapping the listing. */
static void
skip_array_or_name_wrapper(struct json *js)
{
	char key[80];
	bool more, field;

	snprintf(key, sizeof key, "%s", js->str);
	more = json_array_first(js);
	if (more && json_peek(js) == '{') {
		for (field = json_object_first(js); field;
		    field = json_object_next(js)) {
			if (key_is(js, "id") || key_is(js, "modelId"))
				json_fail(js, "an object that holds models, "
				    "not a model (the models are in member "
				    "\"%s\": use -k %s)", key, key);
			json_skip(js);
		}
		more = json_array_next(js);
	}
	for (; more; more = json_array_next(js))
		json_skip(js);
}

/* One model object: its row, unless validating.  top: the object is a
 * JSON text of its own (JSONL), which may be a wrapper read without -k. */
static void
read_model(struct json *js, struct run *r, const char date[10], bool top)
{
	struct span model;
	bool more;
	size_t i;

	rec_reset();
	if (json_peek(js) != '{')
		json_fail(js, "expected an object (one model), found %s",
		    kind_of(json_peek(js)));
	for (more = json_object_first(js); more; more = json_object_next(js)) {
		if (top && !rec.id.set && !rec.model_id.set &&
		    member_of(js) == M_OTHER && json_peek(js) == '[')
			skip_array_or_name_wrapper(js);
		else
			read_member(js, r);
	}
	model = rec.id.set ? rec.id : rec.model_id;
	if (!model.set || model.len == 0)
		json_fail(js, "model object has no \"id\" or \"modelId\"");
	if (r->first_in_file) {
		r->first_in_file = false;
		if (!rec.has_downloads_all && r->want[C_DOWNLOADS] &&
		    !r->allow_no_total)
			json_fail_file(js, "no downloadsAllTime in the first "
			    "model: the listing was fetched without "
			    "expand[]=downloadsAllTime (use --allow-no-total "
			    "to parse it anyway)");
	}
	r->models++;
	if (!rec.downloads_all.set)
		r->no_total++;
	if (r->validate)
		return;
	for (i = 0; i < r->ncols; i++) {
		if (i > 0)
			out_char('\t');
		put_column(r->cols[i], model, date);
	}
	out_endrow();
}

static void
read_listing(struct json *js, struct run *r, const char date[10])
{
	bool more;

	for (more = json_array_first(js); more; more = json_array_next(js))
		read_model(js, r, date, false);
}

/* -k NAME: a top-level object whose member NAME is the listing; the other
 * members are skipped. */
static void
read_wrapper(struct json *js, struct run *r, const char date[10])
{
	bool more, found = false;
	int c = json_peek(js);

	if (c != '{')
		json_fail(js, "-k %s: expected an object holding the models in "
		    "member \"%s\", found %s", r->key, r->key, kind_of(c));
	for (more = json_object_first(js); more; more = json_object_next(js)) {
		if (!key_is(js, r->key)) {
			json_skip(js);
			continue;
		}
		/* Rows stream out as they are read, so a second listing
		 * cannot replace the first as JSON's last-wins would. */
		if (found)
			json_fail(js, "a second member \"%s\"", r->key);
		found = true;
		c = json_peek(js);
		if (c != '[')
			json_fail(js, "%s: expected an array of models, found %s",
			    r->key, kind_of(c));
		read_listing(js, r, date);
	}
	if (!found)
		json_fail(js, "no member \"%s\" in this object (-k %s)", r->key,
		    r->key);
}

/* Reads one file; 0 when it is good.  A bad one ends the run (status 1),
 * or when validating is said in one line and gives 1. */
static int
parse_file(const char *path, struct run *r, const char date[10])
{
	struct json js;
	volatile int texts = 0;
	int c;

	if (json_open(&js, path) != 0) {
		if (!r->validate)
			die(EXIT_DATA, "%s: %s", path, strerror(errno));
		warnx("%s: %s", path, strerror(errno));
		return 1;
	}
	if (setjmp(js.on_error)) {
		char msg[sizeof js.msg];

		memcpy(msg, js.msg, sizeof msg);
		json_close(&js);
		if (r->validate) {
			warnx("%s", msg);
			return 1;
		}
		out_flush();
		die(EXIT_DATA, "%s", msg);
	}
	r->first_in_file = true;
	json_skip_bom(&js);
	/* A sequence of texts: arrays of models, or models, in any mix. */
	while ((c = json_peek(&js)) != -1) {
		if (r->key)
			read_wrapper(&js, r, date);
		else if (c == '[')
			read_listing(&js, r, date);
		else if (c == '{')
			read_model(&js, r, date, true);
		else
			json_fail(&js, "expected an array of models or a model "
			    "object, found %s", kind_of(c));
		texts++;
	}
	/* An empty file is what a failed download leaves: not an empty day. */
	if (texts == 0)
		json_fail(&js, "no JSON text (an empty or failed download?)");
	json_close(&js);
	return 0;
}

/* The first YYYY-MM-DD in the base name of path: 1 found, 0 none, -1 one
 * that is not a real date (said in why). */
static int
date_from_name(const char *path, char date[10], char *why, size_t n)
{
	const char *base = strrchr(path, '/'), *p;
	day_t d;

	base = base ? base + 1 : path;
	for (p = base; strlen(p) >= 10; p++) {
		static const char shape[] = "dddd-dd-dd";
		int i;

		for (i = 0; i < 10; i++)
			if (shape[i] == 'd' ? (p[i] < '0' || p[i] > '9') :
			    p[i] != '-')
				break;
		if (i < 10)
			continue;
		if (parse_date(p, 10, &d) != 0) {
			snprintf(why, n, "%s: %.10s in the file name is not a "
			    "valid date", path, p);
			return -1;
		}
		memcpy(date, p, 10);
		return 1;
	}
	return 0;
}

/* The "date" member of a top-level object (an archive's wrapper), looked
 * for in a regular file before it is parsed; reading stops at that member.
 * 1 found, 0 none (why says what to do), -1 bad JSON (why holds the
 * located error). */
static int
date_from_wrapper(const char *path, char date[10], char *why, size_t n)
{
	struct json js;
	struct stat st;
	bool more;
	day_t d;
	volatile int found = 0;

	if (strcmp(path, "-") == 0) {
		snprintf(why, n, "standard input needs -d DATE to date the "
		    "snapshot");
		return 0;
	}
	snprintf(why, n, "%s: no YYYY-MM-DD in the file name to date the "
	    "snapshot; give -d DATE", path);
	if (stat(path, &st) != 0 ||
	    !S_ISREG(st.st_mode) || json_open(&js, path) != 0)
		return 0;
	if (setjmp(js.on_error)) {
		snprintf(why, n, "%s", js.msg);
		json_close(&js);
		return -1;
	}
	json_skip_bom(&js);
	if (json_peek(&js) == '{') {
		for (more = json_object_first(&js); more;
		    more = json_object_next(&js)) {
			if (!key_is(&js, "date")) {
				json_skip(&js);
				continue;
			}
			if (json_peek(&js) == '"') {
				json_string(&js);
				if (js.len == 10 && parse_date(js.str, 10, &d) == 0) {
					memcpy(date, js.str, 10);
					found = 1;
					break;
				}
			}
			snprintf(why, n, "%s: no YYYY-MM-DD in the file name, and "
			    "its \"date\" member is not one; give -d DATE", path);
			break;
		}
	}
	json_close(&js);
	return found;
}

/* A file's snapshot date: -d, else its name, else its wrapper's "date".
 * 0, or a usage fault (1) or bad data (2) with why filled in. */
static int
settle_date(const char *path, const struct run *r, char date[10], char *why,
    size_t n)
{
	int got;

	if (r->date) {
		memcpy(date, r->date, 10);
		return 0;
	}
	got = date_from_name(path, date, why, n);
	if (got != 0)
		return got > 0 ? 0 : 1;
	got = date_from_wrapper(path, date, why, n);
	return got > 0 ? 0 : got == 0 ? 1 : 2;
}

static size_t
column_number(const char *name, size_t from, size_t to)
{
	size_t c;

	for (c = from; c < to; c++)
		if (strcmp(column_names[c], name) == 0)
			return c;
	return to;
}

/* -f LIST (any column) or -a LIST (the added ones), appended to r->cols. */
static void
add_columns(struct run *r, const char *list, const char *option, size_t from)
{
	char *items[NCOLUMNS * 4], known[512] = "";
	size_t n = split_list(list, items, NCOLUMNS * 4, option), i, c;

	for (c = from; c < NCOLUMNS; c++) {
		strcat(known, c > from ? " " : "");
		strcat(known, column_names[c]);
	}
	for (i = 0; i < n; i++) {
		c = column_number(items[i], from, NCOLUMNS);
		if (c == NCOLUMNS)
			die_usage("%s: unknown column '%s' (columns: %s)", option,
			    items[i], known);
		if (r->ncols == sizeof r->cols / sizeof r->cols[0])
			die_usage("%s: too many columns", option);
		r->cols[r->ncols++] = (enum column)c;
	}
	free(items[0]);
}

int
main(int argc, char **argv)
{
	enum { OPT_VALIDATE = 256, OPT_VERSION, OPT_ALLOW_NO_TOTAL };
	static const struct option longopts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "fields", required_argument, NULL, 'f' },
		{ "add", required_argument, NULL, 'a' },
		{ "key", required_argument, NULL, 'k' },
		{ "allow-no-total", no_argument, NULL, OPT_ALLOW_NO_TOTAL },
		{ "validate", no_argument, NULL, OPT_VALIDATE },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	static char *stdin_only[] = { "-" };
	static struct run r;
	static char (*dates)[10];
	const char *fields = NULL, *added[16];
	char why[600];
	char **files;
	int nfiles, opt, i, status = 0;
	size_t c, nadded = 0;

	err_init(argv[0]);
	opterr = 0;
	memset(&r, 0, sizeof r);
	/* Buffers are reused if main runs again (the fuzzing harness). */
	rec.cap = 4096;
	rec.text = xrealloc(rec.text, rec.cap);
	while ((opt = getopt_long(argc, argv, ":a:d:f:hk:", longopts,
	    NULL)) != -1) {
		switch (opt) {
		case 'a':
			if (nadded == sizeof added / sizeof added[0])
				die_usage("-a: too many lists");
			added[nadded++] = optarg;
			break;
		case 'd': {
			day_t d;

			if (parse_date(optarg, strlen(optarg), &d) != 0)
				die_usage("-d %s: not a date (YYYY-MM-DD)",
				    optarg);
			r.date = optarg;
			break;
		}
		case 'f':
			fields = optarg;
			break;
		case 'k':
			if (*optarg == '\0')
				die_usage("-k: the member name is empty");
			r.key = optarg;
			break;
		case OPT_ALLOW_NO_TOTAL:
			r.allow_no_total = true;
			break;
		case OPT_VALIDATE:
			r.validate = true;
			break;
		case 'h':
			usage();
			exit_help();
		case OPT_VERSION:
			printf("hfsnap-parse %s\n", HFSNAP_VERSION);
			exit_help();
		default:
			die_option(opt, argv);
		}
	}
	if (fields)
		add_columns(&r, fields, "-f", 0);
	else
		for (c = 0; c < NDEFAULT; c++)
			r.cols[r.ncols++] = (enum column)c;
	for (c = 0; c < nadded; c++)
		add_columns(&r, added[c], "-a", NDEFAULT);
	for (c = 0; c < r.ncols; c++)
		r.want[r.cols[c]] = true;
	choose_members(&r);
	files = argv + optind;
	nfiles = argc - optind;
	if (nfiles == 0) {
		files = stdin_only;
		nfiles = 1;
	}

	if (r.validate) {
		char date[10];

		for (i = 0; i < nfiles; i++) {
			if (settle_date(files[i], &r, date, why, sizeof why)) {
				warnx("%s", why);
				status = 1;
				continue;
			}
			status |= parse_file(files[i], &r, date);
		}
		free(rec.text);
		free(rec.tag_bases.v);
		free(rec.bm_bases.v);
		memset(&rec, 0, sizeof rec);
		return status;
	}

	/* Every file's date is settled, and every file opened, before any
	 * input is parsed, so a usage fault leaves no output. */
	dates = xrealloc(dates, (size_t)nfiles * sizeof *dates);
	for (i = 0; i < nfiles; i++) {
		struct stat st;
		int fd, fault = settle_date(files[i], &r, dates[i], why,
		    sizeof why);

		if (fault == 1)
			die_usage("%s", why);
		if (fault == 2)
			die(EXIT_DATA, "%s", why);
		if (strcmp(files[i], "-") == 0)
			continue;
		fd = open(files[i], O_RDONLY);
		if (fd < 0 || (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)))
			die(EXIT_DATA, "%s: %s", files[i],
			    fd < 0 ? strerror(errno) : strerror(EISDIR));
		close(fd);
	}

	out_init();
	for (c = 0; c < r.ncols; c++) {
		out_write(c == 0 ? "#" : "\t", 1);
		out_str(column_names[r.cols[c]]);
	}
	out_endrow();
	for (i = 0; i < nfiles; i++)
		parse_file(files[i], &r, dates[i]);
	out_finish();
	if (r.want[C_DOWNLOADS] && r.no_total > 0)
		warnx("note: %llu of %llu models had no downloadsAllTime; their "
		    "downloads cells are empty", r.no_total, r.models);
	free(dates);
	free(rec.text);
	free(rec.tag_bases.v);
	free(rec.bm_bases.v);
	dates = NULL;
	rec.text = NULL;
	memset(&rec, 0, sizeof rec);
	return 0;
}
