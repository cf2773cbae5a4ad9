#!/usr/bin/env python3
"""Coverage per folder: reads gcovr's --json-summary and prints, for each folder of src/
(files directly in src/ count as "src") and overall, the lines and branches covered,
then the files with the most uncovered lines. Says whether the targets are met: at
least 95% of lines and 85% of branches overall, no folder under 90% of lines. Exits 0
either way (the figures are a measurement, not a gate) unless --strict is given.

usage: coverage-table.py [--strict] [--worst N] SUMMARY.json"""
import json
import os
import sys

LINES_ALL, BRANCHES_ALL, LINES_FOLDER = 95.0, 85.0, 90.0


def pct(covered, total):
    return 100.0 * covered / total if total else 100.0


def folder_of(name):
    parts = name.split("/")
    return "/".join(parts[:2]) if len(parts) > 2 else parts[0]


def row(label, c):
    return "%-14s %6d/%-6d %6.1f%%   %6d/%-6d %6.1f%%" % (
        label, c[0], c[1], pct(c[0], c[1]), c[2], c[3], pct(c[2], c[3]))


def main(argv):
    strict, worst, args = False, 10, []
    it = iter(argv)
    for a in it:
        if a == "--strict":
            strict = True
        elif a == "--worst":
            worst = int(next(it))
        else:
            args.append(a)
    if len(args) != 1:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    with open(args[0], encoding="utf-8") as f:
        files = json.load(f)["files"]
    folders, total = {}, [0, 0, 0, 0]
    for f in files:
        name = os.path.normpath(f["filename"])
        if not name.startswith("src/"):
            continue
        c = (f["line_covered"], f["line_total"], f["branch_covered"], f["branch_total"])
        acc = folders.setdefault(folder_of(name), [0, 0, 0, 0])
        for i in range(4):
            acc[i] += c[i]
            total[i] += c[i]
    print("%-14s %22s   %22s" % ("folder", "lines", "branches"))
    for name in sorted(folders):
        print(row(name, folders[name]))
    print(row("total", total))
    low = [n for n, c in sorted(folders.items()) if pct(c[0], c[1]) < LINES_FOLDER]
    met = (pct(total[0], total[1]) >= LINES_ALL and pct(total[2], total[3]) >= BRANCHES_ALL
           and not low)
    by_gap = sorted((f for f in files if f["filename"].startswith("src/")),
                    key=lambda f: f["line_covered"] - f["line_total"])
    if worst > 0:
        print("\nmost lines uncovered:")
        for f in by_gap[:worst]:
            print("  %-34s %4d lines, %4d branches uncovered" % (
                f["filename"], f["line_total"] - f["line_covered"],
                f["branch_total"] - f["branch_covered"]))
    print("\ntargets (lines >= %g%%, branches >= %g%% overall; every folder's lines >= %g%%): %s"
          % (LINES_ALL, BRANCHES_ALL, LINES_FOLDER, "met" if met else "not met") +
          ("" if not low else "; folders under: " + ", ".join(low)))
    return 1 if strict and not met else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
