#!/bin/sh
# Rebuild times: `make` of the shipped report after changing one fact quoted in the
# text, the discount rate, one paragraph, and after changing nothing, against a clean
# build; with the build cache and without it (--no-cache: every output recomputed, as
# before the cache), each with and without report.pdf. Medians of RUNS, side by side in
# one run, on a copy of content/ and templates/ in /dev/shm. Prints what each rebuild
# rewrote (-v). Usage: bench/rebuild.sh [MKREPORT [RUNS [BEFORE]]] (after make). With
# BEFORE (another mkreport binary), every timed step runs for both binaries in turn, each
# in a work folder of its own, and each row is printed for both. SERIES="" (or any of
# "cache no-pdf no-cache no-cache-no-pdf") picks the series (default: all four).
set -eu
MK=$(realpath "${1:-build/mkreport}")
RUNS=${2:-5}
BEFORE=${3:+$(realpath "$3")}
SERIES=${SERIES:-"cache no-pdf no-cache no-cache-no-pdf"}
base=/dev/shm
[ -d "$base" ] && [ -w "$base" ] || base=${TMPDIR:-/tmp}
TOP=$(mktemp -d "$base/mkreport-rebuild.XXXXXX")
trap 'rm -rf "$TOP"' EXIT
unset MKREPORT_MC_DRAWS
# The tools compared: "after" (MKREPORT) and, with BEFORE, "before", each with a work
# folder $TOP/<name> holding a copy of the sources and the project's rule: the manifest
# depends on the tool and on every input (depfile).
TOOLS=after
[ -n "$BEFORE" ] && TOOLS="before after"
for t in $TOOLS; do
	mk=$MK
	[ "$t" = before ] && mk=$BEFORE
	mkdir "$TOP/$t"
	cp -r content "$TOP/$t/content"
	cp -r templates "$TOP/$t/templates"
	cp -r content "$TOP/$t/orig"
	cat >"$TOP/$t/Makefile" <<MK
site/.mkreport-manifest: $mk
	\$(MKREPORT) build -v -C content -o site -T templates -M site.d \$(OPTS)
-include site.d
MK
done
# use NAME: the next steps run tool NAME in its folder $W with binary $MKT
use() {
	W=$TOP/$1
	MKT=$MK
	[ "$1" = before ] && MKT=$BEFORE
	return 0
}
# wall: "WALL CPU" seconds of one `make -s` in $W with OPTS=$opts (CPU: user + system
# of make and the build, so a loaded machine shows too); -v lines go to $W/v.log.
wall() {
	/usr/bin/python3 -c '
import resource, subprocess, sys, time
def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime
c, t = cpu(), time.perf_counter()
r = subprocess.run(sys.argv[1:], stderr=open(sys.argv[-1][4:], "w"))
print("%.4f %.4f" % (time.perf_counter() - t, cpu() - c))
sys.exit(r.returncode)' make -s -C "$W" MKREPORT="$MKT" OPTS="$opts" "LOG=$W/v.log"
}
# median FIELD: the median of field FIELD (1 wall, 2 CPU) of the lines on stdin
median() { cut -d' ' -f"$1" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
# row NAME: prints, for each tool, NAME, the medians of its times (wall, CPU), wall /
# clean wall and CPU / clean CPU of that tool, and what its last build did
row() {
	for t in $TOOLS; do
		use "$t"
		tt=$(eval "printf '%s\n' \"\$times_$t\"" | sed '/^$/d')
		m=$(printf '%s\n' "$tt" | median 1)
		cm=$(printf '%s\n' "$tt" | median 2)
		[ "$1" = clean ] && eval "clean_$t=$m; cclean_$t=$cm"
		cl=$(eval "echo \$clean_$t \$cclean_$t")
		printf '%-10s %-6s %7s s %7s s  %5s %5s  %s\n' "$1" "$t" "$m" "$cm" \
			"$(echo "$m $cm $cl" | awk '{printf "%.2f %.2f", $1 / $3, $2 / $4}')" "$(did)"
	done
}
# timed: runs wall for the current tool and appends its line to times_<tool>
timed() {
	line=$(wall)
	eval "times_$cur=\"\$times_$cur
\$line\""
}
# reset_times: empties every tool's times
reset_times() { for t in $TOOLS; do eval "times_$t="; done; }
restore() { rm -rf "$W/content"; cp -r "$W/orig" "$W/content"; }
# what the last build did, from -v: "written/unchanged/removed; cache reused/computed"
did() {
	w=$(sed -n 's/.*: \([0-9]*\) written, \([0-9]*\) unchanged, \([0-9]*\) removed/\1 written, \3 removed/p' "$W/v.log")
	c=$(sed -n 's/.*cache: \([0-9]*\) reused, \([0-9]*\) computed.*/; cache: \1 reused, \2 computed/p' "$W/v.log")
	echo "${w:-nothing run}$c"
}
# edit NAME FILE SED: RUNS times: restore the sources, build them, apply the edit, time
# make. Prints the median and what the last timed build did.
edit() {
	name=$1 file=$2 script=$3
	reset_times
	for i in $(seq "$RUNS"); do
		for cur in $TOOLS; do
			use "$cur"
			restore
			wall >/dev/null
			sed -i "$script" "$W/content/$file"
			cmp -s "$W/content/$file" "$W/orig/$file" && { echo "edit $name changed nothing" >&2; exit 1; }
			timed
		done
	done
	row "$name"
}
series() {
	opts=$1
	echo "== mkreport build $opts"
	reset_times
	for i in $(seq "$RUNS"); do
		for cur in $TOOLS; do
			use "$cur"
			restore
			rm -rf "$W/site" "$W/site.d" "$W/.mkreport-cache"
			timed
		done
	done
	row clean
	reset_times
	for i in $(seq "$RUNS"); do
		for cur in $TOOLS; do
			use "$cur"
			timed
		done
	done
	row no-op
	edit "fact" data/facts.yaml 's/\(azure_commitment: {.*value: \)250,/\1260,/'
	edit "discount" data/finance.yaml 's/discount_rate: {value: 0.08,/discount_rate: {value: 0.085,/'
	edit "paragraph" pages/architecture.md 's/^The contract moved in three steps\./The contract moved in three stages./'
}
echo "rebuild.sh: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), medians of $RUNS"
echo "columns: edit, tool, wall time, CPU time (user + system), wall / clean wall, CPU / clean CPU, what the build did"
for s in $SERIES; do
	case $s in
	cache) series "" ;;
	no-pdf) series "--no-pdf" ;;
	no-cache) series "--no-cache" ;;
	no-cache-no-pdf) series "--no-cache --no-pdf" ;;
	*) echo "rebuild.sh: unknown series $s" >&2; exit 2 ;;
	esac
done
