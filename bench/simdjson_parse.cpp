// The bench's simdjson peer: hfsnap-parse's twelve default columns (no
// header) from a Hub listing, with simdjson's on-demand API, the way its
// documentation shows: the whole file loaded into a padded string, then
// one document (an array of models) walked with parser.iterate, or, with
// -m, a stream of documents (arrays back to back, or one model per line)
// with parser.iterate_many.  Written from hfsnap-parse(1) and the jq
// oracle (tests/hfsnap-parse.jq); bench/run checks that the outputs are
// equal before timing.  Built by bench/run only when libsimdjson-dev is
// installed; never part of make or make check.
//
//   simdjson_parse [-m] DATE FILE
#include <simdjson.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

using namespace simdjson;

static std::string out;

// jq's @tsv escaping, as hfsnap-parse writes text.
static void
put_text(std::string_view s)
{
	for (char c : s) {
		switch (c) {
		case '\t': out += "\\t"; break;
		case '\n': out += "\\n"; break;
		case '\r': out += "\\r"; break;
		case '\\': out += "\\\\"; break;
		case '\0': out += "\\0"; break;
		default: out += c;
		}
	}
}

struct model {
	std::string id, model_id, created, library, pipeline;
	std::string tag_base, tag_rel, bm_base, bm_rel;
	bool has_id = false, has_model_id = false, has_library = false,
	    has_pipeline = false, has_created = false;
	bool tag_base_set = false, tag_rel_set = false, bm_base_set = false,
	    bm_rel_set = false;
	bool has_all = false, has_dl = false, has_likes = false,
	    has_st = false, has_gguf_total = false;
	uint64_t all = 0, dl = 0, likes = 0, st = 0, gguf_total = 0;
	bool gguf = false, mlx_tag = false;
};

// A string member, or null.
static bool
get_text(ondemand::value v, std::string &dst)
{
	if (v.is_null())
		return false;
	std::string_view s = v.get_string();
	dst.assign(s.data(), s.size());
	return true;
}

static bool
get_count(ondemand::value v, uint64_t &dst)
{
	if (v.is_null())
		return false;
	dst = v.get_uint64();
	return true;
}

static bool
get_total(ondemand::value v, uint64_t &dst)
{
	bool got = false;

	if (v.is_null())
		return false;
	for (auto field : v.get_object()) {
		std::string_view k = field.unescaped_key();
		if (k == "total")
			got = get_count(field.value(), dst);
	}
	return got;
}

static void
tags(ondemand::value v, model &m)
{
	if (v.is_null())
		return;
	for (auto item : v.get_array()) {
		std::string_view t = item.get_string();
		if (t == "gguf") {
			m.gguf = true;
			continue;
		}
		if (t == "mlx") {
			m.mlx_tag = true;
			continue;
		}
		if (t.size() <= 11 || t.substr(0, 11) != "base_model:")
			continue;
		std::string_view rest = t.substr(11), rel;
		bool has_rel = false;
		size_t colon = rest.find(':');
		if (colon != std::string_view::npos) {
			rel = rest.substr(0, colon);
			rest = rest.substr(colon + 1);
			has_rel = true;
		}
		if (!m.tag_base_set) {
			m.tag_base.assign(rest.data(), rest.size());
			m.tag_base_set = true;
			if (has_rel) {
				m.tag_rel.assign(rel.data(), rel.size());
				m.tag_rel_set = true;
			}
		} else if (!m.tag_rel_set && has_rel && rest == m.tag_base) {
			m.tag_rel.assign(rel.data(), rel.size());
			m.tag_rel_set = true;
		}
	}
}

static void
siblings(ondemand::value v, model &m)
{
	if (v.is_null())
		return;
	for (auto item : v.get_array()) {
		for (auto field : item.get_object()) {
			std::string_view k = field.unescaped_key();
			if (k != "rfilename")
				continue;
			std::string_view f = field.value().get_string();
			if (f.size() >= 5 && f.substr(f.size() - 5) == ".gguf")
				m.gguf = true;
		}
	}
}

static void
base_models(ondemand::value v, model &m)
{
	if (v.is_null())
		return;
	for (auto field : v.get_object()) {
		std::string_view k = field.unescaped_key();
		if (k == "relation") {
			m.bm_rel_set = get_text(field.value(), m.bm_rel);
		} else if (k == "models") {
			ondemand::value models = field.value();
			if (models.is_null())
				continue;
			for (auto item : models.get_array()) {
				if (m.bm_base_set)
					continue;
				for (auto f : item.get_object()) {
					std::string_view fk = f.unescaped_key();
					if (fk == "id" && !m.bm_base_set)
						m.bm_base_set = get_text(f.value(),
						    m.bm_base);
				}
			}
		}
	}
}

static void
row(ondemand::object obj, const char *date)
{
	model m;

	for (auto field : obj) {
		std::string_view k = field.unescaped_key();
		ondemand::value v = field.value();

		if (k == "id")
			m.has_id = get_text(v, m.id);
		else if (k == "modelId")
			m.has_model_id = get_text(v, m.model_id);
		else if (k == "downloadsAllTime")
			m.has_all = get_count(v, m.all);
		else if (k == "downloads")
			m.has_dl = get_count(v, m.dl);
		else if (k == "likes")
			m.has_likes = get_count(v, m.likes);
		else if (k == "createdAt")
			m.has_created = get_text(v, m.created);
		else if (k == "safetensors")
			m.has_st = get_total(v, m.st);
		else if (k == "gguf") {
			if (!v.is_null()) {
				m.gguf = true;
				m.has_gguf_total = get_total(v, m.gguf_total);
			}
		} else if (k == "library_name")
			m.has_library = get_text(v, m.library);
		else if (k == "pipeline_tag")
			m.has_pipeline = get_text(v, m.pipeline);
		else if (k == "tags")
			tags(v, m);
		else if (k == "siblings")
			siblings(v, m);
		else if (k == "baseModels")
			base_models(v, m);
	}
	const std::string &name = m.has_id ? m.id : m.model_id;
	put_text(name);
	out += '\t';
	out += date;
	out += '\t';
	if (m.has_all)
		out += std::to_string(m.all);
	out += '\t';
	if (m.has_dl)
		out += std::to_string(m.dl);
	out += '\t';
	if (m.has_likes)
		out += std::to_string(m.likes);
	out += '\t';
	if (m.has_created)
		put_text(std::string_view(m.created).substr(0, 10));
	out += '\t';
	if (m.has_st)
		out += std::to_string(m.st);
	else if (m.has_gguf_total)
		out += std::to_string(m.gguf_total);
	out += '\t';
	if (m.has_library)
		put_text(m.library);
	out += '\t';
	if (m.has_pipeline)
		put_text(m.pipeline);
	out += '\t';
	if (m.tag_base_set)
		put_text(m.tag_base);
	else if (m.bm_base_set)
		put_text(m.bm_base);
	out += '\t';
	if (m.tag_base_set && m.tag_rel_set)
		put_text(m.tag_rel);
	else if (m.bm_rel_set)
		put_text(m.bm_rel);
	out += '\t';
	if (m.gguf)
		out += "gguf";
	else if (m.mlx_tag || (m.has_library && m.library == "mlx") ||
	    (name.size() > 14 && name.compare(0, 14, "mlx-community/") == 0))
		out += "mlx";
	out += '\n';
	if (out.size() >= (1 << 17)) {
		fwrite(out.data(), 1, out.size(), stdout);
		out.clear();
	}
}

// One document: an array of models, or one model.
template <typename Doc>
static void
document(Doc &doc, const char *date)
{
	if (doc.type() == ondemand::json_type::array) {
		for (auto item : doc.get_array())
			row(item.get_object(), date);
	} else {
		row(doc.get_object(), date);
	}
}

int
main(int argc, char **argv)
{
	bool many = argc > 1 && std::strcmp(argv[1], "-m") == 0;

	if (argc != 3 + many) {
		std::fprintf(stderr, "usage: simdjson_parse [-m] DATE FILE\n");
		return 2;
	}
	const char *date = argv[1 + many];
	try {
		padded_string json = padded_string::load(argv[2 + many]);
		ondemand::parser parser;

		out.reserve(1 << 18);
		if (many) {
			// A batch must hold the largest document: a page of
			// 1000 models is about 2 MB.
			ondemand::document_stream stream =
			    parser.iterate_many(json, 16 << 20);
			for (auto doc : stream) {
				ondemand::document_reference d = doc.value();
				document(d, date);
			}
		} else {
			ondemand::document doc = parser.iterate(json);
			document(doc, date);
		}
	} catch (simdjson_error &e) {
		std::fprintf(stderr, "simdjson_parse: %s\n", e.what());
		return 1;
	}
	fwrite(out.data(), 1, out.size(), stdout);
	return std::fflush(stdout) == 0 ? 0 : 1;
}
