build-t/obj/model/part_metrics.o: src/model/part_metrics.c \
 src/model/part_metrics.h src/model/competition.h src/model/dependency.h \
 src/model/finance.h src/model/metrics.h src/model/risk.h \
 src/model/expect.h src/util/buf.h
src/model/part_metrics.h:
src/model/competition.h:
src/model/dependency.h:
src/model/finance.h:
src/model/metrics.h:
src/model/risk.h:
src/model/expect.h:
src/util/buf.h:
