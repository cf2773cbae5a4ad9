#!/bin/sh
# -j gives the same bytes: `mkreport metrics --json` with -j 1, 2, 4 and 0 (the cores)
# on content/ and on a copy of it whose low/high inputs get triangular dist:s (so the
# Monte Carlo runs: 50,000 draws, 13 blocks, a partial last one).
set -u
MKREPORT=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C TZ=UTC NO_COLOR=1
pass=0 fail=0
ok() { echo "jobs: ok: $1"; pass=$((pass + 1)); }
ko() { echo "jobs: FAILED: $1"; fail=$((fail + 1)); }

python3 tests/add-dists.py content "$tmp/mc" 50000 20261101 2>/dev/null || ko "add-dists.py"
for dir in content "$tmp/mc"; do
	name=${dir##*/}
	"$MKREPORT" metrics -C "$dir" --json -j 1 >"$tmp/j1.json" || ko "$name: -j 1 failed"
	for j in 2 4 0; do
		"$MKREPORT" metrics -C "$dir" --json -j $j >"$tmp/j$j.json" || ko "$name: -j $j failed"
		if cmp -s "$tmp/j1.json" "$tmp/j$j.json"; then ok "$name: -j 1 and -j $j give identical bytes"
		else ko "$name: -j 1 and -j $j differ"; fi
	done
done
if grep -q '"p50"' "$tmp/j1.json"; then ok "the Monte Carlo ran on the dist copy"
else ko "no Monte Carlo output on the dist copy"; fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
