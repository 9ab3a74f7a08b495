#!/bin/sh
# hfsnap-fetch: save one day's model listing of the Hugging Face Hub
# (GET /api/models, every page) as DIR/DATE.json, the way hfsnap-parse
# reads it.  POSIX sh; the one dependency is curl (7.55 or later).
#
# The pages are appended, as they arrive, to DIR/DATE.json.part; each page
# is checked on its own by hfsnap-parse, the whole file by
# `hfsnap-parse --validate`, and only then is it renamed to DIR/DATE.json.
# Any failure or SIGHUP/SIGINT/SIGTERM removes the .part.  See
# hfsnap-fetch(1).
set -u
LC_ALL=C
export LC_ALL

prog=hfsnap-fetch
version=0.1.0	# keep equal to HFSNAP_VERSION in lib/version.h (a test checks)

# The expand[] fields asked for; the man page says why these.
expand_fields='author baseModels cardData createdAt disabled downloads
downloadsAllTime gated gguf lastModified library_name likes pipeline_tag
private safetensors tags trendingScore'
page_size=1000

usage() {
	cat <<EOF
Usage: hfsnap-fetch [-q] [-o DIR] [--date YYYY-MM-DD] [--author ORG]
                    [--search TEXT]
Save one day's model listing of the Hugging Face Hub (/api/models, all pages
back to back) as DIR/DATE.json, once hfsnap-parse has checked every page and
the whole.  Needs curl.  Prints the file name; never replaces an existing file.

  -o, --output DIR     directory to save in (default: .)
  -d, --date DATE      the day to name the file by (default: today, UTC)
      --author ORG     only the models of this user or organisation
      --search TEXT    only the models whose name contains TEXT
  -q, --quiet          no progress or retry notes on standard error
  -h, --help           show this help and exit
      --version        show the version and exit

Environment: HF_ENDPOINT (default https://huggingface.co); HF_TOKEN, sent
as a bearer token; HFSNAP_FETCH_TRIES (6), HFSNAP_FETCH_BACKOFF (2 s),
HFSNAP_FETCH_TIMEOUT (300 s a request), HFSNAP_FETCH_CONNECT_TIMEOUT (30 s).
Exit status: 0 saved, 1 fetch, data or I/O error, 2 bad usage.
See hfsnap-fetch(1).
EOF
}

# ---------------------------------------------------------------- messages

quiet=
tmp=
part=
published=
cpid=

say() {
	printf '%s: %s\n' "$prog" "$*" >&2
}

note() {
	[ -n "$quiet" ] || say "$@"
}

die() {
	say "$@"
	exit 1
}

die_usage() {
	say "$@"
	printf "Try '%s -h' for more information.\n" "$prog" >&2
	exit 2
}

cleanup() {
	if [ -n "$cpid" ]; then
		kill "$cpid" 2>/dev/null
		cpid=
	fi
	if [ -n "$part" ] && [ -z "$published" ]; then
		rm -f -- "$part"
	fi
	[ -z "$tmp" ] || rm -rf -- "$tmp"
}

on_signal() {
	trap - HUP INT TERM
	if [ -n "$part" ] && [ -z "$published" ]; then
		say "interrupted by SIG$2; $part removed"
	else
		say "interrupted by SIG$2"
	fi
	exit "$1"
}

trap cleanup EXIT
trap 'on_signal 129 HUP' HUP
trap 'on_signal 130 INT' INT
trap 'on_signal 143 TERM' TERM

# run_bg OUT ERR COMMAND...: runs COMMAND in the background, its output
# to OUT and ERR, and waits for it, so that a signal is handled at once
# rather than when the command ends (and its message is not written to
# ERR).  Sets $rc.
run_bg() {
	rb_out=$1
	rb_err=$2
	shift 2
	"$@" >"$rb_out" 2>"$rb_err" &
	cpid=$!
	wait "$cpid"
	rc=$?
	cpid=
}

# "1 model", "2 models".
plural() {
	if [ "$1" -eq 1 ]; then
		printf '%s %s' "$1" "$2"
	else
		printf '%s %ss' "$1" "$2"
	fi
}

pause() {
	[ "$1" -gt 0 ] || return 0
	run_bg /dev/null /dev/null sleep "$1"
}

# ------------------------------------------------------------------ checks

is_count() {
	case $1 in
	'' | *[!0-9]*) return 1 ;;
	esac
	[ "${#1}" -le 9 ]
}

# A real YYYY-MM-DD date, year 0001 to 9999.
valid_date() {
	case $1 in
	[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]) ;;
	*) return 1 ;;
	esac
	vy=${1%%-*}
	vm=${1#*-}
	vm=${vm%-*}
	vd=${1##*-}
	# A leading 1 keeps sh from reading 08 as octal.
	vy=$((1$vy - 10000))
	vm=$((1$vm - 100))
	vd=$((1$vd - 100))
	[ "$vy" -ge 1 ] && [ "$vm" -ge 1 ] && [ "$vm" -le 12 ] && [ "$vd" -ge 1 ] ||
		return 1
	case $vm in
	4 | 6 | 9 | 11) vmax=30 ;;
	2)
		if [ $((vy % 4)) -eq 0 ] && { [ $((vy % 100)) -ne 0 ] || [ $((vy % 400)) -eq 0 ]; }; then
			vmax=29
		else
			vmax=28
		fi
		;;
	*) vmax=31 ;;
	esac
	[ "$vd" -le "$vmax" ]
}

# Percent-encodes $1 for a query string: every byte but A-Z a-z 0-9 - . _ ~.
urlencode() {
	printf %s "$1" | od -An -v -tx1 | awk '
	BEGIN { hex = "0123456789abcdef" }
	{
		for (i = 1; i <= NF; i++) {
			n = (index(hex, substr($i, 1, 1)) - 1) * 16 + index(hex, substr($i, 2, 1)) - 1
			if ((n >= 48 && n <= 57) || (n >= 65 && n <= 90) || (n >= 97 && n <= 122) ||
			    n == 45 || n == 46 || n == 95 || n == 126)
				printf "%c", n
			else
				printf "%%%s", toupper($i)
		}
	}'
}

# ------------------------------------------------------------------ options

outdir=.
date=
author=
search=
have_author=
have_search=

need_arg() {
	[ "$2" -ge 2 ] || die_usage "option '$1' needs an argument"
}

while [ $# -gt 0 ]; do
	case $1 in
	-h | --help)
		usage
		exit 0
		;;
	--version)
		printf '%s %s\n' "$prog" "$version"
		exit 0
		;;
	-q | --quiet) quiet=1 ;;
	-o | --output)
		need_arg "$1" $#
		outdir=$2
		shift
		;;
	--output=*) outdir=${1#*=} ;;
	-o?*) outdir=${1#-o} ;;
	-d | --date)
		need_arg "$1" $#
		date=$2
		shift
		;;
	--date=*) date=${1#*=} ;;
	-d?*) date=${1#-d} ;;
	--author)
		need_arg "$1" $#
		author=$2 have_author=1
		shift
		;;
	--author=*) author=${1#*=} have_author=1 ;;
	--search)
		need_arg "$1" $#
		search=$2 have_search=1
		shift
		;;
	--search=*) search=${1#*=} have_search=1 ;;
	-[qh]?*)
		# Bundled flags, -qo DIR: split off the first.
		rest=${1#-?}
		first=${1%"$rest"}
		shift
		set -- "$first" "-$rest" "$@"
		continue
		;;
	--)
		shift
		break
		;;
	--*) die_usage "unknown option '$1'" ;;
	-?*)
		opt=${1#-}
		opt=${opt%"${opt#?}"}
		die_usage "unknown option '-$opt'"
		;;
	*) break ;;
	esac
	shift
done
[ $# -eq 0 ] || die_usage "unexpected argument '$1'"

if [ -z "$date" ]; then
	date=$(date -u +%Y-%m-%d)
fi
valid_date "$date" || die_usage "--date $date: not a date (YYYY-MM-DD)"
if [ -n "$have_author" ] && [ -z "$author" ]; then
	die_usage "--author: empty"
fi
if [ -n "$have_search" ] && [ -z "$search" ]; then
	die_usage "--search: empty"
fi
[ -n "$outdir" ] || die_usage "-o: empty directory name"

endpoint=${HF_ENDPOINT:-https://huggingface.co}
while :; do
	case $endpoint in
	*/) endpoint=${endpoint%/} ;;
	*) break ;;
	esac
done
case $endpoint in
http://?* | https://?*) ;;
*) die_usage "HF_ENDPOINT=$endpoint: not an http:// or https:// URL" ;;
esac
# scheme://host[:port] of the endpoint, for relative and foreign links.
origin=$(printf '%s\n' "$endpoint" | sed 's,^\([a-zA-Z][a-zA-Z0-9+.-]*://[^/]*\).*,\1,')

tries=${HFSNAP_FETCH_TRIES:-6}
backoff=${HFSNAP_FETCH_BACKOFF:-2}
timeout=${HFSNAP_FETCH_TIMEOUT:-300}
connect_timeout=${HFSNAP_FETCH_CONNECT_TIMEOUT:-30}
for v in HFSNAP_FETCH_TRIES:"$tries" HFSNAP_FETCH_BACKOFF:"$backoff" \
    HFSNAP_FETCH_TIMEOUT:"$timeout" HFSNAP_FETCH_CONNECT_TIMEOUT:"$connect_timeout"; do
	is_count "${v#*:}" || die_usage "${v%%:*}=${v#*:}: not a whole number of seconds or tries"
done
[ "$tries" -ge 1 ] || die_usage "HFSNAP_FETCH_TRIES=$tries: must be 1 or more"
[ "$timeout" -ge 1 ] || die_usage "HFSNAP_FETCH_TIMEOUT=$timeout: must be 1 or more"
[ "$connect_timeout" -ge 1 ] || die_usage "HFSNAP_FETCH_CONNECT_TIMEOUT=$connect_timeout: must be 1 or more"

# ------------------------------------------------------------------ set-up

command -v curl >/dev/null 2>&1 ||
	die "curl is needed and is not on PATH"

# hfsnap-parse: next to this script first, else on PATH.
case $0 in
*/*) here=${0%/*} ;;
*) here=. ;;
esac
if [ -f "$here/hfsnap-parse" ] && [ -x "$here/hfsnap-parse" ]; then
	parse=$here/hfsnap-parse
elif parse=$(command -v hfsnap-parse 2>/dev/null) && [ -n "$parse" ]; then
	:
else
	die "hfsnap-parse is needed and is neither next to $prog nor on PATH"
fi

while :; do
	case $outdir in
	?*/) outdir=${outdir%/} ;;
	*) break ;;
	esac
done
[ -d "$outdir" ] || die "$outdir: no such directory"
final=$outdir/$date.json
if [ -e "$final" ] || [ -L "$final" ]; then
	die "$final already exists; not replacing it (move it away to fetch the day again)"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/hfsnap-fetch.XXXXXX") ||
	die "cannot make a temporary directory"

# The token goes to curl in a file (mode 600, in a directory only we can
# read), never on its command line, where ps would show it.
auth=
if [ -n "${HF_TOKEN:-}" ]; then
	case $HF_TOKEN in
	*"
"* | *"$(printf '\r')"*)
		die "HF_TOKEN holds a line break" ;;
	esac
	(umask 077 && printf 'Authorization: Bearer %s\n' "$HF_TOKEN" >"$tmp/auth") ||
		die "cannot write the token header file in $tmp"
	auth=1
fi

compressed=
if curl --version 2>/dev/null | grep -qi 'libz'; then
	compressed=1
fi

# ------------------------------------------------------------------ HTTP

# The value of response header $1 (lower case) in the last response of
# $tmp/head (a 1xx may come first); repeated headers joined by ", ".
header() {
	awk -v name="$1" '
	/^HTTP\// { v = ""; found = 0; next }
	{
		line = $0
		sub(/\r$/, "", line)
		i = index(line, ":")
		if (i == 0)
			next
		if (tolower(substr(line, 1, i - 1)) == name) {
			val = substr(line, i + 1)
			sub(/^[ \t]+/, "", val)
			sub(/[ \t]+$/, "", val)
			v = found ? v ", " val : val
			found = 1
		}
	}
	END { print v }' "$tmp/head"
}

# Field $1 (r, requests left, or t, seconds to the reset) of the first
# entry of the RateLimit header: "api";r=0;t=55.
ratelimit() {
	header ratelimit | awk -v k="$1" '{
		if (match($0, ";[ ]*" k "=[0-9]+")) {
			s = substr($0, RSTART, RLENGTH)
			sub(/.*=/, "", s)
			print s
		}
	}'
}

# The URL of the rel="next" link of a Link header value.
next_link() {
	printf '%s\n' "$1" | awk '{
		n = split($0, parts, "<")
		for (i = 2; i <= n; i++) {
			j = index(parts[i], ">")
			if (j == 0)
				continue
			rest = substr(parts[i], j + 1)
			if (rest ~ /[; ]rel="?([^",;]* )*next([ ",;]|$)/) {
				print substr(parts[i], 1, j - 1)
				exit
			}
		}
	}'
}

# The start of the body, on one line, for error messages.
body_start() {
	dd if="$tmp/page" bs=200 count=1 2>/dev/null | tr '\t\r\n' '   ' | tr -d '\000-\037'
}

# Fetches $url into $tmp/page, retrying what can be retried; on return the
# page is complete JSON and $count holds its number of models.
fetch_page() {
	try=0
	wait_s=$backoff
	while :; do
		try=$((try + 1))
		# No -L: a redirect is an error, so the token goes nowhere else.
		set -- -sS -g \
			--connect-timeout "$connect_timeout" --max-time "$timeout" \
			-A "$prog/$version" -H 'Accept: application/json' \
			-D "$tmp/head" -o "$tmp/page" -w '%{http_code}'
		[ -z "$compressed" ] || set -- "$@" --compressed
		[ -z "$auth" ] || set -- "$@" -H "@$tmp/auth"
		: >"$tmp/head"
		: >"$tmp/page"
		run_bg "$tmp/code" "$tmp/curlerr" curl "$@" "$url"
		code=$(cat "$tmp/code" 2>/dev/null)
		reason=
		after=
		if [ "$rc" -ne 0 ]; then
			case $rc in
			7) reason="cannot connect (curl error 7)" ;;
			18) reason="the transfer was cut short (curl error 18)" ;;
			28) reason="no complete answer within $timeout s (curl error 28)" ;;
			52) reason="the server closed the connection without answering (curl error 52)" ;;
			56) reason="the connection broke while receiving (curl error 56)" ;;
			5 | 6 | 8 | 16 | 35 | 55 | 61 | 92)
				reason="curl error $rc: $(sed -n '1s/^curl: ([0-9]*) //p' "$tmp/curlerr")"
				;;
			*)
				die "page $page: curl error $rc: $(sed -n '1s/^curl: ([0-9]*) //p' "$tmp/curlerr")"
				;;
			esac
		else
			case $code in
			2??)
				if check_page; then
					return 0
				fi
				;;
			429)
				reason="HTTP 429"
				after=$(header retry-after)
				is_count "$after" || after=
				if [ -z "$after" ]; then
					t=$(ratelimit t)
					! is_count "$t" || after=$((t + 1))
				fi
				;;
			5??)
				reason="HTTP $code"
				after=$(header retry-after)
				is_count "$after" || after=
				;;
			*)
				die "page $page: HTTP $code: $(body_start) (GET $url)"
				;;
			esac
		fi
		if [ "$try" -ge "$tries" ]; then
			die "page $page: $reason; gave up after $tries tries"
		fi
		if [ -n "$after" ]; then
			[ "$after" -le 3600 ] || after=3600
			w=$after
		else
			w=$wait_s
		fi
		note "page $page: $reason; retrying in $w s (try $try of $tries)"
		pause "$w"
		wait_s=$((wait_s * 2))
		[ "$wait_s" -le 300 ] || wait_s=300
	done
}

# Checks a 2xx page: a JSON array of models, complete, each model good
# (hfsnap-parse gives the same verdict as when the day is parsed), with
# all-time downloads.  Sets $count, or $reason for a body cut short (worth
# another try); dies for a bad one.
check_page() {
	first=$(tr -d ' \t\r\n' <"$tmp/page" | dd bs=1 count=1 2>/dev/null)
	case $first in
	'[') ;;
	'')
		reason="empty answer (HTTP $code)"
		return 1
		;;
	*) die "page $page: expected a JSON array of models, got: $(body_start)" ;;
	esac
	# --allow-no-total: the totals are checked below, with a message that
	# fits a fetch.
	if ! "$parse" --allow-no-total -d "$date" -f model,downloads "$tmp/page" \
	    >"$tmp/rows" 2>"$tmp/perr"; then
		msg=$(sed -n 1p "$tmp/perr")
		msg=${msg#"hfsnap-parse: $tmp/page"}
		# Cut short: the body does not end with the array's ], or the
		# parser ran out of input (a cut just after an inner ]).
		last=$(tr -d ' \t\r\n' <"$tmp/page" | tail -c 1)
		case $last:$msg in
		[!]]* | *"end of input"*)
			reason="the body stops mid-JSON (at ${msg#:})"
			return 1
			;;
		*:[0-9]*) die "page $page$msg" ;;
		esac
		die "page $page: ${msg#: }"
	fi
	count=$(($(wc -l <"$tmp/rows") - 1))
	# A page where no model has its total was fetched without
	# expand[]=downloadsAllTime (a link that dropped it, a Hub that ignored
	# it): no day can be made of it.  One odd model is let through here; the
	# whole file's --validate still wants the first model's total.
	if [ "$count" -gt 0 ] &&
	    ! awk -F '\t' 'NR > 1 && $2 != "" { found = 1; exit } END { exit !found }' "$tmp/rows"; then
		die "page $page: no model has downloadsAllTime; the Hub did not expand it"
	fi
	return 0
}

# ------------------------------------------------------------------ fetch

query="limit=$page_size"
for f in $expand_fields; do
	query="$query&expand%5B%5D=$f"
done
[ -z "$author" ] || query="$query&author=$(urlencode "$author")"
[ -z "$search" ] || query="$query&search=$(urlencode "$search")"
url="$endpoint/api/models?$query"

# A stale .part (a fetch killed by SIGKILL) is replaced; -C: a symlink
# left in its place is not written through.
part=$final.part
if ! { rm -f -- "$part" && (set -C && : >"$part"); } 2>/dev/null; then
	p=$part
	part=
	die "$p: cannot create it (is $outdir writable?)"
fi

page=0
models=0
while [ -n "$url" ]; do
	page=$((page + 1))
	fetch_page
	cat "$tmp/page" >>"$part" 2>"$tmp/caterr" ||
		die "$part: write error: $(sed -n '1s/^cat: //p' "$tmp/caterr")"
	models=$((models + count))
	note "page $page: $(plural "$count" model) ($models so far)"

	link=$(next_link "$(header link)")
	case $link in
	'') ;;
	/*) link=$origin$link ;;
	http://* | https://*)
		lorigin=$(printf '%s\n' "$link" | sed 's,^\([a-zA-Z][a-zA-Z0-9+.-]*://[^/]*\).*,\1,')
		if [ "$lorigin" != "$origin" ]; then
			if [ "$lorigin" = https://huggingface.co ]; then
				# A mirror passing the Hub's own links through, as
				# huggingface_hub's fix_hf_endpoint_in_url allows.
				link=$origin${link#"$lorigin"}
			else
				die "page $page: the next-page link leads to $lorigin, not $origin; not following it"
			fi
		fi
		;;
	*) die "page $page: cannot follow the next-page link '$link'" ;;
	esac
	[ "$link" != "$url" ] ||
		die "page $page: the next-page link leads back to the same page"
	url=$link

	# Used up the request quota?  Wait for the window to turn (the Hub's
	# RateLimit header: "api";r=REMAINING;t=SECONDS).
	if [ -n "$url" ]; then
		r=$(ratelimit r)
		t=$(ratelimit t)
		if [ "$r" = 0 ] && is_count "$t"; then
			w=$((t + 1))
			[ "$w" -le 3600 ] || w=3600
			note "page $page: request quota used up; waiting $w s"
			pause "$w"
		fi
	fi
done

if ! "$parse" --validate -d "$date" "$part" >/dev/null 2>"$tmp/verr"; then
	msg=$(sed -n '1s/^hfsnap-parse: //p' "$tmp/verr")
	die "${msg:-$part: hfsnap-parse --validate failed}; not saved"
fi

# Publish without replacing a file that appeared meanwhile: a hard link
# fails if the name is taken; where links are not supported, mv.
if ln "$part" "$final" 2>/dev/null; then
	published=1
	rm -f -- "$part"
elif [ -e "$final" ] || [ -L "$final" ]; then
	die "$final appeared during the fetch; not replacing it"
elif mv -f -- "$part" "$final" 2>"$tmp/mverr"; then
	published=1
else
	die "$final: $(sed -n 1p "$tmp/mverr")"
fi
note "$(plural "$models" model) in $(plural "$page" page) saved as $final"
printf '%s\n' "$final" 2>/dev/null ||
	die "standard output: write error (the day is saved as $final)"
