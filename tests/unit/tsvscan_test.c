/* Unit tests of lib/tsv.c's one-pass reading: tsvin_next finds each line's
 * end and its fields in one scan (SSE2 where the compiler has it), and must
 * give what lr_next and split_fields give one after the other, on lines of
 * every length and shape: empty fields, TABs at the ends, a CR before the
 * LF or inside a field, a last line without LF, lines past the reader's
 * block. */
#include <stdlib.h>
#include <unistd.h>

#include "tsv.h"
#include "unit.h"

static char tmpdir[] = "/tmp/hfsnap-tsvscan-XXXXXX";

/* A reproducible random text of n lines, without '#' at a line's start (a
 * header) and without NUL. */
static char *
make_text(unsigned seed, size_t lines, size_t *len)
{
	static const char alphabet[] = "ab\t\t\t\r9-/.";
	size_t cap = 1 << 16, n = 0, i;
	char *t = malloc(cap);

	srand(seed);
	for (i = 0; i < lines; i++) {
		size_t k = (size_t)rand() % (i % 50 == 49 ? 400000 : 90), j;

		if (cap - n < k + 4) {
			while (cap - n < k + 4)
				cap *= 2;
			t = realloc(t, cap);
		}
		for (j = 0; j < k; j++)
			t[n++] = alphabet[(size_t)rand() % (sizeof alphabet - 1)];
		if (rand() % 4 == 0)
			t[n++] = '\r';
		if (i + 1 < lines || rand() % 2)
			t[n++] = '\n';
	}
	*len = n;
	return t;
}

static int
same_fields(const struct fields *a, const struct fields *b)
{
	size_t i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (a->f[i].len != b->f[i].len ||
		    memcmp(a->f[i].p, b->f[i].p, a->f[i].len) != 0)
			return 0;
	return 1;
}

static void
test_lines(unsigned seed)
{
	char path[300], *text, *line, *files[1];
	size_t len, n, rows = 0, bad = 0;
	struct linereader lr;
	struct tsvin in;
	struct fields ref = { 0 }, got = { 0 };
	FILE *f;

	text = make_text(seed, 3000, &len);
	snprintf(path, sizeof path, "%s/lines.tsv", tmpdir);
	f = fopen(path, "wb");
	fwrite(text, 1, len, f);
	fclose(f);
	files[0] = path;
	lr_open(&lr, path);
	tsvin_open(&in, 1, files);
	while (tsvin_next(&in, &got)) {
		if (!lr_next(&lr, &line, &n)) {
			bad++;
			break;
		}
		split_fields(&ref, line, n);
		if (!same_fields(&ref, &got) || lr.lineno != tsvin_line(&in))
			bad++;
		rows++;
	}
	if (lr_next(&lr, &line, &n))
		bad++;
	CHECK(bad == 0 && rows == 3000, "seed %u: %zu lines, fields and line "
	    "numbers as lr_next and split_fields give them", seed, rows);
	lr_close(&lr);
	tsvin_close(&in);
	free(ref.f);
	free(got.f);
	free(text);
	unlink(path);
}

int
main(void)
{
	unsigned seed;

	if (!mkdtemp(tmpdir))
		return 1;
	for (seed = 1; seed <= 4; seed++)
		test_lines(seed);
	rmdir(tmpdir);
	return unit_done();
}
