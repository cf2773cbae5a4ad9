#!/bin/sh
# run-wasm.sh MKREPORT WASM: the model compiled to WebAssembly, run by Node on every
# scenario's inputs from `metrics --json`, gives the same finance objects, number for
# number, and the same expected values (tests/explore/check-wasm.js).
set -eu
mk=$1
wasm=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$mk" metrics --json -C content > "$tmp/metrics.json"
node tests/explore/check-wasm.js "$wasm" templates/model.js "$tmp/metrics.json"
