build-t/obj/model/sensitivity.o: src/model/sensitivity.c \
 src/model/sensitivity.h src/model/finance.h src/model/params.h \
 src/model/rng.h src/util/buf.h
src/model/sensitivity.h:
src/model/finance.h:
src/model/params.h:
src/model/rng.h:
src/util/buf.h:
