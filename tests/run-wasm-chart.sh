#!/bin/sh
# run-wasm-chart.sh MKREPORT WASM: the explorer's charts drawn by the chart code compiled
# to WebAssembly, from the specs the build writes into explore.html, have the geometry
# and texts of the build's own SVG files (tests/explore/chart-geometry.js).
set -eu
mk=$1
wasm=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$mk" build -C content -o "$tmp/site" -T templates --no-pdf --no-cache
node tests/explore/chart-geometry.js "$wasm" "$tmp/site" cumulative npv-fan
