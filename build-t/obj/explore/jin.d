build-t/obj/explore/jin.o: src/explore/jin.c src/explore/jin.h \
 src/util/buf.h src/util/utf8.h
src/explore/jin.h:
src/util/buf.h:
src/util/utf8.h:
