#!/bin/sh
# Bad-input suite: each tests/bad/<case>/ holds a broken copy of the mini report as
# content/ (or a setup.sh that makes it) and `expected`, the exact stderr. The build must
# exit 1, print exactly those lines, and leave an existing site untouched.
# Usage: tests/run-bad.sh MKREPORT [CASE...]
if [ $# -lt 1 ]; then
	echo "usage: $0 MKREPORT [CASE...]" >&2
	exit 2
fi
case $1 in
/*) mk=$1 ;;
*) mk=$(pwd)/$1 ;;
esac
shift
root=$(cd "$(dirname "$0")/.." && pwd)
mini=$root/tests/fixtures/mini/content
templates=$root/templates
export LC_ALL=C TZ=UTC NO_COLOR=1

# sums DIR: every file's SHA-256 under DIR, sorted.
sums() {
	(cd "$1" && find site -type f | sort | xargs sha256sum)
}

# run_case DIR NAME: prints nothing and returns 0 on success, else explains and returns 1.
run_case() {
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/mkreport-bad.XXXXXX")
	cp -R "$1/." "$tmp/"
	status=0
	if [ -f "$tmp/setup.sh" ] && ! (cd "$tmp" && sh ./setup.sh); then
		echo "  setup.sh failed"
		status=1
	elif ! (cd "$tmp" && "$mk" build -C "$mini" -o site -T "$templates" >/dev/null 2>&1); then
		echo "  the mini report did not build"
		status=1
	else
		sums "$tmp" >"$tmp/sums.before"
		(cd "$tmp" && timeout 60 "$mk" build -C content -o site -T "$templates" >/dev/null 2>"$tmp/stderr.raw")
		rc=$?
		sed "s|$tmp/content|content|g" "$tmp/stderr.raw" >"$tmp/stderr"
		if [ "$rc" -ne 1 ]; then
			echo "  exit status $rc, expected 1"
			status=1
		fi
		if ! diff -u "$tmp/expected" "$tmp/stderr" >"$tmp/diff"; then
			sed 's/^/  /' "$tmp/diff"
			status=1
		fi
		sums "$tmp" >"$tmp/sums.after"
		if ! cmp -s "$tmp/sums.before" "$tmp/sums.after"; then
			echo "  the site changed"
			status=1
		fi
	fi
	rm -rf "$tmp"
	return $status
}

pass=0
fail=0
for dir in "$root"/tests/bad/*/; do
	name=$(basename "$dir")
	if [ $# -gt 0 ]; then
		want=0
		for c in "$@"; do [ "$c" = "$name" ] && want=1; done
		[ $want = 1 ] || continue
	fi
	out=$(run_case "$dir" "$name")
	if [ $? -eq 0 ]; then
		echo "PASS $name"
		pass=$((pass + 1))
	else
		echo "FAIL $name"
		[ -n "$out" ] && printf '%s\n' "$out"
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
