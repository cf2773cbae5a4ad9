build-t/obj/site/dest.o: src/site/dest.c src/site/site_int.h \
 src/site/site.h src/diag.h src/util/buf.h src/util/hash.h
src/site/site_int.h:
src/site/site.h:
src/diag.h:
src/util/buf.h:
src/util/hash.h:
