build-t/obj/model/unc_metrics.o: src/model/unc_metrics.c \
 src/model/unc_metrics.h src/model/finance.h src/model/metrics.h \
 src/model/montecarlo.h src/model/params.h src/model/rng.h \
 src/model/sensitivity.h src/util/buf.h
src/model/unc_metrics.h:
src/model/finance.h:
src/model/metrics.h:
src/model/montecarlo.h:
src/model/params.h:
src/model/rng.h:
src/model/sensitivity.h:
src/util/buf.h:
