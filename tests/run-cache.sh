#!/bin/sh
# The build cache: an unchanged output is reused (counted by -v) and the site is
# byte-identical to a clean build's (--no-cache); after each of a series of edits (a
# fact, the discount rate, a chart's title, a paragraph, style.css, page.html,
# fonts.conf, the Monte Carlo's draws, a data file removed and restored, a section
# moved to later pages and back, a section's title, the title page's subtitle and
# edition, a section added and removed, a damaged part of report.pdf) the
# incremental build's whole site equals a clean build's (diff -r), and the report's
# title, base_url, as_of and a source (drawn in the chart downloads) compute every chart
# citing them again; a damaged cache entry is detected and recomputed when it is needed
# (a chart file the site already holds is linked, not read); a chart file edited in
# the site is written again; a different binary (PORTABLE) reuses nothing; the
# default cache sits beside the site, never in it; --no-cache writes none; a report
# without uncertain inputs (tests/fixtures/mini) is cached too.
# Usage: tests/run-cache.sh MKREPORT [PORTABLE]
set -u
MKREPORT=$1
PORTABLE=${2:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C TZ=UTC NO_COLOR=1
unset MKREPORT_MC_DRAWS
pass=0 fail=0
ok() { echo "cache: ok: $1"; pass=$((pass + 1)); }
ko() { echo "cache: FAILED: $1"; fail=$((fail + 1)); }

cp -r content "$tmp/content"
cp -r templates "$tmp/templates"
C=$tmp/content T=$tmp/templates

# inc: the incremental build into $tmp/site with the cache $tmp/cache; its -v lines in
# $tmp/inc.log. Returns the build's status.
inc() {
	"$MKREPORT" build -v -j 2 -C "$C" -T "$T" -o "$tmp/site" --cache "$tmp/cache" "$@" \
		2>"$tmp/inc.log"
}
# clean: a build from nothing, without a cache, into $tmp/clean.
clean() {
	rm -rf "$tmp/clean"
	"$MKREPORT" build --no-cache -j 2 -C "$C" -T "$T" -o "$tmp/clean" "$@" 2>"$tmp/clean.log"
}
# count WHAT: the number before WHAT ("reused", "computed", "corrupt") in the last -v.
count() {
	sed -n "/ cache: /s/.* \([0-9][0-9]*\) $1.*/\1/p" "$tmp/inc.log"
}
# same NAME [BUILD OPTIONS]: incremental and clean builds agree, byte for byte.
same() {
	name=$1
	shift
	if ! inc "$@"; then ko "$name: the incremental build failed"; cat "$tmp/inc.log"; return; fi
	if ! clean "$@"; then ko "$name: the clean build failed"; cat "$tmp/clean.log"; return; fi
	if diff -r "$tmp/clean" "$tmp/site" >"$tmp/diff.txt"; then
		ok "$name: the incremental site equals a clean build's ($(count reused) reused, $(count computed) computed)"
	else
		ko "$name: the incremental site differs from a clean build's"
		head -20 "$tmp/diff.txt"
	fi
}
# edit NAME FILE SED: applies the sed script to FILE (which must change), then same.
edit() {
	cp "$2" "$tmp/before"
	sed -i "$3" "$2"
	if cmp -s "$2" "$tmp/before"; then ko "$1: the edit changed nothing"; return; fi
	same "$1"
}

same "first build"
if [ "$(count reused)" = 0 ] && [ "$(count computed)" -gt 0 ]; then
	ok "a first build computes every output ($(count computed))"
else ko "a first build reused something: $(cat "$tmp/inc.log")"; fi
first=$(count computed)
# entries of report.pdf's parts (the title and contents, each group of sections) and
# the list of them kept beside report.pdf
is_part() { grep -q 'mkreport-pdf-part' "$tmp/cache/$1"; }
nparts=$(grep -l 'mkreport-pdf-part-1' "$tmp"/cache/* | wc -l)
if [ "$nparts" = "$(($(grep -c '^  - slug:' "$C/report.yaml") + 1))" ]; then
	ok "report.pdf is made of $nparts parts: the title and contents, and one per section"
else ko "report.pdf's parts: $nparts for $(grep -c '^  - slug:' "$C/report.yaml") sections"; fi
inc
# every output but the word shapes and report.pdf's parts, which are kept unread while
# report.pdf is reused
if [ "$(count reused)" = "$((first - 1 - nparts))" ] && [ "$(count computed)" = 0 ] &&
	grep -q ": 0 written" "$tmp/inc.log"; then
	ok "an unchanged build reuses all $((first - 1 - nparts)) outputs (and keeps the word shapes and the PDF's parts) and writes no file"
else ko "an unchanged build: $(cat "$tmp/inc.log")"; fi

edit "a fact quoted in the text" "$C/data/facts.yaml" \
	's/\(azure_commitment: {.*value: \)250,/\1260,/'
if [ "$(count computed)" -lt "$first" ] && [ "$(count reused)" -gt 0 ]; then
	ok "a fact: part of the outputs reused ($(count reused)), the rest computed"
else ko "a fact: $(cat "$tmp/inc.log")"; fi
edit "a fact drawn in a chart" "$C/data/facts.yaml" \
	's/\(openai_compute_gw: {.*2024: \)0.6,/\10.7,/'
edit "the discount rate" "$C/data/finance.yaml" 's/discount_rate: {value: 0.08,/discount_rate: {value: 0.085,/'
edit "a chart's title" "$C/pages/money.md" \
	's/^title: Cumulative cash flow to Microsoft by scenario$/title: Cumulative cash to Microsoft, by scenario/'
edit "a chart's caption" "$C/pages/money.md" \
	's/^caption: "Undiscounted cumulative cash flow at the end of each year/caption: "Cumulative cash flow at the end of each year/'
if [ "$(count computed)" = 3 ] && grep -q 'report.pdf part 3:' "$tmp/inc.log"; then
	ok "a chart's caption: its files, report.pdf and the part of its section computed again"
else ko "a chart's caption: $(cat "$tmp/inc.log")"; fi
# What the chart downloads draw around the chart: every chart's files computed again.
nch=$(grep -c '^```chart' "$C"/pages/*.md | awk -F: '{n += $2} END {print n}')
edit "the report's title" "$C/report.yaml" 's/^title: "Microsoft and OpenAI"$/title: "Microsoft and OpenAI, edited"/'
if [ "$(count computed)" -gt "$nch" ]; then ok "the report's title: all $nch charts' downloads computed again"
else ko "the report's title: $(cat "$tmp/inc.log")"; fi
edit "base_url" "$C/report.yaml" 's|^base_url: https://example.org/msft-openai/$|base_url: https://example.org/edited/|'
if [ "$(count computed)" -ge "$nch" ]; then ok "base_url: all $nch charts' downloads computed again"
else ko "base_url: $(cat "$tmp/inc.log")"; fi
edit "as_of" "$C/report.yaml" 's/^as_of: 2026-11-01$/as_of: 2026-11-02/'
if [ "$(count computed)" -gt "$nch" ]; then ok "as_of: all $nch charts' files computed again"
else ko "as_of: $(cat "$tmp/inc.log")"; fi
edit "a source's publisher (a download's source line)" "$C/data/sources.yaml" \
	's/^    publisher: Synergy Research Group (Q4 releases;/    publisher: Synergy Research (Q4 releases;/'
if [ "$(count computed)" -ge 2 ]; then ok "a source's publisher: the charts citing it computed again"
else ko "a source's publisher: $(cat "$tmp/inc.log")"; fi
edit "a paragraph" "$C/pages/architecture.md" 's/^The contract moved in three steps\./The contract moved in three stages./'
if [ "$(count computed)" = 2 ] && grep -q 'report.pdf part 2:' "$tmp/inc.log"; then
	ok "a paragraph: report.pdf joined again, only its section's part typeset again"
else ko "a paragraph: $(cat "$tmp/inc.log")"; fi
# The title page shows the first section's key figures only: a paragraph of that
# section leaves the title and contents part as it was, a card's label does not.
edit "a paragraph of the first section" "$C/pages/index.md" \
	's/^Microsoft committed {{ fact.msft_commitment }} to OpenAI between/Microsoft had committed {{ fact.msft_commitment }} to OpenAI between/'
if grep -q 'report.pdf part 1:' "$tmp/inc.log" && ! grep -q 'report.pdf part 0:' "$tmp/inc.log"; then
	ok "a paragraph of the first section: its part typeset again, the title page reused"
else ko "a paragraph of the first section: $(cat "$tmp/inc.log")"; fi
edit "a key figure's label (the title page)" "$C/pages/index.md" \
	's/^  label: Payback year, base case$/  label: Payback year, base scenario/'
if grep -q 'report.pdf part 0:' "$tmp/inc.log"; then ok "a key figure's label: the title page typeset again"
else ko "a key figure's label: $(cat "$tmp/inc.log")"; fi
# Page numbers shift: a page-long paragraph added to the second section moves every
# later section's first page (the contents' numbers, running heads, page labels, links
# and outline); report.pdf must not be reused, nor any part of it kept for the old
# pages; then removed again (every later section moves back).
pdf_pages() { pdfinfo "$1/report.pdf" 2>/dev/null | sed -n 's/^Pages: *//p'; }
before=$(pdf_pages "$tmp/site")
long=$(for i in $(seq 70); do printf 'Sentence %d of a paragraph added to push the later sections of report.pdf onto later pages. ' "$i"; done)
edit "a page-long paragraph (later sections start later)" "$C/pages/architecture.md" "\$s/\$/\n\n$long/"
after=$(pdf_pages "$tmp/site")
if command -v pdfinfo >/dev/null && [ -n "$before" ] && [ "${after:-0}" -gt "$before" ]; then
	ok "the paragraph added $((after - before)) pages ($before -> $after) and the PDF equals a clean build's"
elif command -v pdfinfo >/dev/null; then ko "the long paragraph did not add pages ($before -> $after)"; fi
edit "the page-long paragraph removed (later sections start earlier)" "$C/pages/architecture.md" \
	'/^Sentence 1 of a paragraph added to push/d'
if command -v pdfinfo >/dev/null && [ "$(pdf_pages "$tmp/site")" = "$before" ]; then
	ok "the paragraph removed: $before pages again"
elif command -v pdfinfo >/dev/null; then ko "the paragraph removed: $(pdf_pages "$tmp/site") pages, not $before"; fi
# A section's first page moves without its text changing: a later section's part is
# typeset again (its page numbers, running heads and links), an earlier one is reused.
edit "an earlier section grows by a page (a later section's first page moves)" \
	"$C/pages/architecture.md" "\$s/\$/\n\n$long/"
if grep -q 'report.pdf part 11:' "$tmp/inc.log" && ! grep -q 'report.pdf part 1:' "$tmp/inc.log"; then
	ok "the later sections' parts typeset again at their new pages, the earlier ones reused"
else ko "sections moved: $(cat "$tmp/inc.log")"; fi
edit "the moved sections back" "$C/pages/architecture.md" '/^Sentence 1 of a paragraph added to push/d'
# The title and contents part: a section's title (the contents, its running heads),
# the report's subtitle and edition (the title page), a section added and removed.
edit "a section's title (the contents and running heads)" "$C/report.yaml" \
	's/^    title: Money and leverage$/    title: Money, and leverage/'
if grep -q 'report.pdf part 0:' "$tmp/inc.log"; then ok "a section's title: the contents typeset again"
else ko "a section's title: $(cat "$tmp/inc.log")"; fi
edit "the report's subtitle (the title page)" "$C/report.yaml" 's/^subtitle: "\(.*\)"$/subtitle: "\1, edited"/'
edit "the report's edition (the title page)" "$C/report.yaml" 's/^edition: "\(.*\)"$/edition: "\1, revised"/'
if grep -q 'report.pdf part 0:' "$tmp/inc.log" && ! grep -q 'report.pdf part 1:' "$tmp/inc.log"; then
	ok "the edition: only the title and contents part typeset again"
else ko "the edition: $(cat "$tmp/inc.log")"; fi
cp "$C/report.yaml" "$tmp/report.yaml.bak"
printf '# An added section\n\nA short section added before the last.\n' >"$C/pages/added.md"
edit "a section added (one more contents entry, a new part)" "$C/report.yaml" \
	'/^  - slug: outlook$/i\  - slug: added\n    title: An added section\n    file: pages/added.md\n    description: "A section added before the last."'
cp "$tmp/report.yaml.bak" "$C/report.yaml"
same "the section removed again"
rm -f "$C/pages/added.md"
edit "style.css" "$T/style.css" '1s/^/\/* edited *\/\n/'
if [ "$(count computed)" = 0 ]; then ok "style.css: every output reused"
else ko "style.css: something computed: $(cat "$tmp/inc.log")"; fi
edit "page.html" "$T/page.html" 's/<\/body>/<p>edited<\/p><\/body>/'
edit "fonts.conf" "$T/fonts.conf" 's/every chart is drawn with/every chart is drawn in/'
if [ "$(count computed)" -gt 1 ]; then ok "fonts.conf: the charts computed again"
else ko "fonts.conf: charts reused: $(cat "$tmp/inc.log")"; fi
MKREPORT_MC_DRAWS=5000 same "the Monte Carlo's draws (MKREPORT_MC_DRAWS)"
same "the Monte Carlo's draws back"
same "without report.pdf" --no-pdf
same "with report.pdf again"

# A data file removed (the build fails, site and cache are kept) and restored.
mv "$C/data/dependency.yaml" "$tmp/dependency.yaml"
if inc; then same "dependency.yaml removed"
else ok "dependency.yaml removed: the build fails ($(grep -c error "$tmp/inc.log") errors)"; fi
mv "$tmp/dependency.yaml" "$C/data/dependency.yaml"
same "dependency.yaml restored"
if [ "$(count computed)" = 0 ]; then ok "dependency.yaml restored: every output reused"
else ko "dependency.yaml restored: $(cat "$tmp/inc.log")"; fi

# Damaged entries: two charts' entries (the list of each chart's files, read by every
# build), one truncated, one with a flipped last byte: both charts drawn again.
n=0
for e in $(grep -l 'mkreport-chart-2' "$tmp"/cache/* | head -2); do
	size=$(wc -c <"$e")
	if [ $n = 0 ]; then truncate -s $((size - 1)) "$e"
	else printf 'X' | dd of="$e" bs=1 seek=$((size - 1)) conv=notrunc 2>/dev/null; fi
	n=$((n + 1))
done
same "two damaged cache entries"
if [ "$n" = 2 ] && [ "$(count corrupt)" = 2 ] && [ "$(count computed)" = 2 ]; then
	ok "damaged entries are detected and computed again"
else ko "damaged entries ($n): $(cat "$tmp/inc.log")"; fi
inc
if [ "$(count computed)" = 0 ]; then ok "the recomputed entries are stored again"
else ko "after recomputing: $(cat "$tmp/inc.log")"; fi
if grep -lq 'mkreport-shapes' "$tmp"/cache/*; then
	ok "builds that reuse report.pdf keep the word shapes for the next typesetting"
else ko "the word shapes entry was swept while report.pdf was reused"; fi

# A chart file's own entry (the bytes after the entry's 50-byte header) is found by
# its digest. digest FILE: the SHA-256 of FILE; entry_of FILE: the cache entry
# holding FILE's bytes.
digest() { sha256sum <"$1" | cut -d' ' -f1; }
entry_of() {
	want=$(digest "$1")
	for e in "$tmp"/cache/*; do
		[ "$(tail -c +51 "$e" | sha256sum | cut -d' ' -f1)" = "$want" ] && echo "$e"
	done | head -1
}
# A chart file left in the cache (the site holds the same bytes, so it is not read)
# damaged: the build does not read it; the site stays right.
png=$tmp/site/charts/tornado.png
blob=$(entry_of "$png")
if [ -n "$blob" ]; then
	printf 'X' | dd of="$blob" bs=1 seek=$(($(wc -c <"$blob") - 1)) conv=notrunc 2>/dev/null
	same "a chart file's entry damaged, the site's copy intact"
	if [ "$(count corrupt)" = 0 ] && [ "$(count computed)" = 0 ]; then
		ok "a chart file the site holds already is linked, not read from the cache"
	else ko "the site's copy intact: $(cat "$tmp/inc.log")"; fi
	# now the site's copy removed: the build needs the damaged entry, finds it bad,
	# and builds again reading every chart file; that chart is drawn again
	rm "$png"
	same "a chart file's entry damaged, the site's copy removed"
	if [ "$(count corrupt)" = 1 ] && [ "$(count computed)" = 1 ]; then
		ok "a damaged chart file is found when needed and the chart drawn again"
	else ko "the site's copy removed: $(cat "$tmp/inc.log")"; fi
else ko "no cache entry holds $png"; fi
# A chart file changed in the site (same size, another time): written again.
svg=$tmp/site/charts/tornado.svg
sed -i 's/<svg/<SVG/' "$svg"
touch -d '2001-01-01' "$svg"
same "a chart file edited in the site"
cmp -s "$svg" "$tmp/clean/charts/tornado.svg" && ok "an edited chart file is written again" ||
	ko "an edited chart file was kept"

# Sweep: entries of older builds are removed; the folder holds the last build's only:
# those it read (reused) and the chart files it left unread (one entry each).
entries=$(ls "$tmp/cache" | grep -E '^[0-9a-f]{64}$' | while read -r e; do
	grep -q 'mkreport-shapes\|mkreport-pdf-part\|mkreport-site-record' "$tmp/cache/$e" ||
		echo "$e"; done | wc -l)
files=$(for f in "$tmp"/site/charts/*; do
	case $f in *.html | *.csv) ;; *) echo "$f" ;; esac; done | wc -l)
if [ "$entries" = "$(($(count reused) + files))" ]; then
	ok "the cache holds only the last build's $entries entries"
else ko "the cache holds $entries entries, the build used $(count reused) and $files chart files"; fi

# A damaged part of report.pdf: found when report.pdf is joined again, typeset again.
for e in $(grep -l 'o-competition-1' $(grep -l 'mkreport-pdf-part-1' "$tmp"/cache/*) | head -1); do
	printf 'X' | dd of="$e" bs=1 seek=$(($(wc -c <"$e") - 1)) conv=notrunc 2>/dev/null
done
edit "a paragraph after a part was damaged" "$C/pages/architecture.md" 's/three stages\./three steps./'
if [ "$(count corrupt)" = 1 ]; then ok "a damaged part is detected and typeset again"
else ko "a damaged part: $(cat "$tmp/inc.log")"; fi

# The cache deleted: a full recompute, same site.
rm -rf "$tmp/cache"
same "the cache deleted"

if [ -n "$PORTABLE" ]; then
	"$PORTABLE" build -v -C "$C" -T "$T" -o "$tmp/site" --cache "$tmp/cache" 2>"$tmp/inc.log"
	if [ "$(count reused)" = 0 ]; then ok "another binary reuses nothing"
	else ko "another binary reused outputs: $(cat "$tmp/inc.log")"; fi
fi

# A report without uncertain inputs (its uncertainty entry is empty) and other charts.
mini=tests/fixtures/mini/content
for i in 1 2; do
	"$MKREPORT" build -v -C "$mini" -T "$T" -o "$tmp/mini" --cache "$tmp/mcache" 2>"$tmp/inc.log" ||
		ko "mini: build $i failed"
done
rm -rf "$tmp/clean"
"$MKREPORT" build --no-cache -C "$mini" -T "$T" -o "$tmp/clean" 2>/dev/null || ko "mini: clean build failed"
if diff -r "$tmp/clean" "$tmp/mini" >/dev/null && [ "$(count computed)" = 0 ] &&
	[ "$(count reused)" -gt 0 ]; then
	ok "mini: a second build reuses all $(count reused) outputs and equals a clean build"
else ko "mini: $(cat "$tmp/inc.log")"; fi

# Where the cache goes.
mkdir -p "$tmp/d"
"$MKREPORT" build -C "$C" -T "$T" -o "$tmp/d/out/" 2>/dev/null
if [ -d "$tmp/d/.mkreport-cache/out" ] && ! ls -A "$tmp/d/out" | grep -q cache; then
	ok "the default cache is .mkreport-cache/out beside the site"
else ko "the default cache: $(ls -A "$tmp/d")"; fi
rm -rf "$tmp/d"
mkdir -p "$tmp/d"
"$MKREPORT" build --no-cache -C "$C" -T "$T" -o "$tmp/d/out" 2>/dev/null
# (beside the site only the site's lock file, .out.mkreport-lock, may be there too)
if [ "$(ls -A "$tmp/d" | grep -v '^\.out\.mkreport-lock$')" = out ]; then
	ok "--no-cache writes no cache"
else ko "--no-cache: $(ls -A "$tmp/d")"; fi
"$MKREPORT" build -C "$C" -T "$T" -o "$tmp/d/out" --cache "$tmp/d/out/c" 2>"$tmp/err"
st=$?
if [ $st = 2 ] && grep -q "must not be inside" "$tmp/err"; then
	ok "a cache inside the output folder is refused (exit 2)"
else ko "a cache inside the site: exit $st, $(cat "$tmp/err")"; fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
