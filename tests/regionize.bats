#!/usr/bin/env bats
# regionize: region from the namespace.

load helper

REGIONS=$BATS_TEST_DIRNAME/regionize/regions.csv

setup() {
	T=$BATS_TEST_TMPDIR
}

@test "the built-in table: every namespace SPEC lists, by region" {
	us="meta-llama facebook google microsoft nvidia openai allenai ibm-granite ibm-research Snowflake ai21labs"
	china="Qwen Alibaba-NLP deepseek-ai ByteDance ByteDance-Seed baidu PaddlePaddle internlm THUDM zai-org openbmb inclusionAI Skywork tencent XiaomiMiMo moonshotai MiniMaxAI"
	eu="mistralai mistral-community HuggingFaceTB HuggingFaceM4"
	for region in us china eu; do
		for org in ${!region}; do
			got=$(printf '%s/some-model\n' "$org" | regionize -m 1 | cut -f2)
			same "$got" "$region" || { echo "for $org"; false; }
		done
	done
}

@test "namespaces are exact and case-sensitive; unknown ones get an empty cell" {
	run regionize -m 1 <<<$'qwen/Qwen3-8B\nQwen/Qwen3-8B\nQwenLM/x\nnobody/x'
	same "$output" $'qwen/Qwen3-8B\t\nQwen/Qwen3-8B\tchina\nQwenLM/x\t\nnobody/x\t'
}

@test "a bare org column, and an empty cell" {
	run regionize -m org <<<$'#org\tn\ndeepseek-ai\t1\n\t2\nmistralai\t3'
	same "$output" $'#org\tn\tregion\ndeepseek-ai\t1\tchina\n\t2\t\nmistralai\t3\teu'
}

@test "-m base_model -n base_region, on hfsnap-parse output" {
	hfsnap-parse -d 2025-07-10 -f model,base_model "$BATS_TEST_DIRNAME/hfsnap-parse/basic.json" |
		regionize -m base_model -n base_region | regionize >"$T/out"
	same "$(head -3 "$T/out")" $'#model\tbase_model\tbase_region\tregion\nQwen/Qwen3-8B\tQwen/Qwen3-8B-Base\tchina\tchina\nbartowski/Qwen3-8B-GGUF\tQwen/Qwen3-8B\tchina\t'
	same "$(tail -1 "$T/out")" $'someone/mlx-tag\tmeta-llama/Llama-3.1-8B\tus\t'
}

@test "-r extends and overrides; extra columns and quoted notes with commas" {
	run regionize -m 1 -r "$REGIONS" <<<$'HuggingFaceTB/SmolLM2\nEleutherAI/pythia\nnew-lab/x\nquoted-org/y\nQwen/z\nnobody/w'
	[ "$status" -eq 0 ]
	same "$output" $'HuggingFaceTB/SmolLM2\tus\nEleutherAI/pythia\tunknown\nnew-lab/x\tother\nquoted-org/y\tchina\nQwen/z\tchina\nnobody/w\t'
}

@test "a TSV region table with comment lines before its header" {
	printf '# reviewed 2025-08\n#hf_org\tregion\nnew-lab\teu\n' >"$T/r.tsv"
	run regionize -m 1 -r "$T/r.tsv" <<<'new-lab/x'
	same "$output" $'new-lab/x\teu'
}

@test "-n NAME reads a table column NAME; --no-builtin uses the table alone" {
	printf 'hf_org,org\nmeta-llama,Meta\nfacebook,Meta\nQwen,Qwen\n' >"$T/orgs.csv"
	run regionize -m 1 -r "$T/orgs.csv" -n org --no-builtin <<<$'facebook/opt\nmeta-llama/x\nQwen/y\ngoogle/z'
	same "$output" $'facebook/opt\tMeta\nmeta-llama/x\tMeta\nQwen/y\tQwen\ngoogle/z\t'
	run regionize -m 1 -r "$T/orgs.csv" -n org <<<'google/z'
	same "$output" $'google/z\tus'
	run regionize -m 1 -r "$T/orgs.csv" -n base_org -l org --no-builtin <<<$'#m\nfacebook/opt'
	same "$output" $'#m\tbase_org\nfacebook/opt\tMeta'
	run --separate-stderr regionize -m 1 --no-builtin <<<'google/z'
	[ "$status" -eq 2 ]
	same "${stderr_lines[0]}" "regionize: --no-builtin needs a table: give -r FILE"
}

@test "the registry's organization_regions.csv is read as published" {
	need_shared data/tracked-models/metadata/organization_regions.csv
	need_cmd python3
	table=$SHARED/data/tracked-models/metadata/organization_regions.csv
	python3 -c 'import csv,sys
for r in csv.DictReader(open(sys.argv[1], newline="")):
    print(r["hf_org"] + "/m\t" + r["region"])' "$table" >"$T/want"
	cut -f1 "$T/want" | regionize -m 1 -r "$table" >"$T/got"
	diff "$T/got" "$T/want"
	[ "$(wc -l <"$T/got")" -gt 100 ]
	same "$(grep '^HuggingFaceTB/' "$T/got")" $'HuggingFaceTB/m\tus'
}

@test "table errors: no such header, an unterminated quote, an empty org" {
	printf 'org,region\nQwen,china\n' >"$T/r.csv"
	run --separate-stderr regionize -m 1 -r "$T/r.csv" </dev/null
	[ "$status" -eq 1 ]
	same "$stderr" "regionize: $T/r.csv: no header line naming hf_org and region"
	printf 'hf_org,region,notes\nQwen,china,"never closed\n' >"$T/r.csv"
	run --separate-stderr regionize -m 1 -r "$T/r.csv" </dev/null
	[ "$status" -eq 1 ]
	same "$stderr" "regionize: $T/r.csv:2: unterminated quoted field"
	printf 'hf_org,region\n,china\n' >"$T/r.csv"
	run --separate-stderr regionize -m 1 -r "$T/r.csv" </dev/null
	[ "$status" -eq 1 ]
	same "$stderr" "regionize: $T/r.csv:2: empty hf_org"
}

@test "missing column, no header, short row" {
	run --separate-stderr regionize -m org <<<$'#model\nQwen/x'
	[ "$status" -eq 2 ]
	same "${stderr_lines[0]}" "regionize: -m org: no such column in the header of -"
	run --separate-stderr regionize <<<'Qwen/x'
	[ "$status" -eq 2 ]
	run --separate-stderr regionize -m 2 <<<$'a\tQwen/x\nb'
	[ "$status" -eq 1 ]
	same "$output" $'a\tQwen/x\tchina'
	same "$stderr" "regionize: -:2: line has 1 field, column 2 needs 2"
	run --separate-stderr regionize -n '' </dev/null
	[ "$status" -eq 2 ]
}

@test "CRLF input, several files, '-', repeated headers, empty input" {
	printf '#model\r\nQwen/a\r\n' >"$T/a"
	run regionize "$T/a" - <<<$'#model\nopenai/b'
	same "$output" $'#model\tregion\nQwen/a\tchina\nopenai/b\tus'
	run regionize </dev/null
	[ "$status" -eq 0 ]; [ -z "$output" ]
}

@test "a full disk is an error" {
	regionize -m 1 <<<'Qwen/x' >/dev/full 2>"$T/err" && false
	same "$(cat "$T/err")" "regionize: write error: No space left on device"
}

@test "the man page lists the built-in table" {
	page=$ROOT/man/man1/regionize.1
	for org in meta-llama facebook FacebookAI Qwen THUDM zai-org mistralai mistral-community HuggingFaceTB HuggingFaceM4 MiniMaxAI; do
		grep -q -- "$org" "$page" || { echo "$org missing"; false; }
	done
}

@test "-h fits a screen and matches the man page SYNOPSIS" {
	check_synopsis regionize
}
