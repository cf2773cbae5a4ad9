# Sourced by tests/run-explore.sh and tests/run-chart-page.sh (set -eu, $mk the tool):
# builds in $tmp two sites of content/, site-a as it is and site-b with the changes a
# reader makes in the explorer (the discount rate, 0.08 to 0.1; Azure's share of compute
# in 2025, a point of its path, 0.75 to 0.6; the likelihood of the 2023 investment
# under the base case, 0.8 to 0.5), then serves site-a on 127.0.0.1:$port (stopped and
# $tmp removed on exit). $who names the script in its messages.
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
cp -r content "$tmp/a"
cp -r content "$tmp/b"
sed -i 's/discount_rate: {value: 0.08,/discount_rate: {value: 0.1,/' "$tmp/b/data/finance.yaml"
grep -q 'discount_rate: {value: 0.1,' "$tmp/b/data/finance.yaml"
sed -i 's/azure_share: {values: {2019: 1.0, 2024: 1.0, 2025: 0.75,/azure_share: {values: {2019: 1.0, 2024: 1.0, 2025: 0.6,/' \
	"$tmp/b/data/finance.yaml"
grep -q 'azure_share: {values: {2019: 1.0, 2024: 1.0, 2025: 0.6,' "$tmp/b/data/finance.yaml"
sed -i '/^  investment_2023:/,/^  [a-z]/ s/base: {value: 0.8,/base: {value: 0.5,/' \
	"$tmp/b/data/evidence.yaml"
grep -q 'base: {value: 0.5,' "$tmp/b/data/evidence.yaml"
"$mk" build -C "$tmp/a" -o "$tmp/site-a" -T templates --no-pdf --no-cache
"$mk" build -C "$tmp/b" -o "$tmp/site-b" -T templates --no-pdf --no-cache
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
/usr/bin/python3 -m http.server "$port" --bind 127.0.0.1 --directory "$tmp/site-a" >/dev/null 2>&1 &
pid=$!
i=0
until /usr/bin/python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" 2>/dev/null; do
	i=$((i + 1)); [ $i -lt 50 ] || { echo "$who: the server did not start" >&2; exit 1; }
	sleep 0.1
done
