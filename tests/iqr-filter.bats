#!/usr/bin/env bats
# iqr-filter: fences on per-day rates.  Every expected number below was
# worked out by hand from iqr-filter(1): type 7 quartiles (h = (n-1)p,
# x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]), as R's
# quantile(x, type = 7) and numpy.percentile), the fence Q3 + F x IQR with
# an IQR below 1 counted as 1, by default F = 5 and the rates of the
# increments ending within 7 days of each day (-w 7).  Every test checks
# the exit status, standard output and standard error together.

load helper

IN=$BATS_TEST_DIRNAME/iqr-filter/input.tsv
LAUNCH=$BATS_TEST_DIRNAME/iqr-filter/launch.tsv
OVERFLOW=$BATS_TEST_DIRNAME/iqr-filter/overflow.tsv

setup() {
	T=$BATS_TEST_TMPDIR
}

# The header and the rows of one model of input.tsv, into $T/in.
model_rows() {
	{ head -1 "$IN"; awk -F'\t' -v m="$1" '$1 == m' "$IN"; } >"$T/in"
}

# rows MODEL V...: what iqr-filter writes for MODEL of input.tsv: its rows
# with these counts ("-" for an empty cell); "V/M" adds an outlier column
# holding M ("-/" an empty value and an empty mark).
rows() {
	local m=$1
	shift
	awk -F'\t' -v OFS='\t' -v m="$m" -v vals="$*" '
		NR == 1 { hdr = $0; next }
		$1 == m { d[++n] = $2; note[n] = $4 }
		END {
			split(vals, v, " ")
			mark = index(vals, "/") > 0
			print hdr (mark ? "\toutlier" : "")
			for (i = 1; i <= n; i++) {
				k = split(v[i], p, "/")
				val = p[1] == "-" ? "" : p[1]
				line = m OFS d[i] OFS val OFS note[i]
				if (mark)
					line = line OFS p[2]
				print line
			}
		}' "$IN"
}

# Usage errors: the message and the hint.
usage_error() {
	printf 'iqr-filter: %s\nTry '\''iqr-filter -h'\'' for more information.' "$1"
}

# The spike fixture's models one at a time, with the defaults.

@test "a one-day spike becomes the median rate; an IQR of 0 counts as 1" {
	# increments 10 10 880 10 10, all within 7 days of each other:
	# Q1 = Q3 = median = 10, IQR 0 taken as 1, fence 10 + 5 x 1 = 15;
	# 880 -> 10, and every later count is 870 lower.
	model_rows a-spike
	run --separate-stderr iqr-filter "$T/in"
	outcome 0 "$(rows a-spike 100 110 120 130 140 150)" ""
}

@test "a spike on the first increment" {
	# increments 500 10 10 10 10: sorted 10 10 10 10 500, Q1 = Q3 = 10;
	# fence 15; 500 -> 10.
	model_rows b-first
	run --separate-stderr iqr-filter "$T/in"
	outcome 0 "$(rows b-first 0 10 20 30 40 50)" ""
}

@test "a spike on the last increment" {
	# increments 10 10 10 10 500: as above.
	model_rows c-last
	run --separate-stderr iqr-filter "$T/in"
	outcome 0 "$(rows c-last 0 10 20 30 40 50)" ""
}

@test "a model without a spike passes byte for byte, its fall untouched" {
	# increments 10 -5 10 10 10, rates 10 0 10 10 10: sorted 0 10 10 10
	# 10, Q1 (h = 1) = Q3 (h = 3) = 10, fence 15: no spike, so the rows
	# come out as they went in (before: the -5 became 0 and every later
	# count rose by 5).
	model_rows d-down
	run --separate-stderr iqr-filter "$T/in"
	outcome 0 "$(cat "$T/in")" ""
}

@test "a gap of several days counts at its per-day rate" {
	# 20 -> 50 over 3 days is 10 a day, not a spike; 60 -> 1080 over 2
	# days is 510 a day.  The window of 2025-01-09 holds all six rates,
	# 10 10 10 10 510 10: Q1 = Q3 = 10, fence 15; 510 is a spike,
	# replaced by the median 10 x 2 days = 20.
	model_rows g-gap
	run --separate-stderr iqr-filter "$T/in"
	outcome 0 "$(rows g-gap 0 10 20 50 60 80 90)" ""
}

@test "ties and interpolated quartiles, whole-series fence at 1.5" {
	# rates 5 1 3 3 9 2 3 40, sorted 1 2 3 3 3 5 9 40 (n = 8):
	# Q1: h = 1.75 -> 2 + 0.75(3 - 2) = 2.75; median: h = 3.5 -> 3;
	# Q3: h = 5.25 -> 5 + 0.25(9 - 5) = 6; IQR 3.25; fence 6 + 1.5 x 3.25 =
	# 10.875.  Only 40 is above it; it becomes the median 3.
	model_rows t-ties
	run --separate-stderr iqr-filter -w 0 -f 1.5 "$T/in"
	outcome 0 "$(rows t-ties 1000 1005 1006 1009 1012 1021 1023 1026 1029)" ""
}

@test "the replacement is rounded half away from zero" {
	# rates 2 2 3 3 100 2, all in one window: sorted 2 2 2 3 3 100, Q1
	# (h = 1.25) 2, median (h = 2.5) 2.5, Q3 (h = 3.75) 3, IQR 1; fence
	# 3 + 5 x 1 = 8; 100 -> 2.5 -> 3.
	model_rows h-half
	run --separate-stderr iqr-filter "$T/in"
	outcome 0 "$(rows h-half 0 2 4 7 10 13 15)" ""
}

@test "fewer increments than --min-points: unchanged" {
	model_rows f-few
	run --separate-stderr iqr-filter "$T/in"
	outcome 0 "$(cat "$T/in")" ""
	# increments 10 890 10: Q1 (h = 0.5) 10, Q3 (h = 1.5) 10 + 0.5 x 880
	# = 450, IQR 440, fence 450 + 5 x 440 = 2650: no spike.
	run --separate-stderr iqr-filter --min-points 3 "$T/in"
	outcome 0 "$(cat "$T/in")" ""
}

@test "an empty value passes through and is left out of the statistics" {
	# 0 -> 20 over two days is 10 a day; rates 10 10 10 10: no spike.
	model_rows e-empty
	run --separate-stderr iqr-filter "$T/in"
	outcome 0 "$(cat "$T/in")" ""
}

@test "--mark: 1 where an increment was replaced, 0 elsewhere, empty without a value" {
	run --separate-stderr iqr-filter --mark "$IN"
	outcome 0 "$({
		rows a-spike 100/0 110/0 120/0 130/1 140/0 150/0
		rows b-first 0/0 10/1 20/0 30/0 40/0 50/0 | tail -n +2
		rows c-last 0/0 10/0 20/0 30/0 40/0 50/1 | tail -n +2
		rows d-down 100/0 110/0 105/0 115/0 125/0 135/0 | tail -n +2
		rows e-empty 0/0 -/ 20/0 30/0 40/0 50/0 | tail -n +2
		rows f-few 0/0 10/0 900/0 910/0 | tail -n +2
		rows g-gap 0/0 10/0 20/0 50/0 60/0 80/1 90/0 | tail -n +2
		rows h-half 0/0 2/0 4/0 7/0 10/0 13/1 15/0 | tail -n +2
		rows t-ties 1000/0 1005/0 1006/0 1009/0 1012/0 1021/0 1023/0 1026/0 1029/1 | tail -n +2
	})" ""
}

@test "--stats -w 0: statistics of per-day rates and the whole series' fence" {
	# The fence is Q3 + 1.5 max(IQR, 1): 10 + 1.5 = 11.5 where the IQR is
	# 0; h-half 3 + 1.5 x 1 = 4.5; t-ties 6 + 1.5 x 3.25 = 10.875.
	# d-down's rates 10 0 10 10 10 hold its one negative increment.
	run --separate-stderr iqr-filter --stats -w 0 -f 1.5 "$IN"
	outcome 0 "$(printf '%s\n' \
		$'#model\tn\tq1\tmedian\tq3\tiqr\tfence\tspikes\tnegatives' \
		$'a-spike\t5\t10\t10\t10\t0\t11.5\t1\t0' \
		$'b-first\t5\t10\t10\t10\t0\t11.5\t1\t0' \
		$'c-last\t5\t10\t10\t10\t0\t11.5\t1\t0' \
		$'d-down\t5\t10\t10\t10\t0\t11.5\t0\t1' \
		$'e-empty\t4\t10\t10\t10\t0\t11.5\t0\t0' \
		$'f-few\t3\t\t\t\t\t\t\t0' \
		$'g-gap\t6\t10\t10\t10\t0\t11.5\t1\t0' \
		$'h-half\t6\t2\t2.5\t3\t1\t4.5\t1\t0' \
		$'t-ties\t8\t2.75\t3\t6\t3.25\t10.875\t1\t0')" ""
}

@test "--stats with a window: no single fence, spikes counted under the windows" {
	# As above, but each day has its own fence (F = 5): the cell is empty.
	run --separate-stderr iqr-filter --stats "$IN"
	outcome 0 "$(printf '%s\n' \
		$'#model\tn\tq1\tmedian\tq3\tiqr\tfence\tspikes\tnegatives' \
		$'a-spike\t5\t10\t10\t10\t0\t\t1\t0' \
		$'b-first\t5\t10\t10\t10\t0\t\t1\t0' \
		$'c-last\t5\t10\t10\t10\t0\t\t1\t0' \
		$'d-down\t5\t10\t10\t10\t0\t\t0\t1' \
		$'e-empty\t4\t10\t10\t10\t0\t\t0\t0' \
		$'f-few\t3\t\t\t\t\t\t\t0' \
		$'g-gap\t6\t10\t10\t10\t0\t\t1\t0' \
		$'h-half\t6\t2\t2.5\t3\t1\t\t1\t0' \
		$'t-ties\t8\t2.75\t3\t6\t3.25\t\t1\t0')" ""
}

@test "--factor moves the fence" {
	# t-ties with F = 12: fence 6 + 12 x 3.25 = 45, above every rate: no
	# spike, the rows pass unchanged.
	model_rows t-ties
	run --separate-stderr iqr-filter -w 0 -f 12 "$T/in"
	outcome 0 "$(cat "$T/in")" ""
	# F = 0: the fence is Q3 = 6; 9 and 40 are above it.
	run --separate-stderr iqr-filter --stats -w 0 --factor 0 "$T/in"
	outcome 0 "$(printf '%s\n' $'#model\tn\tq1\tmedian\tq3\tiqr\tfence\tspikes\tnegatives' \
		$'t-ties\t8\t2.75\t3\t6\t3.25\t6\t2\t0')" ""
}

# What the audit in examples/audit chose the defaults for.

@test "the defaults leave a launch peak alone; a whole-series fence cuts it" {
	# launch.tsv: 5000 on the launch day, then increments 1000 600 350
	# 200 120 and fifteen of 100.  With -w 7 the launch day's window holds
	# 1000 600 350 200 120 100 100 100: Q1 (h = 1.75) 100, Q3 (h = 5.25)
	# 350 + 0.25 x 250 = 412.5, fence 412.5 + 5 x 312.5 = 1975; the later
	# days' fences are higher than their rates too: no spike.
	run --separate-stderr iqr-filter "$LAUNCH"
	outcome 0 "$(cat "$LAUNCH")" ""
	# Whole series: sorted 100 x 15, 120, 200, 350, 600, 1000; Q1 (h =
	# 4.75) 100, Q3 (h = 14.25) 100 + 0.25 x 20 = 105, fence 105 + 5 x 5 =
	# 130: the first four days become the median 100 each.
	run --separate-stderr iqr-filter -w 0 -f 5 "$LAUNCH"
	outcome 0 "$(awk -F'\t' -v OFS='\t' 'NR == 1 { print; next }
		{ v = NR == 2 ? 5000 : NR <= 6 ? 5000 + 100 * (NR - 2) : 5400 + 120 + 100 * (NR - 7); print $1, $2, v }' "$LAUNCH")" ""
}

@test "a catch-up after unrefreshed days is not a spike; a spike after one is" {
	# c: +100 a day, two days without a change, then +300, then +100s.
	# The +300 is tested at 300 / 3 days = 100 against the fence of its
	# window (rates 100 x 9, 0, 0, 300: Q1 (h = 2.75) = Q3 (h = 8.25) =
	# 100, fence 105): no spike, the model passes unchanged.
	# s: +100 a day, one day without, then +5000: 5000 / 2 = 2500 against
	# 105 (window 100 x 10, 0, 5000): a spike, replaced by the median 100
	# times its 2 days = 200.
	printf '#model\tdate\tdownloads\n' >"$T/c"
	printf 'c\t2025-04-%02d\t%d\n' 1 1000 2 1100 3 1200 4 1300 5 1400 6 1500 7 1600 8 1700 9 1800 \
		10 1800 11 1800 12 2100 13 2200 14 2300 15 2400 16 2500 >>"$T/c"
	run --separate-stderr iqr-filter "$T/c"
	outcome 0 "$(cat "$T/c")" ""
	printf '#model\tdate\tdownloads\n' >"$T/s"
	printf 's\t2025-04-%02d\t%d\n' 1 1000 2 1100 3 1200 4 1300 5 1400 6 1500 7 1600 8 1700 9 1800 \
		10 1800 11 6800 12 6900 13 7000 14 7100 15 7200 >>"$T/s"
	run --separate-stderr iqr-filter --mark "$T/s"
	outcome 0 "$(printf '#model\tdate\tdownloads\toutlier\n'
		printf 's\t2025-04-%02d\t%d\t%d\n' 1 1000 0 2 1100 0 3 1200 0 4 1300 0 5 1400 0 6 1500 0 \
			7 1600 0 8 1700 0 9 1800 0 10 1800 0 11 2000 1 12 2100 0 13 2200 0 14 2300 0 15 2400 0)" ""
}

@test "a glitch (the count falls back the next day) goes back to the count; a lasting jump is taken off" {
	# g: 0 10 20 30 1030 50 60 70; l: 0 10 20 30 1030 1040 1050 1060.
	# Both: rates 10 10 10 1000 and 0 10 10 or 10 10 10, sorted with Q1 =
	# Q3 = 10, fence 15: the 1000 becomes 10 (40).  In g the count falls
	# right after: the spike was that day's alone, and the count goes on
	# from its own value, 50 (before: the fall became 0, and every later
	# count was 10 short).  In l every later count is 990 lower.
	printf '#model\tdate\tdownloads\n' >"$T/in"
	printf 'g\t2025-05-0%d\t%d\n' 1 0 2 10 3 20 4 30 5 1030 6 50 7 60 8 70 >>"$T/in"
	printf 'l\t2025-05-0%d\t%d\n' 1 0 2 10 3 20 4 30 5 1030 6 1040 7 1050 8 1060 >>"$T/in"
	run --separate-stderr iqr-filter --mark "$T/in"
	outcome 0 "$(printf '#model\tdate\tdownloads\toutlier\n'
		printf 'g\t2025-05-0%d\t%d\t%d\n' 1 0 0 2 10 0 3 20 0 4 30 0 5 40 1 6 50 0 7 60 0 8 70 0
		printf 'l\t2025-05-0%d\t%d\t%d\n' 1 0 0 2 10 0 3 20 0 4 30 0 5 40 1 6 50 0 7 60 0 8 70 0)" ""
	# f: 0 10 20 15 25 35 1035 55 65 75, a fall before the glitch.  Rates
	# 10 10 0 10 10 1000 0 10 10, sorted 0 0 10 10 10 10 10 10 1000: Q1 (h
	# = 2) = Q3 (h = 6) = 10, fence 15.  The first fall is no glitch's: 0,
	# so 15 -> 20 and the next rows are 5 up (30, 40); 1035 -> 40 + 10 =
	# 50; 55 is its own count less what was taken off by the row before
	# the spike (35 written as 40: -5), 60; then 70, 80.
	printf '#model\tdate\tdownloads\n' >"$T/in"
	printf 'f\t2025-05-%02d\t%d\n' 1 0 2 10 3 20 4 15 5 25 6 35 7 1035 8 55 9 65 10 75 >>"$T/in"
	run --separate-stderr iqr-filter "$T/in"
	outcome 0 "$(printf '#model\tdate\tdownloads\n'
		printf 'f\t2025-05-%02d\t%d\n' 1 0 2 10 3 20 4 20 5 30 6 40 7 50 8 60 9 70 10 80)" ""
}

@test "a model with a download every few days keeps them: the IQR counts as at least 1" {
	# increments 0 0 1 0 0 0 2 0 0: Q1 = Q3 = 0.  With the IQR taken as
	# 1 the fence is 0 + 5 x 1 = 5: no spike (before: the fence was 0,
	# every download a spike, and the model's count stayed 0).
	printf '#model\tdate\tdownloads\n' >"$T/in"
	printf 'tiny\t2025-06-%02d\t%d\n' 1 0 2 0 3 0 4 1 5 1 6 1 7 1 8 3 9 3 10 3 >>"$T/in"
	run --separate-stderr iqr-filter "$T/in"
	outcome 0 "$(cat "$T/in")" ""
}

@test "the fence is exact for counts near 2^60" {
	# Rates 2^60 four times, then 2^60 + 6 (x-above) or 2^60 + 5 (x-on).
	# Q1 = Q3 = median = 2^60 = 1152921504606846976, IQR 0 taken as 1,
	# fence 2^60 + 5.  2^60 + 6 is above it: replaced by 2^60, the last
	# count 5 x 2^60.  2^60 + 5 is on it, not above: unchanged.  (A double
	# holds both as 2^60, and before, neither was replaced.)
	printf '#model\tdate\tdownloads\n' >"$T/in"
	for m in x-above x-on; do
		[ $m = x-above ] && last=5764607523034234886 || last=5764607523034234885
		for kv in 1:0 2:1152921504606846976 3:2305843009213693952 \
		    4:3458764513820540928 5:4611686018427387904 6:$last; do
			printf '%s\t2025-07-0%s\t%s\n' $m "${kv%%:*}" "${kv#*:}"
		done
	done >>"$T/in"
	run --separate-stderr iqr-filter "$T/in"
	outcome 0 "$(sed 's/5764607523034234886/5764607523034234880/' "$T/in")" ""
	run --separate-stderr iqr-filter --stats -w 0 "$T/in"
	outcome 0 "$(printf '%s\n' $'#model\tn\tq1\tmedian\tq3\tiqr\tfence\tspikes\tnegatives' \
		$'x-above\t5\t1152921504606846976\t1152921504606846976\t1152921504606846976\t0\t1152921504606846981\t1\t0' \
		$'x-on\t5\t1152921504606846976\t1152921504606846976\t1152921504606846976\t0\t1152921504606846981\t0\t0')" ""
}

@test "a re-accumulated count past 2^63-1 names the row where it passes" {
	# overflow.tsv: model a rises 10 a day, jumps 970 on 2025-01-05 (a
	# spike in a window of 10 10 10 970 10 10 10, fence 15: -> 10), then
	# from 2025-01-20 alternates 2^62 and 0.  The falls are not right
	# after a spike, so they become 0, and the rises (each window's Q3 is
	# 2^62: no spike) add 2^62 each: 70 + (2^62 - 1030) = 2^62 - 960 on
	# line 10, 2^63 - 960 on line 12, past 2^63-1 on line 14.  (Before,
	# the message named line 29, model b's, read when a was finished.)
	run --separate-stderr iqr-filter "$OVERFLOW"
	outcome 1 $'#model\tdate\tdownloads' \
		"iqr-filter: $OVERFLOW:14: model 'a': the re-accumulated count passes 2^63-1"
}

# Columns, files and headers.

@test "every model at once: other columns and the header pass through" {
	run --separate-stderr iqr-filter "$IN"
	outcome 0 "$(rows a-spike 100 110 120 130 140 150
		rows b-first 0 10 20 30 40 50 | tail -n +2
		rows c-last 0 10 20 30 40 50 | tail -n +2
		awk -F'\t' '$1 == "d-down" || $1 == "e-empty" || $1 == "f-few"' "$IN"
		rows g-gap 0 10 20 50 60 80 90 | tail -n +2
		rows h-half 0 2 4 7 10 13 15 | tail -n +2
		rows t-ties 1000 1005 1006 1009 1012 1021 1023 1026 1029 | tail -n +2)" ""
}

@test "columns by number, without a header" {
	# Columns moved: count, model, date.
	model_rows a-spike
	tail -n +2 "$T/in" | awk -F'\t' -v OFS='\t' '{ print $3, $1, $2 }' >"$T/nohdr"
	run --separate-stderr iqr-filter -m 2 -t 3 -v 1 "$T/nohdr"
	outcome 0 "$(printf '%s\ta-spike\t2025-01-0%d\n' 100 1 110 2 120 3 130 4 140 5 150 6)" ""
}

@test "a named column without a header is a usage error" {
	tail -n +2 "$IN" >"$T/nohdr"
	run --separate-stderr iqr-filter "$T/nohdr"
	outcome 2 "" "$(usage_error "-m model: the input has no '#' header to find a column name in; give a column number")"
}

@test "a missing column is a usage error" {
	run --separate-stderr iqr-filter -v likes "$IN"
	outcome 2 "" "$(usage_error "-v likes: no such column in the header of $IN")"
}

@test "several files, '-' among them, repeated headers skipped, CRLF accepted" {
	head -7 "$IN" >"$T/one"
	{ head -1 "$IN"; sed -n '8,13p' "$IN"; } | sed 's/$/\r/' >"$T/two"
	run --separate-stderr iqr-filter "$T/one" - <"$T/two"
	outcome 0 "$(rows a-spike 100 110 120 130 140 150; rows b-first 0 10 20 30 40 50 | tail -n +2)" ""
}

@test "empty input gives empty output; header only gives the header" {
	run --separate-stderr iqr-filter </dev/null
	outcome 0 "" ""
	run --separate-stderr iqr-filter <<<$'#model\tdate\tdownloads'
	outcome 0 $'#model\tdate\tdownloads' ""
}

# Grouping.

@test "a model that reappears later is a located error; earlier models stay written" {
	printf '#model\tdate\tdownloads\na\t2025-01-01\t1\nb\t2025-01-01\t1\na\t2025-01-02\t2\n' >"$T/in"
	run --separate-stderr iqr-filter "$T/in"
	outcome 1 $'#model\tdate\tdownloads\na\t2025-01-01\t1\nb\t2025-01-01\t1' \
		"iqr-filter: $T/in:4: model 'a' appears again after other models: the input must be grouped by model (sort it with LC_ALL=C sort)"
}

@test "a reappearing model is caught when models are not in sorted order" {
	printf 'z\t2025-01-01\t1\nb\t2025-01-01\t1\nc\t2025-01-01\t1\nz\t2025-01-02\t2\n' >"$T/in"
	run --separate-stderr iqr-filter -m 1 -t 2 -v 3 "$T/in"
	outcome 1 $'z\t2025-01-01\t1\nb\t2025-01-01\t1\nc\t2025-01-01\t1' \
		"iqr-filter: $T/in:4: model 'z' appears again after other models: the input must be grouped by model (sort it with LC_ALL=C sort)"
}

@test "a date that goes backwards, or repeats, within a model" {
	printf '#model\tdate\tdownloads\na\t2025-01-02\t1\na\t2025-01-01\t2\n' >"$T/in"
	run --separate-stderr iqr-filter "$T/in"
	outcome 1 $'#model\tdate\tdownloads' \
		"iqr-filter: $T/in:3: date 2025-01-01 comes after 2025-01-02 for model 'a': dates must ascend within a model (sort the input with LC_ALL=C sort)"
	printf '#model\tdate\tdownloads\na\t2025-01-02\t1\na\t2025-01-02\t2\n' >"$T/in"
	run --separate-stderr iqr-filter "$T/in"
	outcome 1 $'#model\tdate\tdownloads' \
		"iqr-filter: $T/in:3: date 2025-01-02 repeats for model 'a': one row per model and day (sort the input with LC_ALL=C sort)"
}

# Bad values.

@test "an invalid date" {
	printf '#model\tdate\tdownloads\na\t2025-02-30\t1\n' >"$T/in"
	run --separate-stderr iqr-filter "$T/in"
	outcome 1 $'#model\tdate\tdownloads' \
		"iqr-filter: $T/in:2: column date: '2025-02-30' is not a date (YYYY-MM-DD)"
}

@test "non-numeric, negative and too large counts" {
	for v in 12x -5 9223372036854775808; do
		printf '#model\tdate\tdownloads\na\t2025-01-01\t%s\n' "$v" >"$T/in"
		run --separate-stderr iqr-filter "$T/in"
		case $v in
		12x) want="iqr-filter: $T/in:2: column downloads: '12x' is not a count (a whole number)" ;;
		-5) want="iqr-filter: $T/in:2: column downloads: '-5' is a negative count" ;;
		*) want="iqr-filter: $T/in:2: column downloads: '9223372036854775808' is past 2^63-1" ;;
		esac
		outcome 1 $'#model\tdate\tdownloads' "$want"
	done
}

@test "a short row, a differing header, a NUL byte" {
	printf '#model\tdate\tdownloads\na\t2025-01-01\n' >"$T/in"
	run --separate-stderr iqr-filter "$T/in"
	outcome 1 $'#model\tdate\tdownloads' "iqr-filter: $T/in:2: line has 2 fields, column downloads needs 3"
	printf '#model\tdate\tdownloads\na\t2025-01-01\t1\n#model\tdate\tcount\n' >"$T/in"
	run --separate-stderr iqr-filter "$T/in"
	outcome 1 $'#model\tdate\tdownloads' \
		"iqr-filter: $T/in:3: header '#model\\tdate\\tcount' differs from the first header 'model\\tdate\\tdownloads'"
	printf '#model\tdate\tdownloads\na\t2025-01-01\t1\0\n' >"$T/in"
	run --separate-stderr iqr-filter "$T/in"
	outcome 1 $'#model\tdate\tdownloads' "iqr-filter: $T/in:2: NUL byte in line"
}

@test "usage errors" {
	run --separate-stderr iqr-filter --mark --stats "$IN"
	outcome 2 "" "$(usage_error "--mark and --stats cannot be used together: --stats writes one row per model, not the rows to mark")"
	for f in abc 1.1234567 1000000.5 1e1 -1 .; do
		run --separate-stderr iqr-filter -f "$f" "$IN"
		outcome 2 "" "$(usage_error "-f $f: the factor must be a number from 0 to 1000000, with at most 6 decimals")"
	done
	for w in x -1 100001 2.5; do
		run --separate-stderr iqr-filter -w "$w" "$IN"
		outcome 2 "" "$(usage_error "-w $w: not a whole number from 0 to 100000")"
	done
	run --separate-stderr iqr-filter --min-points 0 "$IN"
	outcome 2 "" "$(usage_error "--min-points 0: not a whole number from 1 to 1000000")"
	run --separate-stderr iqr-filter "$T/missing"
	outcome 1 "" "iqr-filter: $T/missing: No such file or directory"
}

@test "factors and windows at their limits are accepted" {
	# F = 1000000 and F = 0.000001, N = 0 and N = 100000: a-spike's 880
	# is above 10 + 0.000001 and below 10 + 1000000.
	model_rows a-spike
	run --separate-stderr iqr-filter -f 0.000001 -w 100000 "$T/in"
	outcome 0 "$(rows a-spike 100 110 120 130 140 150)" ""
	run --separate-stderr iqr-filter -f 1000000 -w 0 "$T/in"
	outcome 0 "$(cat "$T/in")" ""
}

@test "a full disk is an error; a closed pipe is quiet" {
	run --separate-stderr bash -c "iqr-filter '$IN' >/dev/full"
	outcome 1 "" "iqr-filter: write error: No space left on device"
	hfsnap-gen series -n 300 -D 100 >"$T/big"
	run --separate-stderr bash -c "iqr-filter '$T/big' | head -1"
	outcome 0 $'#model\tdate\tdownloads\tcreated\tparams' ""
}

@test "matches the quartiles of an independent computation on generated data" {
	need_cmd python3
	hfsnap-gen series -n 200 -D 60 -s 3 >"$T/s"
	# Python's statistics.quantiles(method='inclusive') is type 7.
	python3 - "$T/s" >"$T/theirs" <<'PY'
import sys, datetime, statistics
from fractions import Fraction
rows = {}
for line in open(sys.argv[1]):
    if line.startswith('#'):
        continue
    m, d, v = line.rstrip('\n').split('\t')[:3]
    rows.setdefault(m, []).append((datetime.date.fromisoformat(d), int(v)))
def fmt(x):
    # Exactly, to six places, half away from zero, as iqr-filter writes.
    q = (x * 10**6 * 2 + 1) // 2
    s = '%d.%06d' % divmod(q, 10**6)
    return s.rstrip('0').rstrip('.')
for m, pts in rows.items():
    rates = [Fraction(max(b[1] - a[1], 0), (b[0] - a[0]).days) for a, b in zip(pts, pts[1:])]
    if len(rates) < 4:
        print('%s\t%d\t\t\t\t' % (m, len(rates)))
        continue
    q1, med, q3 = statistics.quantiles(rates, n=4, method='inclusive')
    print('\t'.join([m, str(len(rates)), fmt(q1), fmt(med), fmt(q3), fmt(q3 - q1)]))
PY
	run --separate-stderr bash -c "iqr-filter --stats '$T/s' | tail -n +2 | cut -f1-6"
	outcome 0 "$(cat "$T/theirs")" ""
}

# Help.

@test "-h fits a screen and matches the man page SYNOPSIS" {
	check_synopsis iqr-filter
}

@test "-h and the man page list the same options" {
	check_options iqr-filter
}

# The audit of the defaults (examples/audit), on one tiny season.

@test "the audit runs and prints its two tables" {
	local a=$BIN/spike-audit
	if [ ! -x "$a" ]; then
		need_cmd cc
		cc -std=c11 -D_POSIX_C_SOURCE=200809L -I"$ROOT/lib" -O2 -o "$T/spike-audit" \
			"$ROOT/examples/audit/spike-audit.c" "$ROOT/lib/date.c" -lm
		mkdir -p "$T/bin"
		ln -s "$T/spike-audit" "$T/bin/spike-audit"
		ln -s "$(command -v iqr-filter)" "$T/bin/iqr-filter"
		a=$T/bin/spike-audit
	fi
	# Numbers (and a "-" for no value) become N and runs of blanks one:
	# the shape is checked, not the values.
	run --separate-stderr bash -c "BIN='$(dirname "$a")' '$ROOT/examples/audit/run' --seeds 1 -n 12 --days 120 \
		--windows 7 --factors '5 20' | sed -E 's/[0-9]+(\.[0-9]+)?/N/g; s/ +/ /g; s/ - / N /g; s/ -$/ N/'"
	outcome 0 "seeds N-N, N models each, N days: N model-days,
N spikes injected, N spike-free models, N catch-up days

What was cut
 spikes removed % true days cut spike-free
filter all >=Nx launch all catch-up models changed
unfiltered N N N N N N
-w N -f N N N N N N N
-w N -f N N N N N N N
-w N -f N N N N N N N
-w N -f N N N N N N N

Error against the truth, %
 N-day N-day N-day region-month
filter mean pN mean pN mean pN mean max
unfiltered N N N N N N N N
-w N -f N N N N N N N N N
-w N -f N N N N N N N N N
-w N -f N N N N N N N N N
-w N -f N N N N N N N N N" ""
}
