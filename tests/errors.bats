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

# run_tool TOOL FILE...: stdout in $output, stderr in $stderr.
run_tool() {
	run --separate-stderr "$@"
}

@test "empty input: no output, exit 0" {
	for t in $TOOLS; do
		run_tool "$t" </dev/null
		[ "$status" -eq 0 ] && [ -z "$output" ] && [ -z "$stderr" ] || { echo "$t"; false; }
	done
}

@test "header only: a header out, exit 0" {
	for t in $TOOLS; do
		run_tool "$t" <<<"$H"
		[ "$status" -eq 0 ] && [ "${#lines[@]}" -eq 1 ] && [ "${output:0:1}" = "#" ] && [ -z "$stderr" ] || { echo "$t: $output $stderr"; false; }
	done
}

@test "a missing column is a usage error naming it" {
	for t in $TOOLS; do
		run_tool "$t" -m nope "$T/good"
		[ "$status" -eq 2 ] || { echo "$t: $status"; false; }
		same "${stderr_lines[0]}" "$t: -m nope: no such column in the header of $T/good"
	done
}

@test "a named column without a header is a usage error" {
	tail -n +2 "$T/good" >"$T/nohdr"
	for t in $TOOLS; do
		run_tool "$t" "$T/nohdr"
		[ "$status" -eq 2 ] || { echo "$t: $status"; false; }
		same "${stderr_lines[0]}" "$t: -m model: the input has no '#' header to find a column name in; give a column number"
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
			run_tool "$t" "$T/bad"
			[ "$status" -eq 1 ] || { echo "$t $v: $status"; false; }
			same "$stderr" "$t: $T/bad:3: column downloads: $msg"
		done
	done
}

@test "bad counts in bucketize's params column" {
	printf '#model\tparams\na/x\t8000000000\nb/y\t8e9\n' >"$T/bad"
	run_tool bucketize "$T/bad"
	[ "$status" -eq 1 ]
	same "$output" $'#model\tparams\tsize_b\tbucket\na/x\t8000000000\t8\t7-9B'
	same "$stderr" "bucketize: $T/bad:3: column params: '8e9' is not a count (a whole number)"
}

@test "an invalid date" {
	sed '3s/2025-01-02/2025-02-30/' "$T/good" >"$T/bad"
	for t in $COUNTING; do
		run_tool "$t" "$T/bad"
		[ "$status" -eq 1 ] || { echo "$t: $status"; false; }
		same "$stderr" "$t: $T/bad:3: column date: '2025-02-30' is not a date (YYYY-MM-DD)"
	done
}

@test "CRLF line ends give the same output as LF" {
	sed 's/$/\r/' "$T/good" >"$T/crlf"
	for t in $TOOLS; do
		run "$t" "$T/good"; want=$output
		run_tool "$t" "$T/crlf"
		[ "$status" -eq 0 ] || { echo "$t: $stderr"; false; }
		same "$output" "$want"
	done
}

@test "a NUL byte is a located error; streaming tools keep the rows before it" {
	{ head -5 "$T/good"; printf 'b/m-8B\t2025-01-02\t6\0\t2025-01-01\t7-9B\n'; } >"$T/bad"
	for t in $TOOLS; do
		run_tool "$t" "$T/bad"
		[ "$status" -eq 1 ] || { echo "$t: $status"; false; }
		same "$stderr" "$t: $T/bad:6: NUL byte in line"
	done
	run_tool bucketize "$T/bad"
	[ "${#lines[@]}" -eq 5 ]
	run_tool regionize "$T/bad"
	[ "${#lines[@]}" -eq 5 ]
	# iqr-filter had finished model a before the bad line.
	run_tool iqr-filter "$T/bad"
	same "$output" "$(head -4 "$T/good")"
}

@test "a 10 MB field goes through" {
	big=$(head -c 10000000 /dev/zero | tr '\0' 'x')
	printf '%s\nq/%s\t2025-01-01\t1\t2025-01-01\t1-5B\n' "$H" "$big" >"$T/big"
	for t in $TOOLS; do
		run_tool "$t" "$T/big"
		[ "$status" -eq 0 ] || { echo "$t: $stderr"; false; }
	done
	run_tool regionize "$T/big"
	# The row and the region cell 'unknown' (q is no known namespace).
	same "${lines[1]}" "$(sed -n 2p "$T/big")"$'\tunknown'
	run_tool iqr-filter "$T/big"
	same "$(printf '%s' "${lines[1]}" | md5sum)" "$(sed -n 2p "$T/big" | tr -d '\n' | md5sum)"
}

@test "a repeated header is skipped; a different one is an error after the rows before it" {
	{ head -4 "$T/good"; echo "$H"; tail -3 "$T/good"; } >"$T/dup"
	{ head -4 "$T/good"; printf '#model\tdate\tcount\tcreated\tbucket\n'; tail -3 "$T/good"; } >"$T/mismatch"
	for t in $TOOLS; do
		run "$t" "$T/good"; want=$output
		run_tool "$t" "$T/dup"
		same "$output" "$want" || { echo "$t"; false; }
		run_tool "$t" "$T/mismatch"
		[ "$status" -eq 1 ] || { echo "$t: $status"; false; }
		same "$stderr" "$t: $T/mismatch:5: header '#model\\tdate\\tcount\\tcreated\\tbucket' differs from the first header 'model\\tdate\\tdownloads\\tcreated\\tbucket'"
	done
	run_tool bucketize "$T/mismatch"
	[ "${#lines[@]}" -eq 4 ]
}

@test "ungrouped input is a located error for the per-model tools" {
	{ head -2 "$T/good"; tail -3 "$T/good"; sed -n 3p "$T/good"; } >"$T/ungrouped"
	for t in $COUNTING; do
		run_tool "$t" "$T/ungrouped"
		[ "$status" -eq 1 ] || { echo "$t: $status"; false; }
		same "$stderr" "$t: $T/ungrouped:6: model 'a/m-1B' appears again after other models: the input must be grouped by model (sort it with LC_ALL=C sort)"
	done
}

@test "'-' among several files reads standard input in its place" {
	head -4 "$T/good" >"$T/one"
	{ echo "$H"; tail -3 "$T/good"; } >"$T/two"
	for t in $TOOLS; do
		run "$t" "$T/good"; want=$output
		run_tool "$t" "$T/one" - <"$T/two"
		same "$output" "$want" || { echo "$t"; false; }
	done
}

@test "a file that does not exist, or a directory: an error before any output" {
	mkdir "$T/dir"
	for t in $TOOLS; do
		run_tool "$t" "$T/good" "$T/missing"
		outcome 1 "" "$t: $T/missing: No such file or directory" || { echo "$t"; false; }
		run_tool "$t" "$T/good" "$T/dir"
		outcome 1 "" "$t: $T/dir: Is a directory" || { echo "$t"; false; }
	done
}

@test "CSV where TSV belongs: the message says it looks like CSV" {
	tr '\t' , <"$T/good" >"$T/good.csv"
	for t in $TOOLS; do
		run_tool "$t" "$T/good.csv"
		outcome 2 "" "$t: -m model: no such column in the header of $T/good.csv (it looks like CSV: commas and no TAB; these tools read TSV)
Try '$t -h' for more information." || { echo "$t"; false; }
		tail -n +2 "$T/good.csv" >"$T/nohdr.csv"
		run_tool "$t" "$T/nohdr.csv"
		outcome 2 "" "$t: -m model: the input has no '#' header to find a column name in; give a column number (it looks like CSV: commas and no TAB; these tools read TSV)
Try '$t -h' for more information." || { echo "$t"; false; }
	done
}

@test "-h, --help and --version fail when standard output cannot be written" {
	for t in hfsnap-parse $TOOLS; do
		for o in -h --help --version; do
			run_tool bash -c "'$t' $o >/dev/full"
			outcome 1 "" "$t: write error: No space left on device" || { echo "$t $o"; false; }
		done
	done
}

@test "output to a full disk is an error" {
	for t in $TOOLS; do
		"$t" "$T/good" >/dev/full 2>"$T/err" && { echo "$t succeeded"; false; }
		same "$(cat "$T/err")" "$t: write error: No space left on device"
	done
}

@test "a reader that stops early ends the tool quietly" {
	hfsnap-gen series -n 2000 -D 60 | awk -F'\t' -v OFS='\t' 'NR == 1 { print $0, "bucket"; next } { print $0, "1-5B" }' >"$T/big"
	for t in $TOOLS; do
		run bash -c "'$t' '$T/big' 2>'$T/err' | head -1"
		[ "${output:0:1}" = "#" ] || { echo "$t: $output"; false; }
		[ ! -s "$T/err" ] || { echo "$t: $(cat "$T/err")"; false; }
	done
}

@test "unknown options, and options missing their argument" {
	for t in hfsnap-parse $TOOLS; do
		run_tool "$t" --no-such-option
		[ "$status" -eq 2 ]
		same "$stderr" $"$t: unknown option '--no-such-option'"$'\n'"Try '$t -h' for more information."
		run_tool "$t" -m
		[ "$status" -eq 2 ] || { echo "$t -m: $status"; false; }
	done
}

@test "every tool prints its version" {
	for t in hfsnap-parse $TOOLS; do
		run "$t" --version
		[ "$status" -eq 0 ]
		[[ "$output" =~ ^$t\ [0-9]+\.[0-9]+\.[0-9]+$ ]]
	done
}
