build-t/obj/chart/bar.o: src/chart/bar.c src/chart/chart_int.h \
 /usr/include/cairo/cairo.h /usr/include/cairo/cairo-version.h \
 /usr/include/cairo/cairo-features.h \
 /usr/include/cairo/cairo-deprecated.h src/chart/chart.h \
 src/model/metrics.h src/util/buf.h src/chart/scale.h src/chart/theme.h
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
