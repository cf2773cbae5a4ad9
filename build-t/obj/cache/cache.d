build-t/obj/cache/cache.o: src/cache/cache.c src/cache/cache.h \
 src/util/buf.h src/util/sha256.h src/util/path.h
src/cache/cache.h:
src/util/buf.h:
src/util/sha256.h:
src/util/path.h:
