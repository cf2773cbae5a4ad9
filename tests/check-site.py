#!/usr/bin/env python3
"""Checks a built site as a reader's browser would meet it.

Every HTML page: parses with balanced tags, has a doctype, lang, title and meta
description; ids are unique; every relative link and #anchor resolves to a file and id
of the site; every <img> has alt text; no script elements, no on* attributes, no
javascript:/data:/vbscript: URLs, nothing loaded from another host.
With --inject, also requires the marker text to appear escaped in the pages.
Prints one line per problem and a closing "N passed, M failed" line (pages).
"""
import html.parser
import os
import sys
import urllib.parse

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}
BAD_SCHEMES = ("javascript:", "data:", "vbscript:", "file:")


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.ids, self.links, self.problems = [], [], [], []
        self.has_title = self.has_desc = self.lang = False
        self.text = []

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.problems.append("script element")
        for k, v in attrs:
            if k.startswith("on"):
                self.problems.append(f"event attribute {k}")
            if k in ("href", "src", "action", "formaction") and v is not None:
                u = "".join(v.split()).lower()
                if u.startswith(BAD_SCHEMES):
                    self.problems.append(f"dangerous URL {v!r}")
                if k == "src" and urllib.parse.urlparse(v).scheme:
                    self.problems.append(f"external resource {v!r}")
                if k == "href":
                    self.links.append(v)
            if k == "id":
                self.ids.append(v)
        if tag == "html" and a.get("lang"):
            self.lang = True
        if tag == "title":
            self.has_title = True
        if tag == "meta" and a.get("name") == "description" and a.get("content"):
            self.has_desc = True
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
                p.doctype = None
                p.feed(src)
                p.close()
                if p.doctype is None or p.doctype.lower() != "doctype html":
                    p.problems.append("missing <!DOCTYPE html>")
                if p.stack:
                    p.problems.append(f"unclosed elements {p.stack}")
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
    for path in sorted(pages):
        p = pages[path]
        for href in p.links:
            u = urllib.parse.urlparse(href)
            if u.scheme in ("http", "https", "mailto") or href == "":
                continue
            if u.scheme:
                p.problems.append(f"link with scheme {href!r}")
                continue
            target = os.path.normpath(os.path.join(os.path.dirname(path), urllib.parse.unquote(u.path))) if u.path else path
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
        for prob in p.problems:
            print(f"{site}/{path}: {prob}")
        failed += bool(p.problems)
    if inject is not None:
        alltext = "".join("".join(p.text) for p in pages.values())
        if inject not in alltext:
            print(f"{site}: marker {inject!r} not found as text in any page")
            failed += 1
    print(f"site: {len(pages) - failed} passed, {failed} failed")
    return 1 if failed or not pages else 0


if __name__ == "__main__":
    sys.exit(main())
