#include "row.h"

#include "out.h"

void
write_row_plus(const struct fields *fs, const char *cells, size_t n)
{
	size_t len;
	const char *line = row_text(fs, &len);

	out_write(line, len);
	out_char('\t');
	out_write(cells, n);
	out_endrow();
}

void
write_replacing(const char *line, size_t len, size_t off, size_t n,
    uint64_t v)
{
	out_write(line, off);
	out_u64(v);
	out_write(line + off + n, len - off - n);
}
