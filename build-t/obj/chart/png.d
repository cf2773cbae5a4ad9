build-t/obj/chart/png.o: src/chart/png.c src/chart/chart_int.h \
 /usr/include/cairo/cairo.h /usr/include/cairo/cairo-version.h \
 /usr/include/cairo/cairo-features.h \
 /usr/include/cairo/cairo-deprecated.h src/chart/chart.h \
 src/model/metrics.h src/util/buf.h src/chart/scale.h src/chart/theme.h \
 src/chart/deflate.h
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
src/chart/deflate.h:
