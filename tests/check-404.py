#!/usr/bin/env python3
"""The 404 page as a browser meets it, served by a web server for a missing path.

  check-404.py check ROOT_URL MISSING...   fetches each missing path (relative to
      ROOT_URL, the site's address: http://127.0.0.1:PORT/sub/path/) and requires status
      404, the page's title, and that its stylesheet (text/css), icons and every
      navigation link resolve from that address to status 200.
  check-404.py serve SITE PREFIX PORT      a stand-in for nginx (python's http.server):
      serves SITE under PREFIX on 127.0.0.1:PORT, SITE/404.html with status 404 for a
      missing file.
Prints one line per problem and exits 1 if there is any.
"""
import functools
import html.parser
import http.server
import os
import sys
import urllib.error
import urllib.parse
import urllib.request


class Links(html.parser.HTMLParser):
    """Collects the stylesheet, the icons and the links (<a href>) of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.css, self.icons, self.links, self.title = [], [], [], ""
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "stylesheet":
            self.css.append(a.get("href", ""))
        elif tag == "link" and a.get("rel") in ("icon", "apple-touch-icon"):
            self.icons.append(a.get("href", ""))
        elif tag == "a" and "href" in a:
            self.links.append(a["href"])
        self.in_title = tag == "title"

    def handle_endtag(self, tag):
        self.in_title = False

    def handle_data(self, data):
        if self.in_title:
            self.title += data


def fetch(url):
    """Returns (status, content type, body) of a GET of url."""
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read()


def check_missing(root, missing, problems):
    """The 404 page served for root + missing, and everything it links to."""
    url = urllib.parse.urljoin(root, missing)
    status, _, body = fetch(url)
    if status != 404:
        problems.append(f"{url}: status {status}, expected 404")
        return
    p = Links()
    p.feed(body.decode("utf-8"))
    if "Page not found" not in p.title:
        problems.append(f"{url}: not the 404 page (title {p.title!r})")
    if len(p.css) != 1 or len(p.icons) < 2:
        problems.append(f"{url}: stylesheets {p.css}, icons {p.icons}")
    for href in p.css + p.icons + p.links:
        target = urllib.parse.urljoin(url, href)
        if urllib.parse.urldefrag(target)[0] == url:
            continue  # "#page-main": the page itself
        if not target.startswith(root):
            problems.append(f"{url}: {href} leaves the site ({target})")
            continue
        st, ctype, _ = fetch(target)
        if st != 200:
            problems.append(f"{url}: {href} -> {target}: status {st}")
        elif href in p.css and not ctype.startswith("text/css"):
            problems.append(f"{url}: stylesheet {target} served as {ctype!r}")
    if not any(urllib.parse.urljoin(url, h) in (root, root + "index.html") for h in p.links):
        problems.append(f"{url}: no link to the report's first page")


class Handler(http.server.SimpleHTTPRequestHandler):
    """Files of the site under the prefix; 404.html with status 404 for the rest."""
    prefix = "/"

    def log_message(self, *args):
        pass

    def send_head(self):
        path = urllib.parse.urlsplit(self.path).path
        if path.startswith(self.prefix):
            self.path = "/" + path[len(self.prefix):]
            local = self.translate_path(self.path)
            if os.path.isfile(local) or os.path.isfile(os.path.join(local, "index.html")):
                return super().send_head()
        body = open(os.path.join(self.directory, "404.html"), "rb").read()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


def serve(site, prefix, port):
    Handler.prefix = prefix
    h = functools.partial(Handler, directory=site)
    http.server.ThreadingHTTPServer(("127.0.0.1", int(port)), h).serve_forever()


def main(argv):
    if len(argv) == 5 and argv[1] == "serve":
        serve(argv[2], argv[3], argv[4])
        return 0
    if len(argv) < 4 or argv[1] != "check":
        print(__doc__, file=sys.stderr)
        return 2
    problems = []
    for m in argv[3:]:
        check_missing(argv[2], m, problems)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
