#!/bin/sh
# sharded.sh SNAPDIR OUTDIR [SHARDS [PARALLEL_OPTION...]]
#
# The pipeline of one machine, cut into independent jobs for GNU parallel:
# snapshots are parsed one job per day, rows are sharded by a hash of the
# model id (so every model's whole series lands in one shard), the
# per-model stages run one job per shard, and the sorted shards are merged
# for the final aggregation.  The result is byte for byte the single run's:
#
#   hfsnap-parse SNAPDIR/*.json | LC_ALL=C sort | bucketize |
#     regionize | cummulate -g region -p day
#
# Extra options go to every parallel call: `-j 8`, or `--sshlogin
# host1,host2 --transferfile {} --return {}.out --cleanup` to spread the
# jobs over machines that have the tools on their PATH.
set -eu
snaps=$1 out=$2 shards=${3:-2}
[ $# -ge 3 ] && shift 3 || shift $#
BIN=${BIN:-$(dirname "$0")/../bin}
export LC_ALL=C

mkdir -p "$out/parsed" "$out/shards"
rm -f "$out"/shards/shard-*

# 1. One job per day.
parallel --will-cite "$@" "$BIN/hfsnap-parse {} > $out/parsed/{/.}.tsv" ::: "$snaps"/*.json

# 2. Shard by model: a string hash of the id, modulo the shard count.  Each
#    shard gets the header once.
awk -F'\t' -v n="$shards" -v dir="$out/shards" '
	BEGIN { for (i = 1; i < 256; i++) ord[sprintf("%c", i)] = i }
	/^#/ { if (!h++) { hdr = $0; for (s = 0; s < n; s++) print hdr > (dir "/shard-" s ".tsv") } next }
	{
		k = 0
		for (i = 1; i <= length($1); i++) k = (k * 31 + ord[substr($1, i, 1)]) % 1000003
		print > (dir "/shard-" (k % n) ".tsv")
	}' "$out"/parsed/*.tsv

# 3. One job per shard: its models' series, sized and placed (snapshots
#    need no spike filter: the report filtered only its older history).
parallel --will-cite "$@" "sort {} | $BIN/bucketize | $BIN/regionize > {}.out" ::: "$out"/shards/shard-*.tsv

# 4. Merge the sorted shards (the repeated headers are skipped) and sum.
sort -m "$out"/shards/shard-*.tsv.out | "$BIN/cummulate" -g region -p day
