#!/bin/sh
# bench/commit.sh: the site's commit, before and after a change, side by side.
# usage: sh bench/commit.sh OLD_MKREPORT NEW_MKREPORT [RUNS] [DIR]
# Times, interleaved, RUNS (default 5) full builds (into a folder that does not exist)
# and RUNS no-op builds (into the folder the last build wrote) of content/ with each
# tool, on DIR (default /dev/shm/bench-commit, a RAM disk), and prints the medians.
set -eu
OLD=$1 NEW=$2 RUNS=${3:-5} DIR=${4:-/dev/shm/bench-commit}
rm -rf "$DIR"
mkdir -p "$DIR"
export LC_ALL=C TZ=UTC
now() { date +%s.%N; }
# Prints the seconds one build takes.
timed() { t0=$(now); "$@" >/dev/null 2>&1; t1=$(now); awk -v a="$t1" -v b="$t0" 'BEGIN { printf "%.4f\n", a - b }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for tool in old new; do : >"$DIR/$tool.full"; : >"$DIR/$tool.noop"; done
i=0
while [ "$i" -lt "$RUNS" ]; do
	for tool in old new; do
		if [ $tool = old ]; then bin=$OLD; else bin=$NEW; fi
		rm -rf "$DIR/x" "$DIR"/.x.mkreport-*
		timed "$bin" build -o "$DIR/x" -T templates >>"$DIR/$tool.full"
		timed "$bin" build -o "$DIR/x" -T templates >>"$DIR/$tool.noop"
	done
	i=$((i + 1))
done
for kind in full noop; do
	o=$(median <"$DIR/old.$kind") n=$(median <"$DIR/new.$kind")
	echo "$kind build: old $o s, new $n s, new/old $(awk -v a="$n" -v b="$o" 'BEGIN { printf "%.2f", a / b }')"
done
rm -rf "$DIR"
