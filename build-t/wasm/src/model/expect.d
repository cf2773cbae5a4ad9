build-t/wasm/src/model/expect.o: src/model/expect.c src/model/expect.h \
  src/model/metrics.h src/model/finance.h src/util/buf.h

src/model/expect.h:

src/model/metrics.h:

src/model/finance.h:

src/util/buf.h:
