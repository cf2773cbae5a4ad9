#!/bin/sh
# report.pdf's cost: `mkreport build` of the report with and without --no-pdf, medians of
# RUNS, and the PDF's pages and bytes. Usage: bench/pdf.sh [MKREPORT [RUNS]] (after make)
set -eu
MK=${1:-build/mkreport}
RUNS=${2:-7}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# wall seconds of one run of the arguments
wall() {
	/usr/bin/python3 -c '
import subprocess, sys, time
t = time.perf_counter()
subprocess.run(sys.argv[1:], check=True)
print("%.4f" % (time.perf_counter() - t))' "$@"
}
median() { printf '%s\n' "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }
with=$(for i in $(seq "$RUNS"); do wall "$MK" build -C content -o "$tmp/a" -T templates; rm -rf "$tmp/a"; done)
without=$(for i in $(seq "$RUNS"); do wall "$MK" build --no-pdf -C content -o "$tmp/b" -T templates; rm -rf "$tmp/b"; done)
"$MK" build -C content -o "$tmp/c" -T templates
pages=$(grep -a -c '/Type /Page\b' "$tmp/c/report.pdf" || true)
w=$(median $with)
wo=$(median $without)
echo "build with report.pdf: $w s; with --no-pdf: $wo s; the PDF: $(echo "$w $wo" | awk '{printf "%.3f", $1 - $2}') s"
echo "report.pdf: $pages pages, $(wc -c <"$tmp/c/report.pdf") bytes"
