build-t/obj/model/metrics.o: src/model/metrics.c src/model/metrics.h \
 src/util/buf.h src/util/hash.h
src/model/metrics.h:
src/util/buf.h:
src/util/hash.h:
