#!/bin/sh
# The Nu Html Checker (npm's vnu-jar, on Debian's Java) on every HTML and SVG file of the
# shipped report's site, built into a temporary folder: 0 errors and 0 warnings. One JVM
# checks them all, together with tests/html/bad/ (a page and a drawing it must reject, so
# a checker that checks nothing, or no SVG, fails too).
set -u
MKREPORT=$1
VNU=${VNU:-tests/html/node_modules/vnu-jar/build/dist/vnu.jar}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C TZ=UTC NO_COLOR=1
[ -f "$VNU" ] || { echo "vnu: FAILED: $VNU missing (make deps)"; exit 1; }
"$MKREPORT" build -C content -o "$tmp/site" -T templates || { echo "vnu: FAILED: build"; exit 1; }
find "$tmp/site" \( -name '*.html' -o -name '*.svg' \) -print | sort > "$tmp/files"
nhtml=$(grep -c '\.html$' "$tmp/files") nsvg=$(grep -c '\.svg$' "$tmp/files")
# --also-check-svg: .svg files are checked as SVG (by their name), not parsed as HTML.
# shellcheck disable=SC2046
java -jar "$VNU" --also-check-svg --format gnu $(cat "$tmp/files") tests/html/bad/bad.html \
	tests/html/bad/bad.svg > "$tmp/out" 2>&1
# Lines are "file":line.col-line.col: error|info warning: message.
# vnu reads the pages from disk, and a file: document has no origin for the explorer's
# Content-Security-Policy ('self') to match, so it reports the page's own style sheet and
# scripts as blocked. Served over HTTP the policy allows them (tests/explore/browser.js
# loads the page under it with no console error): those notes alone are left out.
grep -v '/tests/html/bad/' "$tmp/out" |
	grep -v 'explore.html":.*: info warning: Resource violates Content Security Policy (meta tag): external \(stylesheet “style.css”\|script “model.js”\|script “explore.js”\) blocked' \
	> "$tmp/site.out"
errors=$(grep -c ': error: ' "$tmp/site.out") warnings=$(grep -c ': info warning: ' "$tmp/site.out")
other=$(grep -vc ': error: \|: info warning: ' "$tmp/site.out")
fail=0
for f in bad.html bad.svg; do
	grep -q "tests/html/bad/$f\":.*: error: " "$tmp/out" ||
		{ echo "vnu: FAILED: tests/html/bad/$f not rejected: is vnu checking anything?"; fail=1; }
done
if [ "$errors" -ne 0 ] || [ "$warnings" -ne 0 ] || [ "$other" -ne 0 ]; then
	sed "s|$tmp/site/||" "$tmp/site.out"
	fail=1
fi
echo "vnu: $nhtml HTML and $nsvg SVG files: $errors errors, $warnings warnings"
if [ "$fail" -eq 0 ]; then echo "vnu: ok"; else echo "vnu: FAILED"; exit 1; fi
