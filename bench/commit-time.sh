#!/bin/sh
# bench/commit-time.sh: site_commit alone, two source trees side by side.
# usage: sh bench/commit-time.sh OLD_TREE NEW_TREE [RUNS]
# Each tree must have been built (make). bench/commit_time.c is compiled against each
# tree's objects (OLD_TREE with the earlier site_commit(o, dir, d, st) interface), the
# shipped site is built once with NEW_TREE's tool, and both commit it RUNS times
# (default 5) into /dev/shm: full (empty folder), no-op, one file changed.
set -eu
OLD=$1 NEW=$2 RUNS=${3:-5}
W=/dev/shm/bench-commit-time
rm -rf "$W"
mkdir -p "$W"
flags=$(pkg-config --cflags --libs libcmark libxml-2.0 yaml-0.1 cairo pangocairo zlib)
for t in old new; do
	if [ $t = old ]; then tree=$OLD def=-DSITE_OLD_API; else tree=$NEW def=; fi
	objs=$(find "$tree/build/obj" -name '*.o' ! -name main.o ! -name '*-portable.o' | sort)
	# shellcheck disable=SC2086
	cc -std=c11 -O2 -D_DEFAULT_SOURCE $def -I"$tree/src" -o "$W/$t" bench/commit_time.c \
		$objs $flags -lm -lpthread
done
"$NEW/build/mkreport" build -C "$NEW/content" -T "$NEW/templates" -o "$W/site" >/dev/null
for t in old new; do
	echo "$t:"
	"$W/$t" "$W/site" "$W/out-$t" "$RUNS" | sed 's/^/  /'
done
rm -rf "$W"
