build-t/obj/load/text.o: src/load/text.c src/load/text_int.h
src/load/text_int.h:
