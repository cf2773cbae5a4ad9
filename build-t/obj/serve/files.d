build-t/obj/serve/files.o: src/serve/files.c src/serve/files.h
src/serve/files.h:
