build-t/obj/export/export.o: src/export/export.c src/export/export.h \
 src/model/competition.h src/model/dependency.h src/model/finance.h \
 src/model/metrics.h src/model/risk.h src/util/buf.h src/export/csv.h \
 src/export/fin_json.h src/export/json.h src/model/fin_metrics.h \
 src/model/montecarlo.h src/model/params.h src/model/rng.h \
 src/model/unc_metrics.h src/model/sensitivity.h
src/export/export.h:
src/model/competition.h:
src/model/dependency.h:
src/model/finance.h:
src/model/metrics.h:
src/model/risk.h:
src/util/buf.h:
src/export/csv.h:
src/export/fin_json.h:
src/export/json.h:
src/model/fin_metrics.h:
src/model/montecarlo.h:
src/model/params.h:
src/model/rng.h:
src/model/unc_metrics.h:
src/model/sensitivity.h:
