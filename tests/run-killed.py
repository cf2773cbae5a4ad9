#!/usr/bin/env python3
"""run-killed: the site is all or nothing.

Builds of the mini report (content A) and of a copy whose every page differs (content
B) are killed with SIGKILL and SIGINT, most of them inside the commit (the killer
watches for the new site's sibling folder to appear, then waits a random part of the
commit's length), the rest at random moments of the whole build. After each kill the
site must be exactly A or exactly B (every file's bytes, symlinks, folders), and after
the next good build no leftover (sibling .site.mkreport-new-*/-old-* folders,
.mkreport-tmp-* files) may survive. Then: the lock (a held lock makes a build wait and
say so; SIGINT while waiting leaves the site; two builds at once leave a whole site),
and symlinks (a symlinked site/charts or site/index.html pointing outside is never
written through; an output folder that is a symlink is resolved).

usage: run-killed.py MKREPORT [TRIES]   (TRIES defaults to 60; the seed is printed)
"""
import fcntl
import os
import random
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

MK = os.path.abspath(sys.argv[1])
TRIES = int(sys.argv[2]) if len(sys.argv) > 2 else 60
SEED = int(os.environ.get("KILLED_SEED", str(int(time.time()))))
random.seed(SEED)
ENV = dict(os.environ, LC_ALL="C", TZ="UTC", NO_COLOR="1")

passed = failed = 0


def ok(msg):
    global passed
    print("killed: ok: " + msg)
    passed += 1


def ko(msg):
    global failed
    print("killed: FAILED: " + msg)
    failed += 1


def snapshot(root):
    """Returns {relpath: what} for everything below root (symlinks not followed)."""
    snap = {}
    for dirpath, dirnames, filenames in os.walk(root):
        rel = os.path.relpath(dirpath, root)
        for name in dirnames + filenames:
            full = os.path.join(dirpath, name)
            key = os.path.normpath(os.path.join(rel, name))
            if os.path.islink(full):
                snap[key] = ("link", os.readlink(full))
            elif os.path.isdir(full):
                snap[key] = ("dir",)
            else:
                with open(full, "rb") as f:
                    snap[key] = ("file", f.read())
    return snap


def default_sigint():
    """In the child: SIGINT back to its default (a shell may start us ignoring it)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(content, out, stderr=subprocess.DEVNULL):
    """Starts a build of content into out."""
    return subprocess.Popen(build_cmd(content, out), env=ENV, text=True,
                            stdout=subprocess.DEVNULL, stderr=stderr,
                            preexec_fn=default_sigint)


def build_cmd(content, out):
    return [MK, "build", "-C", content, "-o", out, "-T", "templates"]


def build(content, out):
    r = subprocess.run(build_cmd(content, out), env=ENV, capture_output=True, text=True)
    if r.returncode != 0:
        ko("build of %s into %s: exit %d: %s" % (content, out, r.returncode, r.stderr))
    return r.returncode


def leftovers(parent, site):
    """Names of interrupted builds' leftovers: sibling folders and old temporaries."""
    name = os.path.basename(site)
    found = [n for n in os.listdir(parent)
             if n.startswith("." + name + ".mkreport-new-")
             or n.startswith("." + name + ".mkreport-old-")]
    if os.path.isdir(site):
        for dirpath, _, filenames in os.walk(site):
            found += [os.path.join(dirpath, n) for n in filenames
                      if n.startswith(".mkreport-tmp-")]
    return found


def watch_new(parent, prefix, p):
    """Busy-waits until a name starting with prefix appears in parent or p ends.
    Returns the time it appeared, or None."""
    while p.poll() is None:
        for n in os.listdir(parent):
            if n.startswith(prefix):
                return time.monotonic()
        time.sleep(0.0001)  # leaves the build a core
    return None


def make_content_b(tmp):
    """A copy of the mini report whose title (on every page) and first paragraphs
    differ."""
    b = os.path.join(tmp, "content-b")
    shutil.copytree("tests/fixtures/mini/content", b)
    path = os.path.join(b, "report.yaml")
    with open(path) as f:
        text = f.read()
    with open(path, "w") as f:
        f.write(text.replace('title: "Mini report"', 'title: "Mini report, second edition"', 1))
    for page in os.listdir(os.path.join(b, "pages")):
        path = os.path.join(b, "pages", page)
        with open(path, "a") as f:
            f.write("\nThis paragraph is only in the second edition.\n")
    return b


def check_refs_differ(ref_a, ref_b):
    a, b = snapshot(ref_a), snapshot(ref_b)
    pages = [k for k in a if k.endswith(".html")]
    same = [k for k in pages if a.get(k) == b.get(k)]
    if pages and not same:
        ok("the two contents differ on every page (%d pages; %d of %d files differ)"
           % (len(pages), sum(1 for k in a if a[k] != b.get(k)), len(a)))
    else:
        ko("pages identical in A and B: %s" % same)
    return a, b


def calibrate(content, parent, site, prefix):
    """Returns (build time, commit time): medians of three builds."""
    whole, commit = [], []
    for _ in range(3):
        t0 = time.monotonic()
        p = start(content, site)
        seen = watch_new(parent, prefix, p)
        p.wait()
        t1 = time.monotonic()
        whole.append(t1 - t0)
        if seen is not None:
            commit.append(t1 - seen)
    whole.sort()
    commit.sort()
    return whole[1], (commit[len(commit) // 2] if commit else 0.002)


def killed_builds(tmp, a_dir, b_dir, snaps):
    parent = os.path.join(tmp, "out")
    site = os.path.join(parent, "site")
    os.mkdir(parent)
    prefix = ".site.mkreport-new-"
    build(a_dir, site)
    # An interrupted in-place build of the old writer left temporaries: swept too.
    for rel in (".mkreport-tmp-q1w2e3", "charts/.mkreport-tmp-a1b2c3"):
        with open(os.path.join(site, rel), "w") as f:
            f.write("half")
    os.mkdir(os.path.join(parent, prefix + "Zz9Zz9"))
    build(a_dir, site)
    if leftovers(parent, site) or snapshot(site) != snaps["A"]:
        ko("a good build did not sweep planted leftovers: %s" % leftovers(parent, site))
    else:
        ok("a good build sweeps old temporaries and sibling folders")
    t_build, t_commit = calibrate(b_dir, parent, site, prefix)
    build(a_dir, site)
    print("killed: seed %d, build %.3f s, commit %.4f s" % (SEED, t_build, t_commit))
    counts = {"old": 0, "new": 0, "mixed": 0}
    phase = {"before": 0, "inside": 0, "after": 0, "finished": 0}
    sigs = {signal.SIGKILL: 0, signal.SIGINT: 0}
    state = "A"
    window = t_commit  # adapted so that most commit-aimed kills land inside it
    for i in range(TRIES):
        target = "B" if state == "A" else "A"
        sig = signal.SIGKILL if i % 2 == 0 else signal.SIGINT
        sigs[sig] += 1
        in_commit = i % 4 != 3
        p = start(b_dir if target == "B" else a_dir, site)
        if in_commit:
            seen = watch_new(parent, prefix, p)
            if seen is not None:
                time.sleep(random.uniform(0, window))
        else:
            time.sleep(random.uniform(0, 1.2 * t_build))
        try:
            p.send_signal(sig)
        except ProcessLookupError:
            pass
        rc = p.wait()
        left = leftovers(parent, site)
        now = snapshot(site)
        if now == snaps[state]:
            result = "old"
        elif now == snaps[target]:
            result = "new"
        else:
            result = "mixed"
            diff = sorted(k for k in set(now) | set(snaps[target])
                          if now.get(k) != snaps[target].get(k))
            ko("try %d (%s, rc %d): the site is neither A nor B: %s" % (i, sig.name, rc, diff[:8]))
        counts[result] += 1
        late = rc == 0 or (not left and rc != 128 + signal.SIGINT and result == "new")
        if in_commit:
            window *= 0.6 if late else 1.1
        if rc == 0:
            phase["finished"] += 1
        elif left or rc == 128 + signal.SIGINT:
            phase["inside"] += 1
        elif result == "old":
            phase["before"] += 1
        else:
            phase["after"] += 1
        if rc not in (0, -signal.SIGKILL, -signal.SIGINT, 128 + signal.SIGINT):
            ko("try %d: unexpected exit status %d after %s" % (i, rc, sig.name))
        if rc == 128 + signal.SIGINT and result == "mixed":
            ko("try %d: SIGINT handled but the site is mixed" % i)
        good = random.choice("AB")
        build(a_dir if good == "A" else b_dir, site)
        left = leftovers(parent, site)
        if left:
            ko("try %d: leftovers survive a good build: %s" % (i, left))
        if snapshot(site) != snaps[good]:
            ko("try %d: the good build after a kill is not exactly %s" % (i, good))
        state = good
    print("killed: %d tries (%d SIGKILL, %d SIGINT); killed before the commit %d, inside "
          "the commit %d, after it %d, finished first %d; site old %d, new %d, mixed %d"
          % (TRIES, sigs[signal.SIGKILL], sigs[signal.SIGINT], phase["before"],
             phase["inside"], phase["after"], phase["finished"], counts["old"],
             counts["new"], counts["mixed"]))
    if counts["mixed"] == 0:
        ok("every killed build left the old or the new site, whole")
    if phase["inside"] >= TRIES // 4:
        ok("%d of %d kills landed inside the commit" % (phase["inside"], TRIES))
    else:
        ko("only %d of %d kills landed inside the commit" % (phase["inside"], TRIES))
    return parent, site


def read_line(p, timeout):
    """Returns a line of p's stderr, or '' after timeout seconds."""
    r, _, _ = select.select([p.stderr], [], [], timeout)
    return p.stderr.readline() if r else ""


def lock_tests(parent, site, a_dir, b_dir, snaps):
    build(a_dir, site)
    lockpath = os.path.join(parent, ".site.mkreport-lock")
    if os.path.exists(os.path.join(site, ".site.mkreport-lock")):
        ko("the lock file is inside the published folder")
    for interrupt in (False, True):
        with open(lockpath, "a") as holder:
            fcntl.flock(holder, fcntl.LOCK_EX)
            p = start(b_dir, site, subprocess.PIPE)
            line = read_line(p, 30)
            if "another build is writing this folder; waiting" not in line:
                ko("a build into a locked folder did not say it waits: %r" % line)
            time.sleep(0.3)
            if p.poll() is not None or snapshot(site) != snaps["A"]:
                ko("a build into a locked folder did not wait")
            if interrupt:
                p.send_signal(signal.SIGINT)
                rc = p.wait(30)
                rest = p.stderr.read()
                p.stderr.close()
                if rc == 130 and "interrupted" in rest and snapshot(site) == snaps["A"] \
                        and not leftovers(parent, site):
                    ok("SIGINT while waiting for the lock: exit 130, the site as it was")
                else:
                    ko("SIGINT while waiting: exit %d, %r" % (rc, rest))
        if not interrupt:
            rc = p.wait(60)
            p.stderr.close()
            if rc == 0 and snapshot(site) == snaps["B"]:
                ok("a build waits for the lock, says so, then writes the whole site")
            else:
                ko("the waiting build: exit %d" % rc)
            build(a_dir, site)
    waited = 0
    for i in range(6):
        ps = [start(c, site, subprocess.PIPE) for c in (a_dir, b_dir)]
        outs = [p.communicate(timeout=120)[1] for p in ps]
        waited += sum("waiting" in o for o in outs)
        now = snapshot(site)
        if any(p.returncode != 0 for p in ps) or now not in (snaps["A"], snaps["B"]) \
                or leftovers(parent, site):
            ko("two builds at once: exits %s, whole %s" % ([p.returncode for p in ps],
                                                           now in (snaps["A"], snaps["B"])))
            break
    else:
        ok("two builds at once, 6 times: both succeed, the site is whole "
           "(%d of 12 waited for the other)" % waited)


def symlink_tests(tmp, a_dir, b_dir, snaps):
    parent = os.path.join(tmp, "sym")
    site = os.path.join(parent, "site")
    outside = os.path.join(tmp, "outside")
    os.makedirs(parent)
    os.makedirs(outside)
    with open(os.path.join(outside, "keep.txt"), "w") as f:
        f.write("outside\n")
    victim = os.path.join(tmp, "victim.html")
    with open(victim, "w") as f:
        f.write("victim\n")
    build(a_dir, site)
    shutil.rmtree(os.path.join(site, "charts"))
    os.symlink(outside, os.path.join(site, "charts"))
    os.unlink(os.path.join(site, "index.html"))
    os.symlink(victim, os.path.join(site, "index.html"))
    before = snapshot(tmp + "/outside")
    build(b_dir, site)
    if snapshot(outside) == before and open(victim).read() == "victim\n" \
            and snapshot(site) == snaps["B"]:
        ok("symlinked site/charts and site/index.html: nothing written outside; "
           "the site is whole with real files")
    else:
        ko("a symlink in the site was written through: outside %s" % sorted(snapshot(outside)))
    real = os.path.join(parent, "real")
    os.mkdir(real)
    link = os.path.join(parent, "link")
    os.symlink("real", link)
    build(a_dir, link)
    build(b_dir, link)
    if os.path.islink(link) and snapshot(real) == snaps["B"] \
            and os.path.exists(os.path.join(parent, ".real.mkreport-lock")):
        ok("an output folder that is a symlink: the folder it names is replaced, the link stays")
    else:
        ko("an output folder that is a symlink was not handled")


def main():
    t0 = time.monotonic()
    tmp = tempfile.mkdtemp(prefix="run-killed-")
    try:
        a_dir = "tests/fixtures/mini/content"
        b_dir = make_content_b(tmp)
        build(a_dir, os.path.join(tmp, "refA"))
        build(b_dir, os.path.join(tmp, "refB"))
        a, b = check_refs_differ(os.path.join(tmp, "refA"), os.path.join(tmp, "refB"))
        snaps = {"A": a, "B": b}
        parent, site = killed_builds(tmp, a_dir, b_dir, snaps)
        lock_tests(parent, site, a_dir, b_dir, snaps)
        symlink_tests(tmp, a_dir, b_dir, snaps)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed (%.1f s)" % (passed, failed, time.monotonic() - t0))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
