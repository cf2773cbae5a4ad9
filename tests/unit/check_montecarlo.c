/* check_montecarlo: the Monte Carlo (src/model/montecarlo.c): its kernel against
 * model_fin_run, identical results for any thread count, percentiles with a known
 * answer, and memory that does not grow with the number of draws; the block kernel
 * (src/model/mc_kernel.c): its sampler against dist_sample and its lanes against
 * model_fin_run. */
#include <check.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "model/finance.h"
#include "model/mc_kernel.h"
#include "model/montecarlo.h"
#include "model/rng.h"
#include "model/unc_metrics.h"
#include "export/export.h"
#include "toy_fin.h"
#include "check_main.h"

/* A twelve-year model using every part of the formulas: tranches with credits, growth
 * decay, an actual, a margin path with an actual, carried losses, a capped waterfall
 * that ends, revenue share, hosting after depreciation with a funded pool that lasts
 * several years, a stake sale. */
static void
rich_model(fin_params *p)
{
	toy_two_years(p);
	p->T = 2031;
	p->discount_rate = 0.08;
	p->azure_gross_margin = 0.4;
	p->capex_per_revenue = 0.6;
	p->useful_life = 6;
	p->funded_cash_share = 0.5;
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

/* An uncertain scalar input of fin_params at offset with law d, accepting [min, max]. */
static model_uparam
scalar_param(size_t offset, dist d, double min, double max)
{
	model_uparam u = toy_param("x", offset, 1, NAN, NAN, NAN);
	u.has_dist = 1;
	u.law = d;
	u.min = min;
	u.max = max;
	return u;
}

#define OFF(f) offsetof(fin_params, f)
#define TR(k, f) (offsetof(fin_params, tranche) + (k) * sizeof(fin_tranche) + \
	offsetof(fin_tranche, f))

enum { NRICH = 16 };

/* Sixteen sampled scalars of rich_model, every law, some draws clamped: a2 is 0 in
 * two thirds of them (the stage that never ends), the cap below recoup in some, the
 * third tranche large enough that some draws never pay back. */
static void
rich_params(model_uparam *u)
{
	u[0] = scalar_param(OFF(discount_rate), (dist){ DIST_TRIANGULAR, 0.02, 0.08, 0.15 }, -0.5, 1);
	u[1] = scalar_param(OFF(azure_gross_margin), (dist){ DIST_UNIFORM, 0.1, 0.7, 0 }, 0, 1);
	u[2] = scalar_param(OFF(growth0), (dist){ DIST_NORMAL, 2, 0.5, 0 }, 0, 10);
	u[3] = scalar_param(OFF(growth_inf), (dist){ DIST_TRIANGULAR, 0, 0.05, 0.1 }, -1, 1);
	u[4] = scalar_param(OFF(growth_decay), (dist){ DIST_UNIFORM, 0.5, 1, 0 }, 0, 1);
	u[4].min_open = 1;
	u[5] = scalar_param(OFF(margin_inf), (dist){ DIST_NORMAL, 0.25, 0.1, 0 }, -1, 1);
	u[6] = scalar_param(OFF(margin0), (dist){ DIST_UNIFORM, -2, -1, 0 }, -5, 1);
	u[7] = scalar_param(OFF(loss_carry0), (dist){ DIST_LOGNORMAL, -1, 0.5, 0 }, 0, 100);
	u[8] = scalar_param(OFF(a1), (dist){ DIST_UNIFORM, 0.3, 1, 0 }, 0, 1);
	u[9] = scalar_param(OFF(a2), (dist){ DIST_UNIFORM, -1, 0.5, 0 }, 0, 1);
	u[10] = scalar_param(OFF(recoup_multiple), (dist){ DIST_UNIFORM, 0.05, 1, 0 }, 0, 10);
	u[11] = scalar_param(OFF(cap_multiple), (dist){ DIST_UNIFORM, 0.02, 3, 0 }, 0, 100);
	u[12] = scalar_param(TR(1, cash_fraction), (dist){ DIST_TRIANGULAR, 0, 0.3, 1 }, 0, 1);
	u[13] = scalar_param(TR(2, amount), (dist){ DIST_TRIANGULAR, 1, 3, 60 }, 0, 100);
	u[14] = scalar_param(OFF(sale_fraction), (dist){ DIST_UNIFORM, 0, 1, 0 }, 0, 1);
	u[15] = scalar_param(OFF(revenue0), (dist){ DIST_TRIANGULAR, 0.1, 0.5, 1 }, 0, 10);
}

/* Asserts that lanes 0..count-1 of o are model_fin_run's results for the inputs
 * sampled into w (base p, inputs u[0..n-1]); returns how many lanes never paid back. */
static int
lanes_match(const fin_params *p, const model_uparam *u, size_t n, const mck_plan *pl,
    const mck_work *w, const mck_out *o, size_t count)
{
	fin_params *q = malloc(sizeof *q);
	fin_result *r = malloc(sizeof *r);
	int never = 0;
	for (size_t l = 0; l < count; l++) {
		*q = *p;
		for (size_t j = 0; j < n; j++)
			model_param_set(q, &u[j].ref, mck_sampled(pl, w, j)[l]);
		model_fin_run(q, r);
		for (int i = 0; i < r->n; i++)
			close12(o->q[i][l], r->cumulative[i]);
		close12(o->q[r->n][l], r->npv);
		close12(o->payback[l], r->payback_year);
		never += isnan(r->payback_year);
		ck_assert_int_eq(o->year[l], isnan(r->payback_year) ? -1 :
		    (int)ceil(r->payback_year - p->t0));
	}
	free(q);
	free(r);
	return never;
}

/* Runs sub-blocks of 64, 64 and 17 draws of rich_model with u[0..n-1] sampled and
 * checks every lane against model_fin_run; returns the lanes that never paid back. */
static int
block_check(const fin_params *p, const model_uparam *u, size_t n, int fast)
{
	const model_uparam *dp[NRICH + 1];
	mck_out *o = malloc(sizeof *o);
	int never = 0;
	rng g;
	for (size_t j = 0; j < n; j++)
		dp[j] = &u[j];
	mck_plan *pl = mck_plan_new(p, dp, n);
	mck_work *w = mck_work_new(pl);
	ck_assert_int_eq(mck_plan_fast(pl), fast);
	rng_seed(&g, 5);
	for (int k = 0; k < 3; k++) {
		size_t count = k < 2 ? MC_LANES : 17;
		mck_run(pl, w, &g, count, o);
		never += lanes_match(p, u, n, pl, w, o, count);
	}
	mck_work_free(w);
	mck_plan_free(pl);
	free(o);
	return never;
}

/* The lane kernel gives model_fin_run's cumulative, NPV and payback for every draw of
 * sixteen sampled inputs, with a cap and without one; so does the per-draw path that a
 * sampled per-year input selects (valuation 2020: no stake then, so no effect). */
START_TEST(test_block_equals_model)
{
	fin_params *p = malloc(sizeof *p);
	model_uparam u[NRICH + 1];
	rich_model(p);
	rich_params(u);
	int never = block_check(p, u, NRICH, 1);
	ck_assert_int_gt(never, 0);
	ck_assert_int_lt(never, 2 * MC_LANES + 17);
	p->cap_multiple = NAN;
	block_check(p, u, NRICH - 5, 1); /* cap and later inputs not sampled */
	u[NRICH] = toy_param("v", OFF(valuation), 1, 100, NAN, NAN);
	u[NRICH].has_dist = 1;
	u[NRICH].law = (dist){ DIST_UNIFORM, 50, 150, 0 };
	block_check(p, u, NRICH + 1, 0);
	free(p);
}
END_TEST

/* The block sampler gives, input by input, what dist_sample gives from the same
 * generator, clamped as model_param_clamp does. */
START_TEST(test_block_sampler)
{
	fin_params *p = malloc(sizeof *p);
	model_uparam u[NRICH];
	const model_uparam *dp[NRICH];
	mck_out *o = malloc(sizeof *o);
	rng g, h;
	int clamped = 0;
	rich_model(p);
	rich_params(u);
	for (size_t j = 0; j < NRICH; j++)
		dp[j] = &u[j];
	mck_plan *pl = mck_plan_new(p, dp, NRICH);
	mck_work *w = mck_work_new(pl);
	rng_seed(&g, 11);
	h = g;
	for (int k = 0; k < 2; k++) {
		size_t count = k == 0 ? MC_LANES : 9;
		mck_run(pl, w, &g, count, o);
		for (size_t j = 0; j < NRICH; j++)
			for (size_t l = 0; l < count; l++) {
				double x = dist_sample(&u[j].law, &h);
				clamped += model_param_clamp(&u[j], x) != x;
				ck_assert(mck_sampled(pl, w, j)[l] == model_param_clamp(&u[j], x));
			}
	}
	ck_assert(memcmp(&g, &h, sizeof g) == 0); /* the same numbers consumed */
	ck_assert_int_gt(clamped, 0);
	mck_work_free(w);
	mck_plan_free(pl);
	free(o);
	free(p);
}
END_TEST

/* rng_fill01 gives what rng_uniform01 gives, and leaves the generator where it would. */
START_TEST(test_fill01)
{
	double u[37];
	rng g, h;
	rng_seed(&g, 3);
	h = g;
	rng_fill01(&g, u, 37);
	for (int i = 0; i < 37; i++)
		ck_assert(u[i] == rng_uniform01(&h));
	ck_assert(memcmp(&g, &h, sizeof g) == 0);
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

/* Runs the toy Monte Carlo with input u sampled, N draws on jobs threads into s. */
static void
toy_run_with(model_uparam u, size_t draws, int jobs, uint64_t seed, mc_summary *s)
{
	fin_params *p = malloc(sizeof *p);
	mc_config cfg = { draws, seed, jobs };
	toy_two_years(p);
	ck_assert_int_eq(model_mc_run(p, &u, 1, &cfg, s), 0);
	free(p);
}

/* toy_run_with the compute spend of 2021 (the per-draw path). */
static void
toy_run(size_t draws, int jobs, uint64_t seed, mc_summary *s)
{
	toy_run_with(uniform_spend(), draws, jobs, seed, s);
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

/* The toy model with A = azure_gross_margin ~ uniform(0.25, 0.75) (the lane kernel):
 * the 2020 cost is all cash, so NPV = -10 + 40 A is uniform on [0, 20]; the payback
 * year is 2020 + 10 / (40 A), decreasing in A: its p-quantile is 2020 + 0.25 / a with
 * a = 0.25 + 0.5 (1 - p), where its density is 2 / (0.25 / a^2) = 8 a^2. */
START_TEST(test_known_percentiles_fast)
{
	mc_summary *s = malloc(sizeof *s);
	double n = 200000;
	model_uparam u = scalar_param(OFF(azure_gross_margin),
	    (dist){ DIST_UNIFORM, 0.25, 0.75, 0 }, 0, 1);
	toy_run_with(u, (size_t)n, 2, 8, s);
	for (int k = 0; k < MC_NPCT; k++) {
		double p = mc_percentiles[k], a = 0.25 + 0.5 * (1 - p);
		ck_assert_double_le(fabs(s->npv[k] - 20 * p), tol(p, n, 1.0 / 20, 20));
		ck_assert_double_le(fabs(s->cumulative[k][1] - 20 * p), tol(p, n, 1.0 / 20, 20));
		ck_assert_double_eq(s->cumulative[k][0], -10);
		ck_assert_double_le(fabs(s->payback[k] - (2020 + 0.25 / a)),
		    tol(p, n, 8 * a * a, 2) + 2.0 / MC_BINS);
	}
	ck_assert_double_eq(s->payback_prob[0], 0);
	ck_assert_double_eq(s->payback_prob[1], 1);
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

/* The lane kernel's runs give the same bytes for -j 1 and -j 3 (a last partial
 * sub-block included), other bytes for another seed. */
START_TEST(test_jobs_identical_fast)
{
	fin_params *p = malloc(sizeof *p);
	mc_summary *a = malloc(sizeof *a), *b = malloc(sizeof *b);
	model_uparam u[NRICH];
	buf x, y;
	buf_init(&x);
	buf_init(&y);
	rich_model(p);
	rich_params(u);
	mc_config c1 = { 5 * MC_BLOCK + 123, 99, 1 }, c3 = { 5 * MC_BLOCK + 123, 99, 3 };
	ck_assert_int_eq(model_mc_run(p, u, NRICH, &c1, a), 0);
	ck_assert_int_eq(model_mc_run(p, u, NRICH, &c3, b), 0);
	summary_csv(a, &x);
	summary_csv(b, &y);
	ck_assert(x.len == y.len && memcmp(x.data, y.data, x.len) == 0);
	c3.seed = 100;
	ck_assert_int_eq(model_mc_run(p, u, NRICH, &c3, b), 0);
	ck_assert(a->npv[2] != b->npv[2]);
	buf_free(&x);
	buf_free(&y);
	free(a);
	free(b);
	free(p);
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

/* mck_bins at the edges, lo = 10 and width 1/4 (exact in binary), worked by hand:
 * below lo -> 0 (also a quarter bin below, whose scaled value is -0.25), lo -> 1,
 * lo + 2.5 widths -> bin 3, the last bin (lo + 2047 widths) -> 2048, the top edge
 * lo + 2048 widths = 522 and NaN -> overflow 2049; extremes skip NaN. */
START_TEST(test_bins_edges)
{
	static const double val[] = { 9, 9.9375, 10, 10.625, 521.75, 522, NAN, 1e300 };
	static const int want[] = { 0, 0, 1, 3, MC_BINS, MC_BINS + 1, MC_BINS + 1, MC_BINS + 1 };
	double v[MC_LANES], mn = INFINITY, mx = -INFINITY;
	int idx[MC_LANES];
	for (int l = 0; l < MC_LANES; l++)
		v[l] = l < 56 ? val[l % 8] : 100 + l;
	mck_bins(v, 10, 4, idx, &mn, &mx);
	for (int l = 0; l < MC_LANES; l++)
		ck_assert_int_eq(idx[l], l < 56 ? want[l % 8] : 1 + (int)((90.0 + l) * 4));
	ck_assert(mn == 9 && mx == 1e300);
	mn = 5;
	mx = 2e300;
	mck_bins(v, 10, 4, idx, &mn, &mx);
	ck_assert(mn == 5 && mx == 2e300);
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
	tcase_add_test(tc, test_known_percentiles_fast);
	tcase_add_test(tc, test_block_equals_model);
	tcase_add_test(tc, test_block_sampler);
	tcase_add_test(tc, test_fill01);
	tcase_add_test(tc, test_jobs_identical_fast);
	tcase_add_test(tc, test_jobs_identical);
	tcase_add_test(tc, test_memory_bounded);
	tcase_add_test(tc, test_no_dist);
	tcase_add_test(tc, test_bins_edges);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(montecarlo_suite());
}
