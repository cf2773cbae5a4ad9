#!/bin/sh
# -j gives the same bytes: `mkreport metrics --json` with -j 1, 2, 4 and 0 (the cores)
# on the shipped report (whose contested inputs carry dist:s, so the Monte Carlo runs),
# once with its own draws and once with 50,000 (13 blocks, a partial last one), and on
# the mini fixture (no Monte Carlo).
set -u
MKREPORT=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C TZ=UTC NO_COLOR=1
pass=0 fail=0
ok() { echo "jobs: ok: $1"; pass=$((pass + 1)); }
ko() { echo "jobs: FAILED: $1"; fail=$((fail + 1)); }

# same DIR DRAWS NAME: compares -j 1 with -j 2, 4 and 0 (DRAWS empty: the data's own).
same() {
	dir=$1 draws=$2 name=$3
	MKREPORT_MC_DRAWS=$draws "$MKREPORT" metrics -C "$dir" --json -j 1 >"$tmp/j1.json" ||
		ko "$name: -j 1 failed"
	for j in 2 4 0; do
		MKREPORT_MC_DRAWS=$draws "$MKREPORT" metrics -C "$dir" --json -j $j >"$tmp/j$j.json" ||
			ko "$name: -j $j failed"
		if cmp -s "$tmp/j1.json" "$tmp/j$j.json"; then ok "$name: -j 1 and -j $j give identical bytes"
		else ko "$name: -j 1 and -j $j differ"; fi
	done
}
same tests/fixtures/mini/content "" mini
same content "" content
if grep -q '"p50"' "$tmp/j1.json"; then ok "the Monte Carlo ran on content"
else ko "no Monte Carlo output on content"; fi
same content 50000 "content at 50,000 draws"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
