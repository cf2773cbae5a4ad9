build-t/obj/pack/zip.o: src/pack/zip.c src/pack/pack_int.h src/util/buf.h
src/pack/pack_int.h:
src/util/buf.h:
