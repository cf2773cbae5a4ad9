build-t/obj/util/path.o: src/util/path.c src/util/path.h src/util/buf.h
src/util/path.h:
src/util/buf.h:
