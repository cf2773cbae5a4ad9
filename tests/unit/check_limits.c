/* check_limits: the size limits that keep every build linear (docs/authoring.md,
 * "Limits") that a bad-input case cannot reach through the other limits. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "chart/chart.h"
#include "check_main.h"

/* Returns chart_validate's reason for a line chart of two series of n values each. */
static void
validate_two(size_t n, char *why, size_t cap)
{
	double *v = calloc(n, sizeof *v);
	ck_assert_ptr_nonnull(v);
	chart_series se[2] = { { "A", n, v, NULL, NULL }, { "B", n, v, NULL, NULL } };
	chart_spec s;
	memset(&s, 0, sizeof s);
	s.type = CHART_LINE;
	s.title = "T";
	s.nseries = 2;
	s.series = se;
	why[0] = '\0';
	chart_validate(&s, why, cap);
	free(v);
}

START_TEST(chart_values_counted_over_all_series)
{
	char why[256];
	/* each series is under the limit, together they are over it */
	validate_two(CHART_MAX_VALUES / 2 + 1, why, sizeof why);
	ck_assert_msg(strstr(why, "a chart holds at most 100000 values, this one 100002") != NULL,
	    "reason: '%s'", why);
	/* exactly at the limit: refused for some other reason (no categories), not this */
	validate_two(CHART_MAX_VALUES / 2, why, sizeof why);
	ck_assert_msg(strstr(why, "at most 100000 values") == NULL, "reason: '%s'", why);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("limits");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, chart_values_counted_over_all_series);
	suite_add_tcase(s, tc);
	return check_run(s);
}
