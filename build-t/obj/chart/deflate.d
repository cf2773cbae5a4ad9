build-t/obj/chart/deflate.o: src/chart/deflate.c src/chart/deflate.h \
 src/util/buf.h
src/chart/deflate.h:
src/util/buf.h:
