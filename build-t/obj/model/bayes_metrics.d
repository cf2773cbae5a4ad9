build-t/obj/model/bayes_metrics.o: src/model/bayes_metrics.c \
 src/model/bayes_metrics.h src/model/metrics.h src/model/bayes.h \
 src/util/buf.h
src/model/bayes_metrics.h:
src/model/metrics.h:
src/model/bayes.h:
src/util/buf.h:
