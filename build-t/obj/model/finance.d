build-t/obj/model/finance.o: src/model/finance.c src/model/finance.h
src/model/finance.h:
