/* check_scale: unit tests of scales and nice ticks (src/chart/scale.c), worked by hand. */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "chart/scale.h"
#include "check_main.h"

/* Asserts t holds exactly the n values of want. */
static void
expect_ticks(const scale_ticks *t, const double *want, size_t n)
{
	ck_assert_uint_eq(t->n, n);
	for (size_t i = 0; i < n; i++)
		ck_assert_double_eq_tol(t->v[i], want[i], 1e-12 * (fabs(want[i]) + 1e-3));
}

START_TEST(test_unit_range)
{
	/* step 0.1 would need 10 intervals; 0.2 needs 5 */
	scale_ticks t;
	static const double want[] = { 0, 0.2, 0.4, 0.6, 0.8, 1 };
	ck_assert_int_eq(scale_nice(0, 1, 5, &t), 0);
	expect_ticks(&t, want, 6);
	ck_assert_double_eq(t.v[3], 0.6); /* exact decimal: 6 / 10, not 3 * 0.2 */
	ck_assert_double_eq_tol(t.step, 0.2, 1e-15);
	ck_assert_double_eq(t.lo, 0);
	ck_assert_double_eq(t.hi, 1);
}
END_TEST

START_TEST(test_small_range)
{
	/* [0.003, 0.0071]: step 0.0005 spans 6..15 = 9 intervals; 0.001 spans 3..8 = 5 */
	scale_ticks t;
	static const double want[] = { 0.003, 0.004, 0.005, 0.006, 0.007, 0.008 };
	ck_assert_int_eq(scale_nice(0.003, 0.0071, 5, &t), 0);
	expect_ticks(&t, want, 6);
	ck_assert_double_eq(t.v[0], 0.003);
	ck_assert_double_eq(t.hi, 0.008);
}
END_TEST

START_TEST(test_mixed_sign)
{
	/* [-13, 220]: step 50 spans -1..5 = 6 intervals, rounded outward to -50..250 */
	scale_ticks t;
	static const double w6[] = { -50, 0, 50, 100, 150, 200, 250 };
	static const double w5[] = { -100, 0, 100, 200, 300 };
	ck_assert_int_eq(scale_nice(-13, 220, 6, &t), 0);
	expect_ticks(&t, w6, 7);
	/* with at most 5 intervals, 50 no longer fits: step 100 */
	ck_assert_int_eq(scale_nice(220, -13, 5, &t), 0);
	expect_ticks(&t, w5, 5);
}
END_TEST

START_TEST(test_single_value)
{
	scale_ticks t;
	static const double pos[] = { 0, 10, 20, 30, 40, 50 };
	static const double neg[] = { -3, -2, -1, 0 };
	static const double zero[] = { 0, 0.2, 0.4, 0.6, 0.8, 1 };
	ck_assert_int_eq(scale_nice(42, 42, 5, &t), 0); /* becomes [0, 42] */
	expect_ticks(&t, pos, 6);
	ck_assert_int_eq(scale_nice(-3, -3, 5, &t), 0); /* becomes [-3, 0] */
	expect_ticks(&t, neg, 4);
	ck_assert_int_eq(scale_nice(0, 0, 5, &t), 0);   /* zero range becomes [0, 1] */
	expect_ticks(&t, zero, 6);
}
END_TEST

START_TEST(test_bad_bounds)
{
	scale_ticks t;
	t.n = 99;
	ck_assert_int_eq(scale_nice(NAN, 1, 5, &t), -1);
	ck_assert_int_eq(scale_nice(0, INFINITY, 5, &t), -1);
	ck_assert_uint_eq(t.n, 99); /* untouched */
	ck_assert_int_eq(scale_nice_log(0, 10, 5, &t), -1);
	ck_assert_int_eq(scale_nice_log(-1, 10, 5, &t), -1);
}
END_TEST

START_TEST(test_exact_bounds_stay)
{
	/* a bound on a tick is not pushed one step further out */
	scale_ticks t;
	ck_assert_int_eq(scale_nice(0, 100, 5, &t), 0);
	ck_assert_double_eq(t.lo, 0);
	ck_assert_double_eq(t.hi, 100);
	ck_assert_double_eq(t.step, 20);
	ck_assert_int_eq(scale_nice(0.1, 0.3, 2, &t), 0); /* 0.3 is not exactly 3 * 0.1 */
	ck_assert_double_eq(t.hi, 0.3);
	ck_assert_uint_eq(t.n, 3);
}
END_TEST

START_TEST(test_log_ticks)
{
	scale_ticks t;
	static const double all[] = { 1, 10, 100, 1000, 10000 };
	static const double every2[] = { 1, 100, 10000 };
	static const double one[] = { 1, 2, 5, 10 };
	ck_assert_int_eq(scale_nice_log(3, 4500, 5, &t), 0);
	expect_ticks(&t, all, 5);
	ck_assert_int_eq(scale_nice_log(3, 4500, 2, &t), 0);
	expect_ticks(&t, every2, 3);
	ck_assert_int_eq(scale_nice_log(2, 8, 5, &t), 0);
	expect_ticks(&t, one, 4);
}
END_TEST

START_TEST(test_year_ticks)
{
	scale_ticks t;
	static const double by2[] = { 2020, 2022, 2024, 2026, 2028, 2030 };
	static const double by1[] = { 2019, 2020, 2021 };
	static const double by5[] = { 2020, 2025, 2030, 2035, 2040 };
	scale_year_ticks(2019, 2030, 7, &t); /* 12 years > 7; evens: 6 */
	expect_ticks(&t, by2, 6);
	ck_assert_double_eq(t.lo, 2019);
	ck_assert_double_eq(t.hi, 2030);
	scale_year_ticks(2019, 2021, 7, &t);
	expect_ticks(&t, by1, 3);
	scale_year_ticks(2019, 2040, 6, &t); /* 22, 11 (by 2) > 6; by 5: 5 */
	expect_ticks(&t, by5, 5);
}
END_TEST

START_TEST(test_decimals)
{
	ck_assert_int_eq(scale_decimals(10), 0);
	ck_assert_int_eq(scale_decimals(1), 0);
	ck_assert_int_eq(scale_decimals(0.5), 1);
	ck_assert_int_eq(scale_decimals(0.2), 1);
	ck_assert_int_eq(scale_decimals(0.25), 2);
	ck_assert_int_eq(scale_decimals(0.005), 3);
	ck_assert_int_eq(scale_decimals(2.5), 1); /* a percent step of 0.025 shown x100 */
	ck_assert_int_eq(scale_decimals(250), 0);
	ck_assert_int_eq(scale_decimals(0), 0);
	ck_assert_int_eq(scale_decimals(NAN), 0);
}
END_TEST

START_TEST(test_map)
{
	scale lin = { SCALE_LINEAR, 0, 100, 0, 500, 0, 0 };
	scale inv = { SCALE_LINEAR, -50, 250, 400, 100, 0, 0 };
	scale lg = { SCALE_LOG, 1, 100, 0, 200, 0, 0 };
	scale band = { SCALE_BAND, 0, 0, 0, 400, 4, 0.25 };
	ck_assert_double_eq_tol(scale_map(&lin, 25), 125, 1e-9);
	ck_assert_double_eq_tol(scale_map(&inv, 0), 350, 1e-9); /* 50/300 of the way up */
	ck_assert_double_eq_tol(scale_map(&lg, 10), 100, 1e-9);
	/* 4 bands of 100 px, 25% empty: start 100 + 12.5, width 75, middle 150 */
	ck_assert_double_eq_tol(scale_band_start(&band, 1), 112.5, 1e-9);
	ck_assert_double_eq_tol(scale_band_width(&band), 75, 1e-9);
	ck_assert_double_eq_tol(scale_band_mid(&band, 1), 150, 1e-9);
}
END_TEST

/* A range below double resolution at its magnitude ([1e15, 1e15 + 0.125] is one ulp)
 * counts as zero-width: [0, 1e15 + 0.125] in steps of 1e14 (hand-worked: 1e13, 2e13
 * and 5e13 give 100, 50 and 20 intervals; 1e14 gives 10, the 0.125 past 1e15 being
 * rounding noise), never more than SCALE_MAX_TICKS ticks. */
START_TEST(test_resolution_range)
{
	scale_ticks t;
	ck_assert_int_eq(scale_nice(1e15, 1e15 + 0.125, 10, &t), 0);
	ck_assert_uint_le(t.n, SCALE_MAX_TICKS);
	ck_assert_double_eq(t.lo, 0);
	ck_assert_double_eq(t.step, 1e14);
	ck_assert_uint_eq(t.n, 11);
	ck_assert_double_eq(t.hi, 1e15);
	ck_assert_int_eq(scale_nice(-1e15 - 0.125, -1e15, 10, &t), 0);
	ck_assert_double_eq(t.lo, -1e15);
	ck_assert_double_eq(t.hi, 0);
}
END_TEST

/* A span that overflows a double is refused like a non-finite bound. */
START_TEST(test_overflowing_span)
{
	scale_ticks t = { .n = 7 };
	ck_assert_int_eq(scale_nice(-1e308, 1e308, 5, &t), -1);
	ck_assert_uint_eq(t.n, 7);
}
END_TEST

static Suite *
scale_suite(void)
{
	Suite *s = suite_create("scale");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_unit_range);
	tcase_add_test(tc, test_small_range);
	tcase_add_test(tc, test_mixed_sign);
	tcase_add_test(tc, test_single_value);
	tcase_add_test(tc, test_bad_bounds);
	tcase_add_test(tc, test_exact_bounds_stay);
	tcase_add_test(tc, test_log_ticks);
	tcase_add_test(tc, test_year_ticks);
	tcase_add_test(tc, test_decimals);
	tcase_add_test(tc, test_map);
	tcase_add_test(tc, test_resolution_range);
	tcase_add_test(tc, test_overflowing_span);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(scale_suite());
}
