#!/bin/sh
# Rebuild times: `make` of the shipped report after changing one fact quoted in the
# text, the discount rate, one paragraph, and after changing nothing, against a clean
# build; with the build cache and without it (--no-cache: every output recomputed, as
# before the cache), each with and without report.pdf. Medians of RUNS, side by side in
# one run, on a copy of content/ and templates/ in /dev/shm. Prints what each rebuild
# rewrote (-v). Usage: bench/rebuild.sh [MKREPORT [RUNS]] (after make)
set -eu
MK=$(realpath "${1:-build/mkreport}")
RUNS=${2:-5}
base=/dev/shm
[ -d "$base" ] && [ -w "$base" ] || base=${TMPDIR:-/tmp}
W=$(mktemp -d "$base/mkreport-rebuild.XXXXXX")
trap 'rm -rf "$W"' EXIT
cp -r content "$W/content"
cp -r templates "$W/templates"
cp -r content "$W/orig"
unset MKREPORT_MC_DRAWS
# The project's rule: the manifest depends on the tool and on every input (depfile).
cat >"$W/Makefile" <<MK
site/.mkreport-manifest: $MK
	\$(MKREPORT) build -v -C content -o site -T templates -M site.d \$(OPTS)
-include site.d
MK
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
sys.exit(r.returncode)' make -s -C "$W" MKREPORT="$MK" OPTS="$opts" "LOG=$W/v.log"
}
# median FIELD: the median of field FIELD (1 wall, 2 CPU) of the lines on stdin
median() { cut -d' ' -f"$1" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
# row NAME: prints NAME, the medians of $times (wall, CPU), wall / clean wall, did
row() {
	m=$(printf '%s\n' "$times" | sed '/^$/d' | median 1)
	cm=$(printf '%s\n' "$times" | sed '/^$/d' | median 2)
	[ "$1" = clean ] && clean=$m
	printf '%-10s %7s s %7s s  %5s  %s\n' "$1" "$m" "$cm" \
		"$(echo "$m $clean" | awk '{printf "%.2f", $1 / $2}')" "$(did)"
}
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
	name=$1 file=$2 script=$3 times=
	for i in $(seq "$RUNS"); do
		restore
		wall >/dev/null
		sed -i "$script" "$W/content/$file"
		cmp -s "$W/content/$file" "$W/orig/$file" && { echo "edit $name changed nothing" >&2; exit 1; }
		times="$times
$(wall)"
	done
	row "$name"
}
series() {
	opts=$1
	echo "== mkreport build $opts"
	times=
	for i in $(seq "$RUNS"); do
		restore
		rm -rf "$W/site" "$W/site.d" "$W/.mkreport-cache"
		times="$times
$(wall)"
	done
	row clean
	times=
	for i in $(seq "$RUNS"); do times="$times
$(wall)"; done
	row no-op
	edit "fact" data/facts.yaml 's/\(azure_commitment: {.*value: \)250,/\1260,/'
	edit "discount" data/finance.yaml 's/discount_rate: {value: 0.08,/discount_rate: {value: 0.085,/'
	edit "paragraph" pages/architecture.md 's/^The contract moved in three steps\./The contract moved in three stages./'
}
echo "rebuild.sh: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), medians of $RUNS"
echo "columns: wall time, CPU time (user + system), wall / clean wall, what the build did"
series ""
series "--no-pdf"
series "--no-cache"
series "--no-cache --no-pdf"
