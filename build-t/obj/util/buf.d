build-t/obj/util/buf.o: src/util/buf.c src/util/buf.h src/util/oom.h
src/util/buf.h:
src/util/oom.h:
