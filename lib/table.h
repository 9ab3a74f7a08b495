/* Lookup tables (-s, -r, -c ...): small CSV or TSV files read whole, and
 * only once, so "-" (standard input) and pipes such as <(...) work.
 *
 * The header is the first line whose fields, after an optional leading '#',
 * include every wanted name exactly; '#' lines before it are comments.  The
 * header's separator decides the format: TAB for TSV (no quoting), comma for
 * CSV with RFC 4180 quoting (fields in double quotes may hold commas, line
 * breaks and doubled quotes). */
#ifndef HFSNAP_TABLE_H
#define HFSNAP_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "tsv.h"

enum { TABLE_MAX_COLS = 8 };

struct table {
	const char *name;
	char *data;
	char *orig;		/* the data as read, while seeking the header */
	size_t len, pos;
	long long lineno;	/* line where the current record starts */
	long long nextline;	/* line where the next record starts */
	char sep;		/* ',' or '\t' */
	bool plain;		/* split on sep without honouring quotes */
	size_t ncols, col[TABLE_MAX_COLS];
	struct fields rec;
};

/* Reads the file ("-" is standard input) and finds its header; dies with
 * status 1 if the file cannot be read, has no such header ("FILE:LINE:
 * 'TEXT' is not a header naming a and b", the line being the first that is
 * neither a comment nor blank) or its header is malformed. */
void table_open(struct table *t, const char *path, const char *const *names,
    size_t nnames);
/* The same, for a table whose header may name either set: returns 0 when
 * it names every one of a, 1 when every one of b; dies (naming both) when
 * neither. */
int table_open_either(struct table *t, const char *path, const char *const *a,
    size_t na, const char *const *b, size_t nb);
/* The wanted fields of the next record, in the order of names: 1, or 0 at
 * the end.  Blank lines are skipped.  Fields stay valid until table_close. */
int table_next(struct table *t, struct field *wanted);
void table_close(struct table *t);
/* Dies with status 2 when a table's path is "-" and the data (nfiles
 * operands: none, or a "-" among them) is standard input too; the message
 * names option (e.g. "-r").  Call it before reading either. */
void table_check_stdin(const char *option, const char *path, int nfiles,
    char *const *files);

#endif
