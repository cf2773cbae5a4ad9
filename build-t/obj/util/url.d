build-t/obj/util/url.o: src/util/url.c src/util/url.h src/util/buf.h
src/util/url.h:
src/util/buf.h:
