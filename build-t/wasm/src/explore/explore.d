build-t/wasm/src/explore/explore.o: src/explore/explore.c \
  src/explore/explore.h src/model/finance.h src/util/buf.h \
  src/explore/jin.h src/export/fin_json.h src/export/json.h \
  src/model/fin_metrics.h src/model/metrics.h src/model/format.h

src/explore/explore.h:

src/model/finance.h:

src/util/buf.h:

src/explore/jin.h:

src/export/fin_json.h:

src/export/json.h:

src/model/fin_metrics.h:

src/model/metrics.h:

src/model/format.h:
