build-t/obj/chart/output.o: src/chart/output.c src/chart/chart_int.h \
 /usr/include/cairo/cairo.h /usr/include/cairo/cairo-version.h \
 /usr/include/cairo/cairo-features.h \
 /usr/include/cairo/cairo-deprecated.h src/chart/chart.h \
 src/model/metrics.h src/util/buf.h src/chart/scale.h src/chart/theme.h \
 /usr/include/cairo/cairo-pdf.h /usr/include/cairo/cairo.h \
 /usr/include/cairo/cairo-svg.h src/util/oom.h src/util/pool.h
src/chart/chart_int.h:
/usr/include/cairo/cairo.h:
/usr/include/cairo/cairo-version.h:
/usr/include/cairo/cairo-features.h:
/usr/include/cairo/cairo-deprecated.h:
src/chart/chart.h:
src/model/metrics.h:
src/util/buf.h:
src/chart/scale.h:
src/chart/theme.h:
/usr/include/cairo/cairo-pdf.h:
/usr/include/cairo/cairo.h:
/usr/include/cairo/cairo-svg.h:
src/util/oom.h:
src/util/pool.h:
