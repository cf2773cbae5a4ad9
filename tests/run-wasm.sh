#!/bin/sh
# run-wasm.sh MKREPORT WASM: the model compiled to WebAssembly, run by Node on every
# scenario's inputs from `metrics --json`, gives the same finance objects, number for
# number, the same expected values and posterior weights, and, from the settings in
# the built explorer page, the same Monte Carlo (tests/explore/check-wasm.js).
set -eu
mk=$1
wasm=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$mk" metrics --json -C content > "$tmp/metrics.json"
"$mk" build -C content -o "$tmp/site" -T templates --no-pdf --no-cache
node tests/explore/check-wasm.js "$wasm" templates/model.js "$tmp/metrics.json" \
	"$tmp/site/explore.html"
