#!/bin/sh
# Runs every tool under valgrind on sample data: any memory error fails, and
# so does any block left at exit, reachable or not, after a successful run
# (a run that stops on bad data exits at once: only lost blocks count
# there).  `make valgrind`.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$root/bin}
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
vg() {
	name=$1; shift
	kinds=all
	case $name in *-error) kinds=definite,indirect ;; esac
	if valgrind -q --error-exitcode=99 --leak-check=full \
	    --errors-for-leak-kinds=$kinds --show-leak-kinds=$kinds \
	    "$@" >"$t/out" 2>"$t/err"; then
		echo "ok $name"
	else
		rc=$?
		if [ "$rc" -eq 99 ] || grep -q '==[0-9]*==' "$t/err"; then
			echo "not ok $name"; cat "$t/err"; exit 1
		fi
		echo "ok $name (exit $rc, no memory error)"
	fi
}
"$BIN/hfsnap-gen" snapshot -n 300 -p 2 >"$t/2025-07-10.json"
"$BIN/hfsnap-gen" series -n 50 -D 40 >"$t/series.tsv"
"$BIN/bucketize" "$t/series.tsv" | "$BIN/regionize" >"$t/rich.tsv"
d=$root/tests
vg hfsnap-parse "$BIN/hfsnap-parse" "$t/2025-07-10.json"
vg hfsnap-parse-validate "$BIN/hfsnap-parse" --validate "$d/hfsnap-parse/basic.json"
vg hfsnap-parse-error "$BIN/hfsnap-parse" -d 2025-01-01 "$d/fuzz/corpus/json/escapes.json"
vg iqr-filter "$BIN/iqr-filter" --mark "$t/series.tsv"
vg iqr-filter-stats "$BIN/iqr-filter" --stats "$d/iqr-filter/input.tsv"
vg bucketize "$BIN/bucketize" -s "$d/bucketize/sizes.csv" "$t/series.tsv"
vg regionize "$BIN/regionize" -r "$d/regionize/regions.csv" "$t/series.tsv"
vg cummulate "$BIN/cummulate" -g region,bucket --delta --share "$t/rich.tsv"
vg cummulate-events "$BIN/cummulate" --events -t created -g region --share "$t/rich.tsv"
vg cummulate-splice "$BIN/cummulate" --splice 2025-03-20 "$t/series.tsv" "$t/series.tsv"
vg ram "$BIN/ram" --reference-out "$t/ref.tsv" -c "$d/ram/corrections.csv" "$t/rich.tsv"
vg ram-wide "$BIN/ram" --wide --reference "$d/ram/table1-ref.tsv" "$d/ram/qwen35-4b.tsv"
vg ram-error "$BIN/ram" --reference "$d/ram/table1-ref.tsv" --milestones 5 "$d/ram/qwen35-4b.tsv"
