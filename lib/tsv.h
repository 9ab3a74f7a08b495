/* Reading TSV: lines from a chain of files, fields split on TAB without a
 * malloc per field, the '#' header and column lookup by name or number. */
#ifndef HFSNAP_TSV_H
#define HFSNAP_TSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Buffered line reader over one file descriptor.  A line is returned without
 * its LF and without a CR before it; it stays valid until the next call. */
struct linereader {
	int fd;
	const char *name;	/* for messages: the path, or "-" */
	char *buf;
	size_t cap, start, end;
	long long lineno;	/* number of the line last returned */
	bool eof;
};

/* Opens path ("-" is standard input); dies with status 1 if it cannot. */
void lr_open(struct linereader *lr, const char *path);
/* open(path) for reading, or die saying why (a directory included). */
int open_input(const char *path);
/* Returns 1 and the next line, or 0 at end of file.  A NUL byte in a line is
 * a located error. */
int lr_next(struct linereader *lr, char **line, size_t *len);
void lr_close(struct linereader *lr);

struct field {
	char *p;
	size_t len;
};

/* The fields of one line, pointing into the line.  Reused from row to row. */
struct fields {
	struct field *f;
	size_t n, cap;
};

void split_fields(struct fields *fs, char *line, size_t len);

/* Input over the operands of a command line: files read one after another
 * ("-" or none is standard input), the header taken from the first line of
 * the first file when it starts with '#', copies of it later skipped. */
struct tsvin {
	char **files;
	int nfiles, cur;
	struct linereader lr;
	bool open;
	bool has_header;
	char *header;		/* the header line, without '#' */
	size_t header_len;
	struct fields names;	/* the header's column names */
	size_t need;		/* fields a row must have: the widest column
				   column_index was asked for, plus one */
	char *pending;		/* first data line, read while looking for a header */
	size_t pending_len;
	bool has_pending;
};

void tsvin_open(struct tsvin *in, int nfiles, char **files);
void tsvin_close(struct tsvin *in);
/* Next data row split into fs; 0 at the end of the last file.  A '#' line
 * that is not a copy of the header, or a row without every column that
 * column_index was asked for, is a located error. */
int tsvin_next(struct tsvin *in, struct fields *fs);
/* Location of the row last returned, for messages. */
static inline const char *tsvin_name(const struct tsvin *in) { return in->lr.name; }
static inline long long tsvin_line(const struct tsvin *in) { return in->lr.lineno; }
/* True when the input held no line at all. */
bool tsvin_empty(const struct tsvin *in);

/* A column given by name or 1-based number, as every -m/-t/-v/-g option
 * takes it.  Returns the 0-based index, and from then on tsvin_next checks
 * that every row has it; dies with status 2 when a name is not in the
 * header or there is no header to look it up in.  `option` names the option
 * for the message, e.g. "-m". */
size_t column_index(struct tsvin *in, const char *spec, const char *option);

/* The name of 0-based column i: from the header, else its number. */
const char *column_name(const struct tsvin *in, size_t i);

/* Splits "a,b,3" into at most max items, pointers into one malloc'd copy
 * of list that starts at items[0] (free it there when done); dies with
 * status 2 on an empty item.  Returns the count. */
size_t split_list(const char *list, char **items, size_t max, const char *option);

/* True when the header names a column `name`. */
bool column_exists(const struct tsvin *in, const char *name);

/* Typed access to field f of column col of the current row, with a located
 * error naming the column and the value: a YYYY-MM-DD date (as days since
 * 1970-01-01), a count from 0 to 2^63-1. */
int32_t field_date(const struct tsvin *in, const struct field *f, size_t col);
uint64_t field_count(const struct tsvin *in, const struct field *f, size_t col);

/* Writes the header (with '#') and `extra` added names, when the input had a
 * header; writes nothing otherwise. */
void write_header(const struct tsvin *in, const char *const *extra, size_t nextra);

#endif
