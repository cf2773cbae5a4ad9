build-t/obj/diag.o: src/diag.c src/diag.h src/util/buf.h src/util/hash.h
src/diag.h:
src/util/buf.h:
src/util/hash.h:
