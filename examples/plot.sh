#!/bin/sh
# plot.sh TABLE COLUMN TITLE OUT.png [ram]
# Plots a long table (x in column 1, group in column 2, y in COLUMN) as one
# line per group with gnuplot.  With "ram", x is the milestone (7d ...) of
# the ram long format and the group is the model.  A table with no value
# to plot is an error: an empty plot would look like a finished one.
set -eu
table=$1 col=$2 title=$3 png=$4 mode=${5:-}
data=$(mktemp)
trap 'rm -f "$data" "$png.tmp"' EXIT
if [ "$mode" = ram ]; then
	awk -F'\t' -v c="$col" 'NR > 1 && $c != "" { sub(/d$/, "", $4); print $1 "\t" $4 "\t" $c }' "$table"
else
	awk -F'\t' -v c="$col" 'NR > 1 && $c != "" { g = $2 == "" ? "(none)" : $2; print g "\t" $1 "\t" $c }' "$table"
fi | LC_ALL=C sort -t "$(printf '\t')" -k1,1 -s |
	awk -F'\t' '$1 != g { if (NR > 1) printf "\n\n"; g = $1; print "\"" g "\"" } { print $2 "\t" $3 }' >"$data"
blocks=$(grep -c '^"' "$data" || true)
if [ "$blocks" -eq 0 ]; then
	echo "plot.sh: $table: nothing to plot in column $col" >&2
	exit 1
fi
if [ "$mode" = ram ]; then
	xset="set xlabel 'days since release'"
else
	xset="set xdata time; set timefmt '%Y-%m-%d'; set format x '%b %y'; set xtics rotate by -30"
fi
gnuplot <<GP
set terminal pngcairo size 1100,560 noenhanced font ',10'
set output '$png.tmp'
set title '$title'
set key outside right font ',8'
set grid
$xset
plot for [i=0:$((blocks - 1))] '$data' index i using 1:2 with linespoints title columnheader(1)
GP
mv "$png.tmp" "$png"
