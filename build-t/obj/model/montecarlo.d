build-t/obj/model/montecarlo.o: src/model/montecarlo.c \
 src/model/montecarlo.h src/model/finance.h src/model/params.h \
 src/model/rng.h src/model/mc_kernel.h src/util/buf.h
src/model/montecarlo.h:
src/model/finance.h:
src/model/params.h:
src/model/rng.h:
src/model/mc_kernel.h:
src/util/buf.h:
