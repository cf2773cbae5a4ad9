#!/bin/sh
# -j gives the same bytes: `mkreport metrics --json` with -j 1, 2, 4 and 0 (the cores)
# on the shipped report (whose contested inputs carry dist:s, so the Monte Carlo runs),
# once with its own draws and once with 50,000 (13 blocks, a partial last one), and on
# the mini fixture (no Monte Carlo); the build of the shipped report with -j 1 and
# -j 2 (a chart's files are drawn on threads); and PORTABLE (the same tool with the
# Monte Carlo kernel's plain C paths only) against MKREPORT on the shipped report.
# Usage: tests/run-jobs.sh MKREPORT [PORTABLE]
set -u
MKREPORT=$1
PORTABLE=${2:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C TZ=UTC NO_COLOR=1
pass=0 fail=0
ok() { echo "jobs: ok: $1"; pass=$((pass + 1)); }
ko() { echo "jobs: FAILED: $1"; fail=$((fail + 1)); }

# same DIR DRAWS NAME: compares -j 1 with -j 2, 4 and 0 (DRAWS empty: the data's own).
same() {
	dir=$1 draws=$2 name=$3
	MKREPORT_MC_DRAWS=$draws "$MKREPORT" metrics -C "$dir" --json -j 1 >"$tmp/j1.json" ||
		ko "$name: -j 1 failed"
	for j in 2 4 0; do
		MKREPORT_MC_DRAWS=$draws "$MKREPORT" metrics -C "$dir" --json -j $j >"$tmp/j$j.json" ||
			ko "$name: -j $j failed"
		if cmp -s "$tmp/j1.json" "$tmp/j$j.json"; then ok "$name: -j 1 and -j $j give identical bytes"
		else ko "$name: -j 1 and -j $j differ"; fi
	done
}
same tests/fixtures/mini/content "" mini
same content "" content
if grep -q '"p50"' "$tmp/j1.json"; then ok "the Monte Carlo ran on content"
else ko "no Monte Carlo output on content"; fi
same content 50000 "content at 50,000 draws"
if [ -n "$PORTABLE" ]; then
	for draws in "" 50000; do # the data's own draws, then 50,000
		MKREPORT_MC_DRAWS=$draws "$MKREPORT" metrics -C content --json >"$tmp/a.json"
		MKREPORT_MC_DRAWS=$draws "$PORTABLE" metrics -C content --json >"$tmp/p.json"
		if cmp -s "$tmp/a.json" "$tmp/p.json"; then
			ok "content${draws:+ at $draws draws}: the kernel without AVX gives identical bytes"
		else ko "content${draws:+ at $draws draws}: the kernel without AVX differs"; fi
	done
fi
MKREPORT_MC_DRAWS=2000 "$MKREPORT" build -C content -T templates -o "$tmp/s1" -j 1
MKREPORT_MC_DRAWS=2000 "$MKREPORT" build -C content -T templates -o "$tmp/s2" -j 2
if diff -r "$tmp/s1" "$tmp/s2" >/dev/null && [ -n "$(ls "$tmp/s1/charts")" ]; then
	ok "build: -j 1 and -j 2 write identical sites ($(ls "$tmp/s1/charts" | wc -l) chart files)"
else ko "build: -j 1 and -j 2 differ"; fi
# The pages are rendered on threads: a report of 60 sections (bench/gen-report.py) builds
# the same site with -j 1, 2 and 4; with an error on every page the messages come out
# in the same order.
python3 bench/gen-report.py 60 "$tmp/g" >/dev/null
"$MKREPORT" build -C "$tmp/g/mkreport" -T templates -o "$tmp/p1" -j 1 --no-pdf
for j in 2 4; do
	"$MKREPORT" build -C "$tmp/g/mkreport" -T templates -o "$tmp/p$j" -j $j --no-pdf
	if diff -r "$tmp/p1" "$tmp/p$j" >/dev/null && [ "$(ls "$tmp/p1" | wc -l)" -gt 60 ]; then
		ok "60 sections: -j 1 and -j $j write identical sites"
	else ko "60 sections: -j 1 and -j $j differ"; fi
done
for f in "$tmp"/g/mkreport/pages/*.md; do
	printf '\nThe rate is {{ finance.no_such_rate@base | pct }} here.\n\n[x](nowhere.html)\n' >>"$f"
done
for j in 1 2 4; do
	"$MKREPORT" build -C "$tmp/g/mkreport" -T templates -o "$tmp/p1" -j $j --no-pdf \
		2>"$tmp/err$j"
	echo "exit $?" >>"$tmp/err$j"
done
n=$(grep -c ': error: ' "$tmp/err1")
if [ "$n" -ge 120 ] && cmp -s "$tmp/err1" "$tmp/err2" && cmp -s "$tmp/err1" "$tmp/err4" &&
	grep -q '^exit 1$' "$tmp/err1" && diff -r "$tmp/p1" "$tmp/p2" >/dev/null; then
	ok "an error on every page: the same $n messages in the same order with -j 1, 2, 4; the site untouched"
else ko "errors on every page differ with -j, or the site changed ($n errors)"; fi
# From 64 sections the page files are read on threads before the sections are checked
# in order (and checked there: a page found clean is not checked again): with a
# missing page, a page that is a folder, one of bad UTF-8 and one of 9 KiB without a
# blank line in 80 sections, the four errors come in file order, exactly; a page with
# a byte-order mark is read without it.
python3 bench/gen-report.py 80 "$tmp/h" >/dev/null
rm "$tmp/h/mkreport/pages/s00010.md" "$tmp/h/mkreport/pages/s00020.md"
mkdir "$tmp/h/mkreport/pages/s00020.md"
printf '\377\376 bad\n' >"$tmp/h/mkreport/pages/s00030.md"
awk 'BEGIN { for (i = 0; i < 200; i++) print "A line of a paragraph that goes on without a blank line" }' \
	>"$tmp/h/mkreport/pages/s00040.md"
{ printf '\357\273\277'; cat "$tmp/h/mkreport/pages/s00050.md"; } >"$tmp/h/bom.md"
mv "$tmp/h/bom.md" "$tmp/h/mkreport/pages/s00050.md"
"$MKREPORT" build -C "$tmp/h/mkreport" -T templates -o "$tmp/h/site" --no-pdf 2>"$tmp/herr"
st=$?
sed "s|$tmp/h/mkreport/||" "$tmp/herr" >"$tmp/herr2"
cat >"$tmp/hexp" <<'END'
report.yaml:49:11: error: cannot read page 'pages/s00010.md': No such file or directory
report.yaml:89:11: error: cannot read page 'pages/s00020.md': Is a directory
pages/s00030.md:1:1: error: invalid UTF-8 in page (byte 0xff)
pages/s00040.md:1:1: error: more than 8 KiB of text without a blank line: split it (Markdown's inline parser slows down badly on long blocks)
END
rm -rf "$tmp/h/mkreport/pages/s00020.md"
for k in 10 20 30 40; do printf '# Page %s\n\nText.\n' "$k" >"$tmp/h/mkreport/pages/s000$k.md"; done
"$MKREPORT" build -C "$tmp/h/mkreport" -T templates -o "$tmp/h/site" --no-pdf --no-cache 2>"$tmp/herr3"
st2=$?
if [ "$st" = 1 ] && cmp -s "$tmp/hexp" "$tmp/herr2" && [ "$st2" = 0 ] &&
	! grep -q "$(printf '\357\273\277')" "$tmp/h/site/s00050.html"; then
	ok "80 sections, pages read on threads: the page errors in file order; a byte-order mark dropped"
else ko "80 sections, pages read on threads: exit $st then $st2, messages differ"
	diff "$tmp/hexp" "$tmp/herr2"; cat "$tmp/herr3"; fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
