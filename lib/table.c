#include "table.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"

static char *
read_whole(const char *path, size_t *len)
{
	size_t cap = 1 << 16, n = 0;
	int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY);
	char *buf;

	if (fd < 0)
		die(EXIT_DATA, "%s: %s", path, strerror(errno));
	buf = xrealloc(NULL, cap + 1);
	for (;;) {
		ssize_t r;

		if (n == cap) {
			cap *= 2;
			buf = xrealloc(buf, cap + 1);
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			die(EXIT_DATA, "%s: read error: %s", path, strerror(errno));
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (fd > 0)
		close(fd);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static void
push_field(struct fields *fs, char *p, size_t len)
{
	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 16;
		fs->f = xrealloc(fs->f, fs->cap * sizeof *fs->f);
	}
	fs->f[fs->n].p = p;
	fs->f[fs->n].len = len;
	fs->n++;
}

/* Splits the record at t->pos into t->rec, unquoting CSV fields in place,
 * and moves t->pos past it.  Returns false at the end of the data. */
static bool
next_record(struct table *t)
{
	char *p = t->data + t->pos, *end = t->data + t->len;

	t->rec.n = 0;
	t->lineno = t->nextline;
	if (p >= end)
		return false;
	for (;;) {
		char *start = p, *w = p;

		if (t->sep == ',' && !t->plain && p < end && *p == '"') {
			/* A quoted field: copy it down over its own quotes. */
			for (p++;; p++) {
				if (p >= end)
					die_at(t->name, t->lineno,
					    "unterminated quoted field");
				if (*p == '"') {
					if (p + 1 < end && p[1] == '"') {
						*w++ = '"';
						p++;
						continue;
					}
					p++;
					break;
				}
				if (*p == '\n')
					t->nextline++;
				*w++ = *p;
			}
			if (p < end && *p == '\r' && (p + 1 == end || p[1] == '\n'))
				p++;
			if (p < end && *p != ',' && *p != '\n')
				die_at(t->name, t->nextline,
				    "text after the closing quote of a field");
			push_field(&t->rec, start, (size_t)(w - start));
		} else {
			while (p < end && *p != t->sep && *p != '\n')
				p++;
			w = p;
			if (w > start && w[-1] == '\r' && (p == end || *p == '\n'))
				w--;
			push_field(&t->rec, start, (size_t)(w - start));
		}
		if (p >= end || *p == '\n') {
			t->nextline++;
			t->pos = (size_t)(p - t->data) + (p < end);
			return true;
		}
		p++;	/* past the separator */
	}
}

static bool
find_names(struct table *t, const char *const *names, size_t nnames)
{
	size_t i, j;

	for (i = 0; i < nnames; i++) {
		for (j = 0; j < t->rec.n; j++) {
			struct field *f = &t->rec.f[j];
			char *p = f->p;
			size_t n = f->len;

			if (j == 0 && n > 0 && *p == '#')
				p++, n--;
			if (n == strlen(names[i]) && memcmp(p, names[i], n) == 0)
				break;
		}
		if (j == t->rec.n)
			return false;
		t->col[i] = j;
	}
	return true;
}

/* Looks for the header in the data just read; true when found. */
static bool
find_header(struct table *t, const char *const *names, size_t nnames)
{
	t->ncols = nnames;
	t->pos = 0;
	t->nextline = 1;
	for (;;) {
		size_t at = t->pos;
		long long line = t->nextline;
		char *eol;

		if (at >= t->len)
			return false;
		/* Try the line as TSV first, then as CSV: the header decides. */
		eol = memchr(t->data + at, '\n', t->len - at);
		t->sep = '\t';
		if (memchr(t->data + at, '\t',
		    (size_t)((eol ? eol : t->data + t->len) - (t->data + at)))) {
			next_record(t);
			if (find_names(t, names, nnames))
				return true;
			t->pos = at, t->nextline = line;
		}
		/* A comment line is split without quoting: a stray quote in
		 * prose must not read as an unterminated field. */
		t->sep = ',';
		t->plain = t->data[at] == '#';
		next_record(t);
		t->plain = false;
		if (find_names(t, names, nnames))
			return true;
		if (t->data[at] != '#' && !(t->rec.n == 1 && t->rec.f[0].len == 0))
			return false;
	}
}

static _Noreturn void
no_header(const char *path, const char *const *names, size_t nnames)
{
	char want[256] = "";
	size_t i;

	for (i = 0; i < nnames; i++) {
		strncat(want, i ? (i + 1 == nnames ? " and " : ", ") : "",
		    sizeof want - strlen(want) - 1);
		strncat(want, names[i], sizeof want - strlen(want) - 1);
	}
	die(EXIT_DATA, "%s: no header line naming %s", path, want);
}

void
table_open(struct table *t, const char *path, const char *const *names,
    size_t nnames)
{
	memset(t, 0, sizeof *t);
	t->name = path;
	t->data = read_whole(path, &t->len);
	if (!find_header(t, names, nnames))
		no_header(path, names, nnames);
}

int
table_open_either(struct table *t, const char *path, const char *const *a,
    size_t na, const char *const *b, size_t nb)
{
	memset(t, 0, sizeof *t);
	t->name = path;
	t->data = read_whole(path, &t->len);
	if (find_header(t, a, na))
		return 0;
	/* Quoted fields were undone in place: read the file afresh. */
	free(t->data);
	t->data = read_whole(path, &t->len);
	if (find_header(t, b, nb))
		return 1;
	no_header(path, a, na);
}

int
table_next(struct table *t, struct field *wanted)
{
	size_t i;

	for (;;) {
		if (!next_record(t))
			return 0;
		if (t->rec.n == 1 && t->rec.f[0].len == 0)
			continue;	/* a blank line */
		break;
	}
	for (i = 0; i < t->ncols; i++) {
		if (t->col[i] >= t->rec.n)
			die_at(t->name, t->lineno,
			    "record has %zu field%s, the header has more",
			    t->rec.n, t->rec.n == 1 ? "" : "s");
		wanted[i] = t->rec.f[t->col[i]];
	}
	return 1;
}

void
table_close(struct table *t)
{
	free(t->data);
	free(t->rec.f);
	t->data = NULL;
	t->rec.f = NULL;
}
