#!/usr/bin/env bats
# The sharded pipeline (examples/sharded.sh under GNU parallel) gives the
# same bytes as the single run.

load helper

@test "two shards under GNU parallel equal the single run, byte for byte" {
	need_cmd parallel
	T=$BATS_TEST_TMPDIR
	run --separate-stderr hfsnap-season -o "$T/season" --days 12 --derivatives 200
	outcome 0 "" ""
	run --separate-stderr bash -o pipefail -c "hfsnap-parse '$T'/season/snaps/*.json | LC_ALL=C sort | bucketize |
		regionize >'$T/rows.single'"
	outcome 0 "" ""
	run --separate-stderr cummulate -g region -p day "$T/rows.single"
	outcome -f 'head -1' 0 $'#period\tregion\tdownloads_cum' ""
	[ "${#lines[@]}" -gt 30 ]
	single=$output
	run --separate-stderr env BIN="$BIN" "$ROOT/examples/sharded.sh" "$T/season/snaps" "$T/work" 2 -j 2
	outcome 0 "$single" ""
	# The rows themselves, merged, are the single run's too.
	LC_ALL=C sort -m "$T"/work/shards/shard-*.tsv.out | awk '!/^#/ || !h++' >"$T/rows.sharded"
	cmp "$T/rows.single" "$T/rows.sharded"
	# And both shards did get models.
	for s in 0 1; do [ "$(wc -l <"$T/work/shards/shard-$s.tsv.out")" -gt 100 ]; done
}
