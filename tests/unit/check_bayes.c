/* check_bayes: the Bayes update of scenario weights (src/model/bayes.c), its metrics
 * (src/model/bayes_metrics.c) and the reweighted expectations (src/model/expect.c),
 * against numbers worked by hand. */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "model/bayes.h"
#include "model/bayes_metrics.h"
#include "model/expect.h"
#include "model/metrics.h"
#include "check_main.h"

#define EPS 1e-12

/* Asserts row[0..n-1] equals want[0..n-1] within EPS. */
static void
row_eq(const double *row, const double *want, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ck_assert_double_eq_tol(row[i], want[i], EPS);
}

START_TEST(one_event_two_scenarios)
{
	/* 0.5 x 0.8 = 0.4, 0.5 x 0.2 = 0.1; sum 0.5 -> 0.8, 0.2 */
	const double prior[] = { 0.5, 0.5 }, lik[] = { 0.8, 0.2 };
	double steps[4];
	ck_assert_int_eq(model_bayes_update(prior, 2, lik, 1, steps), 0);
	row_eq(steps, prior, 2);
	row_eq(steps + 2, (const double[]){ 0.8, 0.2 }, 2);
}
END_TEST

START_TEST(two_events_four_scenarios)
{
	/* the report's priors; event 1 (0.5, 1, 0.25, 1): 0.2, 0.3, 0.025, 0.2, sum 0.725;
	 * event 2 (1, 0.5, 1, 0.5): 0.2, 0.15, 0.025, 0.1, sum 0.475 = 8/19, 6/19, 1/19,
	 * 4/19 */
	const double prior[] = { 0.4, 0.3, 0.1, 0.2 };
	const double lik[] = { 0.5, 1, 0.25, 1, 1, 0.5, 1, 0.5 };
	const double swapped[] = { 1, 0.5, 1, 0.5, 0.5, 1, 0.25, 1 };
	double steps[12], other[12];
	ck_assert_int_eq(model_bayes_update(prior, 4, lik, 2, steps), 0);
	row_eq(steps + 4, (const double[]){ 0.2 / 0.725, 0.3 / 0.725, 0.025 / 0.725,
	    0.2 / 0.725 }, 4);
	row_eq(steps + 8, (const double[]){ 8.0 / 19, 6.0 / 19, 1.0 / 19, 4.0 / 19 }, 4);
	/* the posterior does not depend on the order of the events; the steps do */
	ck_assert_int_eq(model_bayes_update(prior, 4, swapped, 2, other), 0);
	row_eq(other + 8, steps + 8, 4);
	ck_assert_double_ne_tol(other[4], steps[4], 1e-3);
}
END_TEST

START_TEST(no_evidence_and_flat_evidence)
{
	/* no event: the posterior is the prior; an event equally likely under every
	 * scenario changes nothing; a prior not summing to 1 is normalised */
	const double prior[] = { 2, 1, 1 }, flat[] = { 0.3, 0.3, 0.3 };
	double steps[6];
	ck_assert_int_eq(model_bayes_update(prior, 3, NULL, 0, steps), 0);
	row_eq(steps, (const double[]){ 0.5, 0.25, 0.25 }, 3);
	ck_assert_int_eq(model_bayes_update(prior, 3, flat, 1, steps), 0);
	row_eq(steps + 3, (const double[]){ 0.5, 0.25, 0.25 }, 3);
}
END_TEST

START_TEST(zero_prior_and_zero_likelihood)
{
	/* a scenario with prior 0 stays at 0; likelihood 0 removes a scenario */
	const double prior[] = { 0, 0.5, 0.5 }, lik[] = { 1, 0, 0.5 };
	double steps[6];
	ck_assert_int_eq(model_bayes_update(prior, 3, lik, 1, steps), 0);
	row_eq(steps + 3, (const double[]){ 0, 0, 1 }, 3);
}
END_TEST

START_TEST(many_small_likelihoods_do_not_underflow)
{
	/* 400 events at 1e-3 under both: the product 1e-1200 underflows a double, the
	 * update one event at a time does not, and equal likelihoods keep the prior;
	 * then 40 events at (1e-3, 2e-3) give the odds 2^40 exactly */
	enum { N = 440 };
	double *lik = malloc(2 * N * sizeof *lik), *steps = malloc(2 * (N + 1) * sizeof *steps);
	for (size_t k = 0; k < N; k++) {
		lik[2 * k] = 1e-3;
		lik[2 * k + 1] = k < 400 ? 1e-3 : 2e-3;
	}
	const double prior[] = { 0.75, 0.25 };
	ck_assert_int_eq(model_bayes_update(prior, 2, lik, N, steps), 0);
	row_eq(steps + 2 * 400, prior, 2);
	double odds = ldexp(1, 40) / 3; /* 0.25 x 2^40 / 0.75 */
	ck_assert_double_eq_tol(steps[2 * N + 1] / steps[2 * N], odds, odds * 1e-12);
	ck_assert_double_eq_tol(steps[2 * N] + steps[2 * N + 1], 1, EPS);
	free(lik);
	free(steps);
}
END_TEST

START_TEST(invalid_inputs)
{
	double steps[8];
	const double ok[] = { 0.5, 0.5 };
	ck_assert_int_eq(model_bayes_update(ok, 0, NULL, 0, steps), -1);
	ck_assert_int_eq(model_bayes_update((const double[]){ 0, 0 }, 2, NULL, 0, steps), -1);
	ck_assert_int_eq(model_bayes_update((const double[]){ -0.1, 1.1 }, 2, NULL, 0, steps),
	    -1);
	ck_assert_int_eq(model_bayes_update((const double[]){ NAN, 1 }, 2, NULL, 0, steps), -1);
	ck_assert_int_eq(model_bayes_update((const double[]){ INFINITY, 1 }, 2, NULL, 0, steps),
	    -1);
	ck_assert_int_eq(model_bayes_update(ok, 2, (const double[]){ 0.5, NAN }, 1, steps), -1);
	ck_assert_int_eq(model_bayes_update(ok, 2, (const double[]){ 0.5, -1 }, 1, steps), -1);
	/* the evidence contradicts every scenario still weighted */
	ck_assert_int_eq(model_bayes_update((const double[]){ 1, 0 }, 2,
	    (const double[]){ 0, 1 }, 1, steps), -1);
	ck_assert_int_eq(model_bayes_update(ok, 2, (const double[]){ 0, 0 }, 1, steps), -1);
}
END_TEST

START_TEST(factor)
{
	/* mixture 0.5 x 0.8 + 0.5 x 0.2 = 0.5: factors 1.6 and 0.4 */
	const double w[] = { 0.5, 0.5 }, lik[] = { 0.8, 0.2 };
	ck_assert_double_eq_tol(model_bayes_factor(w, lik, 2, 0), 1.6, EPS);
	ck_assert_double_eq_tol(model_bayes_factor(w, lik, 2, 1), 0.4, EPS);
	ck_assert(isnan(model_bayes_factor(w, (const double[]){ 0, 0 }, 2, 0)));
	ck_assert(isnan(model_bayes_factor(w, lik, 2, 2)));
}
END_TEST

/* Returns the scalar metric name of m (fails the test if absent). */
static double
val(const metrics *m, const char *name)
{
	const metric *x = metrics_find(m, name);
	ck_assert_msg(x != NULL, "missing metric %s", name);
	return x->vals[0];
}

START_TEST(metrics_named)
{
	/* priors 0.5/0.5; e1 (0.8, 0.2) -> 0.8, 0.2; e2 (0.5, 1) -> 0.4, 0.2 -> 2/3, 1/3 */
	metrics *m = metrics_new();
	const char *const names[] = { "base", "alt" };
	const double prior[] = { 0.5, 0.5 }, l1[] = { 0.8, 0.2 }, l2[] = { 0.5, 1 };
	const bayes_event ev[] = { { "e1", "First event", l1 }, { "e2", NULL, l2 } };
	double post[2];
	ck_assert_int_eq(bayes_metrics_add(m, names, prior, 2, ev, 2, post), 0);
	ck_assert_double_eq_tol(post[0], 2.0 / 3, EPS);
	ck_assert_double_eq_tol(post[1], 1.0 / 3, EPS);
	ck_assert_double_eq_tol(val(m, "scenario.prior_probability@alt"), 0.5, EPS);
	ck_assert_double_eq_tol(val(m, "scenario.posterior_probability@base"), 2.0 / 3, EPS);
	ck_assert_double_eq_tol(val(m, "evidence.e1.likelihood@alt"), 0.2, EPS);
	ck_assert_double_eq_tol(val(m, "evidence.e1.weight@base"), 0.8, EPS);
	ck_assert_double_eq_tol(val(m, "evidence.e2.weight@alt"), 1.0 / 3, EPS);
	ck_assert_str_eq(metrics_find(m, "evidence.e1.weight@base")->label, "First event");
	ck_assert_int_eq(metrics_find(m, "scenario.posterior_probability@alt")->unit,
	    UNIT_FRACTION);
	metrics_free(m);
}
END_TEST

START_TEST(metrics_failed_update)
{
	/* every weighted scenario contradicted: the posterior is null, not a guess */
	metrics *m = metrics_new();
	const char *const names[] = { "a", "b" };
	const double prior[] = { 1, 0 }, l[] = { 0, 1 };
	const bayes_event ev[] = { { "e", NULL, l } };
	double post[2];
	ck_assert_int_eq(bayes_metrics_add(m, names, prior, 2, ev, 1, post), -1);
	ck_assert(isnan(post[0]) && isnan(post[1]));
	ck_assert(isnan(val(m, "scenario.posterior_probability@a")));
	ck_assert_double_eq_tol(val(m, "scenario.prior_probability@a"), 1, EPS);
	metrics_free(m);
}
END_TEST

START_TEST(reweight_scalars_and_series)
{
	/* x@a 10, x@b 20, x@expected (prior 0.5/0.5) 15 -> posterior 0.25/0.75: 17.5;
	 * series s@a {1, 2}, s@b {3, 4} -> {2.5, 3.5}; y has a null -> null; z@b is
	 * missing -> null; w@expectedx is not an expectation and gets no twin */
	metrics *m = metrics_new();
	const char *const names[] = { "a", "b" };
	const double post[] = { 0.25, 0.75 };
	const int years[] = { 2020, 2021 };
	metrics_add(m, "x@a", UNIT_USD_BN, 10, NULL, NULL);
	metrics_add(m, "x@b", UNIT_USD_BN, 20, NULL, NULL);
	metrics_add(m, "x@expected", UNIT_USD_BN, 15, NULL, NULL);
	metrics_add_series(m, "s@a", UNIT_NUMBER, years, (const double[]){ 1, 2 }, 2, NULL, NULL);
	metrics_add_series(m, "s@b", UNIT_NUMBER, years, (const double[]){ 3, 4 }, 2, NULL, NULL);
	metrics_add_series(m, "s@expected", UNIT_NUMBER, years, (const double[]){ 2, 3 }, 2,
	    NULL, NULL);
	metrics_add(m, "y@a", UNIT_YEAR, NAN, NULL, NULL);
	metrics_add(m, "y@b", UNIT_YEAR, 2030, NULL, NULL);
	metrics_add(m, "y@expected", UNIT_YEAR, NAN, NULL, NULL);
	metrics_add(m, "z@a", UNIT_NUMBER, 1, NULL, NULL);
	metrics_add(m, "z@expected", UNIT_NUMBER, 1, NULL, NULL);
	metrics_add(m, "w@expectedx", UNIT_NUMBER, 1, NULL, NULL);
	model_expect_reweight(m, "expected", "expected_posterior", names, post, 2);
	const metric *x = metrics_find(m, "x@expected_posterior");
	ck_assert_ptr_nonnull(x);
	ck_assert_double_eq_tol(x->vals[0], 17.5, EPS);
	ck_assert_int_eq(x->unit, UNIT_USD_BN);
	const metric *s = metrics_find(m, "s@expected_posterior");
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->n, 2);
	ck_assert_int_eq(s->years[1], 2021);
	ck_assert_double_eq_tol(s->vals[0], 2.5, EPS);
	ck_assert_double_eq_tol(s->vals[1], 3.5, EPS);
	ck_assert(isnan(val(m, "y@expected_posterior")));
	ck_assert(isnan(val(m, "z@expected_posterior")));
	ck_assert_ptr_null(metrics_find(m, "w@expected_posterior"));
	ck_assert_ptr_null(metrics_find(m, "w@expectedx_posterior"));
	/* a second call adds nothing new and changes nothing */
	size_t count = metrics_count(m);
	model_expect_reweight(m, "expected", "expected_posterior", names, post, 2);
	ck_assert_uint_eq(metrics_count(m), count);
	metrics_free(m);
}
END_TEST

static Suite *
bayes_suite(void)
{
	Suite *s = suite_create("bayes");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, one_event_two_scenarios);
	tcase_add_test(tc, two_events_four_scenarios);
	tcase_add_test(tc, no_evidence_and_flat_evidence);
	tcase_add_test(tc, zero_prior_and_zero_likelihood);
	tcase_add_test(tc, many_small_likelihoods_do_not_underflow);
	tcase_add_test(tc, invalid_inputs);
	tcase_add_test(tc, factor);
	tcase_add_test(tc, metrics_named);
	tcase_add_test(tc, metrics_failed_update);
	tcase_add_test(tc, reweight_scalars_and_series);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(bayes_suite());
}
