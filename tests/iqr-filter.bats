#!/usr/bin/env bats
# iqr-filter: Tukey fences on per-day rates.  Every expected number below
# was worked out by hand from the definition in SPEC.md (type 7 quartiles:
# h = (n-1)p, x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]), the
# same as R's quantile(x, type = 7) and numpy.percentile).

load helper

IN=$BATS_TEST_DIRNAME/iqr-filter/input.tsv

setup() {
	T=$BATS_TEST_TMPDIR
}

# The values (or another column) iqr-filter writes for one model, space-separated.
values_of() {
	awk -F'\t' -v m="$1" -v c="${2:-3}" '$1 == m { printf "%s%s", sep, $c; sep = " " }' "$T/out"
}

run_filter() {
	iqr-filter "$@" "$IN" >"$T/out"
}

@test "a one-day spike becomes the median rate (IQR of 0)" {
	# increments 10 10 880 10 10: Q1 = Q3 = median = 10, fence 10; 880 -> 10.
	run_filter
	same "$(values_of a-spike)" "100 110 120 130 140 150"
}

@test "a spike on the first increment" {
	# increments 500 10 10 10 10: sorted 10 10 10 10 500, Q3 = x[3] = 10.
	run_filter
	same "$(values_of b-first)" "0 10 20 30 40 50"
}

@test "a spike on the last increment" {
	run_filter
	same "$(values_of c-last)" "0 10 20 30 40 50"
}

@test "a decreasing count: the negative increment becomes 0 and the series is re-accumulated" {
	# increments 10 -5 10 10 10 -> 10 0 10 10 10; no rate above the fence.
	run_filter
	same "$(values_of d-down)" "100 110 110 120 130 140"
}

@test "a gap of several days counts at its per-day rate" {
	# 20 -> 50 over 3 days is 10 a day, not a spike; 60 -> 1080 over 2 days
	# is 510 a day, a spike, replaced by median 10 x 2 days = 20.
	run_filter
	same "$(values_of g-gap)" "0 10 20 50 60 80 90"
}

@test "ties and interpolated quartiles" {
	# rates 5 1 3 3 9 2 3 40, sorted 1 2 3 3 3 5 9 40 (n = 8):
	# Q1: h = 1.75 -> 2 + 0.75(3 - 2) = 2.75; median: h = 3.5 -> 3;
	# Q3: h = 5.25 -> 5 + 0.25(9 - 5) = 6; IQR 3.25; fence 6 + 1.5 x 3.25 = 10.875.
	# Only 40 is above it; it becomes the median 3.
	run_filter
	same "$(values_of t-ties)" "1000 1005 1006 1009 1012 1021 1023 1026 1029"
}

@test "the replacement is rounded half away from zero" {
	# rates 2 2 3 3 100 2: median 2.5, fence 3 + 1.5 x 1 = 4.5; 100 -> 2.5 -> 3.
	run_filter
	same "$(values_of h-half)" "0 2 4 7 10 13 15"
}

@test "fewer increments than --min-points: unchanged" {
	run_filter
	same "$(values_of f-few)" "0 10 900 910"
	iqr-filter --min-points 3 "$IN" >"$T/out"
	# increments 10 890 10: Q1 = 10, median 10, Q3 = 450, fence 1110: no spike.
	same "$(values_of f-few)" "0 10 900 910"
}

@test "an empty value passes through and is left out of the statistics" {
	# 0 -> 20 over two days is 10 a day; rates 10 10 10 10.
	run_filter
	same "$(values_of e-empty)" "0  20 30 40 50"
}

@test "other columns and the header pass through unchanged" {
	run_filter
	same "$(head -1 "$T/out")" $'#model\tdate\tdownloads\tnote'
	same "$(cut -f1,2,4 "$T/out" | md5sum)" "$(cut -f1,2,4 "$IN" | md5sum)"
}

@test "--mark: 1 where an increment was replaced, 0 elsewhere, empty without a value" {
	run_filter --mark
	same "$(head -1 "$T/out")" $'#model\tdate\tdownloads\tnote\toutlier'
	same "$(values_of a-spike 5)" "0 0 0 1 0 0"
	same "$(values_of d-down 5)" "0 0 0 0 0 0"
	same "$(values_of e-empty 5)" "0  0 0 0 0"
	same "$(values_of g-gap 5)" "0 0 0 0 0 1 0"
}

@test "--stats: one row per model, statistics of per-day rates" {
	run iqr-filter --stats "$IN"
	[ "$status" -eq 0 ]
	same "$output" "$(printf '%s\n' \
		$'#model\tn\tq1\tmedian\tq3\tiqr\tfence\tspikes\tnegatives' \
		$'a-spike\t5\t10\t10\t10\t0\t10\t1\t0' \
		$'b-first\t5\t10\t10\t10\t0\t10\t1\t0' \
		$'c-last\t5\t10\t10\t10\t0\t10\t1\t0' \
		$'d-down\t5\t10\t10\t10\t0\t10\t0\t1' \
		$'e-empty\t4\t10\t10\t10\t0\t10\t0\t0' \
		$'f-few\t3\t\t\t\t\t\t\t0' \
		$'g-gap\t6\t10\t10\t10\t0\t10\t1\t0' \
		$'h-half\t6\t2\t2.5\t3\t1\t4.5\t1\t0' \
		$'t-ties\t8\t2.75\t3\t6\t3.25\t10.875\t1\t0')"
}

@test "--factor moves the fence" {
	# t-ties with F = 12: fence 6 + 12 x 3.25 = 45, above every rate.
	run_filter -f 12
	same "$(values_of t-ties)" "1000 1005 1006 1009 1012 1021 1023 1026 1066"
	run iqr-filter --stats --factor 0 "$IN"
	same "$(printf '%s\n' "${lines[@]}" | awk -F'\t' '$1 == "t-ties" { print $7, $8 }')" "6 2"
}

@test "columns by number, without a header" {
	tail -n +2 "$IN" | cut -f2,1,3 | awk -F'\t' '{ print $3 "\t" $1 "\t" $2 }' >"$T/nohdr"
	run iqr-filter -m 2 -t 3 -v 1 "$T/nohdr"
	[ "$status" -eq 0 ]
	same "$(printf '%s\n' "${lines[@]}" | awk -F'\t' '$2 == "a-spike" { printf "%s ", $1 }')" "100 110 120 130 140 150 "
}

@test "a named column without a header is a usage error" {
	tail -n +2 "$IN" >"$T/nohdr"
	run --separate-stderr iqr-filter "$T/nohdr"
	[ "$status" -eq 2 ]
	same "${stderr_lines[0]}" "iqr-filter: -m model: the input has no '#' header to find a column name in; give a column number"
}

@test "a missing column is a usage error" {
	run --separate-stderr iqr-filter -v likes "$IN"
	[ "$status" -eq 2 ]
	same "${stderr_lines[0]}" "iqr-filter: -v likes: no such column in the header of $IN"
}

@test "several files, '-' among them, repeated headers skipped, CRLF accepted" {
	head -7 "$IN" >"$T/one"
	{ head -1 "$IN"; sed -n '8,13p' "$IN"; } | sed 's/$/\r/' >"$T/two"
	run iqr-filter "$T/one" - <"$T/two"
	[ "$status" -eq 0 ]
	same "$(printf '%s\n' "${lines[@]}" | cut -f3 | tr '\n' ' ')" "downloads 100 110 120 130 140 150 0 10 20 30 40 50 "
}

@test "empty input gives empty output; header only gives the header" {
	run iqr-filter </dev/null
	[ "$status" -eq 0 ]; [ -z "$output" ]
	run iqr-filter <<<$'#model\tdate\tdownloads'
	[ "$status" -eq 0 ]; same "$output" $'#model\tdate\tdownloads'
}

# Grouping.

@test "a model that reappears later is a located error; earlier models stay written" {
	printf '#model\tdate\tdownloads\na\t2025-01-01\t1\nb\t2025-01-01\t1\na\t2025-01-02\t2\n' >"$T/in"
	run --separate-stderr iqr-filter "$T/in"
	[ "$status" -eq 1 ]
	same "$output" $'#model\tdate\tdownloads\na\t2025-01-01\t1\nb\t2025-01-01\t1'
	same "$stderr" "iqr-filter: $T/in:4: model 'a' appears again after other models: the input must be grouped by model (sort it with LC_ALL=C sort)"
}

@test "a reappearing model is caught when models are not in sorted order" {
	printf 'z\t2025-01-01\t1\nb\t2025-01-01\t1\nc\t2025-01-01\t1\nz\t2025-01-02\t2\n' >"$T/in"
	run --separate-stderr iqr-filter -m 1 -t 2 -v 3 "$T/in"
	[ "$status" -eq 1 ]
	same "$stderr" "iqr-filter: $T/in:4: model 'z' appears again after other models: the input must be grouped by model (sort it with LC_ALL=C sort)"
}

@test "a date that goes backwards, or repeats, within a model" {
	printf '#model\tdate\tdownloads\na\t2025-01-02\t1\na\t2025-01-01\t2\n' >"$T/in"
	run --separate-stderr iqr-filter "$T/in"
	[ "$status" -eq 1 ]
	same "$stderr" "iqr-filter: $T/in:3: date 2025-01-01 comes after 2025-01-02 for model 'a': dates must ascend within a model (sort the input with LC_ALL=C sort)"
	printf '#model\tdate\tdownloads\na\t2025-01-02\t1\na\t2025-01-02\t2\n' >"$T/in"
	run --separate-stderr iqr-filter "$T/in"
	[ "$status" -eq 1 ]
	same "$stderr" "iqr-filter: $T/in:3: date 2025-01-02 repeats for model 'a': one row per model and day (sort the input with LC_ALL=C sort)"
}

# Bad values.

@test "an invalid date" {
	printf '#model\tdate\tdownloads\na\t2025-02-30\t1\n' >"$T/in"
	run --separate-stderr iqr-filter "$T/in"
	[ "$status" -eq 1 ]
	same "$stderr" "iqr-filter: $T/in:2: column date: '2025-02-30' is not a date (YYYY-MM-DD)"
}

@test "non-numeric, negative and too large counts" {
	for v in 12x -5 9223372036854775808; do
		printf '#model\tdate\tdownloads\na\t2025-01-01\t%s\n' "$v" >"$T/in"
		run --separate-stderr iqr-filter "$T/in"
		[ "$status" -eq 1 ]
		case $v in
		12x) same "$stderr" "iqr-filter: $T/in:2: column downloads: '12x' is not a count (a whole number)" ;;
		-5) same "$stderr" "iqr-filter: $T/in:2: column downloads: '-5' is a negative count" ;;
		*) same "$stderr" "iqr-filter: $T/in:2: column downloads: '9223372036854775808' is past 2^63-1" ;;
		esac
	done
}

@test "a short row, a differing header, a NUL byte" {
	printf '#model\tdate\tdownloads\na\t2025-01-01\n' >"$T/in"
	run --separate-stderr iqr-filter "$T/in"
	[ "$status" -eq 1 ]
	same "$stderr" "iqr-filter: $T/in:2: line has 2 fields, column downloads needs 3"
	printf '#model\tdate\tdownloads\na\t2025-01-01\t1\n#model\tdate\tcount\n' >"$T/in"
	run --separate-stderr iqr-filter "$T/in"
	[ "$status" -eq 1 ]
	same "$stderr" "iqr-filter: $T/in:3: header '#model\\tdate\\tcount' differs from the first header 'model\\tdate\\tdownloads'"
	printf '#model\tdate\tdownloads\na\t2025-01-01\t1\0\n' >"$T/in"
	run --separate-stderr iqr-filter "$T/in"
	[ "$status" -eq 1 ]
	same "$stderr" "iqr-filter: $T/in:2: NUL byte in line"
}

@test "usage errors" {
	run --separate-stderr iqr-filter --mark --stats "$IN"
	[ "$status" -eq 2 ]
	same "${stderr_lines[0]}" "iqr-filter: --mark and --stats cannot be used together: --stats writes one row per model, not the rows to mark"
	run --separate-stderr iqr-filter -f abc "$IN"
	[ "$status" -eq 2 ]
	same "${stderr_lines[0]}" "iqr-filter: -f abc: the factor must be a number of 0 or more"
	run --separate-stderr iqr-filter --min-points 0 "$IN"
	[ "$status" -eq 2 ]
	run --separate-stderr iqr-filter "$T/missing"
	[ "$status" -eq 1 ]
	same "$stderr" "iqr-filter: $T/missing: No such file or directory"
}

@test "a full disk is an error; a closed pipe is quiet" {
	iqr-filter "$IN" >/dev/full 2>"$T/err" && false
	same "$(cat "$T/err")" "iqr-filter: write error: No space left on device"
	hfsnap-gen series -n 300 -D 100 >"$T/big"
	run bash -c "iqr-filter '$T/big' 2>'$T/err' | head -1"
	same "$output" $'#model\tdate\tdownloads\tcreated\tparams'
	[ ! -s "$T/err" ]
}

@test "matches the quartiles of an independent computation on generated data" {
	need_cmd python3
	hfsnap-gen series -n 200 -D 60 -s 3 >"$T/s"
	iqr-filter --stats "$T/s" | tail -n +2 | cut -f1-6 >"$T/ours"
	# Python's statistics.quantiles(method='inclusive') is type 7.
	python3 - "$T/s" >"$T/theirs" <<'PY'
import sys, datetime, statistics
rows = {}
for line in open(sys.argv[1]):
    if line.startswith('#'):
        continue
    m, d, v = line.rstrip('\n').split('\t')[:3]
    rows.setdefault(m, []).append((datetime.date.fromisoformat(d), int(v)))
def fmt(x):
    s = '%.6f' % x
    return s.rstrip('0').rstrip('.')
for m, pts in rows.items():
    rates = [max(b[1] - a[1], 0) / (b[0] - a[0]).days for a, b in zip(pts, pts[1:])]
    if len(rates) < 4:
        print('%s\t%d\t\t\t\t' % (m, len(rates)))
        continue
    q1, med, q3 = statistics.quantiles(rates, n=4, method='inclusive')
    print('\t'.join([m, str(len(rates)), fmt(q1), fmt(med), fmt(q3), fmt(q3 - q1)]))
PY
	diff "$T/ours" "$T/theirs"
}

@test "-h fits a screen and matches the man page SYNOPSIS" {
	check_synopsis iqr-filter
}
