#!/usr/bin/python3
"""report.pdf against the site it was built with: structure tree, alt texts, outline,
catalog and the order of `pdfinfo -struct-text`, read through `qpdf --json`.

usage: check-pdf.py SITE LANG STRUCT_TEXT_FILE
Prints "pdf: ok: ..." or "pdf: FAILED: ..." per check; exits 1 if any failed."""
import html.parser
import json
import re
import subprocess
import sys

# PDF 1.7's standard structure types (ISO 32000-1, 14.8.4)
STANDARD = set("""Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct
Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span
Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure
Formula Form""".split())

failed = 0


def check(ok, what, detail=""):
    global failed
    print(("pdf: ok: " if ok else "pdf: FAILED: ") + what)
    if not ok:
        failed += 1
        if detail:
            print("   ", detail)


def text(v):
    """A PDF string from qpdf's JSON ("u:..." text, "b:..." hex) as str."""
    if isinstance(v, str) and v.startswith("u:"):
        return v[2:]
    if isinstance(v, str) and v.startswith("b:"):
        return bytes.fromhex(v[2:]).decode("latin-1")
    return v


def squash(s):
    return re.sub(r"\s+", " ", s).strip()


def alnum(s):
    return re.sub(r"[^0-9A-Za-z]", "", s)


class Page(html.parser.HTMLParser):
    """What the PDF must show of one page: its article's h1-h3 and paragraphs in order
    (kind, text), its chart figures' titles and alt texts, its notes."""

    def __init__(self):
        super().__init__()
        self.stack = []      # open elements: (tag, classes)
        self.items = []      # (kind, text): h1 h2 h3 p fig
        self.alts = []       # chart figures' alt texts
        self.notes = 0       # notes (li of ol.notes)
        self.cur = None      # [kind, text] being read
        self.skip = 0        # depth inside a part the PDF leaves out

    def inside(self, tag, cls=None):
        return any(t == tag and (cls is None or cls in c) for t, c in self.stack)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag in ("img", "source", "br", "meta", "link", "input", "hr", "wbr"):
            if tag == "img" and self.inside("figure", "chart") and not self.skip:
                self.alts.append(squash(a.get("alt", "")))
            return
        self.stack.append((tag, cls))
        left_out = tag in ("nav", "details", "script", "style") or "anchor" in cls or \
            "web-only" in cls or "note-back" in cls or "chart-links" in cls
        if self.skip or left_out:
            self.skip += 1
            return
        if not self.inside("article"):
            return
        if tag == "li" and self.inside("ol", "notes"):
            self.notes += 1
        if self.cur is None and tag in ("h1", "h2", "h3"):
            self.cur = [tag, ""]
        elif self.cur is None and tag == "p" and "chart-title" in cls:
            self.cur = ["fig", ""]
        elif self.cur is None and tag == "p" and not self.inside("figure") and \
                not self.inside("table") and not self.inside("section", "notes-section"):
            self.cur = ["p", ""]

    def handle_endtag(self, tag):
        if tag in ("img", "source", "br", "meta", "link", "input", "hr", "wbr"):
            return
        while self.stack:
            t, _ = self.stack.pop()
            if self.skip:
                self.skip -= 1
            elif self.cur is not None and t == {"fig": "p"}.get(self.cur[0], self.cur[0]):
                self.items.append((self.cur[0], squash(self.cur[1])))
                self.cur = None
            if t == tag:
                break

    def handle_data(self, data):
        if self.cur is not None and not self.skip:
            self.cur[1] += data


def page_of(site, slug):
    p = Page()
    with open("%s/%s.html" % (site, slug), encoding="utf-8") as f:
        p.feed(f.read())
    return p


def load(pdf):
    out = subprocess.run(["qpdf", "--json", "--json-key=qpdf", pdf], check=True,
                         capture_output=True).stdout
    return json.loads(out)["qpdf"][1]


def main():
    site, lang, struct_text = sys.argv[1:4]
    objs = load(site + "/report.pdf")

    def get(ref):
        v = objs["obj:" + ref] if isinstance(ref, str) and ref.endswith(" R") else None
        return v.get("value", v) if v is not None else ref

    root = get(objs["trailer"]["value"]["/Root"])
    check(text(root.get("/Lang")) == lang, "the catalog's /Lang is %s" % lang,
          repr(root.get("/Lang")))
    check(get(root.get("/MarkInfo", {})).get("/Marked") is True, "/MarkInfo /Marked true")
    check(get(root.get("/ViewerPreferences", {})).get("/DisplayDocTitle") is True,
          "the window shows the document's title (/DisplayDocTitle)")

    # the outline: sections at the top, their headings and figures nested
    tops = []
    e = (get(root.get("/Outlines")) or {}).get("/First")
    while e:
        d = get(e)
        tops.append(d)
        e = d.get("/Next")
    slugs = [text(t.get("/Dest", ""))[4:] for t in tops]
    check(len(tops) > 0 and all(slugs), "every outline section goes to a section",
          repr(slugs))

    def flat(d, depth, acc):
        k = d.get("/First")
        while k:
            c = get(k)
            acc.append((depth, squash(text(c.get("/Title", "")))))
            flat(c, depth + 1, acc)
            k = c.get("/Next")
        return acc

    pages = {s: page_of(site, s) for s in slugs}
    bad, nwant = [], 0
    for t, s in zip(tops, slugs):
        want, level = [], 0
        for kind, s_text in pages[s].items:
            if kind == "h2":
                level = 1
            elif kind == "h3":
                level = 2 if level >= 1 else 1
            elif kind != "fig":
                continue
            want.append((level + 1 if kind == "fig" else level, s_text))
        got = flat(t, 1, [])
        nwant += len(want)
        if got != want:
            bad.append((s, got[:6], want[:6]))
    check(not bad and (nwant == 0 or any(d >= 1 for t in tops for d, _ in flat(t, 1, []))),
          "the outline nests each section's headings (h2, h3) and figures in order",
          repr(bad[:1]))

    # the structure tree: standard types, no artifacts left in it, figures' alt texts
    types, alts, ids, scopes = [], [], [], []

    def walk(k):
        for c in (k if isinstance(k, list) else [k]):
            d = get(c)
            if not isinstance(d, dict) or "/S" not in d:
                continue
            types.append(d["/S"][1:])
            if d["/S"] == "/Figure":
                alts.append(squash(text(d.get("/Alt", ""))))
            if d["/S"] == "/Note":
                ids.append(text(d.get("/ID", "")))
            if d["/S"] == "/TH":
                scopes.append((get(d.get("/A")) or {}).get("/Scope"))
            walk(d.get("/K", []))

    walk((get(root.get("/StructTreeRoot")) or {}).get("/K", []))
    check(types[:1] == ["Document"] and all(t in STANDARD and t != "Private" for t in types),
          "the structure is one Document of standard types, furniture left out",
          repr(sorted(set(types) - STANDARD)))
    check(all(t in types for t in ("Sect", "H1", "P", "Figure")),
          "the structure has Sect, H1, P and Figure elements")
    want_alts = [a for s in slugs for a in pages[s].alts]
    check(alts == want_alts and all(alts), "each Figure carries its chart's alt text, in order",
          "%r != %r" % (alts[:3], want_alts[:3]))
    nnotes = sum(pages[s].notes for s in slugs)
    check(len(ids) == nnotes and len(set(ids)) == len(ids) and all(ids),
          "each note is a Note element with its own /ID (%d)" % nnotes)

    check(all(sc in ("/Column", "/Row", "/Both") for sc in scopes),
          "each TH has a /Scope (%d)" % len(scopes))

    # every page: tab order by structure; every link annotation: a description
    pages_, links = [], []

    def kids(node):
        for k in get(node).get("/Kids", []):
            d = get(k)
            if d.get("/Type") == "/Pages":
                kids(k)
            else:
                pages_.append(d)
    kids(root["/Pages"])
    for pg in pages_:
        for a in get(pg.get("/Annots")) or []:
            a = get(a)
            if a.get("/Subtype") == "/Link":
                links.append(text(a.get("/Contents", "")))
    check(pages_ and all(pg.get("/Tabs") == "/S" for pg in pages_),
          "every page has /Tabs /S (%d)" % len(pages_))
    check(all(links), "every link annotation has /Contents (%d)" % len(links))

    # pdfinfo -struct-text: headings and paragraphs in the site's order
    with open(struct_text, encoding="utf-8", errors="replace") as f:
        st = alnum(f.read())
    pos, missing = 0, []
    for s in slugs:
        for kind, s_text in pages[s].items:
            key = alnum(s_text)[:40]
            if not key:
                continue
            at = st.find(key, pos)
            if at < 0:
                missing.append((s, kind, s_text[:60]))
            else:
                pos = at + len(key)
    n = sum(len(p.items) for p in pages.values())
    check(n > 0 and not missing,
          "pdfinfo -struct-text shows the %d headings, paragraphs and figure titles in order"
          % n, repr(missing[:3]))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
