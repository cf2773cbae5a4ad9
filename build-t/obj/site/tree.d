build-t/obj/site/tree.o: src/site/tree.c src/site/site_int.h \
 src/site/site.h src/diag.h src/util/buf.h src/util/hash.h
src/site/site_int.h:
src/site/site.h:
src/diag.h:
src/util/buf.h:
src/util/hash.h:
