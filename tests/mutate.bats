#!/usr/bin/env bats
# tests/mutate.sh, the mutation tester behind `make mutate`: its sites are
# real operators of the code, never inside strings or comments.

load helper

@test "every site names an operator or constant that is there, outside strings and comments" {
	run --separate-stderr env MUTATE_FILES="lib/num.c lib/date.c" "$ROOT/tests/mutate.sh" --list
	outcome -f "awk 'END { print (NR > 50) }'" 0 1 ""
	printf '%s\n' "${lines[@]}" >"$BATS_TEST_TMPDIR/sites"
	cd "$ROOT"
	awk '{ f = $4; sub(/^return_/, "return ", f)
		cmd = "sed -n " $2 "p " $1; cmd | getline line; close(cmd)
		if (substr(line, $3, length(f)) != f) { print "not there:", $0; bad = 1 } }
		END { exit bad }' "$BATS_TEST_TMPDIR/sites"
	# lib/date.c's comment "days since 1970-01-01" and the string
	# "0123456789" hold digits and dashes that are not sites.
	! grep -q '"' "$BATS_TEST_TMPDIR/sites"
}

@test "the site list is the same on every run" {
	run --separate-stderr env MUTATE_FILES=lib/tsv.c "$ROOT/tests/mutate.sh" --list
	outcome -f "awk 'END { print (NR > 50) }'" 0 1 ""
	a=$output
	run --separate-stderr env MUTATE_FILES=lib/tsv.c "$ROOT/tests/mutate.sh" --list
	outcome 0 "$a" ""
}
