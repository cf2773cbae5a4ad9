/* check_risk: the risk register (src/model/risk.c) and its loading (src/load/risk.c),
 * against hand-worked numbers. */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "model/metrics.h"
#include "model/part_metrics.h"
#include "model/risk.h"
#include "model_fixture.h"

#define EPS 1e-12

START_TEST(likelihood_bands)
{
	/* min(5, floor(5 l) + 1) */
	ck_assert_int_eq(model_risk_likelihood_band(0.0), 1);
	ck_assert_int_eq(model_risk_likelihood_band(0.19), 1);
	ck_assert_int_eq(model_risk_likelihood_band(0.2), 2);   /* floor(1.0) + 1 */
	ck_assert_int_eq(model_risk_likelihood_band(0.5), 3);   /* floor(2.5) + 1 */
	ck_assert_int_eq(model_risk_likelihood_band(0.79), 4);  /* floor(3.95) + 1 */
	ck_assert_int_eq(model_risk_likelihood_band(0.8), 5);
	ck_assert_int_eq(model_risk_likelihood_band(1.0), 5);   /* floor(5) + 1 = 6 -> 5 */
	/* out of range: clamped before any conversion to int (5e300 does not fit one) */
	ck_assert_int_eq(model_risk_likelihood_band(1e300), 5);
	ck_assert_int_eq(model_risk_likelihood_band(-1e300), 1);
	ck_assert_int_eq(model_risk_likelihood_band(NAN), 1);
}
END_TEST

START_TEST(impact_bands)
{
	const double edge[] = { 1, 5, 20, 50 };
	ck_assert_int_eq(model_risk_impact_band(0, edge), 1);
	ck_assert_int_eq(model_risk_impact_band(0.99, edge), 1);
	ck_assert_int_eq(model_risk_impact_band(1, edge), 2);   /* an edge starts its band */
	ck_assert_int_eq(model_risk_impact_band(4, edge), 2);
	ck_assert_int_eq(model_risk_impact_band(20, edge), 4);
	ck_assert_int_eq(model_risk_impact_band(60, edge), 5);
}
END_TEST

START_TEST(rank_and_expected)
{
	risk_entry e[4] = {
		{ "b", NULL, NULL, NULL, NULL, 0.5, 4, 0 },   /* expected 2 */
		{ "a", NULL, NULL, NULL, NULL, 0.2, 10, 4 },  /* expected 2, given band 4 */
		{ "c", NULL, NULL, NULL, NULL, 1.0, 60, 0 },  /* expected 60 */
		{ "d", NULL, NULL, NULL, NULL, 0.0, 100, 0 }, /* expected 0 */
	};
	risk_register g = { 4, e, 1, { 1, 5, 20, 50 } };
	risk_result r;
	model_risk_run(&g, &r);
	ck_assert_uint_eq(r.n, 4);
	ck_assert_double_eq_tol(r.expected[0], 2.0, EPS);
	ck_assert_double_eq_tol(r.expected[2], 60.0, EPS);
	ck_assert_double_eq_tol(r.total_expected, 64.0, EPS); /* 2 + 2 + 60 + 0 */
	/* c (60) first; a and b tie at 2: a before b by id; d last */
	ck_assert_int_eq(r.rank[2], 1);
	ck_assert_int_eq(r.rank[1], 2);
	ck_assert_int_eq(r.rank[0], 3);
	ck_assert_int_eq(r.rank[3], 4);
	/* bands: b 0.5 -> 3, impact 4 -> 2; a given 4; c 5 and 5; d 1 and 5 */
	ck_assert_int_eq(r.likelihood_band[0], 3);
	ck_assert_int_eq(r.impact_band[0], 2);
	ck_assert_int_eq(r.likelihood_band[1], 2);
	ck_assert_int_eq(r.impact_band[1], 4);
	ck_assert_int_eq(r.likelihood_band[2], 5);
	ck_assert_int_eq(r.impact_band[2], 5);
	ck_assert_int_eq(r.likelihood_band[3], 1);
	ck_assert_int_eq(r.impact_band[3], 5);
	/* an empty register */
	risk_register none = { 0 };
	model_risk_run(&none, &r);
	ck_assert(r.n == 0 && r.total_expected == 0.0);
}
END_TEST

START_TEST(fixture_register)
{
	diag *d = diag_new();
	report *r = mf_load(d);
	const risk_register *g = r->risks;
	ck_assert_ptr_nonnull(g);
	ck_assert_uint_eq(g->n, 3);
	ck_assert_int_eq(g->has_edges, 1);
	ck_assert(g->edge[3] == 50);
	ck_assert_str_eq(g->entry[1].title, "Product conflict");
	ck_assert_ptr_null(g->entry[0].source);
	ck_assert_str_eq(g->entry[2].source, "press-2021");
	ck_assert_int_eq(g->entry[1].impact_band, 4);
	ck_assert_int_eq(g->entry[0].impact_band, 0);
	risk_result res;
	metrics *m = metrics_new();
	model_risk_run(g, &res);
	risk_metrics_add(m, g, &res);
	double v;
	metric_unit u;
	/* capacity 0.5 x 4 = 2 and conflict 0.2 x 10 = 2 tie; exit 1.0 x 60 = 60 */
	ck_assert_int_eq(metrics_lookup(m, "risk.exit.rank", &v, &u), 0);
	ck_assert(v == 1);
	ck_assert_int_eq(metrics_lookup(m, "risk.capacity.rank", &v, &u), 0);
	ck_assert(v == 2);
	ck_assert_int_eq(metrics_lookup(m, "risk.conflict.expected", &v, &u), 0);
	ck_assert_double_eq_tol(v, 2.0, EPS);
	ck_assert_int_eq(u, UNIT_USD_BN);
	ck_assert_int_eq(metrics_lookup(m, "risk.exit.likelihood_band", &v, &u), 0);
	ck_assert(v == 5);
	ck_assert_int_eq(metrics_lookup(m, "risk.total_expected", &v, &u), 0);
	ck_assert_double_eq_tol(v, 64.0, EPS);
	ck_assert_str_eq(metrics_find(m, "risk.exit.impact")->label, "Exit");
	metrics_free(m);
	report_free(r);
	diag_free(d);
}
END_TEST

START_TEST(broken_register)
{
	mf_copy();
	mf_edit("data/risks.yaml", "likelihood: 0.5", "likelihood: 1.5");
	mf_edit("data/risks.yaml", "impact_band: 4", "impact_band: 6");
	mf_edit("data/risks.yaml", "[1, 5, 20, 50]", "[1, 5, 5, 50]");
	mf_edit("data/risks.yaml", "    source: press-2021\n", "");
	const char *const want[] = {
		"data/risks.yaml:1:30: error: 'impact_bands.edges' must be increasing numbers >= 0, "
		"found 5",
		"data/risks.yaml:7:17: error: 'risks.capacity.likelihood' must be in [0, 1], found 1.5",
		"data/risks.yaml:17:18: error: 'risks.conflict.impact_band' must be between 1 and "
		"5, found 6",
		"data/risks.yaml:21:5: error: 'risks.exit' has no provenance: add source: <id>, or "
		"assumption: true with a rationale:",
		NULL };
	mf_expect(want);
}
END_TEST

START_TEST(no_band_no_edges)
{
	mf_copy();
	mf_edit("data/risks.yaml", "impact_bands: {edges: [1, 5, 20, 50], assumption: true, "
	    "rationale: \"Round edges in usd_bn\"}\n", "");
	const char *const want[] = {
		"data/risks.yaml:3:5: error: 'risks.capacity' has no impact_band and the file gives "
		"no impact_bands edges",
		"data/risks.yaml:20:5: error: 'risks.exit' has no impact_band and the file gives no "
		"impact_bands edges",
		NULL };
	mf_expect(want);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("risk");
	TCase *t = tcase_create("risk");
	tcase_add_test(t, likelihood_bands);
	tcase_add_test(t, impact_bands);
	tcase_add_test(t, rank_and_expected);
	tcase_add_test(t, fixture_register);
	tcase_add_test(t, broken_register);
	tcase_add_test(t, no_band_no_edges);
	suite_add_tcase(s, t);
	return check_run(s);
}
