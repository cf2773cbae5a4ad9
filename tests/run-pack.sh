#!/bin/sh
# The pack for stakeholders, <report-slug>-pack.zip: unzip -t passes; its listing is
# what the site says it should hold (every figure's PNG, SVG, PDF and CSV, report.pdf,
# the data, the bibliography, README.txt) and each entry is the site's file; README.txt
# names every figure as the pages do; the CSL JSON has one item per source; no extra
# fields, every entry dated as_of; the same bytes from -j1 and -j2, in two time zones,
# from the build cache; with --no-pdf no report.pdf and a README saying so; every page's
# footer links to it. Both the shipped report and the mini fixture.
set -u
MKREPORT=$1
PYTHON=${PYTHON:-/usr/bin/python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C TZ=UTC NO_COLOR=1
pass=0 fail=0
ok() { echo "pack: ok: $1"; pass=$((pass + 1)); }
ko() { echo "pack: FAILED: $1"; fail=$((fail + 1)); }

# The one *-pack.zip of site $1, or nothing.
zip_of() { ls "$1"/*-pack.zip 2>/dev/null; }

for content in content tests/fixtures/mini/content; do
	name=$(basename "$(dirname "$content")")
	[ "$content" = content ] && name=shipped
	a=$tmp/$name-a b=$tmp/$name-b
	"$MKREPORT" build -j2 -C "$content" -o "$a" -T templates || ko "$name: build -j2"
	TZ=Pacific/Kiritimati "$MKREPORT" build -j1 -C "$content" -o "$b" -T templates ||
		ko "$name: build -j1"
	za=$(zip_of "$a") zb=$(zip_of "$b")
	if [ -z "$za" ] || [ -z "$zb" ]; then ko "$name: no pack in the site"; continue; fi
	if unzip -tq "$za" >/dev/null; then ok "$name: unzip -t passes"; else ko "$name: unzip -t"; fi
	if cmp -s "$za" "$zb"; then ok "$name: -j2 and -j1 (other time zone): the same bytes"
	else ko "$name: -j2 and -j1 give different packs"; fi
	if "$PYTHON" tests/check-pack.py "$a" "$content"; then ok "$name: contents, README, CSL, footer links"
	else ko "$name: check-pack.py found problems"; fi
	if zipinfo -v "$za" | grep "length of extra field" | grep -qv " 0 bytes"; then
		ko "$name: an entry has an extra field"
	else ok "$name: no extra fields"; fi
	# Every chart and report.pdf from the cache: the same bytes.
	"$MKREPORT" build -C "$content" -o "$tmp/c1" -T templates --cache "$tmp/cache-$name" &&
		"$MKREPORT" build -C "$content" -o "$tmp/c2" -T templates --cache "$tmp/cache-$name" ||
		ko "$name: cached builds"
	if cmp -s "$za" "$(zip_of "$tmp/c1")" && cmp -s "$za" "$(zip_of "$tmp/c2")"; then
		ok "$name: built from the cache: the same bytes"
	else ko "$name: the cache changes the pack"; fi
	rm -rf "$tmp/c1" "$tmp/c2"
done

# --no-pdf: the pack holds no report.pdf and says so; the footer still links it.
n=$tmp/nopdf
"$MKREPORT" build --no-pdf -C content -o "$n" -T templates || ko "--no-pdf build"
zn=$(zip_of "$n")
if [ -n "$zn" ] && ! zipinfo -1 "$zn" | grep -q "report.pdf" &&
	unzip -p "$zn" '*/README.txt' | grep -q "no report.pdf" &&
	"$PYTHON" tests/check-pack.py "$n" content; then
	ok "--no-pdf: no report.pdf in the pack, the README says so"
else ko "--no-pdf: report.pdf in the pack or the README silent"; fi

# Another as_of: every entry dated that day, other bytes.
cp -R tests/fixtures/mini/content "$tmp/dated"
sed -i 's/^as_of: .*/as_of: 2031-02-03/' "$tmp/dated/report.yaml"
"$MKREPORT" build -C "$tmp/dated" -o "$tmp/d" -T templates || ko "as_of 2031-02-03: build"
zd=$(zip_of "$tmp/d")
dates=$(zipinfo -v "$zd" | grep "file last modified on (DOS date/time)" | sort -u)
case "$dates" in
	*"2031 Feb 3 00:00:00") [ "$(echo "$dates" | wc -l)" = 1 ] && ok "entries dated as_of" ||
		ko "entries with several dates: $dates" ;;
	*) ko "entries not dated as_of: $dates" ;;
esac
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
