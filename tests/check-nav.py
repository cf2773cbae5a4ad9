#!/usr/bin/env python3
"""check-nav.py SITE [--parts SIZES] [--max-links K]: checks a built site's navigation.

The section order comes from sitemap.xml. A report of at most 40 sections: every
section page's navigation lists every section, in order, and the site has no
contents.html. Past 40: each section page's navigation lists at most K (default 15)
consecutive sections, among them the page's own (marked aria-current="page", the only
mark), all inside its part; a part of at most K sections is listed whole; the
navigation links to contents.html; the pager links to the previous and next section.
contents.html lists every section exactly once, in order (under one <h2> per part, of
the sizes SIZES, comma-separated, when given). Prints one line per problem and
"nav: N pages checked, M problems"; exits 1 on a problem.
"""
import html.parser
import os
import re
import sys

FULL_MAX = 40


class NavPage(html.parser.HTMLParser):
    """Collects the site navigation's links, the pager's links and, on the contents
    page, the sections listed under each part heading."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth_nav = 0       # >0 inside <nav class="site-nav">
        self.in_ol = False       # inside the site navigation's <ol>
        self.list_links = []     # (href, aria-current) of the links in its <ol>
        self.other_links = []    # (href, aria-current) of its other links
        self.pager = {}          # rel -> href
        self.in_content = False  # inside <div class="content">
        self.groups = []         # contents page: [heading, [hrefs]]
        self.in_h2 = False
        self.labels = []         # aria-labels of every <nav>

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "nav":
            self.labels.append(a.get("aria-label"))
            if self.depth_nav or "site-nav" in (a.get("class") or "").split():
                self.depth_nav += 1
        if tag == "div" and a.get("class") == "content":
            self.in_content = True
        if tag == "footer":  # the footer's downloads are not sections
            self.in_content = False
        if self.depth_nav and tag == "ol":
            self.in_ol = True
        if tag == "a" and self.depth_nav:
            item = (a.get("href"), a.get("aria-current"))
            (self.list_links if self.in_ol else self.other_links).append(item)
        elif tag == "a" and a.get("rel") in ("prev", "next"):
            self.pager[a["rel"]] = a.get("href")
        elif tag == "a" and self.in_content:
            if not self.groups:
                self.groups.append([None, []])
            self.groups[-1][1].append(a.get("href"))
        if tag == "h2" and self.in_content:
            self.groups.append(["", []])
            self.in_h2 = True

    def handle_endtag(self, tag):
        if tag == "nav" and self.depth_nav:
            self.depth_nav -= 1
        if tag == "ol":
            self.in_ol = False
        if tag == "h2":
            self.in_h2 = False

    def handle_data(self, data):
        if self.in_h2:
            self.groups[-1][0] += data


def parse(path):
    p = NavPage()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    return p


def section_files(site):
    """The section pages in report order, from sitemap.xml (which lists the chart pages
    after them)."""
    with open(os.path.join(site, "sitemap.xml"), encoding="utf-8") as f:
        locs = re.findall(r"<loc>([^<]*)</loc>", f.read())
    base = locs[0] if locs[0].endswith("/") else locs[0].rsplit("/", 1)[0] + "/"
    files = [(u[len(base):] or "index.html") for u in locs]
    # the section pages: not the contents page, the chart pages or the explorer
    return [f for f in files if f not in ("contents.html", "explore.html")
            and not f.startswith("charts/")]


def check_full(site, files, problems):
    if os.path.exists(os.path.join(site, "contents.html")):
        problems.append("contents.html exists for a report of %d sections" % len(files))
    for i, f in enumerate(files):
        p = parse(os.path.join(site, f))
        hrefs = [h for h, _ in p.list_links]
        if hrefs != files:
            problems.append("%s: the navigation does not list every section in order" % f)
        marked = [h for h, cur in p.list_links if cur == "page"]
        if marked != [f]:
            problems.append("%s: aria-current marks %s" % (f, marked))
        if p.other_links:
            problems.append("%s: unexpected navigation links %s" % (f, p.other_links))


def part_of(parts, n):
    """Returns, per section index, the (first, end) of its part."""
    out, first = [], 0
    for size in parts or [n]:
        out += [(first, first + size)] * size
        first += size
    return out


def check_page(site, files, i, span, k, problems):
    f = files[i]
    p = parse(os.path.join(site, f))
    hrefs = [h for h, _ in p.list_links]
    idx = [files.index(h) if h in files else -1 for h in hrefs]
    first, end = span
    if len(hrefs) > k:
        problems.append("%s: %d section links, more than %d" % (f, len(hrefs), k))
    if idx != list(range(idx[0], idx[0] + len(idx))) if idx else True:
        problems.append("%s: the listed sections are not consecutive: %s" % (f, hrefs))
    elif i not in idx:
        problems.append("%s: the navigation does not list the page itself" % f)
    elif idx[0] < first or idx[-1] >= end:
        problems.append("%s: the navigation leaves the page's part" % f)
    elif end - first <= k and (idx[0], idx[-1] + 1) != (first, end):
        problems.append("%s: a part of %d sections is not listed whole" % (f, end - first))
    marked = [h for h, cur in p.list_links + p.other_links if cur == "page"]
    if marked != [f]:
        problems.append("%s: aria-current marks %s" % (f, marked))
    if not any(h == "contents.html" for h, _ in p.other_links + p.list_links):
        problems.append("%s: no link to contents.html in the navigation" % f)
    want = {"prev": files[i - 1] if i > 0 else None,
            "next": files[i + 1] if i + 1 < len(files) else None}
    for rel, href in want.items():
        if p.pager.get(rel) != href:
            problems.append("%s: pager %s is %s, expected %s" % (f, rel, p.pager.get(rel), href))
    if "Report sections" not in p.labels:
        problems.append("%s: no <nav aria-label=\"Report sections\">" % f)


def check_contents(site, files, parts, problems):
    path = os.path.join(site, "contents.html")
    if not os.path.exists(path):
        problems.append("no contents.html for a report of %d sections" % len(files))
        return
    p = parse(path)
    listed = [h for _, hrefs in p.groups for h in hrefs]
    if listed != files:
        problems.append("contents.html does not list every section once, in order "
                        "(%d listed, %d sections)" % (len(listed), len(files)))
    sizes = [len(hrefs) for _, hrefs in p.groups]
    if parts and (sizes != parts or any(not h for h, _ in p.groups)):
        problems.append("contents.html groups %s, expected parts of %s" % (sizes, parts))
    if [h for h, cur in p.other_links if cur == "page"] != ["contents.html"]:
        problems.append("contents.html: its own link is not marked aria-current")


def main():
    args = sys.argv[1:]
    site, parts, k = args[0], None, 15
    if "--parts" in args:
        parts = [int(x) for x in args[args.index("--parts") + 1].split(",")]
    if "--max-links" in args:
        k = int(args[args.index("--max-links") + 1])
    files = section_files(site)
    problems = []
    if len(files) <= FULL_MAX:
        check_full(site, files, problems)
    else:
        check_contents(site, files, parts, problems)
        spans = part_of(parts, len(files))
        for i in range(len(files)):
            check_page(site, files, i, spans[i], k, problems)
    for line in problems:
        print("nav: " + line)
    print("nav: %d pages checked, %d problems" % (len(files), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
