#!/bin/sh
# report.pdf read page by page (pdftotext -f N -l N). The shipped report's title page
# holds the title, subtitle, author, edition, as-of date and the value of every key-figure
# card of the site's index page. In it, and in ten variants of the mini report whose
# notes fall at every height of a page, no page holds only notes (every line of it part of a
# note of the site's pages, or the "Notes" heading) or only a heading (a page whose text,
# running head and number aside, is one heading of the site's pages, or nothing).
# Usage: tests/run-pdf-layout.sh MKREPORT [PDF] (PDF: check that file against the site
# built from content/ instead of the one built now)
set -u
MKREPORT=$1
PDF=${2:-}
PYTHON=${PYTHON:-/usr/bin/python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8 TZ=UTC NO_COLOR=1
cat >"$tmp/check.py" <<'EOF'
import datetime, glob, html, re, sys, unicodedata
tmp, pages, yaml_path, site = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
title_page, name = sys.argv[5] == "title", sys.argv[6]
passed = failed = 0
def ok(m):
    global passed; passed += 1; print("pdf-layout: ok: %s: %s" % (name, m))
def ko(m):
    global failed; failed += 1; print("pdf-layout: FAILED: %s: %s" % (name, m))
def norm(s):
    return " ".join(s.split())
def text(fragment):
    return norm(html.unescape(re.sub(r"<[^>]*>", " ", fragment)))
def field(key):
    m = re.search(r'^%s:\s*"?(.*?)"?\s*$' % key, open(yaml_path).read(), re.M)
    return m.group(1) if m else None
def page(i):
    return open("%s/p%d.txt" % (tmp, i)).read()

if title_page:
    # the title page
    p1 = norm(page(1))
    d = datetime.date.fromisoformat(field("as_of"))
    want = [field("title"), field("subtitle"), field("author"), field("edition"),
            "%d %s %d" % (d.day, d.strftime("%B"), d.year)]
    index = open(site + "/index.html").read()
    cards = re.search(r'<div class="cards">(.*?)</div>', index, re.S)
    values = [text(v) for v in re.findall(r'<span class="card-value"[^>]*>(.*?)</span>',
                                           cards.group(1) if cards else "")]
    missing = [w for w in want + values if not w or w not in p1]
    if len(values) >= 3 and not missing:
        ok("page 1 holds the title, subtitle, author, edition, date and %d key figures" % len(values))
    else:
        ko("page 1 lacks %r (key figures found on the index page: %d)" % (missing, len(values)))

# what the site's pages say: their notes and their headings
notes, heads = [], set()
for f in sorted(glob.glob(site + "/*.html")):
    s = open(f).read()
    for sec in re.findall(r'<section class="notes-section".*?</section>', s, re.S):
        for li in re.findall(r"<li[^>]*>(.*?)</li>", sec, re.S):
            li = re.sub(r'<a [^>]*class="note-back".*?</a>', "", li, flags=re.S)
            notes.append(text(li))
    for h in re.findall(r"<h[1-4][^>]*>(.*?)</h[1-4]>", s, re.S):
        heads.add(text(re.sub(r'<a [^>]*class="anchor".*?</a>', "", h, flags=re.S)))
def key(s):
    """s reduced to its letters and digits: what survives text extraction."""
    return re.sub(r"[\W_]", "", unicodedata.normalize("NFKC", s))
blob = "\n".join(key(n) for n in notes)
heads = {key(h) for h in heads}
report_title = field("title")

def body_lines(i):
    """Page i's lines without its running head (report and section title) and number."""
    lines = [norm(l) for l in page(i).splitlines() if norm(l)]
    if lines and lines[-1] == str(i):
        lines = lines[:-1]
    if lines and lines[0] == report_title:
        lines = lines[2:]
    return lines

only_notes, lone_head = [], []
for i in range(3, pages + 1):
    body = [key(re.sub(r"^\d+\.\s+", "", l)) for l in body_lines(i)]
    body = [l for l in body if l]
    if notes and body and all(l == "Notes" or l in blob for l in body):
        only_notes.append(i)
    if not body or "".join(body) in heads:
        lone_head.append(i)
if not only_notes:
    ok("no page holds only notes (%d pages, %d notes)" % (pages, len(notes)))
else:
    ko("pages holding only notes: %s" % only_notes)
if not lone_head:
    ok("no page holds only a heading")
else:
    ko("pages holding only a heading, or nothing: %s" % lone_head)
sys.exit(1 if failed else 0)
EOF
pass=0 fail=0
# check SITE NAME YAML [title]: SITE/report.pdf against SITE's pages and report.yaml YAML
check() {
	pages=$(pdfinfo "$1/report.pdf" | awk '/^Pages:/ {print $2}')
	rm -f "$tmp"/p*.txt
	for i in $(seq "$pages"); do
		pdftotext -f "$i" -l "$i" "$1/report.pdf" "$tmp/p$i.txt"
	done
	"$PYTHON" "$tmp/check.py" "$tmp" "$pages" "$3" "$1" "${4:-}" "$2" >"$tmp/out"
	cat "$tmp/out"
	pass=$((pass + $(grep -c ': ok: ' "$tmp/out")))
	fail=$((fail + $(grep -c ': FAILED: ' "$tmp/out")))
}

"$MKREPORT" build -C content -o "$tmp/s" -T templates || fail=$((fail + 1))
[ -z "$PDF" ] || cp "$PDF" "$tmp/s/report.pdf"
check "$tmp/s" content content/report.yaml title

# The mini report's money page with 24 more notes after 0 to 9 paragraphs of text: the
# text ends at every height of its page, so the notes would run on to a page of their
# own in several of them.
MINI=tests/fixtures/mini/content
k=0
while [ "$k" -le 9 ]; do
	v="$tmp/v$k"
	cp -r "$MINI" "$v"
	cites=
	for i in $(seq 24); do
		printf '  src-%d:\n    publisher: Example Wire\n    title: "Report number %d on the investment, its terms and what it is worth"\n    date: 2024\n    confidence: reported-by-press\n' \
		    "$i" "$i" >>"$v/data/sources.yaml"
		cites="$cites Claim $i holds [@src-$i]."
	done
	j=0
	while [ "$j" -lt "$k" ]; do
		printf '\nFiller paragraph %d sets several lines of running text, long enough to wrap over five or six lines of the page at its width, so that each one moves the end of the text down the page by about a sixth of it, more or less, and the notes after it with it.\n' "$j" >>"$v/pages/money.md"
		j=$((j + 1))
	done
	printf '\n%s\n' "$cites" >>"$v/pages/money.md"
	if "$MKREPORT" build -C "$v" -o "$v-site" -T templates; then
		check "$v-site" "mini+$k" "$v/report.yaml"
	else
		fail=$((fail + 1))
		echo "pdf-layout: FAILED: mini+$k: build"
	fi
	k=$((k + 1))
done
echo "pdf-layout: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
