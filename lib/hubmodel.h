/* One model object of the Hugging Face Hub API (/api/models), read from a
 * streaming JSON reader into a record of spans: each value a column could
 * want, already escaped for TSV (as jq's @tsv escapes), in one text buffer
 * reused from model to model.  Members nobody wants are skipped without
 * being decoded, so memory stays the size of one model.
 *
 * A member of the wrong type is an error (json_fail: "FIELD: expected ...,
 * found ..."); null is a member left unset.  Keys are looked up by length
 * among the few names of that length: the reader's inner loop. */
#ifndef HFSNAP_HUBMODEL_H
#define HFSNAP_HUBMODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "json.h"

/* A value's place in the record's text: already escaped for TSV. */
struct span {
	size_t off, len;
	bool set;
};

/* A list of spans (the bases of a merge), reused from model to model. */
struct spans {
	struct span *v;
	size_t n, cap;
};

/* The parts of a model read only when asked for (hfsnap-parse's -a
 * columns).  The members behind the default columns are always read, so
 * that a model is checked the same whatever columns are written. */
struct hub_wants {
	bool object_id, gated, private, disabled, author, last_modified;
	bool trending_score;
	bool license;		/* the "license:" tag, else cardData's */
	bool base_models;	/* every base model, not only the first */
	bool gguf_architecture, context_length;
};

enum { HUB_MEMBERS = 21 };	/* the members a column can read */

/* What one model object yields.  Spans point into text, which is reset
 * (not freed) for each model. */
struct hubmodel {
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

	/* Set by hubmodel_init. */
	struct hub_wants want;
	bool member_read[HUB_MEMBERS];	/* by member: read, not skipped */
};

/* Gets m ready to read models, reading what want asks for besides the
 * default members.  The buffers of a reading that ended early (a fuzzing
 * harness jumping out of die) are kept and reused. */
void hubmodel_init(struct hubmodel *m, const struct hub_wants *want);
void hubmodel_free(struct hubmodel *m);

/* Reads the model object that comes next into m, and returns the span of
 * its name: "id", else "modelId"; a model without either fails.  top: the
 * object is a JSON text of its own (JSONL), so it may be an archive that
 * wraps the listing: a member that is an array of objects with an "id" or
 * "modelId", before the model's own id, fails naming -k. */
struct span hubmodel_read(struct json *js, struct hubmodel *m, bool top);

#endif
