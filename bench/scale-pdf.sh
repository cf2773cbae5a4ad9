#!/bin/sh
# bench/scale-pdf.sh: with report.pdf on, the 3,000-section build against the 1,000-section
# one (issue 8: at most 3.5x in time and memory), for one or two binaries side by side:
# RUNS rounds, each building both sizes with every binary in turn (clean, --no-cache), on
# /dev/shm; prints the medians of wall time, CPU time (user + system) and peak RSS, and
# the 3,000 / 1,000 ratios.
# Usage: sh bench/scale-pdf.sh [MKREPORT [RUNS [BEFORE]]]   (needs /usr/bin/time)
# Environment: SIZES ("1000 3000": the ratio is last / first).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
MK=$(realpath "${1:-$root/build/mkreport}")
RUNS=${2:-3}
BEFORE=${3:+$(realpath "$3")}
SIZES=${SIZES:-"1000 3000"}
[ -x /usr/bin/time ] || { echo "scale-pdf.sh: /usr/bin/time is missing" >&2; exit 2; }
work=$(mktemp -d /dev/shm/mkreport-scale-pdf.XXXXXX)
trap 'rm -rf "$work"' EXIT
export LC_ALL=C TZ=UTC
TOOLS=after
[ -n "$BEFORE" ] && TOOLS="before after"
for n in $SIZES; do
	python3 "$root/bench/gen-report.py" "$n" "$work/g$n" >/dev/null
done
echo "scale-pdf.sh: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), medians of $RUNS"
# one TOOL N: builds the N-section report with TOOL; appends "TOOL N wall cpu rss" to nums
one() {
	bin=$MK
	[ "$1" = before ] && bin=$BEFORE
	out=$work/out
	rm -rf "$out"
	/usr/bin/time -f '%e %U %S %M' -o "$work/t" "$bin" build --no-cache -C "$work/g$2/mkreport" \
		-o "$out" -T "$root/templates" >/dev/null 2>"$work/err" ||
		{ echo "scale-pdf.sh: $1 failed at $2:" >&2; cat "$work/err" >&2; exit 1; }
	awk -v t="$1" -v n="$2" '{ printf "%s %s %s %.2f %s\n", t, n, $1, $2 + $3, $4 }' \
		"$work/t" >>"$work/nums"
}
: >"$work/nums"
for i in $(seq "$RUNS"); do
	for t in $TOOLS; do
		for n in $SIZES; do one "$t" "$n"; done
	done
done
first=${SIZES%% *}
last=${SIZES##* }
awk -v first="$first" -v last="$last" -v tools="$TOOLS" '
function med(k,   n, i, j, v, a) {
	n = split(vals[k], a, " ")
	for (i = 2; i <= n; i++) { v = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > v + 0; j--) a[j + 1] = a[j]; a[j + 1] = v }
	return a[int((n + 1) / 2)]
}
{ for (f = 3; f <= 5; f++) vals[$1 " " $2 " " f] = vals[$1 " " $2 " " f] " " $f }
END {
	print "| tool | sections | wall s | CPU s | peak RSS MB |"
	print "|---|---|---|---|---|"
	nt = split(tools, T, " ")
	for (t = 1; t <= nt; t++) {
		for (s = 0; s < 2; s++) {
			n = s ? last : first
			printf "| %s | %s | %.2f | %.2f | %.1f |\n", T[t], n, med(T[t] " " n " 3"),
				med(T[t] " " n " 4"), med(T[t] " " n " 5") / 1024
		}
	}
	for (t = 1; t <= nt; t++)
		printf "%s: %s / %s sections: wall %.2fx, CPU %.2fx, peak RSS %.2fx (target <= 3.5)\n",
			T[t], last, first, med(T[t] " " last " 3") / med(T[t] " " first " 3"),
			med(T[t] " " last " 4") / med(T[t] " " first " 4"),
			med(T[t] " " last " 5") / med(T[t] " " first " 5")
}' "$work/nums"
