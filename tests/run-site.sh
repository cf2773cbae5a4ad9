#!/bin/sh
# The shipped report's site: two clean builds are byte-identical (under different time
# zones and locales), a rebuild into the same folder writes nothing, every page is valid
# HTML5 (html-validate, installed by make deps), and every link and anchor resolves.
set -u
MKREPORT=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C TZ=UTC NO_COLOR=1
pass=0 fail=0
ok() { echo "site: ok: $1"; pass=$((pass + 1)); }
ko() { echo "site: FAILED: $1"; fail=$((fail + 1)); }

"$MKREPORT" build -C content -o "$tmp/a" -T templates || ko "first build"
TZ=Pacific/Kiritimati LC_ALL=C.UTF-8 "$MKREPORT" build -C content -o "$tmp/b" -T templates || ko "second build"
if diff -r "$tmp/a" "$tmp/b" >/dev/null; then ok "two clean builds are byte-identical"; else ko "two clean builds differ"; diff -r "$tmp/a" "$tmp/b" | head -20; fi
ncards=$(find "$tmp/a/cards" -name "*.png" 2>/dev/null | wc -l)
if [ "$ncards" -gt 0 ] && [ -f "$tmp/a/card.png" ] && [ -f "$tmp/a/favicon.svg" ]; then
	ok "the byte-identical builds include $ncards share cards, the report's card and the icons"
else ko "the share cards or icons are missing ($ncards cards)"; fi
# Without base_url: no absolute URL in any page's head, no sitemap.xml, no Sitemap line
# (check-site.py reads robots.txt), and -v says so once.
cp -R content "$tmp/nobase"
grep -v '^base_url:' content/report.yaml >"$tmp/nobase/report.yaml"
"$MKREPORT" build -v -C "$tmp/nobase" -o "$tmp/nobase-site" -T templates 2>"$tmp/nobase.err" || ko "a build without base_url"
if [ "$(grep -c 'no base_url' "$tmp/nobase.err")" = 1 ] && [ ! -e "$tmp/nobase-site/sitemap.xml" ] &&
    ! grep -rq 'og:image"\|og:url"\|rel="canonical"' "$tmp/nobase-site" --include="*.html" &&
    python3 tests/check-site.py "$tmp/nobase-site" >"$tmp/nobase.check"; then
	ok "without base_url: no absolute tags, no sitemap, one -v note"
else ko "without base_url"; cat "$tmp/nobase.err"; tail -5 "$tmp/nobase.check"; fi
out=$("$MKREPORT" build -v -C content -o "$tmp/a" -T templates 2>&1)
case "$out" in
	*" 0 written,"*) ok "a rebuild with nothing changed writes no file" ;;
	*) ko "a rebuild wrote files: $out" ;;
esac
if python3 tests/check-site.py "$tmp/a"; then ok "the site's pages, links and anchors check"; else ko "check-site.py found problems"; fi
if python3 tests/check-downloads.py "$tmp/a"; then ok "chart downloads are framed, one size in PNG, PDF and SVG, shown on their pages"; else ko "check-downloads.py found problems"; fi
if python3 tests/check-csv.py "$tmp/a"; then ok "no CSV cell a spreadsheet would run"; else ko "check-csv.py found problems"; fi
if python3 tests/check-labels.py "$tmp/a"; then ok "one name, one value: no label and no metric is shown with two values"; else ko "check-labels.py found a label or a metric with two values"; fi
python3 tests/check-labels.py tests/fixtures/labels >"$tmp/labels.out"; rc=$?
if [ "$rc" = 1 ] && diff -u tests/fixtures/labels/expected "$tmp/labels.out"; then ok "check-labels.py finds the label and the metric with two values in tests/fixtures/labels"
else ko "check-labels.py on tests/fixtures/labels: exit $rc"; fi
hv=tests/html/node_modules/.bin/html-validate
if [ ! -x "$hv" ]; then ko "html-validate is not installed (run make deps)"
elif "$hv" --config tests/html/.htmlvalidate.json $(find "$tmp/a" -name "*.html"); then ok "every page is valid HTML5 (html-validate)"
else ko "html-validate found problems"; fi
# The pages are written into a sibling folder as they are rendered: a build with an
# error on a page leaves the site and its folder as they were (no sibling left); an
# output folder that cannot be made still reports the content's errors (exit 1), or
# alone exit 3.
cp -R tests/bad/render-unknown-metric/content "$tmp/bad"
sums() { (cd "$1" && find . -type f | sort | xargs sha256sum); }
sums "$tmp/a" >"$tmp/a.sums"
"$MKREPORT" build -C "$tmp/bad" -o "$tmp/a" -T templates 2>/dev/null
st=$?
sums "$tmp/a" >"$tmp/a.sums2"
if [ "$st" = 1 ] && cmp -s "$tmp/a.sums" "$tmp/a.sums2" && [ -z "$(ls -a "$tmp" | grep mkreport-new)" ]; then
	ok "a page error: exit 1, the site as it was, no new folder left"
else ko "a page error: exit $st, or the site changed, or a new folder was left"; fi
touch "$tmp/file"
"$MKREPORT" build -C "$tmp/bad" -o "$tmp/file/site" -T templates 2>"$tmp/err"
st=$?
if [ "$st" = 1 ] && grep -q "unknown metric" "$tmp/err" && grep -q "cannot create the output folder" "$tmp/err"; then
	ok "an output folder that cannot be made: the content's errors too (exit 1)"
else ko "an output folder that cannot be made: exit $st"; cat "$tmp/err"; fi
"$MKREPORT" build -C tests/fixtures/mini/content -o "$tmp/file/site" -T templates 2>/dev/null
st=$?
if [ "$st" = 3 ]; then ok "an output folder that cannot be made, good content: exit 3"
else ko "an output folder that cannot be made, good content: exit $st"; fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
