#!/usr/bin/env bats
# regionize: region from the namespace.  Every test checks the exit status,
# standard output and standard error together (outcome); lists are derived
# from their source (cmd/regionize.c, the man page, SPEC), expected rows
# otherwise written by hand.

load helper

REGIONS=$BATS_TEST_DIRNAME/regionize/regions.csv
TRY="Try 'regionize -h' for more information."

setup() {
	T=$BATS_TEST_TMPDIR
}

# Here-document text with '|' for TAB, so rows stay readable.
rows() {
	tr '|' '\t'
}

# The built-in table as cmd/regionize.c spells it: "namespace<TAB>region"
# for every { "ns", "region" } pair of its builtin[] array, in order.
source_table() {
	awk '/^static const char \*const builtin\[\]\[2\] = \{/ { on = 1; next }
		on && /^\};/ { exit }
		on { while (match($0, /\{ "[^"]*", "[^"]*" \}/)) {
				 pair = substr($0, RSTART, RLENGTH); $0 = substr($0, RSTART + RLENGTH)
				 split(pair, q, "\""); print q[2] "\t" q[4] } }' "$ROOT/cmd/regionize.c"
}

# The namespaces the man page lists under each region of its built-in table
# (the .Bl list after "The built-in table"), as "namespace<TAB>region".
page_table() {
	awk '/^\.Bl -tag -width china/ { on = 1; next }
		on && /^\.El/ { exit }
		on && /^\.It Li / { region = $3; next }
		on && /^\.Pq Li / { for (i = 3; i <= NF; i++) if ($i != "," && $i != ".") print $i "\t" region }' \
		"$ROOT/man/man1/regionize.1"
}

@test "--list prints the built-in table exactly as cmd/regionize.c has it" {
	source_table >"$T/src"
	[ "$(wc -l <"$T/src")" -ge 30 ]
	run --separate-stderr regionize --list
	outcome 0 "$(printf '#hf_org\tregion\n'; cat "$T/src")" ""
}

@test "every built-in namespace gives its region, as ns/model and as a bare ns" {
	source_table >"$T/src"
	{ echo '#model'; awk -F'\t' '{ print $1 "/some-model"; print $1 }' "$T/src"; } >"$T/in"
	run --separate-stderr regionize "$T/in"
	outcome 0 "$(printf '#model\tregion\n'; awk -F'\t' -v OFS='\t' '{ print $1 "/some-model", $2; print $1, $2 }' "$T/src")" ""
}

@test "the man page lists every built-in namespace under its region, and no other" {
	source_table | LC_ALL=C sort >"$T/src"
	page_table | LC_ALL=C sort >"$T/page"
	[ "$(wc -l <"$T/page")" -ge 30 ]
	run --separate-stderr diff "$T/src" "$T/page"
	outcome 0 "" ""
}

@test "every namespace SPEC requires is built in, with its region" {
	need_shared SPEC.md
	# SPEC's "at least `ns ns ...` (us), `...` (china), `...` (eu" lists.
	tr '\n' ' ' <"$SHARED/SPEC.md" | grep -oE '`[^`]+` \((us|china|eu)' |
		awk '{ region = $NF; gsub(/[()]/, "", region)
			   for (i = 1; i < NF; i++) { ns = $i; gsub(/`/, "", ns); print ns "\t" region } }' >"$T/spec"
	[ "$(wc -l <"$T/spec")" -ge 30 ]
	{ echo '#model'; cut -f1 "$T/spec" | sed 's,$,/m,'; } >"$T/in"
	run --separate-stderr regionize "$T/in"
	outcome 0 "$(printf '#model\tregion\n'; sed 's,\t,/m\t,' "$T/spec")" ""
}

@test "namespaces are exact and case-sensitive; one found nowhere is unknown" {
	run --separate-stderr regionize -m 1 <<<$'qwen/Qwen3-8B\nQwen/Qwen3-8B\nQwenLM/x\nnobody/x\nQwen/a\nQwem/b'
	outcome 0 $'qwen/Qwen3-8B\tunknown\nQwen/Qwen3-8B\tchina\nQwenLM/x\tunknown\nnobody/x\tunknown\nQwen/a\tchina\nQwem/b\tunknown' ""
}

@test "a bare org column; an empty cell or namespace is unknown" {
	run --separate-stderr regionize -m org <<<$'#org\tn\ndeepseek-ai\t1\n\t2\n/x\t3\nmistralai\t4'
	outcome 0 $'#org\tn\tregion\ndeepseek-ai\t1\tchina\n\t2\tunknown\n/x\t3\tunknown\nmistralai\t4\teu' ""
}

@test "--unknown names what no table knows" {
	run --separate-stderr regionize -m 1 --unknown unreviewed -r "$REGIONS" <<<$'nobody/x\nEleutherAI/y\nQwen/z'
	outcome 0 $'nobody/x\tunreviewed\nEleutherAI/y\tunknown\nQwen/z\tchina' ""
}

# refused TEXT SHOWN: --unknown TEXT and -n TEXT are usage errors that
# show it as SHOWN.
refused() {
	run --separate-stderr regionize --unknown "$1" </dev/null
	outcome 2 "" "regionize: --unknown: $2 is not a label: it must be non-empty, without TAB or line break
$TRY" || return 1
	run --separate-stderr regionize -n "$1" </dev/null
	outcome 2 "" "regionize: -n: $2 is not a column name: it must be non-empty, without TAB or line break
$TRY"
}

@test "--unknown and -n take only text that fits a TSV cell" {
	refused '' "''"
	refused $'a\tb' "'a\\tb'"
	refused $'a\nb' "'a\\nb'"
	refused $'a\rb' "'a\\rb'"
}

@test "-m base_model -n base_region, on hfsnap-parse output" {
	hfsnap-parse -d 2025-07-10 -f model,base_model "$BATS_TEST_DIRNAME/hfsnap-parse/basic.json" >"$T/in"
	run --separate-stderr bash -o pipefail -c 'regionize -m base_model -n base_region "$1" | regionize' _ "$T/in"
	want=$(rows <<-'EOF'
	#model|base_model|base_region|region
	Qwen/Qwen3-8B|Qwen/Qwen3-8B-Base|china|china
	bartowski/Qwen3-8B-GGUF|Qwen/Qwen3-8B|china|unknown
	mlx-community/Qwen3-8B-4bit|Qwen/Qwen3-8B|china|unknown
	someone/gguf-by-file||unknown|unknown
	someone/lib-says-gguf||unknown|unknown
	café/naïve-😀||unknown|unknown
	someone/mlx-tag|meta-llama/Llama-3.1-8B|us|unknown
	EOF
	)
	outcome 0 "$want" ""
}

@test "-r extends and overrides; extra columns and quoted notes with commas" {
	run --separate-stderr regionize -m 1 -r "$REGIONS" <<<$'HuggingFaceTB/SmolLM2\nEleutherAI/pythia\nnew-lab/x\nquoted-org/y\nQwen/z\nnobody/w'
	outcome 0 $'HuggingFaceTB/SmolLM2\tus\nEleutherAI/pythia\tunknown\nnew-lab/x\tother\nquoted-org/y\tchina\nQwen/z\tchina\nnobody/w\tunknown' ""
}

@test "a table's last row needs no line break: TSV, CSV, CRLF, a quoted last field" {
	printf 'hf_org\tregion\nacme\teu\nzeta\tchina' >"$T/r.tsv"
	printf 'hf_org,region\nacme,eu\nzeta,china' >"$T/r.csv"
	printf 'hf_org,region\r\nacme,eu\r\nzeta,"china"' >"$T/r2.csv"
	for r in r.tsv r.csv r2.csv; do
		run --separate-stderr regionize -r "$T/$r" <<<$'#model\nacme/x\nzeta/y'
		outcome 0 $'#model\tregion\nacme/x\teu\nzeta/y\tchina' "" || { echo "$r"; false; }
	done
}

@test "a table row with an empty label adds nothing and overrides nothing" {
	printf 'hf_org,region\nQwen,\nnew-lab,\nnew-lab2,eu\n' >"$T/r.csv"
	run --separate-stderr regionize -m 1 -r "$T/r.csv" <<<$'Qwen/x\nnew-lab/y\nnew-lab2/z'
	outcome 0 $'Qwen/x\tchina\nnew-lab/y\tunknown\nnew-lab2/z\teu' ""
}

@test "labels that differ in one letter stay apart" {
	printf 'hf_org,region\nlab-r,ur\nlab-t,ut\nlab-c,chinb\n' >"$T/r.csv"
	run --separate-stderr regionize -m 1 -r "$T/r.csv" <<<$'lab-r/x\nlab-t/y\nlab-c/z\nQwen/w\nopenai/v'
	outcome 0 $'lab-r/x\tur\nlab-t/y\tut\nlab-c/z\tchinb\nQwen/w\tchina\nopenai/v\tus' ""
}

@test "an unknown option, a missing argument" {
	run --separate-stderr regionize -x </dev/null
	outcome 2 "" "regionize: unknown option '-x'
$TRY"
	run --separate-stderr regionize --regions
	outcome 2 "" "regionize: option '--regions' needs an argument
$TRY"
}

@test "a CRLF region table" {
	printf 'hf_org,region,notes\r\nnew-lab,eu\r\nother-lab,us,"x"\r\n' >"$T/r.csv"
	run --separate-stderr regionize -m 1 -r "$T/r.csv" <<<$'new-lab/x\nother-lab/y'
	outcome 0 $'new-lab/x\teu\nother-lab/y\tus' ""
}

@test "a TSV region table with comment lines before its header" {
	printf '# reviewed 2025-08\n#hf_org\tregion\nnew-lab\teu\n' >"$T/r.tsv"
	run --separate-stderr regionize -m 1 -r "$T/r.tsv" <<<'new-lab/x'
	outcome 0 $'new-lab/x\teu' ""
}

@test "-n NAME reads a table column NAME; --no-builtin uses the table alone" {
	printf 'hf_org,org\nmeta-llama,Meta\nfacebook,Meta\nQwen,Qwen\n' >"$T/orgs.csv"
	run --separate-stderr regionize -m 1 -r "$T/orgs.csv" -n org --no-builtin <<<$'facebook/opt\nmeta-llama/x\nQwen/y\ngoogle/z'
	outcome 0 $'facebook/opt\tMeta\nmeta-llama/x\tMeta\nQwen/y\tQwen\ngoogle/z\tunknown' ""
	run --separate-stderr regionize -m 1 -r "$T/orgs.csv" -n org <<<'google/z'
	outcome 0 $'google/z\tus' ""
	run --separate-stderr regionize -m 1 -r "$T/orgs.csv" -n base_org -l org --no-builtin <<<$'#m\nfacebook/opt'
	outcome 0 $'#m\tbase_org\nfacebook/opt\tMeta' ""
}

@test "-l and --no-builtin need a table" {
	run --separate-stderr regionize -m 1 --no-builtin <<<'google/z'
	outcome 2 "" "regionize: --no-builtin needs a table: give -r FILE
$TRY"
	run --separate-stderr regionize -m 1 -l org <<<'google/z'
	outcome 2 "" "regionize: -l needs a table: give -r FILE
$TRY"
}

@test "a table from standard input or a pipe, whichever header it has" {
	echo Qwen/x >"$T/ids"
	printf 'hf_org,region\nQwen,asia\n' >"$T/r.csv"
	run --separate-stderr regionize -m 1 -r - -n org "$T/ids" <"$T/r.csv"
	outcome 0 $'Qwen/x\tasia' ""
	run --separate-stderr regionize -m 1 -r <(cat "$T/r.csv") -n org <"$T/ids"
	outcome 0 $'Qwen/x\tasia' ""
	printf 'hf_org,org\nQwen,Alibaba\n' >"$T/o.csv"
	run --separate-stderr regionize -m 1 -r - -n org --no-builtin "$T/ids" <"$T/o.csv"
	outcome 0 $'Qwen/x\tAlibaba' ""
}

@test "a table that cannot be read (standard input is a directory) is an error, not a wait" {
	printf 'Qwen/x\n' >"$T/ids"
	run --separate-stderr timeout 10 regionize -m 1 -r - "$T/ids" </
	outcome 1 "" "regionize: -: read error: Is a directory"
}

@test "a table on standard input cannot share it with the data" {
	printf 'hf_org,region\nQwen,asia\n' >"$T/r.csv"
	run --separate-stderr regionize -m 1 -r - <"$T/r.csv"
	outcome 2 "" "regionize: -r - and the data cannot both be standard input: give the data as a FILE
$TRY"
	run --separate-stderr regionize -m 1 -r - "$T/r.csv" - <"$T/r.csv"
	outcome 2 "" "regionize: -r - and the data cannot both be standard input: give the data as a FILE
$TRY"
}

@test "a quoted header of either kind is found (the search for one does not spoil the other)" {
	printf '"hf_org","region","notes"\nQwen,asia,"a, b"\n' >"$T/r.csv"
	run --separate-stderr regionize -m 1 -r "$T/r.csv" -n org <<<'Qwen/x'
	outcome 0 $'Qwen/x\tasia' ""
	printf '"hf_org","org"\nQwen,Alibaba\n' >"$T/o.csv"
	run --separate-stderr regionize -m 1 -r "$T/o.csv" -n org <<<'Qwen/x'
	outcome 0 $'Qwen/x\tAlibaba' ""
}

@test "a namespace or label with a TAB, line break or NUL is a located error in the table" {
	printf 'hf_org,region\nok,us\nfoo,"a\tb"\n' >"$T/r.csv"
	run --separate-stderr regionize -m 1 -r "$T/r.csv" </dev/null
	outcome 1 "" "regionize: $T/r.csv:3: region 'a\\tb' holds a TAB, line break or NUL"
	printf 'hf_org,org\nfoo,"a\nb"\n' >"$T/r.csv"
	run --separate-stderr regionize -m 1 -r "$T/r.csv" -n org </dev/null
	outcome 1 "" "regionize: $T/r.csv:2: org 'a\\nb' holds a TAB, line break or NUL"
	printf 'hf_org,region\nfoo,"a\rb"\n' >"$T/r.csv"
	run --separate-stderr regionize -m 1 -r "$T/r.csv" -n org </dev/null
	outcome 1 "" "regionize: $T/r.csv:2: region 'a\\rb' holds a TAB, line break or NUL"
	printf 'hf_org,region\nfoo,"a\0b"\n' >"$T/r.csv"
	run --separate-stderr regionize -m 1 -r "$T/r.csv" </dev/null
	outcome 1 "" "regionize: $T/r.csv:2: region 'a\\x00b' holds a TAB, line break or NUL"
	printf 'hf_org,region\n"a\tb",us\n' >"$T/r.csv"
	run --separate-stderr regionize -m 1 -r "$T/r.csv" </dev/null
	outcome 1 "" "regionize: $T/r.csv:2: hf_org 'a\\tb' holds a TAB, line break or NUL"
}

@test "a table without the -l column: the message names it, cut to fit, however long" {
	printf 'hf_org,region\nQwen,china\n' >"$T/r.csv"
	run --separate-stderr regionize -r "$T/r.csv" -l org </dev/null
	outcome 1 "" "regionize: $T/r.csv:1: 'hf_org,region' is not a header naming hf_org and org"
	# The names the message lists are cut at 511 bytes: "hf_org and "
	# and 500 of the 600 x's.
	long=$(printf 'x%.0s' $(seq 600))
	run --separate-stderr regionize -r "$T/r.csv" -l "$long" </dev/null
	outcome 1 "" "regionize: $T/r.csv:1: 'hf_org,region' is not a header naming hf_org and ${long:0:500}"
	# Two sets of names (-n: hf_org and NAME, or hf_org and region), the
	# first filling the message: the ", or" of the second is left out.
	printf 'hf_org,place\nQwen,china\n' >"$T/p.csv"
	run --separate-stderr regionize -r "$T/p.csv" -n org </dev/null
	outcome 1 "" "regionize: $T/p.csv:1: 'hf_org,place' is not a header naming hf_org and org, or hf_org and region"
	run --separate-stderr regionize -r "$T/p.csv" -n "$long" </dev/null
	outcome 1 "" "regionize: $T/p.csv:1: 'hf_org,place' is not a header naming hf_org and ${long:0:500}"
}

@test "the registry's organization_regions.csv is read as published" {
	need_shared data/tracked-models/metadata/organization_regions.csv
	need_cmd python3
	table=$SHARED/data/tracked-models/metadata/organization_regions.csv
	python3 -c 'import csv,sys
for r in csv.DictReader(open(sys.argv[1], newline="")):
	print(r["hf_org"] + "/m\t" + r["region"])' "$table" >"$T/want"
	[ "$(wc -l <"$T/want")" -gt 100 ]
	grep -qx $'HuggingFaceTB/m\tus' "$T/want"
	cut -f1 "$T/want" >"$T/ids"
	run --separate-stderr regionize -m 1 -r "$table" "$T/ids"
	outcome 0 "$(cat "$T/want")" ""
}

@test "table errors name the table's FILE:LINE" {
	printf 'org,region\nQwen,china\n' >"$T/r.csv"
	run --separate-stderr regionize -m 1 -r "$T/r.csv" </dev/null
	outcome 1 "" "regionize: $T/r.csv:1: 'org,region' is not a header naming hf_org and region"
	run --separate-stderr regionize -m 1 -r "$T/r.csv" -n org </dev/null
	outcome 1 "" "regionize: $T/r.csv:1: 'org,region' is not a header naming hf_org and org, or hf_org and region"
	printf 'hf_org,region,notes\nQwen,china,"never closed\n' >"$T/r.csv"
	run --separate-stderr regionize -m 1 -r "$T/r.csv" </dev/null
	outcome 1 "" "regionize: $T/r.csv:2: unterminated quoted field"
	printf 'hf_org,region\n,china\n' >"$T/r.csv"
	run --separate-stderr regionize -m 1 -r "$T/r.csv" </dev/null
	outcome 1 "" "regionize: $T/r.csv:2: empty hf_org"
	printf 'hf_org,region\nQwen,china\nbaidu\n' >"$T/r.csv"
	run --separate-stderr regionize -m 1 -r - /dev/null <"$T/r.csv"
	outcome 1 "" "regionize: -:3: record has 1 field, the header has more"
	run --separate-stderr regionize -m 1 -r "$T/none.csv" </dev/null
	outcome 1 "" "regionize: $T/none.csv: No such file or directory"
}

@test "missing column, no header, short row" {
	run --separate-stderr regionize -m org <<<$'#model\nQwen/x'
	outcome 2 "" "regionize: -m org: no such column in the header of -
$TRY"
	run --separate-stderr regionize <<<'Qwen/x'
	outcome 2 "" "regionize: -m model: the input has no '#' header to find a column name in; give a column number
$TRY"
	run --separate-stderr regionize -m 2 <<<$'a\tQwen/x\nb'
	outcome 1 $'a\tQwen/x\tchina' "regionize: -:2: line has 1 field, column 2 needs 2"
}

@test "CRLF input, several files, '-', repeated headers, empty input" {
	printf '#model\r\nQwen/a\r\n' >"$T/a"
	run --separate-stderr regionize "$T/a" - <<<$'#model\nopenai/b'
	outcome 0 $'#model\tregion\nQwen/a\tchina\nopenai/b\tus' ""
	run --separate-stderr regionize </dev/null
	outcome 0 "" ""
}

@test "--list prints the table in use, with -r and -n, and reads back with -r" {
	printf 'hf_org,org\nQwen,Alibaba\nnew-lab,Lab\n' >"$T/o.csv"
	run --separate-stderr regionize --list -r "$T/o.csv" -n org --no-builtin
	outcome 0 $'#hf_org\torg\nQwen\tAlibaba\nnew-lab\tLab' ""
	printf '%s\n' "$output" >"$T/listed.tsv"
	run --separate-stderr regionize -m 1 -r "$T/listed.tsv" -n org --no-builtin <<<'new-lab/x'
	outcome 0 $'new-lab/x\tLab' ""
	run --separate-stderr regionize --list -r "$T/o.csv" -n org
	# The built-in table in its order, Qwen overridden in place, new-lab
	# added at the end.
	want=$(printf '#hf_org\torg\n'
		source_table | awk -F'\t' -v OFS='\t' '$1 == "Qwen" { $2 = "Alibaba" } { print }'
		printf 'new-lab\tLab')
	outcome 0 "$want" ""
}

@test "--list reads no data" {
	run --separate-stderr regionize --list "$T/x"
	outcome 2 "" "regionize: --list reads no data: FILE '$T/x' given
$TRY"
	run --separate-stderr bash -c 'regionize --list >/dev/full'
	outcome 1 "" "regionize: write error: No space left on device"
}

@test "a full disk is an error" {
	run --separate-stderr bash -c 'regionize -m 1 <<<"Qwen/x" >/dev/full'
	outcome 1 "" "regionize: write error: No space left on device"
}

@test "-h fits a screen and matches the man page SYNOPSIS" {
	check_synopsis regionize
}

@test "-h and the man page name the same options" {
	run --separate-stderr check_options regionize
	outcome 0 "" ""
}
