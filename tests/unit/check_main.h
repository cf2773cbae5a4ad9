/* check_main: what every Check suite's main() shares. */
#ifndef MKR_CHECK_MAIN_H
#define MKR_CHECK_MAIN_H

#include <check.h>
#include <stdlib.h>

/* Runs suite s (the runner takes it over) with normal output. Returns EXIT_SUCCESS if
 * every test passed, else EXIT_FAILURE: main's exit status. */
static inline int
check_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
