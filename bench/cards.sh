#!/bin/sh
# What the share cards add to a build: `mkreport build --no-cache` of the shipped report
# by MKREPORT and by BEFORE (a binary without cards), interleaved in the same rounds,
# medians of RUNS (wall and CPU time), with and without --no-pdf; then the same
# (--no-pdf) for an N-section
# report from bench/gen-report.py (default 10,000; 3 rounds), and the cards' count and
# bytes. BEFORE runs with the templates of its own tree (BEFORE_TEMPLATES, default
# the templates/ beside its build/ folder), as older binaries refuse newer slots.
# Usage: bench/cards.sh MKREPORT BEFORE [RUNS [N [BEFORE_TEMPLATES]]] (after make)
set -eu
MK=$1
BEFORE=$2
RUNS=${3:-7}
N=${4:-10000}
BT=${5:-$(dirname "$BEFORE")/../templates}
base=/tmp
[ -d /dev/shm ] && [ -w /dev/shm ] && base=/dev/shm
tmp=$(mktemp -d "$base/mkreport-cards.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# wall and CPU (user + system) seconds of one run of the arguments: "wall cpu"
wall() {
	/usr/bin/python3 -c '
import resource, subprocess, sys, time
r = resource.getrusage(resource.RUSAGE_CHILDREN)
t = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
w = time.perf_counter() - t
s = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.4f %.4f" % (w, s.ru_utime - r.ru_utime + s.ru_stime - r.ru_stime))' "$@"
}
median() { printf '%s\n' "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }
# rounds content runs label [options]: times both binaries on content, prints the medians
rounds() {
	: >"$tmp/after" ; : >"$tmp/before"
	c=$1 n=$2 label=$3
	shift 3
	for i in $(seq "$n"); do
		rm -rf "$tmp/s"; wall "$BEFORE" build "$@" --no-cache -C "$c" -o "$tmp/s" -T "$BT" >>"$tmp/before"
		rm -rf "$tmp/s"; wall "$MK" build "$@" --no-cache -C "$c" -o "$tmp/s" -T templates >>"$tmp/after"
	done
	set -- "$c" "$n" "$label"
	wa=$(median $(cut -d' ' -f1 "$tmp/after")); wb=$(median $(cut -d' ' -f1 "$tmp/before"))
	ca=$(median $(cut -d' ' -f2 "$tmp/after")); cb=$(median $(cut -d' ' -f2 "$tmp/before"))
	echo "$3: wall $wb s before, $wa s with cards ($(echo "$wa $wb" | awk '{printf "%+.3f s, x%.2f", $1 - $2, $1 / $2}'));" \
	    "CPU $cb s before, $ca s with cards ($(echo "$ca $cb" | awk '{printf "%+.3f s, x%.2f", $1 - $2, $1 / $2}'))"
	echo "$3: $(cd "$tmp/s" && find . -name '*.png' -path './card*' | wc -l) card PNGs," \
	    "$(cd "$tmp/s" && find . -name '*.png' -path './card*' -exec cat {} + | wc -c) bytes"
}
rounds content "$RUNS" "shipped report, --no-pdf, $RUNS rounds" --no-pdf
rounds content "$RUNS" "shipped report, with report.pdf, $RUNS rounds"
/usr/bin/python3 bench/gen-report.py "$N" "$tmp/gen" >/dev/null
rounds "$tmp/gen/mkreport" 3 "$N sections, --no-pdf, 3 rounds" --no-pdf
