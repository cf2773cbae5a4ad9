#!/bin/sh
# Monte Carlo benchmark: mkreport at N draws (default 10^6) with -j 1 and -j 2, and the
# NumPy implementation of the same model (bench/mc_numpy.py), in one run on this
# machine. Prints draws/s (median of RUNS runs each), the ratio to NumPy, peak RSS at
# N/10 and N (it must not grow with N) and a statistical agreement check.
# Usage: bench/mc.sh [MKREPORT [N [RUNS]]]   (run from the source tree; make first)
set -eu
MK=${1:-build/mkreport}
N=${2:-1000000}
RUNS=${3:-5}
PY=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C

# The shipped data carries its dist:s; older data is given them by tests/add-dists.py.
if grep -q 'dist:' content/data/finance.yaml; then
	cp -R content "$tmp/mc"
else
	$PY tests/add-dists.py content "$tmp/mc" "$N" 20261101
fi
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (apt-get install time)"; exit 2; }

# secs DRAWS JOBS: wall seconds of one `mkreport metrics` run; its peak RSS (KiB) in $tmp/rss.
secs() {
	MKREPORT_MC_DRAWS=$1 /usr/bin/time -f '%e %M' -o "$tmp/time" \
		"$MK" metrics -C "$tmp/mc" --json -j "$2" >"$tmp/out.json"
	cut -d' ' -f2 "$tmp/time" >"$tmp/rss"
	cut -d' ' -f1 "$tmp/time"
}

# median of the arguments
median() { printf '%s\n' "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }

# hires DRAWS JOBS: wall seconds by Python's clock (/usr/bin/time has 10 ms steps).
hires() {
	MKREPORT_MC_DRAWS=$1 $PY -c '
import subprocess, sys, time
t = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print("%.4f" % (time.perf_counter() - t))' "$MK" metrics -C "$tmp/mc" --json -j "$2"
}

echo "machine: $(nproc) online cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
base=$(for i in $(seq "$RUNS"); do hires 1 1; done)
base=$(median $base)
echo "mkreport with 1 draw (load, model, sensitivity, export): ${base} s"
for j in 1 2; do
	t=$(for i in $(seq "$RUNS"); do hires "$N" "$j"; done)
	t=$(median $t)
	rate=$($PY -c "print('%.0f' % ($N / ($t - $base)))")
	eval "rate_$j=$rate"
	echo "mkreport -j $j: $N draws, median ${t} s (${RUNS} runs): $rate draws/s"
done
secs $((N / 10)) 2 >/dev/null; rss_small=$(cat "$tmp/rss")
secs "$N" 2 >/dev/null; rss_big=$(cat "$tmp/rss")
echo "peak RSS -j 2: $((N / 10)) draws ${rss_small} KiB, $N draws ${rss_big} KiB"
"$MK" metrics -C "$tmp/mc" --json -j 2 >"$tmp/out.json"
$PY bench/mc_numpy.py "$tmp/out.json" "$N" "$RUNS" | tee "$tmp/numpy.txt"
np_rate=$(sed -n 's/.*: \([0-9]*\) draws\/s/\1/p' "$tmp/numpy.txt")
$PY -c "print('ratio to numpy: -j 1 %.1fx, -j 2 %.1fx; -j 2 / -j 1 = %.2f' % ($rate_1 / $np_rate, $rate_2 / $np_rate, $rate_2 / $rate_1))"
