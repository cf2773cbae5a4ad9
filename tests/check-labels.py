#!/usr/bin/env python3
"""One name, one value: across the pages of a built site, a label never carries two
different values, and a quantity is never printed with two different values.

It reads every page's key-figure cards (label -> value) and every table cell that holds
a metric (row label and column label -> value), and reports:
- a label shown with two different values (cards: the card's label; tables: the row's
  text cells, its header first, with the column's label, and the table's caption
  first when it has one, e.g. "NPV / Base case" or
  "Menlo Ventures | 2023 / OpenAI");
- a metric (data-metric, with its scenario and year) printed as two different texts in
  cards, tables or prose, e.g. one page rounding $13.75bn to $13.8bn and another to
  $14bn; a fact's status
  (format: status) is a word, not a value, and is left out.
With --dump, prints every label it read and its values instead.

usage: check-labels.py [--dump] SITE"""
import glob
import html.parser
import os
import re
import sys

STATUSES = {"disclosed", "press-reported", "target", "estimate", "derived"}


def norm(s):
    """A label as compared: spaces collapsed, case folded, no trailing colon."""
    return re.sub(r"\s+", " ", s).strip().rstrip(":").casefold()


class Page(html.parser.HTMLParser):
    """Collects (label, value, metric) triples from cards and tables of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []      # (label, value, metric)
        self.stack = []      # open elements: (tag, class, data-metric)
        self.text = None     # text being collected, or None
        self.card = None     # {"label", "value", "metric"} inside a card
        self.table = None    # {"cols": [...], "row": None or {...}}
        self.cell = None     # the cell being read: {"kind", "metric", "text"}
        self.prose = None    # a metric in prose being read: {"metric", "text"}
        self.inline = []     # (metric, value) of the metrics in prose

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        self.stack.append(tag)
        if tag == "a" or tag == "div":
            if "card" in cls:
                self.card = {"label": "", "value": "", "metric": None, "depth": len(self.stack)}
        if self.card is not None and tag == "span":
            if "card-value" in cls:
                self.card["metric"] = a.get("data-metric")
                self.cell = {"kind": "card-value", "text": ""}
            elif "card-label" in cls:
                self.cell = {"kind": "card-label", "text": ""}
        if tag == "span" and "metric" in cls and a.get("data-metric"):
            self.prose = {"metric": a["data-metric"], "text": ""}
        if tag == "table":
            self.table = {"cols": [], "row": None, "in_head": False, "caption": ""}
        elif self.table is not None:
            if tag == "caption":
                self.cell = {"kind": "caption", "text": ""}
            elif tag == "thead":
                self.table["in_head"] = True
            elif tag == "tbody":
                self.table["in_head"] = False
            elif tag == "tr":
                self.table["row"] = {"label": None, "cells": []}
            elif tag in ("th", "td"):
                self.cell = {"kind": tag, "scope": a.get("scope"), "metric": a.get("data-metric"),
                             "text": ""}

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()
        if self.prose is not None and tag == "span":
            self.inline.append((self.prose["metric"], self.prose["text"]))
            self.prose = None
        if self.cell is not None and self.card is not None and tag == "span":
            k = self.cell["kind"]
            if k == "card-value":
                self.card["value"] = self.cell["text"]
            elif k == "card-label":
                self.card["label"] = self.cell["text"]
            self.cell = None
        elif self.card is not None and tag in ("a", "div") and len(self.stack) < self.card["depth"]:
            c = self.card
            if c["label"] and c["value"]:
                self.found.append((c["label"], c["value"], c["metric"]))
            self.card = None
        elif self.table is not None and tag == "caption" and self.cell is not None:
            self.table["caption"] = self.cell["text"].strip()
            self.cell = None
        elif self.table is not None and tag in ("th", "td") and self.cell is not None:
            t = self.table
            c = self.cell
            self.cell = None
            if t["in_head"]:
                t["cols"].append(c["text"])
            elif t["row"] is not None:
                if c["kind"] == "th" and c["scope"] == "row" and t["row"]["label"] is None:
                    t["row"]["label"] = c["text"]
                t["row"]["cells"].append(c)
        elif self.table is not None and tag == "tr" and self.table["row"] is not None:
            t = self.table
            row = t["row"]
            t["row"] = None
            if row["label"] is None:
                return
            # the row is named by its header and its other text cells ("Menlo | 2023")
            name = " | ".join(c["text"].strip() for c in row["cells"]
                              if not c["metric"] and c["text"].strip())
            for i, c in enumerate(row["cells"]):
                if c["kind"] != "td" or not c["metric"]:
                    continue
                col = t["cols"][i] if i < len(t["cols"]) else ""
                # a caption names its table: "Cash lens / Base case / NPV"
                label = (t["caption"] + " / " if t["caption"] else "") + name + " / " + col
                self.found.append((label, c["text"], c["metric"]))
        elif tag == "table":
            self.table = None

    def handle_data(self, data):
        if self.prose is not None:
            self.prose["text"] += data
        if self.cell is not None:
            self.cell["text"] += data


def main(argv):
    dump = "--dump" in argv
    args = [a for a in argv[1:] if a != "--dump"]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    site = args[0]
    pages = sorted(glob.glob(os.path.join(site, "*.html")))
    by_label = {}    # norm(label) -> {value: [(page, label)]}
    by_metric = {}   # metric -> {value: [(page, label)]}
    for path in pages:
        p = Page()
        with open(path, encoding="utf-8") as f:
            p.feed(f.read())
        name = os.path.basename(path)
        for label, value, metric in p.found:
            value = re.sub(r"\s+", " ", value).strip()
            if value in STATUSES:
                continue
            by_label.setdefault(norm(label), {}).setdefault(value, []).append((name, label))
            if metric:
                by_metric.setdefault(metric, {}).setdefault(value, []).append((name, label))
        for metric, value in p.inline:
            value = re.sub(r"\s+", " ", value).strip()
            if value not in STATUSES:
                by_metric.setdefault(metric, {}).setdefault(value, []).append((name, "prose"))
    if dump:
        for k in sorted(by_label):
            print(k, "=>", sorted(by_label[k]))
        return 0
    problems = 0
    for k in sorted(by_label):
        vals = by_label[k]
        if len(vals) > 1:
            problems += 1
            where = "; ".join("%s on %s" % (v, ", ".join(sorted({p for p, _ in w})))
                              for v, w in sorted(vals.items()))
            print("label '%s' carries %d values: %s" % (k, len(vals), where))
    for m in sorted(by_metric):
        vals = by_metric[m]
        if len(vals) > 1:
            problems += 1
            where = "; ".join("%s on %s" % (v, ", ".join(sorted({p for p, _ in w})))
                              for v, w in sorted(vals.items()))
            print("metric '%s' is printed as %d values: %s" % (m, len(vals), where))
    n = sum(len(w) for v in by_label.values() for w in v.values())
    print("labels: %d labelled values on %d pages, %d problems" % (n, len(pages), problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
