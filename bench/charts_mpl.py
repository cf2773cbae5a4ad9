#!/usr/bin/python3
"""The report's charts drawn with matplotlib from the CSVs mkreport wrote (the same
numbers), each as a 1600x900 PNG (8 x 4.5 in at 200 dpi), an SVG and a PDF: the
comparison for bench/charts.sh. Prints one line per chart, "id seconds", the median
over RUNS draws of building the figure and writing the three files, excluding the
interpreter's start-up and imports.
Usage: charts_mpl.py SITE_CHARTS_DIR MANIFEST OUT_DIR RUNS   (MANIFEST: "id type" lines)
"""
import csv
import io
import statistics
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def rows(path):
    with open(path, newline="") as f:
        r = list(csv.reader(f))
    return r[0], r[1:]


def num(s):
    return float(s) if s != "" else float("nan")


def line(ax, head, body, stacked=False):
    years = [int(r[0]) for r in body]
    cols = [[num(r[i]) for r in body] for i in range(1, len(head))]
    if stacked:
        ax.stackplot(years, cols, labels=head[1:])
    else:
        for name, c in zip(head[1:], cols):
            ax.plot(years, c, label=name)
    ax.legend(loc="upper left", fontsize=8)


def bar(ax, head, body):
    n = len(head) - 1
    w = 0.8 / n
    for i in range(n):
        ax.bar([k + i * w for k in range(len(body))], [num(r[i + 1]) for r in body], w,
               label=head[i + 1])
    ax.set_xticks(range(len(body)), [r[0] for r in body], rotation=30, ha="right")
    ax.legend(fontsize=8)


def waterfall(ax, head, body):
    for k, r in enumerate(body):
        start, end = num(r[2]), num(r[3])
        ax.bar(k, end - start, bottom=start)
        ax.text(k, max(start, end), "%.1f" % (end - start), ha="center", va="bottom")
    ax.set_xticks(range(len(body)), [r[0] for r in body], rotation=30, ha="right")


def tornado(ax, head, body):
    base = num(body[0][3])
    for k, r in enumerate(body):
        for v in (num(r[1]), num(r[2])):
            ax.barh(k, v - base, left=base)
    ax.set_yticks(range(len(body)), [r[0] for r in body])
    ax.invert_yaxis()
    ax.axvline(base, color="black")


def fan(ax, head, body):
    bands = [r for r in body if r[2] != ""]
    others = [r for r in body if r[2] == ""]
    years = [int(r[1]) for r in bands]
    p = [[num(r[i]) for r in bands] for i in range(2, 7)]
    ax.fill_between(years, p[0], p[4], alpha=0.3)
    ax.fill_between(years, p[1], p[3], alpha=0.5)
    ax.plot(years, p[2])
    if others:
        ax.plot([int(r[1]) for r in others], [num(r[4]) for r in others])


def matrix(ax, head, body):
    rws = list(dict.fromkeys(r[0] for r in body))
    cls = list(dict.fromkeys(r[1] for r in body))
    grid = [[0.0] * len(cls) for _ in rws]
    for r in body:
        i, j = rws.index(r[0]), cls.index(r[1])
        grid[i][j] = num(r[2])
        ax.text(j, i, r[3] or r[2], ha="center", va="center", fontsize=7)
    ax.imshow(grid, cmap="Blues", aspect="auto")
    ax.set_xticks(range(len(cls)), cls)
    ax.set_yticks(range(len(rws)), rws)


def timeline(ax, head, body):
    xs = [int(r[0]) + (int(r[1]) - 0.5) / 12 if r[1] else int(r[0]) for r in body]
    ax.scatter(xs, [0] * len(xs))
    for k, (x, r) in enumerate(zip(xs, body)):
        ax.annotate(r[2], (x, 0), (x, 1 + k % 3), arrowprops={"arrowstyle": "-"})
    ax.set_ylim(-0.5, 4)


def multiples(fig, head, body):
    years = [int(r[0]) for r in body]
    n = len(head) - 1
    cols = 2 if n > 1 else 1
    axes = fig.subplots((n + cols - 1) // cols, cols, sharey=True, squeeze=False)
    for i in range(n):
        ax = axes[i // cols][i % cols]
        ax.plot(years, [num(r[i + 1]) for r in body])
        ax.set_title(head[i + 1], fontsize=8)


DRAW = {"line": line, "bar": bar, "waterfall": waterfall, "tornado": tornado, "fan": fan,
        "matrix": matrix, "timeline": timeline}


def draw(cid, kind, charts, out):
    head, body = rows("%s/%s.csv" % (charts, cid))
    fig = plt.figure(figsize=(8, 4.5), dpi=200)
    if kind == "multiples":
        multiples(fig, head, body)
    else:
        ax = fig.add_subplot()
        if kind == "area":
            line(ax, head, body, stacked=True)
        else:
            DRAW[kind](ax, head, body)
    fig.savefig("%s/%s.png" % (out, cid), dpi=200)
    fig.savefig("%s/%s.svg" % (out, cid))
    fig.savefig("%s/%s.pdf" % (out, cid))
    plt.close(fig)


def main():
    charts, manifest, out, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    with open(manifest) as f:
        items = [line_.split() for line_ in f if line_.strip()]
    draw(items[0][0], items[0][1], charts, out)  # warm-up: font cache, first backend use
    for cid, kind in items:
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            draw(cid, kind, charts, out)
            times.append(time.perf_counter() - t)
        print("%s %.6f" % (cid, statistics.median(times)))


if __name__ == "__main__":
    main()
