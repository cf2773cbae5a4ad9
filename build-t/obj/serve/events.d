build-t/obj/serve/events.o: src/serve/events.c src/serve/events.h
src/serve/events.h:
