build-t/obj/model/rng.o: src/model/rng.c src/model/rng.h
src/model/rng.h:
