#!/bin/sh
# report.pdf read back with poppler's pdftotext: each section starts on the page the
# contents give, in report order; a metric's value from a page is in the text, and the
# site's web-only notes are not; links to the site's pages go to their sections; text
# from the data is set as text (no markup interpreted); two builds give the same bytes;
# --no-pdf leaves the file and the footer link out.
set -u
MKREPORT=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8 TZ=UTC NO_COLOR=1
pass=0 fail=0
ok() { echo "pdf: ok: $1"; pass=$((pass + 1)); }
ko() { echo "pdf: FAILED: $1"; fail=$((fail + 1)); }
MINI=tests/fixtures/mini/content

"$MKREPORT" build -C "$MINI" -o "$tmp/a" -T templates || ko "build"
pdf="$tmp/a/report.pdf"
if [ -s "$pdf" ] && pdfinfo "$pdf" >/dev/null 2>&1; then ok "report.pdf is written and poppler reads it"
else ko "report.pdf missing or unreadable"; fi

# Contents (page 2): "Title  N" per section, in report order.
pdftotext -layout -f 2 -l 2 "$pdf" "$tmp/toc.txt"
last=0 bad=0 n=0
for title in Summary Money Sources; do
	n=$((n + 1))
	page=$(grep -E "^ *$title +[0-9]+ *$" "$tmp/toc.txt" | awk '{print $NF}')
	if [ -z "$page" ] || [ "$page" -le "$last" ]; then bad=1; continue; fi
	last=$page
	pdftotext -f "$page" -l "$page" "$pdf" - | sed -n '1,8p' | grep -qx "$title" || bad=1
done
if [ "$bad" -eq 0 ]; then ok "each section starts on its contents page, in order"
else ko "contents pages and section starts disagree"; cat "$tmp/toc.txt"; fi

pdftotext "$pdf" "$tmp/all.txt"
if grep -q '\$11\.3bn' "$tmp/all.txt"; then ok "the base-case NPV from the page is in the PDF's text"
else ko "the NPV \$11.3bn is not in the PDF's text"; fi
# a chart's source line keeps its sentence; its note about the CSV (class web-only) is
# the site's alone
if grep -q 'calculated by this report from its data files\.' "$tmp/all.txt" &&
	! grep -q 'CSV holds' "$tmp/all.txt" && grep -q 'CSV holds' "$tmp/a/money.html"; then
	ok "the site's web-only note about the CSV is left out of the PDF"
else ko "the PDF's source line is wrong, or the site lost its CSV note"; fi

cp -r "$MINI" "$tmp/c"
sed -i 's/^    title: Money$/    title: "Money \& <b>more<\/b>"/' "$tmp/c/report.yaml"
"$MKREPORT" build -C "$tmp/c" -o "$tmp/c-site" -T templates || ko "build with markup in a title"
if pdftotext "$tmp/c-site/report.pdf" - | grep -qF 'Money & <b>more</b>'; then
	ok "markup characters in a title are set as text"
else ko "a title with markup characters was not set as written"; fi

# a link to another page of the site becomes a link to that section's first page
cp -r "$MINI" "$tmp/l"
printf '\nSee [the money page](money.html#anything).\n' >>"$tmp/l/pages/index.md"
"$MKREPORT" build -C "$tmp/l" -o "$tmp/l-site" -T templates || ko "build with a page link"
links() { tr -c '[:print:]' '\n' <"$1" | grep -c '/Dest /sec-money\|/Dest (sec-money)'; }
if [ "$(links "$tmp/l-site/report.pdf")" -gt "$(links "$pdf")" ]; then
	ok "a link to a page of the site goes to its section in the PDF"
else ko "a link to a page of the site is not a link in the PDF"; fi

TZ=Pacific/Kiritimati LC_ALL=C "$MKREPORT" build -C "$MINI" -o "$tmp/b" -T templates || ko "second build"
if cmp -s "$pdf" "$tmp/b/report.pdf"; then ok "two builds give byte-identical PDFs"
else ko "two builds give different PDFs"; fi

"$MKREPORT" build --no-pdf -C "$MINI" -o "$tmp/a" -T templates || ko "build --no-pdf"
if [ ! -e "$pdf" ] && ! grep -q 'report\.pdf' "$tmp/a/index.html"; then
	ok "--no-pdf removes report.pdf and its footer link"
else ko "--no-pdf left report.pdf or its link"; fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
