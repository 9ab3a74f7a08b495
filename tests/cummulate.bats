#!/usr/bin/env bats
# cummulate: sums at period boundaries, events, splicing.  Every expected
# number is worked out by hand in the comment above it; every case checks
# the exit status, standard output and standard error together (outcome).

load helper

SERIES=$BATS_TEST_DIRNAME/cummulate/series.tsv
MAX=9223372036854775807

setup() {
	T=$BATS_TEST_TMPDIR
}

# rows 'a|b|c' 'd||f': lines of TAB-separated cells, `|` between cells.
rows() {
	printf '%s\n' "$@" | tr '|' '\t'
}

# --- series mode: what a row holds -------------------------------------

@test "by group, monthly: gaps carried over a boundary, a model first seen mid-period, then the days after the last boundary" {
	# Observations 06-15 .. 09-02.  At 07-01: a has 100 (06-15), b nothing
	# yet.  At 08-01: a carries 150 over its gap (07-10 .. 08-20); b has 50
	# (07-31; its 08-01 row is not before 08-01).  At 09-01: a 300, b 60.
	# The data end on 09-02, inside September: one more row, labelled by
	# the day after, 09-03, holds a 300 and b 90 (09-02).
	run --separate-stderr cummulate -g region "$SERIES"
	outcome 0 "$(rows '#period|region|downloads_cum' \
		'2025-07-01|china|0' '2025-07-01|us|100' \
		'2025-08-01|china|50' '2025-08-01|us|150' \
		'2025-09-01|china|60' '2025-09-01|us|300' \
		'2025-09-03|china|90' '2025-09-03|us|300')" ""
}

@test "no group: one total per row" {
	# The sums of the rows above: 0+100, 50+150, 60+300, 90+300.
	run --separate-stderr cummulate "$SERIES"
	outcome 0 "$(rows '#period|downloads_cum' '2025-07-01|100' \
		'2025-08-01|200' '2025-09-01|360' '2025-09-03|390')" ""
}

@test "--complete leaves out the partial last row" {
	run --separate-stderr cummulate --complete "$SERIES"
	outcome 0 "$(rows '#period|downloads_cum' '2025-07-01|100' \
		'2025-08-01|200' '2025-09-01|360')" ""
}

@test "less than one period of data gives the row through its last day, not a header alone" {
	# 01-01 .. 01-03: no month boundary after the first day and up to the
	# day after the last (01-04); the row 2025-01-04 holds m's 30.
	printf '#model\tdate\tdownloads\nm\t2025-01-01\t10\nm\t2025-01-03\t30\n' >"$T/in"
	run --separate-stderr cummulate "$T/in"
	outcome 0 "$(rows '#period|downloads_cum' '2025-01-04|30')" ""
	run --separate-stderr cummulate --complete "$T/in"
	outcome 0 '#period	downloads_cum' ""
}

@test "--delta and --share: the names say cumulative, per period, percent" {
	# in_period: empty on the first row (its period began before the
	# data).  08-01: us 150 - 100 = 50; china 50 - 0, less b's first count
	# (50, its base: the input has no created column) = 0.  09-01: china
	# 60 - 50 = 10, us 300 - 150 = 150.  09-03: china 90 - 60 = 30, us 0.
	# Shares: 0/100, 100/100; 50/200 = 25, 150/200 = 75; 60/360 = 16.6667,
	# 300/360 = 83.3333; 90/390 = 23.0769, 300/390 = 76.9231.
	run --separate-stderr cummulate -g region --delta --share "$SERIES"
	outcome 0 "$(rows '#period|region|downloads_cum|downloads_in_period|share_pct' \
		'2025-07-01|china|0||0' '2025-07-01|us|100||100' \
		'2025-08-01|china|50|0|25' '2025-08-01|us|150|50|75' \
		'2025-09-01|china|60|10|16.6667' '2025-09-01|us|300|150|83.3333' \
		'2025-09-03|china|90|30|23.0769' '2025-09-03|us|300|0|76.9231')" ""
}

@test "weeks start on Monday" {
	# 2025-07-02 is a Wednesday, 07-07 and 07-14 Mondays, 07-13 a Sunday.
	# At 07-07: 10 (07-02); at 07-14: 30 (07-13, the Sunday before); the
	# day after the last, 07-15 (a Tuesday): 40.
	printf '#model\tdate\tdownloads\nm\t2025-07-02\t10\nm\t2025-07-07\t20\nm\t2025-07-13\t30\nm\t2025-07-14\t40\n' >"$T/in"
	run --separate-stderr cummulate -p week "$T/in"
	outcome 0 "$(rows '#period|downloads_cum' '2025-07-07|10' '2025-07-14|30' '2025-07-15|40')" ""
}

@test "days and years" {
	# By day every label is a boundary, the last (01-02) included.  By
	# year: 2025-01-01 holds 7 (12-31), and 2025-01-02 the last day's 9.
	printf '#model\tdate\tdownloads\nm\t2024-12-30\t5\nm\t2024-12-31\t7\nm\t2025-01-01\t9\n' >"$T/in"
	run --separate-stderr cummulate -p day "$T/in"
	outcome 0 "$(rows '#period|downloads_cum' '2024-12-31|5' '2025-01-01|7' '2025-01-02|9')" ""
	run --separate-stderr cummulate -p year "$T/in"
	outcome 0 "$(rows '#period|downloads_cum' '2025-01-01|7' '2025-01-02|9')" ""
}

@test "several group columns, by number, without a header" {
	# The last date, 01-31, makes 02-01 a boundary and the last row.
	printf 'a\t2025-01-05\t10\tus\t7-9B\nb\t2025-01-06\t20\tus\t<1B\nc\t2025-01-31\t5\tus\t7-9B\n' >"$T/in"
	run --separate-stderr cummulate -m 1 -t 2 -v 3 -g 4,5 "$T/in"
	outcome 0 "$(rows '2025-02-01|us|7-9B|15' '2025-02-01|us|<1B|20')" ""
}

@test "a model's group is taken from its last row" {
	printf '#model\tdate\tdownloads\tbucket\nm\t2025-01-05\t10\t\nm\t2025-02-28\t20\t7-9B\n' >"$T/in"
	run --separate-stderr cummulate -g bucket "$T/in"
	outcome 0 "$(rows '#period|bucket|downloads_cum' '2025-02-01|7-9B|10' '2025-03-01|7-9B|20')" ""
}

@test "--share sums to 100 in every row of generated data" {
	hfsnap-gen series -n 300 -D 120 -s 5 | awk -F'\t' -v OFS='\t' 'NR == 1 { print $0, "org"; next } { split($1, a, "/"); print $0, a[1] }' >"$T/in"
	run --separate-stderr cummulate -g org --share "$T/in"
	outcome -f 'head -1' 0 $'#period\torg\tdownloads_cum\tshare_pct' ""
	printf '%s\n' "$output" >"$T/out"
	awk -F'\t' 'NR > 1 { s[$1] += $4 }
		END { for (p in s) if (s[p] < 99.999 || s[p] > 100.001) { print p, s[p]; bad = 1 }; exit bad }' "$T/out"
	# Days 2025-03-01 .. 06-28 (120): boundaries 04-01, 05-01, 06-01 and
	# the day after the last, 06-29.
	same "$(tail -n +2 "$T/out" | cut -f1 | sort -u | tr '\n' ' ')" "2025-04-01 2025-05-01 2025-06-01 2025-06-29 "
}

@test "sums agree with an independent awk computation on generated data" {
	hfsnap-gen series -n 200 -D 90 -s 9 >"$T/in"
	run --separate-stderr cummulate "$T/in"
	outcome -f 'head -1' 0 $'#period\tdownloads_cum' ""
	printf '%s\n' "$output" | tail -n +2 >"$T/ours"
	# For each month start B after the first day: every model's last value
	# dated before B; then the last row, every model's last value.
	awk -F'\t' 'NR > 1 { m = $1; d = $2; v[m, d] = $3; dates[d]; models[m]; last[m] = $3 }
		END {
			n = 0; for (d in dates) list[++n] = d
			for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (list[j] < list[i]) { t = list[i]; list[i] = list[j]; list[j] = t }
			for (i = 1; i <= n; i++) { b = substr(list[i], 1, 8) "01"; if (b > list[1]) bounds[b] }
			for (b in bounds) { s = 0
				for (m in models) { best = ""; for (i = 1; i <= n; i++) if (list[i] < b && ((m, list[i]) in v)) best = v[m, list[i]]; s += best }
				print b "\t" s }
			s = 0; for (m in models) s += last[m]; print "LAST\t" s
		}' "$T/in" | sort >"$T/theirs"
	# 2025-03-01 + 90 days ends on 05-29: the last row is 05-30.
	same "$(tail -1 "$T/ours")" "$(grep LAST "$T/theirs" | sed 's/^LAST/2025-05-30/')"
	diff <(sed '$d' "$T/ours") <(grep -v LAST "$T/theirs")
}

# --- per-period downloads: a model's first count ------------------------

@test "--delta: a model first seen with a lifetime behind it brings no downloads into its period" {
	# Rows 08-01 (first: no in_period) and 08-31 (the day after 08-30).
	# Cumulative at 08-01: old 5000.  At 08-31: old 5600 + late 9400 +
	# new 700 + nocr 850 + two 250 = 16800.  In the period: 16800 - 5000 =
	# 11800, less the first counts that are bases: late's 9000 (created
	# long before its first row), nocr's 800 (no created date) and two's
	# 200 (created two days before its first row); new's 300 counts,
	# created 08-06, one day before its first row 08-07.
	# 11800 - 10000 = 1800 = old +600, late +400, new 300 + 400, nocr +50,
	# two +50.
	rows '#model|date|downloads|created' \
		'late|2025-08-05|9000|2023-06-01' 'late|2025-08-20|9400|2023-06-01' \
		'new|2025-08-07|300|2025-08-06' 'new|2025-08-25|700|2025-08-06' \
		'nocr|2025-08-12|800|' 'nocr|2025-08-30|850|' \
		'old|2025-07-10|5000|2024-01-01' 'old|2025-08-10|5600|2024-01-01' \
		'two|2025-08-10|200|2025-08-08' 'two|2025-08-28|250|2025-08-08' >"$T/in"
	run --separate-stderr cummulate --delta "$T/in"
	outcome 0 "$(rows '#period|downloads_cum|downloads_in_period' '2025-08-01|5000|' '2025-08-31|16800|1800')" ""
	# Without a created column every first count is a base: new's 300
	# too, 1800 - 300 = 1500.  The cumulative totals do not change.
	cut -f1-3 "$T/in" >"$T/nocreated"
	run --separate-stderr cummulate --delta "$T/nocreated"
	outcome 0 "$(rows '#period|downloads_cum|downloads_in_period' '2025-08-01|5000|' '2025-08-31|16800|1500')" ""
}

# --- --from -----------------------------------------------------------

@test "--from: counts since DATE, a model first seen after it with its whole first count" {
	# As of 08-01 (last count before it): a 150 (07-31), b none (0),
	# c 500 (07-05).  Rows: 09-01, the first boundary after 08-01, and
	# 09-11, the day after the last date.
	# 09-01: a 200 - 150 = 50 (nvidia); b 1000 - 0 = 1000, c 500 - 500 = 0
	# (its 09-01 count is not before 09-01): ibm 1000.
	# 09-11: a 260 - 150 = 110; b 1100 + c 520 - 500 = 1120.
	# in_period from 08-01: nvidia 50, then 110 - 50 = 60; ibm 1000 less
	# b's first count, a base (no created column): 0, then 1120 - 1000 = 120.
	# Shares: 1000/1050 = 95.2381, 50/1050 = 4.7619; 1120/1230 = 91.0569,
	# 110/1230 = 8.9431.
	rows '#model|date|downloads|org' \
		'a|2025-07-20|100|nvidia' 'a|2025-07-31|150|nvidia' 'a|2025-08-15|200|nvidia' 'a|2025-09-10|260|nvidia' \
		'b|2025-08-20|1000|ibm' 'b|2025-09-05|1100|ibm' \
		'c|2025-07-05|500|ibm' 'c|2025-09-01|520|ibm' >"$T/in"
	run --separate-stderr cummulate -g org --from 2025-08-01 "$T/in"
	outcome 0 "$(rows '#period|org|downloads_cum' '2025-09-01|ibm|1000' '2025-09-01|nvidia|50' \
		'2025-09-11|ibm|1120' '2025-09-11|nvidia|110')" ""
	run --separate-stderr cummulate -g org --from 2025-08-01 --delta --share --complete "$T/in"
	outcome 0 "$(rows '#period|org|downloads_cum|downloads_in_period|share_pct' \
		'2025-09-01|ibm|1000|0|95.2381' '2025-09-01|nvidia|50|50|4.7619')" ""
	run --separate-stderr cummulate -g org --from 2025-08-01 --delta --share "$T/in"
	outcome -f 'tail -2' 0 "$(rows '2025-09-11|ibm|1120|120|91.0569' '2025-09-11|nvidia|110|60|8.9431')" ""
}

@test "--from: a count that falls after DATE counts negative; no data after DATE is said" {
	# a: 100 before 08-01, 90 on 08-05: -10 at the row 08-06.
	printf '#model\tdate\tdownloads\na\t2025-07-30\t100\na\t2025-08-05\t90\n' >"$T/in"
	run --separate-stderr cummulate --from 2025-08-01 "$T/in"
	outcome 0 "$(rows '#period|downloads_cum' '2025-08-06|-10')" ""
	run --separate-stderr cummulate --from 2025-08-06 "$T/in"
	outcome 0 '#period	downloads_cum' "cummulate: no count is dated on or after --from 2025-08-06 (the last is 2025-08-05): no rows"
}

@test "--from inside a period: counts before it in earlier periods are taken off too" {
	# As of 08-15: a's 120 (08-10).  09-01 (the first boundary after
	# 08-15): 130 - 120 = 10; 09-06, the day after the last: 160 - 120 = 40.
	printf '#model\tdate\tdownloads\na\t2025-07-20\t100\na\t2025-08-10\t120\na\t2025-08-20\t130\na\t2025-09-05\t160\n' >"$T/in"
	run --separate-stderr cummulate --from 2025-08-15 --delta "$T/in"
	outcome 0 "$(rows '#period|downloads_cum|downloads_in_period' '2025-09-01|10|10' '2025-09-06|40|30')" ""
}

@test "--from with --events: the events before DATE are left out" {
	# d1 (Jan) is before 02-01; d2 counts in February, d3 in March.
	printf '#model\tcreated\nd1\t2025-01-15\nd2\t2025-02-03\nd3\t2025-03-05\n' >"$T/in"
	run --separate-stderr cummulate --events -t created --from 2025-02-01 "$T/in"
	outcome 0 "$(rows '#period|count_in_period|count_cum' '2025-02-01|1|1' '2025-03-01|1|2')" ""
	run --separate-stderr cummulate --events -t created --from 2025-04-01 "$T/in"
	outcome 0 '#period	count_in_period	count_cum' "cummulate: every row is dated before --from 2025-04-01: no rows"
}

# --- --share-by ---------------------------------------------------------

@test "--share-by: each organisation's share within its size bucket" {
	# One row, 01-11.  Grand total 60+40+20+30+60 = 210; 250B+ total 100,
	# <10B total 110.  Shares of all: 60/210 = 28.5714, 40/210 = 19.0476,
	# 20/210 = 9.5238, 30/210 = 14.2857.  Within the bucket: 60, 40;
	# 20/110 = 18.1818, 30/110 = 27.2727, 60/110 = 54.5455.
	rows '#model|date|downloads|bucket|org' \
		'd1|2025-01-10|20|<10B|DeepSeek' 'd2|2025-01-10|60|250B+|DeepSeek' \
		'm1|2025-01-10|30|<10B|Meta' 'q1|2025-01-10|60|<10B|Qwen' 'q2|2025-01-10|40|250B+|Qwen' >"$T/in"
	run --separate-stderr cummulate -g bucket,org --share --share-by bucket "$T/in"
	outcome 0 "$(rows '#period|bucket|org|downloads_cum|share_pct|share_in_bucket_pct' \
		'2025-01-11|250B+|DeepSeek|60|28.5714|60' '2025-01-11|250B+|Qwen|40|19.0476|40' \
		'2025-01-11|<10B|DeepSeek|20|9.5238|18.1818' '2025-01-11|<10B|Meta|30|14.2857|27.2727' \
		'2025-01-11|<10B|Qwen|60|28.5714|54.5455')" ""
	# By number (column 4 is bucket), in event mode: one model each.
	run --separate-stderr cummulate --events -t date -g bucket,org --share-by 4 "$T/in"
	outcome 0 "$(rows '#period|bucket|org|count_in_period|count_cum|share_in_bucket_pct' \
		'2025-01-01|250B+|DeepSeek|1|1|50' '2025-01-01|250B+|Qwen|1|1|50' \
		'2025-01-01|<10B|DeepSeek|1|1|33.3333' '2025-01-01|<10B|Meta|1|1|33.3333' \
		'2025-01-01|<10B|Qwen|1|1|33.3333')" ""
	run --separate-stderr cummulate -g org --share-by bucket "$T/in"
	outcome 2 "" "cummulate: --share-by bucket: the column must be one of the -g columns (org)
Try 'cummulate -h' for more information."
	run --separate-stderr cummulate --share-by bucket "$T/in"
	outcome 2 "" "cummulate: --share-by bucket: the column must be one of the -g columns, and there are none
Try 'cummulate -h' for more information."
}

# --- groups -----------------------------------------------------------

@test "an empty group cell is 'unknown', or the --unknown label; never blank" {
	# b has no region: its 50 go to the group 'unknown'.
	printf '#model\tdate\tdownloads\tregion\na\t2025-01-05\t10\tus\nb\t2025-01-06\t50\t\n' >"$T/in"
	run --separate-stderr cummulate -g region "$T/in"
	outcome 0 "$(rows '#period|region|downloads_cum' '2025-01-07|unknown|50' '2025-01-07|us|10')" ""
	run --separate-stderr cummulate -g region --unknown unreviewed "$T/in"
	outcome 0 "$(rows '#period|region|downloads_cum' '2025-01-07|unreviewed|50' '2025-01-07|us|10')" ""
	run --separate-stderr cummulate --events -t date -g region --share "$T/in"
	outcome 0 "$(rows '#period|region|count_in_period|count_cum|share_pct' '2025-01-01|unknown|1|1|50' '2025-01-01|us|1|1|50')" ""
	run --separate-stderr cummulate -g region --unknown '' "$T/in"
	outcome 2 "" "cummulate: --unknown: '' is not a label: it must be non-empty, without TAB or line break
Try 'cummulate -h' for more information."
	run --separate-stderr cummulate -g region --unknown $'a\tb' "$T/in"
	outcome 2 "" "cummulate: --unknown: 'a\\tb' is not a label: it must be non-empty, without TAB or line break
Try 'cummulate -h' for more information."
}

# --- event mode ---------------------------------------------------------

@test "events: each model counted once, on its first dated row, however many days it has" {
	# d1 has three rows (days), d2 two, out of order: each counts once, in
	# January (created).  d3 counts in March.  d4 has no date: left out.
	rows '#model|date|created|base_region' \
		'd1|2025-01-15|2025-01-15|china' 'd2|2025-01-20|2025-01-20|us' \
		'd1|2025-01-16|2025-01-15|china' 'd1|2025-02-01|2025-01-15|china' \
		'd2|2025-01-21|2025-01-20|us' 'd3|2025-03-05|2025-03-05|china' 'd4|2025-03-06||us' >"$T/in"
	run --separate-stderr cummulate --events -t created -g base_region "$T/in"
	outcome 0 "$(rows '#period|base_region|count_in_period|count_cum' \
		'2025-01-01|china|1|1' '2025-01-01|us|1|1' \
		'2025-02-01|china|0|1' '2025-02-01|us|0|1' \
		'2025-03-01|china|1|2' '2025-03-01|us|0|1')" \
		"cummulate: 1 row without a date was left out"
}

@test "events: --share of the period's count, empty when the period has none" {
	# January 1 + 1: 50 each; February none: empty; March 1 of 1.
	printf '#model\tcreated\tbase_region\nd1\t2025-01-15\tchina\nd2\t2025-01-20\tus\nd3\t2025-03-05\tchina\n' >"$T/in"
	run --separate-stderr cummulate --events -t created -g base_region --share "$T/in"
	outcome 0 "$(rows '#period|base_region|count_in_period|count_cum|share_pct' \
		'2025-01-01|china|1|1|50' '2025-01-01|us|1|1|50' \
		'2025-02-01|china|0|1|' '2025-02-01|us|0|1|' \
		'2025-03-01|china|1|2|100' '2025-03-01|us|0|1|0')" ""
}

@test "events weighted by -v sum every row, a model's included" {
	# January: a 10 + b 5 = 15; February: c 1 + a 4 = 5, running 20.
	printf '#month\tmodel\ttokens\n2025-01-15\ta\t10\n2025-01-20\tb\t5\n2025-02-01\tc\t1\n2025-02-03\ta\t4\n' >"$T/in"
	run --separate-stderr cummulate --events -t month -v tokens "$T/in"
	outcome 0 "$(rows '#period|tokens_in_period|tokens_cum' '2025-01-01|15|15' '2025-02-01|5|20')" ""
}

# --- splice -------------------------------------------------------------

@test "--splice: history kept to the date, then the newer source's increments" {
	# OLD says 1000 on 07-10, NEW says 1500: they disagree.  After the
	# splice, a grows by NEW's increments from its own 07-10 value:
	# 07-11: 1000 + (1600 - 1500) = 1100; 07-13: 1000 + 250 = 1250.
	# d's NEW source starts after the splice date: its first value (800)
	# is the base, so 07-12 continues at 500 and 07-13 is 530.
	printf '#model\tdate\tdownloads\na\t2025-07-08\t900\na\t2025-07-09\t950\na\t2025-07-10\t1000\nc\t2025-07-01\t5\nd\t2025-07-10\t500\n' >"$T/old"
	printf '#model\tdate\tdownloads\na\t2025-07-09\t1400\na\t2025-07-10\t1500\na\t2025-07-11\t1600\na\t2025-07-13\t1750\nb\t2025-07-11\t10\nd\t2025-07-12\t800\nd\t2025-07-13\t830\n' >"$T/new"
	run --separate-stderr cummulate --splice 2025-07-10 "$T/old" "$T/new"
	outcome 0 "$(rows '#model|date|downloads' \
		'a|2025-07-08|900' 'a|2025-07-09|950' 'a|2025-07-10|1000' \
		'a|2025-07-11|1100' 'a|2025-07-13|1250' \
		'b|2025-07-11|10' 'c|2025-07-01|5' \
		'd|2025-07-10|500' 'd|2025-07-12|500' 'd|2025-07-13|530')" ""
	# Continuous when aggregated: daily totals of a never jump at the splice.
	printf '%s\n' "$output" | awk -F'\t' '$1 == "a"' >"$T/a"
	run --separate-stderr cummulate -p day -m 1 -t 2 -v 3 "$T/a"
	outcome 0 "$(rows '2025-07-09|900' '2025-07-10|950' '2025-07-11|1000' \
		'2025-07-12|1100' '2025-07-13|1100' '2025-07-14|1250')" ""
}

@test "--splice: where NEW falls, the joined count falls by as much, never below 0" {
	# old_at 1000, new_at 1500.  07-11: NEW 1400, 100 down: 900.  07-12:
	# NEW 100, 1400 down, more than 1000: 0.  07-13: NEW 1600: 1100.
	printf '#model\tdate\tdownloads\na\t2025-07-10\t1000\n' >"$T/old"
	printf '#model\tdate\tdownloads\na\t2025-07-10\t1500\na\t2025-07-11\t1400\na\t2025-07-12\t100\na\t2025-07-13\t1600\n' >"$T/new"
	run --separate-stderr cummulate --splice 2025-07-10 "$T/old" "$T/new"
	outcome 0 "$(rows '#model|date|downloads' 'a|2025-07-10|1000' \
		'a|2025-07-11|900' 'a|2025-07-12|0' 'a|2025-07-13|1100')" ""
}

@test "--splice: a joined count past 2^63-1 is an error at NEW's row" {
	# old_at 2^63-6, new_at 10: NEW 15 gives 2^63-1 exactly, NEW 16 one more.
	printf '#model\tdate\tdownloads\na\t2025-07-10\t9223372036854775802\n' >"$T/old"
	printf '#model\tdate\tdownloads\na\t2025-07-10\t10\na\t2025-07-11\t15\na\t2025-07-12\t16\n' >"$T/new"
	run --separate-stderr cummulate --splice 2025-07-10 "$T/old" "$T/new"
	outcome 1 "$(rows '#model|date|downloads' "a|2025-07-10|9223372036854775802" "a|2025-07-11|$MAX")" \
		"cummulate: $T/new:4: the spliced count 9223372036854775802 + (16 - 10) passes 2^63-1"
}

@test "--splice: unsorted sources, dates out of order and different headers are errors" {
	printf '#model\tdate\tdownloads\nb\t2025-07-01\t1\na\t2025-07-01\t1\n' >"$T/old"
	printf '#model\tdate\tdownloads\n' >"$T/new"
	run --separate-stderr cummulate --splice 2025-07-10 "$T/old" "$T/new"
	# b passes through (NEW has no b) before a is read.
	outcome 1 "$(rows '#model|date|downloads' 'b|2025-07-01|1')" "cummulate: $T/old:3: model 'a' comes after 'b': the inputs of --splice must be sorted by model (LC_ALL=C sort)"
	printf '#model\tdate\tdownloads\na\t2025-07-02\t1\na\t2025-07-01\t1\n' >"$T/old"
	run --separate-stderr cummulate --splice 2025-07-10 "$T/old" "$T/new"
	outcome 1 "$(rows '#model|date|downloads' 'a|2025-07-02|1')" "cummulate: $T/old:3: date 2025-07-01 comes after 2025-07-02 for model 'a': dates must ascend within a model (sort the input with LC_ALL=C sort)"
	printf '#model\tdate\tcount\n' >"$T/new"
	run --separate-stderr cummulate --splice 2025-07-10 "$T/old" "$T/new"
	outcome 1 "" "cummulate: $T/old and $T/new must have the same header"
	run --separate-stderr cummulate --splice 2025-07-10 "$T/old"
	outcome 2 "" "cummulate: --splice takes two files, OLD and NEW
Try 'cummulate -h' for more information."
}

# --- limits -------------------------------------------------------------

@test "series mode takes dates up to 9999-12-30: 9999-12-31 is a located error, not year 0000" {
	# The day after 9999-12-30 is 9999-12-31, a date; after 9999-12-31
	# comes 10000-01-01, which YYYY-MM-DD cannot write.
	printf '#model\tdate\tdownloads\na\t9999-12-29\t1\na\t9999-12-30\t2\n' >"$T/in"
	run --separate-stderr cummulate -p day "$T/in"
	outcome 0 "$(rows '#period|downloads_cum' '9999-12-30|1' '9999-12-31|2')" ""
	printf 'a\t9999-12-31\t3\n' >>"$T/in"
	run --separate-stderr cummulate -p day "$T/in"
	outcome 1 '#period	downloads_cum' "cummulate: $T/in:4: column date: '9999-12-31': totals through a day are labelled by the day after it, and 10000-01-01 cannot be written (the last date series mode takes is 9999-12-30)"
	# Event mode labels a period by its first day: 9999-12-31 is December.
	run --separate-stderr cummulate --events "$T/in"
	outcome 0 "$(rows '#period|count_in_period|count_cum' '9999-12-01|1|1')" ""
}

@test "a total that is not written may pass 2^63-1: the grand total of --share" {
	# us 2^63-1 and china 1 each fit; their sum, 2^63, only divides:
	# us (2^63-1)/2^63 = 99.99999...% = 100, china 1/2^63 = 0.
	printf '#model\tdate\tdownloads\tregion\na\t2025-01-01\t%s\tus\nb\t2025-01-01\t1\tchina\n' "$MAX" >"$T/in"
	run --separate-stderr cummulate -g region --share "$T/in"
	outcome 0 "$(rows '#period|region|downloads_cum|share_pct' '2025-01-02|china|1|0' "2025-01-02|us|$MAX|100")" ""
	run --separate-stderr cummulate --events -t date -v downloads -g region --share "$T/in"
	outcome 0 "$(rows '#period|region|downloads_in_period|downloads_cum|share_pct' '2025-01-01|china|1|1|0' "2025-01-01|us|$MAX|$MAX|100")" ""
}

@test "a cumulative total past 2^63-1 is an error at the row that took it there, when it is written" {
	# 02-01: a 2^62 + b 2^62-1 + c 0 = 2^63-1, written.  02-04 (the day
	# after 02-03): c's 1 on line 5 makes it 2^63 (d's 1 then 2^63+1).
	# With --complete the row 02-04 is not written, and nothing passes.
	rows '#model|date|downloads' 'a|2025-01-05|4611686018427387904' \
		'b|2025-01-05|4611686018427387903' 'c|2025-01-06|0' 'c|2025-02-03|1' \
		'd|2025-02-03|1' >"$T/in"
	run --separate-stderr cummulate "$T/in"
	outcome 1 "$(rows '#period|downloads_cum' "2025-02-01|$MAX")" \
		"cummulate: $T/in:5: the cumulative total at 2025-02-04 passes 2^63-1"
	run --separate-stderr cummulate --complete "$T/in"
	outcome 0 "$(rows '#period|downloads_cum' "2025-02-01|$MAX")" ""
}

@test "a period's total below -2^63 is an error at the row that took it there" {
	# a falls from 2^63-1 (01-10) to 0 (02-10); b and c are first seen on
	# 02-05 with 2^62 each (bases: no created column) and fall to 0.
	# Row 02-11: in the period 0 - (2^63-1), less the bases 2^62 + 2^62:
	# below -2^63 once b's (line 5, its count at that row) is taken off.
	rows '#model|date|downloads' "a|2025-01-10|$MAX" 'a|2025-02-10|0' \
		'b|2025-02-05|4611686018427387904' 'b|2025-02-06|0' \
		'c|2025-02-05|4611686018427387904' 'c|2025-02-06|0' >"$T/in"
	run --separate-stderr cummulate --delta "$T/in"
	outcome 1 "$(rows '#period|downloads_cum|downloads_in_period' "2025-02-01|$MAX|")" \
		"cummulate: $T/in:5: the period's total at 2025-02-11 falls below -2^63"
	# Without --delta that total is not written.
	run --separate-stderr cummulate "$T/in"
	outcome 0 "$(rows '#period|downloads_cum' "2025-02-01|$MAX" '2025-02-11|0')" ""
}

@test "an event total past 2^63-1 is an error at its row" {
	# us: 2^63-1 in January, then 1 more on line 4; china's 5 is apart.
	printf '#model\tcreated\tregion\ttokens\na\t2025-01-05\tus\t%s\nb\t2025-01-07\tchina\t5\nc\t2025-02-01\tus\t1\n' "$MAX" >"$T/in"
	run --separate-stderr cummulate --events -t created -v tokens -g region "$T/in"
	outcome 1 '#period	region	tokens_in_period	tokens_cum' \
		"cummulate: $T/in:4: the cumulative total of group 'us' passes 2^63-1"
}

# --- errors and edges ---------------------------------------------------

@test "ungrouped input and bad values are located errors" {
	printf '#model\tdate\tdownloads\na\t2025-01-01\t1\nb\t2025-01-01\t1\na\t2025-01-02\t2\n' >"$T/in"
	run --separate-stderr cummulate "$T/in"
	outcome 1 '#period	downloads_cum' "cummulate: $T/in:4: model 'a' appears again after other models: the input must be grouped by model (sort it with LC_ALL=C sort)"
	printf '#model\tdate\tdownloads\na\t2025-02-30\t1\n' >"$T/in"
	run --separate-stderr cummulate "$T/in"
	outcome 1 '#period	downloads_cum' "cummulate: $T/in:2: column date: '2025-02-30' is not a date (YYYY-MM-DD)"
	printf '#model\tdate\tdownloads\na\t2025-01-01\t-3\n' >"$T/in"
	run --separate-stderr cummulate "$T/in"
	outcome 1 '#period	downloads_cum' "cummulate: $T/in:2: column downloads: '-3' is a negative count"
	printf '#model\tdate\tdownloads\tcreated\na\t2025-01-01\t3\tyesterday\n' >"$T/in"
	run --separate-stderr cummulate --delta "$T/in"
	outcome 1 '#period	downloads_cum	downloads_in_period' "cummulate: $T/in:2: column created: 'yesterday' is not a date (YYYY-MM-DD)"
}

@test "usage errors" {
	run --separate-stderr cummulate -p fortnight "$SERIES"
	outcome 2 "" "cummulate: -p fortnight: the period is day, week, month or year
Try 'cummulate -h' for more information."
	run --separate-stderr cummulate -g nope "$SERIES"
	outcome 2 "" "cummulate: -g nope: no such column in the header of $SERIES
Try 'cummulate -h' for more information."
	run --separate-stderr cummulate --events --delta "$SERIES"
	outcome 2 "" "cummulate: --events and --delta cannot be used together: event counts are already per period
Try 'cummulate -h' for more information."
	run --separate-stderr cummulate --events --complete "$SERIES"
	outcome 2 "" "cummulate: --events and --complete cannot be used together: an event period is labelled by its first day, never partial
Try 'cummulate -h' for more information."
	run --separate-stderr cummulate --from 2025-13-01 "$SERIES"
	outcome 2 "" "cummulate: --from 2025-13-01: not a date (YYYY-MM-DD)
Try 'cummulate -h' for more information."
	run --separate-stderr cummulate --splice 2025-07-10 --from 2025-08-01 "$SERIES" "$SERIES"
	outcome 2 "" "cummulate: --splice writes the joined series; aggregate it with a second cummulate (no -g, --from, --delta, --share, --share-by, --unknown, --complete or --events)
Try 'cummulate -h' for more information."
}

@test "empty input, header only, CRLF, several files" {
	run --separate-stderr cummulate </dev/null
	outcome 0 "" ""
	run --separate-stderr cummulate <<<$'#model\tdate\tdownloads'
	outcome 0 '#period	downloads_cum' ""
	head -4 "$SERIES" | sed 's/$/\r/' >"$T/a"
	{ head -1 "$SERIES"; tail -3 "$SERIES"; } >"$T/b"
	run --separate-stderr cummulate -g region "$SERIES"
	want=$output
	run --separate-stderr cummulate -g region "$T/a" - <"$T/b"
	outcome 0 "$want" ""
}

@test "a full disk is an error" {
	run --separate-stderr bash -c "cummulate '$SERIES' >/dev/full"
	outcome 1 "" "cummulate: write error: No space left on device"
}

# --- the page agrees ----------------------------------------------------

@test "-h fits a screen, matches the man page SYNOPSIS, and names the options the page lists" {
	check_synopsis cummulate
	check_options cummulate
}

@test "the man page's worked example is what cummulate writes" {
	# Its input and output tables, spaces for TABs: the output's empty
	# cells make runs of TABs, squeezed on both sides alike.
	page=$ROOT/man/man1/cummulate.1
	block() {
		awk -v want="$1" '/^\.Sh EXAMPLES/ { on = 1 } on && /^\.Bd -literal/ { n++; in_ = 1; next }
			/^\.Ed/ { in_ = 0 } on && in_ && n == want' "$page"
	}
	block 2 | sed 's/  */\t/g' >"$T/given"
	block 3 | tr -s ' ' >"$T/writes"
	grep -q 'cummulate -g region --delta$' "$page"
	[ "$(wc -l <"$T/given")" -eq 7 ]
	run --separate-stderr cummulate -g region --delta "$T/given"
	outcome -f "tr -s '\t' ' ' | sed 's/ *$//'" 0 "$(sed 's/ *$//' "$T/writes")" ""
}
