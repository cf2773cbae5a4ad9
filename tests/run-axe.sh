#!/bin/sh
# axe-core in Debian's Chromium (playwright-core) on every page of the shipped report's
# site, built into a temporary folder, in light and dark and at 390 and 1280 px: 0
# violations; tests/a11y/bad/ must show violations in the same browser (so a run that
# checks nothing fails).
set -u
MKREPORT=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C TZ=UTC NO_COLOR=1
"$MKREPORT" build -C content -o "$tmp/site" -T templates || { echo "axe: FAILED: build"; exit 1; }
if node tests/a11y/axe.js "$tmp/site" tests/a11y/bad; then
	echo "axe: ok"
else
	echo "axe: FAILED"; exit 1
fi
