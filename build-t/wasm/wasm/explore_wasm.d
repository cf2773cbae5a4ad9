build-t/wasm/wasm/explore_wasm.o: wasm/explore_wasm.c wasm/explore_wasm.h \
  src/explore/explore.h src/model/finance.h src/util/buf.h \
  src/model/format.h src/model/metrics.h src/util/oom.h

wasm/explore_wasm.h:

src/explore/explore.h:

src/model/finance.h:

src/util/buf.h:

src/model/format.h:

src/model/metrics.h:

src/util/oom.h:
