/* cmd_int: what the command's mode files share. */
#ifndef MKR_CMD_INT_H
#define MKR_CMD_INT_H

#include <stdio.h>

#include "diag.h"

/* Each mode: argc/argv start at the mode's name. Returns the exit status. */
int cmd_build(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_metrics(int argc, char **argv);
int cmd_chart(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_serve(int argc, char **argv);

/* Parses -j's argument (a whole number in 0..1024; 0 = the online cores) into *jobs.
 * Returns 0, or -1 after printing a usage error for mode (*jobs unchanged). */
int cmd_jobs(const char *mode, const char *arg, int *jobs);

/* Prints the usage text to f. */
void cmd_usage(FILE *f);

/* Prints d's diagnostics to stderr (coloured on a terminal unless NO_COLOR is set)
 * and returns CMD_ERRORS if it holds errors, else CMD_OK. */
int cmd_report_diag(const diag *d);

/* Reports a usage error ("mkreport: msg") plus a hint and returns CMD_USAGE. */
int cmd_usage_error(const char *mode, const char *msg);

#endif
