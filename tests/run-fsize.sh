#!/bin/sh
# File size limit: a build under `ulimit -f` must end with exit 3 and a message naming
# the file it could not write (it died of SIGXFSZ, status 153, and left the new site's
# folder and the cache's temporary files behind), or with exit 0 where everything fits;
# never a signal. Afterwards no temporary file is left (in the output's folder, the
# cache or TMPDIR), and an existing site is exactly as it was.
# Usage: tests/run-fsize.sh MKREPORT
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
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mkreport-fsize.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/tmpdir" "$tmp/w"
cp -R "$root/tests/fixtures/mini/content" "$tmp/w/content"
build() { # build OUT: the mini report into $tmp/w/OUT, TMPDIR private
	(cd "$tmp/w" && TMPDIR="$tmp/tmpdir" "$mk" build -C content -o "$1" -T "$root/templates")
}
sums() {
	(cd "$tmp/w" && find site -type f | sort | xargs sha256sum)
}
if ! build site >/dev/null 2>&1; then
	echo "FAIL fsize: the mini report did not build without a limit"
	exit 1
fi
sums >"$tmp/sums.before"
# The next builds change the title, so that every page is written again.
sed -e 's/^title: "Mini report"/title: "Mini report, again"/' "$tmp/w/content/report.yaml" >"$tmp/r"
mv "$tmp/r" "$tmp/w/content/report.yaml"

pass=0
fail=0
failed_writes=0
# ulimit -f counts blocks of 512 bytes (dash) or 1024 (bash): from a few KB up to more
# than the largest output (the pack).
for limit in 8 64 256 1024 4096; do
	for out in site fresh-$limit; do
		rm -rf "$tmp/w/.mkreport-cache"
		(ulimit -f $limit && build $out) >/dev/null 2>"$tmp/stderr"
		rc=$?
		why=""
		if [ $rc -eq 3 ]; then
			failed_writes=$((failed_writes + 1))
			grep -q 'error: cannot write.*File too large' "$tmp/stderr" ||
				why="stderr does not say which file could not be written: $(head -c 300 "$tmp/stderr")"
		elif [ $rc -ne 0 ]; then
			why="exit status $rc (expected 0 or 3): $(head -c 300 "$tmp/stderr")"
		fi
		left=$(cd "$tmp/w" && find . -name '*mkreport-new*' -o -name '*-tmp-*' | head -3)
		[ -n "$left" ] && why="$why; temporary files left: $left"
		[ -n "$(ls -A "$tmp/tmpdir")" ] && why="$why; files left in TMPDIR: $(ls -A "$tmp/tmpdir" | head -3)"
		if [ $rc -eq 3 ] && [ $out = site ] && ! sums | cmp -s - "$tmp/sums.before"; then
			why="$why; the existing site changed"
		fi
		if [ $rc -eq 3 ] && [ $out != site ] && [ -e "$tmp/w/$out" ] &&
		    [ -n "$(ls -A "$tmp/w/$out")" ]; then
			why="$why; a partial $out was left"
		fi
		if [ -z "$why" ]; then
			pass=$((pass + 1))
		else
			echo "FAIL fsize: ulimit -f $limit, -o $out: $why"
			fail=$((fail + 1))
		fi
		[ $rc -eq 0 ] && [ $out = site ] && sums >"$tmp/sums.before"
	done
done
if [ $failed_writes -eq 0 ]; then
	echo "FAIL fsize: no limit made a write fail (the test tests nothing)"
	fail=$((fail + 1))
fi
echo "fsize: $pass passed, $fail failed ($failed_writes builds stopped by the limit)"
[ $fail -eq 0 ]
