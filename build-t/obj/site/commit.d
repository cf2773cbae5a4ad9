build-t/obj/site/commit.o: src/site/commit.c src/site/site_int.h \
 src/site/site.h src/diag.h src/util/buf.h src/util/hash.h \
 src/util/path.h
src/site/site_int.h:
src/site/site.h:
src/diag.h:
src/util/buf.h:
src/util/hash.h:
src/util/path.h:
