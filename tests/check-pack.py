#!/usr/bin/python3
"""Checks the pack of a built site against the site and the content it was built from.

usage: check-pack.py SITE CONTENT

The zip is SITE/<slug of report.yaml's title>-pack.zip. Its entries, all under <slug>/,
are README.txt first, then report.pdf when the site has one, then charts/<id>.png, .svg,
.pdf and .csv of every chart page SITE/charts/<id>.html, then data/metrics.json,
data/metrics.csv and data/bibliography.json: no more, no fewer, each the same bytes as
the site's file. README.txt names the report's title, as-of date and base_url and every
figure as its chart page's heading does ("Figure N. Title"). The bibliography is CSL JSON
with one item per source of data/sources.yaml, in file order. Every page's footer links
the pack and the data files, and the links resolve.
"""
import html.parser
import json
import os
import re
import sys
import zipfile

import yaml


def slugify(text):
    """The report's slug: ASCII letters and digits, lowercased, other runs one '-'."""
    s = re.sub(rb"[^a-z0-9]+", b"-", text.encode("utf-8").lower()).strip(b"-")
    return s.decode("ascii") or "report"


class Page(html.parser.HTMLParser):
    """Collects a page's <h1> text and every href."""

    def __init__(self):
        super().__init__()
        self.h1, self.in_h1, self.hrefs = "", False, []

    def handle_starttag(self, tag, attrs):
        if tag == "h1":
            self.in_h1 = True
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)

    def handle_endtag(self, tag):
        if tag == "h1":
            self.in_h1 = False

    def handle_data(self, data):
        if self.in_h1:
            self.h1 += data


def parse(path):
    p = Page()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    return p


def main():
    site, content = sys.argv[1], sys.argv[2]
    problems = []
    with open(os.path.join(content, "report.yaml"), encoding="utf-8") as f:
        rep = yaml.load(f, Loader=yaml.BaseLoader)
    slug = slugify(rep["title"])
    zpath = os.path.join(site, slug + "-pack.zip")
    if not os.path.isfile(zpath):
        print(f"check-pack: no {zpath}")
        return 1
    charts = sorted(f[:-5] for f in os.listdir(os.path.join(site, "charts"))
                    if f.endswith(".html")) if os.path.isdir(os.path.join(site, "charts")) else []
    want = ["README.txt"]
    if os.path.isfile(os.path.join(site, "report.pdf")):
        want.append("report.pdf")
    for c in charts:
        want += [f"charts/{c}.{e}" for e in ("png", "svg", "pdf", "csv")]
    want += ["data/metrics.json", "data/metrics.csv", "data/bibliography.json"]
    z = zipfile.ZipFile(zpath)
    names = z.namelist()
    if names[:1] != [slug + "/README.txt"]:
        problems.append(f"the first entry is {names[:1]}, not {slug}/README.txt")
    if sorted(names) != sorted(slug + "/" + w for w in want):
        problems.append(f"listing differs: extra {sorted(set(names) - {slug + '/' + w for w in want})}, "
                        f"missing {sorted({slug + '/' + w for w in want} - set(names))}")
    for w in want[1:]:
        if slug + "/" + w in names:
            # the pack's SVG is the site's download SVG (with title, source and date)
            src = w[:-4] + "-download.svg" if w.startswith("charts/") and w.endswith(".svg") else w
            with open(os.path.join(site, src), "rb") as f:
                if z.read(slug + "/" + w) != f.read():
                    problems.append(f"{w}: not the site's bytes")
    readme = z.read(slug + "/README.txt").decode("utf-8")
    lines = readme.splitlines()
    for key in ("title", "as_of", "base_url"):
        if key in rep and rep[key] not in readme:
            problems.append(f"README.txt lacks the {key} {rep[key]!r}")
    numbers, order = set(), []
    for c in charts:
        h1 = " ".join(parse(os.path.join(site, "charts", c + ".html")).h1.split())
        m = re.match(r"Figure (\d+)\. ", h1)
        if not m:
            problems.append(f"charts/{c}.html: heading {h1!r} is not 'Figure N. Title'")
            continue
        numbers.add(int(m.group(1)))
        order.append((int(m.group(1)), c))
        if h1 not in lines:
            problems.append(f"README.txt does not name {h1!r}")
        i = lines.index(h1) if h1 in lines else -1
        if i >= 0 and f"  charts/{c}.png" not in lines[i:i + 7]:
            problems.append(f"README.txt does not list charts/{c}.png under {h1!r}")
    by_number = [c for _, c in sorted(order)]
    listed = [n[len(slug) + 8:-4] for n in names if n.startswith(slug + "/charts/") and n.endswith(".png")]
    if listed != by_number:
        problems.append(f"the charts are not in figure order: {listed} against {by_number}")
    if numbers != set(range(1, len(charts) + 1)):
        problems.append(f"figure numbers {sorted(numbers)} are not 1..{len(charts)}")
    csl = json.loads(z.read(slug + "/data/bibliography.json"))
    src_path = os.path.join(content, "data", "sources.yaml")
    sources = []
    if os.path.isfile(src_path):
        with open(src_path, encoding="utf-8") as f:
            sources = list((yaml.load(f, Loader=yaml.BaseLoader) or {}).get("sources", {}))
    if [item.get("id") for item in csl] != sources:
        problems.append(f"the CSL JSON has {len(csl)} items, the sources {len(sources)}")
    for item in csl:
        if not item.get("title") or item.get("type") not in ("document", "article-newspaper"):
            problems.append(f"CSL item {item.get('id')}: no title or an unknown type")
    problems += footer_problems(site, zpath)
    for p in problems:
        print("check-pack: " + p)
    return 1 if problems else 0


def site_base_path(site):
    """The path of base_url (robots.txt's Sitemap line), or "/" without one: what the
    404 page's absolute links start with."""
    try:
        with open(os.path.join(site, "robots.txt"), encoding="utf-8") as f:
            m = re.search(r"^Sitemap: https?://[^/\s]+(/\S*/)sitemap\.xml$", f.read(), re.M)
    except OSError:
        return "/"
    return m.group(1) if m else "/"


def footer_problems(site, zpath):
    """Every page links the pack and the data files; the links resolve."""
    out = []
    targets = [zpath] + [os.path.join(site, "data", f) for f in
                         ("metrics.json", "metrics.csv", "bibliography.json")]
    targets = [os.path.realpath(t) for t in targets]
    base = site_base_path(site)
    for root, _, files in os.walk(site):
        for f in files:
            if not f.endswith(".html"):
                continue
            page = os.path.join(root, f)
            got = {os.path.realpath(os.path.join(root, h) if not h.startswith("/")
                                    else os.path.join(site, h[len(base):])
                                    if h.startswith(base) else h)
                   for h in parse(page).hrefs if "://" not in h}
            for t in targets:
                if t not in got:
                    out.append(f"{os.path.relpath(page, site)} does not link {os.path.relpath(t, site)}")
            for t in got:
                if (t.endswith(".zip") or "/data/" in t) and not os.path.isfile(t):
                    out.append(f"{os.path.relpath(page, site)}: broken download link {t}")
    return out


if __name__ == "__main__":
    sys.exit(main())
