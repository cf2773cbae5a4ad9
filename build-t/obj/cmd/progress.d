build-t/obj/cmd/progress.o: src/cmd/progress.c src/cmd/progress.h \
 src/diag.h src/util/buf.h
src/cmd/progress.h:
src/diag.h:
src/util/buf.h:
