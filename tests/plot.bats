#!/usr/bin/env bats
# examples/plot: the report's figures from long TSV tables.  The SVG it
# writes is read back to check what a reader sees: tick labels, legend
# order, colours; the tables are small and hand-made, so every expected
# label is known.

load helper

setup() {
	PLOT=$BATS_TEST_DIRNAME/../examples/plot
	COLORS=$BATS_TEST_DIRNAME/../examples/data/colors.tsv
	T=$BATS_TEST_TMPDIR
	cd "$T" || return 1
	# Cumulative downloads by region, Nov 2023 to Feb 2024, up to 1.15B;
	# one empty cell (skipped).
	printf '%s\n' $'#period\tregion\tdownloads\tdelta' \
		$'2023-11-01\tus\t0\t' $'2023-11-01\tchina\t0\t' \
		$'2023-12-01\tus\t250000000\t250000000' $'2023-12-01\tchina\t\t' \
		$'2024-01-01\tus\t500000000\t250000000' $'2024-01-01\tchina\t300000000\t300000000' \
		$'2024-02-01\tus\t723000000\t223000000' $'2024-02-01\tchina\t1150000000\t850000000' >regions.tsv
}

# plot ARGS...: examples/plot run, quietly, as it should be.
plot() {
	run --separate-stderr "$PLOT" "$@"
	outcome 0 "" ""
}

# The texts of the SVG whose anchor is $1 (end: y ticks; middle: x ticks,
# title and axis labels; start: legend), in drawing order.
texts() {
	awk -v a="text-anchor=\"$1\"" '/text-anchor="/ { on = index($0, a) > 0; next }
		on && /<text>/ { sub(/.*<text>/, ""); sub(/<\/text>.*/, ""); print; on = 0 }' "$2"
}

# The stroke colour of the legend entry whose label is $1.
stroke_of() {
	awk -v t="<text>$1</text>" 'index($0, t) { on = 1; next }
		on && /stroke=.rgb\(/ { sub(/.*stroke=.rgb\(/, ""); sub(/\).*/, ""); gsub(/ /, ""); print; exit }' "$2"
}

@test "plot -h: usage on standard output, within 24 lines" {
	run --separate-stderr "$PLOT" -h
	outcome -f "head -1 | cut -c1-12" 0 "Usage: plot " ""
	[ "${#lines[@]}" -le 24 ]
}

@test "plot writes OUT.png (PNG) and OUT.svg (well-formed XML), nothing else, and says nothing" {
	need_cmd gnuplot
	run --separate-stderr "$PLOT" -t 'Cumulative downloads by region' -y 'cumulative downloads' \
		regions.tsv period region downloads out/fig01
	outcome 0 "" ""
	[ "$(head -c 8 out/fig01.png | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]
	if command -v python3 >/dev/null 2>&1; then
		python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' out/fig01.svg
	elif command -v xmllint >/dev/null 2>&1; then
		xmllint --noout out/fig01.svg
	fi
	same "$(ls out)" "$(printf '%s\n' fig01.png fig01.svg)"
	# a trailing .png names the same pair
	plot regions.tsv period region downloads out/b.png
	same "$(ls out)" "$(printf '%s\n' b.png b.svg fig01.png fig01.svg)"
}

@test "y ticks are human numbers on nice steps: 0 200M ... 1.2B; 50K; percentages" {
	need_cmd gnuplot
	plot regions.tsv period region downloads a
	same "$(texts end a.svg | tr '\n' ' ')" "0 200M 400M 600M 800M 1B 1.2B "
	printf '%s\n' $'#period\tg\tv' $'2024-01-01\tx\t3000' $'2024-02-01\tx\t48000' >k.tsv
	plot k.tsv period g v k
	same "$(texts end k.svg | tr '\n' ' ')" "0 10K 20K 30K 40K 50K "
	printf '%s\n' $'#period\tg\tshare' $'2024-01-01\tx\t30' $'2024-01-01\ty\t70.0001' \
		$'2024-02-01\tx\t45' $'2024-02-01\ty\t55' >p.tsv
	plot -p -s stack p.tsv period g share p
	same "$(texts end p.svg | tr '\n' ' ')" "0% 20% 40% 60% 80% 100% "
}

@test "dates: month-year ticks (Nov 2023, never Nov 23), and every 3 months over two years" {
	need_cmd gnuplot
	plot regions.tsv period region downloads a
	same "$(texts middle a.svg | tr '\n' '|')" "Nov 2023|Dec 2023|Jan 2024|Feb 2024|"
	awk 'BEGIN { print "#period\tg\tv"; for (m = 0; m < 24; m++) printf "%d-%02d-01\tx\t%d\n", 2024 + int(m / 12), m % 12 + 1, m }' >long.tsv
	plot -S 800x500 long.tsv period g v long
	same "$(texts middle long.svg | tr '\n' '|')" \
		"Jan 2024|Apr 2024|Jul 2024|Oct 2024|Jan 2025|Apr 2025|Jul 2025|Oct 2025|"
}

@test "numeric x: the leading number of 7d, 14d ...; ticks at the data's values" {
	need_cmd gnuplot
	printf '%s\n' $'#model\tmilestone\tram' $'m\t7d\t2' $'m\t14d\t3' $'m\t30d\t2.5' \
		$'m\t60d\t1.5' $'m\t90d\t1.2' $'m\t180d\t0.9' >r.tsv
	plot -x '' r.tsv milestone model ram r
	same "$(texts middle r.svg | tr '\n' ' ')" "7 14 30 60 90 180 "
}

@test "a region has the same colour in every figure, the one colors.tsv gives it; other names, distinct ones" {
	need_cmd gnuplot
	printf '%s\n' $'#period\tregion\tdownloads' $'2024-01-01\teu\t5' $'2024-01-01\tchina\t7' \
		$'2024-01-01\tnowhere\t1' $'2024-02-01\teu\t6' $'2024-02-01\tchina\t9' >other.tsv
	plot regions.tsv period region downloads a
	plot other.tsv period region downloads b
	hex=$(awk -F'\t' '$1 == "china" { print substr($2, 2) }' "$COLORS")
	want=$(printf '%d,%d,%d' "0x${hex:0:2}" "0x${hex:2:2}" "0x${hex:4:2}")
	same "$(stroke_of China a.svg)" "$want"
	same "$(stroke_of China b.svg)" "$want"
	[ "$(stroke_of USA a.svg)" != "$want" ]
	# a name colors.tsv lacks gets a colour of its own, the same each time
	n1=$(stroke_of nowhere b.svg)
	[ -n "$n1" ]
	[ "$n1" != "$want" ]
	[ "$n1" != "$(stroke_of EU b.svg)" ]
	plot other.tsv period region downloads c
	same "$(stroke_of nowhere c.svg)" "$n1"
	# and ten such names, ten colours none of them close to another
	set -- alpha beta gamma delta epsilon zeta eta theta iota kappa
	printf '#period\tg\tv\n' >ten.tsv
	for g; do printf '2024-01-01\t%s\t1\n2024-02-01\t%s\t2\n' "$g" "$g"; done >>ten.tsv
	plot ten.tsv period g v ten
	for g; do stroke_of "$g" ten.svg; done >ten.rgb
	same "$(sort -u ten.rgb | wc -l)" 10
	awk -F, '{ r[NR] = $1; g[NR] = $2; b[NR] = $3 }
		END { for (i = 1; i <= NR; i++) for (j = i + 1; j <= NR; j++)
			if ((r[i] - r[j]) ^ 2 + (g[i] - g[j]) ^ 2 + (b[i] - b[j]) ^ 2 < 50 ^ 2) exit 1 }' ten.rgb
}

@test "legend: colors.tsv's order (size buckets by size), then byte order; -o first" {
	need_cmd gnuplot
	printf '#period\tbucket\tv\n' >b.tsv
	for b in 250B+ zzz '<1B' 10-50B Aaa 1-5B 7-9B 100-250B; do
		printf '2024-01-01\t%s\t1\n2024-02-01\t%s\t2\n' "$b" "$b"
	done >>b.tsv
	plot b.tsv period bucket v b
	same "$(texts start b.svg | tr '\n' ' ')" "&lt;1B 1–5B 7–9B 10–50B 100–250B 250B+ Aaa zzz "
	plot -o zzz,250B+ b.tsv period bucket v o
	same "$(texts start o.svg | tr '\n' ' ')" "zzz 250B+ &lt;1B 1–5B 7–9B 10–50B 100–250B Aaa "
}

@test "log scale: 1-2-5 ticks, evenly spaced decades; a dashed, labelled reference line" {
	need_cmd gnuplot
	printf '%s\n' $'#model\tmilestone\tram' $'m\t7d\t0.3' $'m\t14d\t7' $'n\t7d\t0' $'n\t14d\t1.5' >r.tsv
	run --separate-stderr "$PLOT" -l -r '1:RAM = 1' r.tsv milestone model ram r
	outcome 0 "" "plot: r.tsv: 1 row with ram <= 0 left out of the log scale"
	same "$(texts end r.svg | tr '\n' ' ')" "0.2 0.5 1 2 5 10 "
	# the y of each tick label: 0.2 to 2 is as far as 1 to 10
	awk '/text-anchor="end"/ { y = $0; sub(/.*translate\([^,]*,/, "", y); sub(/\).*/, "", y); getline; sub(/.*<text>/, ""); sub(/<\/text>.*/, ""); p[$0] = y }
		END { d = (p["0.2"] - p["2"]) - (p["1"] - p["10"]); exit !(d < 1 && d > -1 && p["0.2"] - p["2"] > 50) }' r.svg
	grep -q '<text>RAM = 1</text>' r.svg
	awk '/<text>RAM = 1<\/text>/ { on = 1 } on && /stroke-dasharray/ { found = 1 } END { exit !found }' r.svg
}

@test "a table with nothing to plot: exit 1, and no plot left behind, an old one included" {
	printf '#period\tregion\tdownloads\n' >e.tsv
	: >old.png; : >old.svg
	run --separate-stderr "$PLOT" e.tsv period region downloads old
	outcome 1 "" "plot: e.tsv: nothing to plot in column downloads"
	[ ! -e old.png ]
	[ ! -e old.svg ]
	# every Y cell empty is the same
	printf '%s\n' $'#period\tregion\tdelta' $'2024-01-01\tus\t' >e2.tsv
	run --separate-stderr "$PLOT" e2.tsv period region delta e2
	outcome 1 "" "plot: e2.tsv: nothing to plot in column delta"
	[ ! -e e2.png ]
	[ ! -e e2.svg ]
	set -- *.tmp
	[ ! -e "$1" ]
}

@test "a missing column: exit 2, naming it; a bad number: exit 1, naming the line" {
	run --separate-stderr "$PLOT" regions.tsv period region nope x
	outcome 2 "" "plot: regions.tsv: no column nope"
	run --separate-stderr "$PLOT" regions.tsv date region downloads x
	outcome 2 "" "plot: regions.tsv: no column date"
	run --separate-stderr "$PLOT" -w size=1 regions.tsv period region downloads x
	outcome 2 "" "plot: regions.tsv: no column size (-w)"
	printf '%s\n' $'#period\tregion\tdownloads' $'2024-01-01\tus\t12x' >bad.tsv
	run --separate-stderr "$PLOT" bad.tsv period region downloads x
	outcome 1 "" "plot: bad.tsv:2: downloads '12x' is not a number"
	run --separate-stderr "$PLOT" -s pie regions.tsv period region downloads x
	outcome 2 "" "plot: -s takes lines, steps, fsteps or stack, not 'pie'"
	[ ! -e x.png ]
	[ ! -e x.svg ]
}

@test "the same table gives the same bytes, SVG and PNG" {
	need_cmd gnuplot
	plot -t T -y 'downloads per month' -s steps regions.tsv period region delta one
	plot -t T -y 'downloads per month' -s steps regions.tsv period region delta two
	cmp one.svg two.svg
	cmp one.png two.png
	# No path of the machine it ran on.
	run --separate-stderr grep -c -e "$T" -e /tmp one.svg
	outcome 1 0 ""
}
