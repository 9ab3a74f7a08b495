#include "hubmodel.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "err.h"
#include "mem.h"
#include "num.h"
#include "out.h"

/* Empties the record for the next model; its buffers, and what
 * hubmodel_init chose, stay. */
static void
rec_reset(struct hubmodel *rec)
{
	struct hubmodel keep = *rec;

	memset(rec, 0, sizeof *rec);
	rec->text = keep.text;
	rec->cap = keep.cap;
	rec->tag_bases = keep.tag_bases;
	rec->bm_bases = keep.bm_bases;
	rec->tag_bases.n = rec->bm_bases.n = 0;
	rec->want = keep.want;
	memcpy(rec->member_read, keep.member_read, sizeof rec->member_read);
}

static struct span
rec_store(struct hubmodel *rec, const char *s, size_t n, bool escape)
{
	struct span sp;
	size_t need = escape ? 2 * n : n;

	rec->text = grow(rec->text, &rec->cap, rec->len + need, 1);
	sp.off = rec->len;
	sp.set = true;
	if (!escape) {
		memcpy(rec->text + rec->len, s, n);
		rec->len += n;
	} else {
		rec->len += tsv_escape(rec->text + rec->len, s, n);
	}
	sp.len = rec->len - sp.off;
	return sp;
}

static bool
span_eq(const struct hubmodel *rec, struct span a, struct span b)
{
	return a.len == b.len &&
	    memcmp(rec->text + a.off, rec->text + b.off, a.len) == 0;
}

/* Adds sp to the list unless an equal span is there already. */
static void
spans_add_new(const struct hubmodel *rec, struct spans *l,
    struct span sp)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (span_eq(rec, l->v[i], sp))
			return;
	l->v = grow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n++] = sp;
}

static bool
is_null(struct json *js)
{
	if (json_peek(js) != 'n')
		return false;
	json_literal(js);
	return true;
}

/* Fails unless the next value starts with c ('{', '[' or '"'). */
static void
expect(struct json *js, const char *field, int c)
{
	int got = json_peek(js);

	if (got != c)
		json_fail(js, "%s: expected %s, found %s", field, json_kind(c),
		    json_kind(got));
}

/* A string member (or null, leaving the span unset). */
static void
read_string(struct json *js, struct hubmodel *rec, const char *field,
    struct span *sp)
{
	*sp = (struct span){ 0, 0, false };
	if (is_null(js))
		return;
	expect(js, field, '"');
	json_string(js);
	*sp = rec_store(rec, js->str, js->len, true);
}

/* A number literal, into js->str: anything else fails, saying it is not
 * `what`. */
static void
expect_number(struct json *js, const char *field, const char *what)
{
	int c = json_peek(js);

	if (c != '-' && (c < '0' || c > '9'))
		json_fail(js, "%s: expected %s, found %s", field, what,
		    json_kind(c));
	json_number(js);
}

/* A count member: an integral literal from 0 to 2^63-1, or null. */
static void
read_count(struct json *js, struct hubmodel *rec, const char *field,
    struct span *sp)
{
	uint64_t v;
	enum num_status st;

	*sp = (struct span){ 0, 0, false };
	if (is_null(js))
		return;
	expect_number(js, field, "a whole number");
	st = parse_count(js->str, js->len, &v);
	if (st != NUM_OK)
		json_fail(js, "%s: %.40s%s %s", field, js->str,
		    js->len > 40 ? "..." : "", st == NUM_NEGATIVE ?
		    "is negative" : st == NUM_RANGE ? "is past 2^63-1" :
		    "is not a whole number");
	*sp = rec_store(rec, js->str, js->len, false);
}

/* Any JSON number, written as the API gives it, or null. */
static void
read_number(struct json *js, struct hubmodel *rec, const char *field,
    struct span *sp)
{
	*sp = (struct span){ 0, 0, false };
	if (is_null(js))
		return;
	expect_number(js, field, "a number");
	*sp = rec_store(rec, js->str, js->len, false);
}

/* true or false (written so), a string (gated: "auto", "manual"), or null. */
static void
read_flag(struct json *js, struct hubmodel *rec, const char *field,
    bool string_too,
    struct span *sp)
{
	int c = json_peek(js);

	*sp = (struct span){ 0, 0, false };
	if (c == 't' || c == 'f') {
		json_literal(js);
		*sp = rec_store(rec, c == 't' ? "true" : "false",
		    c == 't' ? 4 : 5, false);
	} else if (c == '"' && string_too) {
		read_string(js, rec, field, sp);
	} else if (c == 'n') {
		json_literal(js);
	} else {
		json_fail(js, "%s: expected a boolean%s, found %s", field,
		    string_too ? " or a string" : "", json_kind(c));
	}
}

/* "2024-02-19T11:06:12.000Z" or "2024-02-19 11:06:12": the date part. */
static void
read_created(struct json *js, struct hubmodel *rec)
{
	day_t d;

	read_string(js, rec, "createdAt", &rec->created);
	if (!rec->created.set)
		return;
	if (js->len < 10 || parse_date(js->str, 10, &d) != 0 ||
	    (js->len > 10 && js->str[10] != 'T' && js->str[10] != ' '))
		json_fail(js, "createdAt: %s is not a date-time",
		    quote(js->str, js->len));
	rec->created.len = 10;
}

/* {"total": N, ...} or null; total is kept, and with gguf the
 * architecture and context length when they are wanted. */
static bool
read_total(struct json *js, struct hubmodel *rec, const char *field,
    struct span *total)
{
	char name[64];
	bool more, gguf = total == &rec->gguf_total;
	int c = json_peek(js);

	*total = (struct span){ 0, 0, false };
	if (c == 'n') {
		json_literal(js);
		return false;
	}
	expect(js, field, '{');
	for (more = json_object_first(js); more; more = json_object_next(js)) {
		if (json_key_is(js, "total")) {
			snprintf(name, sizeof name, "%s.total", field);
			read_count(js, rec, name, total);
		} else if (gguf && rec->want.gguf_architecture &&
		    json_key_is(js, "architecture")) {
			read_string(js, rec, "gguf.architecture",
			    &rec->gguf_arch);
		} else if (gguf && rec->want.context_length &&
		    json_key_is(js, "context_length")) {
			read_count(js, rec, "gguf.context_length",
			    &rec->gguf_ctx);
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
tag(struct json *js, struct hubmodel *rec)
{
	static const char prefix[] = "base_model:";
	const size_t plen = sizeof prefix - 1;
	const char *rest, *colon;
	struct span target, relation = { 0, 0, false };

	expect(js, "tags", '"');
	json_string(js);
	if (js->len == 4 && memcmp(js->str, "gguf", 4) == 0) {
		rec->gguf_tag = true;
		return;
	}
	if (js->len == 3 && memcmp(js->str, "mlx", 3) == 0) {
		rec->mlx_tag = true;
		return;
	}
	if (rec->want.license && !rec->tag_license.set &&
	    has_prefix(js, "license:", 8)) {
		rec->tag_license = rec_store(rec, js->str + 8, js->len - 8,
		    true);
		return;
	}
	if (!has_prefix(js, prefix, plen))
		return;
	/* base_model:ORG/NAME or base_model:REL:ORG/NAME (ids hold no ':'). */
	rest = js->str + plen;
	colon = memchr(rest, ':', js->len - plen);
	if (colon) {
		relation = rec_store(rec, rest, (size_t)(colon - rest), true);
		rest = colon + 1;
	}
	target = rec_store(rec, rest, js->len - (size_t)(rest - js->str), true);
	if (rec->want.base_models)
		spans_add_new(rec, &rec->tag_bases, target);
	if (!rec->tag_base.set) {
		rec->tag_base = target;
		rec->tag_relation = relation;
	} else if (!rec->tag_relation.set && relation.set &&
	    span_eq(rec, target, rec->tag_base)) {
		rec->tag_relation = relation;
	}
}

static void
read_tags(struct json *js, struct hubmodel *rec)
{
	bool more;

	rec->gguf_tag = rec->mlx_tag = false;
	rec->tag_base.set = rec->tag_relation.set = false;
	rec->tag_license.set = false;
	rec->tag_bases.n = 0;
	if (is_null(js))
		return;
	expect(js, "tags", '[');
	for (more = json_array_first(js); more; more = json_array_next(js))
		tag(js, rec);
}

/* [{"rfilename": "model-Q4_K_M.gguf", ...}, ...]: any *.gguf file. */
static void
read_siblings(struct json *js, struct hubmodel *rec)
{
	bool more, field;

	rec->gguf_sibling = false;
	if (is_null(js))
		return;
	expect(js, "siblings", '[');
	for (more = json_array_first(js); more; more = json_array_next(js)) {
		expect(js, "siblings", '{');
		for (field = json_object_first(js); field;
		    field = json_object_next(js)) {
			if (!json_key_is(js, "rfilename") ||
			    json_peek(js) != '"') {
				json_skip(js);
				continue;
			}
			json_string(js);
			if (js->len >= 5 &&
			    memcmp(js->str + js->len - 5, ".gguf", 5) == 0)
				rec->gguf_sibling = true;
		}
	}
}

/* {"relation": "finetune", "models": [{"id": "org/name"}, ...]} */
static void
read_base_models(struct json *js, struct hubmodel *rec)
{
	bool more, item, field;

	rec->bm_base.set = rec->bm_relation.set = false;
	rec->bm_bases.n = 0;
	if (is_null(js))
		return;
	expect(js, "baseModels", '{');
	for (more = json_object_first(js); more; more = json_object_next(js)) {
		if (json_key_is(js, "relation")) {
			read_string(js, rec, "baseModels.relation",
			    &rec->bm_relation);
			continue;
		}
		if (!json_key_is(js, "models") || is_null(js)) {
			json_skip(js);
			continue;
		}
		expect(js, "baseModels.models", '[');
		for (item = json_array_first(js); item;
		    item = json_array_next(js)) {
			if ((rec->bm_base.set && !rec->want.base_models) ||
			    json_peek(js) != '{') {
				json_skip(js);
				continue;
			}
			for (field = json_object_first(js); field;
			    field = json_object_next(js)) {
				struct span id;

				if (!json_key_is(js, "id")) {
					json_skip(js);
					continue;
				}
				read_string(js, rec, "baseModels.models.id",
				    &id);
				if (!id.set)
					continue;
				if (!rec->bm_base.set)
					rec->bm_base = id;
				if (rec->want.base_models)
					spans_add_new(rec, &rec->bm_bases, id);
			}
		}
	}
}

/* cardData is the model card's YAML as the author wrote it, so only a
 * string or a list of strings is taken as its license; anything else is
 * left, not an error. */
static void
read_card_data(struct json *js, struct hubmodel *rec)
{
	bool more, item;

	rec->card_license.set = false;
	if (json_peek(js) != '{') {
		json_skip(js);
		return;
	}
	for (more = json_object_first(js); more; more = json_object_next(js)) {
		if (!json_key_is(js, "license") || rec->card_license.set) {
			json_skip(js);
			continue;
		}
		if (json_peek(js) == '"') {
			read_string(js, rec, "cardData.license",
			    &rec->card_license);
			continue;
		}
		if (json_peek(js) != '[') {
			json_skip(js);
			continue;
		}
		/* A list: its strings joined with commas, in one span. */
		rec->card_license = (struct span){ rec->len, 0, false };
		for (item = json_array_first(js); item;
		    item = json_array_next(js)) {
			if (json_peek(js) != '"') {
				json_skip(js);
				continue;
			}
			json_string(js);
			if (rec->card_license.set)
				rec_store(rec, ",", 1, false);
			rec_store(rec, js->str, js->len, true);
			rec->card_license.set = true;
			rec->card_license.len = rec->len -
			    rec->card_license.off;
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

_Static_assert((int)M_OTHER == (int)HUB_MEMBERS,
    "HUB_MEMBERS counts the members a column can read");

/* The member a key names.  Keys are looked up by length, among the one to
 * three names of that length; a key is a C string to the lookup (as to
 * strcmp), so one that an escape put a NUL in is looked up again by its
 * length up to the NUL. */
static enum member
member_of(const struct json *js, const struct hubmodel *rec)
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
			for (i = 0; i < SAME_LENGTH && by_length[n][i] >= 0;
			    i++) {
				m = by_length[n][i];
				if (js->str[0] == member_names[m][0] &&
				    memcmp(js->str, member_names[m], n) == 0)
					return rec->member_read[m] ?
					    (enum member)m : M_OTHER;
			}
		if (n != js->len || !memchr(js->str, '\0', n))
			return M_OTHER;
		n = strlen(js->str);
	}
}

static void
read_member(struct json *js, struct hubmodel *rec)
{
	switch (member_of(js, rec)) {
	case M_ID: read_string(js, rec, "id", &rec->id); break;
	case M_MODEL_ID: read_string(js, rec, "modelId", &rec->model_id); break;
	case M_DOWNLOADS_ALL:
		rec->has_downloads_all = true;
		read_count(js, rec, "downloadsAllTime", &rec->downloads_all);
		break;
	case M_DOWNLOADS:
		read_count(js, rec, "downloads", &rec->downloads);
		break;
	case M_LIKES: read_count(js, rec, "likes", &rec->likes); break;
	case M_CREATED: read_created(js, rec); break;
	case M_SAFETENSORS:
		read_total(js, rec, "safetensors", &rec->st_total);
		break;
	case M_GGUF:
		rec->gguf_object = read_total(js, rec, "gguf",
		    &rec->gguf_total);
		break;
	case M_LIBRARY:
		read_string(js, rec, "library_name", &rec->library);
		break;
	case M_PIPELINE:
		read_string(js, rec, "pipeline_tag", &rec->pipeline);
		break;
	case M_TAGS: read_tags(js, rec); break;
	case M_SIBLINGS: read_siblings(js, rec); break;
	case M_BASE_MODELS: read_base_models(js, rec); break;
	case M_OBJECT_ID: read_string(js, rec, "_id", &rec->object_id); break;
	case M_GATED: read_flag(js, rec, "gated", true, &rec->gated); break;
	case M_PRIVATE:
		read_flag(js, rec, "private", false, &rec->private);
		break;
	case M_DISABLED:
		read_flag(js, rec, "disabled", false, &rec->disabled);
		break;
	case M_AUTHOR: read_string(js, rec, "author", &rec->author); break;
	case M_LAST_MODIFIED:
		read_string(js, rec, "lastModified", &rec->last_modified);
		break;
	case M_TRENDING:
		read_number(js, rec, "trendingScore", &rec->trending);
		break;
	case M_CARD_DATA: read_card_data(js, rec); break;
	case M_OTHER: json_skip(js); break;
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
			if (json_key_is(js, "id") || json_key_is(js, "modelId"))
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

struct span
hubmodel_read(struct json *js, struct hubmodel *rec, bool top)
{
	struct span model;
	bool more;

	rec_reset(rec);
	if (json_peek(js) != '{')
		json_fail(js, "expected an object (one model), found %s",
		    json_kind(json_peek(js)));
	for (more = json_object_first(js); more; more = json_object_next(js)) {
		if (top && !rec->id.set && !rec->model_id.set &&
		    member_of(js, rec) == M_OTHER && json_peek(js) == '[')
			skip_array_or_name_wrapper(js);
		else
			read_member(js, rec);
	}
	model = rec->id.set ? rec->id : rec->model_id;
	if (!model.set || model.len == 0)
		json_fail(js, "model object has no \"id\" or \"modelId\"");
	return model;
}

void
hubmodel_init(struct hubmodel *rec, const struct hub_wants *want)
{
	size_t i;

	rec->cap = 4096;
	rec->text = xrealloc(rec->text, rec->cap);
	rec->want = *want;
	/* The members of the default columns are read on every run: their
	 * checks do not depend on -f. */
	for (i = 0; i < M_OBJECT_ID; i++)
		rec->member_read[i] = true;
	rec->member_read[M_OBJECT_ID] = want->object_id;
	rec->member_read[M_GATED] = want->gated;
	rec->member_read[M_PRIVATE] = want->private;
	rec->member_read[M_DISABLED] = want->disabled;
	rec->member_read[M_AUTHOR] = want->author;
	rec->member_read[M_LAST_MODIFIED] = want->last_modified;
	rec->member_read[M_TRENDING] = want->trending_score;
	rec->member_read[M_CARD_DATA] = want->license;
}

void
hubmodel_free(struct hubmodel *rec)
{
	free(rec->text);
	free(rec->tag_bases.v);
	free(rec->bm_bases.v);
	memset(rec, 0, sizeof *rec);
}
