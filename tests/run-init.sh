#!/bin/sh
# mkreport init: the starter report it writes (run from another folder, so nothing is
# read from the source tree) equals starter/ byte for byte, passes `mkreport check`,
# builds (the site checked by tests/check-site.py, every page a chart and a citation);
# missing parents are created; an existing non-empty folder or a file is refused with
# exit 1 and left as it was; an empty folder is used; no DIR is a usage error.
# Usage: tests/run-init.sh MKREPORT
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
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mkreport-init.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { echo "PASS $1"; pass=$((pass + 1)); }
ko() { echo "FAIL $1"; fail=$((fail + 1)); }
cd "$tmp" || exit 1

# A new folder with missing parents.
if "$mk" init a/b/report >init.out 2>init.err && [ ! -s init.err ] &&
    grep -q "mkreport build -C a/b/report" init.out; then
	ok "init creates the folder and its parents and says what to run next"
else
	ko "init a/b/report"; cat init.err
fi
if diff -r "$root/starter" a/b/report >diff.out; then
	ok "the files written are starter/ byte for byte"
else
	ko "the files written differ from starter/"; head -20 diff.out
fi
n=$(find a/b/report -type f | wc -l)
[ "$n" -ge 7 ] && ok "$n files written" || ko "only $n files written"

if "$mk" check -C a/b/report -T "$root/templates" >check.out 2>&1 && [ ! -s check.out ]; then
	ok "the starter passes mkreport check, with nothing to say"
else
	ko "mkreport check on the starter"; cat check.out
fi
if "$mk" build -C a/b/report -o site -T "$root/templates" >build.out 2>&1; then
	ok "the starter builds"
	if python3 "$root/tests/check-site.py" site >site.out; then
		ok "its site checks (pages, links, anchors, icons)"
	else
		ko "check-site.py on the starter's site"; tail -5 site.out
	fi
	[ -f site/report.pdf ] && [ -f site/charts/cumulative.svg ] && [ -f site/method.html ] &&
	    grep -q 'class="notes"' site/index.html &&
	    ok "it has two pages, a chart, citations and report.pdf" ||
	    ko "the starter's site lacks a page, its chart, citations or report.pdf"
else
	ko "mkreport build on the starter"; cat build.out
fi

# Refusals: nothing written, exit 1.
mkdir full && echo keep >full/notes.txt
"$mk" init full >out 2>err
rc=$?
if [ $rc -eq 1 ] && grep -q "full exists and is not empty" err &&
    [ "$(ls full)" = notes.txt ] && [ "$(cat full/notes.txt)" = keep ]; then
	ok "a non-empty folder is refused (exit 1), left as it was"
else
	ko "init into a non-empty folder: exit $rc"; cat err
fi
echo x >afile
"$mk" init afile >out 2>err
rc=$?
if [ $rc -eq 1 ] && grep -q "afile exists and is not a folder" err && [ "$(cat afile)" = x ]; then
	ok "a file is refused (exit 1)"
else
	ko "init onto a file: exit $rc"; cat err
fi
mkdir empty
if "$mk" init empty >/dev/null 2>err && [ -f empty/report.yaml ]; then
	ok "an existing empty folder is used"
else
	ko "init into an empty folder"; cat err
fi
"$mk" init >out 2>err
rc=$?
if [ $rc -eq 2 ] && grep -q "init" err; then ok "no folder named: usage error (exit 2)"
else ko "init without a folder: exit $rc"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
