build-t/obj/util/oom.o: src/util/oom.c src/util/oom.h
src/util/oom.h:
