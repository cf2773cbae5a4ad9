build-t/obj/model/params.o: src/model/params.c src/model/params.h \
 src/model/finance.h src/model/rng.h
src/model/params.h:
src/model/finance.h:
src/model/rng.h:
