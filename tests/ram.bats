#!/usr/bin/env bats
# ram: milestones, references, the Relative Adoption Metric.

load helper

D=$BATS_TEST_DIRNAME/ram

setup() {
	T=$BATS_TEST_TMPDIR
}

@test "the report's Table 1 arithmetic: Qwen3.5-4B against the 1-5B medians" {
	# 166K / 48K = 3.458, 751K / 142K = 5.289, 2.4M / 722K = 3.324.  (The
	# report prints 3.45, 5.29, 3.27, computed from unrounded counts.)
	run --separate-stderr ram --reference "$D/table1-ref.tsv" "$D/qwen35-4b.tsv"
	[ "$status" -eq 0 ]
	same "$output" "$(printf '%s\n' \
		$'#model\tbucket\trelease\tmilestone\tdownloads\tref_median\tram' \
		$'Qwen/Qwen3.5-4B\t1-5B\t2026-02-16\t7d\t166000\t48000\t3.46' \
		$'Qwen/Qwen3.5-4B\t1-5B\t2026-02-16\t14d\t751000\t142000\t5.29' \
		$'Qwen/Qwen3.5-4B\t1-5B\t2026-02-16\t30d\t2400000\t722000\t3.32')"
}

@test "the report's GPT-OSS 120B example: 429K at 7 days, RAM 20.45, so a median near 21K" {
	printf '#bucket\tmilestone\tmedian\n100-250B\t7d\t20978\n' >"$T/ref"
	printf '#model\tdate\tdownloads\tcreated\tbucket\nopenai/gpt-oss-120b\t2025-08-12\t429000\t2025-08-05\t100-250B\n' >"$T/in"
	run ram --reference "$T/ref" "$T/in"
	same "$(printf '%s\n' "${lines[@]}" | tail -1 | cut -f7)" "20.45"
}

@test "a reference computed from ten models whose medians are known" {
	# D(7) of the top ten are 10K, 20K, ..., 100K (type 7 over n = 10):
	# median h = 4.5 -> 55K; Q1 h = 2.25 -> 30K + 0.25 x 10K = 32.5K;
	# Q3 h = 6.75 -> 70K + 0.75 x 10K = 77.5K.  m11 has the smallest latest
	# count, so it is not in the top ten (with it the median would be 50K).
	run ram --milestones 7 --reference-out "$T/ref" "$D/ten.tsv"
	[ "$status" -eq 0 ]
	same "$(cat "$T/ref")" $'#bucket\tmilestone\tmedian\tq1\tq3\tn\n1-5B\t7d\t55000\t32500\t77500\t10'
	# RAM of m05: 50K / 55K = 0.909; of m11: 400 / 55K = 0.007.
	same "$(printf '%s\n' "${lines[@]}" | awk -F'\t' '$1 == "org/m05-3B" || $1 == "org/m11-3B" { print $1, $7 }' | tr '\n' ' ')" \
		"org/m05-3B 0.91 org/m11-3B 0.01 "
}

@test "--top changes the reference set" {
	# The top three by latest count are m10, m09, m08: D(7) 100K, 90K, 80K.
	ram --milestones 7 --top 3 --reference-out "$T/ref" "$D/ten.tsv" >/dev/null
	same "$(tail -1 "$T/ref")" $'1-5B\t7d\t90000\t85000\t95000\t3'
}

@test "a written reference reads back to the same RAM" {
	ram --reference-out "$T/ref" "$D/ten.tsv" >"$T/a"
	ram --reference "$T/ref" "$D/ten.tsv" >"$T/b"
	diff "$T/a" "$T/b"
}

@test "milestones between observations are interpolated and rounded half away from zero" {
	# release 2025-01-01; day 7 is 01-08.  a: 100 on 01-06, 300 on 01-10
	# -> 200.  b: 100 on 01-06, 101 on 01-09 -> 100 + 2/3 = 100.67 -> 101.
	# c: 100 on 01-06, 103 on 01-10 -> 101.5 -> 102.
	printf '#model\tdate\tdownloads\tcreated\tbucket\n' >"$T/in"
	printf 'a\t2025-01-06\t100\t2025-01-01\tx\na\t2025-01-10\t300\t2025-01-01\tx\n' >>"$T/in"
	printf 'b\t2025-01-06\t100\t2025-01-01\tx\nb\t2025-01-09\t101\t2025-01-01\tx\n' >>"$T/in"
	printf 'c\t2025-01-06\t100\t2025-01-01\tx\nc\t2025-01-10\t103\t2025-01-01\tx\n' >>"$T/in"
	run ram --milestones 7 "$T/in"
	same "$(printf '%s\n' "${lines[@]}" | tail -n +2 | cut -f1,5 | tr '\t\n' '= ')" "a=200 b=101 c=102 "
}

@test "never extrapolated: a milestone outside the observed days is not reached" {
	# Observed from day 5 to day 12 after release: 7d is reached, 14d is
	# after the last observation, and 3d before the first.
	printf '#model\tdate\tdownloads\tcreated\tbucket\na\t2025-01-06\t50\t2025-01-01\tx\na\t2025-01-13\t120\t2025-01-01\tx\n' >"$T/in"
	run ram --milestones 3,7,14 "$T/in"
	same "$(printf '%s\n' "${lines[@]}" | tail -n +2 | cut -f4,5 | tr '\t\n' '= ')" "7d=70 "
	run ram --milestones 3,7,14 --wide "$T/in"
	same "${lines[0]}" $'#model\tbucket\trelease\tram_3d\tram_7d\tram_14d'
	same "${lines[1]}" $'a\tx\t2025-01-01\t\t1\t'
}

@test "corrections move the release date (CSV with leading comment lines)" {
	# created 2025-12-20, launched 2025-12-23: day 7 is 12-30, not 12-27.
	printf '#model\tdate\tdownloads\tcreated\tbucket\n' >"$T/in"
	printf 'MiniMaxAI/MiniMax-M2.1\t2025-12-27\t50000\t2025-12-20\t100-250B\n' >>"$T/in"
	printf 'MiniMaxAI/MiniMax-M2.1\t2025-12-30\t93000\t2025-12-20\t100-250B\n' >>"$T/in"
	run ram --milestones 7 -c "$D/corrections.csv" "$T/in"
	same "${lines[1]}" $'MiniMaxAI/MiniMax-M2.1\t100-250B\t2025-12-23\t7d\t93000\t93000\t1'
	run ram --milestones 7 "$T/in"
	same "$(printf '%s\n' "${lines[1]}" | cut -f3,5)" $'2025-12-20\t50000'
}

@test "the registry's release_date_corrections.csv is read as published" {
	need_shared data/tracked-models/metadata/release_date_corrections.csv
	table=$SHARED/data/tracked-models/metadata/release_date_corrections.csv
	printf '#model\tdate\tdownloads\tcreated\tbucket\nMiniMaxAI/MiniMax-M2.1\t2026-03-01\t1\t2025-12-20\tx\nopenai/gpt-oss-120b\t2026-03-01\t1\t2025-08-04\ty\n' >"$T/in"
	run ram --wide -c "$table" "$T/in"
	[ "$status" -eq 0 ]
	same "$(printf '%s\n' "${lines[@]}" | tail -n +2 | cut -f1,3 | tr '\t\n' '= ')" \
		"MiniMaxAI/MiniMax-M2.1=2025-12-23 openai/gpt-oss-120b=2025-08-05 "
}

@test "a release date after every observation is a located error" {
	printf '#model\tdate\tdownloads\tcreated\tbucket\na\t2025-01-01\t5\t2025-02-01\tx\na\t2025-01-02\t6\t2025-02-01\tx\nb\t2025-01-01\t1\t2024-12-01\tx\n' >"$T/in"
	run --separate-stderr ram "$T/in"
	[ "$status" -eq 1 ]
	same "$stderr" "ram: $T/in:3: model 'a': release date 2025-02-01 is after its last observation 2025-01-02"
}

@test "a bucket column missing is a usage error" {
	run --separate-stderr ram "$D/qwen35-4b.tsv" -b size_bucket
	[ "$status" -eq 2 ]
	same "${stderr_lines[0]}" "ram: -b size_bucket: no such column in the header of $D/qwen35-4b.tsv"
	cut -f1-4 "$D/qwen35-4b.tsv" >"$T/in"
	run --separate-stderr ram "$T/in"
	[ "$status" -eq 2 ]
	same "${stderr_lines[0]}" "ram: -b bucket: no such column in the header of $T/in"
}

@test "a reference naming an unknown milestone is an error" {
	printf '1-5B\t45d\t1000\n' >"$T/ref"
	run --separate-stderr ram --reference "$T/ref" "$D/qwen35-4b.tsv"
	[ "$status" -eq 1 ]
	same "$stderr" "ram: $T/ref:1: milestone '45d' is not one of --milestones"
	printf '1-5B\tseven\t1000\n' >"$T/ref"
	run --separate-stderr ram --reference "$T/ref" "$D/qwen35-4b.tsv"
	same "$stderr" "ram: $T/ref:1: milestone 'seven' is not written like 7d"
	printf '1-5B\t7d\tmany\n' >"$T/ref"
	run --separate-stderr ram --reference "$T/ref" "$D/qwen35-4b.tsv"
	same "$stderr" "ram: $T/ref:1: median 'many' is not a number of 0 or more"
}

@test "a bucket without a reference gives empty ref_median and ram" {
	printf '#bucket\tmilestone\tmedian\n7-9B\t7d\t1000\n' >"$T/ref"
	run ram --reference "$T/ref" --milestones 7 "$D/qwen35-4b.tsv"
	same "${lines[1]}" $'Qwen/Qwen3.5-4B\t1-5B\t2026-02-16\t7d\t166000\t\t'
}

@test "ungrouped input, bad dates and counts" {
	printf '#model\tdate\tdownloads\tcreated\tbucket\na\t2025-01-02\t1\t2025-01-01\tx\na\t2025-01-02\t2\t2025-01-01\tx\n' >"$T/in"
	run --separate-stderr ram "$T/in"
	[ "$status" -eq 1 ]
	same "$stderr" "ram: $T/in:3: date 2025-01-02 repeats for model 'a': one row per model and day (sort the input with LC_ALL=C sort)"
	printf '#model\tdate\tdownloads\tcreated\tbucket\na\t2025-01-02\t1\t2025-13-01\tx\n' >"$T/in"
	run --separate-stderr ram "$T/in"
	same "$stderr" "ram: $T/in:2: column created: '2025-13-01' is not a date (YYYY-MM-DD)"
	printf '#model\tdate\tdownloads\tcreated\tbucket\na\t2025-01-02\t1.5\t2025-01-01\tx\n' >"$T/in"
	run --separate-stderr ram "$T/in"
	same "$stderr" "ram: $T/in:2: column downloads: '1.5' is not a count (a whole number)"
}

@test "usage errors" {
	run --separate-stderr ram --milestones 14,7 </dev/null
	[ "$status" -eq 2 ]
	same "${stderr_lines[0]}" "ram: --milestones 14,7: days must increase"
	run --separate-stderr ram --top 0 </dev/null
	[ "$status" -eq 2 ]
}

@test "empty input; header only; a full disk" {
	run ram </dev/null
	[ "$status" -eq 0 ]; [ -z "$output" ]
	run ram <<<$'#model\tdate\tdownloads\tcreated\tbucket'
	same "$output" $'#model\tbucket\trelease\tmilestone\tdownloads\tref_median\tram'
	ram "$D/ten.tsv" >/dev/full 2>"$T/err" && false
	same "$(cat "$T/err")" "ram: write error: No space left on device"
}

@test "-h fits a screen and matches the man page SYNOPSIS" {
	check_synopsis ram
}
