#!/usr/bin/env python3
"""make-corpus: (re)writes the seed corpora fuzz/corpus/<target>/ from content/, tests/bad
and tests/fixtures (run from the repository's root; regression inputs, named regress-*,
are kept)."""
import glob
import hashlib
import os
import re

DATA = {'sources': 's', 'facts': 'f', 'finance': 'x', 'scenarios': 'c', 'dependency': 'd',
        'competition': 'm', 'risks': 'r', 'evidence': 'e', 'uncertainty': 'u'}
MAX = 64 << 10  # bytes in one seed


def files(*patterns):
    out = []
    for p in patterns:
        out += glob.glob(p, recursive=True)
    return sorted(f for f in set(out) if os.path.isfile(f) and os.path.getsize(f) <= MAX)


def name_of(path):
    return re.sub(r'[^A-Za-z0-9._-]', '_', path.replace('/content/', '/'))[-80:]


class Corpus:
    def __init__(self, target):
        self.dir = os.path.join('fuzz', 'corpus', target)
        os.makedirs(self.dir, exist_ok=True)
        for f in os.listdir(self.dir):
            if not f.startswith('regress-'):
                os.remove(os.path.join(self.dir, f))
        self.seen = set()

    def add(self, name, data):
        h = hashlib.sha256(data).hexdigest()
        if h in self.seen or len(data) > MAX:
            return
        self.seen.add(h)
        with open(os.path.join(self.dir, name), 'wb') as f:
            f.write(data)


def read(path):
    with open(path, 'rb') as f:
        return f.read()


def main():
    yamls = files('tests/bad/**/*.yaml', 'tests/fixtures/**/*.yaml', 'content/**/*.yaml')
    pages = files('tests/bad/**/*.md', 'tests/fixtures/**/*.md', 'content/**/*.md')
    c = Corpus('ytree')
    for f in yamls:
        c.add(name_of(f), read(f))
    c = Corpus('report')
    for f in yamls:
        if os.path.basename(f) == 'report.yaml':
            c.add(name_of(f), read(f))
    c = Corpus('data')
    for f in yamls:
        key = DATA.get(os.path.basename(f)[:-5])
        if key and '/data/' in f:
            c.add(name_of(f), key.encode() + read(f))
    charts, texts = Corpus('chart'), Corpus('inline')
    fence = re.compile(rb'^```chart[^\n]*\n(.*?)^```', re.M | re.S)
    for f in pages:
        data = read(f)
        for i, m in enumerate(fence.finditer(data)):
            charts.add('%s.%d' % (name_of(f), i), m.group(1))
        for i, block in enumerate(re.split(rb'\n[ \t]*\n', data)):
            if b'{{' in block or b'[@' in block:
                texts.add('%s.%d' % (name_of(f), i), block)
    # Pages: content/'s without their chart directives (fuzz_chart has them; each chart
    # drawn costs a second under the sanitizers), the fixtures' with their one chart.
    page, pdf = Corpus('page'), Corpus('pdf')
    for f in pages:
        data = read(f)
        if f.startswith('content/'):
            data = fence.sub(b'', data)
        page.add(name_of(f), data)
        if f.startswith('content/') or f.startswith('tests/fixtures/'):
            pdf.add(name_of(f), data)


main()
