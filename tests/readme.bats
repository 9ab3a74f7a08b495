#!/usr/bin/env bats
# README.md's commands, run as a reader would copy them.

load helper

setup() {
	T=$BATS_TEST_TMPDIR
}

# The shell block under a README heading.
readme_block() {
	awk -v h="## $1" '$0 == h { on = 1; next } on && /^```sh$/ { inb = 1; next }
		inb && /^```$/ { exit } inb { print }' "$ROOT/README.md"
}

@test "the worked pipeline, copied from README.md, gives the true monthly totals by region" {
	run --separate-stderr "$BIN/hfsnap-season" -o "$T/season" --days 70 --derivatives 200
	outcome 0 "" ""
	cd "$T"
	ln -s "$T/season/snaps" snaps
	ln -s "$ROOT/examples" examples
	cp "$T/season/tracked.txt" .
	cp "$ROOT/examples/data/organization_regions.csv" .
	readme_block "A worked pipeline" >pipeline.sh
	[ -s pipeline.sh ]
	run --separate-stderr bash -o pipefail pipeline.sh
	outcome -f 'head -1' 0 $'#period\tregion\tdownloads_cum' ""
	# The last full month of the season (2025-07-01 + 70 days) is August:
	# its boundary 2025-09-01 holds everything through 08-31.
	printf '%s\n' "$output" | awk -F'\t' '$1 == "2025-09-01" { print $2 "\t" $3 }' | sort >got
	awk -F'\t' 'NR == FNR { if ($2 == "tracked") r[$1] = $4; next }
		($1 in r) && $2 == "2025-08-31" { s[r[$1]] += $3 }
		END { for (x in s) printf "%s\t%.0f\n", x, s[x] }' season/models.tsv season/truth.tsv | sort >want
	[ "$(wc -l <want)" -ge 4 ]
	# Within 2 % of the truth, region by region (on the sample season the
	# snapshots alone are exact).
	join -t $'\t' want got | awk -F'\t' '{ e = ($3 - $2) / $2; if (e < 0) e = -e; if (e > 0.02) { print; bad = 1 } } END { exit bad }'
	diff want got
}

@test "tracked.txt from the registry, by README.md's command" {
	need_shared data/tracked-models/models.csv
	cd "$T"
	cp "$SHARED/data/tracked-models/models.csv" "$SHARED/data/tracked-models/extra_models.csv" .
	readme_block "Where the data come from" >make-tracked.sh
	run --separate-stderr sh make-tracked.sh
	outcome 0 "" ""
	# One id per line, every modelId of both files, nothing else.
	same "$(wc -l <tracked.txt)" "$(tail -q -n +2 models.csv extra_models.csv | sort -u | wc -l)"
	grep -qx 'Qwen/Qwen3-8B' tracked.txt
	! grep -q ',' tracked.txt
}
