#!/bin/sh
# axe-core in Debian's Chromium (playwright-core) on every page of the shipped report's
# site, built into a temporary folder, in light and dark and at 390 and 1280 px: 0
# violations; tests/a11y/bad/ must show violations in the same browser (so a run that
# checks nothing fails).
set -u
MKREPORT=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C TZ=UTC NO_COLOR=1
"$MKREPORT" build -C content -o "$tmp/site" -T templates || { echo "axe: FAILED: build"; exit 1; }
# Served over HTTP under base_url's path, as a host would (the 404 page links from it).
base=$(/usr/bin/python3 -c 'import re, sys, urllib.parse
s = open(sys.argv[1]).read()
print(urllib.parse.urlparse(re.search("<loc>([^<]*)</loc>", s).group(1)).path)' "$tmp/site/sitemap.xml")
mkdir -p "$tmp/root$base" && rmdir "$tmp/root$base" && mv "$tmp/site" "$tmp/root$base"
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
/usr/bin/python3 -m http.server "$port" --bind 127.0.0.1 --directory "$tmp/root" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
i=0
until /usr/bin/python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port$base')" 2>/dev/null; do
	i=$((i + 1)); [ $i -lt 50 ] || { echo "axe: FAILED: the server did not start"; exit 1; }
	sleep 0.1
done
if AXE_BASE="http://127.0.0.1:$port$base" node tests/a11y/axe.js "$tmp/root$base" tests/a11y/bad; then
	echo "axe: ok"
else
	echo "axe: FAILED"; exit 1
fi
