#!/bin/sh
# report.pdf against headless Chromium: what report.pdf adds to `mkreport build` (the build
# with it minus the build with --no-pdf, both --no-cache into a fresh folder, so nothing
# of an earlier run is reused), against Chromium printing the same report as one
# document (each section's <article> of the built site, in report order, joined into one
# HTML file with the site's stylesheet). Interleaved rounds, medians of RUNS (wall and CPU
# time), and both files' pages and bytes. With BEFORE (another mkreport binary), it is
# timed in the same rounds.
# Usage: bench/pdf.sh [MKREPORT [RUNS [BEFORE]]] (after make; needs chromium, pdfinfo)
set -eu
MK=${1:-build/mkreport}
RUNS=${2:-7}
BEFORE=${3:-}
CHROMIUM=${CHROMIUM:-chromium}
base=/tmp
[ -d /dev/shm ] && [ -w /dev/shm ] && base=/dev/shm
tmp=$(mktemp -d "$base/mkreport-pdf.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# wall and CPU (user + system of the process and its waited-for descendants) seconds of
# one run of the arguments: "wall cpu"
wall() {
	/usr/bin/python3 -c '
import resource, subprocess, sys, time
r = resource.getrusage(resource.RUSAGE_CHILDREN)
t = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
w = time.perf_counter() - t
s = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.4f %.4f" % (w, s.ru_utime - r.ru_utime + s.ru_stime - r.ru_stime))' "$@"
}
median() { printf '%s\n' "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }
key() { echo "$1" | cksum | cut -d' ' -f1; }
# one build of binary $1 (extra options after it) into a fresh folder, no cache read or
# written; prints "wall cpu"
one() {
	b=$1
	shift
	rm -rf "$tmp/s" "$tmp/.mkreport-cache"
	wall "$b" build --no-cache "$@" -C content -o "$tmp/s" -T templates
}

# The document Chromium prints: the site's articles in report order, in the site's
# folder (so style.css and charts/*.svg resolve as they do on the site).
"$MK" build --no-cache -C content -o "$tmp/site" -T templates
sed -n 's/^ *- slug: *//p' content/report.yaml | tr -d '"'"'" >"$tmp/slugs"
/usr/bin/python3 - "$tmp/site" "$tmp/slugs" <<'PY'
import re, sys
site, slugs = sys.argv[1], open(sys.argv[2]).read().split()
lang = re.search(r'<html[^>]*lang="([^"]*)"', open(site + "/index.html", encoding="utf-8").read())
out = ['<!DOCTYPE html>\n<html lang="%s"><head><meta charset="utf-8"><title>report</title>'
       '<link rel="stylesheet" href="style.css"></head><body><main>' % (lang.group(1) if lang else "en")]
for s in slugs:
    page = open("%s/%s.html" % (site, s), encoding="utf-8").read()
    a = re.search(r"<article[ >].*?</article>", page, re.S)
    if a is None:
        sys.exit("pdf.sh: no <article> in %s.html" % s)
    out.append(a.group(0))
out.append("</main></body></html>\n")
open(site + "/chromium-report.html", "w", encoding="utf-8").write("\n".join(out))
PY
doc="file://$tmp/site/chromium-report.html"
chrome() {
	rm -f "$tmp/chromium.pdf"
	wall "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking \
	    --disable-component-update --no-first-run --print-to-pdf="$tmp/chromium.pdf" "$doc"
}

bins=$MK
[ -n "$BEFORE" ] && bins="$BEFORE $MK"
for b in $bins; do
	: >"$tmp/with.$(key "$b")"
	: >"$tmp/without.$(key "$b")"
done
: >"$tmp/chromium"
for i in $(seq "$RUNS"); do
	for b in $bins; do # interleaved, so load on the machine hits every binary alike
		one "$b" >>"$tmp/with.$(key "$b")"
		one "$b" --no-pdf >>"$tmp/without.$(key "$b")"
	done
	chrome >>"$tmp/chromium"
done
cw=$(median $(cut -d' ' -f1 "$tmp/chromium"))
cc=$(median $(cut -d' ' -f2 "$tmp/chromium"))
pages() { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }
echo "pdf.sh: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), medians of $RUNS"
echo "chromium: printing the report $cw s wall, $cc s CPU;" \
    "$(pages "$tmp/chromium.pdf") pages, $(wc -c <"$tmp/chromium.pdf") bytes"
for b in $bins; do
	k=$(key "$b")
	w=$(median $(cut -d' ' -f1 "$tmp/with.$k"))
	wo=$(median $(cut -d' ' -f1 "$tmp/without.$k"))
	c=$(median $(cut -d' ' -f2 "$tmp/with.$k"))
	co=$(median $(cut -d' ' -f2 "$tmp/without.$k"))
	rm -rf "$tmp/s"
	"$b" build --no-cache -C content -o "$tmp/s" -T templates
	echo "$b: build with report.pdf $w s, with --no-pdf $wo s; the PDF" \
	    "$(echo "$w $wo $cw" | awk '{printf "%.3f s (%.0f%% of the build); Chromium / the PDF %.1fx", $1 - $2, 100 * ($1 - $2) / $1, $3 / ($1 - $2)}')"
	echo "$b: CPU time (user + system): with $c s, with --no-pdf $co s; the PDF" \
	    "$(echo "$c $co $cc" | awk '{printf "%.3f s (%.0f%% of the build); Chromium / the PDF %.1fx", $1 - $2, 100 * ($1 - $2) / $1, $3 / ($1 - $2)}')"
	echo "$b: report.pdf: $(pages "$tmp/s/report.pdf") pages, $(wc -c <"$tmp/s/report.pdf") bytes"
done
