build-t/obj/chart/scale.o: src/chart/scale.c src/chart/scale.h
src/chart/scale.h:
