#!/bin/sh
# PNG encoders compared on the report's chart images (bench/png_codecs.c): mkreport's own
# coder against zlib and, if installed (Debian: libdeflate-dev), libdeflate, in one run.
# Usage: bench/png.sh [SITE]   (from the source tree after make; SITE defaults to site)
set -eu
SITE=${1:-site}
B=build
make -s "$B/mkreport"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
extra=
if pkg-config --exists libdeflate 2>/dev/null; then
	extra="-DHAVE_LIBDEFLATE $(pkg-config --cflags --libs libdeflate)"
fi
objs=$(ls "$B"/obj/*/*.o "$B"/obj/*.o | grep -v -e '/main\.o$' -e 'portable')
# shellcheck disable=SC2086
cc -O2 -Isrc $(pkg-config --cflags cairo libpng) bench/png_codecs.c $objs -o "$tmp/png_codecs" \
	$(pkg-config --libs libcmark libxml-2.0 yaml-0.1 cairo pangocairo zlib libpng) $extra -lm -lpthread
"$tmp/png_codecs" $(ls "$SITE"/charts/*.png | grep -v -e '-dark' -e '-narrow')
