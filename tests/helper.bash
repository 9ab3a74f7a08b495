# Shared set-up for the Bats suites.
bats_require_minimum_version 1.5.0

ROOT=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
BIN=${BIN:-$ROOT/bin}
PATH="$BIN:$PATH"
SHARED=${HFSNAP_SHARED:-$ROOT/../shared}
DATA=$BATS_TEST_DIRNAME

# Skip a test that needs part of ../shared, which a fresh clone lacks.
need_shared() {
	[ -e "$SHARED/$1" ] || skip "no $SHARED/$1 (../shared is absent in a fresh clone)"
}

need_cmd() {
	command -v "$1" >/dev/null 2>&1 || skip "$1 is not installed"
}

# Assert exact equality, showing both sides when they differ.
same() {
	if [ "$1" != "$2" ]; then
		printf 'got:  %s\nwant: %s\n' "$1" "$2" >&2
		return 1
	fi
}

# The usage lines of `TOOL -h` (from "Usage:" to the first line that does not
# start with a blank) must equal the SYNOPSIS of man/man1/TOOL.1, spaces
# squeezed; -h must fit a 24-line screen.
check_synopsis() {
	local tool=$1 usage synopsis
	run --separate-stderr "$tool" -h
	[ "$status" -eq 0 ] && [ -z "$stderr" ] || { echo "$tool -h: status $status, $stderr"; return 1; }
	[ "${#lines[@]}" -le 24 ] || { echo "$tool -h has ${#lines[@]} lines"; return 1; }
	usage=$("$tool" -h | awk 'NR == 1 { sub(/^Usage: /, ""); print; next } /^[ \t]/ { print; next } { exit }' | tr -s ' \n' '  ' | sed 's/ *$//')
	need_cmd man
	synopsis=$(MANWIDTH=300 man -l "$ROOT/man/man1/$tool.1" 2>/dev/null |
		awk '/^SYNOPSIS/ { on = 1; next } on && /^[A-Z]/ { exit } on { print }' |
		tr -s ' \n' '  ' | sed 's/^ *//; s/ *$//')
	same "$usage" "$synopsis"
}

# outcome [-f FILTER] [-e FILTER] STATUS STDOUT STDERR: the last `run
# --separate-stderr` ended with exactly this status, standard output and
# standard error.  All three are checked, and every difference is shown, so
# no test can pass on the right output with the wrong status or a stray
# message.  -f puts the output, -e the error output, through the shell
# command FILTER first ('cut -f1,7', 'sed -n 2p', "grep -v '^make'"), for a
# test that looks at part of a large output on purpose, or at a tool's
# message among make's.
outcome() {
	local bad=0 got=$output err=${stderr-} what=stdout ewhat=stderr
	while [ $# -gt 3 ]; do
		case $1 in
		# A filter's own status does not count (grep -v of every
		# line is 1): only what it leaves.
		-f) got=$(printf '%s\n' "$output" | eval "$2" || :); what="stdout | $2" ;;
		-e) err=$(printf '%s\n' "${stderr-}" | eval "$2" || :); ewhat="stderr | $2" ;;
		*) break ;;
		esac
		shift 2
	done
	if [ "$status" != "$1" ]; then
		printf 'status: got %s, want %s\n' "$status" "$1" >&2
		bad=1
	fi
	if [ "$got" != "$2" ]; then
		printf '%s: got:\n%s\n%s: want:\n%s\n' "$what" "$got" "$what" "$2" >&2
		bad=1
	fi
	if [ "$err" != "$3" ]; then
		printf '%s: got:\n%s\n%s: want:\n%s\n' "$ewhat" "$err" "$ewhat" "$3" >&2
		bad=1
	fi
	return $bad
}

# Every option `TOOL -h` names (-x and --long) has an entry of its own in
# the OPTIONS list of man/man1/TOOL.1 (an `.It Fl ...` line naming it), and
# every such entry is in -h: the page and the help cannot drift apart.
check_options() {
	local tool=$1 page=$ROOT/man/man1/$1.1 opt help_opts page_opts
	help_opts=$("$tool" -h | grep -oE '(^|[ ,])--?[a-zA-Z][-a-zA-Z0-9]*' | sed 's/^[ ,]*//' | sort -u)
	page_opts=$(grep -E '^\.It Fl ' "$page" |
		grep -oE 'Fl -?[a-zA-Z][-a-zA-Z0-9]*' | sed 's/^Fl /-/' | sort -u)
	same "$help_opts" "$page_opts"
}
