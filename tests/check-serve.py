#!/usr/bin/python3
"""mkreport serve end to end: pages and content types, a change of a number and of a
paragraph seen within 2 s, the reload event, the error page and its fix, path
traversal and symlinks refused, --base with the 404 at depth, SIGINT and SIGTERM.

usage: check-serve.py MKREPORT FIXTURE_CONTENT TEMPLATES"""
import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

FAILS = []
# The 2 s bound for an edit to be served; sanitizer builds (make asan sets
# CK_TIMEOUT_MULTIPLIER) run several times slower and get that many times more.
LIMIT = 2.0 * float(os.environ.get("CK_TIMEOUT_MULTIPLIER", "1"))


def check(cond, what):
    """Records a failure unless cond holds."""
    if not cond:
        FAILS.append(what)
        print("FAIL: " + what, file=sys.stderr)


class Server:
    """One `mkreport serve` process and what it printed."""

    def __init__(self, tool, content, templates, out, extra=()):
        self.err_path = os.path.join(out, "stderr.txt")
        self.err = open(self.err_path, "w")
        self.proc = subprocess.Popen(
            [tool, "serve", "-C", content, "-T", templates, "-o", os.path.join(out, "site"),
             "--cache", os.path.join(out, "cache"), "-p", "0", *extra],
            stdout=subprocess.PIPE, stderr=self.err, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)(/\S*)", line)
        if not m:
            raise SystemExit("serve printed no URL: %r; stderr: %s" % (line, self.stderr()))
        self.port = int(m.group(1))
        self.base = m.group(2)
        self.site = os.path.join(out, "site")

    def stderr(self):
        """Returns what the server printed on stderr so far."""
        with open(self.err_path) as f:
            return f.read()

    def get(self, path, host=None):
        """Returns (status, headers, body bytes) of GET path, sent as is (with the
        Host header host if given)."""
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        c.putrequest("GET", path, skip_accept_encoding=True, skip_host=host is not None)
        if host is not None:
            c.putheader("Host", host)
        c.endheaders()
        r = c.getresponse()
        body = r.read()
        c.close()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, body

    def stop(self, sig):
        """Sends sig and returns the exit status (None if it did not stop in 20 s)."""
        self.proc.send_signal(sig)
        try:
            rc = self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            rc = None
        self.proc.stdout.close()
        self.err.close()
        return rc


class Events(threading.Thread):
    """Reads the server's event stream; events is a list of (time, name, data)."""

    def __init__(self, port):
        super().__init__(daemon=True)
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.conn.request("GET", "/__mkreport/events")
        self.resp = self.conn.getresponse()
        self.ctype = self.resp.getheader("Content-Type")
        self.events = []
        self.lock = threading.Condition()
        self.start()

    def run(self):
        name, data = None, None
        try:
            for raw in self.resp:
                line = raw.decode().rstrip("\r\n")
                if line.startswith("event: "):
                    name = line[7:]
                elif line.startswith("data: "):
                    data = line[6:]
                elif line == "" and name:
                    with self.lock:
                        self.events.append((time.monotonic(), name, data))
                        self.lock.notify_all()
                    name, data = None, None
        except (OSError, ValueError, http.client.HTTPException):
            pass

    def wait(self, name, after, timeout):
        """Returns the first event called name received after time after, or None."""
        end = time.monotonic() + timeout
        with self.lock:
            while True:
                for ev in self.events:
                    if ev[1] == name and ev[0] >= after:
                        return ev
                left = end - time.monotonic()
                if left <= 0:
                    return None
                self.lock.wait(left)


def wait_page(srv, path, want, timeout):
    """Polls path until its body contains want (bytes); returns the seconds it took or
    None."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        if want in srv.get(path)[2]:
            return time.monotonic() - t0
        time.sleep(0.05)
    return None


def replace(path, old, new):
    """Replaces old by new in the file at path, written in place like an editor."""
    with open(path) as f:
        text = f.read()
    assert old in text, (path, old)
    with open(path, "w") as f:
        f.write(text.replace(old, new, 1))


def save_by_rename(path, text):
    """Saves text at path the way many editors do: a new file renamed into place."""
    tmp = os.path.join(os.path.dirname(path), ".%s.tmp" % os.path.basename(path))
    with open(tmp, "w") as f:
        f.write(text)
    os.rename(tmp, path)


TYPES = {
    ".html": "text/html", ".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png",
    ".pdf": "application/pdf", ".csv": "text/csv", ".json": "application/json",
    ".zip": "application/zip", ".xml": "application/xml", ".txt": "text/plain",
    ".wasm": "application/wasm", ".js": "text/javascript",
}


def check_types(srv):
    """Fetches one file of each kind the site holds and checks its Content-Type and
    bytes; HTML pages get the reload script once, the built files never."""
    open(os.path.join(srv.site, "t.wasm"), "wb").write(b"\0asm\1\0\0\0")
    open(os.path.join(srv.site, "t.js"), "w").write("var x = 1;\n")
    seen = {}
    for root, _, files in os.walk(srv.site):
        for f in sorted(files):
            ext = os.path.splitext(f)[1]
            if ext in TYPES and ext not in seen:
                seen[ext] = os.path.relpath(os.path.join(root, f), srv.site)
    check(set(seen) == set(TYPES), "the site has every kind: missing %s" %
          sorted(set(TYPES) - set(seen)))
    for ext, rel in sorted(seen.items()):
        st, hd, body = srv.get(srv.base + rel)
        check(st == 200, "%s: status %d" % (rel, st))
        check(hd.get("content-type", "").startswith(TYPES[ext]),
              "%s: content type %s" % (rel, hd.get("content-type")))
        check(hd.get("cache-control") == "no-store", rel + ": Cache-Control no-store")
        on_disk = open(os.path.join(srv.site, rel), "rb").read()
        if ext == ".html":
            check(body.count(b'src="/__mkreport/reload.js"') == 1,
                  rel + ": the reload script once")
            check(body.replace(re.search(rb'<script src="/__mkreport/reload\.js"[^>]*>'
                                         rb'</script>', body).group(0), b"") == on_disk,
                  rel + ": the served page is the built one plus the script")
        else:
            check(body == on_disk, rel + ": the served bytes are the file's")
    os.unlink(os.path.join(srv.site, "t.wasm"))
    os.unlink(os.path.join(srv.site, "t.js"))
    for root, _, files in os.walk(srv.site):
        for f in files:
            if b"__mkreport" in open(os.path.join(root, f), "rb").read():
                check(False, "the built file %s holds the reload script" % f)
    st, hd, body = srv.get("/__mkreport/reload.js")
    check(st == 200 and hd.get("content-type", "").startswith("text/javascript") and
          b"EventSource" in body, "reload.js is served")
    st, hd, _ = srv.get(srv.base + "charts")
    check(st == 301 and hd.get("location") == srv.base + "charts/",
          "a folder without '/' is redirected")


def check_edits(srv, content, timings):
    """A number and a paragraph changed: the reload event and the new page in 2 s."""
    ev = Events(srv.port)
    check(ev.ctype == "text/event-stream", "the events' content type: %s" % ev.ctype)
    check(ev.wait("hello", 0, 10) is not None, "the stream says hello")
    t0 = time.monotonic()
    replace(os.path.join(content, "data/facts.yaml"), "value: 3\n", "value: 4.5\n")
    got = ev.wait("reload", t0, 10)
    check(got is not None, "a reload event after a number changed")
    timings.append(("number", got[0] - t0 if got else None))
    took = wait_page(srv, srv.base, b"$4.5bn", LIMIT - (time.monotonic() - t0))
    check(took is not None, "the changed number is served within %.0f s" % LIMIT)
    page = os.path.join(content, "pages/money.md")
    text = open(page).read()
    t0 = time.monotonic()
    save_by_rename(page, text + "\nA paragraph added by the serve test, zebrafish.\n")
    got = ev.wait("reload", t0, 10)
    check(got is not None, "a reload event after a paragraph was saved by rename")
    timings.append(("paragraph", got[0] - t0 if got else None))
    took = wait_page(srv, srv.base + "money.html", b"zebrafish",
                     LIMIT - (time.monotonic() - t0))
    check(took is not None, "the new paragraph is served within %.0f s" % LIMIT)
    os.makedirs(os.path.join(content, "pages/new"))
    t0 = time.monotonic()
    open(os.path.join(content, "pages/new/x.md"), "w").write("# x\n")
    check(ev.wait("reload", t0, 10) is not None, "a file in a new folder is watched")
    return ev


def check_errors(srv, content, ev):
    """A broken page: the error page with file:line:col, escaped; fixed: the report."""
    page = os.path.join(content, "pages/money.md")
    good = open(page).read()
    t0 = time.monotonic()
    open(page, "w").write(good + "\nSee {{ finance.nope@base }}.\n")
    check(ev.wait("reload", t0, 10) is not None, "a reload event after the page broke")
    st, hd, body = srv.get(srv.base + "money.html")
    text = body.decode()
    check(st == 500 and hd.get("content-type", "").startswith("text/html"),
          "the error page: status %d" % st)
    check(re.search(r"pages/money\.md:\d+:\d+</code>", text) is not None,
          "the error page shows file:line:col")
    check("unknown metric" in text and "finance.nope@base" in text,
          "the error page shows the message")
    check(text.count('src="/__mkreport/reload.js"') == 1, "the error page reloads itself")
    check(srv.get(srv.base + "sources.html")[0] == 500, "every page shows the errors")
    check(srv.get(srv.base + "style.css")[0] == 200, "files other than pages still served")
    check(re.search(r"pages/money\.md:\d+:\d+: error: unknown metric", srv.stderr()),
          "the terminal shows the error")
    t0 = time.monotonic()
    open(page, "w").write(good + "\nSee {{ fact.x&lt;i&gt; }}.\n")  # "<i>" in the message
    check(ev.wait("reload", t0, 10) is not None, "a reload event after the second break")
    body = srv.get(srv.base + "money.html")[2].decode()
    check("<i>" not in body and "&lt;i&gt;" in body, "messages are text, escaped")
    t0 = time.monotonic()
    open(page, "w").write(good)
    check(ev.wait("reload", t0, 10) is not None, "a reload event after the fix")
    st, _, body = srv.get(srv.base + "money.html")
    check(st == 200 and b"zebrafish" in body, "fixed: the report is back")


def check_paths(srv):
    """Traversal in every spelling, absolute paths and symlinks out are refused."""
    outside = os.path.join(os.path.dirname(srv.site), "secret.txt")
    open(outside, "w").write("secret outside the site\n")
    os.symlink(outside, os.path.join(srv.site, "leak.txt"))
    os.symlink(os.path.dirname(srv.site), os.path.join(srv.site, "leakdir"))
    b = srv.base
    for path in ["/../secret.txt", b + "../secret.txt", b + "%2e%2e/secret.txt",
                 b + "%2E%2E/secret.txt", b + "..%2fsecret.txt", b + "charts/../../secret.txt",
                 b + "charts/%2e%2e/%2e%2e/secret.txt", b + "/" + outside.lstrip("/"),
                 b + "%2f" + outside.lstrip("/"), b + "leak.txt", b + "leakdir/secret.txt",
                 b + "./index.html", b + "%00index.html"]:
        st, _, body = srv.get(path)
        check(st in (400, 403, 404) and b"secret outside" not in body,
              "%s: refused (status %d)" % (path, st))
    check(srv.get(b + "leak.txt")[0] == 403, "a symlink out is 403")
    check(srv.get(b + "%2e%2e/secret.txt")[0] == 403, "an encoded .. is 403")
    for host in ["evil.example", "evil.example:%d" % srv.port, "127.0.0.1.evil.example"]:
        check(srv.get(b, host)[0] == 403, "Host %s (DNS rebinding) is refused" % host)
    for host in ["localhost:%d" % srv.port, "127.0.0.1", "[::1]:%d" % srv.port]:
        check(srv.get(b, host)[0] == 200, "Host %s is served" % host)
    os.unlink(os.path.join(srv.site, "leak.txt"))
    os.unlink(os.path.join(srv.site, "leakdir"))


def check_stopped(srv, sig, what):
    """Stops srv with sig: exit 0, the port closed."""
    rc = srv.stop(sig)
    check(rc == 0, "%s: exit status %s" % (what, rc))
    try:
        srv.get("/")
        check(False, what + ": the port still answers")
    except OSError:
        pass


def check_usage(tool, content, templates, tmp, port):
    """Bad options are usage errors (2); a port in use is exit 3, said at once."""
    for args in (["-p", "70000"], ["-p", "x"], ["--base", "sub/"], ["--base", "/a/../b/"],
                 ["--base", "/a b/"], ["extra"]):
        r = subprocess.run([tool, "serve", "-C", content, "-T", templates, *args],
                           capture_output=True, text=True, timeout=60)
        check(r.returncode == 2 and "mkreport serve:" in r.stderr,
              "serve %s: usage error (%d)" % (" ".join(args), r.returncode))
    t0 = time.monotonic()
    r = subprocess.run([tool, "serve", "-C", content, "-T", templates, "-o",
                        os.path.join(tmp, "busy"), "-p", str(port)],
                       capture_output=True, text=True, timeout=60)
    check(r.returncode == 3 and "cannot listen" in r.stderr,
          "a port in use: exit %d, %r" % (r.returncode, r.stderr[-200:]))
    check(not os.path.exists(os.path.join(tmp, "busy")), "a port in use: nothing built")
    inner = os.path.join(content, "site")
    os.mkdir(inner)  # refused before any build: the folder exists
    r = subprocess.run([tool, "serve", "-C", content, "-T", templates, "-o", inner,
                        "--no-cache", "-p", "0"], capture_output=True, text=True, timeout=120)
    check(r.returncode == 2 and "must not be inside" in r.stderr,
          "an output folder inside the content: exit %d" % r.returncode)
    shutil.rmtree(inner, ignore_errors=True)


CSP = ("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
       "style-src 'self'; img-src 'self'\"/>")


def csp_templates(templates, tmp):
    """Returns a copy of templates whose pages carry a strict CSP (no scripts)."""
    t = os.path.join(tmp, "templates")
    shutil.copytree(templates, t)
    page = os.path.join(t, "page.html")
    html = open(page).read()
    open(page, "w").write(html.replace('<meta charset="utf-8"/>',
                                       '<meta charset="utf-8"/>\n' + CSP, 1))
    return t


def check_browser(srv, content):
    """Chromium: the page reloads itself, shows the errors and comes back, under CSP."""
    node = shutil.which("node")
    check(node is not None and os.path.isdir("tests/a11y/node_modules/playwright-core"),
          "node and tests/a11y's playwright-core are installed (make deps)")
    if node is None:
        return
    r = subprocess.run([node, "tests/serve-browser.js", "http://127.0.0.1:%d%s" % (
        srv.port, srv.base), content, "4.5", "6.5"], timeout=300)
    check(r.returncode == 0, "serve-browser.js: exit %d" % r.returncode)


def check_base(tool, content, templates, tmp):
    """--base /sub/path/ with a strict CSP in the pages: the site under it, /
    redirected, the 404 page at depth, the reload in Chromium."""
    out = os.path.join(tmp, "base")
    os.makedirs(out)
    srv = Server(tool, content, csp_templates(templates, tmp), out,
                 ["--base", "/sub/path"])
    check(srv.base == "/sub/path/", "the base is printed: " + srv.base)
    st, _, body = srv.get("/sub/path/")
    check(st == 200 and b"Mini report" in body, "the index under the base")
    st, hd, _ = srv.get("/")
    check(st == 301 and hd.get("location") == "/sub/path/", "/ is redirected to the base")
    st, hd, _ = srv.get("/sub/path")
    check(st == 301 and hd.get("location") == "/sub/path/", "the base without '/'")
    built = open(os.path.join(srv.site, "404.html"), "rb").read()
    check(b"content=\"default-src 'none'; style-src 'self'; img-src 'self'\"" in built and
          b"script-src" not in built, "the built page keeps its CSP as written")
    for path in ["/sub/path/nope.html", "/sub/path/charts/nope/deeper.html", "/index.html"]:
        st, hd, body = srv.get(path)
        check(st == 404 and built[built.find(b"<body"):built.find(b"</body>")] in body,
              path + ": the site's 404 page with status 404 (%d)" % st)
    check(b"script-src 'self'; connect-src 'self'" in srv.get("/sub/path/")[2],
          "the served copy's CSP allows the reload script and its events")
    check_browser(srv, content)
    st, _, body = srv.get("/sub/path/charts/")
    check(st == 404 or b"<html" in body, "a folder without index.html")
    check_stopped(srv, signal.SIGTERM, "SIGTERM")


def main():
    tool, fixture, templates = sys.argv[1:4]
    tmp = tempfile.mkdtemp(prefix="mkreport-serve-", dir="/dev/shm" if
                           os.path.isdir("/dev/shm") else None)
    try:
        content = os.path.join(tmp, "content")
        shutil.copytree(fixture, content)
        out = os.path.join(tmp, "root")
        os.makedirs(out)
        srv = Server(tool, content, os.path.abspath(templates), out)
        check(srv.base == "/", "the default base is /")
        check_types(srv)
        timings = []
        ev = check_edits(srv, content, timings)
        check_errors(srv, content, ev)
        check_paths(srv)
        check_usage(tool, content, os.path.abspath(templates), tmp, srv.port)
        check_stopped(srv, signal.SIGINT, "SIGINT")
        check_base(tool, content, os.path.abspath(templates), tmp)
        for what, t in timings:
            print("serve: save to reload event, %s edit: %s" %
                  (what, "%.0f ms" % (t * 1000) if t is not None else "none"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if FAILS:
        print("serve: %d failed" % len(FAILS), file=sys.stderr)
        return 1
    print("serve: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
