#!/bin/sh
# The man page: mandoc's linter finds nothing, and its SYNOPSIS says exactly what
# `mkreport --help` says (same modes, same options, same order).
set -u
MKREPORT=$1
pass=0 fail=0
if mandoc -Tlint -W warning docs/mkreport.1; then
	echo "lint: ok: mandoc -Tlint finds nothing in docs/mkreport.1"; pass=$((pass + 1))
else
	echo "lint: FAILED: mandoc -Tlint"; fail=$((fail + 1))
fi
# Both synopses as one line of words, starting at the first "mkreport".
man=$(mandoc -Tascii docs/mkreport.1 | col -b | sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' |
	sed '1d;$d' | tr -s ' \t\n' '   ' | sed 's/^ *//; s/ *$//')
help=$("$MKREPORT" --help | sed -n '1,/^$/p' | sed 's/^usage: //' | tr -s ' \t\n' '   ' |
	sed 's/^ *//; s/ *$//')
if [ "$man" = "$help" ]; then
	echo "lint: ok: --help and the man page's SYNOPSIS agree"; pass=$((pass + 1))
else
	echo "lint: FAILED: --help and the man page's SYNOPSIS differ:"
	echo "  man:  $man"; echo "  help: $help"; fail=$((fail + 1))
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
