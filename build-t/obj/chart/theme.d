build-t/obj/chart/theme.o: src/chart/theme.c src/chart/theme.h
src/chart/theme.h:
