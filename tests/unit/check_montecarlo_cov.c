/* check_montecarlo_cov: the Monte Carlo at its edges on the two-year toy model: paid
 * back in the first year, never paid back, an input that changes nothing, fewer draws
 * than a block's lanes, and the runs it refuses. */
#include <check.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "model/finance.h"
#include "model/montecarlo.h"
#include "model/rng.h"
#include "toy_fin.h"
#include "check_main.h"

/* Asserts |a - b| <= 1e-12 relative (absolute near zero); NaN equals NaN. */
static void
close12(double a, double b)
{
	if (isnan(a) || isnan(b)) {
		ck_assert(isnan(a) && isnan(b));
		return;
	}
	ck_assert_double_le(fabs(a - b), 1e-12 * fmax(1, fmax(fabs(a), fabs(b))));
}

/* Asserts the kernel gives model_fin_run's cumulative, NPV and payback for p. */
static void
kernel_is_model(const fin_params *p)
{
	fin_result *r = malloc(sizeof *r);
	mc_draw d;
	model_mc_kernel(p, &d);
	model_fin_run(p, r);
	for (int i = 0; i < r->n; i++)
		close12(d.cumulative[i], r->cumulative[i]);
	close12(d.npv, r->npv);
	close12(d.payback, r->payback_year);
	free(r);
}

START_TEST(test_kernel_paid_back_in_the_first_year)
{
	fin_params *p = malloc(sizeof *p);
	toy_two_years(p);
	p->tranche[0].year = 2021; /* paid in the second year; hosting income in the first */
	p->compute_spend[0] = 40;
	kernel_is_model(p);
	mc_draw d;
	model_mc_kernel(p, &d);
	ck_assert_double_eq(d.payback, 2020);
	ck_assert_double_eq(d.cumulative[0], 20);
	free(p);
}
END_TEST

START_TEST(test_kernel_never_paid_back)
{
	fin_params *p = malloc(sizeof *p);
	toy_two_years(p);
	p->tranche[0].amount = 100;
	kernel_is_model(p);
	mc_draw d;
	model_mc_kernel(p, &d);
	ck_assert(isnan(d.payback));
	free(p);
}
END_TEST

/* The toy's compute_spend[1] sampled uniform on [lo, hi]. */
static model_uparam
spend(double lo, double hi)
{
	model_uparam u = toy_param("finance.hosting.compute_spend",
	    offsetof(fin_params, compute_spend) + sizeof(double), 1, 40, NAN, NAN);
	u.has_dist = 1;
	u.law = (dist){ DIST_UNIFORM, lo, hi, 0 };
	u.min = 0;
	return u;
}

START_TEST(test_runs_refused)
{
	fin_params *p = malloc(sizeof *p);
	mc_summary *s = malloc(sizeof *s);
	toy_two_years(p);
	model_uparam u = spend(20, 60);
	mc_config none = { 0, 1, 1 };
	ck_assert_int_eq(model_mc_run(p, &u, 1, &none, s), -1);
	mc_config cfg = { 10, 1, 1 };
	p->T = 2019; /* no year */
	ck_assert_int_eq(model_mc_run(p, &u, 1, &cfg, s), -1);
	free(p);
	free(s);
}
END_TEST

START_TEST(test_fewer_draws_than_lanes)
{
	/* Five draws on one and on three threads: the same summary; NPV = -10 + spend / 2
	 * lies in [0, 20] for spend in [20, 60], and every draw pays back in 2020. */
	fin_params *p = malloc(sizeof *p);
	mc_summary *a = malloc(sizeof *a), *b = malloc(sizeof *b);
	toy_two_years(p);
	model_uparam u = spend(20, 60);
	mc_config one = { 5, 3, 1 }, three = { 5, 3, 3 };
	ck_assert_int_eq(model_mc_run(p, &u, 1, &one, a), 0);
	ck_assert_int_eq(model_mc_run(p, &u, 1, &three, b), 0);
	ck_assert_uint_eq(a->draws, 5);
	for (int k = 0; k < MC_NPCT; k++) {
		ck_assert(a->npv[k] >= 0 && a->npv[k] <= 20);
		ck_assert(k == 0 || a->npv[k] >= a->npv[k - 1]);
		ck_assert(a->payback[k] >= 2020 && a->payback[k] <= 2021);
		close12(a->npv[k], b->npv[k]);
		close12(a->payback[k], b->payback[k]);
	}
	ck_assert_double_eq(a->payback_prob[1], 1);
	free(p);
	free(a);
	free(b);
}
END_TEST

START_TEST(test_never_paid_back_and_constant)
{
	fin_params *p = malloc(sizeof *p);
	mc_summary *s = malloc(sizeof *s);
	toy_two_years(p);
	/* 100 invested: no draw pays back; the payback percentiles are null */
	p->tranche[0].amount = 100;
	model_uparam u = spend(20, 60);
	mc_config cfg = { 300, 5, 2 };
	ck_assert_int_eq(model_mc_run(p, &u, 1, &cfg, s), 0);
	for (int k = 0; k < MC_NPCT; k++)
		ck_assert(isnan(s->payback[k]));
	ck_assert_double_eq(s->payback_prob[0], 0);
	ck_assert_double_eq(s->payback_prob[1], 0);
	/* a sampled input the model does not use (no stake, so no valuation): every
	 * percentile is the one value, NPV 10 and payback 2020.5 */
	p->tranche[0].amount = 10;
	model_uparam v = toy_param("finance.valuation", offsetof(fin_params, valuation), 1, 5,
	    NAN, NAN);
	v.has_dist = 1;
	v.law = (dist){ DIST_NORMAL, 100, 10, 0 };
	ck_assert_int_eq(model_mc_run(p, &v, 1, &cfg, s), 0);
	for (int k = 0; k < MC_NPCT; k++) {
		close12(s->npv[k], 10);
		close12(s->payback[k], 2020.5);
		close12(s->cumulative[k][0], -10);
	}
	free(p);
	free(s);
}
END_TEST

START_TEST(test_kernel_tranches_outside_the_years)
{
	/* a tranche before the first year and one after the last: paid in no year of the
	 * horizon, in the kernel as in model_fin_run */
	fin_params *p = malloc(sizeof *p);
	toy_two_years(p);
	p->ntranches = 3;
	p->tranche[1] = (fin_tranche){ 2019, 4, 1 };
	p->tranche[2] = (fin_tranche){ 2025, 6, 0.5 };
	kernel_is_model(p);
	mc_draw d;
	model_mc_kernel(p, &d);
	ck_assert_double_eq(d.cumulative[0], -10);
	ck_assert_double_eq(d.cumulative[1], 10);
	free(p);
}
END_TEST

static Suite *
mc_suite(void)
{
	Suite *s = suite_create("montecarlo_cov");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_kernel_paid_back_in_the_first_year);
	tcase_add_test(tc, test_kernel_never_paid_back);
	tcase_add_test(tc, test_kernel_tranches_outside_the_years);
	tcase_add_test(tc, test_runs_refused);
	tcase_add_test(tc, test_fewer_draws_than_lanes);
	tcase_add_test(tc, test_never_paid_back_and_constant);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(mc_suite());
}
