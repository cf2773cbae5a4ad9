/* check_montecarlo: the Monte Carlo (src/model/montecarlo.c): its kernel against
 * model_fin_run, identical results for any thread count, percentiles with a known
 * answer, and memory that does not grow with the number of draws. */
#include <check.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "model/finance.h"
#include "model/montecarlo.h"
#include "model/rng.h"
#include "model/unc_metrics.h"
#include "model/export.h"
#include "toy_fin.h"

/* A twelve-year model using every part of the formulas: tranches with credits, growth
 * decay, an actual, a margin path with an actual, carried losses, a capped waterfall
 * that ends, revenue share, hosting, a stake sale. */
static void
rich_model(fin_params *p)
{
	toy_two_years(p);
	p->T = 2031;
	p->discount_rate = 0.08;
	p->azure_gross_margin = 0.4;
	p->ntranches = 3;
	p->tranche[0] = (fin_tranche){ 2020, 1, 0.5 };
	p->tranche[1] = (fin_tranche){ 2022, 2, 0.3 };
	p->tranche[2] = (fin_tranche){ 2024, 3, 0.4 };
	p->revenue0 = 0.5;
	p->growth0 = 2.0;
	p->growth_inf = 0.05;
	p->growth_decay = 0.7;
	p->revenue_actual[3] = 4;
	p->margin0 = -1.5;
	p->margin_inf = 0.25;
	p->margin_year = 2028;
	p->margin_actual[2] = -2;
	p->loss_carry0 = 0.5;
	p->a1 = 0.75;
	p->a2 = 0.49;
	p->recoup_multiple = 1;
	p->cap_multiple = 3;
	p->waterfall_end = 2029;
	for (int i = 0; i < 12; i++) {
		p->rev_share[i] = i >= 3 && i <= 9 ? 0.2 - 0.01 * i : 0;
		p->compute_spend[i] = NAN;
		p->compute_intensity[i] = 1.2 - 0.05 * i;
		p->azure_share[i] = 1 - 0.04 * i;
		p->stake[i] = i >= 5 ? 0.27 : 0;
		p->valuation[i] = 100 + 50 * i;
	}
	p->sale_year = 2030;
	p->sale_fraction = 0.3;
}

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

/* The kernel gives model_fin_run's cumulative, NPV and payback for 50 random draws of
 * ten inputs (and for the model as given). */
START_TEST(test_kernel_equals_model)
{
	fin_params *p = malloc(sizeof *p);
	fin_result *r = malloc(sizeof *r);
	mc_draw d;
	rng g;
	rng_seed(&g, 42);
	rich_model(p);
	for (int k = 0; k <= 50; k++) {
		model_mc_kernel(p, &d);
		model_fin_run(p, r);
		for (int i = 0; i < r->n; i++)
			close12(d.cumulative[i], r->cumulative[i]);
		close12(d.npv, r->npv);
		close12(d.payback, r->payback_year);
		p->discount_rate = 0.02 + 0.1 * rng_uniform01(&g);
		p->azure_gross_margin = rng_uniform01(&g);
		p->tranche[1].cash_fraction = rng_uniform01(&g);
		p->growth0 = 1 + 3 * rng_uniform01(&g);
		p->growth_decay = 0.5 + 0.5 * rng_uniform01(&g);
		p->margin_inf = 0.4 * rng_uniform01(&g) - 0.1;
		p->cap_multiple = rng_uniform01(&g) < 0.3 ? NAN : 1 + 5 * rng_uniform01(&g);
		p->a1 = rng_uniform01(&g);
		p->loss_carry0 = 3 * rng_uniform01(&g);
		p->valuation[9] = 1000 * rng_uniform01(&g);
	}
	free(p);
	free(r);
}
END_TEST

/* The toy model with X = compute_spend[2021] ~ uniform(20, 60): NPV = -10 + X / 2 is
 * uniform on [0, 20], so its p-quantile is 20 p; the payback year is 2020 + 20 / X,
 * decreasing in X, so its p-quantile is 2020 + 20 / (20 + 40 (1 - p)); cumulative 2020
 * is -10 in every draw; every draw pays back in 2021. */
static model_uparam
uniform_spend(void)
{
	model_uparam u = toy_param("finance.hosting.compute_spend",
	    offsetof(fin_params, compute_spend) + sizeof(double), 1, 40, NAN, NAN);
	u.has_dist = 1;
	u.law = (dist){ DIST_UNIFORM, 20, 60, 0 };
	u.min = 0;
	return u;
}

/* Runs the toy Monte Carlo with N draws on jobs threads into s. */
static void
toy_run(size_t draws, int jobs, uint64_t seed, mc_summary *s)
{
	fin_params *p = malloc(sizeof *p);
	model_uparam u = uniform_spend();
	mc_config cfg = { draws, seed, jobs };
	toy_two_years(p);
	ck_assert_int_eq(model_mc_run(p, &u, 1, &cfg, s), 0);
	free(p);
}

/* Tolerance of a p-quantile of N draws: 5 standard errors (density f at it, range of
 * the histogram's bins: twice the pilot's span over MC_BINS) plus one bin. */
static double
tol(double p, double n, double f, double span)
{
	return 5 * sqrt(p * (1 - p) / n) / f + 2 * span / MC_BINS;
}

START_TEST(test_known_percentiles)
{
	mc_summary *s = malloc(sizeof *s);
	double n = 200000;
	toy_run((size_t)n, 2, 7, s);
	for (int k = 0; k < MC_NPCT; k++) {
		double p = mc_percentiles[k], x = 20 + 40 * (1 - p);
		ck_assert_double_le(fabs(s->npv[k] - 20 * p), tol(p, n, 1.0 / 20, 20));
		ck_assert_double_le(fabs(s->cumulative[k][1] - 20 * p), tol(p, n, 1.0 / 20, 20));
		ck_assert_double_eq(s->cumulative[k][0], -10);
		/* payback density at the quantile: (1/40) x X^2 / 20 */
		ck_assert_double_le(fabs(s->payback[k] - (2020 + 20 / x)),
		    tol(p, n, x * x / 800, 2) + 2.0 / MC_BINS);
	}
	ck_assert_double_eq(s->payback_prob[0], 0);
	ck_assert_double_eq(s->payback_prob[1], 1);
	ck_assert_uint_eq(s->draws, 200000);
	free(s);
}
END_TEST

/* Writes s's metrics as CSV into b. */
static void
summary_csv(const mc_summary *s, buf *b)
{
	metrics *m = metrics_new();
	unc_metrics_mc(m, "base", s);
	export_csv(m, NULL, b);
	metrics_free(m);
}

/* -j 1 and -j 4 (and 3, with a last partial block) give the same bytes. */
START_TEST(test_jobs_identical)
{
	mc_summary *a = malloc(sizeof *a), *b = malloc(sizeof *b);
	buf x, y;
	buf_init(&x);
	buf_init(&y);
	toy_run(5 * MC_BLOCK + 123, 1, 99, a);
	toy_run(5 * MC_BLOCK + 123, 4, 99, b);
	summary_csv(a, &x);
	summary_csv(b, &y);
	ck_assert_uint_eq(x.len, y.len);
	ck_assert(memcmp(x.data, y.data, x.len) == 0);
	toy_run(5 * MC_BLOCK + 123, 3, 99, b);
	buf_reset(&y);
	summary_csv(b, &y);
	ck_assert(x.len == y.len && memcmp(x.data, y.data, x.len) == 0);
	toy_run(5 * MC_BLOCK + 123, 1, 100, b); /* another seed: other numbers */
	ck_assert(a->npv[2] != b->npv[2]);
	buf_free(&x);
	buf_free(&y);
	free(a);
	free(b);
}
END_TEST

/* The memory a run uses does not depend on N (only on the years and the jobs). */
START_TEST(test_memory_bounded)
{
	mc_summary *a = malloc(sizeof *a), *b = malloc(sizeof *b);
	toy_run(1000, 2, 1, a);
	toy_run(300000, 2, 1, b);
	ck_assert_uint_gt(a->bytes, 0);
	ck_assert_uint_eq(a->bytes, b->bytes);
	free(a);
	free(b);
}
END_TEST

/* Without any input that has a dist there is no run. */
START_TEST(test_no_dist)
{
	fin_params *p = malloc(sizeof *p);
	mc_summary *s = malloc(sizeof *s);
	model_uparam u = uniform_spend();
	mc_config cfg = { 100, 1, 1 };
	u.has_dist = 0;
	toy_two_years(p);
	ck_assert_int_eq(model_mc_run(p, &u, 1, &cfg, s), -1);
	ck_assert_uint_eq(model_mc_count(&u, 1), 0);
	free(p);
	free(s);
}
END_TEST

static Suite *
montecarlo_suite(void)
{
	Suite *s = suite_create("montecarlo");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_kernel_equals_model);
	tcase_add_test(tc, test_known_percentiles);
	tcase_add_test(tc, test_jobs_identical);
	tcase_add_test(tc, test_memory_bounded);
	tcase_add_test(tc, test_no_dist);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(montecarlo_suite());
	int failed;
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
