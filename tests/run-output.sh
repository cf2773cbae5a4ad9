#!/bin/sh
# What the tool and make print: make one short line per compiled file (V=1: the whole
# command); mkreport build's progress on a terminal (a pseudo-terminal from script(1)):
# stages and counts rewritten in place and cleared at the end, no escape sequence with
# TERM=dumb, no colour, nothing when standard error is piped; build -v naming, for each
# output computed rather than reused, the input that changed.
set -u
MKREPORT=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C TZ=UTC
pass=0 fail=0
ok() { echo "output: ok: $1"; pass=$((pass + 1)); }
ko() { echo "output: FAILED: $1"; fail=$((fail + 1)); }
ESC=$(printf '\033') CR=$(printf '\r')

# make: one line for one compiled file, the whole command with V=1.
out=$(env -u MAKEFLAGS -u MAKELEVEL make --no-print-directory B="$tmp/b" "$tmp/b/obj/diag.o" 2>&1)
if [ "$out" = "  CC    src/diag.c" ]; then ok "make prints '$out' for one file"
else ko "make printed: $out"; fi
out=$(env -u MAKEFLAGS -u MAKELEVEL make --no-print-directory V=1 B="$tmp/v" "$tmp/v/obj/diag.o" 2>&1)
if [ "$(echo "$out" | wc -l)" -eq 1 ] && echo "$out" | grep -q -- '-Wall .*-c src/diag.c -o '; then
	ok "make V=1 prints the compiler's command"
else ko "make V=1 printed: $out"; fi

# The progress on a terminal, drawn at once (MKREPORT_PROGRESS_DELAY=0).
sections=$(ls content/pages/*.md | wc -l)
pty() { # TERM, then the command's words: runs them on a pseudo-terminal, output in $tmp/pty
	term=$1; shift
	TERM=$term MKREPORT_PROGRESS_DELAY=0 NO_COLOR=1 script -qec "$*" /dev/null \
		</dev/null >"$tmp/pty" 2>&1
}
pty xterm "$MKREPORT" build -C content -o "$tmp/s1" -T templates --no-cache
rc=$?
last=$(tr '\r' '\n' <"$tmp/pty" | grep 'pages' | tail -1)
if [ $rc -eq 0 ] && echo "$last" | grep -Eq "pages $sections/$sections, charts ([0-9]+)/\\1"; then
	ok "progress on a terminal: '$last'"
else ko "progress on a terminal (exit $rc): $(cat -v "$tmp/pty" | tail -c 300)"; fi
if [ "$(tail -c 4 "$tmp/pty")" = "$CR$ESC[K" ]; then ok "the progress line is cleared at the end"
else ko "the progress line is not cleared: $(tail -c 20 "$tmp/pty" | cat -v)"; fi
if [ "$(tr '\r' '\n' <"$tmp/pty" | grep -c '^mkreport: ')" -gt 2 ]; then
	ok "the line is rewritten in place as the build goes ($(tr '\r' '\n' <"$tmp/pty" | grep -c '^mkreport: ') times)"
else ko "the line was drawn $(tr '\r' '\n' <"$tmp/pty" | grep -c '^mkreport: ') times"; fi
if grep -q "$ESC\\[[0-9;]*m" "$tmp/pty"; then ko "colour in the progress line"; else ok "no colour in the progress line"; fi
pty dumb "$MKREPORT" build -C content -o "$tmp/s2" -T templates --no-cache
if grep -q 'pages' "$tmp/pty" && ! grep -q "$ESC" "$tmp/pty"; then
	ok "TERM=dumb: progress without escape sequences"
else ko "TERM=dumb: $(cat -v "$tmp/pty" | tail -c 300)"; fi
MKREPORT_PROGRESS_DELAY=0 "$MKREPORT" build -C content -o "$tmp/s3" -T templates --no-cache \
	2>"$tmp/err"
if [ ! -s "$tmp/err" ]; then ok "standard error piped: no progress"
else ko "standard error piped: $(cat -v "$tmp/err" | head -c 300)"; fi
pty xterm "$MKREPORT" build -C content -o "$tmp/s1" -T templates --no-cache -v
if grep -q "$CR$ESC\\[Kmkreport: $tmp/s1: " "$tmp/pty"; then ok "-v's lines come after the progress line is cleared"
else ko "-v with the progress: $(cat -v "$tmp/pty" | tail -c 300)"; fi

# build -v: why each output was computed.
cp -r tests/fixtures/mini/content "$tmp/c"
b() { "$MKREPORT" build -C "$tmp/c" -o "$tmp/out" -T templates --cache "$tmp/cache" -v 2>"$tmp/vlog"; }
b
if grep -q "^mkreport: report.pdf: no earlier build recorded in the cache$" "$tmp/vlog"; then
	ok "-v, first build: no earlier build recorded"
else ko "-v, first build: $(cat "$tmp/vlog")"; fi
b
if grep -q '^mkreport: cache: .* 0 computed' "$tmp/vlog" &&
	! grep -q ': .* changed$\|no earlier\|not in the cache' "$tmp/vlog"; then
	ok "-v, nothing changed: no output computed, no reason given"
else ko "-v, nothing changed: $(cat "$tmp/vlog")"; fi
sed -i 's/amount: 1.0$/amount: 1.5/' "$tmp/c/data/finance.yaml"
b
if grep -q "^mkreport: report.pdf: $tmp/c/data/finance.yaml changed$" "$tmp/vlog" &&
	grep -q "^mkreport: charts/mini-cumulative\\.\\*: $tmp/c/data/finance.yaml changed$" "$tmp/vlog"; then
	ok "-v, a data value changed: report.pdf and the chart name data/finance.yaml"
else ko "-v, a data value changed: $(cat "$tmp/vlog")"; fi
echo "One more sentence." >>"$tmp/c/pages/money.md"
b
if grep -q "^mkreport: report.pdf: $tmp/c/pages/money.md changed$" "$tmp/vlog" &&
	! grep -q '^mkreport: charts/' "$tmp/vlog"; then
	ok "-v, a page's text changed: report.pdf names pages/money.md, no chart computed"
else ko "-v, a page's text changed: $(cat "$tmp/vlog")"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
