build-t/obj/export/num.o: src/export/num.c src/export/num.h \
 src/util/buf.h
src/export/num.h:
src/util/buf.h:
