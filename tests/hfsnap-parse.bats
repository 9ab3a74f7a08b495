#!/usr/bin/env bats
# hfsnap-parse: Hub JSON listings to TSV.

load helper

HEADER=$'#model\tdate\tdownloads\tdownloads_30d\tlikes\tcreated\tparams\tlibrary\tpipeline\tbase_model\tbase_relation\tformat'

setup() {
	T=$BATS_TEST_TMPDIR
}

# Writes $1 to a file named for a snapshot day and parses it.
parse_text() {
	printf '%s' "$1" >"$T/snap-2025-07-10.json"
	run --separate-stderr hfsnap-parse "$T/snap-2025-07-10.json"
}

@test "default columns: every field of the hand-checked fixture" {
	run --separate-stderr hfsnap-parse -d 2025-07-10 "$DATA/hfsnap-parse/basic.json"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	same "$output" "$(cat "$DATA/hfsnap-parse/basic.tsv")"
}

@test "header line names the default columns in order" {
	parse_text '[]'
	[ "$status" -eq 0 ]
	same "$output" "$HEADER"
}

@test "JSONL and back-to-back arrays give the same rows as one array" {
	jq -c '.[]' "$DATA/hfsnap-parse/basic.json" >"$T/a.jsonl" 2>/dev/null ||
		skip "jq is not installed"
	run hfsnap-parse -d 2025-07-10 "$T/a.jsonl"
	[ "$status" -eq 0 ]
	same "$output" "$(cat "$DATA/hfsnap-parse/basic.tsv")"
	{ jq -c '.[0:3]' "$DATA/hfsnap-parse/basic.json"
	  jq '.[3:]' "$DATA/hfsnap-parse/basic.json"; } >"$T/pages.json"
	run hfsnap-parse -d 2025-07-10 "$T/pages.json"
	same "$output" "$(cat "$DATA/hfsnap-parse/basic.tsv")"
}

@test "JSONL written by hand, with a blank line and CRLF" {
	printf '{"id":"a/b","likes":1}\r\n\r\n{"id":"c/d","likes":2}\n' >"$T/x.jsonl"
	run hfsnap-parse -d 2025-01-01 -f model,likes "$T/x.jsonl"
	[ "$status" -eq 0 ]
	same "$output" $'#model\tlikes\na/b\t1\nc/d\t2'
}

@test "-f chooses and orders columns, and may repeat one" {
	run hfsnap-parse -d 2025-07-10 -f format,model,params,model "$DATA/hfsnap-parse/basic.json"
	[ "$status" -eq 0 ]
	same "${lines[0]}" $'#format\tmodel\tparams\tmodel'
	same "${lines[2]}" $'gguf\tbartowski/Qwen3-8B-GGUF\t8190735360\tbartowski/Qwen3-8B-GGUF'
}

@test "-f with an unknown column is a usage error" {
	run --separate-stderr hfsnap-parse -d 2025-07-10 -f model,nope "$DATA/hfsnap-parse/basic.json"
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	same "${stderr_lines[0]}" "hfsnap-parse: -f: unknown column 'nope' (columns: model date downloads downloads_30d likes created params library pipeline base_model base_relation format)"
}

@test "the date comes from the file name, and -d overrides it" {
	printf '[{"id":"a/b"}]' >"$T/hub_2025-08-01_page1.json"
	run hfsnap-parse -f model,date "$T/hub_2025-08-01_page1.json"
	same "$output" $'#model\tdate\na/b\t2025-08-01'
	run hfsnap-parse -f date -d 2024-12-31 "$T/hub_2025-08-01_page1.json"
	same "${lines[1]}" "2024-12-31"
}

@test "each file is dated by its own name" {
	printf '[{"id":"a/b"}]' >"$T/2025-08-01.json"
	printf '{"id":"a/b"}' >"$T/2025-08-02.json"
	run hfsnap-parse -f model,date "$T/2025-08-01.json" "$T/2025-08-02.json"
	same "$output" $'#model\tdate\na/b\t2025-08-01\na/b\t2025-08-02'
}

@test "no date in the name and no -d is a usage error, before any output" {
	printf '[{"id":"a/b"}]' >"$T/latest.json"
	run --separate-stderr hfsnap-parse "$T/latest.json"
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	same "${stderr_lines[0]}" "hfsnap-parse: $T/latest.json: no YYYY-MM-DD in the file name to date the snapshot; give -d DATE"
}

@test "standard input needs -d; '-' reads it among files" {
	run --separate-stderr hfsnap-parse <<<'[{"id":"a/b"}]'
	[ "$status" -eq 2 ]
	printf '[{"id":"x/y"}]' >"$T/f.json"
	run hfsnap-parse -d 2025-01-02 -f model "$T/f.json" - "$T/f.json" <<<'{"id":"from/stdin"}'
	[ "$status" -eq 0 ]
	same "$output" $'#model\nx/y\nfrom/stdin\nx/y'
}

@test "an impossible date is refused in -d and in a file name" {
	run --separate-stderr hfsnap-parse -d 2025-02-30 /dev/null
	[ "$status" -eq 2 ]
	same "${stderr_lines[0]}" "hfsnap-parse: -d 2025-02-30: not a date (YYYY-MM-DD)"
	printf '[]' >"$T/2025-02-30.json"
	run --separate-stderr hfsnap-parse "$T/2025-02-30.json"
	[ "$status" -eq 2 ]
	same "${stderr_lines[0]}" "hfsnap-parse: $T/2025-02-30.json: 2025-02-30 in the file name is not a valid date"
}

@test "unknown members are skipped at any depth, in any order" {
	parse_text '[{"cardData":{"id":"not/this","tags":["base_model:no/no"],"x":[[[{"downloadsAllTime":9}]]]},"likes":3,"model-index":null,"id":"a/b","extra":[1,2.5e-3,true,false,null,"s\"]"]}]'
	[ "$status" -eq 0 ]
	same "${lines[1]}" $'a/b\t2025-07-10\t\t\t3\t\t\t\t\t\t\t'
}

@test "modelId stands in for id; id wins when both are present" {
	parse_text '[{"modelId":"only/modelid"},{"modelId":"old/name","id":"new/name"}]'
	same "$(printf '%s\n' "${lines[@]}" | cut -f1)" $'#model\nonly/modelid\nnew/name'
}

@test "params: safetensors.total, else gguf.total; null safetensors is empty" {
	parse_text '[{"id":"a","safetensors":{"total":5},"gguf":{"total":7}},{"id":"b","safetensors":null,"gguf":{"total":7}},{"id":"c","safetensors":null}]'
	same "$(printf '%s\n' "${lines[@]}" | cut -f1,7)" $'#model\tparams\na\t5\nb\t7\nc\t'
}

@test "createdAt: ISO and parquet forms; the Hub's 2022-03-02 placeholder passes" {
	parse_text '[{"id":"a","createdAt":"2024-02-19T11:06:12.000Z"},{"id":"b","createdAt":"2024-02-19 11:06:12"},{"id":"c","createdAt":"2022-03-02T23:29:04.000Z"},{"id":"d"}]'
	same "$(printf '%s\n' "${lines[@]}" | cut -f6)" $'created\n2024-02-19\n2024-02-19\n2022-03-02'
}

@test "base_model: first tag; its relation from a later tag; baseModels otherwise" {
	parse_text '[{"id":"a","tags":["x","base_model:o/b1","base_model:o/b2","base_model:merge:o/b2","base_model:adapter:o/b1"]},
	 {"id":"b","tags":["base_model:quantized:o/q"],"baseModels":{"relation":"finetune","models":[{"id":"o/other"}]}},
	 {"id":"c","baseModels":{"relation":"merge","models":[{"id":"o/m1"},{"id":"o/m2"}]}},
	 {"id":"d","tags":["base_model:o/plain"],"baseModels":{"relation":"adapter","models":[]}}]'
	[ "$status" -eq 0 ]
	same "$(printf '%s\n' "${lines[@]}" | cut -f1,10,11)" $'#model\tbase_model\tbase_relation\na\to/b1\tadapter\nb\to/q\tquantized\nc\to/m1\tmerge\nd\to/plain\tadapter'
}

@test "format: gguf by tag, object or file; mlx by library, tag or namespace" {
	parse_text '[{"id":"t","tags":["gguf"]},{"id":"o","gguf":{}},{"id":"f","siblings":[{"rfilename":"a.gguf"}]},
	 {"id":"l","library_name":"gguf"},{"id":"m","library_name":"mlx"},{"id":"n","tags":["mlx"]},
	 {"id":"mlx-community/x"},{"id":"both","tags":["mlx","gguf"]},{"id":"g","gguf":null}]'
	same "$(printf '%s\n' "${lines[@]}" | cut -f1,12 | tail -n +2 | tr '\t\n' '=,')" "t=gguf,o=gguf,f=gguf,l=,m=mlx,n=mlx,mlx-community/x=mlx,both=gguf,g=,"
}

@test "strings are decoded and written with jq's @tsv escaping" {
	parse_text '[{"id":"caf\u00e9/\ud83d\ude00","library_name":"a\tb\nc\\d\re \"q\" \/"}]'
	same "${lines[1]}" $'café/😀\t2025-07-10\t\t\t\t\t\ta\\tb\\nc\\\\d\\re "q" /\t\t\t\t'
}

@test "matches jq on a generated snapshot, column by column" {
	need_cmd jq
	hfsnap-gen snapshot -n 2000 -s 11 -p 2 >"$T/2025-07-10.json"
	hfsnap-parse "$T/2025-07-10.json" | tail -n +2 >"$T/c.tsv"
	jq -r --arg date 2025-07-10 -f "$DATA/hfsnap-parse.jq" "$T/2025-07-10.json" >"$T/j.tsv"
	[ "$(wc -l <"$T/c.tsv")" -eq 2000 ]
	for col in 1 2 3 4 5 6 7 8 9 10 11 12; do
		cut -f$col "$T/c.tsv" >"$T/c.col"
		cut -f$col "$T/j.tsv" >"$T/j.col"
		cmp -s "$T/c.col" "$T/j.col" || { echo "column $col differs"; diff "$T/c.col" "$T/j.col" | head; false; }
	done
	# The awkward cases really were there.
	grep -q 'tab\\there' "$T/c.tsv"
	grep -q 'new\\nline' "$T/c.tsv"
	grep -q 'café' "$T/c.tsv"
	[ "$(cut -f12 "$T/c.tsv" | sort -u | tr '\n' ,)" = ",gguf,mlx," ]
}

@test "JSONL from the generator matches its array form" {
	hfsnap-gen snapshot -n 300 -s 5 >"$T/a.json"
	hfsnap-gen snapshot -n 300 -s 5 --jsonl >"$T/a.jsonl"
	run hfsnap-parse -d 2025-07-10 "$T/a.json"
	want=$output
	run hfsnap-parse -d 2025-07-10 "$T/a.jsonl"
	[ "$status" -eq 0 ]
	same "$output" "$want"
	[ "${#lines[@]}" -eq 301 ]
}

# Bad input: a located error, exit 1, the complete rows before it kept.

@test "truncated file" {
	parse_text '[{"id":"a/b","downloadsAllTime":1},{"id":"c/d","downloadsAllTime":2'
	[ "$status" -eq 1 ]
	same "$output" "$HEADER"$'\na/b\t2025-07-10\t1\t\t\t\t\t\t\t\t\t'
	same "$stderr" "hfsnap-parse: $T/snap-2025-07-10.json:1:68: expected ',' or '}', found end of input"
}

@test "stray comma" {
	parse_text $'[{"id":"a/b"},\n,{"id":"c/d"}]'
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 2 ]
	same "$stderr" "hfsnap-parse: $T/snap-2025-07-10.json:2:1: expected an object (one model), found a stray character"
}

@test "a number where a string belongs" {
	parse_text '[{"id":"a/b"},{"id":5}]'
	[ "$status" -eq 1 ]
	same "${lines[1]}" $'a/b\t2025-07-10\t\t\t\t\t\t\t\t\t\t'
	same "$stderr" "hfsnap-parse: $T/snap-2025-07-10.json:1:21: id: expected a string, found a number"
}

@test "an object with no id" {
	parse_text '[{"id":"a/b"},{"likes":5}]'
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 2 ]
	same "$stderr" "hfsnap-parse: $T/snap-2025-07-10.json:1:26: model object has no \"id\" or \"modelId\""
}

@test "a NUL byte" {
	printf '[{"id":"a/b"},\n{"id":"c\0d"}]' >"$T/2025-07-10.json"
	run --separate-stderr hfsnap-parse "$T/2025-07-10.json"
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 2 ]
	same "$stderr" "hfsnap-parse: $T/2025-07-10.json:2:9: control character byte 0x00 in string (write it as \\u0000)"
}

@test "a non-object element" {
	parse_text '[{"id":"a/b"},7]'
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 2 ]
	same "$stderr" "hfsnap-parse: $T/snap-2025-07-10.json:1:15: expected an object (one model), found a number"
}

@test "a top-level scalar, and text after the last array" {
	parse_text '"x"'
	[ "$status" -eq 1 ]
	same "$stderr" "hfsnap-parse: $T/snap-2025-07-10.json:1:1: expected an array of models or a model object, found a string"
	parse_text '[{"id":"a"}] junk'
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 2 ]
	same "$stderr" "hfsnap-parse: $T/snap-2025-07-10.json:1:14: expected an array of models or a model object, found a stray character"
}

@test "counts: negative, fractional, exponent, quoted, past 2^63-1" {
	parse_text '[{"id":"a","likes":-1}]'
	[ "$status" -eq 1 ]; same "$stderr" "hfsnap-parse: $T/snap-2025-07-10.json:1:22: likes: -1 is negative"
	parse_text '[{"id":"a","downloads":5.0}]'
	[ "$status" -eq 1 ]; same "$stderr" "hfsnap-parse: $T/snap-2025-07-10.json:1:27: downloads: 5.0 is not a whole number"
	parse_text '[{"id":"a","downloads":1e3}]'
	[ "$status" -eq 1 ]; same "$stderr" "hfsnap-parse: $T/snap-2025-07-10.json:1:27: downloads: 1e3 is not a whole number"
	parse_text '[{"id":"a","downloadsAllTime":"5"}]'
	[ "$status" -eq 1 ]; same "$stderr" "hfsnap-parse: $T/snap-2025-07-10.json:1:31: downloadsAllTime: expected a whole number, found a string"
	parse_text '[{"id":"a","safetensors":{"total":9223372036854775808}}]'
	[ "$status" -eq 1 ]; same "$stderr" "hfsnap-parse: $T/snap-2025-07-10.json:1:54: safetensors.total: 9223372036854775808 is past 2^63-1"
	parse_text '[{"id":"a","downloadsAllTime":9223372036854775807}]'
	[ "$status" -eq 0 ]; same "${lines[1]}" $'a\t2025-07-10\t9223372036854775807\t\t\t\t\t\t\t\t\t'
}

@test "an invalid createdAt" {
	parse_text '[{"id":"a","createdAt":"2025-02-30T00:00:00Z"}]'
	[ "$status" -eq 1 ]
	same "$stderr" "hfsnap-parse: $T/snap-2025-07-10.json:1:46: createdAt: '2025-02-30T00:00:00Z' is not a date-time"
}

@test "a file that does not exist stops after the earlier files" {
	printf '[{"id":"a"}]' >"$T/2025-01-01.json"
	run --separate-stderr hfsnap-parse -f model "$T/2025-01-01.json" "$T/2025-01-02.json"
	[ "$status" -eq 1 ]
	same "$output" $'#model\na'
	same "$stderr" "hfsnap-parse: $T/2025-01-02.json: No such file or directory"
}

@test "a 10 MB string goes through whole, escaped" {
	big=$(head -c 10000000 /dev/zero | tr '\0' 'x')
	printf '[{"id":"a/%s\\t","likes":1}]' "$big" >"$T/2025-01-01.json"
	run --separate-stderr hfsnap-parse -f model,likes "$T/2025-01-01.json"
	[ "$status" -eq 0 ]
	[ "${#lines[1]}" -eq $((2 + 10000000 + 2 + 2)) ]
	same "${lines[1]: -5}" $'x\\t\t1'
}

@test "an empty file has no models" {
	: >"$T/2025-01-01.json"
	run hfsnap-parse "$T/2025-01-01.json"
	[ "$status" -eq 0 ]
	same "$output" "$HEADER"
}

@test "a full disk is an error, not silence" {
	hfsnap-parse -d 2025-07-10 "$DATA/hfsnap-parse/basic.json" >/dev/full 2>"$T/err" && false
	same "$(cat "$T/err")" "hfsnap-parse: write error: No space left on device"
}

@test "a reader that closes the pipe early ends it quietly" {
	hfsnap-gen snapshot -n 20000 >"$T/2025-01-01.json"
	run bash -c "hfsnap-parse '$T/2025-01-01.json' 2>'$T/err' | head -1"
	same "$output" "$HEADER"
	[ ! -s "$T/err" ]
}

@test "usage errors: unknown option, missing argument" {
	run --separate-stderr hfsnap-parse --bogus
	[ "$status" -eq 2 ]
	same "$stderr" $'hfsnap-parse: unknown option \'--bogus\'\nTry \'hfsnap-parse -h\' for more information.'
	run --separate-stderr hfsnap-parse -d
	[ "$status" -eq 2 ]
	same "${stderr_lines[0]}" "hfsnap-parse: option '-d' needs an argument"
}

@test "-h fits a screen and its usage matches the man page SYNOPSIS" {
	run hfsnap-parse -h
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -le 24 ]
	same "${lines[0]}" "Usage: hfsnap-parse [-d DATE] [-f COLUMNS] [FILE ...]"
	page=$ROOT/man/man1/hfsnap-parse.1
	check_synopsis hfsnap-parse
	# Every long option of the usage text is documented in the page.
	for opt in date fields validate help version; do
		grep -q -- "$opt" "$page" || { echo "--$opt missing from the man page"; false; }
	done
}

@test "--version" {
	run hfsnap-parse --version
	[ "$status" -eq 0 ]
	[[ "$output" =~ ^hfsnap-parse\ [0-9]+\.[0-9]+\.[0-9]+$ ]]
}

# --validate and the JSON conformance suite.

@test "--validate: exit 0 for one JSON text, 1 with the position otherwise" {
	printf ' {"a":[1,2]} \n' >"$T/ok.json"
	printf '{"a":[1,2]} {}' >"$T/two.json"
	printf '[1,2' >"$T/cut.json"
	run --separate-stderr hfsnap-parse --validate "$T/ok.json"
	[ "$status" -eq 0 ]; [ -z "$output$stderr" ]
	run --separate-stderr hfsnap-parse --validate "$T/two.json" "$T/ok.json" "$T/cut.json"
	[ "$status" -eq 1 ]
	same "$stderr" "hfsnap-parse: $T/two.json:1:13: data after the JSON text
hfsnap-parse: $T/cut.json:1:5: expected ',' or ']', found end of input"
}

@test "--validate: 100000 nested arrays, closed and unclosed, without a crash" {
	head -c 100000 /dev/zero | tr '\0' '[' >"$T/open.json"
	{ cat "$T/open.json"; head -c 100000 /dev/zero | tr '\0' ']'; } >"$T/deep.json"
	run hfsnap-parse --validate "$T/deep.json"
	[ "$status" -eq 0 ]
	run --separate-stderr hfsnap-parse --validate "$T/open.json"
	[ "$status" -eq 1 ]
	same "$stderr" "hfsnap-parse: $T/open.json:1:100001: expected a value, found end of input"
}

@test "JSONTestSuite: every y_ accepted, every n_ rejected, no i_ crashes" {
	need_shared data/JSONTestSuite/test_parsing
	cd "$SHARED/data/JSONTestSuite/test_parsing"
	y=0 n=0 i=0 bad=""
	for f in *.json; do
		rc=0
		timeout 10 hfsnap-parse --validate "$f" >/dev/null 2>&1 || rc=$?
		case $f in
		y_*) [ $rc -eq 0 ] && y=$((y + 1)) || bad="$bad $f($rc)" ;;
		n_*) [ $rc -eq 1 ] && n=$((n + 1)) || bad="$bad $f($rc)" ;;
		i_*) [ $rc -le 1 ] && i=$((i + 1)) || bad="$bad $f($rc)" ;;
		esac
	done
	echo "y=$y n=$n i=$i bad:$bad"
	[ -z "$bad" ]
	[ "$y" -eq 95 ] && [ "$n" -eq 188 ] && [ "$i" -eq 35 ]
}
