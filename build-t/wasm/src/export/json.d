build-t/wasm/src/export/json.o: src/export/json.c src/export/json.h \
  src/util/buf.h src/export/num.h

src/export/json.h:

src/util/buf.h:

src/export/num.h:
