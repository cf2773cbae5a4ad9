/* check_metrics: the metrics table (metrics.c) and the financial metrics (fin_metrics.c). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "model/fin_metrics.h"
#include "model/metrics.h"
#include "check_main.h"

START_TEST(add_find_duplicate)
{
	metrics *m = metrics_new();
	const metric *x;

	ck_assert_int_eq(metrics_add(m, "fact.a", UNIT_USD_BN, 13, "src-1", "A"), 0);
	ck_assert_int_eq(metrics_add(m, "fact.b", UNIT_FRACTION, 0.27, NULL, NULL), 0);
	ck_assert_int_eq(metrics_add(m, "fact.a", UNIT_NUMBER, 99, NULL, NULL), -1);
	ck_assert_int_eq(metrics_add_series(m, "fact.b", UNIT_NUMBER, (const int[]){ 1 },
	    (const double[]){ 1 }, 1, NULL, NULL), -1);
	ck_assert_uint_eq(metrics_count(m), 2);
	x = metrics_find(m, "fact.a");
	ck_assert_ptr_nonnull(x);
	ck_assert_double_eq(x->vals[0], 13); /* the duplicate left the first as it was */
	ck_assert_int_eq(x->unit, UNIT_USD_BN);
	ck_assert_str_eq(x->source, "src-1");
	ck_assert_str_eq(x->label, "A");
	ck_assert_ptr_null(x->years);
	ck_assert_ptr_null(x->status); /* none until set */
	ck_assert_int_eq(metrics_set_status(m, "fact.a", "target"), 0);
	ck_assert_int_eq(metrics_set_status(m, "fact.a", "derived"), 0); /* replaces */
	ck_assert_str_eq(x->status, "derived");
	ck_assert_int_eq(metrics_set_status(m, "fact.c", "target"), -1);
	ck_assert_int_eq(metrics_set_status(m, "fact.a", NULL), 0);
	ck_assert_ptr_null(x->status);
	ck_assert_ptr_null(metrics_find(m, "fact.c"));
	ck_assert_ptr_null(metrics_find(m, "fact."));
	ck_assert_str_eq(metrics_at(m, 0)->name, "fact.a");
	ck_assert_str_eq(metrics_at(m, 1)->name, "fact.b");
	ck_assert_ptr_null(metrics_at(m, 2));
	metrics_free(m);
	metrics_free(NULL);
}
END_TEST

/* 5000 names: each found again after the index has grown many times, in order. */
START_TEST(many_metrics)
{
	metrics *m = metrics_new();
	const metric *first;
	char name[32];

	ck_assert_int_eq(metrics_add(m, "m0", UNIT_NUMBER, 0, NULL, NULL), 0);
	first = metrics_find(m, "m0");
	for (int i = 1; i < 5000; i++) {
		snprintf(name, sizeof name, "m%d", i);
		ck_assert_int_eq(metrics_add(m, name, UNIT_NUMBER, i, NULL, NULL), 0);
	}
	ck_assert_uint_eq(metrics_count(m), 5000);
	for (int i = 0; i < 5000; i++) {
		snprintf(name, sizeof name, "m%d", i);
		ck_assert_double_eq(metrics_find(m, name)->vals[0], i);
		ck_assert_str_eq(metrics_at(m, (size_t)i)->name, name);
	}
	ck_assert_ptr_eq(metrics_find(m, "m0"), first); /* pointers stay valid */
	metrics_free(m);
}
END_TEST

START_TEST(lookup_refs)
{
	metrics *m = metrics_new();
	double v = 0;
	metric_unit u = UNIT_NUMBER;

	metrics_add(m, "finance.npv@base", UNIT_USD_BN, 12.5, NULL, NULL);
	metrics_add_series(m, "finance.cumulative@base", UNIT_USD_BN,
	    (const int[]){ 2029, 2030 }, (const double[]){ -1.5, 4.25 }, 2, NULL, NULL);
	ck_assert_int_eq(metrics_lookup(m, "finance.npv@base", &v, &u), 0);
	ck_assert_double_eq(v, 12.5);
	ck_assert_int_eq(u, UNIT_USD_BN);
	ck_assert_int_eq(metrics_lookup(m, "finance.cumulative@base[2030]", &v, &u), 0);
	ck_assert_double_eq(v, 4.25);
	ck_assert_int_eq(metrics_lookup(m, "finance.cumulative@base[2029]", &v, &u), 0);
	ck_assert_double_eq(v, -1.5);
	ck_assert_int_eq(metrics_lookup(m, "finance.cumulative@base[2031]", &v, &u), -2);
	ck_assert_int_eq(metrics_lookup(m, "finance.npv@base[2030]", &v, &u), -2);
	ck_assert_int_eq(metrics_lookup(m, "finance.cumulative@base", &v, &u), -3);
	ck_assert_int_eq(metrics_lookup(m, "finance.irr@base", &v, &u), -1);
	ck_assert_int_eq(metrics_lookup(m, "finance.cumulative@base[20a0]", &v, &u), -1);
	ck_assert_int_eq(metrics_lookup(m, "finance.cumulative@base[]", &v, &u), -1);
	ck_assert_int_eq(metrics_lookup(m, "finance.cumulative@base[2030", &v, &u), -1);
	ck_assert_int_eq(metrics_lookup(m, "[2030]", &v, &u), -1);
	metrics_free(m);
}
END_TEST

START_TEST(unit_names)
{
	metric_unit u;

	for (int i = 0; i < UNIT_COUNT_; i++) {
		ck_assert_int_eq(metric_unit_parse(metric_unit_name((metric_unit)i), &u), 0);
		ck_assert_int_eq(u, i);
	}
	ck_assert_str_eq(metric_unit_name(UNIT_USD_BN), "usd_bn");
	ck_assert_str_eq(metric_unit_name(UNIT_FRACTION), "fraction");
	ck_assert_int_eq(metric_unit_parse("percent", &u), -1);
}
END_TEST

/* A result whose values are easy to recognise: cumulative {-2, 1}, npv 3, etc. */
static void
fake_result(fin_params *p, fin_result *r)
{
	*p = (fin_params){ .t0 = 2020, .T = 2021, .discount_rate = 0.08, .a1 = 0.75,
		.cap_multiple = NAN, .margin_year = 2030 };
	*r = (fin_result){ .t0 = 2020, .n = 2, .total_investment = 13, .npv = 3,
		.irr = NAN, .moic = 1.5, .moic_marked = 2, .payback_year = 2021.5 };
	r->cumulative[0] = -2;
	r->cumulative[1] = 1;
	/* inflows: (1 + 0.5 + 0.25 + 0) + (2 + 0 + 0 + 4) = 1.75 + 6 = 7.75 */
	r->waterfall[0] = 1;
	r->revenue_share[0] = 0.5;
	r->hosting_profit[0] = 0.25;
	r->waterfall[1] = 2;
	r->stake_sale[1] = 4;
}

START_TEST(fin_metrics_names)
{
	metrics *m = metrics_new();
	fin_params p;
	fin_result r;
	double v;
	metric_unit u;

	fake_result(&p, &r);
	fin_metrics_add(m, "base", 0.4, &p, &r);
	fin_metrics_add(m, "cf", NAN, &p, &r);
	ck_assert_int_eq(metrics_lookup(m, "finance.npv@base", &v, &u), 0);
	ck_assert_double_eq(v, 3);
	ck_assert_int_eq(u, UNIT_USD_BN);
	ck_assert_int_eq(metrics_lookup(m, "finance.irr@base", &v, &u), 0);
	ck_assert(isnan(v));
	ck_assert_int_eq(u, UNIT_FRACTION);
	ck_assert_int_eq(metrics_lookup(m, "finance.payback_year@base", &v, &u), 0);
	ck_assert_int_eq(u, UNIT_YEAR);
	ck_assert_int_eq(metrics_lookup(m, "finance.inflows@base", &v, &u), 0);
	ck_assert_double_eq_tol(v, 7.75, 1e-12);
	ck_assert_int_eq(metrics_lookup(m, "finance.cumulative@base[2021]", &v, &u), 0);
	ck_assert_double_eq(v, 1);
	ck_assert_int_eq(metrics_lookup(m, "finance.cumulative@base[2022]", &v, &u), -2);
	ck_assert_int_eq(metrics_lookup(m, "finance.a1@base", &v, &u), 0);
	ck_assert_double_eq(v, 0.75);
	ck_assert_int_eq(metrics_lookup(m, "finance.cap_multiple@base", &v, &u), 0);
	ck_assert(isnan(v));
	ck_assert_int_eq(u, UNIT_MULTIPLE);
	ck_assert_int_eq(metrics_lookup(m, "finance.margin_terminal_year@base", &v, &u), 0);
	ck_assert_double_eq(v, 2030);
	ck_assert_int_eq(metrics_lookup(m, "scenario.probability@base", &v, &u), 0);
	ck_assert_double_eq(v, 0.4);
	ck_assert_int_eq(metrics_lookup(m, "scenario.probability@cf", &v, &u), -1);
	ck_assert_int_eq(metrics_lookup(m, "finance.npv@cf", &v, &u), 0);
	metrics_free(m);
}
END_TEST

/* Two scenarios by hand, weights 0.25 / 0.75:
 * npv 10 / 20 -> 2.5 + 15 = 17.5; irr 0.1 / NaN -> null; moic only in a -> null;
 * cumulative {-1, 3} / {-3, 1} -> {-0.25 - 2.25, 0.75 + 0.75} = {-2.5, 1.5}. */
START_TEST(fin_metrics_expectation)
{
	metrics *m = metrics_new();
	const char *const sc[] = { "a", "b" };
	const double pr[] = { 0.25, 0.75 };
	const int yrs[] = { 2020, 2021 };
	const metric *x;

	metrics_add(m, "finance.npv@a", UNIT_USD_BN, 10, NULL, NULL);
	metrics_add(m, "finance.npv@b", UNIT_USD_BN, 20, NULL, NULL);
	metrics_add(m, "finance.irr@a", UNIT_FRACTION, 0.1, NULL, NULL);
	metrics_add(m, "finance.irr@b", UNIT_FRACTION, NAN, NULL, NULL);
	metrics_add(m, "finance.moic@a", UNIT_MULTIPLE, 2, NULL, NULL);
	metrics_add_series(m, "finance.cumulative@a", UNIT_USD_BN, yrs,
	    (const double[]){ -1, 3 }, 2, NULL, NULL);
	metrics_add_series(m, "finance.cumulative@b", UNIT_USD_BN, yrs,
	    (const double[]){ -3, 1 }, 2, NULL, NULL);
	fin_metrics_expected(m, sc, pr, 2);
	x = metrics_find(m, "finance.npv@expected");
	ck_assert_ptr_nonnull(x);
	ck_assert_double_eq_tol(x->vals[0], 17.5, 1e-12);
	ck_assert_int_eq(x->unit, UNIT_USD_BN);
	ck_assert(isnan(metrics_find(m, "finance.irr@expected")->vals[0]));
	ck_assert(isnan(metrics_find(m, "finance.moic@expected")->vals[0]));
	x = metrics_find(m, "finance.cumulative@expected");
	ck_assert_ptr_nonnull(x);
	ck_assert_uint_eq(x->n, 2);
	ck_assert_int_eq(x->years[1], 2021);
	ck_assert_double_eq_tol(x->vals[0], -2.5, 1e-12);
	ck_assert_double_eq_tol(x->vals[1], 1.5, 1e-12);
	metrics_free(m);
}
END_TEST

/* Scenarios over different years: no expected cumulative series (scalars still). */
START_TEST(fin_metrics_expectation_years_differ)
{
	metrics *m = metrics_new();
	const char *const sc[] = { "a", "b" };
	const double pr[] = { 0.5, 0.5 };

	metrics_add_series(m, "finance.cumulative@a", UNIT_USD_BN, (const int[]){ 2020 },
	    (const double[]){ 1 }, 1, NULL, NULL);
	metrics_add_series(m, "finance.cumulative@b", UNIT_USD_BN, (const int[]){ 2021 },
	    (const double[]){ 1 }, 1, NULL, NULL);
	fin_metrics_expected(m, sc, pr, 2);
	ck_assert_ptr_null(metrics_find(m, "finance.cumulative@expected"));
	ck_assert_ptr_nonnull(metrics_find(m, "finance.npv@expected"));
	fin_metrics_expected(m, sc, pr, 0); /* nothing to weigh: adds nothing, no crash */
	metrics_free(m);
}
END_TEST

static Suite *
metrics_suite(void)
{
	Suite *s = suite_create("metrics");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, add_find_duplicate);
	tcase_add_test(tc, many_metrics);
	tcase_add_test(tc, lookup_refs);
	tcase_add_test(tc, unit_names);
	tcase_add_test(tc, fin_metrics_names);
	tcase_add_test(tc, fin_metrics_expectation);
	tcase_add_test(tc, fin_metrics_expectation_years_differ);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(metrics_suite());
}
