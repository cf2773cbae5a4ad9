#!/bin/sh
# Chart benchmark: the report's full chart set drawn by mkreport (SVG + PNG + PDF of
# each, single-threaded and on two threads) and by matplotlib (bench/charts_mpl.py: the same charts from the same CSVs, same
# 1600x900 PNG, SVG and PDF), in one run on this machine; medians of RUNS.
# The shipped content's charts are used; if content/ has none yet, bench/charts.md (the
# report's set, one chart per REPORT.md figure) is appended to a copy of its last page.
# Usage: bench/charts.sh [MKREPORT [RUNS [REPEAT]]]   (from the source tree; make first)
# CONTENT=DIR benchmarks another copy of the report (default: content).
set -eu
MK=${1:-build/mkreport}
RUNS=${2:-5}
REPEAT=${3:-11}
PY=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C MKREPORT_MC_DRAWS=2000

CONTENT=${CONTENT:-content}
cp -R "$CONTENT" "$tmp/content"
cp -R "$CONTENT" "$tmp/nocharts"
last=$(sed -n 's/^ *file: *//p' "$CONTENT/report.yaml" | tail -1)
if ! grep -q '^```chart' "$CONTENT"/pages/*.md; then
	cat bench/charts.md >>"$tmp/content/$last"
fi
for f in "$tmp"/nocharts/pages/*.md; do # the same report without its chart blocks
	awk '/^```chart/{skip=1} !skip{print} skip&&/^```$/{skip=0}' "$f" |
		sed 's/{{ *figure [a-z0-9-]* *}}/a figure/g' >"$f.x" && mv "$f.x" "$f"
done
"$MK" build -C "$tmp/content" -o "$tmp/site" -T templates
grep -h -A2 '^```chart' "$tmp"/content/pages/*.md | awk '/^id:/{id=$2} /^type:/{print id, $2}' \
	>"$tmp/manifest"
n=$(wc -l <"$tmp/manifest")

# median of the arguments
median() { printf '%s\n' "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }

# wall CMD...: wall seconds of one run of CMD by Python's clock.
wall() {
	$PY -c '
import subprocess, sys, time
t = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print("%.5f" % (time.perf_counter() - t))' "$@"
}

# chart_secs ID JOBS: seconds of one chart drawn as SVG, PNG and PDF by one
# `mkreport chart ID -o x.svg -o x.png -o x.pdf` (the directive read once, the three
# files drawn on JOBS threads), without start-up: (time of REPEAT draws - time of 1
# draw) / (REPEAT - 1), medians of RUNS.
chart_secs() {
	one=$(for i in $(seq "$RUNS"); do MKREPORT_CHART_REPEAT=1 wall "$MK" chart -j "$2" \
		-C "$tmp/content" -T templates "$1" -o "$tmp/x.svg" -o "$tmp/x.png" -o "$tmp/x.pdf"; done)
	many=$(for i in $(seq "$RUNS"); do MKREPORT_CHART_REPEAT=$REPEAT wall "$MK" chart -j "$2" \
		-C "$tmp/content" -T templates "$1" -o "$tmp/x.svg" -o "$tmp/x.png" -o "$tmp/x.pdf"; done)
	echo "$(median $many) $(median $one) $REPEAT" | awk '{ printf "%.6f", ($1 - $2) / ($3 - 1) }'
}

echo "machine: $(nproc) online cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "charts: $n; runs: $RUNS; mkreport per-chart repeat: $REPEAT"
# the site's charts against matplotlib's: report.pdf (bench/pdf.sh) left out of both builds
full=$(for i in $(seq "$RUNS"); do wall "$MK" build --no-pdf -C "$tmp/content" -o "$tmp/s1" -T templates; rm -rf "$tmp/s1"; done)
bare=$(for i in $(seq "$RUNS"); do wall "$MK" build --no-pdf -C "$tmp/nocharts" -o "$tmp/s2" -T templates; rm -rf "$tmp/s2"; done)
mkdir -p "$tmp/mpl"
mplwhole=$(for i in $(seq "$RUNS"); do wall $PY bench/charts_mpl.py "$tmp/site/charts" \
	"$tmp/manifest" "$tmp/mpl" 1; done)
$PY bench/charts_mpl.py "$tmp/site/charts" "$tmp/manifest" "$tmp/mpl" "$RUNS" >"$tmp/mpl.txt"

printf '%-22s %-10s %11s %11s %11s %8s %8s\n' chart type "mkreport-j1" "mkreport-j2" matplotlib \
	"ratio-j1" "ratio-j2"
tot1=0 tot2=0 tot_mpl=0
while read -r id type; do
	s1=$(chart_secs "$id" 1)
	s2=$(chart_secs "$id" 2)
	mpl=$(awk -v id="$id" '$1 == id { print $2 }' "$tmp/mpl.txt")
	echo "$id $type $s1 $s2 $mpl" | awk '{ printf "%-22s %-10s %8.2f ms %8.2f ms %8.1f ms %7.1fx %7.1fx\n",
		$1, $2, $3 * 1000, $4 * 1000, $5 * 1000, $5 / $3, $5 / $4 }'
	tot1=$(echo "$tot1 $s1" | awk '{ print $1 + $2 }')
	tot2=$(echo "$tot2 $s2" | awk '{ print $1 + $2 }')
	tot_mpl=$(echo "$tot_mpl $mpl" | awk '{ print $1 + $2 }')
done <"$tmp/manifest"
echo "$n $tot1 $tot2 $tot_mpl" | awk '{
	printf "per chart (SVG + PNG + PDF), mean: mkreport -j1 %.2f ms (%.1fx matplotlib), -j2 %.2f ms (%.1fx), matplotlib %.1f ms\n",
	$2 / $1 * 1000, $4 / $2, $3 / $1 * 1000, $4 / $3, $4 / $1 * 1000 }'
echo "$(median $full) $(median $bare) $(median $mplwhole) $n" | awk '{
	printf "whole process: mkreport build with the %d charts %.3f s (without them %.3f s: charts %.3f s, %.0f charts/s incl. dark SVG and CSV)\n", $4, $1, $2, $1 - $2, $4 / ($1 - $2);
	printf "whole process: matplotlib, the %d charts incl. start-up %.3f s (%.1f charts/s)\n", $4, $3, $4 / $3 }'
# PNG sizes as the build writes them (the 16 light 1600 x 900 PNGs of the site).
cat "$tmp"/site/charts/*.png | wc -c | awk -v n="$(ls "$tmp"/site/charts/*.png | wc -l)" \
	'{ printf "PNG files: %d, %d bytes in all, %.1f KB mean\n", n, $1, $1 / n / 1000 }'
