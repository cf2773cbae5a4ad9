build-t/obj/serve/http.o: src/serve/http.c src/serve/http.h \
 src/serve/events.h src/serve/files.h
src/serve/http.h:
src/serve/events.h:
src/serve/files.h:
