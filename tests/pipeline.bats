#!/usr/bin/env bats
# The report pipeline of examples/, run on a small generated season and
# checked against the generator's own ground truth (truth.tsv, models.tsv),
# which no hfsnap tool touches.

load helper

# When run from `make check`, the outer make's flags (-s, -j) must not
# reach the pipeline's own make: a test below reads its command echo.
unset MAKEFLAGS MFLAGS MAKELEVEL

setup_file() {
	export OUTDIR=$BATS_FILE_TMPDIR/out
	make -s -C "$BATS_TEST_DIRNAME/../examples" BIN="$BIN" OUT="$OUTDIR" \
		SEASON_ARGS="--days 70 --derivatives 400" data >/dev/null
	make -s -C "$BATS_TEST_DIRNAME/../examples" BIN="$BIN" OUT="$OUTDIR" \
		tables >"$BATS_FILE_TMPDIR/make.log" 2>&1
}

setup() {
	T=$BATS_TEST_TMPDIR
	TAB=$OUTDIR/tables
	TRUTH=$OUTDIR/data/truth.tsv
	MODELS=$OUTDIR/data/models.tsv
}

@test "every table is written, with a '#' header" {
	for t in fig01-downloads-by-region fig02-downloads-by-size fig03-derivatives-by-base-region \
		fig04-openrouter-share-by-region fig05-arena-frontier fig06-aa-index-frontier fig06-aa-index-fit \
		fig07-downloads-by-org fig08-derivatives-by-base-org fig09-openrouter-share-by-org \
		fig10-qwen-vs-8-builders-monthly fig11-small-qwen3-vs-6-orgs-monthly \
		fig12-qwen-deepseek-share-by-size fig13-us-entrants-since-aug-2025 \
		fig14-top5-contenders-since-jul-2025 fig15-16-ram-trajectories fig17-reference-curves \
		appB-top10-by-bucket table1-ram table1-ram-wide ram-reference; do
		[ -s "$TAB/$t.tsv" ] || { echo "$t missing"; false; }
		[ "$(head -c1 "$TAB/$t.tsv")" = "#" ]
		[ "$(wc -l <"$TAB/$t.tsv")" -gt 1 ] || { echo "$t has no rows"; false; }
	done
}

@test "a region's monthly increase after the splice equals the true downloads of its models" {
	# The season runs 2025-07-01 .. 2025-09-08; the splice is 07-10.  What
	# region R gained from the 08-01 to the 09-01 boundary is the sum over
	# its tracked models of truth(08-31) - truth(07-31).
	for region in china us eu; do
		want=$(awk -F'\t' -v r="$region" 'NR == FNR { if ($2 == "tracked" && $4 == r) in_r[$1]; next }
			($1 in in_r) && $2 == "2025-07-31" { s -= $3 } ($1 in in_r) && $2 == "2025-08-31" { s += $3 }
			END { printf "%.0f", s }' "$MODELS" "$TRUTH")
		got=$(awk -F'\t' -v r="$region" '$1 == "2025-09-01" && $2 == r { print $4 }' "$TAB/fig01-downloads-by-region.tsv")
		[ "$want" -gt 0 ]
		same "$got" "$want" || { echo "region $region"; false; }
	done
}

@test "shares of new derivatives sum to 100 in every month that has any" {
	awk -F'\t' 'NR > 1 && $5 != "" { s[$1] += $5 }
		END { for (p in s) { n++; if (s[p] < 99.999 || s[p] > 100.001) { print p, s[p]; bad = 1 } }
		      if (n < 10) { print "only " n " months"; bad = 1 }; exit bad }' "$TAB/fig03-derivatives-by-base-region.tsv"
}

@test "GGUF and MLX re-uploads and untracked bases are not counted as derivatives" {
	# The generator's derivatives of tracked bases, minus re-uploads, with
	# more than five downloads on the last day (the report's section 2.1
	# says "more than five lifetime downloads"): counted from its truth.
	last=$(ls "$OUTDIR/data/snaps" | tail -1)
	got=$(awk -F'\t' 'NR > 1 { s += $3 } END { print s }' "$TAB/fig08-derivatives-by-base-org.tsv")
	# The base is the one models.tsv names (its final name: a derivative
	# of a renamed base cites the old name in its card).
	[ "$got" -gt 50 ]
	run --separate-stderr hfsnap-parse -f model,date,downloads "$OUTDIR/data/snaps/$last"
	outcome -f 'head -1' 0 $'#model\tdate\tdownloads' ""
	want=$(printf '%s\n' "$output" | awk -F'\t' 'NR == FNR { if ($2 == "tracked") t[$1]; if ($2 != "tracked" && $2 != "gguf" && $2 != "mlx") b[$1] = $7; next }
		FNR > 1 && ($1 in b) && (b[$1] in t) && $3 > 5 { n++ } END { print n }' "$MODELS" -)
	same "$got" "$want"
}

@test "one model's RAM: gpt-oss-120b at 7 days, from the truth and the bucket's top ten" {
	# Release 2025-08-05 (the Hub says 08-04: release_date_corrections.csv).
	# D(7) is the true count on 08-12; the reference median is that of the
	# D(7) of the 100-250B bucket's ten most downloaded models on the last
	# day, each on its own release + 7 (type 7 median).
	last=$(tail -1 "$TRUTH" | cut -f2)
	want=$(awk -F'\t' -v last="$last" '
		function days(s,  y, m, d, era, yoe, doy) {
			y = substr(s, 1, 4) + 0; m = substr(s, 6, 2) + 0; d = substr(s, 9, 2) + 0
			if (m <= 2) y--; era = int(y / 400); yoe = y - era * 400
			doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
			return era * 146097 + yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy }
		NR == FNR { if ($2 == "tracked" && $3 == "100-250B") { rel[$1] = days($5) }; next }
		($1 in rel) { if ($2 == last) latest[$1] = $3; if (days($2) == rel[$1] + 7) d7[$1] = $3 }
		END {
			n = 0; for (m in latest) top[++n] = m
			for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (latest[top[j]] > latest[top[i]]) { t = top[i]; top[i] = top[j]; top[j] = t }
			if (n > 10) n = 10
			k = 0; for (i = 1; i <= n; i++) if (top[i] in d7) v[++k] = d7[top[i]]
			for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
			h = (k - 1) * 0.5; lo = int(h); med = v[lo + 1] + (h - lo) * (v[lo + 2] - v[lo + 1])
			printf "%d %.2f", d7["openai/gpt-oss-120b"], d7["openai/gpt-oss-120b"] / med }' "$MODELS" "$TRUTH")
	got=$(awk -F'\t' '$1 == "openai/gpt-oss-120b" && $4 == "7d" { print $5, $7 }' "$TAB/table1-ram.tsv")
	same "$got" "$want"
	same "$(awk -F'\t' '$1 == "openai/gpt-oss-120b" { print $3 }' "$TAB/table1-ram-wide.tsv")" "2025-08-05"
}

@test "iqr-filter's default, as the pipeline runs it, flags every spike the generator injected, and little else" {
	# The history differs from the truth only on the injected spike days.
	awk -F'\t' 'NR == FNR { t[$1 "\t" $2] = $3; next } FNR > 1 && t[$1 "\t" $2] != $3 { print $1 "\t" $2 }' \
		"$TRUTH" "$OUTDIR/data/history.tsv" | sort >"$T/injected"
	run --separate-stderr iqr-filter --mark "$OUTDIR/data/history.tsv"
	outcome -f 'wc -l' 0 "$(wc -l <"$OUTDIR/data/history.tsv")" ""
	printf '%s\n' "$output" | awk -F'\t' '$13 == 1 { print $1 "\t" $2 }' | sort >"$T/flagged"
	[ "$(wc -l <"$T/injected")" -gt 20 ]
	# Every injected spike flagged; at most 1 in 1000 true days besides.
	same "$(comm -23 "$T/injected" "$T/flagged")" ""
	[ "$(comm -13 "$T/injected" "$T/flagged" | wc -l)" -le "$(($(wc -l <"$OUTDIR/data/history.tsv") / 1000))" ]
}

@test "the examples pipeline (filtered history spliced with the snapshots) is within 2 % of the truth, region by region" {
	# The last full month of the season (07-01 + 70 days) is August.
	awk -F'\t' 'NR == FNR { if ($2 == "tracked") r[$1] = $4; next }
		($1 in r) && $2 == "2025-08-31" { s[r[$1]] += $3 }
		END { for (x in s) if (x ~ /^(us|china|eu)$/) printf "%s\t%.0f\n", x, s[x] }' "$MODELS" "$TRUTH" | sort >"$T/want"
	awk -F'\t' '$1 == "2025-09-01" { print $2 "\t" $3 }' "$TAB/fig01-downloads-by-region.tsv" | sort >"$T/got"
	same "$(cut -f1 "$T/got" | tr '\n' ' ')" "china eu us "
	join -t $'\t' "$T/want" "$T/got" | awk -F'\t' '{ e = ($3 - $2) / $2; e = e < 0 ? -e : e; printf "%s %.4f%%\n", $1, 100 * e; if (e > 0.02) bad = 1 } END { exit bad }'
}

@test "Fig. 1: shares are of the three regions, and sum to 100 at every boundary" {
	awk -F'\t' 'NR > 1 { if ($2 !~ /^(us|china|eu)$/) { print "region", $2; bad = 1 } s[$1] += $5 }
		END { for (p in s) if (s[p] > 0 && (s[p] < 99.999 || s[p] > 100.001)) { print p, s[p]; bad = 1 }; exit bad }' \
		"$TAB/fig01-downloads-by-region.tsv"
}

@test "Fig. 10: Qwen's downloads in August, against the truth, by hand" {
	# August's downloads of the Qwen models = truth(08-31) - truth(07-31),
	# summed; the table labels them 2025-09-01.
	want=$(awk -F'\t' '$1 ~ /^Qwen\// && $2 == "2025-07-31" { s -= $3 } $1 ~ /^Qwen\// && $2 == "2025-08-31" { s += $3 } END { printf "%.0f", s }' "$TRUTH")
	[ "$want" -gt 0 ]
	same "$(awk -F'\t' '$1 == "2025-09-01" && $2 == "Qwen" { print $4 }' "$TAB/fig10-qwen-vs-8-builders-monthly.tsv")" "$want"
	# The 8 other builders are Meta (meta-llama, facebook), DeepSeek, OpenAI,
	# Mistral, NVIDIA, Zhipu AI (zai-org, THUDM), Moonshot AI and MiniMax.
	want=$(awk -F'\t' '{ ns = $1; sub(/\/.*/, "", ns) } ns ~ /^(meta-llama|facebook|deepseek-ai|openai|mistralai|nvidia|zai-org|THUDM|moonshotai|MiniMaxAI)$/ {
		if ($2 == "2025-07-31") s -= $3; if ($2 == "2025-08-31") s += $3 } END { printf "%.0f", s }' "$TRUTH")
	same "$(awk -F'\t' '$1 == "2025-09-01" && $2 == "8 others" { print $4 }' "$TAB/fig10-qwen-vs-8-builders-monthly.tsv")" "$want"
}

@test "Fig. 12: DeepSeek's share of the 250B+ bucket and Qwen's of sub-10B, by hand from the series" {
	s=$OUTDIR/work/series.tsv
	last=$(tail -1 "$TAB/fig12-qwen-deepseek-share-by-size.tsv" | cut -f1)
	# As of the last row: each model's last count, by bucket and namespace.
	awk -F'\t' 'FNR == 1 { for (i = 1; i <= NF; i++) { n = $i; sub(/^#/, "", n); c[n] = i }; next }
		{ v[$1] = $3; b[$1] = $c["bucket"] }
		END { for (m in v) { ns = m; sub(/\/.*/, "", ns)
			if (b[m] == "250B+") { big += v[m]; if (ns == "deepseek-ai") ds += v[m] }
			if (b[m] ~ /^(<1B|1-5B|7-9B)$/) { small += v[m]; if (ns == "Qwen") qw += v[m] } }
		      printf "%.4f %.4f\n", 100 * ds / big, 100 * qw / small }' "$s" >"$T/want"
	got=$(awk -F'\t' -v d="$last" '$1 == d && $2 == "250B+" && $3 == "DeepSeek" { a = $5 } $1 == d && $2 == "sub-10B" && $3 == "Qwen" { b = $5 } END { printf "%.4f %.4f\n", a, b }' \
		"$TAB/fig12-qwen-deepseek-share-by-size.tsv")
	same "$got" "$(cat "$T/want")"
}

@test "Fig. 13: downloads since August 2025, by hand from the truth" {
	# Each US entrant's models: last count minus the count on 07-31.
	last=$(tail -1 "$TRUTH" | cut -f2)
	for o in NVIDIA:nvidia Ai2:allenai IBM:ibm-granite; do
		want=$(awk -F'\t' -v ns="${o#*:}" -v last="$last" '{ n = $1; sub(/\/.*/, "", n) } n == ns && $2 == "2025-07-31" { s -= $3 } n == ns && $2 == last { s += $3 } END { printf "%.0f", s }' "$TRUTH")
		got=$(tail -n 6 "$TAB/fig13-us-entrants-since-aug-2025.tsv" | awk -F'\t' -v o="${o%%:*}" '$2 == o { v = $3 } END { print v }')
		same "$got" "$want" || { echo "$o"; false; }
	done
}

@test "Arena (Fig. 5): China, USA, Other on every date, never falling, old scores shifted by 59.2" {
	t=$TAB/fig05-arena-frontier.tsv
	same "$(head -1 "$t")" $'#date\tseries\tbest\tmodel'
	awk -F'\t' 'NR > 1 { if (($2 in f) && $3 < f[$2]) { print "falls:", $0; bad = 1 }; f[$2] = $3; n[$1]++ }
		END { for (d in n) if (n[d] != 3) { print d, n[d]; bad = 1 }; exit bad }' "$t"
	# Llama-3.1-405B-Instruct scored 1266 on 2024-09-01: 1325.2 after the shift.
	same "$(awk -F'\t' '$1 == "2024-09-01" && $2 == "USA" { print $3, $4 }' "$t")" "1325.2 Llama-3.1-405B-Instruct"
	# CohereLabs has no region in any table: it counts in Other, not dropped
	# (1399 on 2025-08-01, past Mistral-Medium-2505's 1381).
	same "$(awk -F'\t' '$1 == "2025-08-01" && $2 == "Other" { print $3, $4 }' "$t")" "1399 command-a"
}

@test "OpenRouter namespaces are mapped: deepseek/ is China, shares sum to 100" {
	# May 2025: DeepSeek 620 + 310, Qwen 150 + 60 of 1650 billion tokens.
	same "$(awk -F'\t' '$1 == "2025-05-01" && $2 == "china" { print $5 }' "$TAB/fig04-openrouter-share-by-region.tsv")" "69.0909"
	awk -F'\t' 'NR > 1 { s[$1] += $5 } END { for (p in s) if (s[p] < 99.999 || s[p] > 100.001) { print p, s[p]; bad = 1 }; exit bad }' "$TAB/fig09-openrouter-share-by-org.tsv"
}

@test "Appendix B lists at most ten models per bucket, most downloaded first" {
	awk -F'\t' 'NR > 1 { n[$1]++; if ($2 != n[$1]) bad = 1; if (n[$1] > 1 && $4 > prev) bad = 1; prev = $4 } END { for (b in n) if (n[b] > 10) bad = 1; exit bad }' "$TAB/appB-top10-by-bucket.tsv"
	same "$(awk -F'\t' '$1 == "7-9B" && $2 == 1 { print $3 }' "$TAB/appB-top10-by-bucket.tsv")" "meta-llama/Llama-3.1-8B-Instruct"
}

@test "adding a day's snapshot re-parses only that file" {
	# A longer season starts with the same files: its 71st day is the next.
	run --separate-stderr hfsnap-season -o "$T/more" --days 71 --derivatives 400
	outcome 0 "" ""
	cp "$T/more/snaps/2025-09-09.json" "$OUTDIR/data/snaps/"
	sleep 1
	touch "$T/mark"
	run --separate-stderr make -s -C "$BATS_TEST_DIRNAME/../examples" BIN="$BIN" OUT="$OUTDIR" tables
	outcome -e "grep -v -e '^ram: .*(--min-reference 8)' -e '^drop-stale-days: .*: dropped (the Hub did not refresh)$'" 0 "" ""
	same "$(cd "$OUTDIR/work/parsed" && find . -newer "$T/mark" -name '*.tsv')" "./2025-09-09.tsv"
	same "$(cut -f2 "$OUTDIR/work/parsed/2025-09-09.tsv" | sort -u | tr '\n' ' ')" "2025-09-09 date "
	grep -q '^2025-09-09' <(cut -f2 "$OUTDIR/work/series.tsv" | sort -u)
}

@test "REPORT.md: every claim recomputed beside the report's value, synthetic data said so" {
	r=$OUTDIR/REPORT.md
	[ -s "$r" ]
	grep -q '^> \*\*These data are synthetic.\*\*' "$r"
	[ "$(grep -c '^| [A-Z]' "$r")" -ge 20 ]
	# Each claim names its table and links a plot that the Makefile makes.
	! grep '^| [A-Z]' "$r" | grep -v 'tables/fig[0-9][0-9]-\|tables/table1-ram'
	# The regions at the last complete boundary, by hand from the table.
	want=$(awk -F'\t' 'substr($1, 9) == "01" { last = $1; v[$2] = $3 }
		END { printf "China %.1fM, USA %.1fM, EU %.1fM", v["china"] / 1e6, v["us"] / 1e6, v["eu"] / 1e6 }' "$TAB/fig01-downloads-by-region.tsv")
	grep '^| Cumulative downloads by region |' "$r" | grep -qF "$want"
	# gpt-oss-120b's RAM at 7 days, as table1-ram.tsv has it.
	grep '^| RAM of GPT-OSS 120B |' "$r" | grep -qF "$(awk -F'\t' '$1 == "openai/gpt-oss-120b" && $4 == "7d" { print $7 " (7d)" }' "$TAB/table1-ram.tsv")"
}
