#!/bin/sh
# report.pdf read back with poppler's pdftotext: each section starts on the page the
# contents give, in report order; a metric's value from a page is in the text, and the
# site's web-only notes are not; links to the site's pages go to their sections; text
# from the data is set as text (no markup interpreted); two builds give the same bytes;
# --no-pdf leaves the file and the footer link out. qpdf --check passes on report.pdf and
# every chart PDF with no warning; the PDF is tagged, its metadata and outline are the
# report's, and its structure (tests/check-pdf.py) follows the site's pages, for the
# mini fixture and the shipped report.
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
if grep -q '\$11\.1bn' "$tmp/all.txt"; then ok "the base-case NPV from the page is in the PDF's text"
else ko "the NPV \$11.1bn is not in the PDF's text"; fi
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
printf '\nSee [the money page](money.html#fig-mini-cumulative).\n' >>"$tmp/l/pages/index.md"
"$MKREPORT" build -C "$tmp/l" -o "$tmp/l-site" -T templates || ko "build with a page link"
links() { qpdf --qdf --object-streams=disable "$1" - | tr -c '[:print:]' '\n' |
	grep -c '/Dest /sec-money\|/Dest (sec-money)'; }
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
# qpdf --check: exit 0 and no warning, on report.pdf and every chart PDF
"$MKREPORT" build -C content -o "$tmp/full" -T templates --no-cache || ko "build of content/"
bad=
for f in "$tmp/b/report.pdf" "$tmp/full/report.pdf" "$tmp"/b/charts/*.pdf "$tmp"/full/charts/*.pdf; do
	out=$(qpdf --check "$f" 2>&1)
	rc=$?
	if [ "$rc" -ne 0 ] || printf '%s\n' "$out" | grep -qi 'warning'; then bad="$bad $f"; fi
done
if [ -z "$bad" ] && [ -s "$tmp/full/report.pdf" ]; then
	ok "qpdf --check passes with no warning on report.pdf and every chart PDF"
else ko "qpdf --check fails or warns on:$bad"; fi

# tagged, with the report's metadata (from report.yaml) and the tool's version
for site in "$tmp/b" "$tmp/full"; do
	info=$(pdfinfo "$site/report.pdf")
	field() { printf '%s\n' "$info" | sed -n "s/^$1: *//p"; }
	if [ "$(field Tagged)" = yes ]; then ok "pdfinfo says Tagged: yes ($site)"
	else ko "report.pdf is not tagged ($site)"; fi
done
field() { printf '%s\n' "$info" | sed -n "s/^$1: *//p"; }
version=$("$MKREPORT" --version | awk '{print $2}')
if [ "$(field Author)" = "The mkreport project" ] &&
	[ "$(field Keywords)" = "Microsoft, OpenAI, Azure, cloud computing, artificial intelligence, competition, antitrust, investment" ] &&
	[ "$(field Creator)" = "mkreport $version" ] && [ -n "$version" ] &&
	[ "$(field Title)" = "Microsoft and OpenAI" ] && [ -n "$(field Subject)" ] &&
	[ "$(field CreationDate)" = "Sun Nov  1 00:00:00 2026 UTC" ] &&
	[ "$(field ModDate)" = "Sun Nov  1 00:00:00 2026 UTC" ]; then
	ok "Title, Subject, Author, Keywords, Creator (mkreport $version) and dates from report.yaml"
else ko "report.pdf's metadata"; printf '%s\n' "$info"; fi

# the structure tree, alt texts, outline nesting and catalog against the site's pages
for site in "$tmp/b" "$tmp/full"; do
	pdfinfo -struct-text "$site/report.pdf" >"$tmp/struct.txt"
	if /usr/bin/python3 tests/check-pdf.py "$site" en "$tmp/struct.txt" >"$tmp/check.txt"; then
		ok "structure, alt texts, outline, /Lang and reading order follow the pages ($site)"
	else ko "report.pdf's structure ($site)"; grep -v ': ok:' "$tmp/check.txt"; fi
done
# the checker can fail: the same PDF with another language asked for
if ! /usr/bin/python3 tests/check-pdf.py "$tmp/full" de "$tmp/struct.txt" >/dev/null 2>&1; then
	ok "the structure check fails when /Lang differs"
else ko "the structure check passed a wrong /Lang"; fi
# words keep their space where a line breaks: the subtitle, set on two lines of the
# title page, reads back whole from the structure (a screen reader's text)
sub=$(sed -n 's/^subtitle: "\(.*\)"$/\1/p' content/report.yaml)
if [ -n "$sub" ] && grep -qF "\"$sub\"" "$tmp/struct.txt"; then
	ok "a paragraph broken over lines reads back with the spaces between its words"
else ko "the subtitle does not read back whole from the structure"; fi
# every character reads back as written: no U+FFFD where the font drew an alternate
# glyph (Inter's colon between figures, the minus sign)
if ! grep -q "$(printf '\357\277\275')" "$tmp/struct.txt" &&
	! pdftotext "$tmp/full/report.pdf" - | grep -q "$(printf '\357\277\275')" &&
	grep -q '55%: the asymmetry' "$tmp/struct.txt"; then
	ok "the PDF's text reads back as written (no replacement characters)"
else ko "the PDF's text reads back with replacement characters"; fi
# a note reads its number first, then its text
if grep -q '"3\.CNBC, ' "$tmp/struct.txt"; then ok "a note reads its number, then its text"
else ko "a note's number is not read before its text"; fi
# every font embedded, each with a ToUnicode map (text can be read back and spoken)
if pdffonts "$tmp/full/report.pdf" | awk 'NR > 2 { n++; if ($(NF-4) != "yes" || $(NF-2) != "yes") bad++ }
	END { exit !(n > 0 && bad == 0) }'; then ok "every font of report.pdf is embedded with a ToUnicode map"
else ko "a font of report.pdf is not embedded or has no ToUnicode map"; pdffonts "$tmp/full/report.pdf"; fi
# a card reads label, value, note (the cards of the sections; the title page sets its key
# figures as a grid of value over label, tagged label then value)
if pdftotext -f 2 "$tmp/full/report.pdf" - | grep -A2 -x 'Commitments plus 2024 round' |
	sed -n 3p | grep -q '^\$13\.8bn$'; then ok "a key-figure card reads label, then value"
else ko "a key-figure card does not read label, then value"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
