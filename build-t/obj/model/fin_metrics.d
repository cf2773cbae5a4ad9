build-t/obj/model/fin_metrics.o: src/model/fin_metrics.c \
 src/model/fin_metrics.h src/model/finance.h src/model/metrics.h \
 src/model/expect.h src/util/buf.h
src/model/fin_metrics.h:
src/model/finance.h:
src/model/metrics.h:
src/model/expect.h:
src/util/buf.h:
