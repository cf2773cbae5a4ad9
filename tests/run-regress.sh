#!/bin/sh
# Golden regressions: each tests/regress/<case>/ holds content/ and expected/; the case
# is built and every file under expected/ must equal the output's file byte for byte
# (expected/metrics.json is compared with `mkreport metrics --json`).
# REGRESS_UPDATE=1 rewrites the expected files from the current output (review the diff!).
set -u
MKREPORT=$1
export LC_ALL=C TZ=UTC NO_COLOR=1
pass=0 fail=0
for case in tests/regress/*/; do
	case=${case%/}
	name=${case##*/}
	tmp=$(mktemp -d)
	ok=1
	if ! "$MKREPORT" build -C "$case/content" -o "$tmp/site" -T templates 2>"$tmp/err"; then
		echo "regress: $name: build failed"; cat "$tmp/err"; ok=0
	fi
	"$MKREPORT" metrics -C "$case/content" --json >"$tmp/metrics.json" 2>>"$tmp/err" || ok=0
	if [ "$ok" = 1 ]; then
		for exp in $(cd "$case/expected" && find . -type f | sort); do
			exp=${exp#./}
			got="$tmp/site/$exp"
			[ "$exp" = metrics.json ] && got="$tmp/metrics.json"
			if [ "${REGRESS_UPDATE:-0}" = 1 ]; then
				cp "$got" "$case/expected/$exp"
			elif ! diff -u "$case/expected/$exp" "$got"; then
				echo "regress: $name: $exp differs"; ok=0
			fi
		done
	fi
	rm -rf "$tmp"
	if [ "$ok" = 1 ]; then pass=$((pass + 1)); echo "regress: ok: $name"; else fail=$((fail + 1)); fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
