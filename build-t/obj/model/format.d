build-t/obj/model/format.o: src/model/format.c src/model/format.h \
 src/model/metrics.h src/util/buf.h
src/model/format.h:
src/model/metrics.h:
src/util/buf.h:
