#!/usr/bin/env python3
"""Copies a report folder and gives every scalar input with low:/high: in its
data/finance.yaml a dist: {triangular: [low, value, high]} (the Monte Carlo's test and
benchmark input while the shipped data has no dist:), plus data/uncertainty.yaml.
Usage: tests/add-dists.py SRC DEST [DRAWS [SEED]]"""
import re
import shutil
import sys

PAT = re.compile(r"\{value: ([-0-9.e]+), low: ([-0-9.e]+), high: ([-0-9.e]+),")


def add(m):
    v, lo, hi = m.group(1), m.group(2), m.group(3)
    return "{value: %s, low: %s, high: %s, dist: {triangular: [%s, %s, %s]}," % (
        v, lo, hi, lo, v, hi)


def main():
    src, dest = sys.argv[1], sys.argv[2]
    draws = sys.argv[3] if len(sys.argv) > 3 else "10000"
    seed = sys.argv[4] if len(sys.argv) > 4 else "20261101"
    shutil.copytree(src, dest)
    path = dest + "/data/finance.yaml"
    with open(path) as f:
        text, n = PAT.subn(add, f.read())
    with open(path, "w") as f:
        f.write(text)
    with open(dest + "/data/uncertainty.yaml", "w") as f:
        f.write("monte_carlo:\n"
                "  draws: {value: %s, assumption: true, rationale: \"test\"}\n"
                "  seed: {value: %s, assumption: true, rationale: \"test\"}\n"
                % (draws, seed))
    print("%d inputs given a triangular dist" % n, file=sys.stderr)


if __name__ == "__main__":
    main()
