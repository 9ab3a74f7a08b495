#!/usr/bin/env bats
# cummulate: sums at period boundaries, events, splicing.  Expected sums
# are worked out by hand in the comments.

load helper

SERIES=$BATS_TEST_DIRNAME/cummulate/series.tsv

setup() {
	T=$BATS_TEST_TMPDIR
}

@test "by group, monthly: gaps carried over a boundary, a model first seen mid-period" {
	# Boundaries 07-01 .. 09-01 (the first after 06-15, the last not after
	# 09-03).  At 07-01: a has 100 (06-15), b nothing yet.  At 08-01: a
	# carries 150 over its gap (07-10 .. 08-20); b has 50 (07-31; its 08-01
	# row is not before 08-01).  At 09-01: a 300, b 60.
	run cummulate -g region "$SERIES"
	[ "$status" -eq 0 ]
	same "$output" "$(printf '%s\n' \
		$'#period\tregion\tdownloads' \
		$'2025-07-01\tchina\t0' $'2025-07-01\tus\t100' \
		$'2025-08-01\tchina\t50' $'2025-08-01\tus\t150' \
		$'2025-09-01\tchina\t60' $'2025-09-01\tus\t300')"
}

@test "no group: one total per period" {
	run cummulate "$SERIES"
	same "$output" $'#period\tdownloads\n2025-07-01\t100\n2025-08-01\t200\n2025-09-01\t360'
}

@test "--delta and --share" {
	# Shares at 09-01: 60/360 = 16.6667%, 300/360 = 83.3333%.
	run cummulate -g region --delta --share "$SERIES"
	same "$output" "$(printf '%s\n' \
		$'#period\tregion\tdownloads\tdelta\tshare' \
		$'2025-07-01\tchina\t0\t\t0' $'2025-07-01\tus\t100\t\t100' \
		$'2025-08-01\tchina\t50\t50\t25' $'2025-08-01\tus\t150\t50\t75' \
		$'2025-09-01\tchina\t60\t10\t16.6667' $'2025-09-01\tus\t300\t150\t83.3333')"
}

@test "weeks start on Monday" {
	# 2025-07-02 is a Wednesday, 07-07 and 07-14 Mondays, 07-13 a Sunday.
	# At 07-07: 10 (07-02); at 07-14: 30 (07-13, the Sunday before).
	printf '#model\tdate\tdownloads\nm\t2025-07-02\t10\nm\t2025-07-07\t20\nm\t2025-07-13\t30\nm\t2025-07-14\t40\n' >"$T/in"
	run cummulate -p week "$T/in"
	same "$output" $'#period\tdownloads\n2025-07-07\t10\n2025-07-14\t30'
}

@test "days and years" {
	printf '#model\tdate\tdownloads\nm\t2024-12-30\t5\nm\t2024-12-31\t7\nm\t2025-01-01\t9\n' >"$T/in"
	run cummulate -p day "$T/in"
	same "$output" $'#period\tdownloads\n2024-12-31\t5\n2025-01-01\t7\n2025-01-02\t9'
	run cummulate -p year "$T/in"
	same "$output" $'#period\tdownloads\n2025-01-01\t7'
}

@test "several group columns, by number, without a header" {
	# The last date, 01-31, makes 02-01 the last boundary.
	printf 'a\t2025-01-05\t10\tus\t7-9B\nb\t2025-01-06\t20\tus\t<1B\nc\t2025-01-31\t5\tus\t7-9B\n' >"$T/in"
	run cummulate -m 1 -t 2 -v 3 -g 4,5 "$T/in"
	same "$output" $'2025-02-01\tus\t7-9B\t15\n2025-02-01\tus\t<1B\t20'
}

@test "a model's group is taken from its last row" {
	printf '#model\tdate\tdownloads\tbucket\nm\t2025-01-05\t10\t\nm\t2025-02-28\t20\t7-9B\n' >"$T/in"
	run cummulate -g bucket "$T/in"
	same "$output" $'#period\tbucket\tdownloads\n2025-02-01\t7-9B\t10\n2025-03-01\t7-9B\t20'
}

@test "--share sums to 100 in every period of generated data" {
	hfsnap-gen series -n 300 -D 120 -s 5 | awk -F'\t' -v OFS='\t' 'NR == 1 { print $0, "org"; next } { split($1, a, "/"); print $0, a[1] }' >"$T/in"
	cummulate -g org --share "$T/in" >"$T/out"
	awk -F'\t' 'NR > 1 { s[$1] += $4; n[$1]++ }
		END { for (p in s) if (s[p] < 99.999 || s[p] > 100.001) { print p, s[p]; bad = 1 }; exit bad }' "$T/out"
	# 2025-03-01 + 120 days: boundaries 04-01, 05-01 and 06-01.
	[ "$(tail -n +2 "$T/out" | cut -f1 | sort -u | tr '\n' ' ')" = "2025-04-01 2025-05-01 2025-06-01 " ]
}

@test "sums agree with an independent awk computation on generated data" {
	hfsnap-gen series -n 200 -D 90 -s 9 >"$T/in"
	cummulate "$T/in" | tail -n +2 >"$T/ours"
	# For each month start B: every model's last value dated before B.
	awk -F'\t' 'NR > 1 { m = $1; d = $2; v[m, d] = $3; dates[d]; models[m] }
		END {
			n = 0; for (d in dates) list[++n] = d
			for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (list[j] < list[i]) { t = list[i]; list[i] = list[j]; list[j] = t }
			for (i = 1; i <= n; i++) { b = substr(list[i], 1, 8) "01"; if (b > list[1]) bounds[b] }
			last = list[n]
			for (b in bounds) { s = 0
				for (m in models) { best = ""; for (i = 1; i <= n; i++) if (list[i] < b && ((m, list[i]) in v)) best = v[m, list[i]]; s += best }
				print b "\t" s }
		}' "$T/in" | sort >"$T/theirs"
	# The last boundary (the day after the last date) is the only one awk
	# may add that is not a month start already observed.
	diff "$T/ours" "$T/theirs"
}

@test "events: count per period, running total, every period and group" {
	printf '#model\tcreated\tbase_region\nd1\t2025-01-15\tchina\nd2\t2025-01-20\tus\nd3\t2025-03-05\tchina\nd4\t\tus\n' >"$T/in"
	run --separate-stderr cummulate --events -t created -g base_region "$T/in"
	[ "$status" -eq 0 ]
	same "$output" "$(printf '%s\n' \
		$'#period\tbase_region\tcount\ttotal' \
		$'2025-01-01\tchina\t1\t1' $'2025-01-01\tus\t1\t1' \
		$'2025-02-01\tchina\t0\t1' $'2025-02-01\tus\t0\t1' \
		$'2025-03-01\tchina\t1\t2' $'2025-03-01\tus\t0\t1')"
	same "$stderr" "cummulate: 1 row without a date was left out"
}

@test "events: --share of the period's count, empty when the period has none" {
	printf '#model\tcreated\tbase_region\nd1\t2025-01-15\tchina\nd2\t2025-01-20\tus\nd3\t2025-03-05\tchina\n' >"$T/in"
	run cummulate --events -t created -g base_region --share "$T/in"
	same "$(printf '%s\n' "${lines[@]}" | cut -f1,2,5 | tail -n +2 | tr '\t\n' ' |')" \
		"2025-01-01 china 50|2025-01-01 us 50|2025-02-01 china |2025-02-01 us |2025-03-01 china 100|2025-03-01 us 0|"
}

@test "events weighted by -v" {
	printf '#model\tcreated\tdownloads\na\t2025-01-15\t10\nb\t2025-01-20\t5\nc\t2025-02-01\t1\n' >"$T/in"
	run cummulate --events -t created -v downloads "$T/in"
	same "$output" $'#period\tdownloads\ttotal\n2025-01-01\t15\t15\n2025-02-01\t1\t16'
}

@test "--splice: history kept to the date, then the newer source's increments" {
	# OLD says 1000 on 07-10, NEW says 1500: they disagree.  After the
	# splice, a grows by NEW's increments from its own 07-10 value:
	# 07-11: 1000 + (1600 - 1500) = 1100; 07-13: 1000 + 250 = 1250.
	# d's NEW source starts after the splice date: its first value (800)
	# is the base, so 07-12 continues at 500 and 07-13 is 530.
	printf '#model\tdate\tdownloads\na\t2025-07-08\t900\na\t2025-07-09\t950\na\t2025-07-10\t1000\nc\t2025-07-01\t5\nd\t2025-07-10\t500\n' >"$T/old"
	printf '#model\tdate\tdownloads\na\t2025-07-09\t1400\na\t2025-07-10\t1500\na\t2025-07-11\t1600\na\t2025-07-13\t1750\nb\t2025-07-11\t10\nd\t2025-07-12\t800\nd\t2025-07-13\t830\n' >"$T/new"
	run cummulate --splice 2025-07-10 "$T/old" "$T/new"
	[ "$status" -eq 0 ]
	same "$output" "$(printf '%s\n' $'#model\tdate\tdownloads' \
		$'a\t2025-07-08\t900' $'a\t2025-07-09\t950' $'a\t2025-07-10\t1000' \
		$'a\t2025-07-11\t1100' $'a\t2025-07-13\t1250' \
		$'b\t2025-07-11\t10' $'c\t2025-07-01\t5' \
		$'d\t2025-07-10\t500' $'d\t2025-07-12\t500' $'d\t2025-07-13\t530')"
	# Continuous when aggregated: daily totals of a never jump at the splice.
	cummulate --splice 2025-07-10 "$T/old" "$T/new" | awk -F'\t' '$1 == "a"' >"$T/a"
	cummulate -p day -m 1 -t 2 -v 3 "$T/a" | cut -f2 | tr '\n' ' ' >"$T/days"
	same "$(cat "$T/days")" "900 950 1000 1100 1100 1250 "
}

@test "--splice: unsorted sources and different headers are errors" {
	printf '#model\tdate\tdownloads\nb\t2025-07-01\t1\na\t2025-07-01\t1\n' >"$T/old"
	printf '#model\tdate\tdownloads\n' >"$T/new"
	run --separate-stderr cummulate --splice 2025-07-10 "$T/old" "$T/new"
	[ "$status" -eq 1 ]
	same "$stderr" "cummulate: $T/old:3: model 'a' comes after 'b': the inputs of --splice must be sorted by model (LC_ALL=C sort)"
	printf '#model\tdate\tcount\n' >"$T/new"
	run --separate-stderr cummulate --splice 2025-07-10 "$T/old" "$T/new"
	[ "$status" -eq 1 ]
	same "$stderr" "cummulate: $T/old and $T/new must have the same header"
	run --separate-stderr cummulate --splice 2025-07-10 "$T/old"
	[ "$status" -eq 2 ]
	same "${stderr_lines[0]}" "cummulate: --splice takes two files, OLD and NEW"
}

@test "ungrouped input and bad values are located errors" {
	printf '#model\tdate\tdownloads\na\t2025-01-01\t1\nb\t2025-01-01\t1\na\t2025-01-02\t2\n' >"$T/in"
	run --separate-stderr cummulate "$T/in"
	[ "$status" -eq 1 ]
	same "$stderr" "cummulate: $T/in:4: model 'a' appears again after other models: the input must be grouped by model (sort it with LC_ALL=C sort)"
	printf '#model\tdate\tdownloads\na\t2025-02-30\t1\n' >"$T/in"
	run --separate-stderr cummulate "$T/in"
	[ "$status" -eq 1 ]
	same "$stderr" "cummulate: $T/in:2: column date: '2025-02-30' is not a date (YYYY-MM-DD)"
	printf '#model\tdate\tdownloads\na\t2025-01-01\t-3\n' >"$T/in"
	run --separate-stderr cummulate "$T/in"
	[ "$status" -eq 1 ]
	same "$stderr" "cummulate: $T/in:2: column downloads: '-3' is a negative count"
}

@test "sums past 2^63-1 are an error, not a wrap" {
	printf '#model\tdate\tdownloads\na\t2025-01-01\t9223372036854775807\nb\t2025-01-01\t1\n' >"$T/in"
	run --separate-stderr cummulate "$T/in"
	[ "$status" -eq 1 ]
	same "$stderr" "cummulate: a sum passes 2^63-1"
}

@test "usage errors" {
	run --separate-stderr cummulate -p fortnight "$SERIES"
	[ "$status" -eq 2 ]
	same "${stderr_lines[0]}" "cummulate: -p fortnight: the period is day, week, month or year"
	run --separate-stderr cummulate -g nope "$SERIES"
	[ "$status" -eq 2 ]
	same "${stderr_lines[0]}" "cummulate: -g nope: no such column in the header of $SERIES"
	run --separate-stderr cummulate --events --delta "$SERIES"
	[ "$status" -eq 2 ]
}

@test "empty input, header only, CRLF, several files" {
	run cummulate </dev/null
	[ "$status" -eq 0 ]; [ -z "$output" ]
	run cummulate <<<$'#model\tdate\tdownloads'
	same "$output" $'#period\tdownloads'
	head -4 "$SERIES" | sed 's/$/\r/' >"$T/a"
	{ head -1 "$SERIES"; tail -3 "$SERIES"; } >"$T/b"
	run cummulate -g region "$T/a" - <"$T/b"
	same "$(printf '%s\n' "${lines[@]}" | tail -1)" $'2025-09-01\tus\t300'
}

@test "a full disk is an error" {
	cummulate "$SERIES" >/dev/full 2>"$T/err" && false
	same "$(cat "$T/err")" "cummulate: write error: No space left on device"
}

@test "-h fits a screen and matches the man page SYNOPSIS" {
	check_synopsis cummulate
}
