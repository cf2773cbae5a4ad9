/* check_sensitivity: one-way swings (src/model/sensitivity.c) and model_param_set
 * (src/model/params.c) on a two-year model worked by hand. */
#include <check.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "model/params.h"
#include "model/sensitivity.h"
#include "toy_fin.h"
#include "check_main.h"

#define EPS 1e-12

/* The four inputs of the tornado test (toy_two_years: NPV = -A + 40 g / (1 + r) with
 * A the tranche, g the Azure margin, r the discount rate; here spend S = 40):
 *   finance.azure_gross_margin 0.2 .. 0.8: NPV -10 + 8 = -2 .. -10 + 32 = 22, swing 24;
 *     payback: at 0.2 cumulative 2021 is -2 < 0: never (NaN); at 0.8: 2020 + 10/32.
 *   finance.hosting.compute_spend (2021 only) 25 .. 55: NPV -10 + 12.5 = 2.5 .. 17.5,
 *     swing 15; payback 2020 + 10/12.5 = 2020.8 .. 2020 + 10/27.5.
 *   finance.tranches.0.amount 5 .. 20: NPV 15 .. 0, swing 15 (a tie with compute_spend,
 *     which sorts first by path); payback 2020 + 5/20 = 2020.25 .. cumulative exactly
 *     0 in 2021: 2020 + 20/20 = 2021.
 *   finance.discount_rate 0 .. 0.1: NPV 10 .. -10 + 20/1.1, swing 20 - 20/1.1.
 * A fifth input has only a dist (no low/high) and gets no row. */
START_TEST(test_tornado_order_and_values)
{
	fin_params *p = malloc(sizeof *p);
	toy_two_years(p);
	model_uparam u[5] = {
		toy_param("finance.discount_rate", offsetof(fin_params, discount_rate), 1, 0,
		    0, 0.1),
		toy_param("finance.tranches.0.amount", offsetof(fin_params, tranche) +
		    offsetof(fin_tranche, amount), 1, 10, 5, 20),
		toy_param("finance.revenue.growth_initial", offsetof(fin_params, growth0), 1, 0,
		    NAN, NAN),
		toy_param("finance.azure_gross_margin", offsetof(fin_params, azure_gross_margin),
		    1, 0.5, 0.2, 0.8),
		toy_param("finance.hosting.compute_spend", offsetof(fin_params, compute_spend) +
		    sizeof(double), 1, 40, 25, 55),
	};
	sens_row r[5];
	size_t n = model_sensitivity(p, u, 5, r);
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(r[0].path, "finance.azure_gross_margin");
	ck_assert_str_eq(r[1].path, "finance.hosting.compute_spend");
	ck_assert_str_eq(r[2].path, "finance.tranches.0.amount");
	ck_assert_str_eq(r[3].path, "finance.discount_rate");
	ck_assert_uint_eq(r[0].param, 3);
	ck_assert_double_eq_tol(r[0].npv_low, -2, EPS);
	ck_assert_double_eq_tol(r[0].npv_high, 22, EPS);
	ck_assert_double_eq_tol(r[0].swing, 24, EPS);
	ck_assert(isnan(r[0].payback_low));
	ck_assert_double_eq_tol(r[0].payback_high, 2020 + 10.0 / 32, EPS);
	ck_assert_double_eq_tol(r[1].npv_low, 2.5, EPS);
	ck_assert_double_eq_tol(r[1].npv_high, 17.5, EPS);
	ck_assert_double_eq_tol(r[1].payback_low, 2020.8, EPS);
	ck_assert_double_eq_tol(r[1].payback_high, 2020 + 10 / 27.5, EPS);
	ck_assert_double_eq_tol(r[2].npv_low, 15, EPS);
	ck_assert_double_eq_tol(r[2].npv_high, 0, EPS);
	ck_assert_double_eq_tol(r[2].payback_low, 2020.25, EPS);
	ck_assert_double_eq_tol(r[2].payback_high, 2021, EPS);
	ck_assert_double_eq_tol(r[3].npv_low, 10, EPS);
	ck_assert_double_eq_tol(r[3].npv_high, -10 + 20 / 1.1, EPS);
	ck_assert_double_eq_tol(r[3].swing, 20 - 20 / 1.1, EPS);
	/* the base inputs are untouched */
	ck_assert_double_eq(p->azure_gross_margin, 0.5);
	ck_assert_double_eq(p->tranche[0].amount, 10);
	free(p);
}
END_TEST

/* A per-year input given as one constant covers count years and nothing else. */
START_TEST(test_param_set_fills_years)
{
	fin_params *p = malloc(sizeof *p);
	toy_two_years(p);
	p->rev_share[0] = p->rev_share[4] = 7;
	param_ref ref = { offsetof(fin_params, rev_share) + sizeof(double), 3 };
	model_param_set(p, &ref, 0.25);
	ck_assert_double_eq(p->rev_share[0], 7);
	ck_assert_double_eq(p->rev_share[1], 0.25);
	ck_assert_double_eq(p->rev_share[3], 0.25);
	ck_assert_double_eq(p->rev_share[4], 7);
	ck_assert_double_eq(model_param_get(p, &ref), 0.25);
	free(p);
}
END_TEST

/* Draws outside an input's accepted range are clamped to it (just above an open min). */
START_TEST(test_clamp)
{
	model_uparam u = toy_param("x", 0, 1, 0.5, NAN, NAN);
	u.min = 0;
	u.max = 1;
	ck_assert_double_eq(model_param_clamp(&u, 1.5), 1);
	ck_assert_double_eq(model_param_clamp(&u, -0.5), 0);
	ck_assert_double_eq(model_param_clamp(&u, 0.3), 0.3);
	u.min_open = 1;
	ck_assert(model_param_clamp(&u, 0) > 0);
	ck_assert(model_param_clamp(&u, 0) < 1e-300);
}
END_TEST

static Suite *
sensitivity_suite(void)
{
	Suite *s = suite_create("sensitivity");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_tornado_order_and_values);
	tcase_add_test(tc, test_param_set_fills_years);
	tcase_add_test(tc, test_clamp);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(sensitivity_suite());
}
