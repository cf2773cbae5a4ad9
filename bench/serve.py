#!/usr/bin/python3
"""Time from saving a source file to mkreport serve's reload event.

usage: bench/serve.py [MKREPORT [CONTENT [RUNS [-- serve options]]]]
       (defaults: build/mkreport, content, 10)

Copies CONTENT to /dev/shm, starts `mkreport serve -p 0` on it (its own site folder and
cache in /dev/shm), waits for the first build, then RUNS times each: a one-number edit
(a fact's value in data/facts.yaml, a new value every time, so no build reuses an
earlier one's outputs) and a one-paragraph edit (a new sentence in pages/money.md).
Each save is a write in place; the time is from just before the write to the
"event: reload" line on /__mkreport/events. Prints every time and the medians."""
import http.client
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time


def next_reload(resp):
    """Blocks until the stream's next reload event."""
    for raw in resp:
        if raw.decode().startswith("event: reload"):
            return


def edit(path, old, new):
    """Replaces old by new in path (in place, like an editor's :w)."""
    with open(path) as f:
        text = f.read()
    assert old in text, (path, old)
    with open(path, "w") as f:
        f.write(text.replace(old, new, 1))


def main():
    args = sys.argv[1:]
    extra = []
    if "--" in args:
        extra = args[args.index("--") + 1:]
        args = args[:args.index("--")]
    tool = args[0] if len(args) > 0 else "build/mkreport"
    content = args[1] if len(args) > 1 else "content"
    runs = int(args[2]) if len(args) > 2 else 10
    tmp = tempfile.mkdtemp(prefix="mkreport-bench-serve-", dir="/dev/shm")
    src = os.path.join(tmp, "content")
    shutil.copytree(content, src)
    proc = subprocess.Popen([tool, "serve", "-C", src, "-T", "templates", "-o",
                             os.path.join(tmp, "site"), "--cache", os.path.join(tmp, "cache"),
                             "-p", "0", *extra], stdout=subprocess.PIPE,
                            stderr=open(os.path.join(tmp, "stderr.txt"), "w"), text=True)
    try:
        port = int(re.search(r"127\.0\.0\.1:(\d+)", proc.stdout.readline()).group(1))
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        conn.request("GET", "/__mkreport/events")
        resp = conn.getresponse()
        resp.readline()  # retry:
        facts = os.path.join(src, "data/facts.yaml")
        page = os.path.join(src, "pages/money.md")
        anchor = "value: 1.0, source: fortune-2019-07"
        para = "## What went in\n"
        times = {"number": [], "paragraph": []}
        old = anchor
        for i in range(runs):
            new = "value: %.2f, source: fortune-2019-07" % (1.01 + i / 100)
            t0 = time.monotonic()
            edit(facts, old, new)
            next_reload(resp)
            times["number"].append(time.monotonic() - t0)
            old = new
            time.sleep(0.3)
            t0 = time.monotonic()
            edit(page, para, para + "\nA sentence added by the benchmark, number %d.\n" % i)
            next_reload(resp)
            times["paragraph"].append(time.monotonic() - t0)
            time.sleep(0.3)
        for what, ts in times.items():
            print("%-9s edit: save to reload event, median of %d: %.0f ms (runs: %s)" % (
                what, runs, statistics.median(ts) * 1000,
                " ".join("%.0f" % (t * 1000) for t in ts)))
        built = re.findall(r"built in (\d+) ms", open(os.path.join(tmp, "stderr.txt")).read())
        print("first build: %s ms" % built[0])
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(60)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
