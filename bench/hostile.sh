#!/bin/sh
# Hostile inputs: how long `mkreport check` takes on each (median of 3), to show that
# the limits of docs/authoring.md keep the worst cases well under a second. Each input
# is planted in a copy of the mini report: the first ones break a limit and must fail
# (exit 1) at once; the "-in-8k-blocks" ones are the worst that pass the page limits.
# Usage: sh bench/hostile.sh [MKREPORT]
set -u
MK=${1:-build/mkreport}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mini=tests/fixtures/mini/content

# plant NAME FILE: copies the mini report to $tmp/NAME and writes stdin into FILE there.
plant() {
	cp -R "$mini" "$tmp/$1"
	cat >"$tmp/$1/$2"
}

python3 -c 'print("[" * 80000)' | plant deep-brackets data/facts.yaml
python3 -c '
print("a: &a [x, x, x, x, x, x, x, x, x]")
for p, c in zip("abcdefgh", "bcdefghi"):
    print("%s: &%s [%s]" % (c, c, ", ".join(["*" + p] * 9)))' | plant alias-bomb data/facts.yaml
python3 -c '
print("facts:\n  x: {value: 1, unit: number, assumption: true, rationale: r, note: [" +
      ", ".join("&a%d n" % i for i in range(60000)) + ", " +
      ", ".join("*a0" for i in range(60000)) + "]}")' | plant many-anchors data/facts.yaml
python3 -c 'print("# T\n\n" + "![[]()" * 130000)' | plant cmark-cve-2023-22486 pages/money.md
python3 -c 'print("# T\n\n" + "".join("  " * i + "- a\n\n" for i in range(2000)))' |
	plant nested-lists pages/money.md
python3 -c 'print("# T\n\n" + "> " * 5000 + "*a* _b_ " * 2000)' | plant deep-quotes pages/money.md
python3 -c 'print("# T\n\n" + "{{ x " * 150000)' | plant unclosed-refs pages/money.md
# The worst pages that pass the limits: 512 KiB in blocks just under 8 KiB each.
python3 -c 'print("# T\n\n" + ("![[]()" * 1350 + "\n\n") * 64)' | plant cve-in-8k-blocks pages/money.md
python3 -c 'print("# T\n\n" + (">" * 40 + " " + "*a* _b_ " * 1000 + "\n\n") * 64)' |
	plant quotes-in-8k-blocks pages/money.md
python3 -c 'print("# T\n\n" + ("[@x] {{ fact.commitment }} " * 270 + "\n\n") * 64)' |
	plant refs-in-8k-blocks pages/money.md

printf '%-24s %8s %6s\n' input seconds exit
for d in "$tmp"/*/; do
	name=$(basename "$d")
	times=""
	for i in 1 2 3; do
		s=$(date +%s.%N)
		"$MK" check -C "$d" -T templates >/dev/null 2>&1
		rc=$?
		e=$(date +%s.%N)
		times="$times $(echo "$e - $s" | bc)"
	done
	med=$(echo $times | tr ' ' '\n' | sort -n | sed -n 2p)
	printf '%-24s %8.3f %6s\n' "$name" "$med" "$rc"
done
