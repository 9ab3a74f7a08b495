#!/usr/bin/env bats
# The report pipeline (examples/Makefile) when an input is broken, removed
# or absent: make fails with the tool's own message and leaves nothing that
# looks done; mended, the next make gives the right tables without `make
# clean`.  And with the faults real archives have (renames, days the Hub
# did not refresh, a missing day), the tables still give the generator's
# true totals.

load helper

unset MAKEFLAGS MFLAGS MAKELEVEL

setup_file() {
	export OUTDIR=$BATS_FILE_TMPDIR/out
	export EX=$BATS_TEST_DIRNAME/../examples
	# A copy of the regions table, so a test can break it.
	export REGIONS_COPY=$BATS_FILE_TMPDIR/regions.csv
	cp "$EX/data/organization_regions.csv" "$REGIONS_COPY"
	make -s -C "$EX" BIN="$BIN" OUT="$OUTDIR" \
		SEASON_ARGS="--days 70 --derivatives 300" data >/dev/null
	make -s -C "$EX" BIN="$BIN" OUT="$OUTDIR" REGIONS="$REGIONS_COPY" tables >/dev/null 2>&1
	cp -r "$OUTDIR/tables" "$BATS_FILE_TMPDIR/want"
}

setup() {
	T=$BATS_TEST_TMPDIR
	DATA=$OUTDIR/data
}

# mk TARGET...: the pipeline's make, its stderr in $stderr.
mk() {
	run --separate-stderr make -s -C "$EX" BIN="$BIN" OUT="$OUTDIR" REGIONS="$REGIONS_COPY" "$@"
}

SYNC_FAILED="sync-days: a snapshot failed to parse (above); mend or remove it, then run make again"

# A run of make that went through: nothing on standard output, and on
# standard error nothing but the notes a season of 70 days gives: ram's on
# references too small for a RAM, drop-stale-days' on the days the Hub did
# not refresh.
made() {
	outcome -e "grep -v -e '^ram: .*(--min-reference 8)' -e '^drop-stale-days: .*: dropped (the Hub did not refresh)$'" 0 "" ""
}

# A run of make that stops: status 2, nothing on standard output, and on
# standard error the tool's message, make's own lines aside.
failed_with() {
	outcome -e "grep -v '^make'" 2 "" "$1"
}

# Every table is there and equals the one of the first, good run.
tables_as_first() {
	diff -r "$BATS_FILE_TMPDIR/want" "$OUTDIR/tables"
}

@test "a bad row in the sizes table fails make with bucketize's message, every time; mended, the tables come back" {
	cp "$DATA/model_parameters.csv" "$T/sizes.good"
	echo 'Qwen/Qwen3-8B,abc,,,' >>"$DATA/model_parameters.csv"
	line=$(wc -l <"$DATA/model_parameters.csv")
	mk tables
	failed_with "bucketize: $DATA/model_parameters.csv:$line: total_params_b 'abc' is not a size in billions"
	[ ! -e "$OUTDIR/work/series.tsv" ]
	# Not "Nothing to be done": the failure stays a failure.
	mk tables
	failed_with "bucketize: $DATA/model_parameters.csv:$line: total_params_b 'abc' is not a size in billions"
	cp "$T/sizes.good" "$DATA/model_parameters.csv"
	mk tables
	made
	tables_as_first
}

@test "a broken regions table fails make with regionize's message; mended, the tables come back" {
	cp "$REGIONS_COPY" "$T/regions.good"
	sed -i '1s/region/place/' "$REGIONS_COPY"
	mk tables
	failed_with "regionize: $REGIONS_COPY:1: 'hf_org,place,notes' is not a header naming hf_org and region"
	[ ! -e "$OUTDIR/work/series.tsv" ]
	cp "$T/regions.good" "$REGIONS_COPY"
	mk tables
	made
	tables_as_first
}

@test "a truncated snapshot fails make with hfsnap-parse's located message; mended, the tables come back" {
	f=$DATA/snaps/2025-08-20.json
	cp -p "$f" "$T/good.json"
	head -c 5000 "$T/good.json" >"$f"
	# Where in the cut file the string ends is the generator's business:
	# the line and column are left out of the comparison.
	mk tables
	outcome -e "grep -v '^make' | sed -E 's/json:[0-9]+:[0-9]+:/json:L:C:/'" 2 "" \
	    "hfsnap-parse: $f:L:C: unterminated string
$SYNC_FAILED"
	mk tables
	outcome -e "grep -v '^make' | sed -E 's/json:[0-9]+:[0-9]+:/json:L:C:/'" 2 "" \
	    "hfsnap-parse: $f:L:C: unterminated string
$SYNC_FAILED"
	cp -p "$T/good.json" "$f"
	mk tables
	made
	tables_as_first
}

@test "a zero-byte snapshot (a failed download) fails make; mended, the tables come back" {
	f=$DATA/snaps/2025-08-21.json
	cp -p "$f" "$T/good.json"
	: >"$f"
	mk tables
	failed_with "hfsnap-parse: $f:1:1: no JSON text (an empty or failed download?)
$SYNC_FAILED"
	cp -p "$T/good.json" "$f"
	mk tables
	made
	tables_as_first
}

@test "a removed snapshot leaves the series; put back, older than every output, it comes back" {
	f=$DATA/snaps/2025-08-22.json
	mv "$f" "$T/day.json"
	mk tables
	made
	! grep -q $'\t2025-08-22\t' "$OUTDIR/work/series.tsv"
	[ ! -e "$OUTDIR/work/parsed/2025-08-22.tsv" ]
	# mv keeps its old time: it is older than every table now.
	mv "$T/day.json" "$f"
	[ "$f" -ot "$OUTDIR/work/series.tsv" ]
	mk tables
	made
	grep -q $'\t2025-08-22\t' "$OUTDIR/work/series.tsv"
	tables_as_first
}

@test "an unchanged run does nothing; a snapshot replaced by an older copy is parsed again" {
	mk tables
	made
	touch "$T/mark"
	sleep 1
	mk tables
	made
	same "$(find "$OUTDIR" -newer "$T/mark" -type f | wc -l)" 0
	f=$DATA/snaps/2025-08-23.json
	cp -p "$f" "$T/good.json"
	# Another day's content, given an old time: only its size and time tell.
	cp "$DATA/snaps/2025-08-24.json" "$f"
	touch -d 2020-01-01 "$f"
	mk tables
	made
	same "$(cut -f2 "$OUTDIR/work/parsed/2025-08-23.tsv" | sort -u | head -1)" "2025-08-23"
	grep -q "$(sed -n 2p "$OUTDIR/work/parsed/2025-08-24.tsv" | cut -f3)" "$OUTDIR/work/parsed/2025-08-23.tsv"
	cp -p "$T/good.json" "$f"
	mk tables
	made
	tables_as_first
}

@test "no history file: the scraper alone, and every boundary equals the truth exactly" {
	run --separate-stderr make -s -C "$EX" BIN="$BIN" OUT="$OUTDIR" REGIONS="$REGIONS_COPY" \
		HISTORY="$T/no-such-history.tsv" tables
	made
	# The season has a rename (one _id, two names), a missing day and
	# three days the Hub did not refresh; none is on a month's last day.
	grep -q rename "$DATA/faults.tsv"
	grep -q unrefreshed "$DATA/faults.tsv"
	grep -q missing "$DATA/faults.tsv"
	# The truth: each region's tracked models on the day before each
	# boundary the table has.
	for b in 2025-08-01 2025-09-01; do
		for region in china us eu; do
			want=$(awk -F'\t' -v r="$region" -v b="$b" '
				BEGIN { split(b, p, "-"); y = p[1]; m = p[2] - 1; if (m == 0) { m = 12; y-- }
				        d = (m == 2 ? 28 : (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31)
				        last = sprintf("%04d-%02d-%02d", y, m, d) }
				NR == FNR { if ($2 == "tracked" && $4 == r) in_r[$1]; next }
				($1 in in_r) && $2 == last { s += $3 } END { printf "%.0f", s }' \
				"$DATA/models.tsv" "$DATA/truth.tsv")
			got=$(awk -F'\t' -v r="$region" -v b="$b" '$1 == b && $2 == r { print $3 }' \
				"$OUTDIR/tables/fig01-downloads-by-region.tsv")
			same "$got" "$want" || { echo "$b $region"; false; }
		done
	done
	# Back to the history: the first tables again, nothing cleaned.
	mk tables
	made
	tables_as_first
}

@test "the renamed repository is one series under its new name, through the rename, ending at the truth" {
	# What follow-renames prevents: the old name's rows dropped by the
	# tracked filter.  Its series, as the pipeline has it, runs through the
	# rename day without a break and ends at the truth.
	new=$(awk -F'\t' '$2 == "rename" { split($3, a, " "); print a[3] }' "$DATA/faults.tsv")
	old=$(awk -F'\t' '$2 == "rename" { split($3, a, " "); print a[1] }' "$DATA/faults.tsv")
	[ -n "$new" ] && [ -n "$old" ]
	grep -q "^$old"$'\t' "$OUTDIR/work/parsed/2025-07-02.tsv"
	! grep -q "^$old"$'\t' "$OUTDIR/work/scraper.tsv"
	same "$(awk -F'\t' -v m="$new" '$1 == m && $2 >= "2025-07-01" { n++ } END { print n }' "$OUTDIR/work/scraper.tsv")" \
		"$(ls "$DATA/snaps" | wc -l | awk '{ print $1 - 3 }')"	# every listed day but the 3 unrefreshed
	same "$(awk -F'\t' -v m="$new" '$1 == m { v = $3 } END { print v }' "$OUTDIR/work/scraper.tsv")" \
		"$(awk -F'\t' -v m="$new" '$1 == m { v = $3 } END { print v }' "$DATA/truth.tsv")"
}
