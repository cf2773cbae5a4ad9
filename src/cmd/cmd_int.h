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

/* glibc reads its tunables only when a program starts, so a large build would fault in
 * every 4 KiB page of its heaps one at a time: if content's report.yaml is 64 KiB or
 * more (about 600 sections), starts mkreport again, at once and with the same
 * arguments, with glibc.malloc.hugetlb=1 added to GLIBC_TUNABLES (heaps on transparent
 * huge pages: a 10,000-section build about 10% faster, bench/README). Does nothing if
 * the tunable is set, MKREPORT_NO_HUGEPAGES is set, or the kernel offers no huge
 * pages; if the exec fails, the run goes on as it is. Call before any work. */
void cmd_huge_pages(const char *content);

/* Prints the usage text to f. */
void cmd_usage(FILE *f);

/* Prints d's diagnostics to stderr (coloured on a terminal unless NO_COLOR is set)
 * and returns CMD_ERRORS if it holds errors, else CMD_OK. */
int cmd_report_diag(const diag *d);

/* Reports a usage error ("mkreport: msg") plus a hint and returns CMD_USAGE. */
int cmd_usage_error(const char *mode, const char *msg);

#endif
