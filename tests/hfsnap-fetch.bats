#!/usr/bin/env bats
# hfsnap-fetch: one day's Hub listing saved as DATE.json.  Offline: every
# request goes to tests/fetch/server.py, a stand-in for /api/models on
# 127.0.0.1 that serves tests/fetch/page{1,2,3}.json and goes wrong as each
# test's scenario says.

load helper

D=2025-07-10
PAGES="$BATS_TEST_DIRNAME/fetch/page1.json $BATS_TEST_DIRNAME/fetch/page2.json $BATS_TEST_DIRNAME/fetch/page3.json"
EXPAND='expand%5B%5D=author&expand%5B%5D=baseModels&expand%5B%5D=cardData&expand%5B%5D=createdAt&expand%5B%5D=disabled&expand%5B%5D=downloads&expand%5B%5D=downloadsAllTime&expand%5B%5D=gated&expand%5B%5D=gguf&expand%5B%5D=lastModified&expand%5B%5D=library_name&expand%5B%5D=likes&expand%5B%5D=pipeline_tag&expand%5B%5D=private&expand%5B%5D=safetensors&expand%5B%5D=tags&expand%5B%5D=trendingScore'

setup() {
	T=$BATS_TEST_TMPDIR
	OUT=$T/out
	SAVED=$OUT/$D.json
	mkdir -p "$OUT"
	# Nothing from the caller's environment: no real token, no proxy, and
	# quick retries.
	unset HF_TOKEN http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
	export no_proxy='*' NO_PROXY='*'
	export HFSNAP_FETCH_TRIES=3 HFSNAP_FETCH_BACKOFF=0 HFSNAP_FETCH_TIMEOUT=10 HFSNAP_FETCH_CONNECT_TIMEOUT=5
	export HF_ENDPOINT=http://127.0.0.1:9
	SERVER_PID=
}

teardown() {
	if [ -n "${SERVER_PID:-}" ]; then
		kill "$SERVER_PID" 2>/dev/null || true
		wait "$SERVER_PID" 2>/dev/null || true
	fi
}

# serve SCENARIO: starts the stand-in Hub and points HF_ENDPOINT at it.
serve() {
	need_cmd curl
	need_cmd python3
	S=$T/server
	mkdir -p "$S"
	python3 "$DATA/fetch/server.py" "$1" "$S" >"$S/log" 2>&1 3>&- &
	SERVER_PID=$!
	local i
	for i in $(seq 100); do
		[ -s "$S/port" ] && break
		sleep 0.05
	done
	[ -s "$S/port" ] || { cat "$S/log"; return 1; }
	PORT=$(cat "$S/port")
	export HF_ENDPOINT=http://127.0.0.1:$PORT
}

# The requests the server got, one a line.
requests() { cat "$S/requests"; }
nrequests() { wc -l <"$S/requests" | tr -d ' '; }

# The time between requests $1 and $2, in milliseconds.
gap_ms() {
	awk -F '\t' -v a="$1" -v b="$2" '$1 == a { x = $2 } $1 == b { y = $2 } END { printf "%d", (y - x) * 1000 }' "$S/times"
}

fetch() {
	run --separate-stderr hfsnap-fetch -o "$OUT" --date "$D" "$@"
}

# Nothing in the output directory: no day, no .part.
nothing_left() {
	local left
	left=$(ls -A "$OUT")
	[ -z "$left" ] || { echo "left behind: $left"; return 1; }
}

# The progress lines of a good three-page fetch.
P1='hfsnap-fetch: page 1: 3 models (3 so far)'
P2='hfsnap-fetch: page 2: 2 models (5 so far)'
P3='hfsnap-fetch: page 3: 1 model (6 so far)'
done_line() { echo "hfsnap-fetch: 6 models in 3 pages saved as $SAVED"; }

same_as_pages() {
	# shellcheck disable=SC2086
	cat $PAGES | cmp - "$SAVED"
}

@test "three pages: the file is the pages back to back, and hfsnap-parse reads every model" {
	serve pages
	fetch
	outcome 0 "$SAVED" "$P1"$'\n'"$P2"$'\n'"$P3"$'\n'"$(done_line)"
	same_as_pages
	same "$(ls -A "$OUT")" "$D.json"
	run --separate-stderr hfsnap-parse -f model,date,downloads "$SAVED"
	outcome 0 "#model	date	downloads
Qwen/Qwen3-8B	2025-07-10	5000000
bartowski/Qwen3-8B-GGUF	2025-07-10	90000
google-bert/bert-base-uncased	2025-07-10	2400000000
mlx-community/Qwen3-8B-4bit	2025-07-10	41000
café-lab/mélange-7B	2025-07-10	1234
Qwen/Qwen3-8B-Base	2025-07-10	800000" ""
	# Page 2 by the absolute link of page 1, page 3 by page 2's relative one.
	same "$(nrequests)" 3
	[[ "$(requests | sed -n 2p)" == *"&cursor=2" ]]
	[[ "$(requests | sed -n 3p)" == *"&cursor=3" ]]
}

@test "the first request asks for limit=1000 and the expand[] fields, URL-encoded" {
	serve pages
	fetch -q
	outcome 0 "$SAVED" ""
	same "$(requests | sed -n 1p)" "/api/models?limit=1000&$EXPAND"
	grep -q '^1	User-Agent: hfsnap-fetch/0\.1\.0$' "$S/headers"
	grep -q '^1	Accept: application/json$' "$S/headers"
}

@test "--author and --search reach the query string, percent-encoded" {
	serve pages
	fetch -q --author 'Qwen' --search 'a&b=c/d é+~_.-'
	outcome 0 "$SAVED" ""
	same "$(requests | sed -n 1p)" "/api/models?limit=1000&$EXPAND&author=Qwen&search=a%26b%3Dc%2Fd%20%C3%A9%2B~_.-"
	fetch -q --author=my\ org --search=
	outcome 2 "" $'hfsnap-fetch: --search: empty\nTry \'hfsnap-fetch -h\' for more information.'
}

@test "-q: the file name on standard output and nothing on standard error" {
	serve pages
	fetch -q
	outcome 0 "$SAVED" ""
	same_as_pages
}

@test "a stale .part is replaced; a full standard output is an error, the day kept" {
	serve pages
	echo stale >"$SAVED.part"
	run --separate-stderr bash -c "hfsnap-fetch -q -o '$OUT' --date '$D' >/dev/full"
	outcome 1 "" "hfsnap-fetch: standard output: write error (the day is saved as $SAVED)"
	same_as_pages
	same "$(ls -A "$OUT")" "$D.json"
}

@test "429 with Retry-After: waits that long, then goes on" {
	serve 429
	fetch
	outcome 0 "$SAVED" "hfsnap-fetch: page 1: HTTP 429; retrying in 1 s (try 1 of 3)"$'\n'"$P1"$'\n'"$P2"$'\n'"$P3"$'\n'"$(done_line)"
	same_as_pages
	same "$(nrequests)" 4
	[ "$(gap_ms 1 2)" -ge 950 ] || { echo "waited $(gap_ms 1 2) ms"; false; }
}

@test "429 with the Hub's RateLimit header: waits t + 1 s; a used-up quota holds the next page" {
	serve ratelimit
	fetch
	outcome 0 "$SAVED" "hfsnap-fetch: page 1: HTTP 429; retrying in 1 s (try 1 of 3)"$'\n'"$P1"$'\n'"hfsnap-fetch: page 1: request quota used up; waiting 1 s"$'\n'"$P2"$'\n'"$P3"$'\n'"$(done_line)"
	same_as_pages
	[ "$(gap_ms 1 2)" -ge 950 ] || { echo "429: waited $(gap_ms 1 2) ms"; false; }
	[ "$(gap_ms 2 3)" -ge 950 ] || { echo "quota: waited $(gap_ms 2 3) ms"; false; }
}

@test "503, then success" {
	serve 503
	fetch
	outcome 0 "$SAVED" "$P1"$'\n'"hfsnap-fetch: page 2: HTTP 503; retrying in 0 s (try 1 of 3)"$'\n'"$P2"$'\n'"$P3"$'\n'"$(done_line)"
	same_as_pages
	same "$(nrequests)" 4
}

@test "a transfer cut mid-page is tried again, and the day comes out whole" {
	serve cut-once
	fetch
	outcome 0 "$SAVED" "$P1"$'\n'"hfsnap-fetch: page 2: the transfer was cut short (curl error 18); retrying in 0 s (try 1 of 3)"$'\n'"$P2"$'\n'"$P3"$'\n'"$(done_line)"
	same_as_pages
}

@test "a page cut every time (no Content-Length): fails after its tries; no day, no .part" {
	serve cut-always
	fetch
	cut='hfsnap-fetch: page 2: the body stops mid-JSON (at 1:740: unterminated string)'
	outcome 1 "" "$P1"$'\n'"$cut; retrying in 0 s (try 1 of 3)"$'\n'"$cut; retrying in 0 s (try 2 of 3)"$'\n'"$cut; gave up after 3 tries"
	nothing_left
	same "$(nrequests)" 4
}

@test "a page of bad JSON: fails at once, naming the place; nothing left" {
	serve badjson
	fetch
	outcome 1 "" "$P1"$'\n'"hfsnap-fetch: page 2:1:36: expected an object (one model), found a stray character"
	nothing_left
	same "$(nrequests)" 2
}

@test "a page where no model has downloadsAllTime is refused" {
	serve nototal
	fetch
	outcome 1 "" "hfsnap-fetch: page 1: no model has downloadsAllTime; the Hub did not expand it"
	nothing_left
}

@test "other 4xx: fails at once with the status and the start of the body" {
	serve 404
	fetch
	outcome 1 "" "hfsnap-fetch: page 1: HTTP 404: {\"error\":\"Sorry, we can't find the page you are looking for.\"} (GET $HF_ENDPOINT/api/models?limit=1000&$EXPAND)"
	nothing_left
	same "$(nrequests)" 1
}

@test "a server that never answers: each try ends at HFSNAP_FETCH_TIMEOUT" {
	serve hang
	SECONDS=0
	HFSNAP_FETCH_TIMEOUT=1 HFSNAP_FETCH_TRIES=2 fetch
	took=$SECONDS
	outcome 1 "" "hfsnap-fetch: page 1: no complete answer within 1 s (curl error 28); retrying in 0 s (try 1 of 2)
hfsnap-fetch: page 1: no complete answer within 1 s (curl error 28); gave up after 2 tries"
	nothing_left
	[ "$took" -le 6 ] || { echo "took $took s"; false; }
}

@test "nothing listening: cannot connect, after its tries" {
	serve pages
	kill "$SERVER_PID"
	wait "$SERVER_PID" 2>/dev/null || true
	SERVER_PID=
	HFSNAP_FETCH_TRIES=2 fetch
	outcome 1 "" "hfsnap-fetch: page 1: cannot connect (curl error 7); retrying in 0 s (try 1 of 2)
hfsnap-fetch: page 1: cannot connect (curl error 7); gave up after 2 tries"
	nothing_left
}

@test "a next-page link to another host is not followed" {
	serve foreign
	fetch
	outcome 1 "" "$P1"$'\n'"hfsnap-fetch: page 1: the next-page link leads to http://elsewhere.invalid, not $HF_ENDPOINT; not following it"
	nothing_left
}

@test "HF_TOKEN goes as a bearer header on every request, never to stderr" {
	serve pages
	HF_TOKEN=hf_SeCrEt0123456789 fetch
	outcome 0 "$SAVED" "$P1"$'\n'"$P2"$'\n'"$P3"$'\n'"$(done_line)"
	same "$(grep -i '	authorization:' "$S/headers")" "1	Authorization: Bearer hf_SeCrEt0123456789
2	Authorization: Bearer hf_SeCrEt0123456789
3	Authorization: Bearer hf_SeCrEt0123456789"
}

@test "without HF_TOKEN no Authorization header is sent" {
	serve pages
	HF_TOKEN= fetch -q
	outcome 0 "$SAVED" ""
	run ! grep -qi '	authorization:' "$S/headers"
}

@test "SIGTERM mid-fetch: exit 143, the .part removed, the token on no command line" {
	serve hang2
	HF_TOKEN=hf_SeCrEt0123456789 hfsnap-fetch -o "$OUT" --date "$D" >"$T/stdout" 2>"$T/stderr" 3>&- &
	pid=$!
	for i in $(seq 100); do
		[ "$(nrequests 2>/dev/null)" = 2 ] && break
		sleep 0.05
	done
	same "$(nrequests)" 2
	same "$(ls -A "$OUT")" "$D.json.part"
	if command -v ps >/dev/null 2>&1; then
		# The token in two halves, so this grep's own arguments do not match.
		run ! grep -q "hf_SeCrEt""0123456789" <<<"$(ps -eo args)"
	fi
	kill -TERM "$pid"
	status=0
	wait "$pid" || status=$?
	[ "$status" -eq 143 ]
	[ ! -s "$T/stdout" ]
	same "$(cat "$T/stderr")" "$P1"$'\n'"hfsnap-fetch: interrupted by SIGTERM; $SAVED.part removed"
	nothing_left
}

@test "an existing DATE.json is not replaced, and nothing is fetched" {
	serve pages
	echo keep >"$SAVED"
	fetch
	outcome 1 "" "hfsnap-fetch: $SAVED already exists; not replacing it (move it away to fetch the day again)"
	same "$(cat "$SAVED")" keep
	[ ! -e "$S/requests" ]
}

@test "the day defaults to today in UTC; -o defaults to the current directory" {
	serve pages
	before=$(date -u +%Y-%m-%d)
	cd "$OUT"
	run --separate-stderr hfsnap-fetch -q
	after=$(date -u +%Y-%m-%d)
	outcome 0 "./$before.json" "" || outcome 0 "./$after.json" ""
	[ -f "$OUT/$before.json" ] || [ -f "$OUT/$after.json" ]
}

@test "a missing output directory is an error before any request" {
	fetch -o "$T/nope"
	outcome 1 "" "hfsnap-fetch: $T/nope: no such directory"
}

@test "usage errors exit 2 before any request" {
	try='Try '\''hfsnap-fetch -h'\'' for more information.'
	run --separate-stderr hfsnap-fetch --bogus
	outcome 2 "" "hfsnap-fetch: unknown option '--bogus'"$'\n'"$try"
	run --separate-stderr hfsnap-fetch -x
	outcome 2 "" "hfsnap-fetch: unknown option '-x'"$'\n'"$try"
	run --separate-stderr hfsnap-fetch -o
	outcome 2 "" "hfsnap-fetch: option '-o' needs an argument"$'\n'"$try"
	run --separate-stderr hfsnap-fetch --author
	outcome 2 "" "hfsnap-fetch: option '--author' needs an argument"$'\n'"$try"
	run --separate-stderr hfsnap-fetch extra
	outcome 2 "" "hfsnap-fetch: unexpected argument 'extra'"$'\n'"$try"
	for bad in 2025-02-30 2023-02-29 2025-13-01 2025-04-31 0000-01-01 2025-7-10 yesterday; do
		run --separate-stderr hfsnap-fetch --date "$bad"
		outcome 2 "" "hfsnap-fetch: --date $bad: not a date (YYYY-MM-DD)"$'\n'"$try"
	done
	run --separate-stderr env HFSNAP_FETCH_TRIES=many hfsnap-fetch
	outcome 2 "" "hfsnap-fetch: HFSNAP_FETCH_TRIES=many: not a whole number of seconds or tries"$'\n'"$try"
	run --separate-stderr env HF_ENDPOINT=huggingface.co hfsnap-fetch
	outcome 2 "" "hfsnap-fetch: HF_ENDPOINT=huggingface.co: not an http:// or https:// URL"$'\n'"$try"
	nothing_left
}

@test "real dates pass, leap days included" {
	serve pages
	for good in 2024-02-29 2000-02-29; do
		run --separate-stderr hfsnap-fetch -q -o "$OUT" -d "$good"
		outcome 0 "$OUT/$good.json" ""
	done
}

@test "curl or hfsnap-parse missing: a clear error" {
	mkdir "$T/bin" "$T/solo"
	for c in date sed; do ln -s "$(command -v "$c")" "$T/bin/$c"; done
	run --separate-stderr env PATH="$T/bin" "$BIN/hfsnap-fetch" -o "$OUT"
	outcome 1 "" "hfsnap-fetch: curl is needed and is not on PATH"
	# A copy alone, with a PATH that has curl but not bin/.
	need_cmd curl
	cp "$BIN/hfsnap-fetch" "$T/solo/"
	path=$(dirname "$(command -v curl)"):/usr/bin:/bin
	if PATH=$path command -v hfsnap-parse >/dev/null; then
		skip "hfsnap-parse is installed system-wide"
	fi
	run --separate-stderr env PATH="$path" "$T/solo/hfsnap-fetch" -o "$OUT"
	outcome 1 "" "hfsnap-fetch: hfsnap-parse is needed and is neither next to hfsnap-fetch nor on PATH"
	nothing_left
}

@test "-h fits a screen, its usage matches the man page SYNOPSIS, and names curl" {
	run --separate-stderr hfsnap-fetch -h
	outcome -f 'head -1' 0 "Usage: hfsnap-fetch [-q] [-o DIR] [--date YYYY-MM-DD] [--author ORG]" ""
	[ "${#lines[@]}" -le 24 ]
	[[ "$output" == *"Needs curl."* ]]
	check_synopsis hfsnap-fetch
	page=$ROOT/man/man1/hfsnap-fetch.1
	for opt in output date author search quiet help version HF_ENDPOINT HF_TOKEN \
	    HFSNAP_FETCH_TRIES HFSNAP_FETCH_BACKOFF HFSNAP_FETCH_TIMEOUT HFSNAP_FETCH_CONNECT_TIMEOUT; do
		grep -q -- "$opt" "$page" || { echo "$opt missing from the man page"; false; }
	done
	grep -q 'Xr curl 1' "$page"
	check_options hfsnap-fetch
}

@test "--version agrees with the C tools' version (lib/version.h)" {
	want=$(sed -n 's/^#define HFSNAP_VERSION "\(.*\)"$/\1/p' "$ROOT/lib/version.h")
	[ -n "$want" ]
	run --separate-stderr hfsnap-fetch --version
	outcome 0 "hfsnap-fetch $want" ""
}

@test "the script is POSIX sh: dash -n and shellcheck -s sh find nothing" {
	src=$ROOT/cmd/hfsnap-fetch.sh
	if command -v dash >/dev/null 2>&1; then
		run --separate-stderr dash -n "$src"
		outcome 0 "" ""
	fi
	need_cmd shellcheck
	run --separate-stderr shellcheck -s sh "$src"
	outcome 0 "" ""
}
