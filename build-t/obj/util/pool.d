build-t/obj/util/pool.o: src/util/pool.c src/util/pool.h
src/util/pool.h:
