build-t/obj/yaml/ytree.o: src/yaml/ytree.c src/yaml/ytree.h src/diag.h \
 src/util/utf8.h src/util/buf.h src/util/hash.h src/util/oom.h \
 src/util/path.h
src/yaml/ytree.h:
src/diag.h:
src/util/utf8.h:
src/util/buf.h:
src/util/hash.h:
src/util/oom.h:
src/util/path.h:
