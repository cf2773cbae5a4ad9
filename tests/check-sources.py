#!/usr/bin/python3
"""check-sources: the bibliography's URLs, in data/sources.yaml files.

Every url: must be an absolute https URL (a host, no spaces or control characters),
and no two sources may share a URL unless the later one says so with same_page: (the
id of a source before it on the same page; the loader checks that the two URLs match).
--self-test first runs the checks on broken inputs and fails unless each is caught.

Usage: tests/check-sources.py [--self-test] SOURCES.yaml...
"""
import sys
import urllib.parse

import yaml


def url_problem(url):
    """Returns why url is not an absolute https URL, or None."""
    if not isinstance(url, str):
        return "is not a string"
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        return "contains spaces or control characters"
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "https":
        return "is not https"
    if not parts.hostname or "." not in parts.hostname:
        return "has no host name"
    if parts.username is not None or parts.password is not None:
        return "carries a user name or password"
    return None


def problems(doc, name):
    """Returns the list of problems in one parsed sources.yaml (doc) called name."""
    out = []
    sources = (doc or {}).get("sources") or {}
    first = {}  # url -> the id of the first source citing it
    for sid, s in sources.items():
        if not isinstance(s, dict) or "url" not in s:
            continue
        url = s["url"]
        why = url_problem(url)
        if why is not None:
            out.append(f"{name}: sources.{sid}.url {why}: {url!r}")
            continue
        if url not in first:
            first[url] = sid
            continue
        same = s.get("same_page")
        owner = first[url]
        if same is None:
            out.append(f"{name}: sources.{sid} shares its url with sources.{owner} "
                       f"without same_page: {url}")
        elif sources.get(same, {}).get("url") != url:
            out.append(f"{name}: sources.{sid}.same_page names {same!r}, which is not "
                       f"on the same page ({url})")
    return out


SELF_TEST = {
    "http": ("sources:\n  a:\n    url: http://example.org/a\n", 1),
    "relative": ("sources:\n  a:\n    url: /a/b\n", 1),
    "no host": ("sources:\n  a:\n    url: 'https:///a'\n", 1),
    "space": ("sources:\n  a:\n    url: 'https://example.org/a b'\n", 1),
    "user": ("sources:\n  a:\n    url: https://u:p@example.org/\n", 1),
    "shared": ("sources:\n  a:\n    url: https://example.org/x\n"
               "  b:\n    url: https://example.org/x\n", 1),
    "shared, same_page elsewhere": ("sources:\n  a:\n    url: https://example.org/x\n"
                                    "  c:\n    url: https://example.org/y\n"
                                    "  b:\n    url: https://example.org/x\n"
                                    "    same_page: c\n", 1),
    "shared, declared": ("sources:\n  a:\n    url: https://example.org/x\n"
                         "  b:\n    url: https://example.org/x\n    same_page: a\n", 0),
    "good": ("sources:\n  a:\n    url: https://example.org/x?q=1#f\n  b: {title: t}\n", 0),
}


def self_test():
    """Returns 0 if every SELF_TEST case yields the expected number of problems."""
    bad = 0
    for name, (text, want) in SELF_TEST.items():
        got = len(problems(yaml.safe_load(text), name))
        if got != want:
            print(f"sources: FAILED self-test {name!r}: {got} problems, expected {want}")
            bad = 1
    return bad


def main(argv):
    args = argv[1:]
    failed = 0
    if args and args[0] == "--self-test":
        args = args[1:]
        failed |= self_test()
    if not args:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    for path in args:
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
        found = problems(doc, path)
        for p in found:
            print(f"sources: FAILED {p}")
        n = sum(1 for s in ((doc or {}).get("sources") or {}).values()
                if isinstance(s, dict) and "url" in s)
        if found:
            failed = 1
        else:
            print(f"sources: ok: {path}: {n} URLs, all https, none shared undeclared")
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv))
