#!/bin/sh
# The command line driven as a user would: every mode with good and bad arguments,
# --help against the man page's synopsis and options, --version, exit statuses (0 done,
# 1 errors in the sources, 2 usage, 3 output not written), NO_COLOR, -v; the files
# `chart` writes (well-formed SVG, PNG, PDF), `check` reporting errors at their
# positions and writing nothing, `metrics` as JSON and CSV.
# With NOLINK (tests/shim/nolink.c built as a shared library), also a build on a file
# system without hard links or RENAME_EXCHANGE.
# Usage: tests/run-cli.sh MKREPORT [NOLINK]
set -u
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: $0 MKREPORT [NOLINK]" >&2
	exit 2
fi
nolink=${2:-}
case $nolink in
''|/*) ;;
*) nolink=$(pwd)/$nolink ;;
esac
case $1 in
/*) mk=$1 ;;
*) mk=$(pwd)/$1 ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd)
mini=$root/tests/fixtures/mini/content
templates=$root/templates
man=$root/docs/mkreport.1
py=/usr/bin/python3
export LC_ALL=C TZ=UTC NO_COLOR=1
unset MKREPORT_TEMPLATES MKREPORT_CHART_REPEAT MKREPORT_MC_DRAWS
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mkreport-cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0
what=
problems=

# start NAME: names the case the next checks belong to.
start() {
	what=$1
	problems=
}

# bad MESSAGE: records a failed check of the current case.
bad() {
	problems="$problems
  $1"
}

# done_case: prints the case's outcome and counts it.
done_case() {
	if [ -z "$problems" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $what:$problems"
		if [ -s "$tmp/err" ]; then
			echo "  stderr was:"
			sed -n '1,8s/^/    /p' "$tmp/err"
		fi
	fi
}

# run STATUS ARGS...: runs mkreport ARGS in $tmp/wd (stdout to $tmp/out, stderr to
# $tmp/err) and checks its exit status.
run() {
	want=$1
	shift
	(cd "$tmp/wd" && timeout 120 "$mk" "$@" >"$tmp/out" 2>"$tmp/err")
	got=$?
	[ "$got" -eq "$want" ] || bad "exit status $got, expected $want ($*)"
}

# err_has TEXT / out_has TEXT: stderr (stdout) holds the fixed string TEXT.
err_has() {
	grep -qF -- "$1" "$tmp/err" || bad "stderr lacks '$1'"
}
out_has() {
	grep -qF -- "$1" "$tmp/out" || bad "stdout lacks '$1'"
}

# err_empty / out_empty: nothing was printed there.
err_empty() {
	[ ! -s "$tmp/err" ] || bad "stderr not empty"
}
out_empty() {
	[ ! -s "$tmp/out" ] || bad "stdout not empty"
}

# wd_empty: the working folder holds no file (nothing was written).
wd_empty() {
	[ -z "$(ls -A "$tmp/wd")" ] || bad "wrote into the working folder: $(ls -A "$tmp/wd" | tr '\n' ' ')"
}

# fresh_wd: an empty working folder.
fresh_wd() {
	rm -rf "$tmp/wd"
	mkdir "$tmp/wd"
}

# usage_error: status 2 with the hint on stderr and nothing on stdout, nothing written.
usage_error() {
	err_has "Try 'mkreport --help'."
	out_empty
	wd_empty
}

fresh_wd
"$mk" --help >"$tmp/usage" 2>/dev/null

# --- the command alone -------------------------------------------------------
start "no mode"
run 2
err_has "no mode given"
usage_error
done_case

for h in --help -h; do
	start "$h"
	run 0 "$h"
	cmp -s "$tmp/out" "$tmp/usage" || bad "stdout differs from --help's"
	head -n 1 "$tmp/out" | grep -q '^usage: mkreport ' || bad "no usage line first"
	err_empty
	done_case
done

start "--version"
run 0 --version
grep -qx 'mkreport [0-9][0-9]*\.[0-9][0-9]*\.[0-9][0-9]*' "$tmp/out" || bad "not 'mkreport X.Y.Z'"
[ "$(wc -l <"$tmp/out")" -eq 1 ] || bad "more than one line"
err_empty
done_case

for m in frobnicate --bogus -x BUILD; do
	start "unknown mode $m"
	run 2 "$m"
	err_has "unknown mode '$m'"
	usage_error
	done_case
done

# --- --help against the man page ----------------------------------------------
# synopsis FILE: the synopsis lines of a usage text or rendered man page, one per mode,
# continuation lines joined, spaces squeezed.
synopsis() {
	awk '
	/^(usage:)? *mkreport / { if (s != "") print s; sub(/^(usage:)? */, ""); s = $0; next }
	/^ +\[/ && s != "" { s = s " " $0; next }
	{ if (s != "") print s; s = "" }
	END { if (s != "") print s }' "$1" | tr -s ' '
}
start "--help's synopsis is the man page's"
mandoc -T ascii -O width=400 "$man" | sed 's/.\x08//g' |
	sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' >"$tmp/man.syn"
synopsis "$tmp/man.syn" >"$tmp/man.lines"
synopsis "$tmp/usage" >"$tmp/usage.lines"
[ "$(wc -l <"$tmp/man.lines")" -ge 5 ] || bad "fewer than 5 synopsis lines in the man page"
diff -u "$tmp/man.lines" "$tmp/usage.lines" >"$tmp/diff" || bad "synopses differ:
$(sed 's/^/    /' "$tmp/diff")"
done_case

start "every option in --help is described in the man page"
mandoc -T ascii -O width=400 "$man" | sed 's/.\x08//g' >"$tmp/man.txt"
# The man page's option list: lines of the form "     -X arg" or "     --long".
grep -oE '^     --?[A-Za-z][-A-Za-z]*' "$tmp/man.txt" | tr -d ' ' | sort -u >"$tmp/man.opts"
grep -oE '(^| |\[)--?[A-Za-z][-A-Za-z]*' "$tmp/usage" | tr -d ' [' | sort -u >"$tmp/usage.opts"
[ "$(wc -l <"$tmp/usage.opts")" -ge 10 ] || bad "fewer than 10 options found in --help"
for o in $(comm -23 "$tmp/usage.opts" "$tmp/man.opts"); do
	bad "option $o of --help is not in the man page's option list"
done
done_case

# --- every mode: --help, bad options, -j ----------------------------------------
modes=$(awk '{ print $2 }' "$tmp/man.lines" | grep -v '^-' | sort -u)
[ -n "$modes" ] || { echo "FAIL: no modes in the man page's synopsis"; exit 1; }
for m in $modes; do
	start "$m --help"
	run 0 "$m" --help
	cmp -s "$tmp/out" "$tmp/usage" || bad "stdout differs from --help's"
	err_empty
	done_case

	start "$m with an unknown option"
	run 2 "$m" --frobnicate
	err_has "mkreport $m: "
	usage_error
	done_case

	if grep -q "^mkreport $m .*-j jobs" "$tmp/man.lines"; then
		for j in x 1025 -1 2k ''; do
			start "$m -j '$j'"
			run 2 "$m" -j "$j"
			err_has "mkreport $m: -j needs a whole number in 0..1024"
			usage_error
			done_case
		done
	fi
done

for m in build check metrics; do
	start "$m with an extra argument"
	run 2 "$m" -C "$mini" extra
	err_has "mkreport $m: unexpected argument"
	usage_error
	done_case

	start "$m with a missing report folder"
	run 1 "$m" -C "$tmp/none" -j 2
	err_has "$tmp/none: error: cannot read the content folder"
	out_empty
	[ -e "$tmp/wd/site" ] && bad "site/ written"
	done_case
	fresh_wd
done

# --- check ----------------------------------------------------------------------
start "check of the mini report"
run 0 check -C "$mini" -T "$templates" -j 2
out_empty
err_empty
wd_empty
done_case

start "check with the default content folder and \$MKREPORT_TEMPLATES"
cp -R "$mini" "$tmp/wd/content"
(cd "$tmp/wd" && MKREPORT_TEMPLATES=$templates timeout 120 "$mk" check -j 1 >"$tmp/out" 2>"$tmp/err")
[ $? -eq 0 ] || bad "exit status not 0"
[ "$(ls -A "$tmp/wd")" = content ] || bad "wrote into the working folder"
err_empty
done_case
fresh_wd

# check must report exactly what build reports for each bad case, and write nothing.
for c in several-errors yaml-syntax render-unknown-metric chart-unknown-metric \
	render-unknown-citation chart-mismatched-lengths; do
	start "check of tests/bad/$c"
	cp -R "$root/tests/bad/$c/content" "$tmp/wd/content"
	run 1 check -C content -T "$templates" -j 2
	diff -u "$root/tests/bad/$c/expected" "$tmp/err" >"$tmp/diff" ||
		bad "stderr differs from tests/bad/$c/expected:
$(sed -n '1,12s/^/    /p' "$tmp/diff")"
	grep -qE '^content/[^:]+:[0-9]+:[0-9]+: error: ' "$tmp/err" || bad "no file:line:col error"
	out_empty
	[ "$(ls -A "$tmp/wd")" = content ] || bad "wrote into the working folder"
	done_case
	fresh_wd
done

# tests/cli/chart-errors.md holds a mistake per chart directive: check reports each at its
# line and column (tests/cli/chart-errors.expected), all in one run.
start "check of a page of broken charts"
cp -R "$mini" "$tmp/wd/content"
cp "$root/tests/cli/chart-errors.md" "$tmp/wd/content/pages/sources.md"
run 1 check -C content -T "$templates" -j 2
diff -u "$root/tests/cli/chart-errors.expected" "$tmp/err" >"$tmp/diff" ||
	bad "stderr differs from tests/cli/chart-errors.expected:
$(sed -n '1,20s/^/    /p' "$tmp/diff")"
[ "$(ls -A "$tmp/wd")" = content ] || bad "wrote into the working folder"
done_case
fresh_wd

start "check of a broken template"
mkdir "$tmp/tpl"
cp "$templates"/* "$tmp/tpl/"
printf '<html><body><p>unclosed\n' >"$tmp/tpl/page.html"
run 1 check -C "$mini" -T "$tmp/tpl" -j 2
err_has "page.html"
err_has "error:"
wd_empty
done_case

start "check with a templates folder that does not exist"
run 1 check -C "$mini" -T "$tmp/notpl" -j 2
err_has "$tmp/notpl/fonts.conf: error: cannot read the fontconfig file"
err_has "$tmp/notpl/page.html: error: cannot read the template"
wd_empty
done_case

start "build with report.pdf and a templates folder without fonts.conf"
mkdir "$tmp/nofonts"
cp "$templates"/* "$tmp/nofonts/"
rm "$tmp/nofonts/fonts.conf"
run 1 build -C "$mini" -T "$tmp/nofonts" -o site --no-cache -j 2
err_has "$tmp/nofonts/fonts.conf: error: cannot read the fontconfig file"
[ "$(grep -c 'fonts.conf' "$tmp/err")" = 1 ] || bad "the fonts.conf error is not said once"
[ -e "$tmp/wd/site" ] && bad "site/ written"
done_case
fresh_wd

start "build with a templates folder without style.css"
rm -f "$tmp/tpl/style.css"
cp "$templates/page.html" "$tmp/tpl/page.html"
run 1 build -C "$mini" -T "$tmp/tpl" -o site --no-cache -j 2
err_has "$tmp/tpl/style.css: error: cannot read '$tmp/tpl/style.css'"
[ -e "$tmp/wd/site" ] && bad "site/ written"
ls -A "$tmp/wd" | grep -v '^\.site\.mkreport-lock$' | grep -q . && bad "wrote more than the lock"
done_case
fresh_wd

# --- NO_COLOR and colour on a terminal --------------------------------------------
# tty_err ENV...: runs a failing check with stderr on a terminal (script(1)); prints it.
tty_err() {
	env "$@" script -qec "'$mk' check -C '$root/tests/bad/several-errors/content' \
		-T '$templates' -j 1" /dev/null 2>&1 </dev/null
}
esc=$(printf '\033')
start "colour on a terminal"
tty_err -u NO_COLOR >"$tmp/tty"
grep -q "$esc\[" "$tmp/tty" || bad "no colour with NO_COLOR unset"
grep -q "error" "$tmp/tty" || bad "no error printed"
tty_err NO_COLOR= >"$tmp/tty"
grep -q "$esc\[" "$tmp/tty" || bad "no colour with NO_COLOR empty"
tty_err NO_COLOR=1 >"$tmp/tty"
grep -q "$esc\[" "$tmp/tty" && bad "colour with NO_COLOR=1"
grep -q "error: expected a date" "$tmp/tty" || bad "no error printed with NO_COLOR=1"
done_case

start "no colour into a file"
(unset NO_COLOR; cd "$tmp/wd" && "$mk" check -C "$root/tests/bad/several-errors/content" \
	-T "$templates" -j 1 >/dev/null 2>"$tmp/err")
grep -q "$esc" "$tmp/err" && bad "escape codes in a file"
done_case

# --- metrics ------------------------------------------------------------------------
start "metrics as JSON"
run 0 metrics -C "$mini" -j 2
"$py" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d' "$tmp/out" ||
	bad "stdout is not JSON"
out_has '"base"'
out_has '"old-terms"'
cp "$tmp/out" "$tmp/metrics.json"
run 0 metrics -C "$mini" -j 1 --json
cmp -s "$tmp/out" "$tmp/metrics.json" || bad "--json -j 1 differs from the default"
err_empty
wd_empty
done_case

start "metrics as CSV for one scenario"
run 0 metrics -C "$mini" -j 2 --csv --scenario slower
"$py" - "$tmp/out" >"$tmp/csv.check" 2>&1 <<'EOF' || bad "CSV: $(cat "$tmp/csv.check")"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert rows[0] == ["metric", "scenario", "year", "value", "unit"], rows[0]
assert len(rows) > 10, len(rows)
scen = {r[1] for r in rows[1:]}
assert scen == {"slower"}, scen
for r in rows[1:]:
    assert len(r) == 5, r
    if r[3] != "":
        float(r[3])
EOF
err_empty
done_case

start "metrics --csv of every scenario"
run 0 metrics -C "$mini" -j 2 --csv
for s in base slower slowest old-terms; do
	grep -q "^[^,]*,$s," "$tmp/out" || bad "no row of scenario $s"
done
done_case

start "metrics of an unknown scenario"
run 2 metrics -C "$mini" -j 2 --scenario nope
err_has "mkreport metrics: unknown scenario 'nope'"
out_empty
done_case

start "metrics of a broken report"
run 1 metrics -C "$root/tests/bad/several-errors/content" -j 2
err_has "report.yaml:5:8: error: expected a date"
out_empty
done_case

for f in --json --csv; do
	start "metrics $f into a full disk"
	(cd "$tmp/wd" && "$mk" metrics -C "$mini" -j 2 $f >/dev/full 2>"$tmp/err")
	got=$?
	[ "$got" -eq 3 ] || bad "exit status $got, expected 3"
	err_has "mkreport metrics: cannot write the metrics"
	done_case
done

# --- chart --------------------------------------------------------------------------
# is_svg/is_png/is_pdf FILE: the file is a well-formed SVG, a PNG with a size, a PDF
# with one page.
is_svg() {
	xmllint --noout "$1" 2>/dev/null &&
		[ "$(xmllint --xpath 'local-name(/*)' "$1" 2>/dev/null)" = svg ]
}
is_png() {
	"$py" - "$1" <<'EOF'
import struct, sys
b = open(sys.argv[1], "rb").read()
assert b[:8] == b"\x89PNG\r\n\x1a\n" and b[12:16] == b"IHDR"
w, h = struct.unpack(">II", b[16:24])
assert w >= 300 and h >= 150, (w, h)
assert b[-8:-4] == b"IEND"
EOF
}
is_pdf() {
	pdfinfo "$1" 2>/dev/null | grep -q '^Pages: *1$'
}

start "chart into SVG, PNG and PDF"
run 0 chart -C "$mini" -T "$templates" -j 2 mini-cumulative -o a.svg -o a.png -o a.pdf
err_empty
out_empty
is_svg "$tmp/wd/a.svg" || bad "a.svg is not a well-formed SVG"
is_png "$tmp/wd/a.png" || bad "a.png is not a PNG"
is_pdf "$tmp/wd/a.pdf" || bad "a.pdf is not a one-page PDF"
grep -qF 'Break-even' "$tmp/wd/a.svg" || grep -q '<path' "$tmp/wd/a.svg" || bad "a.svg draws nothing"
done_case

start "chart: the same bytes again, one file at a time, and repeated"
mkdir "$tmp/wd/again"
run 0 chart -C "$mini" -T "$templates" -j 1 mini-cumulative -o again/a.png -o again/a.svg
run 0 chart -C "$mini" -T "$templates" mini-cumulative -o again/a.pdf
for f in a.svg a.png a.pdf; do
	cmp -s "$tmp/wd/$f" "$tmp/wd/again/$f" || bad "$f differs between runs"
done
(cd "$tmp/wd" && MKREPORT_CHART_REPEAT=3 "$mk" chart -C "$mini" -T "$templates" -j 2 \
	mini-cumulative -o again/r.svg 2>"$tmp/err")
cmp -s "$tmp/wd/a.svg" "$tmp/wd/again/r.svg" || bad "MKREPORT_CHART_REPEAT=3 changed the SVG"
done_case

start "chart: the SVG is the site's download SVG without its frame, same chart"
run 0 build -C "$mini" -T "$templates" -o site --no-pdf --no-cache -j 2
[ -f "$tmp/wd/site/charts/mini-cumulative.svg" ] || bad "the site has no mini-cumulative.svg"
is_svg "$tmp/wd/site/charts/mini-cumulative.svg" || bad "the site's SVG is not well-formed"
done_case
fresh_wd

start "chart of an unknown id"
run 1 chart -C "$mini" -T "$templates" -j 2 no-such-chart -o x.svg -o x.png
err_has "no-such-chart"
err_has "error:"
out_empty
wd_empty
done_case

start "chart with a templates folder that does not exist"
run 1 chart -C "$mini" -T "$tmp/notpl" -j 2 mini-cumulative -o x.svg
err_has "$tmp/notpl/fonts.conf: error: cannot read the fontconfig file"
wd_empty
done_case

start "chart of a broken report"
run 1 chart -C "$root/tests/bad/several-errors/content" -T "$templates" -j 2 mini-cumulative -o x.svg
err_has "report.yaml:5:8: error:"
wd_empty
done_case

for args in "mini-cumulative" "-o x.svg" "a b -o x.svg" "mini-cumulative -o x.csv" \
	"mini-cumulative -o x" "mini-cumulative -o .svg" "mini-cumulative -o x.SVG"; do
	start "chart $args"
	# shellcheck disable=SC2086
	run 2 chart -C "$mini" $args
	usage_error
	done_case
done

start "chart with 17 output files"
set --
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17; do
	set -- "$@" -o "c$i.svg"
done
run 2 chart -C "$mini" mini-cumulative "$@"
err_has "too many -o files (at most 16)"
usage_error
done_case

start "chart with 16 output files"
set --
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do
	set -- "$@" -o "c$i.svg"
done
run 0 chart -C "$mini" -T "$templates" -j 2 mini-cumulative "$@"
[ "$(ls "$tmp/wd" | wc -l)" -eq 16 ] || bad "not 16 files written"
cmp -s "$tmp/wd/c1.svg" "$tmp/wd/c16.svg" || bad "the 16 SVGs differ"
done_case
fresh_wd

start "chart into a folder that does not exist"
run 3 chart -C "$mini" -T "$templates" -j 2 mini-cumulative -o nodir/x.svg
err_has "mkreport chart: cannot write 'nodir/x.svg'"
wd_empty
done_case

start "chart into a full disk"
ln -s /dev/full "$tmp/wd/full.png"
run 3 chart -C "$mini" -T "$templates" -j 2 mini-cumulative -o full.png
err_has "mkreport chart: cannot write 'full.png'"
done_case
fresh_wd

# --- build ---------------------------------------------------------------------------
start "build -v, then again"
run 0 build -v -C "$mini" -T "$templates" -o site --no-pdf -j 2 -M site.d --cache cache
err_has "mkreport: site: "
err_has " written, 0 unchanged, 0 removed"
err_has "mkreport: cache: 0 reused, "
out_empty
[ -f "$tmp/wd/site/index.html" ] || bad "no site/index.html"
[ -f "$tmp/wd/site/report.pdf" ] && bad "report.pdf written with --no-pdf"
head -n 1 "$tmp/wd/site.d" | grep -qx 'site/.mkreport-manifest: \\' || bad "depfile's target"
grep -qF "$mini/report.yaml" "$tmp/wd/site.d" || bad "the depfile lacks report.yaml"
grep -qF "$templates/page.html" "$tmp/wd/site.d" || bad "the depfile lacks page.html"
[ -d "$tmp/wd/cache" ] || bad "no cache folder"
[ -d "$tmp/wd/.mkreport-cache" ] && bad "the default cache was made despite --cache"
run 0 build -v -C "$mini" -T "$templates" -o site --no-pdf -j 2 --cache cache
err_has "mkreport: site: 0 written, "
err_has " unchanged, 0 removed"
grep -q 'mkreport: cache: [1-9][0-9]* reused, 0 computed' "$tmp/err" || bad "nothing reused from the cache"
done_case

start "build quiet, default cache, --no-cache"
run 0 build -C "$mini" -T "$templates" -o out -j 2 --no-pdf
err_empty
out_empty
[ -d "$tmp/wd/.mkreport-cache/out" ] || bad "no default cache .mkreport-cache/out"
rm -rf "$tmp/wd/.mkreport-cache"
run 0 build -C "$mini" -T "$templates" -o out -j 2 --no-pdf --no-cache
[ -e "$tmp/wd/.mkreport-cache" ] && bad "a cache made with --no-cache"
done_case
fresh_wd

start "build with the cache inside the output folder"
run 2 build -C "$mini" -T "$templates" -o site --cache site/cache
err_has "the cache folder must not be inside the output folder"
done_case
fresh_wd

start "build of a report without base_url, -v says so"
cp -R "$mini" "$tmp/wd/content"
sed -i '/^base_url:/d' "$tmp/wd/content/report.yaml"
run 0 build -v -C content -T "$templates" -o site --no-pdf --no-cache -j 2
err_has "report.yaml has no base_url"
[ -f "$tmp/wd/site/sitemap.xml" ] && bad "sitemap.xml without base_url"
done_case
fresh_wd

start "build into a path under a file"
: >"$tmp/wd/file"
run 3 build -C "$mini" -T "$templates" -o file/site --no-pdf --no-cache -j 2
[ -f "$tmp/wd/file" ] && [ ! -s "$tmp/wd/file" ] || bad "the file was changed"
grep -q 'error' "$tmp/err" || bad "no error message"
done_case
fresh_wd

start "build over a site with the file size limited: exit 3, the old site kept"
run 0 build -C "$mini" -T "$templates" -o site --no-pdf --no-cache -j 2
(cd "$tmp/wd" && find site -type f | sort | xargs sha256sum) >"$tmp/sums.before"
cp -R "$mini" "$tmp/content2"
sed -i 's/Mini report/Mini report changed/' "$tmp/content2/report.yaml"
(cd "$tmp/wd" && trap '' XFSZ && ulimit -f 100 &&
	"$mk" build -C "$tmp/content2" -T "$templates" -o site --no-cache -j 2 >"$tmp/out" 2>"$tmp/err")
got=$?
[ "$got" -eq 3 ] || bad "exit status $got, expected 3"
grep -q '^site/[^:]*: error: cannot write: File too large$' "$tmp/err" || bad "no 'cannot write' error"
(cd "$tmp/wd" && find site -type f | sort | xargs sha256sum) | cmp -s - "$tmp/sums.before" ||
	bad "the site changed"
[ "$(ls -A "$tmp/wd" | tr '\n' ' ')" = ".site.mkreport-lock site " ] ||
	bad "leftovers: $(ls -A "$tmp/wd" | tr '\n' ' ')"
done_case
fresh_wd

# out_refused DIR MESSAGE: build -o DIR exits 3 with "DIR: error: MESSAGE".
out_refused() {
	start "build -o $1"
	run 3 build -C "$mini" -T "$templates" -o "$1" --no-pdf --no-cache -j 2
	err_has "$1: error: $2"
	[ -f "$tmp/wd/file" ] && [ ! -s "$tmp/wd/file" ] || bad "the file was changed"
	[ "$(ls -A "$tmp/wd" | tr '\n' ' ')" = "file " ] || bad "wrote: $(ls -A "$tmp/wd" | tr '\n' ' ')"
	done_case
}
: >"$tmp/wd/file"
out_refused file "cannot create the output folder: Not a directory"
out_refused file/x/site "cannot create the output folder: Not a directory"
out_refused . "cannot replace the folder the build runs in"
out_refused .. "cannot replace the folder the build runs in"
out_refused / "cannot replace the root folder"
fresh_wd

start "build -o into folders that do not exist yet"
run 0 build -C "$mini" -T "$templates" -o new/sub/site --no-pdf --no-cache -j 2
[ -f "$tmp/wd/new/sub/site/index.html" ] || bad "no new/sub/site/index.html"
run 0 build -C "$mini" -T "$templates" -o new2/. --no-pdf --no-cache -j 2
[ -f "$tmp/wd/new2/index.html" ] || bad "no new2/index.html"
done_case
fresh_wd

start "build over a user's folder where the build writes a file; the user's files kept"
run 0 build -C "$mini" -T "$templates" -o site --no-pdf --no-cache -j 2
rm "$tmp/wd/site/robots.txt"
mkdir "$tmp/wd/site/robots.txt"
echo mine >"$tmp/wd/site/robots.txt/mine"
echo example.org >"$tmp/wd/site/CNAME"
ln -s /etc/hostname "$tmp/wd/site/link"
run 3 build -C "$mini" -T "$templates" -o site --no-pdf --no-cache -j 2
err_has "site/robots.txt: error: cannot write: Is a directory"
[ "$(cat "$tmp/wd/site/robots.txt/mine")" = mine ] || bad "the user's folder changed"
rm -r "$tmp/wd/site/robots.txt"
run 0 build -v -C "$mini" -T "$templates" -o site --no-pdf --no-cache -j 2
err_has "mkreport: site: 1 written, "
[ -f "$tmp/wd/site/robots.txt" ] || bad "no robots.txt"
[ "$(cat "$tmp/wd/site/CNAME")" = example.org ] || bad "CNAME not kept"
[ "$(readlink "$tmp/wd/site/link")" = /etc/hostname ] || bad "the symlink not kept as a symlink"
done_case
fresh_wd

if [ -n "$nolink" ]; then
	start "build over a site where hard links and RENAME_EXCHANGE fail"
	run 0 build -C "$mini" -T "$templates" -o ref --no-pdf --no-cache -j 2
	run 0 build -C "$mini" -T "$templates" -o site --no-pdf --no-cache -j 2
	echo example.org >"$tmp/wd/site/CNAME"
	ln -s /etc/hostname "$tmp/wd/site/link"
	mkdir "$tmp/wd/site/.git"
	echo ref >"$tmp/wd/site/.git/HEAD"
	(cd "$tmp/wd" && LD_PRELOAD=$nolink "$mk" build -v -C "$mini" -T "$templates" -o site \
		--no-pdf --no-cache -j 2 >"$tmp/out" 2>"$tmp/err")
	got=$?
	[ "$got" -eq 0 ] || bad "exit status $got, expected 0"
	grep -q '^mkreport: site: [1-9][0-9]* written, 0 unchanged, 0 removed$' "$tmp/err" ||
		bad "unchanged files not written anew"
	[ "$(cat "$tmp/wd/site/CNAME")" = example.org ] || bad "CNAME not kept"
	[ "$(cat "$tmp/wd/site/.git/HEAD")" = ref ] || bad ".git not kept"
	[ "$(readlink "$tmp/wd/site/link")" = /etc/hostname ] || bad "the symlink not kept"
	rm -r "$tmp/wd/site/CNAME" "$tmp/wd/site/link" "$tmp/wd/site/.git"
	diff -r "$tmp/wd/ref" "$tmp/wd/site" >/dev/null || bad "the site differs from a normal build's"
	[ "$(ls -A "$tmp/wd" | tr '\n' ' ')" = ".ref.mkreport-lock .site.mkreport-lock ref site " ] ||
		bad "leftovers: $(ls -A "$tmp/wd" | tr '\n' ' ')"
	done_case
	fresh_wd
fi

# hold_lock: holds site's lock (flock(1)) in the background until killed; sets holder.
hold_lock() {
	(exec 9>"$tmp/wd/.site.mkreport-lock" && flock 9 && exec sleep 120) &
	holder=$!
	k=0
	while flock -n "$tmp/wd/.site.mkreport-lock" true && [ $k -lt 600 ]; do
		sleep 0.1
		k=$((k + 1))
	done
}
# build_bg: starts a build into site in the background, sets builder, and waits until
# it says it is waiting for the lock.
build_bg() {
	(cd "$tmp/wd" && exec "$mk" build -C "$mini" -T "$templates" -o site --no-pdf \
		--no-cache -j 2 >"$tmp/out" 2>"$tmp/err") &
	builder=$!
	k=0
	until grep -q 'waiting$' "$tmp/err" 2>/dev/null || [ $k -ge 1200 ]; do
		sleep 0.1
		k=$((k + 1))
	done
}
start "build waits for another build's lock, then builds"
hold_lock
build_bg
err_has "mkreport: site: another build is writing this folder; waiting"
[ -e "$tmp/wd/site" ] && bad "wrote the site while the lock was held"
kill "$holder"
wait "$holder" 2>/dev/null
wait "$builder"
got=$?
[ "$got" -eq 0 ] || bad "exit status $got after the lock was released"
[ -f "$tmp/wd/site/index.html" ] || bad "no site after the lock was released"
done_case
fresh_wd

start "build stopped by SIGTERM while waiting for the lock"
hold_lock
build_bg
kill -TERM "$builder"
wait "$builder"
got=$?
kill "$holder"
wait "$holder" 2>/dev/null
[ "$got" -eq 143 ] || bad "exit status $got, expected 143 (128 + SIGTERM)"
[ "$(ls -A "$tmp/wd" | tr '\n' ' ')" = ".site.mkreport-lock " ] ||
	bad "wrote: $(ls -A "$tmp/wd" | tr '\n' ' ')"
done_case
fresh_wd

# page_of FILE TEXT: the number of the first page of report.pdf FILE holding TEXT.
page_of() {
	np=$(pdfinfo "$1" | awk '/^Pages:/ { print $2 }')
	pg=1
	while [ "$pg" -le "$np" ]; do
		pdftotext -f "$pg" -l "$pg" "$1" - | grep -qF "$2" && { echo "$pg"; return; }
		pg=$((pg + 1))
	done
	echo 0
}
start "build: report.pdf typesets code blocks across pages, rules, stacked headings"
cp -R "$mini" "$tmp/wd/content"
{
	printf '# Sources\n\n## Stacked heading one\n\n### Stacked heading two\n\n'
	printf 'A paragraph after two headings.\n\n---\n\n## Heading before a quote\n\n'
	printf '> A quoted remark.\n\n## Code\n\n```\n'
	i=1
	while [ $i -le 120 ]; do
		printf 'code line %03d keeps its spaces\n' $i
		i=$((i + 1))
	done
	printf '```\n\nText after the code.\n\n## Heading before a table\n\n'
	printf '| a | b |\n|---|---|\n| 1 | 2 |\n'
} >"$tmp/wd/content/pages/sources.md"
run 0 build -C content -T "$templates" -o site --no-cache -j 2
pdf=$tmp/wd/site/report.pdf
pdffonts "$pdf" | grep -q 'DejaVuSansMono .* yes yes' || bad "no embedded monospace font"
pdftotext "$pdf" - | grep -o 'code line [0-9]*' | awk '{ print $3 + 0 }' >"$tmp/lines"
seq 1 120 | cmp -s - "$tmp/lines" || bad "the code's 120 lines are not all there in order"
p1=$(page_of "$pdf" "code line 001")
p2=$(page_of "$pdf" "code line 120")
[ "$p1" -gt 0 ] && [ "$p2" -gt "$p1" ] || bad "the code block does not run across pages ($p1, $p2)"
h1=$(page_of "$pdf" "Stacked heading one")
[ "$h1" -gt 0 ] && [ "$h1" = "$(page_of "$pdf" "A paragraph after two headings")" ] ||
	bad "the stacked headings are not on their paragraph's page"
done_case
fresh_wd

start "build with an unwritable depfile"
run 3 build -C "$mini" -T "$templates" -o site --no-pdf --no-cache -j 2 -M nodir/site.d
err_has "nodir/site.d"
err_has "cannot write depfile"
done_case
fresh_wd

start "a large report's build on huge pages, the same bytes"
cp -r "$mini" "$tmp/big"
# report.yaml of 64 KiB or more (a comment is enough) asks for huge pages
awk 'BEGIN { for (i = 0; i < 1100; i++) printf "# padding line %04d to make report.yaml large ........................\n", i }' \
	>>"$tmp/big/report.yaml"
[ "$(wc -c <"$tmp/big/report.yaml")" -ge 65536 ] || bad "report.yaml is not 64 KiB"
run 0 build -v -C "$tmp/big" -T "$templates" -o big --no-pdf --no-cache -j 2
if grep -qE '\[(always|madvise)\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null; then
	err_has "heaps on transparent huge pages (GLIBC_TUNABLES=glibc.malloc.hugetlb=1)"
fi
export MKREPORT_NO_HUGEPAGES=1
run 0 build -v -C "$tmp/big" -T "$templates" -o plain --no-pdf --no-cache -j 2
unset MKREPORT_NO_HUGEPAGES
grep -q "huge pages" "$tmp/err" && bad "MKREPORT_NO_HUGEPAGES=1 still asked for huge pages"
diff -r "$tmp/wd/big" "$tmp/wd/plain" >/dev/null || bad "the two builds differ"
run 0 build -v -C "$mini" -T "$templates" -o small --no-pdf --no-cache -j 2
grep -q "huge pages" "$tmp/err" && bad "a small report asked for huge pages"
done_case
fresh_wd

start "build of a broken report writes nothing"
run 1 build -C "$root/tests/bad/several-errors/content" -T "$templates" -o site --no-cache -j 2
[ "$(grep -c ': error: ' "$tmp/err")" -ge 5 ] || bad "fewer than 5 errors"
wd_empty
done_case

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
