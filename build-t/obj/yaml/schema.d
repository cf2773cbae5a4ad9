build-t/obj/yaml/schema.o: src/yaml/schema.c src/yaml/schema.h src/diag.h \
 src/yaml/ytree.h src/util/url.h src/util/buf.h
src/yaml/schema.h:
src/diag.h:
src/yaml/ytree.h:
src/util/url.h:
src/util/buf.h:
