#!/usr/bin/env bats
# hfsnap-season, the sample-data generator: its options, a season that only
# grows at its end, and the faults of real snapshots (unrefreshed counts, a
# missing day, a renamed repository, a listing without downloadsAllTime),
# each checked in the files themselves, not only in faults.tsv.

load helper

RENAMED_OLD=THUDM/glm-4-9b-chat
RENAMED_NEW=zai-org/glm-4-9b-chat
RENAMED_OID=665ebfe4148739409db06013

setup_file() {
	# The default season (--from 2025-07-01, 120 days, splice 2025-07-10),
	# with fewer derivatives than the demo's 2500 to keep it quick; the
	# faults do not depend on that.
	export S=$BATS_FILE_TMPDIR/season
	run --separate-stderr "$BIN/hfsnap-season" -o "$S" --derivatives 1000
	outcome 0 "" ""
}

# season DIR OPTION...: a season generated quietly, as it should be.
season() {
	run --separate-stderr hfsnap-season -o "$@"
	outcome 0 "" ""
}

setup() {
	T=$BATS_TEST_TMPDIR
}

# Every model of a snapshot, one line each: _id, downloadsAllTime,
# downloads, likes (plain pages or a wrapped archive).
counts_of() {
	jq -r 'if type == "object" then .models[] else .[] end |
		[._id, .downloadsAllTime, .downloads, .likes] | @tsv' "$1" | LC_ALL=C sort
}

day_after() {
	date -u -d "$1 + 1 day" +%F
}

@test "--help: the usage on stdout, one line per option, fits a screen" {
	run --separate-stderr hfsnap-season --help
	outcome -f 'head -1' 0 "Usage: hfsnap-season -o DIR [OPTION ...]" ""
	[ "${#lines[@]}" -le 24 ]
	for o in -o -s --from --days --history-from --splice --derivatives \
		--no-fillers --no-faults --no-total --wrapped --help; do
		[ "$(printf '%s\n' "${lines[@]}" | grep -cE -- "^  (-h, )? *$o( |$)")" -eq 1 ] ||
			{ echo "no line for $o"; false; }
	done
	[ "$(printf '%s\n' "${lines[@]}" | grep -c '^  *-')" -eq 12 ]
	help=$output
	run --separate-stderr hfsnap-season -h
	outcome 0 "$help" ""
}

@test "a bad option or a missing value: the usage on stderr, status 2, nothing written" {
	run --separate-stderr hfsnap-season --help
	usage=$output
	for args in "--bogus" "-o" "-o $T/x --days" "-o $T/x --no-total" "" "--days 3" "-o $T/x extra"; do
		run --separate-stderr hfsnap-season $args
		outcome 2 "" "$usage" || { echo "for '$args'"; false; }
	done
	[ ! -e "$T/x" ]
}

@test "a bad number or date: status 2 and a message naming it, nothing written" {
	while IFS='|' read -r args msg; do
		run --separate-stderr hfsnap-season -o "$T/x" $args
		outcome 2 "" "hfsnap-season: $msg" || { echo "for '$args'"; false; }
	done <<'EOF'
--days 12x|--days 12x: not a whole number from 1 to 36600
--days 0|--days 0: not a whole number from 1 to 36600
--days -5|--days -5: not a whole number from 1 to 36600
--derivatives 1e3|--derivatives 1e3: not a whole number from 0 to 1000000
-s seven|-s seven: not a whole number from 0 to 9223372036854775807
--from 2025-02-30|--from 2025-02-30: not a date (YYYY-MM-DD)
--splice 2025-7-10|--splice 2025-7-10: not a date (YYYY-MM-DD)
--history-from yesterday|--history-from yesterday: not a date (YYYY-MM-DD)
--no-total 2025-13-01|--no-total 2025-13-01: not a date (YYYY-MM-DD)
--no-total 2025-06-30|--no-total 2025-06-30: before the season (--from 2025-07-01)
EOF
	[ ! -e "$T/x" ]
}

@test "a longer season keeps the shorter one's files byte for byte" {
	season "$T/a" --days 40 --derivatives 300
	season "$T/b" --days 41 --derivatives 300
	# Day 40 is 2025-08-09; 2025-08-06 is the missing day, in both.
	same "$(ls "$T/a/snaps" | tail -1)" 2025-08-09.json
	same "$(ls "$T/b/snaps" | sed '$d')" "$(ls "$T/a/snaps")"
	same "$(ls "$T/b/snaps" | tail -1)" 2025-08-10.json
	for f in "$T"/a/snaps/*.json; do
		cmp "$f" "$T/b/snaps/${f##*/}"
	done
	cmp "$T/a/history.tsv" "$T/b/history.tsv"
	awk -F'\t' 'FNR == 1 || $2 <= "2025-08-09"' "$T/b/truth.tsv" | cmp - "$T/a/truth.tsv"
	awk -F'\t' 'FNR == 1 || $1 <= "2025-08-09"' "$T/b/faults.tsv" | cmp - "$T/a/faults.tsv"
	# And the truth does have a new day, for every model the shorter had.
	[ "$(grep -c $'\t2025-08-10\t' "$T/b/truth.tsv")" -eq "$(grep -c $'\t2025-08-09\t' "$T/a/truth.tsv")" ]
	# A season that ends before the splice (2025-07-10) still has the
	# whole history, the same for any length.
	season "$T/c" --days 5 --derivatives 10
	cmp "$T/a/history.tsv" "$T/c/history.tsv"
}

@test "faults.tsv of the default season lists every fault, in date order" {
	same "$(cat "$S/faults.tsv")" "#date	kind	detail
2025-07-18	unrefreshed	counts as of 2025-07-17
2025-07-23	rename	$RENAMED_OLD -> $RENAMED_NEW _id $RENAMED_OID
2025-08-06	missing	no snapshot
2025-08-15	unrefreshed	counts as of 2025-08-14
2025-08-16	unrefreshed	counts as of 2025-08-14"
}

@test "no fault on a season's first three or last two days, a month's last day, or by the splice" {
	season "$T/shifted" --from 2025-07-14 --splice 2025-08-06 --days 60 --derivatives 50
	# From 2025-07-14 the planned days would be 07-31 (a month's end) and
	# 08-05 (next to the splice): both move forward, and stay apart.
	same "$(tail -n +2 "$T/shifted/faults.tsv" | cut -f1,2 | tr '\t\n' ' ,')" \
		"2025-08-01 unrefreshed,2025-08-08 rename,2025-08-19 missing,2025-08-28 unrefreshed,2025-08-29 unrefreshed,"
	for run in "$S 2025-07-01 2025-10-28 2025-07-10" "$T/shifted 2025-07-14 2025-09-11 2025-08-06"; do
		set -- $run
		first3=" $1 $(date -u -d "$2 + 1 day" +%F) $(date -u -d "$2 + 2 days" +%F) "
		last2=" $(date -u -d "$3 - 1 day" +%F) $3 "
		near=" $(date -u -d "$4 - 1 day" +%F) $4 $(date -u -d "$4 + 1 day" +%F) "
		[ "$(tail -n +2 "$1/faults.tsv" | wc -l)" -eq 5 ]
		tail -n +2 "$1/faults.tsv" | cut -f1 | while read -r d; do
			[ "$(date -u -d "$d + 1 day" +%d)" != 01 ] || { echo "$d ends a month"; false; }
			case "$first3$last2$near" in *" $d "*) echo "$d is too near an end or the splice"; false ;; esac
		done
	done
}

@test "unrefreshed days: every model shows the last refreshed day's counts; the next day catches up" {
	need_cmd jq
	grep $'\tunrefreshed\t' "$S/faults.tsv" | while IFS=$'\t' read -r d kind detail; do
		ref=${detail#counts as of }
		counts_of "$S/snaps/$ref.json" >"$T/ref"
		counts_of "$S/snaps/$d.json" >"$T/day"
		# Same counts for every model listed on both days; zero for those
		# created since.
		awk -F'\t' 'NR == FNR { c[$1] = $2 " " $3 " " $4; next }
			($1 in c) { n++; if (c[$1] != $2 " " $3 " " $4) { print "changed:", $0; bad = 1 }; next }
			{ if ($2 " " $3 " " $4 != "0 0 0") { print "new but counted:", $0; bad = 1 } }
			END { if (n < 500) { print "only " n " models"; bad = 1 }; exit bad }' "$T/ref" "$T/day"
	done
	# Models created during a stretch were seen (2025-08-15 or 16).
	[ "$(cat "$S"/snaps/2025-08-1[56].json | grep -c '"createdAt":"2025-08-1[56]T')" -gt 0 ]
	# The truth moved on meanwhile, and the catch-up days show it again.
	for d in 2025-07-18 2025-08-16 2025-07-19 2025-08-17; do
		jq -r '.[] | [.id, .downloadsAllTime] | @tsv' "$S/snaps/$d.json" |
			awk -F'\t' -v d="$d" 'NR == FNR { if ($2 == d) t[$1] = $3; next }
				($1 in t) { n++; if (t[$1] == $2) same++ }
				END { print (same == n ? "true" : same == 0 ? "stale" : "mixed") }' "$S/truth.tsv" - >"$T/kind"
		case $d in
		2025-07-18|2025-08-16) same "$(cat "$T/kind")" stale ;;
		*) same "$(cat "$T/kind")" true ;;
		esac
	done
}

@test "the missing day has no file; the truth still has the day" {
	[ ! -e "$S/snaps/2025-08-06.json" ]
	[ -s "$S/snaps/2025-08-05.json" ]
	[ -s "$S/snaps/2025-08-07.json" ]
	[ "$(ls "$S/snaps" | wc -l)" -eq 119 ]
	# Every model with a count on the days around it has one that day.
	awk -F'\t' '$2 == "2025-08-05" { n++ } $2 == "2025-08-06" { m++ } END { exit !(n > 200 && m >= n) }' "$S/truth.tsv"
}

@test "the renamed repository: old id before the date, new id from it, one _id, one series" {
	cd "$S/snaps"
	# Every day lists it exactly once, under the name of that day.
	for f in *.json; do
		d=${f%.json}
		got=$(grep -o '"_id":"[0-9a-f]*","id":"[^"]*/glm-4-9b-chat"' "$f")
		if [[ $d < 2025-07-23 ]]; then want=$RENAMED_OLD; else want=$RENAMED_NEW; fi
		same "$got" "\"_id\":\"$RENAMED_OID\",\"id\":\"$want\"" || { echo "on $d"; false; }
	done
	# Its counts run on across the rename: the truth's, of some size.
	for d in 2025-07-22 2025-07-23; do
		got=$(grep -o '"id":"[^"]*/glm-4-9b-chat","author":"[^"]*","downloads":[0-9]*,"downloadsAllTime":[0-9]*' "$d.json" | sed 's/.*://')
		want=$(awk -F'\t' -v m="$RENAMED_NEW" -v d="$d" '$1 == m && $2 == d { print $3 }' "$S/truth.tsv")
		same "$got" "$want"
		[ "$got" -gt 300000 ]
	done
	grep -q "\"id\":\"$RENAMED_OLD\",\"author\":\"THUDM\"" 2025-07-22.json
	grep -q "\"id\":\"$RENAMED_NEW\",\"author\":\"zai-org\"" 2025-07-23.json
	# Everything but the snapshots knows only the new name.
	cd "$S"
	same "$(grep -c glm-4-9b-chat tracked.txt)" 1
	grep -qx "$RENAMED_NEW" tracked.txt
	run ! grep -q THUDM/glm-4-9b-chat tracked.txt truth.tsv models.tsv history.tsv model_parameters.csv
	same "$(awk -F'\t' -v m="$RENAMED_NEW" '$1 == m' truth.tsv | wc -l)" \
		"$(awk -F'\t' -v m="$RENAMED_NEW" '$1 == m' truth.tsv | cut -f2 | sort -u | wc -l)"
	[ "$(awk -F'\t' -v m="$RENAMED_NEW" '$1 == m && $2 >= "2025-07-01"' truth.tsv | wc -l)" -eq 120 ]
	[ "$(awk -F'\t' -v m="$RENAMED_NEW" '$1 == m' history.tsv | wc -l)" -gt 300 ]
}

@test "every model has a 24-digit _id, the same every day, one per repository" {
	cd "$S/snaps"
	for f in 2025-07-01.json 2025-10-28.json; do
		same "$(grep -oE '\{"_id":"[0-9a-f]{24}","id":"' "$f" | wc -l)" "$(grep -o '"createdAt":' "$f" | wc -l)"
	done
	cat *.json | grep -oE '"_id":"[^"]*","id":"[^"]*"' | LC_ALL=C sort -u >"$T/pairs"
	run ! grep -vE '^"_id":"[0-9a-f]{24}","id":"' "$T/pairs"
	# One id per _id, but for the rename; one _id per id.
	same "$(cut -d, -f1 "$T/pairs" | uniq -d)" "\"_id\":\"$RENAMED_OID\""
	same "$(cut -d, -f2 "$T/pairs" | LC_ALL=C sort | uniq -d)" ""
	[ "$(wc -l <"$T/pairs")" -gt 1200 ]
}

@test "--no-faults: no faults.tsv rows, every day listed, one name, true counts" {
	season "$T/clean" --no-faults --days 50 --derivatives 100
	same "$(cat "$T/clean/faults.tsv")" "#date	kind	detail"
	[ "$(ls "$T/clean/snaps" | wc -l)" -eq 50 ]
	[ -s "$T/clean/snaps/2025-08-06.json" ]
	run ! grep -q "\"id\":\"$RENAMED_OLD\"" "$T"/clean/snaps/*.json
	grep -q "\"_id\":\"$RENAMED_OID\",\"id\":\"$RENAMED_NEW\"" "$T/clean/snaps/2025-07-01.json"
	for d in 2025-07-18 2025-08-15; do
		got=$(grep -o '"id":"Qwen/Qwen3-8B","author":"Qwen","downloads":[0-9]*,"downloadsAllTime":[0-9]*' "$T/clean/snaps/$d.json" | sed 's/.*://')
		same "$got" "$(awk -F'\t' -v d="$d" '$1 == "Qwen/Qwen3-8B" && $2 == d { print $3 }' "$T/clean/truth.tsv")"
	done
	# The truth is the faulty season's: faults are in the listings only.
	season "$T/faulty" --days 50 --derivatives 100
	cmp "$T/clean/truth.tsv" "$T/faulty/truth.tsv"
	cmp "$T/clean/history.tsv" "$T/faulty/history.tsv"
	cmp "$T/clean/tracked.txt" "$T/faulty/tracked.txt"
	# Generated again into the same folder, with faults: the day the clean
	# run listed is missing again.
	season "$T/clean" --days 50 --derivatives 100
	[ ! -e "$T/clean/snaps/2025-08-06.json" ]
	[ "$(ls "$T/clean/snaps" | wc -l)" -eq 49 ]
}

@test "--no-total DATE: that snapshot alone has no downloadsAllTime" {
	season "$T/nt" --days 10 --derivatives 100 --no-total 2025-07-05 --no-total 2026-01-01
	for f in "$T"/nt/snaps/*.json; do
		n=$(grep -o '"downloadsAllTime":' "$f" | wc -l)
		models=$(grep -o '"_id":' "$f" | wc -l)
		[ "$models" -gt 200 ]
		if [ "${f##*/}" = 2025-07-05.json ]; then
			[ "$n" -eq 0 ]
			# The rest of each model is still there.
			[ "$(grep -o '"downloads":' "$f" | wc -l)" -eq "$models" ]
		else
			[ "$n" -eq "$models" ] || { echo "${f##*/}: $n of $models"; false; }
		fi
	done
	# A date past the season's end is not reached: no row for it.
	same "$(cat "$T/nt/faults.tsv")" "#date	kind	detail
2025-07-05	no-total	no downloadsAllTime"
	season "$T/nt2" --no-faults --days 10 --derivatives 100 --no-total 2025-07-09
	same "$(tail -n +2 "$T/nt2/faults.tsv")" "2025-07-09	no-total	no downloadsAllTime"
}

@test "--wrapped: one archive object per day, dated by its name, holding the plain listing" {
	need_cmd jq
	season "$T/plain" --days 25 --derivatives 100 --no-total 2025-07-04
	season "$T/wrapped" --days 25 --derivatives 100 --no-total 2025-07-04 --wrapped
	same "$(ls "$T/wrapped/snaps")" "$(ls "$T/plain/snaps")"
	for f in "$T"/wrapped/snaps/*.json; do
		d=$(basename "$f" .json)
		same "$(jq -r '[type, .date, .fetched_at, (.models | type), (keys_unsorted | join(","))] | join(" ")' "$f")" \
			"object $d ${d}T06:00:00Z array date,fetched_at,source,models"
		jq -c '.models[]' "$f" >"$T/w"
		jq -c '.[]' "$T/plain/snaps/$d.json" >"$T/p"
		cmp "$T/w" "$T/p"
	done
	same "$(jq -r .source "$T/wrapped/snaps/2025-07-04.json")" "https://huggingface.co/api/models?full=true&limit=1000"
	same "$(jq -r .source "$T/wrapped/snaps/2025-07-05.json")" "https://huggingface.co/api/models?full=true&limit=1000&expand[]=downloadsAllTime"
	# The plain form is pages of 1000, back to back.
	same "$(jq -c 'length' "$S/snaps/2025-10-28.json" | head -1)" 1000
}
