#!/usr/bin/env python3
"""Checks a built site as a reader's browser would meet it.

Every HTML page: parses with balanced tags, has a doctype, lang, title and meta
description; ids are unique; every relative link and #anchor resolves to a file and id
of the site; every <img> has alt text; no script elements (but the explorer's own two
files, under a Content-Security-Policy), no on* attributes, no
javascript:/data:/vbscript: URLs, nothing loaded from another host.
Share tags: when robots.txt names a sitemap (the report has a base_url, read from that
line), every page but 404.html has og:image (an absolute URL under base_url naming a PNG of the site
of og:image:width x og:image:height = 1200 x 630), og:image:alt, twitter:card
summary_large_image, twitter:title and twitter:description, og:url and a canonical link
under base_url (404.html has none of them); sitemap.xml lists exactly the section
pages, contents.html and the chart pages, each an existing file. Without a Sitemap line
no page has an absolute URL in its head (og:url, og:image, canonical) and there is no
sitemap.xml. Every page has the icons (favicon.svg, a 32x32 PNG, a 180x180
apple-touch-icon) and a theme-color for each colour scheme.
With --inject, also requires the marker text to appear escaped in the pages.
Prints one line per problem and a closing "N passed, M failed" line (pages).
"""
import html.parser
import os
import re
import struct
import sys
import urllib.parse

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}
BAD_SCHEMES = ("javascript:", "data:", "vbscript:", "file:")
# The explorer page alone runs scripts: the site's own two files, under a
# Content-Security-Policy checked below.
EXPLORER_SCRIPTS = ("model.js", "explore.js")


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.ids, self.links, self.problems = [], [], [], []
        self.has_title = self.has_desc = self.lang = False
        self.text = []
        self.meta = {}      # property or name -> content (the last one)
        self.themes = []    # media of each theme-color
        self.icons = []     # (rel, href, sizes) of each icon link
        self.canonical = None
        self.explorer = False
        self.csp = None     # the Content-Security-Policy meta's content

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and not (self.explorer and a.get("src") in EXPLORER_SCRIPTS):
            self.problems.append("script element")
        for k, v in attrs:
            if k.startswith("on"):
                self.problems.append(f"event attribute {k}")
            if k in ("href", "src", "action", "formaction") and v is not None:
                u = "".join(v.split()).lower()
                if u.startswith(BAD_SCHEMES):
                    self.problems.append(f"dangerous URL {v!r}")
                # as a browser reads it: controls trimmed, TAB/LF/CR dropped, backslash is /
                b = "".join(c for c in v.strip("".join(map(chr, range(33))))
                            if c not in "\t\n\r").replace("\\", "/")
                if k == "src" and (urllib.parse.urlparse(b).scheme or b.startswith("//")):
                    self.problems.append(f"external resource {v!r}")
                if k == "href":
                    self.links.append(v)
            if k == "id":
                self.ids.append(v)
        if tag == "html" and a.get("lang"):
            self.lang = True
        if tag == "title":
            self.has_title = True
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp = a.get("content") or ""
        if tag == "meta" and a.get("name") == "description" and a.get("content"):
            self.has_desc = True
        if tag == "meta" and (a.get("property") or a.get("name")):
            key = a.get("property") or a.get("name")
            self.meta[key] = a.get("content")
            if key == "theme-color":
                self.themes.append(a.get("media"))
        if tag == "link" and a.get("rel") in ("icon", "apple-touch-icon"):
            self.icons.append((a.get("rel"), a.get("href", ""), a.get("sizes")))
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href")
        if tag == "link" and a.get("rel") == "stylesheet" and urllib.parse.urlparse(a.get("href", "")).scheme:
            self.problems.append("external stylesheet")
        if tag == "img" and not (a.get("alt") or "").strip():
            self.problems.append("img without alt text")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            self.problems.append(f"end tag for void element {tag}")
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"unbalanced </{tag}> (open: {self.stack[-3:]})")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def png_size(path):
    """Returns (width, height) of the PNG at path, or None if it is not a PNG."""
    with open(path, "rb") as f:
        head = f.read(24)
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


def base_url(site):
    """Returns the base_url named by robots.txt's Sitemap line, or None."""
    try:
        with open(os.path.join(site, "robots.txt"), encoding="utf-8") as f:
            m = re.search(r"^Sitemap: (https?://\S+/)sitemap\.xml$", f.read(), re.M)
    except OSError:
        return None
    return m.group(1) if m else None


def link_target(base, path, href):
    """Returns the file (relative to the site root) that the link href on page path
    names: a relative link from the page's folder, an absolute path (the 404 page's
    links) from base_url's path ("/" without base_url), or None if an absolute path is
    outside it."""
    u = urllib.parse.urlparse(href)
    if not u.path:
        return path
    if u.path.startswith("/"):
        root = urllib.parse.urlparse(base).path if base else "/"
        if not u.path.startswith(root):
            return None
        return os.path.normpath(urllib.parse.unquote(u.path[len(root):]) or ".")
    return os.path.normpath(os.path.join(os.path.dirname(path), urllib.parse.unquote(u.path)))


def site_path(site, base, url):
    """Returns the file of site that the absolute url names (under base), or None."""
    if not url or not url.startswith(base):
        return None
    rel = url[len(base):] or "index.html"
    return os.path.join(site, urllib.parse.unquote(rel))


def check_image(site, base, p, problems):
    """The og:image tags of page p (base_url given)."""
    m = p.meta
    img = site_path(site, base, m.get("og:image"))
    if img is None:
        problems.append(f"og:image {m.get('og:image')!r} is not an absolute URL under {base}")
    elif not os.path.isfile(img):
        problems.append(f"og:image {m.get('og:image')!r} names no file of the site")
    else:
        size = png_size(img)
        want = (int(m.get("og:image:width") or 0), int(m.get("og:image:height") or 0))
        if size != want or want != (1200, 630):
            problems.append(f"og:image is {size}, the tags say {want} (want 1200 x 630)")
    for key in ("og:image:alt", "twitter:title", "twitter:description"):
        if not (m.get(key) or "").strip():
            problems.append(f"no {key}")
    if m.get("twitter:card") != "summary_large_image":
        problems.append(f"twitter:card is {m.get('twitter:card')!r}")


def check_share(site, base, path, p):
    """The share and icon tags of page path; returns its problems."""
    problems = []
    m = p.meta
    if base is not None and path == "404.html":
        if "og:image" in m or "og:url" in m:
            problems.append("the 404 page has og:image or og:url")
    elif base is not None:
        check_image(site, base, p, problems)
        for what, url in (("og:url", m.get("og:url")), ("canonical", p.canonical)):
            target = site_path(site, base, url)
            if target is None or not os.path.isfile(target):
                problems.append(f"{what} {url!r} is not a page of the site under {base}")
    else:
        for key in ("og:url", "og:image", "og:image:alt"):
            if key in m:
                problems.append(f"{key} without a base_url")
        if p.canonical is not None:
            problems.append("canonical link without a base_url")
    if sorted(x or "" for x in p.themes) != ["(prefers-color-scheme: dark)",
                                             "(prefers-color-scheme: light)"]:
        problems.append(f"theme-color for {p.themes} (want light and dark)")
    want = {"favicon.svg": None, "favicon-32.png": (32, 32), "apple-touch-icon.png": (180, 180)}
    seen = set()
    for rel, href, sizes in p.icons:
        name = os.path.basename(href)
        full = os.path.join(site, link_target(base, path, href) or "..")
        if name in want and os.path.isfile(full):
            seen.add(name)
            if want[name] is not None and png_size(full) != want[name]:
                problems.append(f"icon {href} is {png_size(full)}, not {want[name]}")
    if seen != set(want):
        problems.append(f"icons missing: {sorted(set(want) - seen)}")
    return problems


def check_sitemap(site, base, pages):
    """sitemap.xml against the pages (base given: it must list exactly the section and
    chart pages; None: there must be none). Returns the problems."""
    full = os.path.join(site, "sitemap.xml")
    if base is None:
        return ["sitemap.xml without a base_url"] if os.path.exists(full) else []
    if not os.path.isfile(full):
        return ["no sitemap.xml although robots.txt names one"]
    with open(full, encoding="utf-8") as f:
        locs = re.findall(r"<loc>([^<]*)</loc>", f.read())
    listed = set()
    problems = []
    for loc in locs:
        target = site_path(site, base, loc)
        if target is None or not os.path.isfile(target):
            problems.append(f"sitemap.xml lists {loc!r}, not a page of the site")
        else:
            listed.add(os.path.relpath(target, site))
    want = {p for p in pages if p != "404.html"}
    for missing in sorted(want - listed):
        problems.append(f"sitemap.xml does not list {missing}")
    if len(locs) != len(set(locs)):
        problems.append("sitemap.xml lists a page twice")
    return problems


def main():
    args = sys.argv[1:]
    inject = None
    if args and args[0] == "--inject":
        inject = args[1]
        args = args[2:]
    site = args[0]
    pages = {}
    raw = {}
    for root, _, files in os.walk(site):
        for f in files:
            if f.endswith(".html"):
                path = os.path.relpath(os.path.join(root, f), site)
                with open(os.path.join(root, f), encoding="utf-8") as fh:
                    src = fh.read()
                p = Page()
                p.explorer = path == "explore.html"
                p.doctype = None
                p.feed(src)
                p.close()
                if p.doctype is None or p.doctype.lower() != "doctype html":
                    p.problems.append("missing <!DOCTYPE html>")
                if p.stack:
                    p.problems.append(f"unclosed elements {p.stack}")
                if p.explorer and not (p.csp and "default-src 'none'" in p.csp and
                                       "script-src 'self' 'wasm-unsafe-eval'" in p.csp):
                    p.problems.append(f"no Content-Security-Policy limiting it to its own files ({p.csp!r})")
                for what, ok in (("lang", p.lang), ("title", p.has_title),
                                 ("meta description", p.has_desc)):
                    if not ok:
                        p.problems.append(f"no {what}")
                dup = {i for i in p.ids if p.ids.count(i) > 1}
                if dup:
                    p.problems.append(f"duplicate ids {sorted(dup)}")
                pages[path] = p
                raw[path] = src
    failed = 0
    base = base_url(site)
    for path in sorted(pages):
        p = pages[path]
        for href in p.links:
            u = urllib.parse.urlparse(href)
            if u.scheme in ("http", "https", "mailto") or href == "":
                continue
            if u.scheme:
                p.problems.append(f"link with scheme {href!r}")
                continue
            target = link_target(base, path, href)
            if target is None:
                p.problems.append(f"absolute link outside base_url's path: {href}")
                continue
            if target.startswith(".."):
                p.problems.append(f"link leaves the site: {href}")
                continue
            full = os.path.join(site, target)
            if os.path.isdir(full):
                target = os.path.join(target, "index.html")
                full = os.path.join(site, target)
            if not os.path.exists(full):
                p.problems.append(f"broken link {href}")
            elif u.fragment and target in pages and u.fragment not in pages[target].ids:
                p.problems.append(f"broken anchor {href}")
        p.problems += check_share(site, base, path, p)
        for prob in p.problems:
            print(f"{site}/{path}: {prob}")
        failed += bool(p.problems)
    site_problems = check_sitemap(site, base, pages)
    for prob in site_problems:
        print(f"{site}: {prob}")
    if inject is not None:
        alltext = "".join("".join(p.text) for p in pages.values())
        if inject not in alltext:
            print(f"{site}: marker {inject!r} not found as text in any page")
            failed += 1
    print(f"site: {len(pages) - failed} passed, {failed} failed"
          + (f"; {len(site_problems)} problems with sitemap.xml" if site_problems else ""))
    return 1 if failed or site_problems or not pages else 0


if __name__ == "__main__":
    sys.exit(main())
