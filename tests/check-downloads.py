#!/usr/bin/env python3
"""Chart downloads: for every chart page charts/<id>.html of a built site, the PNG,
PDF and download SVG are one drawing (the same size: PNG at 2x, PDF in points), taller
than the page's SVG by the header and footer drawn around the chart, titled by the
chart's title; the page links all three and shows the PNG at its size with alt text.

usage: check-downloads.py SITE"""
import glob
import os
import re
import struct
import sys


def png_size(path):
    with open(path, "rb") as fh:
        head = fh.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


def svg_size(path):
    with open(path, encoding="utf-8") as fh:
        head = fh.read(400)
    m = re.search(r'<svg[^>]* width="([\d.]+)px" height="([\d.]+)px"', head)
    return (float(m.group(1)), float(m.group(2))) if m else None


def pdf_title(pdf):
    """The Info /Title of pdf: a literal string, or UTF-16 in hex as cairo writes it."""
    m = re.search(rb"/Title <FEFF([0-9A-Fa-f]*)>", pdf)
    if m:
        return bytes.fromhex(m.group(1).decode()).decode("utf-16-be")
    m = re.search(rb"/Title \(((?:[^()\\]|\\.)*)\)", pdf)
    return re.sub(rb"\\(.)", rb"\1", m.group(1)).decode("latin-1") if m else None


def check(site, page):
    cid = os.path.basename(page)[:-len(".html")]
    base = os.path.join(site, "charts", cid)
    probs = []
    with open(page, encoding="utf-8") as fh:
        html = fh.read()
    png = png_size(base + ".png")
    dl = svg_size(base + "-download.svg")
    shown = svg_size(base + ".svg")
    if png is None or dl is None or shown is None:
        return [f"{cid}: a file is missing or unreadable"]
    w, h = png[0] / 2, png[1] / 2
    if (w, h) != dl:
        probs.append(f"{cid}: PNG is {w}x{h} CSS px, the download SVG {dl}")
    if w != shown[0] or h < shown[1] + 60:
        probs.append(f"{cid}: download {w}x{h} is no page SVG {shown} with a frame")
    with open(base + ".pdf", "rb") as fh:
        pdf = fh.read()
    m = re.search(rb"/MediaBox \[ 0 0 ([\d.]+) ([\d.]+) \]", pdf)
    if not m or abs(float(m.group(1)) - w * 0.75) > 0.01 or abs(float(m.group(2)) - h * 0.75) > 0.8:
        probs.append(f"{cid}: PDF page {m and m.groups()} is not {w * 0.75}x{h * 0.75} pt")
    title = re.search(r'<h1[^>]*>(?:Figure \d+\. )?([^<]*)</h1>', html)
    want = title.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    if pdf_title(pdf) != want:
        probs.append(f"{cid}: PDF /Title is {pdf_title(pdf)!r}, not {want!r}")
    for href in (f"../charts/{cid}.png", f"../charts/{cid}.pdf",
                 f"../charts/{cid}-download.svg", f"../charts/{cid}.csv"):
        if f'href="{href}"' not in html:
            probs.append(f"{cid}: no link to {href}")
    img = re.search(r'<img src="../charts/%s\.png" alt="([^"]+)" width="(\d+)" height="(\d+)"'
                    % re.escape(cid), html)
    if not img:
        probs.append(f"{cid}: the page does not show the PNG download with alt text")
    elif (int(img.group(2)), int(img.group(3))) != (int(w), int(h)):
        probs.append(f"{cid}: the preview is {img.group(2)}x{img.group(3)}, the PNG {w}x{h}")
    return probs


def main():
    site = sys.argv[1]
    pages = sorted(glob.glob(os.path.join(site, "charts", "*.html")))
    probs = [p for page in pages for p in check(site, page)]
    for p in probs:
        print(f"downloads: FAILED: {p}")
    print(f"downloads: {len(pages)} chart pages, {len(probs)} problems")
    return 1 if probs or not pages else 0


if __name__ == "__main__":
    sys.exit(main())
