build-t/obj/serve/watch.o: src/serve/watch.c src/serve/watch.h \
 src/util/buf.h src/util/path.h
src/serve/watch.h:
src/util/buf.h:
src/util/path.h:
