build-t/obj/cmd/cmd_init.o: src/cmd/cmd_init.c src/cmd/cmd.h \
 src/cmd/cmd_int.h src/diag.h src/cmd/starter.h src/util/buf.h \
 src/util/path.h
src/cmd/cmd.h:
src/cmd/cmd_int.h:
src/diag.h:
src/cmd/starter.h:
src/util/buf.h:
src/util/path.h:
