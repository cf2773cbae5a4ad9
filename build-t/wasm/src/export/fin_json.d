build-t/wasm/src/export/fin_json.o: src/export/fin_json.c \
  src/export/fin_json.h src/export/json.h src/util/buf.h \
  src/model/finance.h src/model/fin_metrics.h src/model/metrics.h

src/export/fin_json.h:

src/export/json.h:

src/util/buf.h:

src/model/finance.h:

src/model/fin_metrics.h:

src/model/metrics.h:
