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

/* Sets up what the whole process shares: libxml2 allocating through util_x* (so that
 * running out of memory unwinds to exit 3) and its parser state (before any thread
 * uses it), and SIGXFSZ ignored (a write past `ulimit -f` then fails with EFBIG: exit 3,
 * temporary files removed). Call once, first; cmd_main does. */
void cmd_process_init(void);

/* Releases what cmd_process_init and the modes keep process-wide: the charts' pooled
 * font maps and pixel buffers, libxml2's state. Call once, last; no thread may still
 * be drawing. */
void cmd_process_fini(void);

/* Runs cmd_process_init, the mode argv names (under the out-of-memory catch point:
 * exit 3 and "mkreport: out of memory"), cmd_process_fini. Returns the exit status. */
int cmd_main(int argc, char **argv);

#endif
