#!/bin/sh
# report.pdf of the shipped report, page by page (pdftotext -f N -l N): the title page
# holds the title, subtitle, author, edition, as-of date and the value of every key-figure
# card of the site's index page; no page holds only notes (every line of it part of a
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
"$MKREPORT" build -C content -o "$tmp/s" -T templates || { echo "pdf-layout: FAILED: build"; exit 1; }
[ -n "$PDF" ] || PDF="$tmp/s/report.pdf"
pages=$(pdfinfo "$PDF" | awk '/^Pages:/ {print $2}')
for i in $(seq "$pages"); do
	pdftotext -f "$i" -l "$i" "$PDF" "$tmp/p$i.txt"
done
"$PYTHON" - "$tmp" "$pages" content/report.yaml <<'EOF'
import datetime, glob, html, re, sys, unicodedata
tmp, pages, yaml_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
passed = failed = 0
def ok(m):
    global passed; passed += 1; print("pdf-layout: ok: " + m)
def ko(m):
    global failed; failed += 1; print("pdf-layout: FAILED: " + m)
def norm(s):
    return " ".join(s.split())
def text(fragment):
    return norm(html.unescape(re.sub(r"<[^>]*>", " ", fragment)))
def field(key):
    m = re.search(r'^%s:\s*"?(.*?)"?\s*$' % key, open(yaml_path).read(), re.M)
    return m.group(1) if m else None
def page(i):
    return open("%s/p%d.txt" % (tmp, i)).read()

# the title page
p1 = norm(page(1))
d = datetime.date.fromisoformat(field("as_of"))
want = [field("title"), field("subtitle"), field("author"), field("edition"),
        "%d %s %d" % (d.day, d.strftime("%B"), d.year)]
index = open(tmp + "/s/index.html").read()
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
for f in sorted(glob.glob(tmp + "/s/*.html")):
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
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
EOF
