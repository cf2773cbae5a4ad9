#!/bin/sh
# lookups.sh: two builds of mkreport side by side on a generated N-section report
# (bench/gen-report.py, --no-pdf, on a RAM disk): median wall and user time and peak
# RSS of each over RUNS alternating runs, and whether their sites are byte-identical.
# Usage: sh bench/lookups.sh OLD NEW [N [RUNS]]   (defaults: 1000 sections, 5 runs)
# Needs /usr/bin/time (Debian package time).
if [ $# -lt 2 ]; then
	echo "usage: $0 OLD NEW [N [RUNS]]" >&2
	exit 2
fi
old=$1 new=$2 n=${3:-1000} runs=${4:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${TMPDIR_SHM:-/dev/shm}/mkreport-lookups.$$
trap 'rm -rf "$dir"' EXIT
python3 "$root/bench/gen-report.py" "$n" "$dir/gen" >/dev/null || exit 1
i=0
while [ $i -lt "$runs" ]; do
	for v in old new; do
		eval bin=\$$v
		rm -rf "$dir/site-$v"
		(cd "$root" && /usr/bin/time -f "%e %U %M" "$bin" build -C "$dir/gen/mkreport" \
		    --no-pdf -o "$dir/site-$v" 2>>"$dir/$v.times" >/dev/null)
	done
	i=$((i + 1))
done
# median of column k of file f
median() {
	tail -n "$runs" "$1" | awk '{ print $'"$2"' }' | sort -n | awk '{ a[NR] = $1 }
	    END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
for v in old new; do
	printf '%s: %s sections, median of %s: %s s wall, %s s user, %s KiB peak RSS\n' "$v" \
	    "$n" "$runs" "$(median "$dir/$v.times" 1)" "$(median "$dir/$v.times" 2)" \
	    "$(median "$dir/$v.times" 3)"
done
if diff -r "$dir/site-old" "$dir/site-new" >/dev/null; then
	echo "sites byte-identical"
else
	echo "sites DIFFER"
fi
