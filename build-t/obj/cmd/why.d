build-t/obj/cmd/why.o: src/cmd/why.c src/cmd/why.h src/cache/cache.h \
 src/util/buf.h src/util/sha256.h src/load/load.h src/diag.h \
 src/load/report.h src/model/competition.h src/model/dependency.h \
 src/model/finance.h src/model/metrics.h src/model/risk.h \
 src/model/params.h src/model/rng.h src/chart/chart_key.h \
 src/chart/chart.h /usr/include/cairo/cairo.h \
 /usr/include/cairo/cairo-version.h /usr/include/cairo/cairo-features.h \
 /usr/include/cairo/cairo-deprecated.h src/util/path.h
src/cmd/why.h:
src/cache/cache.h:
src/util/buf.h:
src/util/sha256.h:
src/load/load.h:
src/diag.h:
src/load/report.h:
src/model/competition.h:
src/model/dependency.h:
src/model/finance.h:
src/model/metrics.h:
src/model/risk.h:
src/model/params.h:
src/model/rng.h:
src/chart/chart_key.h:
src/chart/chart.h:
/usr/include/cairo/cairo.h:
/usr/include/cairo/cairo-version.h:
/usr/include/cairo/cairo-features.h:
/usr/include/cairo/cairo-deprecated.h:
src/util/path.h:
