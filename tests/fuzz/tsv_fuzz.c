/* The TSV input: header, repeated headers, column lookup by name, rows,
 * typed fields and the grouping check, as the per-model tools use them. */
#include <string.h>

#include "fuzz.h"
#include "group.h"
#include "tsv.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *files[1];
	struct tsvin in = { 0 };
	struct fields fs = { 0 };
	struct grouping g = { 0 };

	files[0] = (char *)fuzz_file(data, size);
	if (setjmp(fuzz_jump) == 0) {
		size_t m, d, v;

		tsvin_open(&in, 1, files);
		m = column_index(&in, in.has_header ? "model" : "1", "-m");
		d = column_index(&in, in.has_header ? "date" : "2", "-t");
		v = column_index(&in, "3", "-v");
		while (tsvin_next(&in, &fs)) {
			day_t day;

			day = field_date(&in, &fs.f[d], d);
			if (group_is_new(&g, &in, fs.f[m].p, fs.f[m].len, day))
				group_enter(&g, &in, fs.f[m].p, fs.f[m].len, day);
			if (fs.f[v].len)
				(void)field_count(&in, &fs.f[v], v);
		}
	}
	tsvin_close(&in);	/* safe on a half-opened input */
	group_free(&g);
	free(fs.f);
	return 0;
}
