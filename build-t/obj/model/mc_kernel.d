build-t/obj/model/mc_kernel.o: src/model/mc_kernel.c \
 src/model/mc_kernel.h src/model/finance.h src/model/params.h \
 src/model/rng.h src/model/montecarlo.h src/util/buf.h
src/model/mc_kernel.h:
src/model/finance.h:
src/model/params.h:
src/model/rng.h:
src/model/montecarlo.h:
src/util/buf.h:
