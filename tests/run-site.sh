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
out=$("$MKREPORT" build -v -C content -o "$tmp/a" -T templates 2>&1)
case "$out" in
	*" 0 written,"*) ok "a rebuild with nothing changed writes no file" ;;
	*) ko "a rebuild wrote files: $out" ;;
esac
if python3 tests/check-site.py "$tmp/a"; then ok "the site's pages, links and anchors check"; else ko "check-site.py found problems"; fi
hv=tests/html/node_modules/.bin/html-validate
if [ ! -x "$hv" ]; then ko "html-validate is not installed (run make deps)"
elif "$hv" --config tests/html/.htmlvalidate.json $(find "$tmp/a" -name "*.html"); then ok "every page is valid HTML5 (html-validate)"
else ko "html-validate found problems"; fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
