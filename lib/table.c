#include "table.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "mem.h"

static char *
read_whole(const char *path, size_t *len)
{
	size_t cap = 0, n = 0;
	/* Read once, so a table can come from standard input or a pipe. */
	int fd = strcmp(path, "-") == 0 ? 0 : open_input(path);
	char *buf = NULL;

	for (;;) {
		ssize_t r;

		/* Room for a block, and the NUL after the data. */
		buf = grow(buf, &cap, n + (1 << 16) + 1, 1);
		r = read(fd, buf + n, cap - n - 1);
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
	fs->f = grow(fs->f, &fs->cap, fs->n + 1, sizeof *fs->f);
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

/* Looks for the header in the data as read; true when found.  When not,
 * *stop is the offset of the line where the search ended (the first that
 * is neither a comment nor blank) and t->lineno its number, or t->lineno
 * is 0 when the data ended first. */
static bool
find_header(struct table *t, const char *const *names, size_t nnames,
    size_t *stop)
{
	t->ncols = nnames;
	t->pos = 0;
	t->nextline = 1;
	for (;;) {
		size_t at = t->pos;
		long long line = t->nextline;
		char *eol;

		if (at >= t->len) {
			t->lineno = 0;
			return false;
		}
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
		if (t->data[at] != '#' &&
		    !(t->rec.n == 1 && t->rec.f[0].len == 0)) {
			*stop = at;
			t->lineno = line;
			return false;
		}
	}
}

/* "a, b and c" into want. */
static void
name_list(char *want, size_t size, const char *const *names, size_t nnames)
{
	size_t i;

	for (i = 0; i < nnames; i++) {
		strncat(want, i ? (i + 1 == nnames ? " and " : ", ") : "",
		    size - strlen(want) - 1);
		strncat(want, names[i], size - strlen(want) - 1);
	}
}

/* Reads the table and finds a header naming every one of sets[0], else
 * of sets[1] ...; returns the index of the set found.  Splitting a CSV
 * line undoes its quotes in place, so each search after the first starts
 * from a copy of the data as read (the file is read only once: it may be
 * a pipe or standard input). */
static int
open_sets(struct table *t, const char *path, const char *const *const *sets,
    const size_t *nnames, int nsets)
{
	char want[512] = "";
	size_t stop = 0;
	int k;

	memset(t, 0, sizeof *t);
	t->name = path;
	t->data = read_whole(path, &t->len);
	/* The NUL after the data is never changed: copy the data alone. */
	t->orig = xrealloc(NULL, t->len);
	memcpy(t->orig, t->data, t->len);
	for (k = 0; k < nsets; k++) {
		if (k > 0)
			memcpy(t->data, t->orig, t->len);
		if (find_header(t, sets[k], nnames[k], &stop)) {
			free(t->orig);
			t->orig = NULL;
			return k;
		}
	}
	for (k = 0; k < nsets; k++) {
		if (k > 0)
			strncat(want, ", or ", sizeof want - strlen(want) - 1);
		name_list(want, sizeof want, sets[k], nnames[k]);
	}
	if (t->lineno == 0)
		die(EXIT_DATA, "%s: no header line naming %s", path, want);
	{
		/* Quote the line as it was read, without its line end. */
		const char *line = t->orig + stop;
		const char *eol = memchr(line, '\n', t->len - stop);
		size_t n = eol ? (size_t)(eol - line) : t->len - stop;

		if (n > 0 && line[n - 1] == '\r')
			n--;
		die_at(path, t->lineno, "%s is not a header naming %s",
		    quote(line, n), want);
	}
}

void
table_open(struct table *t, const char *path, const char *const *names,
    size_t nnames)
{
	const char *const *sets[] = { names };

	open_sets(t, path, sets, &nnames, 1);
}

int
table_open_either(struct table *t, const char *path, const char *const *a,
    size_t na, const char *const *b, size_t nb)
{
	const char *const *sets[] = { a, b };
	const size_t n[] = { na, nb };

	return open_sets(t, path, sets, n, 2);
}

void
table_check_stdin(const char *option, const char *path, int nfiles,
    char *const *files)
{
	bool data_stdin = nfiles == 0;
	int i;

	if (strcmp(path, "-") != 0)
		return;
	for (i = 0; i < nfiles; i++)
		if (strcmp(files[i], "-") == 0)
			data_stdin = true;
	if (data_stdin)
		die_usage("%s - and the data cannot both be standard input: "
		    "give the data as a FILE", option);
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
	free(t->orig);
	free(t->rec.f);
	t->data = NULL;
	t->orig = NULL;
	t->rec.f = NULL;
}
