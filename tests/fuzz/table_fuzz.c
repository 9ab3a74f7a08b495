/* The CSV/TSV table reader: header search after comment lines, RFC 4180
 * quoting, records, and the sizes parsed from them. */
#include "fuzz.h"
#include "num.h"
#include "table.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "model_id", "total_params_b" };
	static const char *const other[] = { "hf_org", "region" };
	const char *path = fuzz_file(data, size);
	struct table t = { 0 };

	if (setjmp(fuzz_jump) == 0) {
		struct field f[2];

		table_open_either(&t, path, names, 2, other, 2);
		while (table_next(&t, f)) {
			double v;

			(void)parse_decimal(f[1].p, f[1].len, &v);
		}
	}
	table_close(&t);
	return 0;
}
