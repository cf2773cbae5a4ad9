#!/bin/sh
# report.pdf of pages that stretch the typesetter (tests/fixtures/pdfodd): inline HTML
# tags, words longer than a line, right-to-left text, deep lists and quotes, a callout,
# headings down to level six, a code block wider than the page, a table of ten columns
# over two pages. Read back with poppler and qpdf: every piece of text is there, once,
# a link whose text wraps is clickable on each of its lines, the long table's header
# is repeated, and two builds give the same bytes.
set -u
MKREPORT=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8 TZ=UTC NO_COLOR=1
pass=0 fail=0
ok() { echo "pdf-odd: ok: $1"; pass=$((pass + 1)); }
ko() { echo "pdf-odd: FAILED: $1"; fail=$((fail + 1)); }
ODD=tests/fixtures/pdfodd/content

"$MKREPORT" build -C "$ODD" -o "$tmp/a" -T templates >"$tmp/out" 2>&1 || { cat "$tmp/out"; ko "build"; }
pdf="$tmp/a/report.pdf"
if qpdf --check "$pdf" >"$tmp/check" 2>&1; then ok "qpdf --check passes"
else ko "qpdf --check"; cat "$tmp/check"; fi
pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
if [ "${pages:-0}" -ge 8 ]; then ok "$pages pages"; else ko "only ${pages:-0} pages"; fi
if pdfinfo "$pdf" | grep -q '^Keywords: *typesetting, tests$'; then ok "the keywords"
else ko "no keywords"; pdfinfo "$pdf"; fi

pdftotext "$pdf" "$tmp/all.txt"
tr -d '\n' <"$tmp/all.txt" >"$tmp/flat.txt"
for s in "Third edition" "Test Author" "A Cited Work" "Ctrl" "A fourth-level heading" \
	"A fifth-level heading" "A sixth-level heading" "A caution" "Seven, a list starting at seven" \
	"A second paragraph in the fifth item." "a list in a quote" "second line" \
	"A second card set, not on the title" "Filler paragraph 39"; do
	if grep -qF "$s" "$tmp/all.txt"; then ok "text: $s"; else ko "text missing: $s"; fi
done
# Raw HTML: an image by its alt text in brackets; web-only words and details left out.
if grep -qF '[A picture of' "$tmp/all.txt"; then ok "an image's alt text"; else ko "no image alt text"; fi
if grep -qF 'A raw HTML block with strong text' "$tmp/flat.txt"; then ok "a raw HTML block"
else ko "no raw HTML block"; fi
for s2 in "Its definition, in a raw definition list." "A second raw item" "Words in a raw header block." \
	"A heading inside a raw section" "A raw quotation block." "raw cell b"; do
	if grep -qF "$s2" "$tmp/all.txt"; then ok "raw HTML: $s2"; else ko "raw HTML missing: $s2"; fi
done
if grep -q 'words only the site shows\|Words hidden in details' "$tmp/all.txt"; then
	ko "web-only or details text in the PDF"; else ok "no web-only or details text"; fi
# A list 22 levels deep in a quote (more elements open than the structure tracks):
# every item.
n=$(grep -oE 'Level [0-9]+ of a ?deep ?list' "$tmp/flat.txt" | sort -u | wc -l)
if [ "$n" -eq 22 ]; then ok "a list 22 levels deep"; else ko "deep list: $n items of 22"; fi
# A word longer than a line is set whole, cut where the line ends.
n=$(grep -o 'Donaudampfschifffahrtsgesellschaft' "$tmp/flat.txt" | wc -l)
if [ "$n" -ge 2 ]; then ok "the long word is there ($n times)"; else ko "the long word: $n"; fi
if grep -qF 'שלום' "$tmp/all.txt"; then ok "right-to-left text is set"; else ko "no Hebrew text"; fi
# The ten-column table continues on a second page under its header again.
n=$(grep -c '^Label$' "$tmp/all.txt")
if [ "$n" -ge 2 ]; then ok "the table's header is repeated ($n)"; else ko "table header $n times"; fi
n=$(grep -cx 'end' "$tmp/all.txt")
if [ "$n" -eq 30 ]; then ok "every row of the table, once"; else ko "$n rows of 30"; fi
# The link whose text wraps: one annotation per line it is drawn on.
qpdf --qdf --object-streams=disable "$pdf" "$tmp/q.pdf"
n=$(grep -ac '/URI (https://example.org/a/very/long/path/that/keeps/going)' "$tmp/q.pdf")
if [ "$n" -ge 2 ]; then ok "the wrapped link is clickable on its $n lines"
else ko "wrapped link: $n annotations"; fi
if grep -aq '/URI (https://example.org/rtl)' "$tmp/q.pdf"; then ok "a right-to-left link"
else ko "no right-to-left link"; fi
if grep -aq '/URI (mailto:someone@example.org)' "$tmp/q.pdf"; then ok "the mailto link"
else ko "no mailto link"; fi
"$MKREPORT" build -C "$ODD" -o "$tmp/b" -T templates >/dev/null 2>&1
if cmp -s "$pdf" "$tmp/b/report.pdf"; then ok "the same bytes twice"; else ko "builds differ"; fi

# The title page: the key figures (18 cards) in rows of three as far as they fit.
pdftotext -f 1 -l 1 "$pdf" "$tmp/title.txt"
if grep -q '^KEY FIGURES$' "$tmp/title.txt" && grep -q '^Key figure 9,' "$tmp/title.txt" &&
	! grep -q '^Key figure 1[0-8],' "$tmp/title.txt"; then ok "the key figures that fit, in rows of three"
else ko "key figures on the title page"; cat "$tmp/title.txt"; fi
# Without author, edition or cards: none of their labels, the rest as before.
cp -r "$ODD" "$tmp/c"
sed -i '/^author:/d; /^edition:/d' "$tmp/c/report.yaml"
awk '/^```cards/ { skip = 1 } !skip { print } skip && /^```$/ { skip = 0 }' \
	"$ODD/pages/index.md" >"$tmp/c/pages/index.md"
"$MKREPORT" build -C "$tmp/c" -o "$tmp/d" -T templates >"$tmp/out" 2>&1 || { cat "$tmp/out"; ko "build without author"; }
pdftotext -f 1 -l 1 "$tmp/d/report.pdf" "$tmp/title.txt"
if grep -q '^1 December 2026$' "$tmp/title.txt" && ! grep -q 'KEY FIGURES\|Test Author\|EDITION' \
	"$tmp/title.txt"; then ok "a title page without author, edition or key figures"
else ko "the bare title page"; cat "$tmp/title.txt"; fi

echo "pdf-odd: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
