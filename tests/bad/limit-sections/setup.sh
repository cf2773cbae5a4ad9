#!/bin/sh
# 10,001 sections, one more than a report may have (their pages need not exist: the
# count is checked first). Too big to commit: written here.
awk 'BEGIN { for (i = 1; i <= 10001; i++) printf "  - slug: s%d\n    title: S%d\n    file: pages/money.md\n    description: \"d\"\n", i, i }' >> content/report.yaml
