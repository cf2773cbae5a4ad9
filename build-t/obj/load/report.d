build-t/obj/load/report.o: src/load/report.c src/load/load_int.h \
 src/diag.h src/load/load.h src/load/report.h src/model/competition.h \
 src/model/dependency.h src/model/finance.h src/model/metrics.h \
 src/model/risk.h src/model/params.h src/model/rng.h src/yaml/ytree.h \
 src/yaml/schema.h src/load/text_int.h src/util/utf8.h src/util/buf.h \
 src/util/hash.h src/util/path.h
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
src/load/text_int.h:
src/util/utf8.h:
src/util/buf.h:
src/util/hash.h:
src/util/path.h:
