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
