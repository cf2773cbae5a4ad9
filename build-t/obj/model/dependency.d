build-t/obj/model/dependency.o: src/model/dependency.c \
 src/model/dependency.h src/model/finance.h src/util/buf.h
src/model/dependency.h:
src/model/finance.h:
src/util/buf.h:
