#!/bin/sh
# Out of memory: a build under `ulimit -v` limits just above what the tool needs to
# start must end with exit 3 and "mkreport: out of memory" (never a signal), and leave
# an existing site exactly as it was. The report is a generated 600-section one
# (bench/gen-report.py; no charts, so fontconfig and pango, which crash or abort
# instead of failing without memory, are not started) built with --no-pdf.
# Skipped under AddressSanitizer: its shadow memory needs terabytes of address space,
# so it cannot run under ulimit -v at all.
# Usage: tests/run-oom.sh MKREPORT
if [ $# -ne 1 ]; then
	echo "usage: $0 MKREPORT" >&2
	exit 2
fi
case $1 in
/*) mk=$1 ;;
*) mk=$(pwd)/$1 ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd)
export LC_ALL=C TZ=UTC NO_COLOR=1
if grep -q __asan_init "$mk"; then
	echo "SKIP oom: $mk is built with AddressSanitizer (no ulimit -v under ASan)"
	exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mkreport-oom.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
python3 "$root/bench/gen-report.py" 600 "$tmp/gen" >/dev/null || exit 1
content=$tmp/gen/mkreport
build() {
	"$mk" build -C "$content" --no-pdf -o "$tmp/site" -T "$root/templates"
}
sums() {
	(cd "$tmp" && find site -type f | sort | xargs sha256sum)
}
if ! build >/dev/null 2>&1; then
	echo "FAIL oom: the generated report did not build without a limit"
	exit 1
fi
sums >"$tmp/sums.before"

# The smallest limit (KiB, 2 MiB steps) at which the tool starts at all: below it the
# dynamic loader cannot map the libraries (exit 127, before any of our code runs).
floor=40960
while [ $floor -lt 262144 ] && ! (ulimit -v $floor && "$mk" --version) >/dev/null 2>&1; do
	floor=$((floor + 2048))
done

pass=0
fail=0
oom=0
# From 1 MiB above the floor: the site is streamed to disk as it is rendered, so the
# build needs little more than the tool's start.
for extra in 1 2 4 8 16 32 64; do
	limit=$((floor + extra * 1024))
	(ulimit -v $limit && build) >/dev/null 2>"$tmp/stderr"
	rc=$?
	why=""
	if [ $rc -eq 3 ]; then
		oom=$((oom + 1))
		printf 'mkreport: out of memory\n' | cmp -s - "$tmp/stderr" ||
			why="stderr is not the one line 'mkreport: out of memory': $(head -c 300 "$tmp/stderr")"
	elif [ $rc -ne 0 ]; then
		why="exit status $rc (expected 3, or 0 if the limit was enough): $(head -c 300 "$tmp/stderr")"
	fi
	sums >"$tmp/sums.after"
	if [ -z "$why" ] && ! cmp -s "$tmp/sums.before" "$tmp/sums.after"; then
		why="the site changed"
	fi
	if [ -z "$why" ]; then
		echo "PASS oom limit $limit KiB (exit $rc)"
		pass=$((pass + 1))
	else
		echo "FAIL oom limit $limit KiB: $why"
		fail=$((fail + 1))
	fi
done
if [ $oom -eq 0 ]; then
	echo "FAIL oom: no limit ran out of memory (floor $floor KiB): the test tested nothing"
	fail=$((fail + 1))
fi
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
