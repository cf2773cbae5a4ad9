#!/bin/sh
# report.pdf's cost: `mkreport build` of the report with and without --no-pdf, medians of
# RUNS (wall and CPU time), the PDF's share of the build, and its pages and bytes. With BEFORE (another
# mkreport binary), both binaries are timed side by side in the same rounds.
# Usage: bench/pdf.sh [MKREPORT [RUNS [BEFORE]]] (after make)
set -eu
MK=${1:-build/mkreport}
RUNS=${2:-7}
BEFORE=${3:-}
base=/tmp
[ -d /dev/shm ] && [ -w /dev/shm ] && base=/dev/shm
tmp=$(mktemp -d "$base/mkreport-pdf.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# wall and CPU (user + system) seconds of one run of the arguments: "wall cpu"
wall() {
	/usr/bin/python3 -c '
import resource, subprocess, sys, time
r = resource.getrusage(resource.RUSAGE_CHILDREN)
t = time.perf_counter()
subprocess.run(sys.argv[1:], check=True)
w = time.perf_counter() - t
s = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.4f %.4f" % (w, s.ru_utime - r.ru_utime + s.ru_stime - r.ru_stime))' "$@"
}
median() { printf '%s\n' "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }
# one build of binary $1 (extra options after it) into a fresh folder; prints seconds
one() {
	b=$1
	shift
	rm -rf "$tmp/s"
	wall "$b" build "$@" -C content -o "$tmp/s" -T templates
}
bins=$MK
[ -n "$BEFORE" ] && bins="$BEFORE $MK"
for b in $bins; do
	: >"$tmp/with.$(echo "$b" | cksum | cut -d' ' -f1)"
	: >"$tmp/without.$(echo "$b" | cksum | cut -d' ' -f1)"
done
for i in $(seq "$RUNS"); do
	for b in $bins; do # interleaved, so load on the machine hits every binary alike
		k=$(echo "$b" | cksum | cut -d' ' -f1)
		one "$b" >>"$tmp/with.$k"
		one "$b" --no-pdf >>"$tmp/without.$k"
	done
done
for b in $bins; do
	k=$(echo "$b" | cksum | cut -d' ' -f1)
	w=$(median $(cut -d' ' -f1 "$tmp/with.$k"))
	wo=$(median $(cut -d' ' -f1 "$tmp/without.$k"))
	c=$(median $(cut -d' ' -f2 "$tmp/with.$k"))
	co=$(median $(cut -d' ' -f2 "$tmp/without.$k"))
	rm -rf "$tmp/s"
	"$b" build -C content -o "$tmp/s" -T templates
	pages=$(grep -a -c '/Type /Page\b' "$tmp/s/report.pdf" || true)
	echo "$b: build with report.pdf $w s, with --no-pdf $wo s; the PDF" \
	    "$(echo "$w $wo" | awk '{printf "%.3f s (%.0f%% of the build)", $1 - $2, 100 * ($1 - $2) / $1}')"
	echo "$b: CPU time (user + system): with $c s, with --no-pdf $co s; the PDF" \
	    "$(echo "$c $co" | awk '{printf "%.3f s (%.0f%% of the build)", $1 - $2, 100 * ($1 - $2) / $1}')"
	echo "$b: report.pdf: $pages pages, $(wc -c <"$tmp/s/report.pdf") bytes"
done
