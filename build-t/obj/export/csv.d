build-t/obj/export/csv.o: src/export/csv.c src/export/csv.h \
 src/util/buf.h src/export/num.h
src/export/csv.h:
src/util/buf.h:
src/export/num.h:
