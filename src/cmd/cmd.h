/* cmd: the command's modes (build, check, metrics, chart); each returns the exit status. */
#ifndef MKR_CMD_H
#define MKR_CMD_H

/* Exit statuses of the command. */
enum {
	CMD_OK = 0,       /* success */
	CMD_ERRORS = 1,   /* errors in the sources */
	CMD_USAGE = 2,    /* bad command line */
	CMD_WRITE = 3,    /* output could not be written */
};

/* Parses argv and runs the mode it names. Returns the exit status. */
int cmd_main(int argc, char **argv);

#endif
