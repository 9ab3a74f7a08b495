#!/usr/bin/env bats
# bucketize: size in billions and size bucket.  Every test checks the exit
# status, standard output and standard error together (outcome), with
# expected rows written by hand unless an oracle is named.

load helper

SIZES=$BATS_TEST_DIRNAME/bucketize/sizes.csv
NAMES=$BATS_TEST_DIRNAME/bucketize/names.txt
TRY="Try 'bucketize -h' for more information."

setup() {
	T=$BATS_TEST_TMPDIR
}

# Here-document text with '|' for TAB, so rows stay readable.
rows() {
	tr '|' '\t'
}

# Writes "#model<TAB>params" and the rows on stdin ('|' for TAB) to $T/in
# and runs bucketize with the given options on it.
bucketize_rows() {
	{ printf '#model\tparams\n'; rows; } >"$T/in"
	run --separate-stderr bucketize "$@" "$T/in"
}

# Appends the bucket to "id<TAB>size" lines as the registry's
# get_size_bucket (metadata/model_sizes.py) gives it, with "unknown" and an
# empty size where it gives None (no size, or 0).
registry_buckets() {
	awk -F'\t' -v OFS='\t' '
		$2 == "" || $2 + 0 == 0 { print $1, "", "unknown"; next }
		{ s = $2 + 0
		  if (s < 1) b = "<1B"; else if (s < 5) b = "1-5B"; else if (s < 10) b = "7-9B"
		  else if (s < 50) b = "10-50B"; else if (s < 100) b = "50-100B"
		  else if (s < 250) b = "100-250B"; else b = "250B+"
		  print $1, $2, b }'
}

@test "sizes and buckets from real names, as the issue lists them (written by hand)" {
	cut -f1 "$NAMES" >"$T/ids"
	run --separate-stderr bucketize -m 1 "$T/ids"
	outcome 0 "$(cat "$NAMES")" ""
}

@test "names agree with the registry's model_sizes.py rule (Python oracle)" {
	need_cmd python3
	cut -f1 "$NAMES" >"$T/ids"
	python3 "$BATS_TEST_DIRNAME/model_sizes_oracle.py" <"$T/ids" | registry_buckets >"$T/want"
	run --separate-stderr bucketize -m 1 "$T/ids"
	outcome 0 "$(cat "$T/want")" ""
}

@test "names of every tracked model agree with the Python oracle" {
	need_shared data/tracked-models/models.csv
	need_cmd python3
	{ tail -n +2 "$SHARED/data/tracked-models/models.csv"; tail -n +2 "$SHARED/data/tracked-models/extra_models.csv"; } |
		cut -d, -f3 >"$T/ids"
	python3 "$BATS_TEST_DIRNAME/model_sizes_oracle.py" <"$T/ids" | registry_buckets >"$T/want"
	run --separate-stderr bucketize -m 1 "$T/ids"
	outcome 0 "$(cat "$T/want")" ""
	[ "$(cut -f2 "$T/want" | grep -c .)" -gt 1000 ]
}

@test "the default buckets and their labels" {
	printf '%s\n' a-0.5B b-3B c-6B d-8B e-32B f-70B g-120B h-671B x >"$T/ids"
	run --separate-stderr bucketize -m 1 "$T/ids"
	want=$(rows <<-'EOF'
	a-0.5B|0.5|<1B
	b-3B|3|1-5B
	c-6B|6|7-9B
	d-8B|8|7-9B
	e-32B|32|10-50B
	f-70B|70|50-100B
	g-120B|120|100-250B
	h-671B|671|250B+
	x||unknown
	EOF
	)
	outcome 0 "$want" ""
}

@test "both sides of every edge" {
	bucketize_rows --billions <<-'EOF'
	m1|0.999
	m2|1
	m3|4.99
	m4|5
	m5|9.99
	m6|10
	m7|49.99
	m8|50
	m9|99.99
	m10|100
	m11|249.99
	m12|250
	m13|2800
	EOF
	want=$(rows <<-'EOF'
	#model|params|size_b|bucket
	m1|0.999|0.999|<1B
	m2|1|1|1-5B
	m3|4.99|4.99|1-5B
	m4|5|5|7-9B
	m5|9.99|9.99|7-9B
	m6|10|10|10-50B
	m7|49.99|49.99|10-50B
	m8|50|50|50-100B
	m9|99.99|99.99|50-100B
	m10|100|100|100-250B
	m11|249.99|249.99|100-250B
	m12|250|250|250B+
	m13|2800|2800|250B+
	EOF
	)
	outcome 0 "$want" ""
}

@test "the bucket comes from the exact size; the size is written to nine decimals inside its bucket" {
	bucketize_rows --billions <<-'EOF'
	a|4.99999999999999999999
	b|4.9999999999
	c|0.9999999995
	d|9.9999999994
	e|5.0000000004
	f|1.0000000005
	g|249.9999999999
	h|250.0000000001
	i|0.0000000004
	j|4.6e1
	k|5e-1
	l|0.000000001
	m|2.5e10
	n|19.9999999996
	o|99.9999999996
	p|999.9999999996
	q|1e9
	r|+3.5
	EOF
	want=$(rows <<-'EOF'
	#model|params|size_b|bucket
	a|4.99999999999999999999|4.999999999|1-5B
	b|4.9999999999|4.999999999|1-5B
	c|0.9999999995|0.999999999|<1B
	d|9.9999999994|9.999999999|7-9B
	e|5.0000000004|5|7-9B
	f|1.0000000005|1.000000001|1-5B
	g|249.9999999999|249.999999999|100-250B
	h|250.0000000001|250|250B+
	i|0.0000000004|0|<1B
	j|4.6e1|46|10-50B
	k|5e-1|0.5|<1B
	l|0.000000001|0.000000001|<1B
	m|2.5e10|25000000000|250B+
	n|19.9999999996|20|10-50B
	o|99.9999999996|99.999999999|50-100B
	p|999.9999999996|1000|250B+
	q|1e9|1000000000|250B+
	r|+3.5|3.5|1-5B
	EOF
	)
	outcome 0 "$want" ""
}

@test "sizes from the table and from M names are exact too" {
	printf 'model_id,total_params_b\nt/a,4.99999999999999999999\nt/b,9.9999999995\n' >"$T/t.csv"
	printf '%s\n' t/a t/b n/m-999.9999999999M n/m-4.9999999999B >"$T/ids"
	run --separate-stderr bucketize -m 1 -s "$T/t.csv" "$T/ids"
	want=$(rows <<-'EOF'
	t/a|4.999999999|1-5B
	t/b|9.999999999|7-9B
	n/m-999.9999999999M|0.999999999|<1B
	n/m-4.9999999999B|4.999999999|1-5B
	EOF
	)
	outcome 0 "$want" ""
}

@test "quoted sizes in a CSV table" {
	printf 'model_id,total_params_b\nq/a,"5"\nq/b,"46.7"\nq/c,"2e1"\n"q/d","0.5"\n' >"$T/t.csv"
	printf '%s\n' q/a q/b q/c q/d >"$T/ids"
	run --separate-stderr bucketize -m 1 -s "$T/t.csv" "$T/ids"
	outcome 0 $'q/a\t5\t7-9B\nq/b\t46.7\t10-50B\nq/c\t20\t10-50B\nq/d\t0.5\t<1B' ""
}

@test "edges are compared exactly, and may have at most nine decimals" {
	printf '%s\n' x/m-12345678901234567890.5B x/m-12345678901234567891B x/m-12345678901234567889.999999999999B >"$T/ids"
	run --separate-stderr bucketize -m 1 --edges 12345678901234567890,12345678901234567891 --labels a,b,c "$T/ids"
	want=$(rows <<-'EOF'
	x/m-12345678901234567890.5B|12345678901234567890.5|b
	x/m-12345678901234567891B|12345678901234567891|c
	x/m-12345678901234567889.999999999999B|12345678901234567889.999999999|a
	EOF
	)
	outcome 0 "$want" ""
	run --separate-stderr bucketize --edges 1.0000000001,2 --labels a,b,c </dev/null
	outcome 2 "" "bucketize: --edges 1.0000000001,2: '1.0000000001' has more than nine decimals
$TRY"
	run --separate-stderr bucketize --edges 1.00000000001,2 --labels a,b,c </dev/null
	outcome 2 "" "bucketize: --edges 1.00000000001,2: '1.00000000001' has more than nine decimals
$TRY"
	# Trailing zeros are no decimals.
	run --separate-stderr bucketize -m 1 --edges 1.000000000000,2e0 --labels a,b,c <<<$'x/m-1B\nx/m-2B'
	outcome 0 $'x/m-1B\t1\tb\nx/m-2B\t2\tc' ""
}

@test "the largest size a decimal can hold is written in full" {
	bucketize_rows --billions <<<'big|1.79e308'
	outcome 0 "$(printf '#model\tparams\tsize_b\tbucket\nbig\t1.79e308\t179'; printf '0%.0s' {1..306}; printf '\t250B+')" ""
}

@test "at most 32 edges and 33 labels" {
	edges=$(seq -s, 1 32)
	labels=$(seq -s, 0 32 | sed 's/[0-9]*/b&/g')
	printf '%s\n' a/m-0.5B a/m-31.5B a/m-32B >"$T/ids"
	run --separate-stderr bucketize -m 1 --edges "$edges" --labels "$labels" "$T/ids"
	outcome 0 $'a/m-0.5B\t0.5\tb0\na/m-31.5B\t31.5\tb31\na/m-32B\t32\tb32' ""
	run --separate-stderr bucketize --edges "$edges,33" --labels "$labels,b33" </dev/null
	outcome 2 "" "bucketize: --edges $edges,33: more than 32 items
$TRY"
	run --separate-stderr bucketize --edges "$edges" --labels "$labels,b33" </dev/null
	outcome 2 "" "bucketize: --labels $labels,b33: more than 33 items
$TRY"
}

@test "a name token's number has at most 63 characters" {
	n63=$(printf '1%.0s' {1..63})
	printf '%s\n' "a/m-${n63}B" "a/m-${n63}1B" >"$T/ids"
	run --separate-stderr bucketize -m 1 "$T/ids"
	outcome 0 "a/m-${n63}B	$n63	250B+
a/m-${n63}1B		unknown" ""
}

@test "a large table: every model gets its own size" {
	# 8000 models m/1 ... m/8000, size (i % 300).(i % 10): over 64 kB of
	# table, some sizes 0 (no override: unknown), every bucket reached.
	awk 'BEGIN { print "model_id,total_params_b"
		for (i = 1; i <= 8000; i++) print "m/" i "," (i % 300) "." (i % 10) }' >"$T/t.csv"
	[ "$(wc -c <"$T/t.csv")" -gt 65536 ]
	awk 'BEGIN { for (i = 8000; i >= 1; i--) print "m/" i }' >"$T/ids"
	awk 'BEGIN { OFS = "\t"
		for (i = 8000; i >= 1; i--) {
			w = i % 300; f = i % 10; v = w + f / 10
			if (v == 0) { print "m/" i, "", "unknown"; continue }
			if (v < 1) b = "<1B"; else if (v < 5) b = "1-5B"; else if (v < 10) b = "7-9B"
			else if (v < 50) b = "10-50B"; else if (v < 100) b = "50-100B"
			else if (v < 250) b = "100-250B"; else b = "250B+"
			print "m/" i, (f ? w "." f : w), b } }' >"$T/want"
	run --separate-stderr bucketize -m 1 -s "$T/t.csv" "$T/ids"
	outcome 0 "$(cat "$T/want")" ""
}

@test "a raw parameter count is written exactly in billions" {
	bucketize_rows <<-'EOF'
	Qwen/Qwen3-8B-like|8190735360
	tiny/x|135000
	edge/one|999999999
	edge/two|1000000000
	EOF
	want=$(rows <<-'EOF'
	#model|params|size_b|bucket
	Qwen/Qwen3-8B-like|8190735360|8.19073536|7-9B
	tiny/x|135000|0.000135|<1B
	edge/one|999999999|0.999999999|<1B
	edge/two|1000000000|1|1-5B
	EOF
	)
	outcome 0 "$want" ""
}

@test "a name token is N or N.N before B: 5.B is none" {
	printf '%s\n' a/M-5.B a/M-5.B-2B a/M-5.5B a/M-5.M a/M-2.5m >"$T/ids"
	run --separate-stderr bucketize -m 1 "$T/ids"
	want=$(rows <<-'EOF'
	a/M-5.B||unknown
	a/M-5.B-2B|2|1-5B
	a/M-5.5B|5.5|7-9B
	a/M-5.M||unknown
	a/M-2.5m|0.0025|<1B
	EOF
	)
	outcome 0 "$want" ""
}

@test "resolution order: table, then params, then the name" {
	bucketize_rows -s "$SIZES" <<-'EOF'
	Qwen/Qwen3-8B|30000000000
	other/Qwen3-8B|30000000000
	other/Qwen3-8B|
	other/Qwen3-8B|0
	mistralai/Mixtral-8x7B-v0.1|
	deepseek-ai/DeepSeek-R1|685000000000
	quoted/Id-1B|
	multi/line|
	blank/size|
	EOF
	want=$(rows <<-'EOF'
	#model|params|size_b|bucket
	Qwen/Qwen3-8B|30000000000|8.2|7-9B
	other/Qwen3-8B|30000000000|30|10-50B
	other/Qwen3-8B||8|7-9B
	other/Qwen3-8B|0|8|7-9B
	mistralai/Mixtral-8x7B-v0.1||46.7|10-50B
	deepseek-ai/DeepSeek-R1|685000000000|671|250B+
	quoted/Id-1B||3|1-5B
	multi/line||0.05|<1B
	blank/size|||unknown
	EOF
	)
	outcome 0 "$want" ""
}

@test "a size found nowhere: size_b empty, the bucket unknown, or --unknown's label" {
	bucketize_rows <<-'EOF'
	a/x|
	b/y-0B|
	c/z|0
	d/w-7B|
	EOF
	want=$(rows <<-'EOF'
	#model|params|size_b|bucket
	a/x|||unknown
	b/y-0B|||unknown
	c/z|0||unknown
	d/w-7B||7|7-9B
	EOF
	)
	outcome 0 "$want" ""
	run --separate-stderr bucketize --unknown 'no size' "$T/in"
	outcome 0 "${want//unknown/no size}" ""
}

# label_refused LABEL SHOWN: --unknown LABEL and --labels LABEL,big are
# usage errors that show the label as SHOWN.
label_refused() {
	run --separate-stderr bucketize --unknown "$1" </dev/null
	outcome 2 "" "bucketize: --unknown: $2 is not a label: it must be 1 to 60 bytes, without TAB or line break
$TRY" || return 1
	run --separate-stderr bucketize --edges 1 --labels "$1,big" </dev/null
	outcome 2 "" "bucketize: --labels: $2 is not a label: it must be 1 to 60 bytes, without TAB or line break
$TRY"
}

@test "a model on consecutive rows, with and without a params column" {
	printf '#model\tdate\na/x-8B\t1\na/x-8B\t2\nb/y\t1\na/x-8B\t3\n' >"$T/in"
	run --separate-stderr bucketize "$T/in"
	want=$(rows <<-'EOF'
	#model|date|size_b|bucket
	a/x-8B|1|8|7-9B
	a/x-8B|2|8|7-9B
	b/y|1||unknown
	a/x-8B|3|8|7-9B
	EOF
	)
	outcome 0 "$want" ""
	bucketize_rows <<-'EOF'
	a/m|1000000000
	a/m|1000000000
	a/m|2000000000
	a/m|
	EOF
	want=$(rows <<-'EOF'
	#model|params|size_b|bucket
	a/m|1000000000|1|1-5B
	a/m|1000000000|1|1-5B
	a/m|2000000000|2|1-5B
	a/m|||unknown
	EOF
	)
	outcome 0 "$want" ""
}

@test "an unknown option, a missing argument" {
	run --separate-stderr bucketize --bogus </dev/null
	outcome 2 "" "bucketize: unknown option '--bogus'
$TRY"
	run --separate-stderr bucketize -s
	outcome 2 "" "bucketize: option '-s' needs an argument
$TRY"
}

@test "an empty model cell is of unknown size" {
	printf '#model\tdate\n\t2025-01-01\nx/y-1B\t2025-01-01\n' >"$T/in"
	run --separate-stderr bucketize "$T/in"
	outcome 0 $'#model\tdate\tsize_b\tbucket\n\t2025-01-01\t\tunknown\nx/y-1B\t2025-01-01\t1\t1-5B' ""
}

@test "--unknown and --labels take only labels that fit a TSV cell" {
	x60=$(printf 'x%.0s' {1..60})
	label_refused $'a\tb' "'a\\tb'"
	label_refused $'a\nb' "'a\\nb'"
	label_refused $'a\rb' "'a\\rb'"
	label_refused "${x60}y" "'$x60'... (61 bytes)"
	run --separate-stderr bucketize --unknown '' </dev/null
	outcome 2 "" "bucketize: --unknown: '' is not a label: it must be 1 to 60 bytes, without TAB or line break
$TRY"
	# 60 bytes is still a label.
	run --separate-stderr bucketize -m 1 --unknown "$x60" --edges 1 --labels "$x60,big" <<<$'a/b\na/b-1B'
	outcome 0 "a/b		$x60
a/b-1B	1	big" ""
}

@test "--no-names and --billions" {
	bucketize_rows --no-names --billions <<-'EOF'
	a/Model-7B|
	a/Model-7B|1.5
	EOF
	want=$(rows <<-'EOF'
	#model|params|size_b|bucket
	a/Model-7B|||unknown
	a/Model-7B|1.5|1.5|1-5B
	EOF
	)
	outcome 0 "$want" ""
}

@test "--edges and --labels name the buckets" {
	printf '%s\n' a-0.5B b-3B c-20B >"$T/ids"
	run --separate-stderr bucketize -m 1 --edges 1,10 --labels small,mid,big "$T/ids"
	outcome 0 $'a-0.5B\t0.5\tsmall\nb-3B\t3\tmid\nc-20B\t20\tbig' ""
}

@test "--edges and --labels that do not fit are usage errors" {
	run --separate-stderr bucketize --edges 1,10 </dev/null
	outcome 2 "" "bucketize: --labels gives 7 names for 2 edges: it needs one more name than edges
$TRY"
	run --separate-stderr bucketize --edges 10,1 --labels a,b,c </dev/null
	outcome 2 "" "bucketize: --edges 10,1: edges must increase
$TRY"
	run --separate-stderr bucketize --edges 1,1 --labels a,b,c </dev/null
	outcome 2 "" "bucketize: --edges 1,1: edges must increase
$TRY"
	run --separate-stderr bucketize --edges 0,1 --labels a,b,c </dev/null
	outcome 2 "" "bucketize: --edges 0,1: '0' is not a positive number
$TRY"
	run --separate-stderr bucketize --edges 1,x --labels a,b,c </dev/null
	outcome 2 "" "bucketize: --edges 1,x: 'x' is not a positive number
$TRY"
}

@test "without a params column in the header, sizes come from the table and names" {
	printf '#model\tdate\nQwen/Qwen2.5-7B-Instruct\t2025-01-01\n' >"$T/in"
	run --separate-stderr bucketize "$T/in"
	outcome 0 $'#model\tdate\tsize_b\tbucket\nQwen/Qwen2.5-7B-Instruct\t2025-01-01\t7\t7-9B' ""
	run --separate-stderr bucketize -p params "$T/in"
	outcome 2 "" "bucketize: -p params: no such column in the header of $T/in
$TRY"
}

@test "hfsnap-parse output needs no options" {
	hfsnap-parse -d 2025-07-10 -f model,params "$BATS_TEST_DIRNAME/hfsnap-parse/basic.json" >"$T/in"
	run --separate-stderr bucketize "$T/in"
	want=$(rows <<-'EOF'
	#model|params|size_b|bucket
	Qwen/Qwen3-8B|8190735360|8.19073536|7-9B
	bartowski/Qwen3-8B-GGUF|8190735360|8.19073536|7-9B
	mlx-community/Qwen3-8B-4bit||8|7-9B
	someone/gguf-by-file|||unknown
	someone/lib-says-gguf|||unknown
	café/naïve-😀|||unknown
	someone/mlx-tag|||unknown
	EOF
	)
	outcome 0 "$want" ""
}

@test "the registry's model_parameters.csv is read as published" {
	need_shared data/tracked-models/metadata/model_parameters.csv
	need_cmd python3
	table=$SHARED/data/tracked-models/metadata/model_parameters.csv
	# Every id in the file's order; a model listed twice keeps its last
	# size, as a dict would; sizes and buckets exactly, with Decimal.
	python3 -c 'import csv, sys
from decimal import Decimal, ROUND_HALF_UP
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
size = {r["model_id"]: Decimal(r["total_params_b"]) for r in rows}
def bucket(v):
	for edge, label in ((1, "<1B"), (5, "1-5B"), (10, "7-9B"), (50, "10-50B"), (100, "50-100B"), (250, "100-250B")):
		if v < edge: return label
	return "250B+"
for r in rows:
	v = size[r["model_id"]]
	s = format(v.quantize(Decimal("1e-9"), ROUND_HALF_UP), "f").rstrip("0").rstrip(".")
	print(r["model_id"] + "\t" + s + "\t" + bucket(v))' "$table" >"$T/want"
	cut -f1 "$T/want" >"$T/ids"
	[ "$(wc -l <"$T/ids")" -gt 250 ]
	run --separate-stderr bucketize -m 1 --no-names -s "$table" "$T/ids"
	outcome 0 "$(cat "$T/want")" ""
}

@test "a table from standard input or a pipe" {
	printf 'model_id,total_params_b\na/b,12.5\n' >"$T/t.csv"
	echo a/b >"$T/ids"
	run --separate-stderr bucketize -m 1 -s - "$T/ids" <"$T/t.csv"
	outcome 0 $'a/b\t12.5\t10-50B' ""
	run --separate-stderr bucketize -m 1 -s <(cat "$T/t.csv") <"$T/ids"
	outcome 0 $'a/b\t12.5\t10-50B' ""
}

@test "a table on standard input cannot share it with the data" {
	printf 'model_id,total_params_b\na/b,12.5\n' >"$T/t.csv"
	run --separate-stderr bucketize -m 1 -s - <"$T/t.csv"
	outcome 2 "" "bucketize: -s - and the data cannot both be standard input: give the data as a FILE
$TRY"
	run --separate-stderr bucketize -m 1 -s - "$T/t.csv" - <"$T/t.csv"
	outcome 2 "" "bucketize: -s - and the data cannot both be standard input: give the data as a FILE
$TRY"
}

@test "table errors name the table's FILE:LINE" {
	printf 'model_id,total_params_b\na/b,8\nc/d,eight\n' >"$T/t.csv"
	run --separate-stderr bucketize -m 1 -s "$T/t.csv" </dev/null
	outcome 1 "" "bucketize: $T/t.csv:3: total_params_b 'eight' is not a size in billions"
	printf 'model_id,total_params_b\na/b,-1\n' >"$T/t.csv"
	run --separate-stderr bucketize -m 1 -s "$T/t.csv" </dev/null
	outcome 1 "" "bucketize: $T/t.csv:2: total_params_b '-1' is not a size in billions"
	printf 'model_id,total_params_b,notes\na/b,8,"open\nc/d,9,x\n' >"$T/t.csv"
	run --separate-stderr bucketize -m 1 -s "$T/t.csv" </dev/null
	outcome 1 "" "bucketize: $T/t.csv:2: unterminated quoted field"
	printf 'model_id,total_params_b\na/b,"8"x\n' >"$T/t.csv"
	run --separate-stderr bucketize -m 1 -s "$T/t.csv" </dev/null
	outcome 1 "" "bucketize: $T/t.csv:2: text after the closing quote of a field"
	printf 'model_id,total_params_b\n\na/b\n' >"$T/t.csv"
	run --separate-stderr bucketize -m 1 -s "$T/t.csv" </dev/null
	outcome 1 "" "bucketize: $T/t.csv:3: record has 1 field, the header has more"
	printf 'model_id,total_params_b\nc/d,eight\n' >"$T/t.csv"
	run --separate-stderr bucketize -m 1 -s - /dev/null <"$T/t.csv"
	outcome 1 "" "bucketize: -:2: total_params_b 'eight' is not a size in billions"
}

@test "a table without the header: the line where it should be, or none" {
	printf 'id,size\na/b,8\n' >"$T/t.csv"
	run --separate-stderr bucketize -m 1 -s "$T/t.csv" </dev/null
	outcome 1 "" "bucketize: $T/t.csv:1: 'id,size' is not a header naming model_id and total_params_b"
	printf '# sizes\n\nmodel_id\tsize\r\n' >"$T/t.tsv"
	run --separate-stderr bucketize -m 1 -s "$T/t.tsv" </dev/null
	outcome 1 "" "bucketize: $T/t.tsv:3: 'model_id\\tsize' is not a header naming model_id and total_params_b"
	printf '# only a comment\n' >"$T/t.csv"
	run --separate-stderr bucketize -m 1 -s "$T/t.csv" </dev/null
	outcome 1 "" "bucketize: $T/t.csv: no header line naming model_id and total_params_b"
	run --separate-stderr bucketize -m 1 -s "$T/none.csv" </dev/null
	outcome 1 "" "bucketize: $T/none.csv: No such file or directory"
	run --separate-stderr bucketize -m 1 -s "$T" </dev/null
	outcome 1 "" "bucketize: $T: Is a directory"
}

@test "a TSV table with a '#' header works too" {
	printf '#model_id\ttotal_params_b\na/b\t12.5\n' >"$T/t.tsv"
	run --separate-stderr bucketize -m 1 -s "$T/t.tsv" <<<"a/b"
	outcome 0 $'a/b\t12.5\t10-50B' ""
}

@test "bad counts in the params column" {
	for v in 8e9 -5 abc; do
		case $v in
		-5) msg="'-5' is a negative count" ;;
		*) msg="'$v' is not a count (a whole number)" ;;
		esac
		bucketize_rows <<<"a/b|$v"
		outcome 1 $'#model\tparams\tsize_b\tbucket' "bucketize: $T/in:2: column params: $msg"
	done
	for v in x -1; do
		bucketize_rows --billions <<<"a/b|$v"
		outcome 1 $'#model\tparams\tsize_b\tbucket' "bucketize: $T/in:2: column params: '$v' is not a size in billions"
	done
}

@test "missing column, no header, short row" {
	run --separate-stderr bucketize -m nope <<<$'#model\nx'
	outcome 2 "" "bucketize: -m nope: no such column in the header of -
$TRY"
	run --separate-stderr bucketize <<<$'a/b-8B'
	outcome 2 "" "bucketize: -m model: the input has no '#' header to find a column name in; give a column number
$TRY"
	run --separate-stderr bucketize -m 2 <<<$'a\tb\nc'
	outcome 1 $'a\tb\t\tunknown' "bucketize: -:2: line has 1 field, column 2 needs 2"
}

@test "CRLF input, several files, '-', repeated headers" {
	printf '#model\r\na/x-8B\r\n' >"$T/a"
	printf '#model\nb/y-1B\n' >"$T/b"
	run --separate-stderr bucketize "$T/a" - <"$T/b"
	outcome 0 $'#model\tsize_b\tbucket\na/x-8B\t8\t7-9B\nb/y-1B\t1\t1-5B' ""
}

@test "empty input, header only" {
	run --separate-stderr bucketize </dev/null
	outcome 0 "" ""
	run --separate-stderr bucketize <<<'#model'
	outcome 0 $'#model\tsize_b\tbucket' ""
}

@test "a full disk is an error" {
	run --separate-stderr bash -c 'bucketize -m 1 "$1" >/dev/full' _ "$NAMES"
	outcome 1 "" "bucketize: write error: No space left on device"
}

@test "-h fits a screen and matches the man page SYNOPSIS" {
	check_synopsis bucketize
}

@test "-h and the man page name the same options" {
	run --separate-stderr check_options bucketize
	outcome 0 "" ""
}
