#!/bin/sh
# tests/mutate.sh [--list] : mutation testing of cmd/ and lib/.
#
# Changes one operator or constant at a time in the C sources (a
# comparison, a logical or arithmetic operator, a 0 or 1, a returned value),
# rebuilds, runs the tests, and reports each mutant as killed (some test
# failed), survived (every test passed: the tests cannot tell the mutant
# from the code), stillborn (it does not compile) or timed out (counted as
# killed).  The tests run file by file, the mutated file's own suite first,
# and stop at the first failure, so a killed mutant costs little.
#
# Environment (make mutate passes them on):
#   MUTANTS=N   how many mutants, sampled from every site (default 40)
#   SEED=S      the sample: the same N and S give the same mutants (default 1)
#   MUTATE_FILES="cmd/ram.c lib/exact.c"  only these sources
#   MUTATE_SITES=FILE  exactly these mutants, lines as --list prints them
#                     (a follow-up of the survivors of a sample)
#   MUTATE_SECONDS=T  stop starting new mutants after T seconds (default 3600)
#   MUTANT_TIMEOUT=T  the tests of one mutant may take T seconds (default 300)
# --list prints every site (file:line:column from -> to) and exits.
#
# The work happens in a copy of the tree under $TMPDIR; the tree itself is
# never changed.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mutants=${MUTANTS:-40}
seed=${SEED:-1}
deadline=${MUTATE_SECONDS:-3600}
per=${MUTANT_TIMEOUT:-300}
files=${MUTATE_FILES:-$(ls cmd/*.c lib/*.c)}

# Every mutation site, one line each: FILE LINE COL FROM TO.  Strings,
# character constants, comments and preprocessor lines are blanked first
# (same length, so columns hold), and so never mutated.
sites() {
	for f in $files; do
		awk -v file="$f" '
		BEGIN {
			split("<= < >= > == != != == && || || && < <= > >= + - - + 0 1 1 0 " \
			    "return_0 return_1 return_1 return_0 return_true return_false " \
			    "return_false return_true", w, " ")
			for (i = 1; i < 32; i += 2) swap[w[i]] = w[i + 1]
		}
		function blank(s, a, b) { return substr(s, 1, a - 1) sprintf("%*s", b - a, "") substr(s, b) }
		{
			line = $0
			if (line ~ /^[ \t]*#/) next
			# Block comments, possibly spanning lines.
			out = ""
			while (line != "") {
				if (incomment) {
					e = index(line, "*/")
					if (!e) { out = out sprintf("%*s", length(line), ""); line = ""; break }
					out = out sprintf("%*s", e + 1, ""); line = substr(line, e + 2); incomment = 0
					continue
				}
				s = index(line, "/*")
				if (!s) { out = out line; line = ""; break }
				out = out substr(line, 1, s - 1); line = substr(line, s); incomment = 1
			}
			line = out
			# Strings and character constants (escapes included).
			while (match(line, /"([^"\\]|\\.)*"/)) line = blank(line, RSTART, RSTART + RLENGTH)
			while (match(line, /'\''([^'\''\\]|\\.)+'\''/)) line = blank(line, RSTART, RSTART + RLENGTH)
			sub(/\/\/.*/, "", line)
			n = split("<= >= == != && || < > + - 0 1 return_0 return_1 return_true return_false", ops, " ")
			for (i = 1; i <= n; i++) {
				op = ops[i]; rest = line; off = 0
				for (;;) {
					if (op ~ /^return_/) {
						word = op; sub(/^return_/, "return ", word)
						p = index(rest, word ";")
						len = length(word)
					} else if (op == "0" || op == "1") {
						if (!match(rest, "(^|[^A-Za-z0-9_.])" op "([^A-Za-z0-9_.xXuUlL]|$)")) break
						p = RSTART + (substr(rest, RSTART, 1) != op); len = 1
					} else if (op == "+" || op == "-") {
						# Binary only: a space on both sides.
						p = index(rest, " " op " "); if (p) p++; len = 1
					} else {
						p = index(rest, op); len = length(op)
						if (p && (op == "<" || op == ">")) {
							nx = substr(rest, p + 1, 1); pv = p > 1 ? substr(rest, p - 1, 1) : ""
							# A shift (<< >>) is passed over whole: its second
							# character is no comparison either.
							if (nx == op) {
								rest = substr(rest, p + 2); off += p + 1; continue
							}
							if (nx == "=" || pv == op || pv == "-" || (op == ">" && pv == "-")) {
								rest = substr(rest, p + 1); off += p; continue
							}
						}
						if (p && (op == "<=" || op == ">=") && p > 1 && substr(rest, p - 1, 1) == substr(op, 1, 1)) {
							rest = substr(rest, p + 2); off += p + 1; continue
						}
					}
					if (!p) break
					col = off + p
					to = swap[op]
					printf "%s %d %d %s %s\n", file, NR, col, op, to
					rest = substr(rest, p + len); off = col + len - 1
				}
			}
		}' "$f"
	done | LC_ALL=C sort -k1,1 -k2,2n -k3,3n
}

if [ "${1:-}" = --list ]; then
	sites
	exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/hfsnap-mutate.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 1' HUP INT TERM
tar cf - --exclude=./build --exclude=./bin --exclude=./.git --exclude=./examples/out . |
	(cd "$work" && tar xf -)
# The tools, helpers and unit tests (make builds the unit tests only for
# check, which would also run them).
build() {
	(cd "$work" && make -s all $(ls tests/unit/*_test.c | sed 's|tests/unit/\(.*\)\.c|build/unit/\1|') \
	    >/dev/null 2>&1)
}
build || { echo "mutate: the unmutated tree does not build" >&2; exit 1; }

sites >"$work/sites"
total=$(wc -l <"$work/sites")
if [ -n "${MUTATE_SITES:-}" ]; then
	# Only the sites given that are sites of the code as it is now.
	grep -Fxf "$work/sites" "$MUTATE_SITES" >"$work/sample" || true
	mutants=$(wc -l <"$work/sample")
	[ "$mutants" -gt 0 ] || { echo "mutate: none of $MUTATE_SITES is a site of the code" >&2; exit 1; }
else
	# A reproducible sample: each site keyed by a hash of (seed, position).
	awk -v seed="$seed" 'BEGIN { srand(seed) } { print rand() "\t" $0 }' "$work/sites" |
		LC_ALL=C sort -k1,1 | head -n "$mutants" | cut -f2- |
		LC_ALL=C sort -k1,1 -k2,2n -k3,3n >"$work/sample"
fi

# The suites to run for a file, its own first; stop at the first failure.
suites_for() {
	base=$(basename "$1" .c)
	own=
	[ -f "tests/$base.bats" ] && own="tests/$base.bats"
	echo $own $(ls tests/*.bats | grep -v -e "^tests/$base.bats$" -e hfsnap-fetch.bats -e season.bats)
}

echo "mutate: $mutants of $total sites, seed $seed"
start=$(date +%s)
killed=0 survived=0 stillborn=0 timedout=0 n=0
: >"$work/survivors"
# The sample comes in on fd 3: standard input stays the terminal's, so a
# mutant that makes a tool read it cannot eat the rest of the sample.
while read -r file line col from to <&3; do
	if [ $(( $(date +%s) - start )) -ge "$deadline" ]; then
		echo "mutate: time is up after $n mutants (MUTATE_SECONDS=$deadline)"
		break
	fi
	n=$((n + 1))
	from_w=$(printf %s "$from" | sed 's/^return_/return /')
	to_w=$(printf %s "$to" | sed 's/^return_/return /')
	cp "$file" "$work/orig"
	awk -v l="$line" -v c="$col" -v f="$from_w" -v t="$to_w" \
	    'NR == l { $0 = substr($0, 1, c - 1) t substr($0, c + length(f)) } { print }' \
	    "$file" >"$work/$file"
	what="$file:$line:$col '$from_w' -> '$to_w'"
	if ! build; then
		stillborn=$((stillborn + 1))
		echo "stillborn $what"
	else
		result=survived by=
		# For lib/, the unit tests first: they take a moment.
		if [ "${file#lib/}" != "$file" ]; then
			for u in "$work"/build/unit/*_test; do
				[ -x "$u" ] || continue
				rc=0
				timeout "$per" "$u" </dev/null >/dev/null 2>&1 || rc=$?
				if [ $rc -eq 124 ]; then result=timedout by=${u##*/}; break; fi
				if [ $rc -ne 0 ]; then result=killed by=${u##*/}; break; fi
			done
		fi
		if [ $result = survived ]; then
			for s in $(suites_for "$file"); do
				rc=0
				(cd "$work" && BIN=$work/bin timeout "$per" bats "$s" </dev/null >/dev/null 2>&1) || rc=$?
				if [ $rc -eq 124 ]; then result=timedout by=$s; break; fi
				if [ $rc -ne 0 ]; then result=killed by=$s; break; fi
			done
		fi
		case $result in
		killed) killed=$((killed + 1)); echo "killed    $what ($by)" ;;
		timedout) timedout=$((timedout + 1)); echo "timed out $what ($by)" ;;
		*) survived=$((survived + 1)); echo "SURVIVED  $what"; echo "$what" >>"$work/survivors" ;;
		esac
	fi
	cp "$work/orig" "$work/$file"
	touch "$work/$file"
done 3<"$work/sample"

dead=$((killed + timedout))
judged=$((dead + survived))
echo
if [ -s "$work/survivors" ]; then
	echo "survivors:"
	sed 's/^/  /' "$work/survivors"
fi
if [ $judged -gt 0 ]; then
	echo "mutation score: $dead of $judged killed ($((100 * dead / judged))%); $stillborn stillborn; $((($(date +%s) - start))) s"
else
	echo "mutation score: no mutant compiled"
fi
