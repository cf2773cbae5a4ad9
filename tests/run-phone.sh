#!/bin/sh
# The shipped report's site on a phone: built into a temporary folder, every page loaded
# at 390x844 in headless Chromium (tests/a11y/phone.js): no page scrolls sideways, and a
# table wider than the screen is a named tab stop whose first column stays in view.
set -u
MKREPORT=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C TZ=UTC NO_COLOR=1
"$MKREPORT" build -C content -o "$tmp/site" -T templates || { echo "phone: FAILED: build"; exit 1; }
if node tests/a11y/phone.js "$tmp/site"; then
	echo "phone: ok: every page fits 390 px; wide tables scroll with their first column in view"
else
	echo "phone: FAILED"; exit 1
fi
