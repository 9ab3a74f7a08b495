#!/usr/bin/env bats
# hfsnap-parse: Hub JSON listings to TSV.

load helper

NOTE3="hfsnap-parse: note: 3 of 7 models had no downloadsAllTime; their downloads cells are empty"
HEADER=$'#model\tdate\tdownloads\tdownloads_30d\tlikes\tcreated\tparams\tlibrary\tpipeline\tbase_model\tbase_relation\tformat'

setup() {
	T=$BATS_TEST_TMPDIR
}

# The note of models without downloadsAllTime: $1 of $2.
note() {
	echo "hfsnap-parse: note: $1 of $2 models had no downloadsAllTime; their downloads cells are empty"
}

# Writes $1 to a file named for a snapshot day and parses it.  Most of
# these listings are about other columns and have no downloadsAllTime, so
# the rule for that (tested on its own below) is waived.
parse_text() {
	printf '%s' "$1" >"$T/snap-2025-07-10.json"
	run --separate-stderr hfsnap-parse --allow-no-total "$T/snap-2025-07-10.json"
}

@test "default columns: every field of the hand-checked fixture" {
	run --separate-stderr hfsnap-parse -d 2025-07-10 "$DATA/hfsnap-parse/basic.json"
	outcome 0 "$(cat "$DATA/hfsnap-parse/basic.tsv")" "$NOTE3"
}

@test "header line names the default columns in order" {
	parse_text '[]'
	outcome 0 "$HEADER" ""
}

@test "JSONL and back-to-back arrays give the same rows as one array" {
	jq -c '.[]' "$DATA/hfsnap-parse/basic.json" >"$T/a.jsonl" 2>/dev/null ||
		skip "jq is not installed"
	run --separate-stderr hfsnap-parse -d 2025-07-10 "$T/a.jsonl"
	outcome 0 "$(cat "$DATA/hfsnap-parse/basic.tsv")" "$NOTE3"
	{ jq -c '.[0:3]' "$DATA/hfsnap-parse/basic.json"
	  jq '.[3:]' "$DATA/hfsnap-parse/basic.json"; } >"$T/pages.json"
	run --separate-stderr hfsnap-parse -d 2025-07-10 "$T/pages.json"
	outcome 0 "$(cat "$DATA/hfsnap-parse/basic.tsv")" "$NOTE3"
}

@test "JSONL written by hand, with a blank line and CRLF" {
	printf '{"id":"a/b","likes":1}\r\n\r\n{"id":"c/d","likes":2}\n' >"$T/x.jsonl"
	run --separate-stderr hfsnap-parse -d 2025-01-01 -f model,likes "$T/x.jsonl"
	outcome 0 $'#model\tlikes\na/b\t1\nc/d\t2' ""
}

@test "-f chooses and orders columns, and may repeat one" {
	run --separate-stderr hfsnap-parse -d 2025-07-10 -f format,model,params,model "$DATA/hfsnap-parse/basic.json"
	outcome -f 'sed -n "1p;3p"' 0 $'#format\tmodel\tparams\tmodel\ngguf\tbartowski/Qwen3-8B-GGUF\t8190735360\tbartowski/Qwen3-8B-GGUF' ""
}

@test "-f with an unknown column is a usage error" {
	run --separate-stderr hfsnap-parse -d 2025-07-10 -f model,nope "$DATA/hfsnap-parse/basic.json"
	outcome 2 "" "hfsnap-parse: -f: unknown column 'nope' (columns: model date downloads downloads_30d likes created params library pipeline base_model base_relation format id base_models gated private disabled author last_modified trending_score license gguf_architecture context_length)
Try 'hfsnap-parse -h' for more information."
}

@test "the date comes from the file name, and -d overrides it" {
	printf '[{"id":"a/b"}]' >"$T/hub_2025-08-01_page1.json"
	run --separate-stderr hfsnap-parse -f model,date "$T/hub_2025-08-01_page1.json"
	outcome 0 $'#model\tdate\na/b\t2025-08-01' ""
	run --separate-stderr hfsnap-parse -f date -d 2024-12-31 "$T/hub_2025-08-01_page1.json"
	outcome 0 $'#date\n2024-12-31' ""
	# A name that is the date and nothing else; the date at its very end.
	printf '[{"id":"a/b"}]' >"$T/2025-08-02"
	printf '[{"id":"a/b"}]' >"$T/snap.2025-08-03"
	run --separate-stderr hfsnap-parse -f date "$T/2025-08-02" "$T/snap.2025-08-03"
	outcome 0 $'#date\n2025-08-02\n2025-08-03' ""
	# Nine characters of a date are not one.
	printf '[{"id":"a/b"}]' >"$T/2025-08-0"
	run --separate-stderr hfsnap-parse -f date "$T/2025-08-0"
	outcome 2 "" "hfsnap-parse: $T/2025-08-0: no YYYY-MM-DD in the file name to date the snapshot; give -d DATE
Try 'hfsnap-parse -h' for more information."
}

@test "each file is dated by its own name" {
	printf '[{"id":"a/b"}]' >"$T/2025-08-01.json"
	printf '{"id":"a/b"}' >"$T/2025-08-02.json"
	run --separate-stderr hfsnap-parse -f model,date "$T/2025-08-01.json" "$T/2025-08-02.json"
	outcome 0 $'#model\tdate\na/b\t2025-08-01\na/b\t2025-08-02' ""
}

@test "no date in the name and no -d is a usage error, before any output" {
	printf '[{"id":"a/b"}]' >"$T/latest.json"
	run --separate-stderr hfsnap-parse "$T/latest.json"
	outcome 2 "" "hfsnap-parse: $T/latest.json: no YYYY-MM-DD in the file name to date the snapshot; give -d DATE
Try 'hfsnap-parse -h' for more information."
}

@test "standard input needs -d; '-' reads it among files" {
	run --separate-stderr hfsnap-parse <<<'[{"id":"a/b"}]'
	outcome 2 "" "hfsnap-parse: standard input needs -d DATE to date the snapshot
Try 'hfsnap-parse -h' for more information."
	printf '[{"id":"x/y"}]' >"$T/f.json"
	run --separate-stderr hfsnap-parse -d 2025-01-02 -f model "$T/f.json" - "$T/f.json" <<<'{"id":"from/stdin"}'
	outcome 0 $'#model\nx/y\nfrom/stdin\nx/y' ""
}

@test "an impossible date is refused in -d and in a file name" {
	run --separate-stderr hfsnap-parse -d 2025-02-30 /dev/null
	outcome 2 "" "hfsnap-parse: -d 2025-02-30: not a date (YYYY-MM-DD)
Try 'hfsnap-parse -h' for more information."
	printf '[]' >"$T/2025-02-30.json"
	run --separate-stderr hfsnap-parse "$T/2025-02-30.json"
	outcome 2 "" "hfsnap-parse: $T/2025-02-30.json: 2025-02-30 in the file name is not a valid date
Try 'hfsnap-parse -h' for more information."
}

@test "unknown members are skipped at any depth, in any order" {
	parse_text '[{"cardData":{"id":"not/this","tags":["base_model:no/no"],"x":[[[{"downloadsAllTime":9}]]]},"likes":3,"model-index":null,"id":"a/b","extra":[1,2.5e-3,true,false,null,"s\"]"]}]'
	outcome 0 "$HEADER"$'\na/b\t2025-07-10\t\t\t3\t\t\t\t\t\t\t' "$(note 1 1)"
}

@test "modelId stands in for id; id wins when both are present" {
	parse_text '[{"modelId":"only/modelid"},{"modelId":"old/name","id":"new/name"}]'
	outcome -f 'cut -f1' 0 $'#model\nonly/modelid\nnew/name' "$(note 2 2)"
}

@test "params: safetensors.total, else gguf.total; null safetensors is empty" {
	parse_text '[{"id":"a","safetensors":{"total":5},"gguf":{"total":7}},{"id":"b","safetensors":null,"gguf":{"total":7}},{"id":"c","safetensors":null}]'
	outcome -f 'cut -f1,7' 0 $'#model\tparams\na\t5\nb\t7\nc\t' "$(note 3 3)"
}

@test "createdAt: ISO and parquet forms; the Hub's 2022-03-02 placeholder passes" {
	parse_text '[{"id":"a","createdAt":"2024-02-19T11:06:12.000Z"},{"id":"b","createdAt":"2024-02-19 11:06:12"},{"id":"c","createdAt":"2022-03-02T23:29:04.000Z"},{"id":"d"}]'
	outcome -f 'cut -f6' 0 $'created\n2024-02-19\n2024-02-19\n2022-03-02' "$(note 4 4)"
}

@test "base_model: first tag; its relation from a later tag; baseModels otherwise" {
	parse_text '[{"id":"a","tags":["x","base_model:o/b1","base_model:o/b2","base_model:merge:o/b2","base_model:adapter:o/b1"]},
	 {"id":"b","tags":["base_model:quantized:o/q"],"baseModels":{"relation":"finetune","models":[{"id":"o/other"}]}},
	 {"id":"c","baseModels":{"relation":"merge","models":[{"id":"o/m1"},{"id":"o/m2"}]}},
	 {"id":"d","tags":["base_model:o/plain"],"baseModels":{"relation":"adapter","models":[]}}]'
	outcome -f 'cut -f1,10,11' 0 $'#model\tbase_model\tbase_relation\na\to/b1\tadapter\nb\to/q\tquantized\nc\to/m1\tmerge\nd\to/plain\tadapter' "$(note 4 4)"
}

@test "format: gguf by tag, object or file; mlx by library, tag or namespace" {
	# s: only a file's rfilename counts, not another member that names one.
	parse_text '[{"id":"t","tags":["gguf"]},{"id":"o","gguf":{}},{"id":"f","siblings":[{"rfilename":"a.gguf"}]},
	 {"id":"s","siblings":[{"rfilename":"README.md","blob":"model.gguf","size":null}]},
	 {"id":"l","library_name":"gguf"},{"id":"m","library_name":"mlx"},{"id":"n","tags":["mlx"]},
	 {"id":"mlx-community/x"},{"id":"both","tags":["mlx","gguf"]},{"id":"g","gguf":null}]'
	outcome -f "cut -f1,12 | tail -n +2 | tr '\t\n' '=,'" 0 "t=gguf,o=gguf,f=gguf,s=,l=,m=mlx,n=mlx,mlx-community/x=mlx,both=gguf,g=," "$(note 10 10)"
}

@test "strings are decoded and written with jq's @tsv escaping" {
	parse_text '[{"id":"caf\u00e9/\ud83d\ude00","library_name":"a\tb\nc\\d\re \"q\" \/"},{"id":"\u00C9\u00c9"}]'
	outcome 0 "$HEADER"$'\ncafé/😀\t2025-07-10\t\t\t\t\t\ta\\tb\\nc\\\\d\\re "q" /\t\t\t\t\nÉÉ\t2025-07-10\t\t\t\t\t\t\t\t\t\t' "$(note 2 2)"
}

@test "long values: a 300,000-byte escaped id and 5,000 tags in one model" {
	# Each row's text is kept in one buffer that grows; a value past the
	# first 4096 bytes, escaped to twice its length, must come out whole.
	awk 'BEGIN {
		printf "[{\"id\":\"o/"; for (i = 0; i < 100000; i++) printf "a\\tb"
		printf "\",\"downloadsAllTime\":7,\"tags\":["
		for (i = 0; i < 5000; i++) printf "%s\"base_model:finetune:o/m%d\"", (i ? "," : ""), i % 3
		printf "]}]\n" }' >"$T/long-2025-07-10.json"
	run --separate-stderr "$BIN/hfsnap-parse" -f model,downloads,base_model "$T/long-2025-07-10.json"
	want=$(awk 'BEGIN { printf "o/"; for (i = 0; i < 100000; i++) printf "a\\tb"; printf "\t7\to/m0" }')
	outcome -f 'tail -n +2' 0 "$want" ""
}

@test "matches jq on a generated snapshot, column by column" {
	need_cmd jq
	hfsnap-gen snapshot -n 2000 -s 11 -p 2 >"$T/2025-07-10.json"
	jq -r --arg date 2025-07-10 -f "$DATA/hfsnap-parse.jq" "$T/2025-07-10.json" >"$T/j.tsv"
	run --separate-stderr hfsnap-parse "$T/2025-07-10.json"
	outcome -f 'tail -n +2 | wc -l' 0 2000 ""
	printf '%s\n' "$output" | tail -n +2 >"$T/c.tsv"
	for col in 1 2 3 4 5 6 7 8 9 10 11 12; do
		cut -f$col "$T/c.tsv" >"$T/c.col"
		cut -f$col "$T/j.tsv" >"$T/j.col"
		cmp -s "$T/c.col" "$T/j.col" || { echo "column $col differs"; diff "$T/c.col" "$T/j.col" | head; false; }
	done
	# The awkward cases really were there.
	grep -q 'tab\\there' "$T/c.tsv"
	grep -q 'new\\nline' "$T/c.tsv"
	grep -q 'café' "$T/c.tsv"
	same "$(cut -f12 "$T/c.tsv" | sort -u | tr '\n' ,)" ",gguf,mlx,"
}

@test "JSONL from the generator matches its array form" {
	hfsnap-gen snapshot -n 300 -s 5 >"$T/a.json"
	hfsnap-gen snapshot -n 300 -s 5 --jsonl >"$T/a.jsonl"
	run --separate-stderr hfsnap-parse -d 2025-07-10 "$T/a.json"
	outcome -f 'wc -l' 0 301 ""
	want=$output
	run --separate-stderr hfsnap-parse -d 2025-07-10 "$T/a.jsonl"
	outcome 0 "$want" ""
}

# Bad input: a located error, exit 1, the complete rows before it kept.

@test "truncated file" {
	parse_text '[{"id":"a/b","downloadsAllTime":1},{"id":"c/d","downloadsAllTime":2'
	outcome 1 "$HEADER"$'\na/b\t2025-07-10\t1\t\t\t\t\t\t\t\t\t' "hfsnap-parse: $T/snap-2025-07-10.json:1:68: expected ',' or '}', found end of input"
}

@test "stray comma" {
	parse_text $'[{"id":"a/b"},\n,{"id":"c/d"}]'
	outcome 1 "$HEADER"$'\na/b\t2025-07-10\t\t\t\t\t\t\t\t\t\t' "hfsnap-parse: $T/snap-2025-07-10.json:2:1: expected an object (one model), found a stray character"
}

@test "a number where a string belongs" {
	parse_text '[{"id":"a/b"},{"id":5}]'
	outcome 1 "$HEADER"$'\na/b\t2025-07-10\t\t\t\t\t\t\t\t\t\t' "hfsnap-parse: $T/snap-2025-07-10.json:1:21: id: expected a string, found a number"
}

@test "an object with no id" {
	parse_text '[{"id":"a/b"},{"likes":5}]'
	outcome 1 "$HEADER"$'\na/b\t2025-07-10\t\t\t\t\t\t\t\t\t\t' "hfsnap-parse: $T/snap-2025-07-10.json:1:26: model object has no \"id\" or \"modelId\""
}

@test "a NUL byte" {
	printf '[{"id":"a/b"},\n{"id":"c\0d"}]' >"$T/2025-07-10.json"
	run --separate-stderr hfsnap-parse --allow-no-total "$T/2025-07-10.json"
	outcome 1 "$HEADER"$'\na/b\t2025-07-10\t\t\t\t\t\t\t\t\t\t' "hfsnap-parse: $T/2025-07-10.json:2:9: control character byte 0x00 in string (write it as \\u0000)"
}

@test "a non-object element" {
	parse_text '[{"id":"a/b"},7]'
	outcome 1 "$HEADER"$'\na/b\t2025-07-10\t\t\t\t\t\t\t\t\t\t' "hfsnap-parse: $T/snap-2025-07-10.json:1:15: expected an object (one model), found a number"
}

@test "a top-level scalar, and text after the last array" {
	parse_text '"x"'
	outcome 1 "$HEADER" "hfsnap-parse: $T/snap-2025-07-10.json:1:1: expected an array of models or a model object, found a string"
	# What is found is named: a digit (0 and 9 too) or '-' is a number.
	for v in 0 9 -1 x; do
		parse_text "$v"
		case $v in x) what="a stray character" ;; *) what="a number" ;; esac
		outcome 1 "$HEADER" "hfsnap-parse: $T/snap-2025-07-10.json:1:1: expected an array of models or a model object, found $what" ||
			{ echo "$v"; false; }
	done
	parse_text '[{"id":"a"}] junk'
	outcome 1 "$HEADER"$'\na\t2025-07-10\t\t\t\t\t\t\t\t\t\t' "hfsnap-parse: $T/snap-2025-07-10.json:1:14: expected an array of models or a model object, found a stray character"
}

@test "counts: negative, fractional, exponent, quoted, past 2^63-1" {
	F=$T/snap-2025-07-10.json
	parse_text '[{"id":"a","likes":-1}]'
	outcome 1 "$HEADER" "hfsnap-parse: $F:1:22: likes: -1 is negative"
	parse_text '[{"id":"a","downloads":5.0}]'
	outcome 1 "$HEADER" "hfsnap-parse: $F:1:27: downloads: 5.0 is not a whole number"
	parse_text '[{"id":"a","downloads":1e3}]'
	outcome 1 "$HEADER" "hfsnap-parse: $F:1:27: downloads: 1e3 is not a whole number"
	parse_text '[{"id":"a","downloadsAllTime":"5"}]'
	outcome 1 "$HEADER" "hfsnap-parse: $F:1:31: downloadsAllTime: expected a whole number, found a string"
	parse_text '[{"id":"a","safetensors":{"total":9223372036854775808}}]'
	outcome 1 "$HEADER" "hfsnap-parse: $F:1:54: safetensors.total: 9223372036854775808 is past 2^63-1"
	parse_text '[{"id":"a","downloadsAllTime":9223372036854775807}]'
	outcome 0 "$HEADER"$'\na\t2025-07-10\t9223372036854775807\t\t\t\t\t\t\t\t\t' ""
}

@test "an invalid createdAt" {
	parse_text '[{"id":"a","createdAt":"2025-02-30T00:00:00Z"}]'
	outcome 1 "$HEADER" "hfsnap-parse: $T/snap-2025-07-10.json:1:46: createdAt: '2025-02-30T00:00:00Z' is not a date-time"
}

@test "a file that does not exist, or a directory, fails before any output" {
	printf '[{"id":"a"}]' >"$T/2025-01-01.json"
	run --separate-stderr hfsnap-parse -f model "$T/2025-01-01.json" "$T/2025-01-02.json"
	outcome 1 "" "hfsnap-parse: $T/2025-01-02.json: No such file or directory"
	mkdir "$T/2025-01-03.json"
	run --separate-stderr hfsnap-parse -f model "$T/2025-01-01.json" "$T/2025-01-03.json"
	outcome 1 "" "hfsnap-parse: $T/2025-01-03.json: Is a directory"
}

@test "a 10 MB string goes through whole, escaped" {
	big=$(head -c 10000000 /dev/zero | tr '\0' 'x')
	printf '[{"id":"a/%s\\t","likes":1}]' "$big" >"$T/2025-01-01.json"
	run --separate-stderr hfsnap-parse -f model,likes "$T/2025-01-01.json"
	outcome -f 'sed -n 2p | md5sum' 0 "$(printf 'a/%s\\t\t1\n' "$big" | md5sum)" ""
}

@test "a file with no JSON text is a failed download, not an empty day" {
	printf '[{"id":"a","downloadsAllTime":1}]' >"$T/2025-01-01.json"
	: >"$T/2025-01-02.json"
	printf ' \r\n\n\t' >"$T/2025-01-03.json"
	printf '\357\273\277' >"$T/2025-01-04.json"
	run --separate-stderr hfsnap-parse -f model,downloads "$T/2025-01-01.json" "$T/2025-01-02.json"
	outcome 1 $'#model\tdownloads\na\t1' "hfsnap-parse: $T/2025-01-02.json:1:1: no JSON text (an empty or failed download?)"
	run --separate-stderr hfsnap-parse "$T/2025-01-03.json"
	outcome 1 "$HEADER" "hfsnap-parse: $T/2025-01-03.json:3:2: no JSON text (an empty or failed download?)"
	run --separate-stderr hfsnap-parse "$T/2025-01-04.json"
	outcome 1 "$HEADER" "hfsnap-parse: $T/2025-01-04.json:1:1: no JSON text (an empty or failed download?)"
	# An empty listing is one JSON text: a day with no models.
	printf '[]' >"$T/2025-01-05.json"
	run --separate-stderr hfsnap-parse "$T/2025-01-05.json"
	outcome 0 "$HEADER" ""
}

@test "a full disk is an error, not silence" {
	run --separate-stderr bash -c "hfsnap-parse -d 2025-07-10 '$DATA/hfsnap-parse/basic.json' >/dev/full"
	outcome 1 "" "hfsnap-parse: write error: No space left on device"
}

@test "a reader that closes the pipe early ends it quietly" {
	hfsnap-gen snapshot -n 20000 >"$T/2025-01-01.json"
	run --separate-stderr bash -c "hfsnap-parse '$T/2025-01-01.json' | head -1; echo \"\${PIPESTATUS[0]}\" >'$T/status'"
	outcome 0 "$HEADER" ""
	run --separate-stderr cat "$T/status"
	outcome 0 141 ""
}

@test "usage errors: unknown option, missing argument" {
	run --separate-stderr hfsnap-parse --bogus
	outcome 2 "" $'hfsnap-parse: unknown option \'--bogus\'\nTry \'hfsnap-parse -h\' for more information.'
	run --separate-stderr hfsnap-parse -d
	outcome 2 "" $'hfsnap-parse: option \'-d\' needs an argument\nTry \'hfsnap-parse -h\' for more information.'
}

@test "-h fits a screen and its usage matches the man page SYNOPSIS" {
	run --separate-stderr hfsnap-parse -h
	outcome -f 'head -1' 0 "Usage: hfsnap-parse [-d DATE] [-f COLUMNS] [-a COLUMNS] [-k NAME]" ""
	check_synopsis hfsnap-parse
	check_options hfsnap-parse
}

@test "--version" {
	run --separate-stderr hfsnap-parse --version
	outcome 0 "hfsnap-parse $(sed -n 's/.*HFSNAP_VERSION "\(.*\)".*/\1/p' "$ROOT/lib/version.h")" ""
}

# A listing without downloadsAllTime, wrapped archives, added columns.

@test "a listing fetched without downloadsAllTime stops before its first row" {
	printf '[{"id":"a/b","downloadsAllTime":7}]' >"$T/2025-01-01.json"
	printf '[{"id":"a/b","downloads":3,"likes":1},{"id":"c/d","downloads":4}]' >"$T/2025-01-02.json"
	run --separate-stderr hfsnap-parse -f model,date,downloads "$T/2025-01-01.json" "$T/2025-01-02.json"
	outcome 1 $'#model\tdate\tdownloads\na/b\t2025-01-01\t7' \
		"hfsnap-parse: $T/2025-01-02.json: no downloadsAllTime in the first model: the listing was fetched without expand[]=downloadsAllTime (use --allow-no-total to parse it anyway)"
	run --separate-stderr hfsnap-parse --allow-no-total -f model,date,downloads,downloads_30d "$T/2025-01-01.json" "$T/2025-01-02.json"
	outcome 0 $'#model\tdate\tdownloads\tdownloads_30d\na/b\t2025-01-01\t7\t\na/b\t2025-01-02\t\t3\nc/d\t2025-01-02\t\t4' \
		"hfsnap-parse: note: 2 of 3 models had no downloadsAllTime; their downloads cells are empty"
	# Without the downloads column there is nothing to leave empty.
	run --separate-stderr hfsnap-parse -f model,likes "$T/2025-01-02.json"
	outcome 0 $'#model\tlikes\na/b\t1\nc/d\t' ""
}

@test "models further on without downloadsAllTime are counted in one note" {
	printf '[{"id":"a","downloadsAllTime":5},{"id":"b"},{"id":"c","downloadsAllTime":null}]\n{"id":"d"}' >"$T/2025-01-01.json"
	printf '{"id":"e","downloadsAllTime":1}\n{"id":"f"}' >"$T/2025-01-02.json"
	run --separate-stderr hfsnap-parse -f model,downloads "$T/2025-01-01.json" "$T/2025-01-02.json"
	outcome 0 $'#model\tdownloads\na\t5\nb\t\nc\t\nd\t\ne\t1\nf\t' \
		"hfsnap-parse: note: 4 of 6 models had no downloadsAllTime; their downloads cells are empty"
	# null is an answer, not a missing field: a first model with null passes.
	printf '[{"id":"a","downloadsAllTime":null}]' >"$T/2025-01-03.json"
	run --separate-stderr hfsnap-parse -f model,downloads "$T/2025-01-03.json"
	outcome 0 $'#model\tdownloads\na\t' "hfsnap-parse: note: 1 of 1 models had no downloadsAllTime; their downloads cells are empty"
}

WRAPPED='{"date": "2026-08-07", "fetched_at": "2026-08-07T06:00:00Z", "source": "https://huggingface.co/api/models",
 "models": [{"id":"a/b","downloadsAllTime":10,"tags":["x"]},
            {"id":"c/d","downloadsAllTime":20}], "count": 2}'

@test "a wrapped archive without -k: the error names the member to give" {
	printf '%s' "$WRAPPED" >"$T/2026-08-07.json"
	run --separate-stderr hfsnap-parse "$T/2026-08-07.json"
	outcome 1 "$HEADER" "hfsnap-parse: $T/2026-08-07.json:2:19: an object that holds models, not a model (the models are in member \"models\": use -k models)"
	# Said before the downloadsAllTime rule, which the wrapper would trip.
	printf '{"models":[{"id":"a/b"}]}' >"$T/2026-08-08.json"
	run --separate-stderr hfsnap-parse "$T/2026-08-08.json"
	outcome 1 "$HEADER" "hfsnap-parse: $T/2026-08-08.json:1:18: an object that holds models, not a model (the models are in member \"models\": use -k models)"
}

@test "-k reads the models from a member; the other members are skipped" {
	printf '%s' "$WRAPPED" >"$T/2026-08-07.json"
	run --separate-stderr hfsnap-parse -k models -f model,date,downloads "$T/2026-08-07.json"
	outcome 0 $'#model\tdate\tdownloads\na/b\t2026-08-07\t10\nc/d\t2026-08-07\t20' ""
	# Archives one per line (JSONL of wrappers), CRLF, pretty-printed.
	jq -c . "$T/2026-08-07.json" >"$T/one.json" 2>/dev/null || skip "jq is not installed"
	{ cat "$T/one.json"; jq -c '.models |= [{"id":"e/f","downloadsAllTime":3}]' "$T/one.json"; } |
		sed 's/$/\r/' >"$T/2026-08-09.json"
	run --separate-stderr hfsnap-parse -k models -f model,downloads "$T/2026-08-09.json"
	outcome 0 $'#model\tdownloads\na/b\t10\nc/d\t20\ne/f\t3' ""
	jq . "$T/one.json" >"$T/2026-08-10.json"
	run --separate-stderr hfsnap-parse -k models -f model,downloads "$T/2026-08-10.json"
	outcome 0 $'#model\tdownloads\na/b\t10\nc/d\t20' ""
}

@test "-k: a missing member, a member that is not an array, a plain listing" {
	printf '{"date":"2026-08-07","data":[]}' >"$T/2026-08-07.json"
	run --separate-stderr hfsnap-parse -k models "$T/2026-08-07.json"
	outcome 1 "$HEADER" "hfsnap-parse: $T/2026-08-07.json:1:32: no member \"models\" in this object (-k models)"
	printf '{"models":{"id":"a"}}' >"$T/2026-08-07.json"
	run --separate-stderr hfsnap-parse -k models "$T/2026-08-07.json"
	outcome 1 "$HEADER" "hfsnap-parse: $T/2026-08-07.json:1:11: models: expected an array of models, found an object"
	printf '[{"id":"a","downloadsAllTime":1}]' >"$T/2026-08-07.json"
	run --separate-stderr hfsnap-parse -k models "$T/2026-08-07.json"
	outcome 1 "$HEADER" "hfsnap-parse: $T/2026-08-07.json:1:1: -k models: expected an object holding the models in member \"models\", found an array"
	printf '{"models":[{"id":"a","downloadsAllTime":1}],"models":[]}' >"$T/2026-08-07.json"
	run --separate-stderr hfsnap-parse -k models -f model "$T/2026-08-07.json"
	outcome 1 $'#model\na' "hfsnap-parse: $T/2026-08-07.json:1:54: a second member \"models\""
	run --separate-stderr hfsnap-parse -k '' "$T/2026-08-07.json"
	outcome 2 "" $'hfsnap-parse: -k: the member name is empty\nTry \'hfsnap-parse -h\' for more information.'
}

@test "the wrapper's date dates a file whose name has none; -d and the name come first" {
	printf '%s' "$WRAPPED" >"$T/latest.json"
	run --separate-stderr hfsnap-parse -k models -f model,date "$T/latest.json"
	outcome 0 $'#model\tdate\na/b\t2026-08-07\nc/d\t2026-08-07' ""
	cp "$T/latest.json" "$T/hub-2026-08-09.json"
	run --separate-stderr hfsnap-parse -k models -f date "$T/hub-2026-08-09.json"
	outcome 0 $'#date\n2026-08-09\n2026-08-09' ""
	run --separate-stderr hfsnap-parse -k models -f date -d 2026-01-01 "$T/latest.json"
	outcome 0 $'#date\n2026-01-01\n2026-01-01' ""
	# The date member may come after the models.
	printf '{"models":[{"id":"a/b","downloadsAllTime":1}],"date":"2026-08-11"}' >"$T/late.json"
	run --separate-stderr hfsnap-parse -k models -f model,date "$T/late.json"
	outcome 0 $'#model\tdate\na/b\t2026-08-11' ""
	# A date that is not YYYY-MM-DD, or none: a usage error before any output.
	printf '{"date":"2026-08-07T06:00:00Z","models":[]}' >"$T/stamp.json"
	run --separate-stderr hfsnap-parse -k models "$T/late.json" "$T/stamp.json"
	outcome 2 "" "hfsnap-parse: $T/stamp.json: no YYYY-MM-DD in the file name, and its \"date\" member is not one; give -d DATE
Try 'hfsnap-parse -h' for more information."
	printf '{"models":[]}' >"$T/nodate.json"
	run --separate-stderr hfsnap-parse -k models "$T/nodate.json"
	outcome 2 "" "hfsnap-parse: $T/nodate.json: no YYYY-MM-DD in the file name to date the snapshot; give -d DATE
Try 'hfsnap-parse -h' for more information."
}

@test "-a adds columns after the twelve, each from its documented field" {
	printf '%s' '[{"_id":"621ffdc036468d709f174338","id":"openai-community/gpt2","author":"openai-community",
	  "downloadsAllTime":9,"gated":false,"private":false,"disabled":false,"lastModified":"2024-02-19T10:57:45.000Z",
	  "trendingScore":12,"tags":["license:mit","base_model:o/a","base_model:merge:o/a","base_model:merge:o/b"],
	  "cardData":{"license":"apache-2.0"},"gguf":{"total":5,"architecture":"gpt2","context_length":1024}},
	 {"id":"x/y","gated":"manual","private":true,"disabled":true,"cardData":{"license":["other","a\tb"]},
	  "baseModels":{"relation":"merge","models":[{"id":"o/c"},{"id":"o/d"},{"id":"o/c"}]},"trendingScore":-1.5},
	 {"id":"z/w","gated":"auto","cardData":{"license":{"odd":1}},"trendingScore":0.25}]' >"$T/2025-01-01.json"
	run --separate-stderr hfsnap-parse -f model -a id,base_models,gated,private,disabled,author -a last_modified,trending_score,license,gguf_architecture,context_length "$T/2025-01-01.json"
	outcome 0 "#model	id	base_models	gated	private	disabled	author	last_modified	trending_score	license	gguf_architecture	context_length
openai-community/gpt2	621ffdc036468d709f174338	o/a,o/b	false	false	false	openai-community	2024-02-19T10:57:45.000Z	12	mit	gpt2	1024
x/y		o/c,o/d	manual	true	true			-1.5	other,a\\tb		
z/w			auto					0.25			" ""
	# The default twelve are unchanged, the added ones follow them.
	run --separate-stderr hfsnap-parse -a id "$T/2025-01-01.json"
	outcome -f 'head -2' 0 "$HEADER"$'\tid\nopenai-community/gpt2\t2025-01-01\t9\t\t\t\t5\t\t\to/a\tmerge\tgguf\t621ffdc036468d709f174338' \
	    "hfsnap-parse: note: 2 of 3 models had no downloadsAllTime; their downloads cells are empty"
}

@test "-a: an unknown or default column is a usage error listing the known ones" {
	run --separate-stderr hfsnap-parse -a id,nope /dev/null
	outcome 2 "" "hfsnap-parse: -a: unknown column 'nope' (columns: id base_models gated private disabled author last_modified trending_score license gguf_architecture context_length)
Try 'hfsnap-parse -h' for more information."
	run --separate-stderr hfsnap-parse -a model /dev/null
	outcome 2 "" "hfsnap-parse: -a: unknown column 'model' (columns: id base_models gated private disabled author last_modified trending_score license gguf_architecture context_length)
Try 'hfsnap-parse -h' for more information."
	run --separate-stderr hfsnap-parse -a id, /dev/null
	outcome 2 "" "hfsnap-parse: -a id,: empty item in the list
Try 'hfsnap-parse -h' for more information."
}

@test "-a: a wrong type in an added field is a located error" {
	printf '[{"id":"a","downloadsAllTime":1,"private":"yes"}]' >"$T/2025-01-01.json"
	run --separate-stderr hfsnap-parse -a private "$T/2025-01-01.json"
	outcome 1 "$HEADER"$'\tprivate' "hfsnap-parse: $T/2025-01-01.json:1:43: private: expected a boolean, found a string"
	# Unasked, the same field is skipped unread.
	run --separate-stderr hfsnap-parse -f model "$T/2025-01-01.json"
	outcome 0 $'#model\na' ""
}

# --validate gives parsing's verdict; the JSON conformance suite.

@test "--validate and parsing agree, file by file, on good and bad files" {
	need_cmd jq
	d=$T/v; mkdir "$d"
	hfsnap-gen snapshot -n 50 -s 3 >"$d/array-2025-01-01.json"
	hfsnap-gen snapshot -n 50 -s 3 -p 3 >"$d/pages-2025-01-01.json"
	hfsnap-gen snapshot -n 50 -s 3 --jsonl >"$d/jsonl-2025-01-01.json"
	jq . "$d/array-2025-01-01.json" >"$d/pretty-2025-01-01.json"
	sed 's/$/\r/' "$d/pages-2025-01-01.json" >"$d/crlf-2025-01-01.json"
	printf '\357\273\277' | cat - "$d/array-2025-01-01.json" >"$d/bom-2025-01-01.json"
	printf '[]' >"$d/emptylist-2025-01-01.json"
	: >"$d/zero-2025-01-01.json"
	printf '\n \n' >"$d/blank-2025-01-01.json"
	printf '\357\273\277' >"$d/bomonly-2025-01-01.json"
	head -c 3000 "$d/array-2025-01-01.json" >"$d/cut-2025-01-01.json"
	jq -c 'map(del(.downloadsAllTime))' "$d/array-2025-01-01.json" >"$d/nototal-2025-01-01.json"
	jq -c '{date: "2025-01-01", models: .}' "$d/array-2025-01-01.json" >"$d/wrapped-2025-01-01.json"
	printf '[{"id":"a","downloadsAllTime":1}] x' >"$d/junk-2025-01-01.json"
	printf '[{"id":"a","downloadsAllTime":1}]' >"$d/nodate.json"
	mkdir "$d/dir-2025-01-01.json"
	for opts in "" "--allow-no-total" "-k models" "-f model,likes"; do
		for f in "$d"/* "$d/missing-2025-01-01.json"; do
			# shellcheck disable=SC2086
			p=0; hfsnap-parse $opts "$f" >/dev/null 2>"$T/perr" || p=$?
			# shellcheck disable=SC2086
			v=0; hfsnap-parse --validate $opts "$f" >"$T/vout" 2>"$T/verr" || v=$?
			[ ! -s "$T/vout" ] || { echo "--validate wrote to stdout"; false; }
			if [ $p -eq 0 ]; then
				[ $v -eq 0 ] && [ ! -s "$T/verr" ] || { echo "opts '$opts' $f: parse 0, validate $v: $(cat "$T/verr")"; false; }
			else
				[ $v -eq 1 ] || { echo "opts '$opts' $f: parse $p, validate $v"; false; }
				# The same message, but for the usage hint.
				same "$(cat "$T/verr")" "$(grep -v '^Try ' "$T/perr")"
			fi
		done
	done
	# The verdicts, as the table above should have them with no options.
	run --separate-stderr hfsnap-parse --validate "$d"/*
	stderr=$(printf '%s\n' "${stderr_lines[@]}" | sed "s|^hfsnap-parse: $d/||; s/:.*//" | tr '\n' ' ')
	outcome 1 "" "blank-2025-01-01.json bomonly-2025-01-01.json cut-2025-01-01.json dir-2025-01-01.json junk-2025-01-01.json nodate.json nototal-2025-01-01.json wrapped-2025-01-01.json zero-2025-01-01.json "
}

@test "--validate goes on past a missing file and a bad one, one line each" {
	printf '[{"id":"a","downloadsAllTime":1}]\n[{"id":"b","downloadsAllTime":2}]' >"$T/ok-2025-01-01.json"
	printf '[{"id":"a","downloadsAllTime":1},' >"$T/cut-2025-01-01.json"
	run --separate-stderr hfsnap-parse --validate "$T/ok-2025-01-01.json"
	outcome 0 "" ""
	run --separate-stderr hfsnap-parse --validate "$T/cut-2025-01-01.json" "$T/none-2025-01-01.json" "$T/ok-2025-01-01.json"
	outcome 1 "" "hfsnap-parse: $T/cut-2025-01-01.json:1:34: expected an object (one model), found end of input
hfsnap-parse: $T/none-2025-01-01.json: No such file or directory"
	run --separate-stderr hfsnap-parse --validate <"$T/ok-2025-01-01.json"
	outcome 1 "" "hfsnap-parse: standard input needs -d DATE to date the snapshot"
	run --separate-stderr hfsnap-parse --validate -d 2025-01-01 <"$T/ok-2025-01-01.json"
	outcome 0 "" ""
}

@test "100000 nested arrays, closed and unclosed, without a crash" {
	head -c 100000 /dev/zero | tr '\0' '[' >"$T/open.json"
	{ cat "$T/open.json"; head -c 100000 /dev/zero | tr '\0' ']'; } >"$T/deep.json"
	run --separate-stderr json-check "$T/deep.json"
	outcome 0 "" ""
	run --separate-stderr json-check "$T/open.json"
	outcome 1 "" "json-check: $T/open.json:1:100001: expected a value, found end of input"
	# In a listing, deep nesting is a member value skipped unread.
	{ printf '[{"id":"a","downloadsAllTime":1,"x":'; cat "$T/deep.json"; printf '}]'; } >"$T/2025-01-01.json"
	run --separate-stderr hfsnap-parse -f model "$T/2025-01-01.json"
	outcome 0 $'#model\na' ""
}

@test "JSONTestSuite: every y_ accepted, every n_ rejected, no i_ crashes" {
	need_shared data/JSONTestSuite/test_parsing
	cd "$SHARED/data/JSONTestSuite/test_parsing"
	y=0 n=0 i=0 bad=""
	for f in *.json; do
		rc=0
		timeout 10 json-check "$f" >"$T/out" 2>"$T/err" || rc=$?
		# Nothing on standard output; a message exactly when rejected,
		# one line naming the file.
		[ ! -s "$T/out" ] || bad="$bad $f(stdout)"
		if [ $rc -eq 0 ]; then
			[ ! -s "$T/err" ] || bad="$bad $f(stderr)"
		elif [ "$(wc -l <"$T/err")" -ne 1 ] || ! grep -q "^json-check: $f:" "$T/err"; then
			bad="$bad $f(message)"
		fi
		case $f in
		y_*) [ $rc -eq 0 ] && y=$((y + 1)) || bad="$bad $f($rc)" ;;
		n_*) [ $rc -eq 1 ] && n=$((n + 1)) || bad="$bad $f($rc)" ;;
		i_*) [ $rc -le 1 ] && i=$((i + 1)) || bad="$bad $f($rc)" ;;
		esac
	done
	same "y=$y n=$n i=$i bad:$bad" "y=95 n=188 i=35 bad:"
}

@test "a lone high surrogate before a valid pair: U+FFFD, then the pair's code point" {
	# \ud800 pairs with no low half: U+FFFD (ef bf bd); \ud83d\ude00 is
	# U+1F600 (f0 9f 98 80).  Then \ud800 \ud800\udc00 x \udc00 \ud800:
	# U+FFFD, U+10000 (f0 90 80 80), x, U+FFFD, U+FFFD.
	parse_text '[{"id":"\ud800\ud83d\ude00"},{"id":"\ud800\ud800\udc00x\udc00\ud800"}]'
	outcome -f "tail -n +2 | cut -f1 | od -An -tx1 | tr -s ' \n' ' '" 0 \
		" ef bf bd f0 9f 98 80 0a ef bf bd f0 90 80 80 78 ef bf bd ef bf bd 0a " "$(note 2 2)"
}

@test "nesting: 1048576 levels pass, 1048577 fail, as the page says" {
	need_cmd python3
	python3 -c "n = 1 << 20; open('$T/ok.json', 'w').write('[' * n + ']' * n); open('$T/bad.json', 'w').write('[' * (n + 1) + ']' * (n + 1))"
	run --separate-stderr json-check "$T/ok.json"
	outcome 0 "" ""
	run --separate-stderr json-check "$T/bad.json"
	outcome 1 "" "json-check: $T/bad.json:1:1048577: nesting deeper than 1048576 levels"
}
