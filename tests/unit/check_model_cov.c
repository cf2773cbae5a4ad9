/* check_model_cov: the model's distributions and number formats at their edges: every
 * refused parameter set, a kind outside the enum, triangular laws with the mode at an
 * end, malformed format specs, huge and tiny values. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/expect.h"
#include "model/finance.h"
#include "model/format.h"
#include "model/metrics.h"
#include "model/rng.h"
#include "util/buf.h"
#include "check_main.h"

START_TEST(test_dist_check_every_refusal)
{
	const struct {
		dist d;
		const char *want;
	} cases[] = {
		{ { DIST_NORMAL, 0, NAN, 0 }, "parameters must be finite numbers" },
		{ { DIST_UNIFORM, 0, 1, INFINITY }, "parameters must be finite numbers" },
		{ { DIST_NORMAL, 0, 0, 0 }, "normal needs sd > 0" },
		{ { DIST_LOGNORMAL, 0, -1, 0 }, "lognormal needs sigma > 0" },
		{ { DIST_TRIANGULAR, 2, 1, 3 }, "triangular needs min <= mode <= max" },
		{ { DIST_TRIANGULAR, 1, 4, 3 }, "triangular needs min <= mode <= max" },
		{ { DIST_TRIANGULAR, 2, 2, 2 }, "triangular needs min < max" },
		{ { DIST_UNIFORM, 2, 2, 0 }, "uniform needs min < max" },
		{ { (dist_kind)99, 0, 1, 2 }, "unknown distribution" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *got = dist_check(&cases[i].d);
		ck_assert_ptr_nonnull(got);
		ck_assert_str_eq(got, cases[i].want);
	}
	dist ok = { DIST_LOGNORMAL, 0, 0.5, 0 };
	ck_assert_ptr_null(dist_check(&ok));
	/* a kind outside the enum: no number */
	dist bad = { (dist_kind)99, 0, 1, 2 };
	rng g;
	rng_seed(&g, 7);
	ck_assert(isnan(dist_sample(&bad, &g)));
	ck_assert(isnan(dist_mean(&bad)));
	ck_assert(isnan(dist_variance(&bad)));
}
END_TEST

START_TEST(test_triangular_mode_at_either_end)
{
	/* mode at the minimum: the density falls from it; at the maximum: it rises to it.
	 * Every draw inside the range; the sample mean near (a + b + c) / 3. */
	const dist laws[] = { { DIST_TRIANGULAR, 1, 1, 4, }, { DIST_TRIANGULAR, 1, 4, 4 } };
	for (size_t k = 0; k < 2; k++) {
		rng g;
		rng_seed(&g, 11 + k);
		double sum = 0;
		enum { N = 20000 };
		for (int i = 0; i < N; i++) {
			double x = dist_sample(&laws[k], &g);
			ck_assert(x >= 1 && x <= 4);
			sum += x;
		}
		ck_assert_double_eq_tol(sum / N, dist_mean(&laws[k]), 0.03);
		ck_assert_double_eq_tol(dist_variance(&laws[k]), 0.5, 1e-12); /* (9)/18 */
	}
}
END_TEST

/* Returns v formatted by spec for unit u (static, for asserts); "ERR" if refused. */
static const char *
fmt(double v, metric_unit u, const char *spec)
{
	static buf b;
	buf_reset(&b);
	if (format_value(v, u, spec, &b) != 0)
		return "ERR";
	return buf_str(&b);
}

START_TEST(test_format_specs_refused)
{
	const char *const bad[] = { "pct:", "pct:12", "pct:x", "pct:-1", "nosuch", "", "usd_bnx",
		":1" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		ck_assert_int_eq(format_known(bad[i]), 0);
		ck_assert_str_eq(fmt(1, UNIT_NUMBER, bad[i]), "ERR");
	}
	ck_assert_int_eq(format_known(NULL), 0);
	ck_assert_int_eq(format_known("pct:9"), 1);
	ck_assert_int_eq(format_known("gw"), 1);
	ck_assert_ptr_null(format_unit_default(UNIT_NUMBER));
	ck_assert_ptr_null(format_unit_default(UNIT_COUNT_));
	ck_assert_str_eq(format_unit_default(UNIT_GW), "gw");
	ck_assert_str_eq(format_unit_default(UNIT_COUNT), "num");
}
END_TEST

START_TEST(test_format_edges)
{
	/* beyond what can be shown: n/a, whatever the format */
	ck_assert_str_eq(fmt(1e301, UNIT_NUMBER, NULL), "n/a");
	ck_assert_str_eq(fmt(2e298, UNIT_FRACTION, "pct"), "n/a"); /* x 100 */
	ck_assert_str_eq(fmt(-INFINITY, UNIT_USD, NULL), "n/a");
	/* too large to round: printed as is, grouped */
	ck_assert_str_eq(fmt(1e16, UNIT_NUMBER, "num2"), "10,000,000,000,000,000.00");
	ck_assert_str_eq(fmt(12345678, UNIT_COUNT, NULL), "12,345,678");
	/* a unit outside the enum: a plain number */
	ck_assert_str_eq(fmt(2.5, UNIT_COUNT_, NULL), "2.5");
	ck_assert_str_eq(fmt(2, UNIT_NUMBER, NULL), "2");
	/* below the floors of the magnitude rule, either sign */
	ck_assert_str_eq(fmt(0.0004, UNIT_FRACTION, NULL), "<0.1%");
	ck_assert_str_eq(fmt(-0.0004, UNIT_FRACTION, "pp"), "\xe2\x88\x92<0.1 pp");
	ck_assert_str_eq(fmt(0.004, UNIT_USD_BN, NULL), "<$0.01bn");
	/* a fixed precision with a value that would print as zero: two significant
	 * digits, and below three decimals "about" zero */
	ck_assert_str_eq(fmt(0.004, UNIT_NUMBER, "num:1"), "0.004");
	ck_assert_str_eq(fmt(0.00004, UNIT_NUMBER, "num:1"), "about 0");
	ck_assert_str_eq(fmt(-0.00004, UNIT_USD, "usd:0"), "about $0");
	/* a magnitude below 1e-9 is zero, without a sign */
	ck_assert_str_eq(fmt(-1e-12, UNIT_USD_BN, NULL), "$0bn");
	ck_assert_str_eq(fmt(3e-10, UNIT_NUMBER, "int"), "0");
	/* year: the calendar year a fractional year falls in; year:1 the value */
	ck_assert_str_eq(fmt(2031.4, UNIT_YEAR, NULL), "2032");
	ck_assert_str_eq(fmt(2031.0, UNIT_YEAR, "year:0"), "2031");
	ck_assert_str_eq(fmt(2031.44, UNIT_YEAR, "year:1"), "2031.4");
	ck_assert_str_eq(fmt(0.25, UNIT_GW, NULL), "0.25 GW");
	ck_assert_str_eq(fmt(-12.5, UNIT_MULTIPLE, "x"), "\xe2\x88\x92" "13x");
	ck_assert_str_eq(fmt(2500000, UNIT_USD, "m"), "3m"); /* no decimals from 1 up */
	ck_assert_str_eq(fmt(0.015, UNIT_FRACTION, "pp"), "+1.5 pp");
}
END_TEST

/* Returns what metrics_lookup says of ref in m, with the value in *v. */
static int
look(const metrics *m, const char *ref, double *v)
{
	metric_unit u = UNIT_COUNT_;
	*v = NAN;
	int rc = metrics_lookup(m, ref, v, &u);
	if (rc == 0)
		ck_assert_int_ne(u, UNIT_COUNT_);
	return rc;
}

START_TEST(test_metric_references_at_the_edges)
{
	metrics *m = metrics_new();
	static const int years[] = { 2020, 2021 };
	static const double vals[] = { 1.5, -2.5 };
	ck_assert_int_eq(metrics_add(m, "a", UNIT_USD_BN, 7, NULL, NULL), 0);
	ck_assert_int_eq(metrics_add(m, "a", UNIT_USD_BN, 8, NULL, NULL), -1); /* twice */
	ck_assert_int_eq(metrics_add_series(m, "s", UNIT_GW, years, vals, 2, "src", "S"), 0);
	ck_assert_int_eq(metrics_add_series(m, "s", UNIT_GW, years, vals, 2, NULL, NULL), -1);
	ck_assert_int_eq(metrics_add_series(m, "none", UNIT_GW, NULL, NULL, 0, NULL, NULL), 0);
	double v;
	ck_assert_int_eq(look(m, "a", &v), 0);
	ck_assert_double_eq(v, 7);
	ck_assert_int_eq(look(m, "s[2021]", &v), 0);
	ck_assert_double_eq(v, -2.5);
	ck_assert_int_eq(look(m, "s[2022]", &v), -2);   /* a year not in the series */
	ck_assert_int_eq(look(m, "a[2021]", &v), -2);   /* a year for a scalar */
	ck_assert_int_eq(look(m, "s", &v), -3);         /* a series without a year */
	ck_assert_int_eq(look(m, "none[2020]", &v), -2);
	/* malformed years and unknown names */
	const char *const bad[] = { "", "b", "a]", "[2020]", "s[]", "s[x]", "s[20x]", "s[2020",
		"s[+2020]", "s[ 2020]", "s[99999999999]", "s[-99999999999]", "s[2020]]" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		ck_assert_int_eq(look(m, bad[i], &v), -1);
	ck_assert_int_eq(metrics_add(m, "neg", UNIT_YEAR, 1, NULL, NULL), 0);
	static const int past[] = { -5 };
	ck_assert_int_eq(metrics_add_series(m, "old", UNIT_YEAR, past, vals, 1, NULL, NULL), 0);
	ck_assert_int_eq(look(m, "old[-5]", &v), 0);
	ck_assert_double_eq(v, 1.5);
	/* status, count, position */
	ck_assert_int_eq(metrics_set_status(m, "nosuch", "estimate"), -1);
	ck_assert_int_eq(metrics_set_status(m, "a", "estimate"), 0);
	ck_assert_str_eq(metrics_find(m, "a")->status, "estimate");
	ck_assert_int_eq(metrics_set_status(m, "a", NULL), 0);
	ck_assert_ptr_null(metrics_find(m, "a")->status);
	ck_assert_uint_eq(metrics_count(m), 5);
	ck_assert_str_eq(metrics_at(m, 1)->name, "s");
	ck_assert_ptr_null(metrics_at(m, 5));
	ck_assert_uint_eq(metrics_count(NULL), 0);
	ck_assert_ptr_null(metrics_at(NULL, 0));
	ck_assert_ptr_null(metrics_find(NULL, "a"));
	ck_assert_str_eq(metric_unit_name(UNIT_GW), "gw");
	ck_assert_str_eq(metric_unit_name((metric_unit)99), "number");
	metric_unit u;
	ck_assert_int_eq(metric_unit_parse("gw", &u), 0);
	ck_assert_int_eq(u, UNIT_GW);
	ck_assert_int_eq(metric_unit_parse("furlongs", &u), -1);
	metrics_free(m);
	metrics_free(NULL);
}
END_TEST

/* Returns the scalar value of name in m (NaN if missing), and asserts it is a scalar. */
static double
scalar(const metrics *m, const char *name)
{
	const metric *x = metrics_find(m, name);
	if (x == NULL)
		return -999;
	ck_assert_ptr_null(x->years);
	return x->vals[0];
}

START_TEST(test_expectations_at_the_edges)
{
	static const char *const sc[] = { "base", "slow" };
	static const double pr[] = { 0.25, 0.75 };
	static const int y2[] = { 2020, 2021 }, y3[] = { 2020, 2021, 2022 }, yo[] = { 2020, 2030 };
	static const double v2[] = { 4, 8 }, w2[] = { 8, 16 }, v3[] = { 1, 2, 3 };
	metrics *m = metrics_new();
	metrics_add(m, "npv@base", UNIT_USD_BN, 4, NULL, NULL);
	metrics_add(m, "npv@slow", UNIT_USD_BN, 8, NULL, NULL);
	metrics_add(m, "half@base", UNIT_FRACTION, 1, NULL, NULL); /* slow missing */
	metrics_add_series(m, "cf@base", UNIT_USD_BN, y2, v2, 2, NULL, NULL);
	metrics_add_series(m, "cf@slow", UNIT_USD_BN, y2, w2, 2, NULL, NULL);
	metrics_add_series(m, "len@base", UNIT_USD_BN, y2, v2, 2, NULL, NULL);
	metrics_add_series(m, "len@slow", UNIT_USD_BN, y3, v3, 3, NULL, NULL); /* other years */
	metrics_add_series(m, "yrs@base", UNIT_USD_BN, y2, v2, 2, NULL, NULL);
	metrics_add_series(m, "yrs@slow", UNIT_USD_BN, yo, w2, 2, NULL, NULL); /* 2030 */
	metrics_add_series(m, "mix@base", UNIT_USD_BN, y2, v2, 2, NULL, NULL);
	metrics_add(m, "mix@slow", UNIT_USD_BN, 1, NULL, NULL);           /* a scalar */
	/* scalars: the weighted sum; null if one is missing or a series; nothing for n 0 */
	model_expect_scalar(m, "npv", sc, pr, 2);
	ck_assert_double_eq(scalar(m, "npv@expected"), 7);
	ck_assert_int_eq(metrics_find(m, "npv@expected")->unit, UNIT_USD_BN);
	model_expect_scalar(m, "half", sc, pr, 2);
	ck_assert(isnan(scalar(m, "half@expected")));
	model_expect_scalar(m, "cf", sc, pr, 2);
	ck_assert(isnan(scalar(m, "cf@expected")));
	model_expect_scalar(m, "none", sc, pr, 2);
	ck_assert(isnan(scalar(m, "none@expected")));
	ck_assert_int_eq(metrics_find(m, "none@expected")->unit, UNIT_NUMBER);
	size_t before = metrics_count(m);
	model_expect_scalar(m, "npv2", sc, pr, 0);
	ck_assert_uint_eq(metrics_count(m), before);
	/* reweighting every @base metric: series year by year, null where the shapes or
	 * years differ or a scenario lacks it */
	static const double even[] = { 0.5, 0.5 };
	model_expect_reweight(m, "base", "even", sc, even, 2);
	ck_assert_double_eq(scalar(m, "npv@even"), 6);
	ck_assert(isnan(scalar(m, "half@even")));
	const metric *cf = metrics_find(m, "cf@even");
	ck_assert_uint_eq(cf->n, 2);
	ck_assert_int_eq(cf->years[1], 2021);
	ck_assert_double_eq(cf->vals[0], 6);
	ck_assert_double_eq(cf->vals[1], 12);
	const metric *len = metrics_find(m, "len@even"), *yrs = metrics_find(m, "yrs@even");
	const metric *mix = metrics_find(m, "mix@even");
	ck_assert(isnan(len->vals[0]) && isnan(len->vals[1]));
	ck_assert(yrs->vals[0] == 6 && isnan(yrs->vals[1]));
	ck_assert(isnan(mix->vals[0]) && isnan(mix->vals[1]));
	ck_assert_ptr_null(metrics_find(m, "npv@expected@even")); /* only names ending @base */
	before = metrics_count(m);
	model_expect_reweight(m, "base", "none", sc, even, 0);
	model_expect_reweight(m, "nosuch", "none", sc, even, 2);
	ck_assert_uint_eq(metrics_count(m), before);
	metrics_free(m);
}
END_TEST

START_TEST(test_irr_and_payback_at_the_edges)
{
	/* no flows, all zero, a null flow: no IRR */
	static const double zero[] = { 0, 0, 0 }, null[] = { -1, NAN, 2 };
	ck_assert(isnan(model_irr(zero, 0)));
	ck_assert(isnan(model_irr(zero, 3)));
	ck_assert(isnan(model_irr(null, 3)));
	/* one sign change: the root, to 1e-10 */
	static const double ten[] = { -1, 1.1 };
	ck_assert_double_eq_tol(model_irr(ten, 2), 0.1, 1e-9);
	/* two sign changes (roots 0 and 1): a root, where NPV is 0 */
	static const double two[] = { -1, 3, -2 };
	double r = model_irr(two, 3);
	ck_assert(!isnan(r));
	ck_assert_double_eq_tol(model_npv(two, 3, r), 0, 1e-9);
	/* the same roots with the signs flipped: a root again */
	static const double grid[] = { 1, -3, 2 };
	r = model_irr(grid, 3);
	ck_assert_double_eq_tol(model_npv(grid, 3, r), 0, 1e-9);
	/* never a sign change: none */
	static const double up[] = { 1, 2, 3 };
	ck_assert(isnan(model_irr(up, 3)));
	/* payback: none without years, the first year if never negative, NaN if never */
	static const double cf[] = { 2, -1, 3 }, cum[] = { 2, 1, 4 };
	ck_assert(isnan(model_payback(cf, cum, 0, 2020)));
	ck_assert_double_eq(model_payback(cf, cum, 3, 2020), 2020);
	static const double neg[] = { -2, -1, -3 };
	ck_assert(isnan(model_payback(neg, neg, 3, 2020)));
	/* names of lenses, expectations with a null weight */
	ck_assert_str_eq(model_fin_lens_name((fin_lens_kind)FIN_NLENSES), "");
	static const double v[] = { 1, 2 }, pw[] = { 0.5, NAN };
	ck_assert(isnan(model_expected(v, pw, 2)));
	ck_assert(isnan(model_expected(v, pw, 0)));
}
END_TEST

static Suite *
model_suite(void)
{
	Suite *s = suite_create("model_cov");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_dist_check_every_refusal);
	tcase_add_test(tc, test_triangular_mode_at_either_end);
	tcase_add_test(tc, test_format_specs_refused);
	tcase_add_test(tc, test_format_edges);
	tcase_add_test(tc, test_metric_references_at_the_edges);
	tcase_add_test(tc, test_expectations_at_the_edges);
	tcase_add_test(tc, test_irr_and_payback_at_the_edges);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(model_suite());
}
