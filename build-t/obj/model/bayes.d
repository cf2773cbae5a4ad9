build-t/obj/model/bayes.o: src/model/bayes.c src/model/bayes.h
src/model/bayes.h:
