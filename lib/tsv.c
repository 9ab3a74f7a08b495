#include "tsv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "date.h"
#include "err.h"
#include "mem.h"
#include "num.h"
#include "out.h"

#if defined(__SSE2__) && !defined(HFSNAP_PORTABLE)
#include <emmintrin.h>
#define TSV_SSE2 1
#endif

enum { LR_BLOCK = 1 << 17 };

/* The first LF or NUL in s[0..n), or NULL: one pass finds a line's end and
 * whether it holds a NUL (an error), where memchr would take two. */
static inline char *
find_lf_or_nul(char *s, size_t n)
{
	size_t i = 0;

#ifdef TSV_SSE2
	const __m128i lf = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();

	for (; n - i >= 16; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		unsigned mask = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, zero)));

		if (mask)
			return s + i + __builtin_ctz(mask);
	}
#endif
	for (; i < n; i++)
		if (s[i] == '\n' || s[i] == '\0')
			return s + i;
	return NULL;
}

int
open_input(const char *path)
{
	struct stat st;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		die(EXIT_DATA, "%s: %s", path, strerror(errno));
	/* A directory opens, then fails to read: say what it is. */
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
		die(EXIT_DATA, "%s: %s", path, strerror(EISDIR));
	return fd;
}

void
lr_open(struct linereader *lr, const char *path)
{
	memset(lr, 0, sizeof *lr);
	if (strcmp(path, "-") == 0) {
		lr->fd = 0;
		lr->name = "-";
	} else {
		lr->fd = open_input(path);
		lr->name = path;
	}
	lr->cap = LR_BLOCK;
	lr->buf = xrealloc(NULL, lr->cap);
}

void
lr_close(struct linereader *lr)
{
	if (lr->fd > 0)
		close(lr->fd);
	free(lr->buf);
	lr->buf = NULL;
}

/* Reads more bytes after the ones held, moving them to the front and growing
 * the buffer when a single line fills it.  Returns the count read. */
static size_t
lr_fill(struct linereader *lr)
{
	ssize_t r;

	if (lr->start > 0) {
		memmove(lr->buf, lr->buf + lr->start, lr->end - lr->start);
		lr->end -= lr->start;
		lr->start = 0;
	}
	if (lr->end == lr->cap)		/* a line longer than the buffer */
		lr->buf = grow(lr->buf, &lr->cap, lr->cap + 1, 1);
	do
		r = read(lr->fd, lr->buf + lr->end, lr->cap - lr->end);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		die(EXIT_DATA, "%s: read error: %s", lr->name, strerror(errno));
	if (r == 0)
		lr->eof = true;
	lr->end += (size_t)r;
	return (size_t)r;
}

int
lr_next(struct linereader *lr, char **line, size_t *len)
{
	size_t scanned = 0;
	bool nul = false;
	char *nl;

	for (;;) {
		char *from = lr->buf + lr->start + scanned;
		size_t left = lr->end - lr->start - scanned;

		/* Until a NUL is seen, look for both; after one, the LF. */
		nl = nul ? memchr(from, '\n', left) : find_lf_or_nul(from, left);
		if (nl && *nl == '\0') {
			nul = true;
			scanned = (size_t)(nl - (lr->buf + lr->start)) + 1;
			continue;
		}
		if (nl)
			break;
		scanned = lr->end - lr->start;
		if (lr->eof || lr_fill(lr) == 0) {
			if (lr->start == lr->end)
				return 0;
			/* A last line without LF: make room to end it. */
			if (lr->end == lr->cap)
				lr->buf = xrealloc(lr->buf, ++lr->cap);
			nl = lr->buf + lr->end;
			lr->end++;
			break;
		}
	}
	*line = lr->buf + lr->start;
	*len = (size_t)(nl - *line);
	lr->start = (size_t)(nl - lr->buf) + 1;
	lr->lineno++;
	if (*len > 0 && (*line)[*len - 1] == '\r')
		(*len)--;
	(*line)[*len] = '\0';
	if (nul)
		die_at(lr->name, lr->lineno, "NUL byte in line");
	return 1;
}

static inline void
add_field(struct fields *fs, char *p, size_t len)
{
	fs->f = grow(fs->f, &fs->cap, fs->n + 1, sizeof *fs->f);
	fs->f[fs->n].p = p;
	fs->f[fs->n].len = len;
	fs->n++;
}

/* Fields are found sixteen bytes at a time where SSE2 is: the TABs of a
 * block as the bits of a mask, taken lowest first. */
void
split_fields(struct fields *fs, char *line, size_t len)
{
	char *p = line, *end = line + len;

	fs->n = 0;
#ifdef TSV_SSE2
	{
		const __m128i tab = _mm_set1_epi8('\t');
		char *block = line;

		for (; end - block >= 16; block += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)block);
			unsigned mask = (unsigned)_mm_movemask_epi8(
			    _mm_cmpeq_epi8(v, tab));

			while (mask) {
				char *t = block + __builtin_ctz(mask);

				add_field(fs, p, (size_t)(t - p));
				p = t + 1;
				mask &= mask - 1;
			}
		}
	}
#endif
	for (;;) {
		char *tab = memchr(p, '\t', (size_t)(end - p));
		char *stop = tab ? tab : end;

		add_field(fs, p, (size_t)(stop - p));
		if (!tab)
			break;
		p = tab + 1;
	}
}

/* lr_next and split_fields in one pass: each block of sixteen bytes is
 * looked at once, for the line's end (or a NUL) and for its TABs.  A line
 * that runs past the bytes held, or holds a NUL, is left to lr_next (which
 * reads more, or says where the NUL is) and split after. */
static int
lr_next_split(struct linereader *lr, struct fields *fs, char **line,
    size_t *len)
{
#ifdef TSV_SSE2
	const __m128i lf = _mm_set1_epi8('\n'), tab = _mm_set1_epi8('\t');
	const __m128i zero = _mm_setzero_si128();
	char *start = lr->buf + lr->start, *end = lr->buf + lr->end;
	char *p = start, *block, *nl = NULL;

	fs->n = 0;
	for (block = start; end - block >= 16; block += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)block);
		unsigned stops = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, zero)));
		unsigned tabs = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, tab));

		if (stops) {
			unsigned at = (unsigned)__builtin_ctz(stops);

			if (block[at] != '\n')
				break;	/* a NUL: lr_next says so */
			nl = block + at;
			tabs &= (1u << at) - 1;
		}
		while (tabs) {
			char *t = block + __builtin_ctz(tabs);

			add_field(fs, p, (size_t)(t - p));
			p = t + 1;
			tabs &= tabs - 1;
		}
		if (nl)
			break;
	}
	if (nl) {
		*line = start;
		*len = (size_t)(nl - start);
		lr->start = (size_t)(nl - lr->buf) + 1;
		lr->lineno++;
		if (*len > 0 && start[*len - 1] == '\r')
			(*len)--;
		start[*len] = '\0';
		/* The last field ends where the line does (before a CR); a CR
		 * right after a TAB leaves that field empty. */
		add_field(fs, p, (size_t)(start + *len - p));
		return 1;
	}
#endif
	if (!lr_next(lr, line, len))
		return 0;
	split_fields(fs, *line, *len);
	return 1;
}

/* The next line of the chain of files; split into fs too unless fs is
 * NULL. */
static bool
next_line(struct tsvin *in, char **line, size_t *len, struct fields *fs)
{
	for (;;) {
		if (!in->open) {
			if (in->cur >= in->nfiles)
				return false;
			lr_open(&in->lr, in->files[in->cur]);
			in->open = true;
		}
		if (fs ? lr_next_split(&in->lr, fs, line, len) :
		    lr_next(&in->lr, line, len))
			return true;
		lr_close(&in->lr);
		in->open = false;
		in->cur++;
	}
}

static char *stdin_name[] = { "-" };

void
tsvin_open(struct tsvin *in, int nfiles, char **files)
{
	char *line;
	size_t len;

	memset(in, 0, sizeof *in);
	if (nfiles == 0) {
		files = stdin_name;
		nfiles = 1;
	}
	in->files = files;
	in->nfiles = nfiles;
	/* Every input is checked before any is read, so a missing one fails
	 * before a tool writes anything. */
	for (int i = 0; i < nfiles; i++)
		if (strcmp(files[i], "-") != 0)
			close(open_input(files[i]));
	if (!next_line(in, &line, &len, NULL))
		return;
	if (len > 0 && line[0] == '#') {
		in->has_header = true;
		in->header_len = len - 1;
		in->header = xrealloc(NULL, len);
		memcpy(in->header, line + 1, len - 1);
		in->header[len - 1] = '\0';
		split_fields(&in->names, in->header, in->header_len);
	} else {
		/* Keep the line: the caller gets it as the first row. */
		in->pending = line;
		in->pending_len = len;
		in->has_pending = true;
	}
}

void
tsvin_close(struct tsvin *in)
{
	if (in->open)
		lr_close(&in->lr);
	in->open = false;
	free(in->header);
	free(in->names.f);
	in->header = NULL;
	in->names.f = NULL;
}

bool
tsvin_empty(const struct tsvin *in)
{
	return !in->has_header && !in->has_pending;
}

/* Dies unless the row just split has every column asked for. */
static void
check_width(const struct tsvin *in, const struct fields *fs)
{
	if (fs->n < in->need)
		die_at(tsvin_name(in), tsvin_line(in),
		    "line has %zu field%s, column %s needs %zu", fs->n,
		    fs->n == 1 ? "" : "s", column_name(in, in->need - 1), in->need);
}

int
tsvin_next(struct tsvin *in, struct fields *fs)
{
	char *line;
	size_t len;

	if (in->has_pending) {
		in->has_pending = false;
		split_fields(fs, in->pending, in->pending_len);
		check_width(in, fs);
		return 1;
	}
	for (;;) {
		if (!next_line(in, &line, &len, fs))
			return 0;
		if (len == 0 || line[0] != '#')
			break;
		if (!in->has_header)
			die_at(in->lr.name, in->lr.lineno,
			    "header line %s, but the input started without one",
			    quote(line, len));
		if (len - 1 != in->header_len ||
		    memcmp(line + 1, in->header, len - 1) != 0)
			die_at(in->lr.name, in->lr.lineno,
			    "header %s differs from the first header %s",
			    quote(line, len), quote(in->header, in->header_len));
	}
	check_width(in, fs);
	return 1;
}

static const char csv_hint[] = " (it looks like CSV: commas and no TAB; "
    "these tools read TSV)";

/* A line with commas and no TAB: CSV given where TSV belongs. */
static bool
looks_like_csv(const char *line, size_t len)
{
	return line && memchr(line, ',', len) && !memchr(line, '\t', len);
}

static size_t
find_column(const struct tsvin *in, const char *spec, const char *option)
{
	const char *p;
	size_t i, v = 0;

	for (p = spec; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (size_t)(*p - '0');
		if (v > 1000000)
			die_usage("%s %s: column number too large", option, spec);
	}
	if (*p == '\0' && p != spec) {
		if (v == 0)
			die_usage("%s %s: columns are numbered from 1", option, spec);
		return v - 1;
	}
	if (*spec == '\0')
		die_usage("%s: empty column name", option);
	if (!in->has_header) {
		if (tsvin_empty(in))
			return 0;	/* no rows will need it */
		die_usage("%s %s: the input has no '#' header to find a column "
		    "name in; give a column number%s", option, spec,
		    looks_like_csv(in->pending, in->pending_len) ? csv_hint : "");
	}
	for (i = 0; i < in->names.n; i++)
		if (strlen(spec) == in->names.f[i].len &&
		    memcmp(in->names.f[i].p, spec, in->names.f[i].len) == 0)
			return i;
	die_usage("%s %s: no such column in the header of %s%s", option, spec,
	    in->lr.name, looks_like_csv(in->header, in->header_len) ?
	    csv_hint : "");
}

size_t
column_index(struct tsvin *in, const char *spec, const char *option)
{
	size_t i = find_column(in, spec, option);

	if (i + 1 > in->need)
		in->need = i + 1;
	return i;
}

const char *
column_name(const struct tsvin *in, size_t i)
{
	static char num[24];

	if (in->has_header && i < in->names.n) {
		/* Header names were split in place; they are NUL-free but not
		 * NUL-terminated, so copy out. */
		static char name[256];
		size_t n = in->names.f[i].len < 255 ? in->names.f[i].len : 255;

		memcpy(name, in->names.f[i].p, n);
		name[n] = '\0';
		return name;
	}
	snprintf(num, sizeof num, "%zu", i + 1);
	return num;
}

size_t
split_list(const char *list, char **items, size_t max, const char *option)
{
	char *copy = xrealloc(NULL, strlen(list) + 1), *p;
	size_t n = 0;

	strcpy(copy, list);
	for (p = copy;;) {
		char *comma = strchr(p, ',');

		if (comma)
			*comma = '\0';
		if (*p == '\0')
			die_usage("%s %s: empty item in the list", option, list);
		if (n == max)
			die_usage("%s %s: more than %zu items", option, list, max);
		items[n++] = p;
		if (!comma)
			break;
		p = comma + 1;
	}
	return n;
}

void
write_header(const struct tsvin *in, const char *const *extra, size_t nextra)
{
	size_t i;

	if (!in->has_header)
		return;
	out_char('#');
	out_write(in->header, in->header_len);
	for (i = 0; i < nextra; i++) {
		out_char('\t');
		out_str(extra[i]);
	}
	out_endrow();
}

int32_t
field_date(const struct tsvin *in, const struct field *f, size_t col)
{
	day_t d;

	if (parse_date(f->p, f->len, &d) != 0)
		die_at(tsvin_name(in), tsvin_line(in), "column %s: %s is not "
		    "a date (YYYY-MM-DD)", column_name(in, col), quote(f->p, f->len));
	return d;
}

uint64_t
field_count(const struct tsvin *in, const struct field *f, size_t col)
{
	uint64_t v = 0;
	enum num_status st = parse_count(f->p, f->len, &v);

	switch (st) {
	case NUM_OK:
		return v;
	case NUM_EMPTY:
	case NUM_SYNTAX:
		die_at(tsvin_name(in), tsvin_line(in), "column %s: %s is not "
		    "a count (a whole number)", column_name(in, col),
		    quote(f->p, f->len));
	case NUM_NEGATIVE:
		die_at(tsvin_name(in), tsvin_line(in), "column %s: %s is a "
		    "negative count", column_name(in, col), quote(f->p, f->len));
	case NUM_RANGE:
		die_at(tsvin_name(in), tsvin_line(in), "column %s: %s is past "
		    "2^63-1", column_name(in, col), quote(f->p, f->len));
	}
	return v;
}

bool
column_exists(const struct tsvin *in, const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; i < in->names.n; i++)
		if (in->names.f[i].len == n &&
		    memcmp(in->names.f[i].p, name, n) == 0)
			return true;
	return false;
}
