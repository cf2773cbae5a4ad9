build-t/obj/cmd/cmd_metrics.o: src/cmd/cmd_metrics.c src/cmd/cmd.h \
 src/cmd/cmd_int.h src/diag.h src/cmd/pipeline.h src/chart/chart.h \
 /usr/include/cairo/cairo.h /usr/include/cairo/cairo-version.h \
 /usr/include/cairo/cairo-features.h \
 /usr/include/cairo/cairo-deprecated.h src/model/metrics.h src/util/buf.h \
 src/load/load.h src/load/report.h src/model/competition.h \
 src/model/dependency.h src/model/finance.h src/model/risk.h \
 src/model/params.h src/model/rng.h src/site/site.h src/export/export.h
src/cmd/cmd.h:
src/cmd/cmd_int.h:
src/diag.h:
src/cmd/pipeline.h:
src/chart/chart.h:
/usr/include/cairo/cairo.h:
/usr/include/cairo/cairo-version.h:
/usr/include/cairo/cairo-features.h:
/usr/include/cairo/cairo-deprecated.h:
src/model/metrics.h:
src/util/buf.h:
src/load/load.h:
src/load/report.h:
src/model/competition.h:
src/model/dependency.h:
src/model/finance.h:
src/model/risk.h:
src/model/params.h:
src/model/rng.h:
src/site/site.h:
src/export/export.h:
