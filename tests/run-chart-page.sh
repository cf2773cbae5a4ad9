#!/bin/sh
# run-chart-page.sh MKREPORT: the explorer's charts, redrawn in Chromium by the report's
# chart code in the WebAssembly after a reader's changes, equal the charts of a build
# made with the same changes in content/data (tests/explore/chart-page.js; the sites
# and the changes: tests/explore/sites.sh).
set -eu
mk=$1
who=run-chart-page
. tests/explore/sites.sh
node tests/explore/chart-page.js "http://127.0.0.1:$port/explore.html" "$tmp/site-b"
