#!/bin/sh
# Same sources, same bytes: two clean builds of the shipped report are identical, a
# rebuild into the same folder writes nothing, and the site passes check-site.py.
set -u
MKREPORT=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C TZ=UTC NO_COLOR=1
pass=0 fail=0
ok() { echo "repro: ok: $1"; pass=$((pass + 1)); }
ko() { echo "repro: FAILED: $1"; fail=$((fail + 1)); }

"$MKREPORT" build -C content -o "$tmp/a" -T templates || ko "first build"
TZ=Pacific/Kiritimati LC_ALL=C.UTF-8 "$MKREPORT" build -C content -o "$tmp/b" -T templates || ko "second build"
if diff -r "$tmp/a" "$tmp/b" >/dev/null; then ok "two clean builds are byte-identical"; else ko "two clean builds differ"; diff -r "$tmp/a" "$tmp/b" | head -20; fi
out=$("$MKREPORT" build -v -C content -o "$tmp/a" -T templates 2>&1)
case "$out" in
	*" 0 written,"*) ok "a rebuild with nothing changed writes no file" ;;
	*) ko "a rebuild wrote files: $out" ;;
esac
if python3 tests/check-site.py "$tmp/a"; then ok "the site's pages, links and anchors check"; else ko "check-site.py found problems"; fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
