/* check_chart_validate_cov: chart_validate's refusals one by one (src/chart/validate.c),
 * each spec broken in one place and the reason it must give. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart/chart.h"
#include "check_main.h"

static const int years3[] = { 2024, 2025, 2026 };
static const int years_bad[] = { 2024, 2024, 2026 };
static const int years_other[] = { 2024, 2025, 2027 };
static const double vals3[] = { 1, 2, 3 };
static const double neg3[] = { 1, -2, 3 };
static const char *const cats3[] = { "A", "B", "C" };
static const char *const cats_hole[] = { "A", NULL, "C" };
static chart_series ser[13];
static chart_spec s;

/* A valid line chart of one series over three years. */
static void
setup(void)
{
	memset(ser, 0, sizeof ser);
	for (size_t i = 0; i < 13; i++)
		ser[i] = (chart_series){ "S", 3, vals3, years3, NULL };
	s = (chart_spec){ .type = CHART_LINE, .title = "T", .alt = "A", .nseries = 1,
		.series = ser };
}

/* Asserts that s is refused with a reason containing want. */
#define REFUSED(want)                                                              \
	do {                                                                           \
		char why_[256] = "";                                                       \
		ck_assert_int_eq(chart_validate(&s, why_, sizeof why_), -1);               \
		ck_assert_msg(strstr(why_, (want)) != NULL, "reason '%s', want '%s'", why_, \
		    (want));                                                               \
	} while (0)

/* Asserts that s is accepted. */
#define ACCEPTED()                                                                 \
	do {                                                                           \
		char why_[256] = "";                                                       \
		ck_assert_msg(chart_validate(&s, why_, sizeof why_) == 0, "refused: %s", why_); \
	} while (0)

/* Makes s a bar chart of one series over the three categories. */
static void
as_bars(void)
{
	s.type = CHART_BAR;
	s.ncats = 3;
	s.cats = cats3;
	ser[0].years = NULL;
	ser[1].years = NULL;
}

START_TEST(test_valid_and_why_size_zero)
{
	ACCEPTED();
	s.nseries = 0;
	ck_assert_int_eq(chart_validate(&s, NULL, 0), -1); /* no room for the reason */
}
END_TEST

START_TEST(test_series_shape)
{
	ser[0].n = 0;
	REFUSED("series 1 'S' is empty");
	ser[0].n = 3;
	ser[0].label = NULL;
	ser[0].vals = NULL;
	REFUSED("series 1 '(unnamed)' is empty");
	ser[0].vals = vals3;
	ser[0].n = CHART_MAX_VALUES + 1;
	s.nseries = 1;
	REFUSED("a chart holds at most 100000 values");
}
END_TEST

START_TEST(test_values)
{
	static const double inf3[] = { 1, INFINITY, 3 }, huge3[] = { 1, 2e15, 3 };
	ser[0].vals = inf3;
	REFUSED("series 'S' value 2 is infinite");
	ser[0].vals = huge3;
	REFUSED("series 'S' value 2 is beyond +-1e+15");
	ser[0].vals = neg3;
	s.y.log = 1;
	REFUSED("series 'S' value 2 is -2: a log scale needs values > 0");
	s.y.log = 0;
	ser[0].vals = vals3;
	ser[0].years = years_bad;
	REFUSED("series 'S' years are not increasing at 2024");
}
END_TEST

START_TEST(test_years_or_categories)
{
	s.nseries = 2;
	ser[1].years = NULL;
	REFUSED("series 'S' has no years");
	as_bars();
	ser[1].years = years3;
	REFUSED("series 'S' has years; this chart uses categories");
	ser[1].years = NULL;
	ser[1].n = 2;
	REFUSED("series 'S' has 2 values for 3 categories");
}
END_TEST

START_TEST(test_categories)
{
	as_bars();
	s.cats = NULL;
	REFUSED("categories are missing");
	s.cats = cats_hole;
	REFUSED("category 2 has no name");
}
END_TEST

START_TEST(test_area)
{
	s.type = CHART_AREA;
	s.nseries = 2;
	ACCEPTED();
	ser[1].years = years_other;
	ser[1].label = "Other";
	REFUSED("series 'S' and 'Other' differ in years");
	ser[1].years = years3;
	ser[1].vals = neg3;
	REFUSED("series 'Other' has a negative value; stacked areas need values >= 0");
	/* categories instead of years */
	ser[0].years = ser[1].years = NULL;
	ser[1].vals = vals3;
	s.ncats = 3;
	s.cats = cats3;
	ACCEPTED();
}
END_TEST

START_TEST(test_tornado_waterfall)
{
	as_bars();
	s.type = CHART_TORNADO;
	REFUSED("tornado needs two series (low, high), not 1");
	s.nseries = 2;
	s.base = NAN;
	REFUSED("tornado base value is not finite");
	s.base = 2e15;
	REFUSED("tornado base value is not finite");
	s.base = 1;
	ACCEPTED();
	s.type = CHART_WATERFALL;
	REFUSED("waterfall needs one series of deltas, not 2");
	s.nseries = 1;
	ACCEPTED();
}
END_TEST

/* A valid fan over the three years, its percentiles from lo to hi. */
static const double p0[] = { 1, 1, 1 }, p1[] = { 2, 2, 2 }, p2[] = { 3, 3, 3 },
	p3[] = { 4, 4, 4 }, p4[] = { 5, 5, 5 };
static chart_fan fan;

static void
as_fan(void)
{
	fan = (chart_fan){ "Median", 3, years3, { p0, p1, p2, p3, p4 } };
	s.type = CHART_FAN;
	s.nseries = 0;
	s.nfans = 1;
	s.fans = &fan;
}

START_TEST(test_fan)
{
	as_fan();
	ACCEPTED();
	s.nfans = 0;
	REFUSED("fan chart has no fans");
	s.nfans = 1;
	fan.n = 0;
	REFUSED("fan 'Median' is empty");
	fan.n = 3;
	fan.years = NULL;
	fan.label = NULL;
	REFUSED("fan '(unnamed)' is empty");
	fan.label = "Median";
	fan.years = years3;
	fan.p[2] = NULL;
	REFUSED("fan 'Median' lacks a percentile series");
	fan.p[2] = p2;
	fan.years = years_bad;
	REFUSED("fan 'Median' years are not increasing at 2024");
	fan.years = years3;
	static const double nan3[] = { 1, NAN, 1 }, inf3[] = { 1, INFINITY, 1 },
		big3[] = { 1, 2e15, 1 }, low3[] = { 0, 0, 0 };
	fan.p[0] = nan3;
	REFUSED("fan 'Median' has a NaN value in 2025");
	fan.p[0] = inf3;
	REFUSED("fan 'Median' has a infinite value in 2025");
	fan.p[0] = big3;
	REFUSED("fan 'Median' has a value beyond +-1e+15");
	fan.p[0] = low3;
	s.y.log = 1;
	REFUSED("fan 'Median' has 0 in 2024: a log scale needs values > 0");
	s.y.log = 0;
	fan.p[0] = p0;
	fan.p[1] = low3;
	REFUSED("fan 'Median' percentiles are out of order in 2024");
	fan.p[1] = p1;
	/* a fan with a year series over it */
	s.nseries = 1;
	ACCEPTED();
	ser[0].years = NULL;
	REFUSED("series 'S' has no years");
}
END_TEST

START_TEST(test_timeline)
{
	static chart_event ev[2];
	ev[0] = (chart_event){ 2024, 3, "Launch" };
	ev[1] = (chart_event){ 2025, 0, "Deal" };
	s.type = CHART_TIMELINE;
	s.nseries = 0;
	REFUSED("timeline has no events");
	s.nevents = 2;
	REFUSED("timeline has no events"); /* a count without its array */
	s.events = ev;
	ACCEPTED();
	ev[1].year = 0;
	REFUSED("event 2 has an invalid date 0-0");
	ev[1].year = 10000;
	REFUSED("event 2 has an invalid date 10000-0");
	ev[1].year = 2025;
	ev[1].month = -1;
	REFUSED("event 2 has an invalid date 2025--1");
	ev[1].month = 13;
	REFUSED("event 2 has an invalid date 2025-13");
	ev[1].month = 12;
	ev[1].label = NULL;
	REFUSED("event 2 has no label");
	ev[1].label = "";
	REFUSED("event 2 has no label");
}
END_TEST

START_TEST(test_matrix_and_multiples)
{
	as_bars();
	s.type = CHART_MATRIX;
	ACCEPTED();
	as_bars();
	s.type = CHART_MULTIPLES;
	ser[0].years = ser[1].years = years3;
	s.ncats = 0;
	s.cats = NULL;
	s.nseries = 13;
	REFUSED("small multiples take at most 12 series, not 13");
	s.nseries = 12;
	ACCEPTED();
}
END_TEST

START_TEST(test_type_and_size)
{
	s.type = CHART_TYPE_COUNT_;
	REFUSED("unknown chart type 9");
	s.type = CHART_LINE;
	s.width = 100;
	REFUSED("chart size 100x0 is outside 200..4000 px");
	s.width = 5000;
	REFUSED("chart size 5000x0 is outside");
	s.width = 800;
	s.height = 100;
	REFUSED("chart size 800x100 is outside");
	s.height = 5000;
	REFUSED("chart size 800x5000 is outside");
	s.height = 450;
	ACCEPTED();
}
END_TEST

START_TEST(test_missing_arrays)
{
	s.series = NULL;
	REFUSED("a count is set but its array is missing");
	s.series = ser;
	s.nfans = 1;
	REFUSED("a count is set but its array is missing");
	s.nfans = 0;
	s.nannots = 1;
	REFUSED("a count is set but its array is missing");
}
END_TEST

START_TEST(test_axes)
{
	s.y.has_min = 1;
	s.y.min = NAN;
	REFUSED("y axis bound is not finite");
	s.y.has_min = 0;
	s.y.has_max = 1;
	s.y.max = INFINITY;
	REFUSED("y axis bound is not finite");
	s.y.max = 2e15;
	REFUSED("y axis bound is beyond +-1e+15");
	s.y.has_max = 0;
	s.x.has_min = 1;
	s.x.min = -2e15;
	REFUSED("x axis bound is beyond +-1e+15");
	s.x.has_min = 0;
	s.x.log = 1;
	REFUSED("a log scale is only for the value axis of line, fan and multiples charts");
	s.x.log = 0;
	as_bars();
	s.y.log = 1;
	REFUSED("a log scale is only for the value axis");
	setup();
	s.y.log = 1;
	s.y.has_min = 1;
	s.y.min = 0;
	REFUSED("y axis bound must be > 0 on a log scale");
	s.y.min = 0.5;
	s.y.has_max = 1;
	s.y.max = -1;
	REFUSED("y axis bound must be > 0 on a log scale");
	s.y.max = 10;
	ACCEPTED();
	setup();
	as_fan();
	s.y.log = 1;
	ACCEPTED();
	setup();
	s.type = CHART_MULTIPLES;
	s.y.log = 1;
	ACCEPTED();
}
END_TEST

START_TEST(test_annotations)
{
	static chart_annot an[1];
	s.nannots = 1;
	s.annots = an;
	an[0] = (chart_annot){ CHART_ANNOT_HLINE, NAN, 1, "Zero" };
	ACCEPTED(); /* x unused by a horizontal line */
	an[0].kind = (chart_annot_kind)7;
	REFUSED("annotation 1 has an unknown kind");
	an[0] = (chart_annot){ CHART_ANNOT_VLINE, 2025, NAN, NULL };
	ACCEPTED();
	an[0].x = NAN;
	REFUSED("annotation 1 ('') has a NaN or infinite position");
	an[0] = (chart_annot){ CHART_ANNOT_POINT, 2025, INFINITY, "P" };
	REFUSED("annotation 1 ('P') has a NaN or infinite position");
	an[0].y = -1;
	s.y.log = 1;
	REFUSED("annotation 1 is at -1: a log scale needs values > 0");
	s.y.log = 0;
	an[0].y = 2e15;
	REFUSED("annotation 1 is beyond +-1e+15");
	an[0].y = 1;
	an[0].x = -2e15;
	REFUSED("annotation 1 is beyond +-1e+15");
	an[0] = (chart_annot){ CHART_ANNOT_VLINE, 2025, 1e300, NULL };
	s.y.log = 1;
	ACCEPTED(); /* y unused by a vertical line, even on a log scale */
}
END_TEST

static Suite *
suite(void)
{
	Suite *su = suite_create("chart_validate_cov");
	TCase *t = tcase_create("validate");
	tcase_add_checked_fixture(t, setup, NULL);
	tcase_add_test(t, test_valid_and_why_size_zero);
	tcase_add_test(t, test_series_shape);
	tcase_add_test(t, test_values);
	tcase_add_test(t, test_years_or_categories);
	tcase_add_test(t, test_categories);
	tcase_add_test(t, test_area);
	tcase_add_test(t, test_tornado_waterfall);
	tcase_add_test(t, test_fan);
	tcase_add_test(t, test_timeline);
	tcase_add_test(t, test_matrix_and_multiples);
	tcase_add_test(t, test_type_and_size);
	tcase_add_test(t, test_missing_arrays);
	tcase_add_test(t, test_axes);
	tcase_add_test(t, test_annotations);
	suite_add_tcase(su, t);
	return su;
}

int
main(void)
{
	return check_run(suite());
}
