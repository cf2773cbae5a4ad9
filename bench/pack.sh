#!/bin/sh
# What the pack for stakeholders costs (bench/pack_time.c): writing the zip with libzip
# against hashing its inputs (a cache key for it), and a whole build from the cache.
# Usage: bench/pack.sh [RUNS]   (from the source tree; runs on /dev/shm)
set -eu
RUNS=${1:-5}
B=build
make -s "$B/mkreport"
tmp=$(mktemp -d /dev/shm/mkreport-pack.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
objs=$(ls "$B"/obj/*/*.o "$B"/obj/*.o | grep -v -e '/main\.o$' -e 'portable')
# shellcheck disable=SC2086
cc -O2 -Isrc bench/pack_time.c $objs -o "$tmp/pack_time" \
	$(pkg-config --libs libcmark libxml-2.0 yaml-0.1 cairo pangocairo zlib libzip) -lm -lpthread
"$B/mkreport" build -C content -o "$tmp/site" -T templates --cache "$tmp/cache" >/dev/null
zip=$(ls "$tmp"/site/*-pack.zip)
(cd "$tmp/site" && "$tmp/pack_time" $(zipinfo -1 "$zip" | sed 's|^[^/]*/||' | grep -v README.txt))
for i in $(seq "$RUNS"); do
	/usr/bin/time -f "%e" "$B/mkreport" build -C content -o "$tmp/site" -T templates \
		--cache "$tmp/cache" 2>&1 >/dev/null | tail -1
done | sort -n | awk '{ t[NR] = $1 } END { printf "build from the cache: median %.2f s of %d\n", t[int((NR + 1) / 2)], NR }'
