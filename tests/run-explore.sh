#!/bin/sh
# run-explore.sh MKREPORT: the explorer page in Debian's Chromium (tests/explore/browser.js):
# the model's numbers equal the tool's, before and after the same changes made in the
# page and in content/data (the discount rate, 0.08 to 0.1; Azure's share of compute in
# 2025, a point of its path, 0.75 to 0.6; the likelihood of the 2023 investment under
# the base case, 0.8 to 0.5: tests/explore/sites.sh), the Monte Carlo's included.
set -eu
mk=$1
who=run-explore
. tests/explore/sites.sh
node tests/explore/browser.js "http://127.0.0.1:$port" "$tmp/site-b/explore.html"
