#!/bin/sh
# bench/scale.sh: mkreport against Hugo on the same generated pages (bench/gen-report.py)
# at N = 1,000, 3,000 and 10,000 sections, side by side in one run on /dev/shm. Each
# build is clean (a new output folder, --no-cache); medians of RUNS runs (one run at a size whose
# first mkreport build takes more than SLOW seconds); mkreport once more with report.pdf
# at the sizes in PDF_SIZES. Prints a Markdown table (seconds, sections per second, peak
# RSS, output size, largest section page) and the ratios issue 8 sets targets for.
# Usage: sh bench/scale.sh [MKREPORT [RUNS]]   (after make; needs hugo and /usr/bin/time)
# Environment: SIZES ("1000 3000 10000"), PDF_SIZES ("1000 3000"), SLOW (60),
# PDF_VMEM_KIB (ulimit -v for the builds with report.pdf; default 12 GiB).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
MK=$(cd "$(dirname "${1:-$root/build/mkreport}")" && pwd)/$(basename "${1:-build/mkreport}")
RUNS=${2:-3}
SIZES=${SIZES:-"1000 3000 10000"}
PDF_SIZES=${PDF_SIZES:-"1000 3000"}
SLOW=${SLOW:-60}
PDF_VMEM_KIB=${PDF_VMEM_KIB:-12582912}
command -v hugo >/dev/null || { echo "scale.sh: hugo is not installed" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "scale.sh: /usr/bin/time is missing (Debian package time)" >&2; exit 2; }
work=$(mktemp -d /dev/shm/mkreport-scale.XXXXXX)
trap 'rm -rf "$work"' EXIT
export LC_ALL=C TZ=UTC

median() { printf '%s\n' "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }
now() { date +%s.%N; }

# timed OUT CMD...: runs CMD (which writes into the folder OUT, removed first); prints
# "seconds peak_rss_kib status". The output is left for measure.
timed() {
	out=$1
	shift
	rm -rf "$out"
	t0=$(now)
	st=0
	/usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null 2>"$work/stderr" || st=$?
	t1=$(now)
	echo "$t0 $t1 $(tail -1 "$work/rss") $st" | awk '{ printf "%.3f %s %s\n", $2 - $1, $3, $4 }'
}

# measure OUT PATTERN: prints "bytes_of_OUT largest_page_bytes largest_page", the
# largest page being the largest file whose path (relative to OUT) matches the grep
# pattern PATTERN.
measure() {
	bytes=$(du -sb "$1" | cut -f1)
	big=$(cd "$1" && find . -name '*.html' | grep -E "$2" | xargs -r wc -c | grep -v ' total$' |
	    sort -n | tail -1)
	echo "$bytes ${big:-0 none}"
}

# navmax SITE: the bytes of the largest <nav class="site-nav"> block of SITE's section
# pages (what grows with the report when every page lists every section); xargs may
# run awk more than once, hence the last sort.
navmax() {
	find "$1" -maxdepth 1 -name '*.html' ! -name contents.html ! -name 404.html -print0 |
	    xargs -0 awk '
		FNR == 1 { n = 0; f = 0 }
		/<nav class="site-nav"/ { f = 1 }
		f { n += length($0) + 1 }
		f && /<\/nav>/ { f = 0; if (n > m) m = n }
		END { print m + 0 }' | sort -n | tail -1
}

# row N TOOL SECONDS... RSS... BYTES BIG: one table row from the medians.
row() {
	n=$1 tool=$2 s=$3 rss=$4 bytes=$5 big=$6
	awk -v n="$n" -v tool="$tool" -v s="$s" -v rss="$rss" -v b="$bytes" -v big="$big" 'BEGIN {
		printf "| %d | %s | %.2f | %.0f | %.1f | %.1f | %.1f |\n", n, tool, s, n / s,
		    rss / 1024, b / 1e6, big / 1024 }'
}

# bench N: generates the N-section report and times both tools on it.
bench() {
	n=$1
	g=$work/g$n
	python3 "$root/bench/gen-report.py" "$n" "$g"
	ms= mr= hs= hr= runs=$RUNS k=0
	while [ "$k" -lt "$runs" ]; do
		set -- $(timed "$g/site" "$MK" build --no-cache -C "$g/mkreport" --no-pdf -o "$g/site" -T "$root/templates")
		[ "$3" = 0 ] || { echo "scale.sh: mkreport failed at $n sections:" >&2; cat "$work/stderr" >&2; exit 1; }
		ms="$ms $1" mr="$mr $2"
		[ "$k" = 0 ] && awk -v s="$1" -v slow="$SLOW" 'BEGIN { exit !(s > slow) }' && runs=1
		set -- $(cd "$g/hugo" && timed "$g/hsite" hugo --quiet -d "$g/hsite")
		[ "$3" = 0 ] || { echo "scale.sh: hugo failed at $n sections" >&2; cat "$work/stderr" >&2; exit 1; }
		hs="$hs $1" hr="$hr $2"
		k=$((k + 1))
	done
	set -- $(measure "$g/site" '^\./(index|s[0-9]+)\.html$')
	mbytes=$1 mbig=$2
	[ -n "$first_big" ] || first_big=$3
	same=$(wc -c <"$g/site/$first_big")
	nav=$(navmax "$g/site")
	contents=$(wc -c <"$g/site/contents.html" 2>/dev/null || echo 0)
	set -- $(measure "$g/hsite" '^\./posts/[^/]+/index\.html$')
	hbytes=$1 hbig=$2
	m_s=$(median $ms) m_r=$(median $mr) h_s=$(median $hs) h_r=$(median $hr)
	row "$n" "mkreport --no-pdf" "$m_s" "$m_r" "$mbytes" "$mbig" >>"$work/table"
	row "$n" "Hugo $(hugo version | awk '{ print $2 }' | sed 's/-.*//')" "$h_s" "$h_r" "$hbytes" "$hbig" >>"$work/table"
	echo "$n $m_s $m_r $mbig $h_s $h_r $hbig $contents $runs $nav $same" >>"$work/nums"
	rm -rf "$g/site" "$g/hsite"
	case " $PDF_SIZES " in *" $n "*) bench_pdf "$n" ;; esac
	rm -rf "$g"
}

# bench_pdf N: one mkreport build of the N-section report with report.pdf.
bench_pdf() {
	n=$1
	g=$work/g$n
	set -- $( (ulimit -v "$PDF_VMEM_KIB"; timed "$g/site" "$MK" build --no-cache -C "$g/mkreport" -o "$g/site" -T "$root/templates") )
	if [ "$3" = 0 ]; then
		set -- "$1" "$2" $(measure "$g/site" '^\./(index|s[0-9]+)\.html$')
		row "$n" "mkreport with report.pdf" "$1" "$2" "$3" "$4" >>"$work/table"
		echo "$n $1 $2" >>"$work/pdfnums"
	else
		echo "| $n | mkreport with report.pdf | failed (exit $3, ulimit -v $PDF_VMEM_KIB KiB) | | | | |" >>"$work/table"
		tail -3 "$work/stderr" >&2
	fi
	rm -rf "$g/site"
}

: >"$work/table"
first_big=
: >"$work/nums"
: >"$work/pdfnums"
echo "scale.sh: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $RUNS runs (medians), $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
for n in $SIZES; do
	bench "$n"
done
echo
echo "| sections | tool | seconds | sections/s | peak RSS MiB | output MB | largest section page KiB |"
echo "|---|---|---|---|---|---|---|"
cat "$work/table"
echo
awk -v page="$first_big" '{ print "at " $1 " sections: " $9 " run(s); contents.html " $8 " bytes; largest navigation " $10 " bytes; " page " (the largest section page of the first size) " $11 " bytes" }' "$work/nums"
awk '
	NR == FNR { s[$1] = $2; r[$1] = $3; big[$1] = $4; hs[$1] = $5; nav[$1] = $10; same[$1] = $11
		last = $1; if (!first) first = $1; next }
	{ ps[$1] = $2; pr[$1] = $3 }
	END {
		printf "mkreport vs Hugo, sections/s at %d: %.2fx (target >= 3)\n", last, hs[last] / s[last]
		printf "peak RSS at %d: %.1f MiB (target < 200)\n", last, r[last] / 1024
		printf "time %d / %d sections: %.2fx (target <= 12)\n", last, first, s[last] / s[first]
		printf "largest section page %d vs %d: %d vs %d bytes (%.3fx; target <= 1)\n", last, first, big[last], big[first], big[last] / big[first]
		printf "the same page (the largest at %d) at %d vs %d: %d vs %d bytes; largest navigation %d vs %d bytes\n", first, last, first, same[last], same[first], nav[last], nav[first]
		if ((1000 in ps) && (3000 in ps))
			printf "with report.pdf, 3000 vs 1000: time %.2fx, peak RSS %.2fx (target <= 3.5; one run each: bench/scale-pdf.sh gives medians)\n", ps[3000] / ps[1000], pr[3000] / pr[1000]
	}' "$work/nums" "$work/pdfnums"
