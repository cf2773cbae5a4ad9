build-t/obj/site/claim.o: src/site/claim.c src/site/site.h src/diag.h \
 src/util/buf.h src/util/hash.h
src/site/site.h:
src/diag.h:
src/util/buf.h:
src/util/hash.h:
