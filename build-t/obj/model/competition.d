build-t/obj/model/competition.o: src/model/competition.c \
 src/model/competition.h src/util/buf.h
src/model/competition.h:
src/util/buf.h:
