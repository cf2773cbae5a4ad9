/* check_dependency: the dependency indices and switching cost (src/model/dependency.c)
 * and their loading (src/load/dependency.c), against hand-worked numbers. */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "model/dependency.h"
#include "model/metrics.h"
#include "model/part_metrics.h"
#include "model_fixture.h"

#define EPS 1e-12

/* Sets factor i of x. */
static void
factor(dep_index *x, size_t i, double value, double weight)
{
	x->factor[i].value = value;
	x->factor[i].weight = weight;
	x->nfactors = i + 1 > x->nfactors ? i + 1 : x->nfactors;
}

START_TEST(index_and_asymmetry)
{
	dep_params p = { 0 };
	dep_result r;
	fin_result f = { 0 };
	/* OM = 0.5 x 0.8 + 0.3 x 0.6 + 0.2 x 0.5 = 0.4 + 0.18 + 0.1 = 0.68 */
	factor(&p.index[DEP_OM], 0, 0.8, 0.5);
	factor(&p.index[DEP_OM], 1, 0.6, 0.3);
	factor(&p.index[DEP_OM], 2, 0.5, 0.2);
	/* MO = 0.6 x 0.5 + 0.4 x 0.25 = 0.3 + 0.1 = 0.4 */
	factor(&p.index[DEP_MO], 0, 0.5, 0.6);
	factor(&p.index[DEP_MO], 1, 0.25, 0.4);
	ck_assert_double_eq_tol(model_dep_weight_sum(&p.index[DEP_OM]), 1.0, EPS);
	ck_assert_double_eq_tol(model_dep_index(&p.index[DEP_OM]), 0.68, EPS);
	model_dep_run(&p, &f, &r);
	ck_assert_double_eq_tol(r.index[DEP_MO], 0.4, EPS);
	ck_assert_double_eq_tol(r.asymmetry, 0.28, EPS); /* 0.68 - 0.4 */
	ck_assert_int_eq(r.n, 0);
	/* an index without factors is 0 */
	dep_index empty = { 0 };
	ck_assert(model_dep_index(&empty) == 0.0);
}
END_TEST

START_TEST(switching_components)
{
	dep_params p = { 0 };
	dep_result r;
	fin_result f = { 0 };
	p.sw = (dep_switching){ 0.5, 6, 3, 0.2, 0.5 };
	f.t0 = 2030;
	f.n = 2;
	f.compute_spend[0] = 10;
	f.revenue[0] = 20;
	f.compute_spend[1] = 4;
	f.revenue[1] = 0;
	model_dep_run(&p, &f, &r);
	ck_assert_int_eq(r.t0, 2030);
	ck_assert_int_eq(r.n, 2);
	/* 2030: engineering 0.5; duplicate 6/12 x 10 x 0.5 = 2.5; performance 3/12 x 0.2 x
	 * 20 x 0.5 = 0.5; total 3.5; share 3.5 / 20 = 0.175 */
	ck_assert_double_eq_tol(r.engineering[0], 0.5, EPS);
	ck_assert_double_eq_tol(r.duplicate[0], 2.5, EPS);
	ck_assert_double_eq_tol(r.performance[0], 0.5, EPS);
	ck_assert_double_eq_tol(r.total[0], 3.5, EPS);
	ck_assert_double_eq_tol(r.share_of_revenue[0], 0.175, EPS);
	/* 2031: no revenue: duplicate 6/12 x 4 x 0.5 = 1, performance 0, total 1.5, share null */
	ck_assert_double_eq_tol(r.duplicate[1], 1.0, EPS);
	ck_assert(r.performance[1] == 0.0);
	ck_assert_double_eq_tol(r.total[1], 1.5, EPS);
	ck_assert(isnan(r.share_of_revenue[1]));
}
END_TEST

START_TEST(fixture_loads_and_overrides)
{
	diag *d = diag_new();
	report *r = mf_load(d);
	const rep_scenario *base = &r->scenarios[0], *slower = &r->scenarios[1];
	ck_assert_ptr_nonnull(base->dep);
	const dep_index *om = &base->dep->index[DEP_OM];
	ck_assert_uint_eq(om->nfactors, 3);
	ck_assert_str_eq(om->factor[1].id, "funding");
	ck_assert_str_eq(om->factor[1].source, "press-2021");
	ck_assert_ptr_null(om->factor[2].source);
	ck_assert(om->factor[1].weight == 0.3);
	ck_assert(base->dep->sw.overlap_months == 6 && base->dep->sw.fraction == 0.5);
	/* slower sets compute_on_azure to 0.4: OM = 0.2 + 0.18 + 0.1 = 0.48 */
	ck_assert(slower->dep->index[DEP_OM].factor[0].value == 0.4);
	ck_assert_double_eq_tol(model_dep_index(&slower->dep->index[DEP_OM]), 0.48, EPS);
	/* slowest inherits slower's override */
	ck_assert(r->scenarios[2].dep->index[DEP_OM].factor[0].value == 0.4);
	ck_assert(r->scenarios[3].dep->index[DEP_OM].factor[0].value == 0.8);
	report_free(r);
	diag_free(d);
}
END_TEST

START_TEST(metrics_and_expected)
{
	diag *d = diag_new();
	report *r = mf_load(d);
	metrics *m = metrics_new();
	fin_result f = { 0 };
	dep_result res[3];
	const char *names[] = { "base", "slower", "slowest" };
	const double probs[] = { 0.5, 0.3, 0.2 };
	f.t0 = 2019;
	f.n = 1;
	f.compute_spend[0] = 1;
	f.revenue[0] = 1;
	for (int i = 0; i < 3; i++) {
		model_dep_run(r->scenarios[i].dep, &f, &res[i]);
		dep_metrics_add(m, names[i], r->scenarios[i].dep, &res[i]);
	}
	part_metrics_expected(m, names, probs, 3);
	double v;
	metric_unit u;
	/* 2019: 0.5 + 6/12 x 1 x 0.5 + 3/12 x 0.2 x 1 x 0.5 = 0.5 + 0.25 + 0.025 = 0.775 */
	ck_assert_int_eq(metrics_lookup(m, "dependency.switching.total@base[2019]", &v, &u), 0);
	ck_assert_double_eq_tol(v, 0.775, EPS);
	ck_assert_int_eq(u, UNIT_USD_BN);
	ck_assert_int_eq(metrics_lookup(m, "dependency.factor.openai_on_microsoft.funding@base",
	    &v, &u), 0);
	ck_assert(v == 0.6);
	/* asymmetry: base 0.28, slower and slowest 0.08: 0.5 x 0.28 + 0.5 x 0.08 = 0.18 */
	ck_assert_int_eq(metrics_lookup(m, "dependency.asymmetry@expected", &v, &u), 0);
	ck_assert_double_eq_tol(v, 0.18, EPS);
	ck_assert_int_eq(metrics_lookup(m, "dependency.index.openai_on_microsoft@expected", &v,
	    &u), 0);
	ck_assert_double_eq_tol(v, 0.58, EPS); /* 0.5 x 0.68 + 0.5 x 0.48 */
	ck_assert_int_eq(metrics_lookup(m, "dependency.switching.fraction@expected", &v, &u), -1);
	metrics_free(m);
	report_free(r);
	diag_free(d);
}
END_TEST

START_TEST(weights_not_one)
{
	mf_copy();
	mf_edit("data/dependency.yaml", "weight: 0.2, assumption", "weight: 0.1, assumption");
	const char *const want[] = {
		"data/dependency.yaml:6:9: error: the weights of "
		"'dependency.indices.openai_on_microsoft' sum to 0.9, not 1",
		NULL };
	mf_expect(want);
}
END_TEST

START_TEST(broken_inputs)
{
	mf_copy();
	mf_edit("data/dependency.yaml", "microsoft_on_openai:", "microsoft_on_opena:");
	mf_edit("data/dependency.yaml", "value: 0.8,", "value: 1.8,");
	mf_edit("data/dependency.yaml", "fraction: {value: 0.5, assumption: true, rationale: "
	    "\"Half the compute moves\"}", "fraction: 0.5");
	mf_edit("data/scenarios.yaml", "dependency.indices.openai_on_microsoft.factors."
	    "compute_on_azure.value", "dependency.indices.nope");
	const char *const want[] = {
		"data/dependency.yaml:13:5: error: unknown key 'microsoft_on_opena' in "
		"dependency.indices",
		/* col 71: 8 spaces + "compute_on_azure: {label: " (26) + the label (27)
		 * + ", value: " (9) + 1 */
		"data/dependency.yaml:6:71: error: 'dependency.indices.openai_on_microsoft.factors."
		"compute_on_azure.value' must be in [0, 1], found 1.8",
		"data/dependency.yaml:3:5: error: missing key 'microsoft_on_openai' in "
		"dependency.indices",
		"data/dependency.yaml:23:15: error: number without provenance for "
		"'dependency.switching.fraction': write {value: 0.5, source: <id>} or use "
		"assumption: true with a rationale:",
		"data/scenarios.yaml:14:7: error: set: path 'dependency.indices.nope' does not "
		"name an input",
		NULL };
	mf_expect(want);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("dependency");
	TCase *t = tcase_create("dependency");
	tcase_add_test(t, index_and_asymmetry);
	tcase_add_test(t, switching_components);
	tcase_add_test(t, fixture_loads_and_overrides);
	tcase_add_test(t, metrics_and_expected);
	tcase_add_test(t, weights_not_one);
	tcase_add_test(t, broken_inputs);
	suite_add_tcase(s, t);
	return check_run(s);
}
