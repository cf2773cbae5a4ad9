#!/bin/sh
# The shipped report's site on a phone: built into a temporary folder, every page loaded
# at 390x844 in headless Chromium (tests/a11y/phone.js): no page scrolls sideways, every
# key column of every table is in view, no word breaks between two letters, no row label
# is set one word a line, the navigation is one closed control, the cards fit one screen.
set -u
MKREPORT=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C TZ=UTC NO_COLOR=1
"$MKREPORT" build -C content -o "$tmp/site" -T templates || { echo "phone: FAILED: build"; exit 1; }
# The golden fixture too: its scenario table names key columns (key: [base, expected]),
# which must come first in each stacked row.
"$MKREPORT" build -C tests/fixtures/mini/content -o "$tmp/mini" -T templates ||
	{ echo "phone: FAILED: build of tests/fixtures/mini"; exit 1; }
if node tests/a11y/phone.js "$tmp/site" && node tests/a11y/phone.js "$tmp/mini"; then
	echo "phone: ok: every page fits 390 px with its tables' key columns in view"
else
	echo "phone: FAILED"; exit 1
fi
