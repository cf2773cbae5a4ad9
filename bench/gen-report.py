#!/usr/bin/python3
"""gen-report.py N OUT: an N-section report for the scale benchmark.

Writes OUT/mkreport (a content folder: the shipped content/data, a report.yaml
listing N sections, N generated pages) and OUT/hugo (a Hugo site with the same N
pages as Markdown and a minimal layout of its own). Every page has about 600
words, 5 metric references and 2 citations (plain numbers and text for Hugo); one
page of every 1,000 (the 1,000th, 2,000th...) holds a chart. The text is drawn from a fixed word list with a fixed
seed, so the same N gives the same bytes.
"""
import os
import random
import shutil
import sys

WORDS = ("the partnership compute capacity revenue share model cloud market "
         "investment stake return cost contract supplier customer price growth "
         "analyst estimate scenario risk exposure dependency regulator review "
         "product platform capital margin backlog demand training inference "
         "data centre chips power policy rival bloc share concentration").split()
METRICS = ["finance.npv@base | usd_bn", "finance.irr@base | pct", "fact.msft_stake",
           "fact.msft_commitment", "finance.moic@base"]
SOURCES = ["msft-10q-2025-10", "mint-2024-10", "semafor-2023-01", "theregister-2025-11"]
CHART = """```chart
id: cum-{i}
type: line
title: Cumulative cash flow by scenario ({i})
caption: Undiscounted cumulative cash flow to Microsoft, US$ billions.
alt: Lines of cumulative cash flow, one per scenario, across the model's horizon.
scenarios: [base]
metric: finance.cumulative
y: {{label: "US$ bn"}}
```
"""


def paragraph(rng, n):
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def page(rng, i, hugo):
    """Returns one page's Markdown body (about 600 words)."""
    paras = []
    for k in range(6):
        text = paragraph(rng, 95)
        if k < 5:
            ref = "%.1f" % (rng.random() * 100) if hugo else "{{ %s }}" % METRICS[k]
            text += " The figure is %s." % ref
        if k in (1, 3):
            src = rng.choice(SOURCES)
            text += " [%s]" % src if hugo else " [@%s]" % src
        paras.append(text)
    head = "## Part %d\n\n" % (i % 7 + 1)
    body = head + "\n\n".join(paras[:3]) + "\n\n## Detail\n\n" + "\n\n".join(paras[3:])
    if i % 1000 == 999 and not hugo:
        body += "\n\n" + CHART.format(i=i)
    return body + "\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    here = os.path.dirname(os.path.abspath(__file__))
    data = os.path.join(here, "..", "content", "data")
    mk = os.path.join(out, "mkreport")
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(data, os.path.join(mk, "data"))
    lines = ['title: "Scale test"', 'description: "A generated report."',
             "as_of: 2026-11-01", "lang: en", "base_url: https://example.org/scale/", "sections:"]
    for i in range(n):
        slug = "index" if i == 0 else "s%05d" % i
        lines += ["  - slug: %s" % slug, '    title: "Section %d"' % i,
                  "    file: pages/%s.md" % slug,
                  '    description: "Generated section %d."' % i]
    write(os.path.join(mk, "report.yaml"), "\n".join(lines) + "\n")
    hu = os.path.join(out, "hugo")
    write(os.path.join(hu, "hugo.toml"),
          'baseURL = "https://example.org/"\ntitle = "Scale test"\n'
          'disableKinds = ["taxonomy", "term", "RSS"]\n')
    write(os.path.join(hu, "layouts", "_default", "single.html"),
          "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body>"
          "<nav><a href=\"{{ \"/\" | relURL }}\">Contents</a></nav>"
          "<main>{{ .Content }}</main></body></html>\n")
    write(os.path.join(hu, "layouts", "_default", "list.html"),
          "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><ul>"
          "{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>"
          "{{ end }}</ul></body></html>\n")
    for i in range(n):
        slug = "index" if i == 0 else "s%05d" % i
        rng = random.Random(i)
        write(os.path.join(mk, "pages", slug + ".md"),
              "# Section %d\n\n" % i + page(rng, i, False))
        rng = random.Random(i)
        # posts/index.md would make posts/ a leaf bundle (its siblings unrendered)
        write(os.path.join(hu, "content", "posts", "s%05d.md" % i),
              '+++\ntitle = "Section %d"\n+++\n\n' % i + page(rng, i, True))


if __name__ == "__main__":
    main()
