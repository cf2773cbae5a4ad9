#!/bin/sh
# Injection: hostile strings in every kind of data and in Markdown come out only as
# escaped text: no script element, no event attribute, no javascript: URL; and no CSV
# cell a spreadsheet would run (tests/check-csv.py).
set -u
MKREPORT=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C TZ=UTC NO_COLOR=1
if ! "$MKREPORT" build -C tests/inject/content -o "$tmp/site" -T templates; then
	echo "inject: FAILED: the build failed"; echo "0 passed, 1 failed"; exit 1
fi
python3 tests/check-site.py --inject '<script>alert(1)</script>' "$tmp/site" || exit 1
python3 tests/check-downloads.py "$tmp/site" || exit 1
python3 tests/check-csv.py --inject "$tmp/site"
