/* check_draw: main() of the suites that draw (charts, frames, cards): the process set-up
 * and the shipped fonts around check_run. */
#ifndef MKR_CHECK_DRAW_H
#define MKR_CHECK_DRAW_H

#include <stdio.h>
#include <stdlib.h>

#include "chart/chart.h"
#include "cmd/cmd.h"
#include "check_main.h"

/* Sets up the process and the fonts of templates/fonts.conf, runs suite s (named name
 * in an error) and tears the process down (s is not freed when the fonts fail: main
 * exits). Returns main's exit status: EXIT_FAILURE if
 * the fonts cannot be set up or a test failed. */
static inline int
check_run_drawing(const char *name, Suite *s)
{
	char why[256];
	cmd_process_init();
	if (chart_fonts_init("templates/fonts.conf", why, sizeof why) != 0) {
		fprintf(stderr, "%s: %s\n", name, why);
		return EXIT_FAILURE;
	}
	int rc = check_run(s);
	cmd_process_fini();
	return rc;
}

#endif
