build-t/wasm/src/util/hash.o: src/util/hash.c src/util/hash.h \
  src/util/buf.h

src/util/hash.h:

src/util/buf.h:
