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
		fig04-openrouter-share-by-region fig05-arena-frontier fig07-downloads-by-org \
		fig08-derivatives-by-base-org fig09-openrouter-share-by-org fig10-qwen-vs-others-monthly \
		fig12-250b-by-org appB-top10-by-bucket table1-ram table1-ram-wide \
		fig15-16-ram-trajectories ram-reference; do
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
	want=$(hfsnap-parse "$OUTDIR/data/snaps/$last" | awk -F'\t' 'NR == FNR { if ($2 == "tracked") t[$1]; if ($2 != "tracked" && $2 != "gguf" && $2 != "mlx") k[$1]; next }
		FNR > 1 && ($1 in k) && ($10 in t) && $3 > 5 { n++ } END { print n }' "$MODELS" -)
	[ "$want" -gt 50 ]
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

@test "iqr-filter, as the pipeline runs it, flags exactly the spikes the generator injected" {
	# The history differs from the truth only on the injected spike days.
	awk -F'\t' 'NR == FNR { t[$1 "\t" $2] = $3; next } FNR > 1 && t[$1 "\t" $2] != $3 { print $1 "\t" $2 }' \
		"$TRUTH" "$OUTDIR/data/history.tsv" | sort >"$T/injected"
	iqr-filter -f 20 --mark "$OUTDIR/data/history.tsv" | awk -F'\t' '$13 == 1 { print $1 "\t" $2 }' | sort >"$T/flagged"
	[ "$(wc -l <"$T/injected")" -gt 20 ]
	diff "$T/flagged" "$T/injected"
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
	"$BIN/hfsnap-season" -o "$T/more" --days 71 --derivatives 400 >/dev/null
	cp "$T/more/snaps/2025-09-09.json" "$OUTDIR/data/snaps/"
	sleep 1
	touch "$T/mark"
	make -C "$BATS_TEST_DIRNAME/../examples" BIN="$BIN" OUT="$OUTDIR" tables >"$T/log" 2>&1
	same "$(cd "$OUTDIR/work/parsed" && find . -newer "$T/mark" -name '*.tsv')" "./2025-09-09.tsv"
	same "$(cut -f2 "$OUTDIR/work/parsed/2025-09-09.tsv" | sort -u | tr '\n' ' ')" "2025-09-09 date "
	grep -q '^2025-09-09' <(cut -f2 "$OUTDIR/work/series.tsv" | sort -u)
}
