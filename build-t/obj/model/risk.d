build-t/obj/model/risk.o: src/model/risk.c src/model/risk.h \
 src/util/buf.h
src/model/risk.h:
src/util/buf.h:
