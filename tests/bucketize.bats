#!/usr/bin/env bats
# bucketize: size in billions and size bucket.

load helper

SIZES=$BATS_TEST_DIRNAME/bucketize/sizes.csv
NAMES=$BATS_TEST_DIRNAME/bucketize/names.txt

setup() {
	T=$BATS_TEST_TMPDIR
}

# Writes a table "model<TAB>params" with a header and runs bucketize on it.
bucketize_rows() {
	{ printf '#model\tparams\n'; cat; } >"$T/in"
	run --separate-stderr bucketize "$@" "$T/in"
}

@test "sizes from real names, as the issue lists them (expected sizes written by hand)" {
	cut -f1 "$NAMES" | bucketize -m 1 | cut -f1,2 >"$T/got"
	diff "$T/got" "$NAMES"
}

@test "names agree with the registry's model_sizes.py rule (Python oracle)" {
	need_cmd python3
	cut -f1 "$NAMES" | python3 "$BATS_TEST_DIRNAME/model_sizes_oracle.py" >"$T/py"
	cut -f1 "$NAMES" | bucketize -m 1 | cut -f1,2 >"$T/c"
	diff "$T/c" "$T/py"
}

@test "names of every tracked model agree with the Python oracle" {
	need_shared data/tracked-models/models.csv
	need_cmd python3
	{ tail -n +2 "$SHARED/data/tracked-models/models.csv"; tail -n +2 "$SHARED/data/tracked-models/extra_models.csv"; } |
		cut -d, -f3 >"$T/ids"
	python3 "$BATS_TEST_DIRNAME/model_sizes_oracle.py" <"$T/ids" >"$T/py"
	bucketize -m 1 <"$T/ids" | cut -f1,2 >"$T/c"
	diff "$T/c" "$T/py"
	[ "$(cut -f2 "$T/c" | grep -c .)" -gt 1000 ]
}

@test "the default buckets and their labels" {
	printf '%s\n' a-0.5B b-3B c-6B d-8B e-32B f-70B g-120B h-671B x | bucketize -m 1 >"$T/out"
	same "$(cut -f3 "$T/out" | tr '\n' ' ')" "<1B 1-5B 7-9B 7-9B 10-50B 50-100B 100-250B 250B+  "
}

@test "both sides of every edge" {
	bucketize_rows --billions <<-'EOF'
	m1	0.999
	m2	1
	m3	4.99
	m4	5
	m5	9.99
	m6	10
	m7	49.99
	m8	50
	m9	99.99
	m10	100
	m11	249.99
	m12	250
	m13	2800
	EOF
	[ "$status" -eq 0 ]
	same "$(printf '%s\n' "${lines[@]}" | tail -n +2 | cut -f4 | tr '\n' ' ')" \
		"<1B 1-5B 1-5B 7-9B 7-9B 10-50B 10-50B 50-100B 50-100B 100-250B 100-250B 250B+ 250B+ "
}

@test "a raw parameter count is written exactly in billions" {
	bucketize_rows <<-'EOF'
	Qwen/Qwen3-8B-like	8190735360
	tiny/x	135000
	edge/one	999999999
	edge/two	1000000000
	EOF
	[ "$status" -eq 0 ]
	same "$output" $'#model\tparams\tsize_b\tbucket\nQwen/Qwen3-8B-like\t8190735360\t8.19073536\t7-9B\ntiny/x\t135000\t0.000135\t<1B\nedge/one\t999999999\t0.999999999\t<1B\nedge/two\t1000000000\t1\t1-5B'
}

@test "resolution order: table, then params, then the name" {
	bucketize_rows -s "$SIZES" <<-'EOF'
	Qwen/Qwen3-8B	30000000000
	other/Qwen3-8B	30000000000
	other/Qwen3-8B	
	other/Qwen3-8B	0
	mistralai/Mixtral-8x7B-v0.1	
	deepseek-ai/DeepSeek-R1	685000000000
	quoted/Id-1B	
	multi/line	
	blank/size	
	EOF
	[ "$status" -eq 0 ]
	same "$(printf '%s\n' "${lines[@]}" | tail -n +2 | cut -f3,4 | tr '\t\n' '= ')" \
		"8.2=7-9B 30=10-50B 8=7-9B 8=7-9B 46.7=10-50B 671=250B+ 3=1-5B 0.05=<1B = "
}

@test "--no-names and --billions" {
	bucketize_rows --no-names --billions <<-'EOF'
	a/Model-7B	
	a/Model-7B	1.5
	EOF
	same "$(printf '%s\n' "${lines[@]}" | tail -n +2 | cut -f3,4 | tr '\t\n' '= ')" "= 1.5=1-5B "
}

@test "--edges and --labels" {
	printf '%s\n' a-0.5B b-3B c-20B | bucketize -m 1 --edges 1,10 --labels small,mid,big >"$T/out"
	same "$(cut -f3 "$T/out" | tr '\n' ' ')" "small mid big "
	run --separate-stderr bucketize --edges 1,10 </dev/null
	[ "$status" -eq 2 ]
	same "${stderr_lines[0]}" "bucketize: --labels gives 7 names for 2 edges: it needs one more name than edges"
	run --separate-stderr bucketize --edges 10,1 --labels a,b,c </dev/null
	[ "$status" -eq 2 ]
	same "${stderr_lines[0]}" "bucketize: --edges 10,1: edges must increase"
}

@test "without a params column in the header, sizes come from the table and names" {
	printf '#model\tdate\nQwen/Qwen2.5-7B-Instruct\t2025-01-01\n' | bucketize >"$T/out"
	same "$(cat "$T/out")" $'#model\tdate\tsize_b\tbucket\nQwen/Qwen2.5-7B-Instruct\t2025-01-01\t7\t7-9B'
	run --separate-stderr bucketize -p params <"$T/out"
	[ "$status" -eq 2 ]
}

@test "hfsnap-parse output needs no options" {
	hfsnap-parse -d 2025-07-10 -f model,params "$BATS_TEST_DIRNAME/hfsnap-parse/basic.json" | bucketize >"$T/out"
	same "$(sed -n 2p "$T/out")" $'Qwen/Qwen3-8B\t8190735360\t8.19073536\t7-9B'
	same "$(sed -n 5p "$T/out")" $'someone/gguf-by-file\t\t\t'
}

@test "the registry's model_parameters.csv is read as published" {
	need_shared data/tracked-models/metadata/model_parameters.csv
	need_cmd python3
	table=$SHARED/data/tracked-models/metadata/model_parameters.csv
	python3 -c 'import csv,sys
r = list(csv.DictReader(open(sys.argv[1], newline="")))
for x in r:
    print(x["model_id"] + "\t" + ("%.9f" % float(x["total_params_b"])).rstrip("0").rstrip("."))' "$table" >"$T/want"
	cut -f1 "$T/want" | bucketize -m 1 --no-names -s "$table" | cut -f1,2 >"$T/got"
	[ "$(wc -l <"$T/got")" -gt 250 ]
	# A model listed twice keeps its last size, as a dict would.
	diff <(sort -u "$T/got") <(python3 -c 'import sys
d = {}
for l in open(sys.argv[1]):
    k, v = l.rstrip("\n").split("\t"); d[k] = v
for k, v in d.items(): print(k + "\t" + v)' "$T/want" | sort -u)
}

@test "table errors: a bad size, no such header, an unterminated quote" {
	printf 'model_id,total_params_b\na/b,8\nc/d,eight\n' >"$T/t.csv"
	run --separate-stderr bucketize -m 1 -s "$T/t.csv" </dev/null
	[ "$status" -eq 1 ]
	same "$stderr" "bucketize: $T/t.csv:3: total_params_b 'eight' is not a size in billions"
	printf 'id,size\na/b,8\n' >"$T/t.csv"
	run --separate-stderr bucketize -m 1 -s "$T/t.csv" </dev/null
	[ "$status" -eq 1 ]
	same "$stderr" "bucketize: $T/t.csv: no header line naming model_id and total_params_b"
	printf 'model_id,total_params_b,notes\na/b,8,"open\nc/d,9,x\n' >"$T/t.csv"
	run --separate-stderr bucketize -m 1 -s "$T/t.csv" </dev/null
	[ "$status" -eq 1 ]
	same "$stderr" "bucketize: $T/t.csv:2: unterminated quoted field"
	run --separate-stderr bucketize -m 1 -s "$T/none.csv" </dev/null
	[ "$status" -eq 1 ]
	same "$stderr" "bucketize: $T/none.csv: No such file or directory"
}

@test "a TSV table with a '#' header works too" {
	printf '#model_id\ttotal_params_b\na/b\t12.5\n' >"$T/t.tsv"
	run bucketize -m 1 -s "$T/t.tsv" <<<"a/b"
	same "$output" $'a/b\t12.5\t10-50B'
}

@test "bad counts in the params column" {
	for v in 8e9 -5 abc; do
		bucketize_rows <<<"a/b	$v"
		[ "$status" -eq 1 ]
	done
	same "$stderr" "bucketize: $T/in:2: column params: 'abc' is not a count (a whole number)"
	bucketize_rows --billions <<<"a/b	x"
	same "$stderr" "bucketize: $T/in:2: column params: 'x' is not a size in billions"
}

@test "missing column, no header, short row" {
	run --separate-stderr bucketize -m nope <<<$'#model\nx'
	[ "$status" -eq 2 ]
	same "${stderr_lines[0]}" "bucketize: -m nope: no such column in the header of -"
	run --separate-stderr bucketize <<<$'a/b-8B'
	[ "$status" -eq 2 ]
	run --separate-stderr bucketize -m 2 <<<$'a\tb\nc'
	[ "$status" -eq 1 ]
	same "$output" $'a\tb\t\t'
	same "$stderr" "bucketize: -:2: line has 1 field, column 2 needs 2"
}

@test "CRLF input, several files, '-', repeated headers" {
	printf '#model\r\na/x-8B\r\n' >"$T/a"
	printf '#model\nb/y-1B\n' >"$T/b"
	run bucketize "$T/a" - <"$T/b"
	same "$output" $'#model\tsize_b\tbucket\na/x-8B\t8\t7-9B\nb/y-1B\t1\t1-5B'
}

@test "empty input, header only" {
	run bucketize </dev/null
	[ "$status" -eq 0 ]; [ -z "$output" ]
	run bucketize <<<'#model'
	same "$output" $'#model\tsize_b\tbucket'
}

@test "a full disk is an error" {
	bucketize -m 1 <"$NAMES" >/dev/full 2>"$T/err" && false
	same "$(cat "$T/err")" "bucketize: write error: No space left on device"
}

@test "-h fits a screen and matches the man page SYNOPSIS" {
	check_synopsis bucketize
}
