#!/usr/bin/env bats
# ram: milestones, references, the Relative Adoption Metric, the reference
# curves.  Every expected value is worked out by hand in the comment above
# it; every test checks status, standard output and standard error.

load helper

D=$BATS_TEST_DIRNAME/ram
H=$'#model\tbucket\trelease\tmilestone\tdownloads\tref_median\tram\tref_n'
IN=$'#model\tdate\tdownloads\tcreated\tbucket'

setup() {
	T=$BATS_TEST_TMPDIR
}

# The lines given, joined by newlines (as `run` keeps output: no final one).
rows() {
	printf '%s\n' "$@"
}

# --- The metric --------------------------------------------------------------

@test "the report's Table 1 arithmetic: Qwen3.5-4B against the 1-5B medians" {
	# 166K / 48K = 3.458, 751K / 142K = 5.289, 2.4M / 722K = 3.324.  The
	# report prints 3.45, 5.29, 3.27 from its unrounded counts: ram(1)
	# shows that its rounded inputs allow 3.41-3.51 and 3.25-3.40.  The
	# reference has no n column, so ref_n is empty and it is taken as is.
	run --separate-stderr ram --reference "$D/table1-ref.tsv" "$D/qwen35-4b.tsv"
	outcome 0 "$(rows "$H" \
		$'Qwen/Qwen3.5-4B\t1-5B\t2026-02-16\t7d\t166000\t48000\t3.46\t' \
		$'Qwen/Qwen3.5-4B\t1-5B\t2026-02-16\t14d\t751000\t142000\t5.29\t' \
		$'Qwen/Qwen3.5-4B\t1-5B\t2026-02-16\t30d\t2400000\t722000\t3.32\t')" ""
}

@test "the report's GPT-OSS 120B example: 429K at 7 days, RAM 20.45, so a median near 21K" {
	# 429000 / 20978 = 20.449995 -> 20.45.
	printf '#bucket\tmilestone\tmedian\n100-250B\t7d\t20978\n' >"$T/ref"
	printf '%s\nopenai/gpt-oss-120b\t2025-08-12\t429000\t2025-08-05\t100-250B\n' "$IN" >"$T/in"
	run --separate-stderr ram --reference "$T/ref" "$T/in"
	outcome 0 "$(rows "$H" $'openai/gpt-oss-120b\t100-250B\t2025-08-05\t7d\t429000\t20978\t20.45\t')" ""
}

@test "a reference computed from ten models whose medians are known; a model is in its own reference" {
	# D(7) of the top ten are 10K, 20K, ..., 100K (type 7 over n = 10):
	# median h = 4.5 -> 55K; Q1 h = 2.25 -> 30K + 0.25 x 10K = 32.5K;
	# Q3 h = 6.75 -> 70K + 0.75 x 10K = 77.5K.  m11 has the smallest latest
	# count, so it is not in the top ten (with it the median would be 50K).
	# RAM = k x 10K / 55K: .1818 .3636 .5454 .7272 .9090 1.0909 1.2727
	# 1.4545 1.6363 1.8181; m10, the top model, is in its own median.
	# m11: 400 / 55K = 0.0073 -> 0.01.
	run --separate-stderr ram --milestones 7 --reference-out "$T/ref" "$D/ten.tsv"
	outcome 0 "$(rows "$H" \
		$'org/m01-3B\t1-5B\t2025-01-01\t7d\t10000\t55000\t0.18\t10' \
		$'org/m02-3B\t1-5B\t2025-01-01\t7d\t20000\t55000\t0.36\t10' \
		$'org/m03-3B\t1-5B\t2025-01-01\t7d\t30000\t55000\t0.55\t10' \
		$'org/m04-3B\t1-5B\t2025-01-01\t7d\t40000\t55000\t0.73\t10' \
		$'org/m05-3B\t1-5B\t2025-01-01\t7d\t50000\t55000\t0.91\t10' \
		$'org/m06-3B\t1-5B\t2025-01-01\t7d\t60000\t55000\t1.09\t10' \
		$'org/m07-3B\t1-5B\t2025-01-01\t7d\t70000\t55000\t1.27\t10' \
		$'org/m08-3B\t1-5B\t2025-01-01\t7d\t80000\t55000\t1.45\t10' \
		$'org/m09-3B\t1-5B\t2025-01-01\t7d\t90000\t55000\t1.64\t10' \
		$'org/m10-3B\t1-5B\t2025-01-01\t7d\t100000\t55000\t1.82\t10' \
		$'org/m11-3B\t1-5B\t2025-01-01\t7d\t400\t55000\t0.01\t10')" ""
	same "$(cat "$T/ref")" "$(rows $'#bucket\tmilestone\tmedian\tq1\tq3\tn' $'1-5B\t7d\t55000\t32500\t77500\t10')"
}

@test "--top changes the reference set, and --min-reference follows it" {
	# The top three by latest count are m10, m09, m08: D(7) 100K, 90K, 80K:
	# median 90K, Q1 80K + .5 x 10K = 85K, Q3 95K; n = 3 is enough, since
	# --min-reference defaults to --top.  RAM = k x 10K / 90K: .111 .222
	# .333 .444 .556 .667 .778 .889 1 1.111; m11: 400 / 90K = .0044.
	run --separate-stderr ram --milestones 7 --top 3 --reference-out "$T/ref" "$D/ten.tsv"
	outcome 0 "$(rows "$H" \
		$'org/m01-3B\t1-5B\t2025-01-01\t7d\t10000\t90000\t0.11\t3' \
		$'org/m02-3B\t1-5B\t2025-01-01\t7d\t20000\t90000\t0.22\t3' \
		$'org/m03-3B\t1-5B\t2025-01-01\t7d\t30000\t90000\t0.33\t3' \
		$'org/m04-3B\t1-5B\t2025-01-01\t7d\t40000\t90000\t0.44\t3' \
		$'org/m05-3B\t1-5B\t2025-01-01\t7d\t50000\t90000\t0.56\t3' \
		$'org/m06-3B\t1-5B\t2025-01-01\t7d\t60000\t90000\t0.67\t3' \
		$'org/m07-3B\t1-5B\t2025-01-01\t7d\t70000\t90000\t0.78\t3' \
		$'org/m08-3B\t1-5B\t2025-01-01\t7d\t80000\t90000\t0.89\t3' \
		$'org/m09-3B\t1-5B\t2025-01-01\t7d\t90000\t90000\t1.00\t3' \
		$'org/m10-3B\t1-5B\t2025-01-01\t7d\t100000\t90000\t1.11\t3' \
		$'org/m11-3B\t1-5B\t2025-01-01\t7d\t400\t90000\t0.00\t3')" ""
	same "$(cat "$T/ref")" "$(rows $'#bucket\tmilestone\tmedian\tq1\tq3\tn' $'1-5B\t7d\t90000\t85000\t95000\t3')"
}

@test "RAM is rounded half away from zero, exactly, with all its --digits" {
	# 1 / 8 = 0.125 exactly -> 0.13 (printf's ties-to-even gave 0.12);
	# 8 / 8 = 1 -> 1.00, as the report's Table 1 prints 6.30; 3 / 8 =
	# 0.375 with --digits 1 -> 0.4; with --digits 0 -> 0.
	printf '#bucket\tmilestone\tmedian\nx\t7d\t8\n' >"$T/ref"
	printf '%s\na\t2025-01-08\t1\t2025-01-01\tx\nb\t2025-01-08\t8\t2025-01-01\tx\nc\t2025-01-08\t3\t2025-01-01\tx\n' "$IN" >"$T/in"
	run --separate-stderr ram --reference "$T/ref" --milestones 7 "$T/in"
	outcome 0 "$(rows "$H" $'a\tx\t2025-01-01\t7d\t1\t8\t0.13\t' $'b\tx\t2025-01-01\t7d\t8\t8\t1.00\t' \
		$'c\tx\t2025-01-01\t7d\t3\t8\t0.38\t')" ""
	run --separate-stderr ram --reference "$T/ref" --milestones 7 --digits 1 "$T/in"
	outcome 0 "$(rows "$H" $'a\tx\t2025-01-01\t7d\t1\t8\t0.1\t' $'b\tx\t2025-01-01\t7d\t8\t8\t1.0\t' \
		$'c\tx\t2025-01-01\t7d\t3\t8\t0.4\t')" ""
	run --separate-stderr ram --reference "$T/ref" --milestones 7 --digits 0 "$T/in"
	outcome 0 "$(rows "$H" $'a\tx\t2025-01-01\t7d\t1\t8\t0\t' $'b\tx\t2025-01-01\t7d\t8\t8\t1\t' \
		$'c\tx\t2025-01-01\t7d\t3\t8\t0\t')" ""
}

@test "milestones between observations are interpolated and rounded half away from zero" {
	# release 2025-01-01; day 7 is 01-08.  a: 100 on 01-06, 300 on 01-10
	# -> 200.  b: 100 on 01-06, 101 on 01-09 -> 100 + 2/3 = 100.67 -> 101.
	# c: 100 on 01-06, 103 on 01-10 -> 101.5 -> 102.  d falls: 103 on
	# 01-06, 100 on 01-10 -> 101.5 -> 102 too.  The reference (--top 4)
	# is 101, 102, 102, 200: median 102, so RAM 200/102 = 1.96, 101/102 =
	# 0.99, 1.00, 1.00.
	{
		echo "$IN"
		printf 'a\t2025-01-06\t100\t2025-01-01\tx\na\t2025-01-10\t300\t2025-01-01\tx\n'
		printf 'b\t2025-01-06\t100\t2025-01-01\tx\nb\t2025-01-09\t101\t2025-01-01\tx\n'
		printf 'c\t2025-01-06\t100\t2025-01-01\tx\nc\t2025-01-10\t103\t2025-01-01\tx\n'
		printf 'd\t2025-01-06\t103\t2025-01-01\tx\nd\t2025-01-10\t100\t2025-01-01\tx\n'
	} >"$T/in"
	run --separate-stderr ram --milestones 7 --top 4 "$T/in"
	outcome 0 "$(rows "$H" $'a\tx\t2025-01-01\t7d\t200\t102\t1.96\t4' $'b\tx\t2025-01-01\t7d\t101\t102\t0.99\t4' \
		$'c\tx\t2025-01-01\t7d\t102\t102\t1.00\t4' $'d\tx\t2025-01-01\t7d\t102\t102\t1.00\t4')" ""
}

@test "never extrapolated: a milestone outside the observed days is not reached" {
	# Observed from day 5 to day 12 after release: 7d is reached (50 +
	# 70 x 2/7 = 70), 14d is after the last observation, 3d before the
	# first.  The model is its bucket's only reference model (--top 1).
	printf '%s\na\t2025-01-06\t50\t2025-01-01\tx\na\t2025-01-13\t120\t2025-01-01\tx\n' "$IN" >"$T/in"
	run --separate-stderr ram --milestones 3,7,14 --top 1 "$T/in"
	outcome 0 "$(rows "$H" $'a\tx\t2025-01-01\t7d\t70\t70\t1.00\t1')" ""
	run --separate-stderr ram --milestones 3,7,14 --top 1 --wide "$T/in"
	outcome 0 "$(rows $'#model\tbucket\trelease\tram_3d\tram_7d\tram_14d\tref_n_3d\tref_n_7d\tref_n_14d' \
		$'a\tx\t2025-01-01\t\t1.00\t\t0\t1\t0')" ""
}

@test "no cap at 90 days: 180d and 365d are reached by a long series" {
	# 0 on release day 2024-01-01, 4000 on day 400 (2025-02-04, 2024 being
	# a leap year): D(t) = 10 t at every default milestone.
	printf '%s\na\t2024-01-01\t0\t2024-01-01\tx\na\t2025-02-04\t4000\t2024-01-01\tx\n' "$IN" >"$T/in"
	run --separate-stderr ram --top 1 "$T/in"
	outcome 0 "$(rows "$H" $'a\tx\t2024-01-01\t7d\t70\t70\t1.00\t1' $'a\tx\t2024-01-01\t14d\t140\t140\t1.00\t1' \
		$'a\tx\t2024-01-01\t30d\t300\t300\t1.00\t1' $'a\tx\t2024-01-01\t60d\t600\t600\t1.00\t1' \
		$'a\tx\t2024-01-01\t90d\t900\t900\t1.00\t1' $'a\tx\t2024-01-01\t180d\t1800\t1800\t1.00\t1' \
		$'a\tx\t2024-01-01\t365d\t3650\t3650\t1.00\t1')" ""
}

@test "corrections move the release date (CSV with leading comment lines)" {
	# created 2025-12-20, launched 2025-12-23: day 7 is 12-30, not 12-27.
	printf '%s\n' "$IN" >"$T/in"
	printf 'MiniMaxAI/MiniMax-M2.1\t2025-12-27\t50000\t2025-12-20\t100-250B\n' >>"$T/in"
	printf 'MiniMaxAI/MiniMax-M2.1\t2025-12-30\t93000\t2025-12-20\t100-250B\n' >>"$T/in"
	run --separate-stderr ram --milestones 7 --top 1 -c "$D/corrections.csv" "$T/in"
	outcome 0 "$(rows "$H" $'MiniMaxAI/MiniMax-M2.1\t100-250B\t2025-12-23\t7d\t93000\t93000\t1.00\t1')" ""
	run --separate-stderr ram --milestones 7 --top 1 "$T/in"
	outcome 0 "$(rows "$H" $'MiniMaxAI/MiniMax-M2.1\t100-250B\t2025-12-20\t7d\t50000\t50000\t1.00\t1')" ""
}

@test "the registry's release_date_corrections.csv is read as published" {
	need_shared data/tracked-models/metadata/release_date_corrections.csv
	table=$SHARED/data/tracked-models/metadata/release_date_corrections.csv
	printf '%s\nMiniMaxAI/MiniMax-M2.1\t2026-03-01\t1\t2025-12-20\tx\nopenai/gpt-oss-120b\t2026-03-01\t1\t2025-08-04\ty\n' "$IN" >"$T/in"
	run --separate-stderr ram --milestones 7 --wide -c "$table" "$T/in"
	outcome 0 "$(rows $'#model\tbucket\trelease\tram_7d\tref_n_7d' \
		$'MiniMaxAI/MiniMax-M2.1\tx\t2025-12-23\t\t0' $'openai/gpt-oss-120b\ty\t2025-08-05\t\t0')" ""
}

# --- The reference stands on enough models ------------------------------------

@test "fewer reference models than --min-reference: RAM left empty, one line per bucket and milestone" {
	# 10-50B's top ten are eight old models first seen long after their
	# release, which reach no milestone, and the two recent ones: at 7, 14
	# and 30 days the reference has 2 of the 10 models it needs.  Without
	# the check, gpt-oss-20b would be measured against a median of itself
	# and one other.
	run --separate-stderr ram "$D/short-history.tsv"
	outcome 0 "$(rows "$H" \
		$'openai/gpt-oss-20b\t10-50B\t2025-08-05\t7d\t70000\t\t\t2' \
		$'openai/gpt-oss-20b\t10-50B\t2025-08-05\t14d\t140000\t\t\t2' \
		$'openai/gpt-oss-20b\t10-50B\t2025-08-05\t30d\t300000\t\t\t2' \
		$'org/new-14B\t10-50B\t2025-08-05\t7d\t10000\t\t\t2' \
		$'org/new-14B\t10-50B\t2025-08-05\t14d\t20000\t\t\t2' \
		$'org/new-14B\t10-50B\t2025-08-05\t30d\t40000\t\t\t2')" \
		"$(rows "ram: 10-50B at 7d: the reference has 2 of the 10 models it needs (--min-reference 10); RAM left empty" \
		"ram: 10-50B at 14d: the reference has 2 of the 10 models it needs (--min-reference 10); RAM left empty" \
		"ram: 10-50B at 30d: the reference has 2 of the 10 models it needs (--min-reference 10); RAM left empty")"
}

@test "--min-reference lowered: the RAM of a two-model reference, the model in it" {
	# 7d: median of 70K and 10K = 40K: 70K/40K = 1.75, 10K/40K = 0.25.
	# 14d: median 80K: 1.75, 0.25.  30d: median of 300K and 40K = 170K:
	# 300/170 = 1.7647 -> 1.76, 40/170 = 0.2353 -> 0.24.
	run --separate-stderr ram --min-reference 2 "$D/short-history.tsv"
	outcome 0 "$(rows "$H" \
		$'openai/gpt-oss-20b\t10-50B\t2025-08-05\t7d\t70000\t40000\t1.75\t2' \
		$'openai/gpt-oss-20b\t10-50B\t2025-08-05\t14d\t140000\t80000\t1.75\t2' \
		$'openai/gpt-oss-20b\t10-50B\t2025-08-05\t30d\t300000\t170000\t1.76\t2' \
		$'org/new-14B\t10-50B\t2025-08-05\t7d\t10000\t40000\t0.25\t2' \
		$'org/new-14B\t10-50B\t2025-08-05\t14d\t20000\t80000\t0.25\t2' \
		$'org/new-14B\t10-50B\t2025-08-05\t30d\t40000\t170000\t0.24\t2')" ""
}

@test "--wide carries the reference's size per milestone; the old models' rows are all empty" {
	# ref_n: 2 at 7, 14, 30 days, 0 beyond (no reference model got there);
	# the RAMs of the --min-reference test above.
	run --separate-stderr ram --wide --min-reference 2 "$D/short-history.tsv"
	outcome 0 "$(rows $'#model\tbucket\trelease\tram_7d\tram_14d\tram_30d\tram_60d\tram_90d\tram_180d\tram_365d\tref_n_7d\tref_n_14d\tref_n_30d\tref_n_60d\tref_n_90d\tref_n_180d\tref_n_365d' \
		$'org/old1-13B\t10-50B\t2024-01-01\t\t\t\t\t\t\t\t2\t2\t2\t0\t0\t0\t0' \
		$'org/old2-13B\t10-50B\t2024-01-01\t\t\t\t\t\t\t\t2\t2\t2\t0\t0\t0\t0' \
		$'org/old3-13B\t10-50B\t2024-01-01\t\t\t\t\t\t\t\t2\t2\t2\t0\t0\t0\t0' \
		$'org/old4-13B\t10-50B\t2024-01-01\t\t\t\t\t\t\t\t2\t2\t2\t0\t0\t0\t0' \
		$'org/old5-13B\t10-50B\t2024-01-01\t\t\t\t\t\t\t\t2\t2\t2\t0\t0\t0\t0' \
		$'org/old6-13B\t10-50B\t2024-01-01\t\t\t\t\t\t\t\t2\t2\t2\t0\t0\t0\t0' \
		$'org/old7-13B\t10-50B\t2024-01-01\t\t\t\t\t\t\t\t2\t2\t2\t0\t0\t0\t0' \
		$'org/old8-13B\t10-50B\t2024-01-01\t\t\t\t\t\t\t\t2\t2\t2\t0\t0\t0\t0' \
		$'openai/gpt-oss-20b\t10-50B\t2025-08-05\t1.75\t1.75\t1.76\t\t\t\t\t2\t2\t2\t0\t0\t0\t0' \
		$'org/new-14B\t10-50B\t2025-08-05\t0.25\t0.25\t0.24\t\t\t\t\t2\t2\t2\t0\t0\t0\t0')" ""
}

@test "models that reached a milestone with a count of 0: a reference median of 0, said, RAM empty" {
	# Both models of 1-5B have 0 downloads on day 7 after release: they
	# reached the milestone, and their median, the reference, is 0.
	printf '%s\n' $'#model\tdate\tdownloads\tcreated\tbucket' \
		$'a\t2025-01-01\t0\t2025-01-01\t1-5B' $'a\t2025-01-08\t0\t2025-01-01\t1-5B' \
		$'b\t2025-01-01\t0\t2025-01-01\t1-5B' $'b\t2025-01-09\t0\t2025-01-01\t1-5B' >"$T/z.tsv"
	run --separate-stderr ram --milestones 7 --min-reference 1 "$T/z.tsv"
	outcome 0 "$(rows "$H" $'a\t1-5B\t2025-01-01\t7d\t0\t0\t\t2' $'b\t1-5B\t2025-01-01\t7d\t0\t0\t\t2')" \
		"ram: 1-5B at 7d: the reference median is 0; RAM left empty"
}

@test "a reference read with n below --min-reference, missing, or with median 0: RAM empty, said once each" {
	# 1-5B at 7d: n 3 < 10.  At 14d: median 0.  At 30d: no row.
	printf '#bucket\tmilestone\tmedian\tq1\tq3\tn\n1-5B\t7d\t48000\t\t\t3\n1-5B\t14d\t0\t\t\t10\n' >"$T/ref"
	run --separate-stderr ram --reference "$T/ref" "$D/qwen35-4b.tsv"
	outcome 0 "$(rows "$H" \
		$'Qwen/Qwen3.5-4B\t1-5B\t2026-02-16\t7d\t166000\t\t\t3' \
		$'Qwen/Qwen3.5-4B\t1-5B\t2026-02-16\t14d\t751000\t0\t\t10' \
		$'Qwen/Qwen3.5-4B\t1-5B\t2026-02-16\t30d\t2400000\t\t\t')" \
		"$(rows "ram: 1-5B at 7d: the reference has 3 of the 10 models it needs (--min-reference 10); RAM left empty" \
		"ram: 1-5B at 14d: the reference median is 0; RAM left empty" \
		"ram: 1-5B at 30d: no reference in $T/ref; RAM left empty")"
	# --min-reference 3 accepts the first (166K / 48K = 3.46); the others
	# stay empty.
	run --separate-stderr ram --reference "$T/ref" --min-reference 3 "$D/qwen35-4b.tsv"
	outcome 0 "$(rows "$H" \
		$'Qwen/Qwen3.5-4B\t1-5B\t2026-02-16\t7d\t166000\t48000\t3.46\t3' \
		$'Qwen/Qwen3.5-4B\t1-5B\t2026-02-16\t14d\t751000\t0\t\t10' \
		$'Qwen/Qwen3.5-4B\t1-5B\t2026-02-16\t30d\t2400000\t\t\t')" \
		"$(rows "ram: 1-5B at 14d: the reference median is 0; RAM left empty" \
		"ram: 1-5B at 30d: no reference in $T/ref; RAM left empty")"
}

@test "a bucket without a reference gives empty ref_median and ram, and says so" {
	printf '#bucket\tmilestone\tmedian\n7-9B\t7d\t1000\n' >"$T/ref"
	run --separate-stderr ram --reference "$T/ref" --milestones 7 "$D/qwen35-4b.tsv"
	outcome 0 "$(rows "$H" $'Qwen/Qwen3.5-4B\t1-5B\t2026-02-16\t7d\t166000\t\t\t')" \
		"ram: 1-5B at 7d: no reference in $T/ref; RAM left empty"
}

@test "models without a bucket: RAM empty, counted in one line" {
	printf '%s\na\t2025-01-08\t5\t2025-01-01\t\nb\t2025-01-08\t6\t2025-01-01\t\n' "$IN" >"$T/in"
	run --separate-stderr ram --milestones 7 "$T/in"
	outcome 0 "$(rows "$H" $'a\t\t2025-01-01\t7d\t5\t\t\t' $'b\t\t2025-01-01\t7d\t6\t\t\t')" \
		"ram: 2 models without a bucket, or of unknown size (the first: 'a'); RAM left empty"
}

# --- Exact arithmetic ---------------------------------------------------------

@test "counts next to 2^63-1 are exact: no row lost, no median of 2^63" {
	# a: ...775000 on day 0, ...775807 on day 8: D(7) = ...775000 + 807 x
	# 7/8 = ...775706.125 -> ...775706.  b: ...775807 on day 7.  Median
	# ...775706 + .5 x 101 = ...775756.5, Q1 + .25 x 101 = ...775731.25,
	# Q3 + .75 x 101 = ...775781.75.  RAMs 1 - 50.5/9.2e18 and 1 + 50.5/
	# 9.2e18: 1.00 both.
	run --separate-stderr ram --milestones 7 --top 2 --reference-out "$T/ref" "$D/near-2to63.tsv"
	outcome 0 "$(rows "$H" $'a\tx\t2025-01-01\t7d\t9223372036854775706\t9223372036854775756.5\t1.00\t2' \
		$'b\tx\t2025-01-01\t7d\t9223372036854775807\t9223372036854775756.5\t1.00\t2')" ""
	same "$(cat "$T/ref")" "$(rows $'#bucket\tmilestone\tmedian\tq1\tq3\tn' \
		$'x\t7d\t9223372036854775756.5\t9223372036854775731.25\t9223372036854775781.75\t2')"
}

@test "--reference-out writes every number exactly, and --reference reads it back to the same results" {
	# 1-5B: 213903949 and ...950: median ...949.5, Q1 ...949.25, Q3
	# ...949.75.  10-50B: 49597122756, ...929, ...123000: median
	# 49597122929, Q1 756 + .5 x 173 = ...842.5, Q3 929 + .5 x 71 =
	# ...964.5.  RAMs to 9 decimals: 1 - .5/213903949.5 = 0.9999999976625
	# -> 0.999999998; 1.0000000023375 -> 1.000000002; 1 - 173/49597122929
	# = 0.9999999965119 -> 0.999999997 (against 49597122930, what 10
	# significant digits made of the median, it was 0.999999996); 1;
	# 1 + 71/49597122929 -> 1.000000001.
	run --separate-stderr ram --milestones 7 --top 3 --min-reference 2 --digits 9 --reference-out "$T/ref" "$D/exact.tsv"
	want=$(rows "$H" $'org/p\t1-5B\t2025-01-01\t7d\t213903949\t213903949.5\t0.999999998\t2' \
		$'org/q\t1-5B\t2025-01-01\t7d\t213903950\t213903949.5\t1.000000002\t2' \
		$'org/s1\t10-50B\t2025-01-01\t7d\t49597122756\t49597122929\t0.999999997\t3' \
		$'org/s2\t10-50B\t2025-01-01\t7d\t49597122929\t49597122929\t1.000000000\t3' \
		$'org/s3\t10-50B\t2025-01-01\t7d\t49597123000\t49597122929\t1.000000001\t3')
	outcome 0 "$want" ""
	same "$(cat "$T/ref")" "$(rows $'#bucket\tmilestone\tmedian\tq1\tq3\tn' \
		$'1-5B\t7d\t213903949.5\t213903949.25\t213903949.75\t2' \
		$'10-50B\t7d\t49597122929\t49597122842.5\t49597122964.5\t3')"
	# Read back (and written again, to the same file it reads).
	cp "$T/ref" "$T/ref2"
	run --separate-stderr ram --milestones 7 --min-reference 2 --digits 9 --reference "$T/ref2" --reference-out "$T/ref2" "$D/exact.tsv"
	outcome 0 "$want" ""
	diff "$T/ref" "$T/ref2"
}

@test "a reference in exponent form or with long decimals is read exactly" {
	# 4.959712293e+10 = 49597122930; 49597122756 / 49597122930 =
	# 0.99999999649 -> 0.999999996.  1234.5678 in 9 digits: 1 / 1234.5678
	# = 0.000810000066 -> 0.000810000.
	printf '#bucket\tmilestone\tmedian\na\t7d\t4.959712293e+10\nb\t7d\t1234.5678\n' >"$T/ref"
	printf '%s\ns\t2025-01-08\t49597122756\t2025-01-01\ta\nt\t2025-01-08\t1\t2025-01-01\tb\n' "$IN" >"$T/in"
	run --separate-stderr ram --milestones 7 --digits 9 --reference "$T/ref" "$T/in"
	outcome 0 "$(rows "$H" $'s\ta\t2025-01-01\t7d\t49597122756\t49597122930\t0.999999996\t' \
		$'t\tb\t2025-01-01\t7d\t1\t1234.5678\t0.000810000\t')" ""
}

@test "--reference-out that cannot be written fails before the input is read" {
	# The input's line 2 is bad: the unwritable FILE is found first.
	printf '%s\na\t2025-13-01\t1\t2025-01-01\tx\n' "$IN" >"$T/in"
	run --separate-stderr ram --reference-out "$T/no/such/dir/ref" "$T/in"
	outcome 1 "" "ram: $T/no/such/dir/ref: No such file or directory"
	run --separate-stderr ram --reference-out /dev/full "$D/ten.tsv"
	outcome 1 "" "ram: /dev/full: No space left on device"
}

@test "a reference read from standard input" {
	run --separate-stderr ram --reference - --milestones 7,14,30 "$D/qwen35-4b.tsv" <"$D/table1-ref.tsv"
	outcome 0 "$(rows "$H" \
		$'Qwen/Qwen3.5-4B\t1-5B\t2026-02-16\t7d\t166000\t48000\t3.46\t' \
		$'Qwen/Qwen3.5-4B\t1-5B\t2026-02-16\t14d\t751000\t142000\t5.29\t' \
		$'Qwen/Qwen3.5-4B\t1-5B\t2026-02-16\t30d\t2400000\t722000\t3.32\t')" ""
}

# --- Curves (Figure 17) -------------------------------------------------------

@test "--curves: the reference models' daily counts with their median and quartiles" {
	# Bucket b, --top 2: m1 (latest 400) and m2 (50); m3 (9) is out.
	# m1: 0 on day 0, 400 on day 4: 0, 100, 200, 300, 400.  m2: 10 on day
	# 1, 30 on day 3, 50 on day 5: day 0 not reached, 10, 20, 30, 40.
	# Day 0: m1 alone, n = 1 < 2: no band.  Day 1: 100 and 10: median 55,
	# Q1 10 + .25 x 90 = 32.5, Q3 77.5.  Day 2: 110, 20 + 45 = 65, 155.
	# Day 3: 165, 97.5, 232.5.  Day 4: 220, 130, 310.  Bucket a (first in
	# byte order): z1 alone, 7 on day 2, 8 on day 3; no band.
	run --separate-stderr ram --curves --top 2 --horizon 4 "$D/curves.tsv"
	outcome 0 "$(rows $'#bucket\tage\trank\tmodel\tdownloads\tn\tmedian\tq1\tq3' \
		$'a\t2\t1\tz1\t7\t1\t\t\t' $'a\t3\t1\tz1\t8\t1\t\t\t' \
		$'b\t0\t1\tm1\t0\t1\t\t\t' \
		$'b\t1\t1\tm1\t100\t2\t55\t32.5\t77.5' $'b\t1\t2\tm2\t10\t2\t55\t32.5\t77.5' \
		$'b\t2\t1\tm1\t200\t2\t110\t65\t155' $'b\t2\t2\tm2\t20\t2\t110\t65\t155' \
		$'b\t3\t1\tm1\t300\t2\t165\t97.5\t232.5' $'b\t3\t2\tm2\t30\t2\t165\t97.5\t232.5' \
		$'b\t4\t1\tm1\t400\t2\t220\t130\t310' $'b\t4\t2\tm2\t40\t2\t220\t130\t310')" \
		"$(rows "ram: a: median and quartiles left empty at 2 of the 2 ages with data: fewer than 2 reference models (--min-reference 2) reached them" \
		"ram: b: median and quartiles left empty at 1 of the 5 ages with data: fewer than 2 reference models (--min-reference 2) reached them")"
	# --min-reference 1: a band of one model is that model's count.
	run --separate-stderr ram --curves --top 2 --min-reference 1 --horizon 0 "$D/curves.tsv"
	outcome 0 "$(rows $'#bucket\tage\trank\tmodel\tdownloads\tn\tmedian\tq1\tq3' $'b\t0\t1\tm1\t0\t1\t0\t0\t0')" ""
}

@test "--curves goes to day 180 by default" {
	# 0 on release day, 2000 on day 200: D(a) = 10a, its own band (--top 1).
	printf '%s\nm\t2025-01-01\t0\t2025-01-01\tx\nm\t2025-07-20\t2000\t2025-01-01\tx\n' "$IN" >"$T/in"
	run --separate-stderr ram --curves --top 1 "$T/in"
	outcome 0 "$(printf '#bucket\tage\trank\tmodel\tdownloads\tn\tmedian\tq1\tq3\n'
		awk 'BEGIN { for (a = 0; a <= 180; a++) printf "x\t%d\t1\tm\t%d\t1\t%d\t%d\t%d\n", a, 10 * a, 10 * a, 10 * a, 10 * a }')" ""
}

# --- Errors -------------------------------------------------------------------

@test "a release date after every observation is a located error" {
	printf '%s\na\t2025-01-01\t5\t2025-02-01\tx\na\t2025-01-02\t6\t2025-02-01\tx\nb\t2025-01-01\t1\t2024-12-01\tx\n' "$IN" >"$T/in"
	run --separate-stderr ram "$T/in"
	outcome 1 "" "ram: $T/in:3: model 'a': release date 2025-02-01 is after its last observation 2025-01-02"
}

@test "a bucket column missing is a usage error" {
	run --separate-stderr ram "$D/qwen35-4b.tsv" -b size_bucket
	outcome 2 "" "$(rows "ram: -b size_bucket: no such column in the header of $D/qwen35-4b.tsv" "Try 'ram -h' for more information.")"
	cut -f1-4 "$D/qwen35-4b.tsv" >"$T/in"
	run --separate-stderr ram "$T/in"
	outcome 2 "" "$(rows "ram: -b bucket: no such column in the header of $T/in" "Try 'ram -h' for more information.")"
}

@test "every fault of a reference table is an error at its FILE:LINE" {
	q=$D/qwen35-4b.tsv
	printf '#bucket\tmilestone\tmedian\n1-5B\t45d\t1000\n' >"$T/ref"
	run --separate-stderr ram --reference "$T/ref" "$q"
	outcome 1 "" "ram: $T/ref:2: milestone '45d' is not one of --milestones"
	printf '#bucket\tmilestone\tmedian\n1-5B\tseven\t1000\n' >"$T/ref"
	run --separate-stderr ram --reference "$T/ref" "$q"
	outcome 1 "" "ram: $T/ref:2: milestone 'seven' is not written like 7d"
	printf '#bucket\tmilestone\tmedian\n1-5B\t7d\tmany\n' >"$T/ref"
	run --separate-stderr ram --reference "$T/ref" "$q"
	outcome 1 "" "ram: $T/ref:2: median 'many' is not a number of 0 or more"
	printf '#bucket\tmilestone\tmedian\n1-5B\t7d\t-5\n' >"$T/ref"
	run --separate-stderr ram --reference "$T/ref" "$q"
	outcome 1 "" "ram: $T/ref:2: median '-5' is not a number of 0 or more"
	printf '#bucket\tmilestone\tmedian\n1-5B\t7d\t1e19\n' >"$T/ref"
	run --separate-stderr ram --reference "$T/ref" "$q"
	outcome 1 "" "ram: $T/ref:2: median '1e19' is out of range (below 2^63, at most 18 decimals)"
	printf '#bucket\tmilestone\tmedian\n1-5B\t7d\t1000\n\n1-5B\t7d\t2000\n' >"$T/ref"
	run --separate-stderr ram --reference "$T/ref" "$q"
	outcome 1 "" "ram: $T/ref:4: bucket '1-5B' at '7d' is given twice (first on line 2)"
	printf '#bucket\tmilestone\tmedian\n\t7d\t1000\n' >"$T/ref"
	run --separate-stderr ram --reference "$T/ref" "$q"
	outcome 1 "" "ram: $T/ref:2: a reference row needs a bucket"
	printf '#bucket\tmilestone\tmedian\tq1\tq3\tn\n1-5B\t7d\t1000\t900\t\t10\n' >"$T/ref"
	run --separate-stderr ram --reference "$T/ref" "$q"
	outcome 1 "" "ram: $T/ref:2: q1 and q3 go together: one of them is empty"
	printf '#bucket\tmilestone\tmedian\tq1\tq3\tn\n1-5B\t7d\t1000\t\t\tten\n' >"$T/ref"
	run --separate-stderr ram --reference "$T/ref" "$q"
	outcome 1 "" "ram: $T/ref:2: n 'ten' is not a count"
	printf '#bucket\tmilestone\tmedian\tq1\tq3\tn\n1-5B\t7d\t\t\t\t4\n' >"$T/ref"
	run --separate-stderr ram --reference "$T/ref" "$q"
	outcome 1 "" "ram: $T/ref:2: median '' is not a number of 0 or more"
	# A reference needs its header, as every table does.
	printf '1-5B\t7d\t1000\n' >"$T/ref"
	run --separate-stderr ram --reference "$T/ref" "$q"
	outcome 1 "" "ram: $T/ref:1: '1-5B\\t7d\\t1000' is not a header naming bucket, milestone, median, q1, q3 and n, or bucket, milestone and median"
}

@test "ungrouped input, bad dates and counts" {
	printf '%s\na\t2025-01-02\t1\t2025-01-01\tx\na\t2025-01-02\t2\t2025-01-01\tx\n' "$IN" >"$T/in"
	run --separate-stderr ram "$T/in"
	outcome 1 "" "ram: $T/in:3: date 2025-01-02 repeats for model 'a': one row per model and day (sort the input with LC_ALL=C sort)"
	printf '%s\na\t2025-01-02\t1\t2025-13-01\tx\n' "$IN" >"$T/in"
	run --separate-stderr ram "$T/in"
	outcome 1 "" "ram: $T/in:2: column created: '2025-13-01' is not a date (YYYY-MM-DD)"
	printf '%s\na\t2025-01-02\t1.5\t2025-01-01\tx\n' "$IN" >"$T/in"
	run --separate-stderr ram "$T/in"
	outcome 1 "" "ram: $T/in:2: column downloads: '1.5' is not a count (a whole number)"
	printf 'model_id,actual_release_date\nx,2025-02-30\n' >"$T/c.csv"
	run --separate-stderr ram -c "$T/c.csv" "$D/ten.tsv"
	outcome 1 "" "ram: $T/c.csv:2: actual_release_date '2025-02-30' is not a date (YYYY-MM-DD)"
}

@test "usage errors" {
	try="Try 'ram -h' for more information."
	run --separate-stderr ram --milestones 14,7 </dev/null
	outcome 2 "" "$(rows "ram: --milestones 14,7: days must increase" "$try")"
	run --separate-stderr ram --top 0 </dev/null
	outcome 2 "" "$(rows "ram: --top 0: not a whole number from 1 to 100000" "$try")"
	run --separate-stderr ram --min-reference 0 </dev/null
	outcome 2 "" "$(rows "ram: --min-reference 0: not a whole number from 1 to 100000" "$try")"
	run --separate-stderr ram --min-reference 11 </dev/null
	outcome 2 "" "$(rows "ram: --min-reference 11 is more than --top 10: no reference could be that large" "$try")"
	run --separate-stderr ram --curves --wide </dev/null
	outcome 2 "" "$(rows "ram: --curves and --wide are different outputs: give one" "$try")"
	run --separate-stderr ram --curves --reference "$D/table1-ref.tsv" </dev/null
	outcome 2 "" "$(rows "ram: --curves draws the reference models' own series: it cannot use --reference" "$try")"
	run --separate-stderr ram --horizon 30 </dev/null
	outcome 2 "" "$(rows "ram: --horizon is the last age of --curves: give --curves too" "$try")"
	run --separate-stderr ram --curves --horizon 36501 </dev/null
	outcome 2 "" "$(rows "ram: --horizon 36501: not a whole number from 0 to 36500" "$try")"
	run --separate-stderr ram --digits 10 </dev/null
	outcome 2 "" "$(rows "ram: --digits 10: not a whole number from 0 to 9" "$try")"
	run --separate-stderr ram -c - --reference - "$D/ten.tsv"
	outcome 2 "" "$(rows "ram: -c - and --reference -: only one of them can be standard input" "$try")"
	run --separate-stderr ram --reference - </dev/null
	outcome 2 "" "$(rows "ram: --reference - and the data cannot both be standard input: give the data as a FILE" "$try")"
}

@test "empty input; header only; a full disk" {
	run --separate-stderr ram </dev/null
	outcome 0 "" ""
	run --separate-stderr ram <<<"$IN"
	outcome 0 "$H" ""
	run --separate-stderr ram --curves <<<"$IN"
	outcome 0 $'#bucket\tage\trank\tmodel\tdownloads\tn\tmedian\tq1\tq3' ""
	run --separate-stderr bash -c "ram '$D/ten.tsv' >/dev/full"
	outcome 1 "" "ram: write error: No space left on device"
}

@test "-h fits a screen, matches the man page SYNOPSIS, and names every option the page lists" {
	check_synopsis ram
	check_options ram
}

@test "--unknown: a model of unknown size is in no bucket: no RAM, in no reference" {
	# Two models in bucket 'unknown' (bucketize's label for no size) and
	# one in 1-5B.  With --min-reference 1, 1-5B's reference is its one
	# model (RAM 1.00); the unknown ones get no RAM and form no reference.
	printf '%s\n' $'#model\tdate\tdownloads\tcreated\tbucket' \
		$'a\t2025-01-01\t0\t2025-01-01\tunknown' $'a\t2025-01-08\t70\t2025-01-01\tunknown' \
		$'b\t2025-01-01\t0\t2025-01-01\t1-5B' $'b\t2025-01-08\t700\t2025-01-01\t1-5B' \
		$'c\t2025-01-01\t0\t2025-01-01\tunknown' $'c\t2025-01-08\t7\t2025-01-01\tunknown' >"$T/u.tsv"
	run --separate-stderr ram --milestones 7 --min-reference 1 "$T/u.tsv"
	outcome -f 'cut -f1,2,4,5,7' 0 $'#model\tbucket\tmilestone\tdownloads\tram\na\tunknown\t7d\t70\t\nb\t1-5B\t7d\t700\t1.00\nc\tunknown\t7d\t7\t' \
	    "ram: 2 models without a bucket, or of unknown size (the first: 'a'); RAM left empty"
	# Another label for it: 'unknown' is then a bucket like any other, its
	# reference the median of 70 and 7, 38.5: a 70/38.5 = 1.82, c 0.18.
	run --separate-stderr ram --milestones 7 --min-reference 1 --unknown none "$T/u.tsv"
	outcome -f "cut -f1,7 | tail -n +2 | tr '\t\n' '= '" 0 "a=1.82 b=1.00 c=0.18 " ""
	run --separate-stderr ram --unknown '' "$T/u.tsv"
	outcome 2 "" $'ram: --unknown: \'\' is not a label: it must be non-empty, without TAB or line break\nTry \'ram -h\' for more information.'
}
