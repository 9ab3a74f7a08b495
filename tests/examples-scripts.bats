#!/usr/bin/env bats
# The report pipeline's helper scripts in examples/: follow-renames (one
# series per repository across renames) and drop-stale-days (days the Hub
# did not refresh).

load helper

setup() {
	T=$BATS_TEST_TMPDIR
	EX=$BATS_TEST_DIRNAME/../examples
	# gpt2 is renamed openai-community/gpt2 on 01-03 (one _id, X); ft/a
	# names its base by the old name; z/old is an old name two ids had, so
	# it is not rewritten in base_model; "other" has no id.
	printf '%s\n' $'#model\tdate\tdownloads\tbase_model\tid' \
		$'gpt2\t2025-01-01\t5\t\tX' \
		$'gpt2\t2025-01-02\t6\t\tX' \
		$'openai-community/gpt2\t2025-01-03\t8\t\tX' \
		$'ft/a\t2025-01-03\t1\tgpt2\tY' \
		$'ft/b\t2025-01-03\t1\tz/old\tW' \
		$'z/old\t2025-01-01\t1\t\tU' \
		$'z/new\t2025-01-02\t2\t\tU' \
		$'z/old\t2025-01-02\t3\t\tV' \
		$'other\t2025-01-01\t3\t\t' >"$T/r.tsv"
}

@test "follow-renames: every row of an id under its last name; -c rewrites old names held by one id" {
	run --separate-stderr "$EX/follow-renames" -c base_model "$T/r.tsv"
	outcome 0 "$(printf '%s\n' $'#model\tdate\tdownloads\tbase_model\tid' \
		$'openai-community/gpt2\t2025-01-01\t5\t\tX' \
		$'openai-community/gpt2\t2025-01-02\t6\t\tX' \
		$'openai-community/gpt2\t2025-01-03\t8\t\tX' \
		$'ft/a\t2025-01-03\t1\topenai-community/gpt2\tY' \
		$'ft/b\t2025-01-03\t1\tz/old\tW' \
		$'z/new\t2025-01-01\t1\t\tU' \
		$'z/new\t2025-01-02\t2\t\tU' \
		$'z/old\t2025-01-02\t3\t\tV' \
		$'other\t2025-01-01\t3\t\t')" ""
}

@test "follow-renames -m writes the map; -r applies it in one pass, from standard input too; -s drops the id" {
	run --separate-stderr "$EX/follow-renames" -m "$T/r.tsv"
	outcome 0 $'#id\told\tnew\tonly\nU\tz/old\tz/new\t0\nX\tgpt2\topenai-community/gpt2\t1' ""
	printf '%s\n' "$output" >"$T/map"
	run --separate-stderr "$EX/follow-renames" -c base_model "$T/r.tsv"
	want=$output
	run --separate-stderr "$EX/follow-renames" -r "$T/map" -c base_model - <"$T/r.tsv"
	outcome 0 "$want" ""
	run --separate-stderr "$EX/follow-renames" -r "$T/map" -s "$T/r.tsv"
	outcome -f 'sed -n "1p;4p"' 0 $'#model\tdate\tdownloads\tbase_model\nopenai-community/gpt2\t2025-01-03\t8\t' ""
}

@test "follow-renames: a header without id, a bad map, clashing options" {
	printf '#model\tdate\na\t2025-01-01\n' >"$T/noid.tsv"
	run --separate-stderr "$EX/follow-renames" "$T/noid.tsv"
	outcome 1 "" "follow-renames: $T/noid.tsv: the header needs columns model, date and id (parse with hfsnap-parse -a id)"
	run --separate-stderr "$EX/follow-renames" -r "$T/noid.tsv" "$T/r.tsv"
	outcome 1 "" "follow-renames: $T/noid.tsv: not a map written by follow-renames -m"
	run --separate-stderr "$EX/follow-renames" -m -r "$T/noid.tsv"
	outcome 2 "" "follow-renames: -m and -r exclude each other"
	run --separate-stderr "$EX/follow-renames" "$T/none.tsv"
	outcome 1 "" "follow-renames: $T/none.tsv: cannot read it"
	run --separate-stderr "$EX/follow-renames" -c nope "$T/r.tsv"
	outcome 1 "" "follow-renames: $T/r.tsv: no column nope for -c"
}

@test "drop-stale-days: a day on which no model changed is dropped and named; others stay" {
	{
		printf '#model\tdate\tdownloads\n'
		for m in a b c; do
			printf '%s\t2025-01-01\t10\n%s\t2025-01-02\t20\n%s\t2025-01-03\t20\n%s\t2025-01-04\t40\n' $m $m $m $m
		done
		# d stands still on 01-02 as well: one model is no stale day.
		printf 'd\t2025-01-01\t5\nd\t2025-01-02\t5\nd\t2025-01-03\t5\n'
	} >"$T/s.tsv"
	run --separate-stderr "$EX/drop-stale-days" -n 3 "$T/s.tsv"
	outcome 0 "$(grep -v $'\t2025-01-03\t' "$T/s.tsv")" \
		"drop-stale-days: 2025-01-03: none of 4 models changed since their previous day: dropped (the Hub did not refresh)"
	# Under the default -n 10, four models are too few to judge.
	run --separate-stderr "$EX/drop-stale-days" <"$T/s.tsv"
	outcome 0 "$(cat "$T/s.tsv")" ""
	run --separate-stderr "$EX/drop-stale-days" -n x "$T/s.tsv"
	outcome 2 "" "drop-stale-days: -n x: not a whole number"
}

@test "the scripts are POSIX sh" {
	need_cmd dash
	for s in follow-renames drop-stale-days sync-days frontier csv2tsv; do
		dash -n "$EX/$s" || { echo "$s"; false; }
	done
	if command -v shellcheck >/dev/null; then
		shellcheck -s sh "$EX/follow-renames" "$EX/drop-stale-days" "$EX/sync-days" "$EX/frontier" "$EX/csv2tsv"
	fi
}

@test "frontier: a running best per series on every date, a least-squares line from -f" {
	printf '%s\n' $'#date\tseries\tscore\tmodel' $'2024-05-01\tA\t10\ta1' $'2024-05-11\tA\t20\ta2' \
		$'2024-05-06\tB\t5\tb1' $'2024-05-21\tA\t15\ta3' $'2024-05-31\tA\t40\ta4' $'2024-04-01\tA\t1\ta0' >"$T/f.tsv"
	# A's records from 05-01: (day 0, 10), (10, 20), (30, 40): the line
	# 10 + 1 a day, exactly (r2 = 1); a3 (15) is no record.  B has one
	# record: no line.
	run --separate-stderr "$EX/frontier" -f 2024-05-01 -o "$T/fit" "$T/f.tsv"
	outcome 0 "$(printf '%s\n' $'#date\tseries\tbest\tmodel\tfit' $'2024-04-01\tA\t1\ta0\t' \
		$'2024-05-01\tA\t10\ta1\t10.00' $'2024-05-06\tA\t10\ta1\t15.00' $'2024-05-06\tB\t5\tb1\t' \
		$'2024-05-11\tA\t20\ta2\t20.00' $'2024-05-11\tB\t5\tb1\t' $'2024-05-21\tA\t20\ta2\t30.00' \
		$'2024-05-21\tB\t5\tb1\t' $'2024-05-31\tA\t40\ta4\t40.00' $'2024-05-31\tB\t5\tb1\t')" ""
	same "$(cat "$T/fit")" $'#series\trecords\tfrom\tslope_per_year\tintercept\tr2\nA\t3\t2024-05-01\t365.24\t10.00\t1.0000'
	# -s: scores before 05-10 up by 100, so a2 (20) no longer beats a1 (110).
	run --separate-stderr "$EX/frontier" -s 2024-05-10:100 "$T/f.tsv"
	outcome -f 'sed -n 6p' 0 $'2024-05-11\tA\t110\ta1\t' ""
	run --separate-stderr "$EX/frontier" -s 100 "$T/f.tsv"
	outcome 2 "" "frontier: -s 100: expected DATE:POINTS"
}

@test "csv2tsv: quoted commas, doubled quotes, line breaks and comments" {
	printf '# a comment\nname,note\n"x, y","say ""hi"""\n"two\nlines",2\r\n' >"$T/t.csv"
	run --separate-stderr "$EX/csv2tsv" "$T/t.csv"
	outcome 0 $'#name\tnote\nx, y\tsay "hi"\ntwo\\nlines\t2' ""
}
