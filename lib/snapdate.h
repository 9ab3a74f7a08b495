/* The date of a snapshot file: the day its listing was fetched, which
 * every row of it carries.  Given by the user (-d), else the first
 * YYYY-MM-DD in the file's base name, else the "date" member of the object
 * that wraps an archived listing ({"date": "2025-07-10", "models": [...]}). */
#ifndef HFSNAP_SNAPDATE_H
#define HFSNAP_SNAPDATE_H

#include <stddef.h>

enum snapdate_fault { SNAPDATE_OK, SNAPDATE_USAGE, SNAPDATE_DATA };

/* Settles the date of the file at path ("-" is standard input, which only
 * given can date) into date (ten characters, no NUL).  given: the date the
 * user gave, already checked, or NULL.  The wrapper is looked for only in
 * a regular file, before it is parsed, and reading stops at its "date".
 * Returns SNAPDATE_OK, or a fault with a message in why (n bytes): a
 * usage fault when no date is found, or the file name holds one that is
 * not a real day; bad data when the JSON before the member is bad (why
 * then holds the located error). */
enum snapdate_fault snapshot_date(const char *path, const char *given,
    char date[10], char *why, size_t n);

#endif
