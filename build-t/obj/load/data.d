build-t/obj/load/data.o: src/load/data.c src/load/load_int.h src/diag.h \
 src/load/load.h src/load/report.h src/model/competition.h \
 src/model/dependency.h src/model/finance.h src/model/metrics.h \
 src/model/risk.h src/model/params.h src/model/rng.h src/yaml/ytree.h \
 src/yaml/schema.h src/util/buf.h
src/load/load_int.h:
src/diag.h:
src/load/load.h:
src/load/report.h:
src/model/competition.h:
src/model/dependency.h:
src/model/finance.h:
src/model/metrics.h:
src/model/risk.h:
src/model/params.h:
src/model/rng.h:
src/yaml/ytree.h:
src/yaml/schema.h:
src/util/buf.h:
