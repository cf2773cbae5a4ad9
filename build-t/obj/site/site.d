build-t/obj/site/site.o: src/site/site.c src/site/site.h src/diag.h \
 src/util/buf.h src/site/site_int.h src/util/hash.h
src/site/site.h:
src/diag.h:
src/util/buf.h:
src/site/site_int.h:
src/util/hash.h:
