/* check_competition: HHI, CR3, blocs and the share projection (src/model/competition.c)
 * and their loading (src/load/competition.c), against hand-worked numbers. */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "model/competition.h"
#include "model/metrics.h"
#include "model/part_metrics.h"
#include "model_fixture.h"

#define EPS 1e-9

START_TEST(hhi_and_cr3)
{
	const double three[] = { 0.3, 0.2, 0.1 };
	const double four[] = { 0.1, 0.4, 0.2, 0.3 };
	const double two[] = { 0.25, 0.5 };
	const double one[] = { 0.6 };
	/* (30)^2 + (20)^2 + (10)^2 = 900 + 400 + 100 = 1400 */
	ck_assert_double_eq_tol(model_hhi(three, 3), 1400, EPS);
	ck_assert_double_eq_tol(model_cr3(three, 3), 0.6, EPS);
	/* CR3 of four firms: the three largest 0.4 + 0.3 + 0.2 = 0.9 (0.1 left out) */
	ck_assert_double_eq_tol(model_cr3(four, 4), 0.9, EPS);
	/* HHI of four: 100 + 1600 + 400 + 900 = 3000 */
	ck_assert_double_eq_tol(model_hhi(four, 4), 3000, EPS);
	/* two firms: CR3 is both, 0.75; HHI 625 + 2500 = 3125 */
	ck_assert_double_eq_tol(model_cr3(two, 2), 0.75, EPS);
	ck_assert_double_eq_tol(model_hhi(two, 2), 3125, EPS);
	/* one firm with 60%: HHI 3600, CR3 0.6; a monopoly with 100%: 10000 */
	ck_assert_double_eq_tol(model_hhi(one, 1), 3600, EPS);
	ck_assert_double_eq_tol(model_cr3(one, 1), 0.6, EPS);
	const double mono[] = { 1.0 };
	ck_assert_double_eq_tol(model_hhi(mono, 1), 10000, EPS);
	/* no firms: both 0 */
	ck_assert(model_hhi(NULL, 0) == 0.0);
	ck_assert(model_cr3(NULL, 0) == 0.0);
}
END_TEST

START_TEST(projection_step)
{
	/* shares 0.4, 0.2, 0.1 (remainder 0.3), boosts 0.5, 0, 0:
	 * raw 0.6, 0.2, 0.1 (sum 0.9); named total 0.7 kept:
	 * 0.6 x 0.7 / 0.9 = 7/15, 0.2 x 0.7 / 0.9 = 7/45, 0.1 x 0.7 / 0.9 = 7/90;
	 * sum 42/90 + 14/90 + 7/90 = 63/90 = 0.7, the remainder stays 0.3 */
	const double s[] = { 0.4, 0.2, 0.1 }, boost[] = { 0.5, 0, 0 };
	double out[3];
	model_comp_step(s, boost, 3, out);
	ck_assert_double_eq_tol(out[0], 7.0 / 15, EPS);
	ck_assert_double_eq_tol(out[1], 7.0 / 45, EPS);
	ck_assert_double_eq_tol(out[2], 7.0 / 90, EPS);
	ck_assert_double_eq_tol(out[0] + out[1] + out[2], 0.7, EPS);
	/* equal boosts change nothing */
	const double same[] = { 0.1, 0.1, 0.1 };
	model_comp_step(s, same, 3, out);
	ck_assert_double_eq_tol(out[0], 0.4, EPS);
	ck_assert_double_eq_tol(out[2], 0.1, EPS);
	/* one firm keeps its share whatever its boost; all-zero shares stay zero */
	const double one[] = { 0.5 }, b1[] = { 0.2 }, zero[] = { 0, 0 };
	model_comp_step(one, b1, 1, out);
	ck_assert_double_eq_tol(out[0], 0.5, EPS);
	model_comp_step(zero, same, 2, out);
	ck_assert(out[0] == 0.0 && out[1] == 0.0);
}
END_TEST

/* Fills p with one market of n firms over years 2023..2023+ny-1. */
static void
toy_market(comp_params *p, const double *shares, const double *boost, size_t n, size_t ny)
{
	static int years[] = { 2023, 2024 };
	static double store[COMP_MAX_FIRMS][2];
	comp_market *k = &p->market[0];
	p->nmarkets = 1;
	p->hhi_high = 1800;
	p->hhi_change = 100;
	k->nyears = ny;
	k->years = years;
	k->nfirms = n;
	for (size_t i = 0; i < n; i++) {
		for (size_t t = 0; t < ny; t++)
			store[i][t] = shares[i];
		k->firm[i].shares = store[i];
		k->firm[i].boost = boost[i];
	}
}

START_TEST(run_projection_and_flags)
{
	comp_params p = { 0 };
	const double s[] = { 0.4, 0.2, 0.1 }, boost[] = { 0.5, 0, 0 };
	toy_market(&p, s, boost, 3, 1);
	p.market[0].nblocs = 1;
	p.market[0].bloc[0] = (comp_bloc){ NULL, NULL, 2, { 0, 2 } };
	p.horizon = 2025;
	comp_result *r = model_comp_run(&p);
	const comp_market_result *x = &r->market[0];
	/* observed 2023: HHI 1600 + 400 + 100 = 2100, CR3 0.7, bloc a + c = 0.5 */
	ck_assert_double_eq_tol(x->hhi[0], 2100, EPS);
	ck_assert_double_eq_tol(x->cr3[0], 0.7, EPS);
	ck_assert_double_eq_tol(x->bloc[0][0], 0.5, EPS);
	ck_assert_int_eq(x->p0, 2023);
	ck_assert_uint_eq(x->nproj, 3);
	/* 2024 as in projection_step: HHI 10^4 x 49 x (1/225 + 1/2025 + 1/8100)
	 * = 10^4 x 49 x 41 / 8100 = 2480.2469..., bloc 7/15 + 7/90 = 49/90 */
	ck_assert_double_eq_tol(x->proj_hhi[1], 20090000.0 / 8100, EPS);
	ck_assert_double_eq_tol(x->proj_bloc[0][1], 49.0 / 90, EPS);
	/* 2025: raw 7/15 x 1.5 = 0.7, 7/45, 7/90 (sum 84/90); scale 0.7 / (84/90) = 0.75:
	 * 0.525, 7/60, 7/120 */
	ck_assert_double_eq_tol(x->proj_share[0][2], 0.525, EPS);
	ck_assert_double_eq_tol(x->proj_share[1][2], 7.0 / 60, EPS);
	ck_assert_double_eq_tol(x->proj_share[2][2], 7.0 / 120, EPS);
	double h = 10000 * (0.525 * 0.525 + (7.0 / 60) * (7.0 / 60) + (7.0 / 120) * (7.0 / 120));
	ck_assert_double_eq_tol(x->proj_hhi[2], h, EPS);
	ck_assert_double_eq_tol(x->proj_cr3[2], 0.7, EPS);
	ck_assert_double_eq_tol(x->hhi_change, h - 2100, EPS);
	ck_assert_int_eq(x->highly_concentrated, 1);
	ck_assert_int_eq(x->significant_change, 1);
	comp_result_free(r);
}
END_TEST

START_TEST(flags_at_thresholds)
{
	comp_params p = { 0 };
	/* 3 x 0.2449...: HHI 3 x 600 = 1800 exactly is not "above 1800" */
	const double s[] = { sqrt(0.06), sqrt(0.06), sqrt(0.06) }, b[] = { 0, 0, 0 };
	toy_market(&p, s, b, 3, 1);
	p.horizon = 2023;
	comp_result *r = model_comp_run(&p);
	ck_assert_uint_eq(r->market[0].nproj, 1);
	ck_assert_double_eq_tol(r->market[0].proj_hhi[0], 1800, 1e-6);
	ck_assert(r->market[0].hhi_change == 0.0);
	ck_assert_int_eq(r->market[0].significant_change, 0);
	comp_result_free(r);
	/* one firm, boosted: its share and HHI never change */
	const double one[] = { 0.5 }, b1[] = { 0.2 };
	comp_params q = { 0 };
	toy_market(&q, one, b1, 1, 2);
	q.horizon = 2030;
	r = model_comp_run(&q);
	ck_assert_uint_eq(r->market[0].nproj, 7);
	ck_assert_int_eq(r->market[0].p0, 2024);
	ck_assert_double_eq_tol(r->market[0].proj_hhi[6], 2500, EPS);
	ck_assert_double_eq_tol(r->market[0].hhi_change, 0, EPS);
	ck_assert_int_eq(r->market[0].highly_concentrated, 1);
	comp_result_free(r);
	/* zero firms: HHI and CR3 0 */
	comp_params z = { 0 };
	toy_market(&z, NULL, NULL, 0, 1);
	z.horizon = 2024;
	r = model_comp_run(&z);
	ck_assert(r->market[0].hhi[0] == 0.0 && r->market[0].proj_hhi[1] == 0.0);
	ck_assert(r->market[0].proj_cr3[1] == 0.0);
	comp_result_free(r);
}
END_TEST

START_TEST(fixture_metrics)
{
	diag *d = diag_new();
	report *r = mf_load(d);
	metrics *m = metrics_new();
	const char *names[] = { "base", "slower" };
	const double probs[] = { 0.5, 0.5 };
	comp_result *res[2];
	for (int i = 0; i < 2; i++) {
		res[i] = model_comp_run(r->scenarios[i].comp);
		comp_metrics_add(m, names[i], r->scenarios[i].comp, res[i]);
	}
	comp_metrics_observed(m, r->scenarios[0].comp, res[0]);
	part_metrics_expected(m, names, probs, 2);
	const comp_params *p = r->scenarios[0].comp;
	ck_assert_uint_eq(p->nmarkets, 2);
	ck_assert_str_eq(p->hhi_high_source, "analyst-2022");
	ck_assert_uint_eq(p->market[0].nblocs, 1);
	ck_assert_uint_eq(p->market[0].bloc[0].member[1], 1);
	double v;
	metric_unit u;
	/* 2022: 0.3, 0.2, 0.1 -> 1400; bloc a + b = 0.5 */
	ck_assert_int_eq(metrics_lookup(m, "competition.hhi.cloud[2022]", &v, &u), 0);
	ck_assert_double_eq_tol(v, 1400, EPS);
	ck_assert_int_eq(metrics_lookup(m, "competition.bloc.cloud.ab[2022]", &v, &u), 0);
	ck_assert_double_eq_tol(v, 0.5, EPS);
	ck_assert_int_eq(metrics_lookup(m, "competition.threshold.hhi_highly_concentrated", &v,
	    &u), 0);
	ck_assert(v == 1800);
	ck_assert_str_eq(metrics_find(m, "competition.share.cloud.a")->source, "analyst-2022");
	/* base: 2023 -> 2024 with boost 0.5 on a: change 2480.2469 - 2100 = 380.2469;
	 * slower sets a's boost to 0: change 0; expected 0.5 x 380.2469 = 190.1235 */
	ck_assert_int_eq(metrics_lookup(m, "competition.hhi_change.cloud@base", &v, &u), 0);
	ck_assert_double_eq_tol(v, 20090000.0 / 8100 - 2100, EPS);
	ck_assert_int_eq(metrics_lookup(m, "competition.hhi_change.cloud@slower", &v, &u), 0);
	ck_assert_double_eq_tol(v, 0, EPS);
	ck_assert_int_eq(metrics_lookup(m, "competition.hhi_change.cloud@expected", &v, &u), 0);
	ck_assert_double_eq_tol(v, 0.5 * (20090000.0 / 8100 - 2100), EPS);
	ck_assert_int_eq(metrics_lookup(m, "competition.significant_change.cloud@expected", &v,
	    &u), 0);
	ck_assert_double_eq_tol(v, 0.5, EPS);
	ck_assert_int_eq(metrics_lookup(m, "competition.projected_share.cloud.a@base[2024]", &v,
	    &u), 0);
	ck_assert_double_eq_tol(v, 7.0 / 15, EPS);
	/* model_api has one firm at 0.5: HHI 2500 */
	ck_assert_int_eq(metrics_lookup(m, "competition.projected_hhi.model_api@slower[2024]",
	    &v, &u), 0);
	ck_assert_double_eq_tol(v, 2500, EPS);
	for (int i = 0; i < 2; i++)
		comp_result_free(res[i]);
	metrics_free(m);
	report_free(r);
	diag_free(d);
}
END_TEST

START_TEST(broken_markets)
{
	mf_copy();
	mf_edit("data/competition.yaml", "{2022: 0.2, 2023: 0.2}", "{2022: 1.2, 2023: 0.2}");
	mf_edit("data/competition.yaml", "members: [a, b]", "members: [a, zz]");
	mf_edit("data/competition.yaml", "{2022: 0.1, 2023: 0.1}", "{2021: 0.1, 2023: 0.1}");
	mf_edit("data/competition.yaml", "horizon: {value: 2024", "horizon: {value: 2022");
	const char *const want[] = {
		"data/competition.yaml:11:54: error: 'competition.markets.cloud.firms.b.shares' "
		"must be in [0, 1], found 1.2",
		"data/competition.yaml:12:47: error: 'competition.markets.cloud.firms.c.shares' "
		"must list the same years as 'a' (2022..2023, 2 years): every firm of a market "
		"does",
		"data/competition.yaml:14:45: error: unknown firm 'zz' in "
		"'competition.markets.cloud.blocs.ab' (not among its market's firms)",
		NULL };
	mf_expect(want);
}
END_TEST

START_TEST(shares_sum)
{
	/* 2023: 0.8 + 0.2 + 0.1 = 1.1 > 1; the horizon is not checked against broken
	 * markets */
	mf_copy();
	mf_edit("data/competition.yaml", "{2022: 0.3, 2023: 0.4}", "{2022: 0.3, 2023: 0.8}");
	mf_edit("data/competition.yaml", "horizon: {value: 2024", "horizon: {value: 2022");
	const char *const want[] = {
		"data/competition.yaml:10:9: error: the shares in "
		"'competition.markets.cloud.firms' sum to 1.1 in 2023, more than 1",
		NULL };
	mf_expect(want);
}
END_TEST

START_TEST(override_checked)
{
	/* col 56: 6 spaces + "competition.markets.cloud.firms.a.boost: " (41)
	 * + "{value: " (8) + 1 */
	mf_copy();
	mf_edit("data/scenarios.yaml", "competition.markets.cloud.firms.a.boost: {value: 0,",
	    "competition.markets.cloud.firms.a.boost: {value: -1,");
	const char *const want[] = {
		"data/scenarios.yaml:15:56: error: 'competition.markets.cloud.firms.a.boost' must "
		"be in (-1, 10], found -1",
		NULL };
	mf_expect(want);
}
END_TEST

START_TEST(horizon_before_data)
{
	mf_copy();
	mf_edit("data/competition.yaml", "horizon: {value: 2024", "horizon: {value: 2022");
	const char *const want[] = {
		"data/competition.yaml:5:20: error: 'competition.horizon' must be a year in "
		"2023..2123 (from the last year of 'competition.markets.cloud'), found 2022",
		NULL };
	mf_expect(want);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("competition");
	TCase *t = tcase_create("competition");
	tcase_add_test(t, hhi_and_cr3);
	tcase_add_test(t, projection_step);
	tcase_add_test(t, run_projection_and_flags);
	tcase_add_test(t, flags_at_thresholds);
	tcase_add_test(t, fixture_metrics);
	tcase_add_test(t, broken_markets);
	tcase_add_test(t, shares_sum);
	tcase_add_test(t, override_checked);
	tcase_add_test(t, horizon_before_data);
	suite_add_tcase(s, t);
	return check_run(s);
}
