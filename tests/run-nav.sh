#!/bin/sh
# Navigation at 11, 100 and 300 sections. The shipped report (11 sections) lists every
# section on every page and has no contents page, also when grouped into parts. A generated 100-section report
# (bench/gen-report.py), flat and grouped into parts, shows on each page at most 15
# section links (its part, or its neighbourhood), prev/next and a link to contents.html,
# which lists all 100 (tests/check-nav.py); every link resolves (check-site.py) and every
# page is valid HTML (html-validate). A page's size does not depend on the number of
# sections: each page of the 100-section build has the size of the same page in a
# 300-section build, within the digits of section numbers.
# Usage: tests/run-nav.sh MKREPORT
set -u
MKREPORT=$1
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mkreport-nav.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C TZ=UTC NO_COLOR=1
pass=0 fail=0
ok() { echo "nav: ok: $1"; pass=$((pass + 1)); }
ko() { echo "nav: FAILED: $1"; fail=$((fail + 1)); }
hv=$root/tests/html/node_modules/.bin/html-validate

# build CONTENT SITE: builds without report.pdf, quietly; returns the tool's status.
build() {
	"$MKREPORT" build -C "$1" -o "$2" -T "$root/templates" --no-pdf >/dev/null
}

# valid SITE WHAT [PAGE...]: the site's links resolve, and its pages (or the PAGEs given)
# are valid HTML.
valid() {
	site=$1 what=$2
	shift 2
	if python3 "$root/tests/check-site.py" "$site" >"$tmp/check-site.out"; then
		ok "$what: every link and anchor resolves"
	else
		ko "$what: check-site.py found problems"; tail -5 "$tmp/check-site.out"
	fi
	[ $# -gt 0 ] || set -- $(find "$site" -name "*.html")
	if [ ! -x "$hv" ]; then ko "html-validate is not installed (run make deps)"
	elif "$hv" --config "$root/tests/html/.htmlvalidate.json" "$@"; then
		ok "$what: $# pages are valid HTML5 (html-validate)"
	else ko "$what: html-validate found problems"; fi
}

# nav SITE WHAT [ARGS]: tests/check-nav.py on the site.
nav() {
	site=$1 what=$2
	shift 2
	if python3 "$root/tests/check-nav.py" "$site" "$@" >"$tmp/nav.out"; then
		ok "$what: $(tail -1 "$tmp/nav.out" | sed 's/^nav: //')"
	else
		ko "$what: check-nav.py found problems"; tail -6 "$tmp/nav.out"
	fi
}

# regroup REPORT_YAML SIZES: rewrites the flat sections: list as parts of SIZES.
regroup() {
	python3 - "$1" "$2" <<'EOF'
import sys
path, sizes = sys.argv[1], [int(x) for x in sys.argv[2].split(",")]
lines = open(path).read().split("\n")
k = lines.index("sections:")
secs = []
for l in lines[k + 1:]:
    if l.startswith("  - "):
        secs.append([l])
    elif l:
        secs[-1].append(l)
out, i = lines[:k] + ["parts:"], 0
for j, n in enumerate(sizes):
    out += ['  - title: "Part %d"' % (j + 1), "    sections:"]
    out += ["    " + l for s in secs[i:i + n] for l in s]
    i += n
assert i == len(secs), "part sizes do not add up to the sections"
open(path, "w").write("\n".join(out) + "\n")
EOF
}

# 11 sections: the full list everywhere, no contents page.
if build "$root/content" "$tmp/s11"; then
	nav "$tmp/s11" "11 sections"
	if grep -l 'nav-where\|nav-contents\|contents\.html' "$tmp"/s11/*.html >/dev/null; then
		ko "11 sections: a page has the bounded navigation's parts"
	else ok "11 sections: no page has the bounded navigation's parts"; fi
else ko "the shipped report did not build"; fi

# 11 sections in parts: still the full list, and the page's part named above it.
cp -R "$root/content" "$tmp/c11p"
regroup "$tmp/c11p/report.yaml" 1,6,4
if build "$tmp/c11p" "$tmp/c11p-site"; then
	nav "$tmp/c11p-site" "11 sections in parts"
	if grep -q '<p class="nav-where">Part 2</p>' "$tmp/c11p-site/money.html" &&
	    ! grep -q 'nav-where' "$tmp/c11p-site/404.html"; then
		ok "11 sections in parts: a section page names its part, the 404 page none"
	else ko "11 sections in parts: the part is not named as it should be"; fi
	[ -x "$hv" ] && "$hv" --config "$root/tests/html/.htmlvalidate.json" "$tmp/c11p-site/money.html" &&
	    ok "11 sections in parts: a page is valid HTML5" || ko "11 sections in parts: html-validate"
else ko "the shipped report in parts did not build"; fi

# 100 sections, flat.
python3 "$root/bench/gen-report.py" 100 "$tmp/g100"
if build "$tmp/g100/mkreport" "$tmp/g100/site"; then
	nav "$tmp/g100/site" "100 sections"
	valid "$tmp/g100/site" "100 sections"
else ko "the 100-section report did not build"; fi

# 100 sections in parts: small parts are listed whole, a big one by neighbourhood, a
# part of one section alone.
cp -R "$tmp/g100/mkreport" "$tmp/p100"
sizes=12,9,40,1,15,23
regroup "$tmp/p100/report.yaml" $sizes
if build "$tmp/p100" "$tmp/p100-site"; then
	nav "$tmp/p100-site" "100 sections in parts" --parts $sizes
	# The pages differ from the flat build's in the navigation only: a few suffice.
	valid "$tmp/p100-site" "100 sections in parts" "$tmp"/p100-site/contents.html \
	    "$tmp"/p100-site/index.html "$tmp"/p100-site/s00030.html "$tmp"/p100-site/404.html
else ko "the 100-section report in parts did not build"; fi

# The same page at 100 and at 300 sections: equal sizes within the digits of section
# numbers (at most one more digit in each of the 15 titles and 4 in the "where" line).
# The last page of the 100-section build is left out: at 300 sections it has a next link.
python3 "$root/bench/gen-report.py" 300 "$tmp/g300"
if build "$tmp/g300/mkreport" "$tmp/g300/site"; then
	worst=$(cd "$tmp/g100/site" && for f in index.html s000[0-9][0-9].html; do
		[ "$f" = s00099.html ] && continue
		echo "$(wc -c <"$f") $(wc -c <"../../g300/site/$f") $f"
	done | awk '{ d = $2 - $1; if (d < 0) d = -d; if (d >= m) { m = d; f = $3 } } END { print m, f }')
	if [ "${worst%% *}" -le 19 ]; then
		ok "each page has the same size at 100 and 300 sections (largest difference: ${worst%% *} bytes, ${worst#* })"
	else ko "a page grows with the report: $worst bytes more at 300 sections"; fi
	big100=$(ls -S "$tmp"/g100/site/s*.html "$tmp"/g100/site/index.html | head -1)
	big300=$(ls -S "$tmp"/g300/site/s*.html "$tmp"/g300/site/index.html | head -1)
	echo "nav: largest section page: $(wc -c <"$big100") bytes at 100 sections, $(wc -c <"$big300") at 300"
	n100=$(for f in "$tmp"/g100/site/s*.html; do sed -n '/<nav class="site-nav"/,/<\/nav>/p' "$f" | wc -c; done | sort -n | tail -1)
	n300=$(for f in "$tmp"/g300/site/s*.html; do sed -n '/<nav class="site-nav"/,/<\/nav>/p' "$f" | wc -c; done | sort -n | tail -1)
	if [ "$n300" -le $((n100 + 19)) ]; then
		ok "the largest navigation is $n100 bytes at 100 sections, $n300 at 300"
	else ko "the navigation grows: $n100 bytes at 100 sections, $n300 at 300"; fi
else ko "the 300-section report did not build"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
