#!/usr/bin/env bats
# The same bad inputs, fed to every TSV tool: each gets an exact message,
# an exact exit status, and keeps the complete rows it wrote before the
# fault.  (hfsnap-parse's JSON faults are in hfsnap-parse.bats.)

load helper

TOOLS="iqr-filter bucketize regionize cummulate ram"
# Tools that read the count and date columns, and that need grouped input.
COUNTING="iqr-filter cummulate ram"

setup() {
	T=$BATS_TEST_TMPDIR
	H=$'#model\tdate\tdownloads\tcreated\tbucket'
	# Two models, three days each: valid for every tool with no options.
	{
		echo "$H"
		printf 'a/m-1B\t2025-01-0%d\t%d\t2025-01-01\t1-5B\n' 1 10 2 20 3 30
		printf 'b/m-8B\t2025-01-0%d\t%d\t2025-01-01\t7-9B\n' 1 5 2 6 3 7
	} >"$T/good"
}

# The header each tool writes for $T/good's.
header_of() {
	case $1 in
	iqr-filter) echo "$H" ;;
	bucketize) echo "$H"$'\tsize_b\tbucket' ;;
	regionize) echo "$H"$'\tregion' ;;
	cummulate) echo $'#period\tdownloads_cum' ;;
	ram) echo $'#model\tbucket\trelease\tmilestone\tdownloads\tref_median\tram\tref_n' ;;
	esac
}

# What TOOL has written of $T/good-like input when a fault stops it:
# the streaming tools' rows before it (the caller's), iqr-filter's and
# cummulate's header (a model is held until its last row), nothing of ram's
# (it writes at the end).
before_fault() {
	case $1 in
	ram) echo "" ;;
	*) header_of "$1" ;;
	esac
}

# want TOOL FILE: the standard output and error of TOOL on FILE, to compare
# another run with (a test of one input against another).
want() {
	run --separate-stderr "$1" "$2"
	want_status=$status want_out=$output want_err=$stderr
}

@test "empty input: no output, exit 0" {
	for t in $TOOLS; do
		run --separate-stderr "$t" </dev/null
		outcome 0 "" "" || { echo "$t"; false; }
	done
}

@test "header only: the header out, exit 0" {
	for t in $TOOLS; do
		run --separate-stderr "$t" <<<"$H"
		outcome 0 "$(header_of "$t")" "" || { echo "$t"; false; }
	done
}

@test "a missing column is a usage error naming it" {
	for t in $TOOLS; do
		run --separate-stderr "$t" -m nope "$T/good"
		outcome 2 "" "$t: -m nope: no such column in the header of $T/good
Try '$t -h' for more information." || { echo "$t"; false; }
	done
}

@test "a named column without a header is a usage error" {
	tail -n +2 "$T/good" >"$T/nohdr"
	for t in $TOOLS; do
		run --separate-stderr "$t" "$T/nohdr"
		outcome 2 "" "$t: -m model: the input has no '#' header to find a column name in; give a column number
Try '$t -h' for more information." || { echo "$t"; false; }
	done
}

@test "non-numeric, negative and too large counts, on line 3" {
	for v in 12x -5 9223372036854775808; do
		sed "3s/\t20\t/\t$v\t/" "$T/good" >"$T/bad"
		case $v in
		12x) msg="'12x' is not a count (a whole number)" ;;
		-5) msg="'-5' is a negative count" ;;
		*) msg="'9223372036854775808' is past 2^63-1" ;;
		esac
		for t in $COUNTING; do
			run --separate-stderr "$t" "$T/bad"
			outcome 1 "$(before_fault "$t")" "$t: $T/bad:3: column downloads: $msg" ||
				{ echo "$t $v"; false; }
		done
	done
}

@test "bad counts in bucketize's params column" {
	printf '#model\tparams\na/x\t8000000000\nb/y\t8e9\n' >"$T/bad"
	run --separate-stderr bucketize "$T/bad"
	outcome 1 $'#model\tparams\tsize_b\tbucket\na/x\t8000000000\t8\t7-9B' \
	    "bucketize: $T/bad:3: column params: '8e9' is not a count (a whole number)"
}

@test "an invalid date" {
	sed '3s/2025-01-02/2025-02-30/' "$T/good" >"$T/bad"
	for t in $COUNTING; do
		run --separate-stderr "$t" "$T/bad"
		outcome 1 "$(before_fault "$t")" "$t: $T/bad:3: column date: '2025-02-30' is not a date (YYYY-MM-DD)" ||
			{ echo "$t"; false; }
	done
}

@test "CRLF line ends give the same output as LF" {
	sed 's/$/\r/' "$T/good" >"$T/crlf"
	for t in $TOOLS; do
		want "$t" "$T/good"
		run --separate-stderr "$t" "$T/crlf"
		outcome "$want_status" "$want_out" "$want_err" || { echo "$t"; false; }
	done
}

@test "a NUL byte is a located error; streaming tools keep the rows before it" {
	{ head -5 "$T/good"; printf 'b/m-8B\t2025-01-02\t6\0\t2025-01-01\t7-9B\n'; } >"$T/bad"
	for t in $TOOLS; do
		case $t in
		bucketize|regionize)
			# Every row before the bad one, with its added cells.
			want "$t" "$T/good"
			out=$(printf '%s\n' "$want_out" | head -5) ;;
		iqr-filter)
			# Model a was finished before the bad line.
			out=$(head -4 "$T/good") ;;
		*)	out=$(before_fault "$t") ;;
		esac
		run --separate-stderr "$t" "$T/bad"
		outcome 1 "$out" "$t: $T/bad:6: NUL byte in line" || { echo "$t"; false; }
	done
}

@test "input that arrives a few bytes at a time, from a pipe, is read whole" {
	for t in $TOOLS; do
		want "$t" "$T/good"
		# The pipe gives the header, then one byte, then the rest.
		run --separate-stderr bash -c "{ head -1 '$T/good'; sleep 0.3; printf a; sleep 0.3; tail -n +2 '$T/good' | sed '1s/^.//'; } | '$t'"
		outcome "$want_status" "$want_out" "$want_err" || { echo "$t"; false; }
	done
}

@test "a 10 MB field goes through" {
	big=$(head -c 10000000 /dev/zero | tr '\0' 'x')
	printf '%s\nq/%s\t2025-01-01\t1\t2025-01-01\t1-5B\n' "$H" "$big" >"$T/big"
	row=$(sed -n 2p "$T/big")
	# The row comes out whole: with the region cell 'unknown' (q is no
	# known namespace), or as it came.
	run --separate-stderr regionize "$T/big"
	outcome -f 'sed -n 2p | md5sum' 0 "$(printf '%s\tunknown\n' "$row" | md5sum)" ""
	run --separate-stderr iqr-filter "$T/big"
	outcome -f 'sed -n 2p | md5sum' 0 "$(printf '%s\n' "$row" | md5sum)" ""
	run --separate-stderr bucketize "$T/big"
	outcome -f 'wc -l' 0 2 ""
	run --separate-stderr cummulate "$T/big"
	outcome 0 $'#period\tdownloads_cum\n2025-01-02\t1' ""
	# One day of counts: no milestone reached, no row, no message.
	run --separate-stderr ram --min-reference 1 "$T/big"
	outcome 0 "$(header_of ram)" ""
}

@test "a repeated header is skipped; a different one is an error after the rows before it" {
	{ head -4 "$T/good"; echo "$H"; tail -3 "$T/good"; } >"$T/dup"
	{ head -4 "$T/good"; printf '#model\tdate\tcount\tcreated\tbucket\n'; tail -3 "$T/good"; } >"$T/mismatch"
	for t in $TOOLS; do
		want "$t" "$T/good"
		run --separate-stderr "$t" "$T/dup"
		outcome "$want_status" "$want_out" "$want_err" || { echo "$t"; false; }
		case $t in
		bucketize|regionize) out=$(printf '%s\n' "$want_out" | head -4) ;;
		iqr-filter) out=$(head -1 "$T/good") ;;
		*) out=$(before_fault "$t") ;;
		esac
		run --separate-stderr "$t" "$T/mismatch"
		outcome 1 "$out" "$t: $T/mismatch:5: header '#model\\tdate\\tcount\\tcreated\\tbucket' differs from the first header 'model\\tdate\\tdownloads\\tcreated\\tbucket'" ||
			{ echo "$t"; false; }
	done
}

@test "ungrouped input is a located error for the per-model tools" {
	{ head -2 "$T/good"; tail -3 "$T/good"; sed -n 3p "$T/good"; } >"$T/ungrouped"
	for t in $COUNTING; do
		case $t in
		iqr-filter) out=$(head -2 "$T/good"; tail -3 "$T/good") ;;
		*) out=$(before_fault "$t") ;;
		esac
		run --separate-stderr "$t" "$T/ungrouped"
		outcome 1 "$out" "$t: $T/ungrouped:6: model 'a/m-1B' appears again after other models: the input must be grouped by model (sort it with LC_ALL=C sort)" ||
			{ echo "$t"; false; }
	done
}

@test "'-' among several files reads standard input in its place" {
	head -4 "$T/good" >"$T/one"
	{ echo "$H"; tail -3 "$T/good"; } >"$T/two"
	for t in $TOOLS; do
		want "$t" "$T/good"
		run --separate-stderr "$t" "$T/one" - <"$T/two"
		outcome "$want_status" "$want_out" "$want_err" || { echo "$t"; false; }
	done
}

@test "a file that does not exist, or a directory: an error before any output" {
	mkdir "$T/dir"
	for t in $TOOLS; do
		run --separate-stderr "$t" "$T/good" "$T/missing"
		outcome 1 "" "$t: $T/missing: No such file or directory" || { echo "$t"; false; }
		run --separate-stderr "$t" "$T/good" "$T/dir"
		outcome 1 "" "$t: $T/dir: Is a directory" || { echo "$t"; false; }
	done
}

@test "CSV where TSV belongs: the message says it looks like CSV" {
	tr '\t' , <"$T/good" >"$T/good.csv"
	tail -n +2 "$T/good.csv" >"$T/nohdr.csv"
	for t in $TOOLS; do
		run --separate-stderr "$t" "$T/good.csv"
		outcome 2 "" "$t: -m model: no such column in the header of $T/good.csv (it looks like CSV: commas and no TAB; these tools read TSV)
Try '$t -h' for more information." || { echo "$t"; false; }
		run --separate-stderr "$t" "$T/nohdr.csv"
		outcome 2 "" "$t: -m model: the input has no '#' header to find a column name in; give a column number (it looks like CSV: commas and no TAB; these tools read TSV)
Try '$t -h' for more information." || { echo "$t"; false; }
	done
}

@test "-h, --help and --version fail when standard output cannot be written" {
	for t in hfsnap-parse $TOOLS; do
		for o in -h --help --version; do
			run --separate-stderr bash -c "'$t' $o >/dev/full"
			outcome 1 "" "$t: write error: No space left on device" || { echo "$t $o"; false; }
		done
	done
}

@test "output to a full disk is an error" {
	for t in $TOOLS; do
		run --separate-stderr bash -c "'$t' '$T/good' >/dev/full"
		outcome 1 "" "$t: write error: No space left on device" || { echo "$t"; false; }
	done
}

@test "a reader that stops early ends the tool quietly" {
	hfsnap-gen series -n 2000 -D 60 | awk -F'\t' -v OFS='\t' 'NR == 1 { print $0, "bucket"; next } { print $0, "1-5B" }' >"$T/big"
	head -1 "$T/big" >"$T/header"
	for t in $TOOLS; do
		want "$t" "$T/header"
		run --separate-stderr bash -c "'$t' '$T/big' | head -1; echo \"\${PIPESTATUS[0]}\" >'$T/status'"
		outcome 0 "$want_out" "" || { echo "$t"; false; }
		# The tool ended by SIGPIPE (141), or had written all before
		# head left (cummulate's few rows).
		case $(cat "$T/status") in
		0|141) ;;
		*) echo "$t: status $(cat "$T/status")"; false ;;
		esac
	done
}

@test "unknown options, options missing their argument, flags given a value" {
	for t in hfsnap-parse $TOOLS; do
		run --separate-stderr "$t" --no-such-option
		outcome 2 "" "$t: unknown option '--no-such-option'
Try '$t -h' for more information." || { echo "$t"; false; }
		run --separate-stderr "$t" -m
		case $t in
		hfsnap-parse) msg="$t: unknown option '-m'" ;;
		*) msg="$t: option '-m' needs an argument" ;;
		esac
		outcome 2 "" "$msg
Try '$t -h' for more information." || { echo "$t -m"; false; }
		# A flag given a value is named as written, not by its code.
		run --separate-stderr "$t" --help=1
		outcome 2 "" "$t: option '--help' takes no value
Try '$t -h' for more information." || { echo "$t --help=1"; false; }
		run --separate-stderr "$t" --version=yes
		outcome 2 "" "$t: option '--version' takes no value
Try '$t -h' for more information." || { echo "$t --version=yes"; false; }
		run --separate-stderr "$t" --no-such-option=1
		outcome 2 "" "$t: unknown option '--no-such-option=1'
Try '$t -h' for more information." || { echo "$t --no-such-option=1"; false; }
	done
}

@test "every tool prints its version" {
	version=$(sed -n 's/.*HFSNAP_VERSION "\(.*\)".*/\1/p' "$ROOT/lib/version.h")
	[ -n "$version" ]
	for t in hfsnap-parse $TOOLS; do
		run --separate-stderr "$t" --version
		outcome 0 "$t $version" "" || { echo "$t"; false; }
	done
}
