#!/bin/sh
# Long text: a full build (with report.pdf) of the mini report with one string made as
# long as its limit allows (docs/authoring.md, "Limits"), as one unbreakable word (the
# worst case of the PDF's line filling) and as words, and series of sizes to show the
# time grows linearly. Prints the median of 3 builds, seconds.
# Usage: sh bench/long-text.sh [MKREPORT]
set -u
MK=$(cd "$(dirname "${1:-build/mkreport}")" && pwd)/$(basename "${1:-build/mkreport}")
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d /dev/shm/long-text.XXXXXX 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C TZ=UTC

# plant NAME FILE OLD NEW N KIND: a copy of the mini report in $tmp/NAME where the first
# OLD in FILE becomes NEW with {X} replaced by N bytes (KIND word: "xxx...", words:
# "lorem ipsum ..."; page: N bytes of paragraphs of one 8 KiB word each).
plant() {
	rm -rf "$tmp/$1"
	cp -R "$root/tests/fixtures/mini/content" "$tmp/$1"
	python3 - "$tmp/$1/$2" "$3" "$4" "$5" "$6" <<'PY'
import sys
path, old, new, n, kind = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
if kind == 'word':
    x = 'x' * n
elif kind == 'words':
    x = ('lorem ipsum dolor sit amet ' * (n // 27 + 1))[:n - 1] + 'x'
else:
    x = '\n\n'.join(['y' * 8190] * (n // 8192))
s = open(path).read()
assert old in s, old
open(path, 'w').write(s.replace(old, new.replace('{X}', x), 1))
PY
}

# median3 NAME: the median time of three builds of $tmp/NAME (exit status must be 0).
median3() {
	for i in 1 2 3; do
		rm -rf "$tmp/site" "$tmp/.mkreport-cache"
		s=$(date +%s.%N)
		"$MK" build -C "$tmp/$1" -o "$tmp/site" -T "$root/templates" >/dev/null 2>&1 ||
			echo "FAILED: $1" >&2
		e=$(date +%s.%N)
		echo "$e - $s" | bc
	done | sort -n | sed -n 2p
}

# row LABEL NAME FILE OLD NEW N KIND
row() {
	plant "$2" "$3" "$4" "$5" "$6" "$7"
	printf '%-34s %7s %-5s %6.2f s\n' "$1" "$6" "$7" "$(median3 "$2")"
	rm -rf "$tmp/$2"
}

printf '%-34s %7s %-5s %8s\n' "string" "bytes" "kind" "build"
plant none report.yaml 'title:' 'title:' 0 word
printf '%-34s %7s %-5s %6.2f s\n' "(the mini report as it is)" 0 "-" "$(median3 none)"
for k in word words; do
	row "source title (limit 512)" st data/sources.yaml '"Annual report 2020"' '"{X}"' 512 $k
	row "fact label (limit 256)" fl data/facts.yaml '"Total funding commitment"' '"{X}"' 256 $k
	row "chart caption (limit 4096)" cc pages/money.md \
		'caption: Undiscounted cumulative cash flow to the investor, US$ billions.' 'caption: {X}' 4096 $k
	row "section description (limit 4096)" sd report.yaml '"The summary of the mini report."' '"{X}"' 4096 $k
	row "callout body (limit 8192)" cb pages/index.md \
		'body: "The cumulative cash flow reaches {{ finance.cumulative@base[2026] | usd_bn }} by 2026 [@press-2021]."' \
		'body: "{X}"' 8192 $k
	row "paragraph (limit 8192)" pa pages/money.md 'The base case' '{X} The base case' 8000 $k
	for n in 8192 16384 32768 65000; do
		row "free-table cell (limit 65536)" tc pages/money.md '# Money' '# Money

```table
caption: Free
columns: [A, B]
rows:
  - ["{X}", b]
```' $n $k
	done
done
for n in 65536 131072 262144 524000; do
	row "page of 8 KiB words (limit 512 KiB)" pg pages/sources.md '# Sources' '# Sources

{X}' $n page
done
