/* check_finance: the financial model (src/model/finance.c) against hand-worked numbers. */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "model/finance.h"
#include "check_main.h"

#define EPS 1e-9

/* Fills p with a neutral model over t0..T: nothing invested, no revenue, no flows,
 * actuals and compute_spend NaN (none), no cap, waterfall always on, no sale. */
static void
toy_base(fin_params *p, int t0, int T)
{
	*p = (fin_params){ 0 };
	p->t0 = t0;
	p->T = T;
	p->growth_decay = 1;
	p->margin_year = t0;
	p->cap_multiple = NAN;
	p->waterfall_end = T;
	for (int i = 0; i < FIN_MAX_YEARS; i++) {
		p->revenue_actual[i] = NAN;
		p->margin_actual[i] = NAN;
		p->compute_spend[i] = NAN;
	}
}

/* Asserts a[0..n-1] equals want[0..n-1] within EPS. */
static void
check_series(const double *a, const double *want, int n)
{
	for (int i = 0; i < n; i++)
		ck_assert_double_eq_tol(a[i], want[i], EPS);
}

/*
 * The toy model, 2020..2023 (n = 4), every series worked by hand.
 *
 * Tranches: 2020 amount 10, cash 0.6 -> cash 6, credits 4, credit cost 4 x (1 - 0.5) = 2,
 *           cost 8; 2021 amount 2, all cash -> cost 2. total_investment = 12.
 *           investment_cost = {8, 2, 0, 0}.
 * Revenue:  R_2020 = 10; g_t = 0.2 + (1.0 - 0.2) x 0.5^(t - 2021):
 *           g_2021 = 0.2 + 0.8 = 1.0  -> R = 10 x 2.0 = 20
 *           g_2022 = 0.2 + 0.4 = 0.6  -> R = 20 x 1.6 = 32
 *           g_2023 = 0.2 + 0.2 = 0.4  -> R = 32 x 1.4 = 44.8
 * Margin:   -0.5 at 2020 to 0.5 at t_m = 2022: -0.5, 0, 0.5, then 0.5.
 * Profit:   10 x -0.5 = -5; 20 x 0 = 0; 32 x 0.5 = 16; 44.8 x 0.5 = 22.4.
 * Losses:   L_2019 = 1. 2020: L = max(0, 1 + 5) = 6, D = max(0, -5 - 1) = 0.
 *           2021: L = 6, D = 0. 2022: L = max(0, 6 - 16) = 0, D = 16 - 6 = 10.
 *           2023: L = 0, D = 22.4.
 * Waterfall: a1 0.75 until 0.5 x 12 = 6; a2 0.5 until 1.0 x 12 = 12.
 *           2022: 0.75 x 10 = 7.5 > 6 -> pay 6 using 6 / 0.75 = 8 of D; the other 2
 *           at 0.5 -> 1. Total 7 (cumulative 7).
 *           2023: needs 12 - 7 = 5; 0.5 x 22.4 = 11.2 > 5 -> pay 5, then capped. Total 5.
 *           waterfall = {0, 0, 7, 5}.
 * Rev share: rate {0, 0.1, 0.1, 0} -> {0, 2, 3.2, 0}.
 * Hosting:  intensity 0.5, spend given only in 2023 (10): spend {5, 10, 16, 10};
 *           azure share {1, 1, 0.5, 0.5}: Azure spend {5, 10, 8, 5}. The 2020 credits
 *           (4) pay for 4 of 2020's Azure spend (no cash counted: funded_cash_share 0),
 *           so funded {4, 0, 0, 0}; (spend - funded) x margin 0.5 -> {0.5, 5, 4, 2.5}.
 * Equity:   stake {0, 0, 0.1, 0.1} x valuation {0, 0, 100, 200} = {0, 0, 10, 20};
 *           half sold in 2023: mark {0, 0, 10, 10}, stake_sale {0, 0, 0, 10}.
 * Cash flow: 2020: -8 + 0.5 = -7.5; 2021: -2 + 2 + 5 = 5; 2022: 7 + 3.2 + 4 = 14.2;
 *           2023: 5 + 2.5 + 10 = 17.5. Cumulative: -7.5, -2.5, 11.7, 29.2.
 * Payback:  first >= 0 in 2022 after -2.5: 2021 + 2.5 / 14.2 = 2021.1760563380...
 * MOIC:     inflows 0.5 + 7 + 14.2 + 17.5 = 39.2; cost 10 -> 3.92.
 *           marked: (39.2 + final mark 10) / 10 = 4.92.
 * NPV@10%:  -7.5 + 5 / 1.1 + 14.2 / 1.21 + 17.5 / 1.331
 *           = -7.5 + 4.5454545454545 + 11.7355371900826 + 13.1480090157776
 *           = 21.9290007513148.
 */
static void
toy_model(fin_params *p)
{
	static const double rs[] = { 0, 0.1, 0.1, 0 };
	static const double az[] = { 1, 1, 0.5, 0.5 };
	static const double st[] = { 0, 0, 0.1, 0.1 };
	static const double va[] = { 0, 0, 100, 200 };

	toy_base(p, 2020, 2023);
	p->discount_rate = 0.1;
	p->azure_gross_margin = 0.5;
	p->ntranches = 2;
	p->tranche[0] = (fin_tranche){ 2021, 2, 1.0 };
	p->tranche[1] = (fin_tranche){ 2020, 10, 0.6 };
	p->revenue0 = 10;
	p->growth0 = 1.0;
	p->growth_inf = 0.2;
	p->growth_decay = 0.5;
	p->margin0 = -0.5;
	p->margin_inf = 0.5;
	p->margin_year = 2022;
	p->loss_carry0 = 1;
	p->a1 = 0.75;
	p->a2 = 0.5;
	p->recoup_multiple = 0.5;
	p->cap_multiple = 1.0;
	p->compute_spend[3] = 10;
	p->sale_year = 2023;
	p->sale_fraction = 0.5;
	for (int i = 0; i < 4; i++) {
		p->rev_share[i] = rs[i];
		p->compute_intensity[i] = 0.5;
		p->azure_share[i] = az[i];
		p->stake[i] = st[i];
		p->valuation[i] = va[i];
	}
}

START_TEST(toy_series)
{
	fin_params p;
	fin_result r;
	const double cost[] = { 8, 2, 0, 0 }, rev[] = { 10, 20, 32, 44.8 };
	const double mar[] = { -0.5, 0, 0.5, 0.5 }, pro[] = { -5, 0, 16, 22.4 };
	const double los[] = { 6, 6, 0, 0 }, dis[] = { 0, 0, 10, 22.4 };
	const double wf[] = { 0, 0, 7, 5 }, rsh[] = { 0, 2, 3.2, 0 };
	const double sp[] = { 5, 10, 16, 10 }, ho[] = { 0.5, 5, 4, 2.5 };
	const double azs[] = { 5, 10, 8, 5 }, fu[] = { 4, 0, 0, 0 };
	const double mk[] = { 0, 0, 10, 10 }, sa[] = { 0, 0, 0, 10 };
	const double cf[] = { -7.5, 5, 14.2, 17.5 }, cum[] = { -7.5, -2.5, 11.7, 29.2 };

	toy_model(&p);
	model_fin_run(&p, &r);
	ck_assert_int_eq(r.t0, 2020);
	ck_assert_int_eq(r.n, 4);
	ck_assert_double_eq_tol(r.total_investment, 12, EPS);
	check_series(r.investment_cost, cost, 4);
	check_series(r.revenue, rev, 4);
	ck_assert(isnan(r.growth[0]));
	check_series(r.growth + 1, (const double[]){ 1.0, 0.6, 0.4 }, 3);
	check_series(r.margin, mar, 4);
	check_series(r.profit, pro, 4);
	check_series(r.loss_carryforward, los, 4);
	check_series(r.distributable, dis, 4);
	check_series(r.waterfall, wf, 4);
	check_series(r.revenue_share, rsh, 4);
	check_series(r.compute_spend, sp, 4);
	check_series(r.azure_spend, azs, 4);
	check_series(r.funded_compute, fu, 4);
	check_series(r.compute_spend_cumulative, (const double[]){ 5, 15, 31, 41 }, 4);
	check_series(r.azure_spend_cumulative, (const double[]){ 5, 15, 23, 28 }, 4);
	check_series(r.hosting_profit, ho, 4);
	check_series(r.equity_mark, mk, 4);
	check_series(r.stake_sale, sa, 4);
	check_series(r.cash_flow, cf, 4);
	check_series(r.cumulative, cum, 4);
}
END_TEST

START_TEST(toy_scalars)
{
	fin_params p;
	fin_result r;

	toy_model(&p);
	model_fin_run(&p, &r);
	ck_assert_double_eq_tol(r.payback_year, 2021 + 2.5 / 14.2, EPS);
	ck_assert_double_eq_tol(r.payback_year, 2021.1760563380282, 1e-9);
	ck_assert_double_eq_tol(r.moic, 3.92, EPS);
	ck_assert_double_eq_tol(r.moic_marked, 4.92, EPS);
	ck_assert_double_eq_tol(r.npv, 21.9290007513148, 1e-9);
	/* The IRR is the root of a cubic: check it is one (NPV there ~ 0) and that it lies
	 * above 10%, where NPV is still positive (23.9). */
	ck_assert(r.irr > 0.1 && r.irr <= 10);
	ck_assert_double_eq(r.hosting_margin, 0.5); /* no capex: the gross margin */
	ck_assert_double_eq_tol(model_npv(r.cash_flow, r.n, r.irr), 0, 1e-7);
}
END_TEST

/* Waterfall on a 10 investment (all cash, 2020), a1 0.5 until 1 x 10, a2 0.25 until
 * 2 x 10, with distributable profit D = {8, 100, 50} (revenue 10 / 100 / 50, margin 0.8
 * / 1 / 1: set through actuals).
 * 2020: 0.5 x 8 = 4 (cumulative 4).
 * 2021 crosses both: 10 - 4 = 6 at a1 uses 6 / 0.5 = 12 of D, 88 left; at a2 the cap
 *       needs 10, 0.25 x 88 = 22 > 10 -> pay 10 using 40; the last 48 pays nothing.
 *       Total 6 + 10 = 16 (cumulative 20 = cap).
 * 2022: capped: 0. */
static void
wf_model(fin_params *p)
{
	toy_base(p, 2020, 2022);
	p->ntranches = 1;
	p->tranche[0] = (fin_tranche){ 2020, 10, 1.0 };
	p->revenue_actual[0] = 10;
	p->revenue_actual[1] = 100;
	p->revenue_actual[2] = 50;
	p->margin_actual[0] = 0.8;
	p->margin0 = p->margin_inf = 1;
	p->a1 = 0.5;
	p->a2 = 0.25;
	p->recoup_multiple = 1;
	p->cap_multiple = 2;
}

START_TEST(waterfall_both_thresholds)
{
	fin_params p;
	fin_result r;

	wf_model(&p);
	model_fin_run(&p, &r);
	check_series(r.distributable, (const double[]){ 8, 100, 50 }, 3);
	check_series(r.waterfall, (const double[]){ 4, 16, 0 }, 3);
}
END_TEST

/* Same without a cap: 2021 pays 6 (a1, using 12) + 0.25 x 88 = 22 -> 28; 2022 pays
 * 0.25 x 50 = 12.5. With waterfall_end 2021 the 2022 receipt is 0. */
START_TEST(waterfall_no_cap_and_end)
{
	fin_params p;
	fin_result r;

	wf_model(&p);
	p.cap_multiple = NAN;
	model_fin_run(&p, &r);
	check_series(r.waterfall, (const double[]){ 4, 28, 12.5 }, 3);
	p.waterfall_end = 2021;
	model_fin_run(&p, &r);
	check_series(r.waterfall, (const double[]){ 4, 28, 0 }, 3);
}
END_TEST

/* Invest 10 in 2020, nothing comes back: cumulative -10 throughout, no payback, no
 * IRR (every flow <= 0: no sign change), MOIC 0 / 10 = 0. */
START_TEST(never_pays_back)
{
	fin_params p;
	fin_result r;

	toy_base(&p, 2020, 2024);
	p.ntranches = 1;
	p.tranche[0] = (fin_tranche){ 2020, 10, 1.0 };
	model_fin_run(&p, &r);
	ck_assert_double_eq_tol(r.cumulative[4], -10, EPS);
	ck_assert(isnan(r.payback_year));
	ck_assert(isnan(r.irr));
	ck_assert_double_eq_tol(r.moic, 0, EPS);
}
END_TEST

/* cf {-10, 4, 6, 5}: cumulative {-10, -6, 0, 5}; 2022 reaches 0 after -6:
 * 2021 + 6 / 6 = 2022, the end of 2022 exactly. */
START_TEST(payback_at_year_end)
{
	const double cf[] = { -10, 4, 6, 5 }, cum[] = { -10, -6, 0, 5 };

	ck_assert_double_eq(model_payback(cf, cum, 4, 2020), 2022);
}
END_TEST

/* The first year's cumulative is already >= 0 (5, or exactly 0): payback = t0. Halfway:
 * cf {-4, 8}: 2020 + 4 / 8 = 2020.5. Never from below: {-1, -2} -> NaN. */
START_TEST(payback_first_year)
{
	ck_assert_double_eq(model_payback((const double[]){ 5, -1 },
	    (const double[]){ 5, 4 }, 2, 2020), 2020);
	ck_assert_double_eq(model_payback((const double[]){ 0, 1 },
	    (const double[]){ 0, 1 }, 2, 2020), 2020);
	ck_assert_double_eq_tol(model_payback((const double[]){ -4, 8 },
	    (const double[]){ -4, 4 }, 2, 2020), 2020.5, EPS);
	ck_assert(isnan(model_payback((const double[]){ -1, -1 },
	    (const double[]){ -1, -2 }, 2, 2020)));
}
END_TEST

/* cf {-10, 12, -5, 8}: cumulative {-10, 2, -3, 5}. First payback 2020 + 10 / 12; the
 * cumulative dips below 0 in 2022 and settles in 2023: 2022 + 3 / 8 = 2022.375. */
START_TEST(payback_final_after_dip)
{
	const double cf[] = { -10, 12, -5, 8 }, cum[] = { -10, 2, -3, 5 };

	ck_assert_double_eq_tol(model_payback(cf, cum, 4, 2020), 2020 + 10.0 / 12, EPS);
	ck_assert_double_eq_tol(model_payback_final(cf, cum, 4, 2020), 2022.375, EPS);
}
END_TEST

/* cf {-10, 12, -5}: cumulative {-10, 2, -3} pays back in 2020 + 10 / 12 but ends below
 * 0: it never settles, so the final payback is null. A path never >= 0 too. */
START_TEST(payback_final_never_settles)
{
	const double cf[] = { -10, 12, -5 }, cum[] = { -10, 2, -3 };

	ck_assert_double_eq_tol(model_payback(cf, cum, 3, 2020), 2020 + 10.0 / 12, EPS);
	ck_assert(isnan(model_payback_final(cf, cum, 3, 2020)));
	ck_assert(isnan(model_payback_final((const double[]){ -1, -1 },
	    (const double[]){ -1, -2 }, 2, 2020)));
	ck_assert(isnan(model_payback_final(cf, cum, 0, 2020)));
}
END_TEST

/* A path that never dips after its first crossing settles there: cf {-10, 4, 6, 5}
 * (cumulative {-10, -6, 0, 5}) gives 2022 for both; a path never negative, t0. */
START_TEST(payback_final_settles)
{
	const double cf[] = { -10, 4, 6, 5 }, cum[] = { -10, -6, 0, 5 };

	ck_assert_double_eq(model_payback_final(cf, cum, 4, 2020), 2022);
	ck_assert_double_eq(model_payback_final(cf, cum, 4, 2020),
	    model_payback(cf, cum, 4, 2020));
	ck_assert_double_eq(model_payback_final((const double[]){ 5, -1 },
	    (const double[]){ 5, 4 }, 2, 2020), 2020);
}
END_TEST

/* Lenses, 2020..2022 at discount 0: 10 in cash in 2020; revenue 10 a year at a 20%
 * revenue share (2 a year); compute spend {0, 20, 20} all on Azure at a 0.5 margin
 * (hosting {0, 10, 10}); no profit; stake 0.5 of a valuation of 100 (mark 50).
 * cash: cf {-8, 2, 2}, never pays back, NPV -4, MOIC 6 / 10; IRR from
 * -8 + 2x + 2x^2 = 0, x = 1 / (1 + r) = (-1 + sqrt(17)) / 2.
 * cash_hosting: cf {-8, 12, 12}, payback 2020 + 8 / 12, NPV 16, MOIC 2.6 (the headline).
 * marked: cf {-8, 12, 62} (the final mark 50 added in 2022), NPV 66, MOIC 7.6; IRR from
 * -8 + 12x + 62x^2 = 0, x = (-12 + sqrt(2128)) / 124. */
START_TEST(lenses_by_hand)
{
	fin_params p;
	fin_result r;
	const fin_lens *c, *h, *m;
	double xc = (-1 + sqrt(17)) / 2, xm = (-12 + sqrt(2128)) / 124;

	toy_base(&p, 2020, 2022);
	p.azure_gross_margin = 0.5;
	p.ntranches = 1;
	p.tranche[0] = (fin_tranche){ 2020, 10, 1 };
	for (int i = 0; i < 3; i++) {
		p.revenue_actual[i] = 10;
		p.rev_share[i] = 0.2;
		p.compute_spend[i] = i == 0 ? 0 : 20;
		p.azure_share[i] = 1;
		p.stake[i] = 0.5;
		p.valuation[i] = 100;
	}
	model_fin_run(&p, &r);
	c = &r.lens[FIN_LENS_CASH];
	h = &r.lens[FIN_LENS_CASH_HOSTING];
	m = &r.lens[FIN_LENS_MARKED];
	ck_assert(isnan(c->payback_year) && isnan(c->payback_year_final));
	ck_assert_double_eq_tol(c->npv, -4, EPS);
	ck_assert_double_eq_tol(c->moic, 0.6, EPS);
	ck_assert_double_eq_tol(c->irr, 1 / xc - 1, 1e-8);
	ck_assert_double_eq_tol(h->payback_year, 2020 + 8.0 / 12, EPS);
	ck_assert_double_eq_tol(h->payback_year_final, 2020 + 8.0 / 12, EPS);
	ck_assert_double_eq_tol(h->npv, 16, EPS);
	ck_assert_double_eq_tol(h->moic, 2.6, EPS);
	ck_assert_double_eq(h->npv, r.npv);
	ck_assert_double_eq(h->irr, r.irr);
	ck_assert_double_eq(h->payback_year, r.payback_year);
	ck_assert_double_eq_tol(m->payback_year, 2020 + 8.0 / 12, EPS);
	ck_assert_double_eq_tol(m->npv, 66, EPS);
	ck_assert_double_eq_tol(m->moic, 7.6, EPS);
	ck_assert_double_eq(m->moic, r.moic_marked);
	ck_assert_double_eq_tol(m->irr, 1 / xm - 1, 1e-8);
	ck_assert_str_eq(model_fin_lens_name(FIN_LENS_CASH_HOSTING), "cash_hosting");
}
END_TEST

/* -100 + 110 / (1 + r) = 0 -> r = 0.1; -100 + 121 / (1 + r)^2 = 0 -> (1 + r)^2 = 1.21
 * -> r = 0.1. No sign change: all negative, all positive, all zero -> NaN. */
START_TEST(irr_known)
{
	ck_assert_double_eq_tol(model_irr((const double[]){ -100, 110 }, 2), 0.10, 1e-9);
	ck_assert_double_eq_tol(model_irr((const double[]){ -100, 0, 121 }, 3), 0.10, 1e-9);
	ck_assert(isnan(model_irr((const double[]){ -100, -10 }, 2)));
	ck_assert(isnan(model_irr((const double[]){ 100, 10 }, 2)));
	ck_assert(isnan(model_irr((const double[]){ 0, 0 }, 2)));
	ck_assert(isnan(model_irr((const double[]){ -1, NAN }, 2)));
}
END_TEST

/* {-100, 110, 121} at 10%: -100 + 110 / 1.1 + 121 / 1.21 = -100 + 100 + 100 = 100;
 * at 0%: 131. t0 undiscounted: {50} at any rate = 50. */
START_TEST(npv_known)
{
	const double cf[] = { -100, 110, 121 };

	ck_assert_double_eq_tol(model_npv(cf, 3, 0.1), 100, 1e-9);
	ck_assert_double_eq_tol(model_npv(cf, 3, 0), 131, 1e-9);
	ck_assert_double_eq_tol(model_npv((const double[]){ 50 }, 1, 0.3), 50, 1e-12);
}
END_TEST

/* Revenue: formula R_2020 = 10 replaced by the actual 12; g = 0.1 + 0.4 x 0.5^(t-2021):
 * 2021: g 0.5 -> 12 x 1.5 = 18; 2022: actual 50 (formula g 0.3 still recorded);
 * 2023: g = 0.1 + 0.4 x 0.25 = 0.2 -> 50 x 1.2 = 60 (growth resumes from the actual). */
START_TEST(revenue_actuals)
{
	fin_params p;
	fin_result r;

	toy_base(&p, 2020, 2023);
	p.revenue0 = 10;
	p.growth0 = 0.5;
	p.growth_inf = 0.1;
	p.growth_decay = 0.5;
	p.revenue_actual[0] = 12;
	p.revenue_actual[2] = 50;
	model_fin_run(&p, &r);
	check_series(r.revenue, (const double[]){ 12, 18, 50, 60 }, 4);
	check_series(r.growth + 1, (const double[]){ 0.5, 0.3, 0.2 }, 3);
}
END_TEST

/* Margin from -0.4 (2020) to 0.2 at 2024: steps of 0.6 / 4 = 0.15:
 * -0.4, -0.25, -0.1, 0.05, 0.2, then 0.2, 0.2; the actual -1 replaces 2021 only.
 * With t_m <= t0 the margin is m_inf from the start. */
START_TEST(margin_path)
{
	fin_params p;
	fin_result r;

	toy_base(&p, 2020, 2026);
	p.margin0 = -0.4;
	p.margin_inf = 0.2;
	p.margin_year = 2024;
	model_fin_run(&p, &r);
	check_series(r.margin, (const double[]){ -0.4, -0.25, -0.1, 0.05, 0.2, 0.2, 0.2 }, 7);
	p.margin_actual[1] = -1;
	model_fin_run(&p, &r);
	check_series(r.margin, (const double[]){ -0.4, -1, -0.1, 0.05, 0.2, 0.2, 0.2 }, 7);
	p.margin_year = 2020;
	p.margin_actual[1] = NAN;
	model_fin_run(&p, &r);
	check_series(r.margin, (const double[]){ 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2 }, 7);
}
END_TEST

/* L_2019 = 10, profit 4 a year (revenue 10 x margin 0.4):
 * L: 10 - 4 = 6, 6 - 4 = 2, max(0, 2 - 4) = 0, 0.  D: 0, 0, 4 - 2 = 2, 4. */
START_TEST(loss_carryforward)
{
	fin_params p;
	fin_result r;

	toy_base(&p, 2020, 2023);
	p.revenue0 = 10;
	p.margin0 = p.margin_inf = 0.4;
	p.loss_carry0 = 10;
	model_fin_run(&p, &r);
	check_series(r.profit, (const double[]){ 4, 4, 4, 4 }, 4);
	check_series(r.loss_carryforward, (const double[]){ 6, 2, 0, 0 }, 4);
	check_series(r.distributable, (const double[]){ 0, 0, 2, 4 }, 4);
}
END_TEST

/* Revenue 20 both years, intensity 0.3, Azure share 0.5, gross margin 0.4.
 * 2020 by intensity: spend 0.3 x 20 = 6, hosting 6 x 0.5 x 0.4 = 1.2.
 * 2021 given spend 15 (intensity ignored): hosting 15 x 0.5 x 0.4 = 3. */
START_TEST(hosting_spend_vs_intensity)
{
	fin_params p;
	fin_result r;

	toy_base(&p, 2020, 2021);
	p.revenue0 = 20;
	p.azure_gross_margin = 0.4;
	p.compute_intensity[0] = p.compute_intensity[1] = 0.3;
	p.azure_share[0] = p.azure_share[1] = 0.5;
	p.compute_spend[1] = 15;
	model_fin_run(&p, &r);
	check_series(r.compute_spend, (const double[]){ 6, 15 }, 2);
	check_series(r.hosting_profit, (const double[]){ 1.2, 3 }, 2);
}
END_TEST

/* Hosting net of capacity and of Microsoft's own money, 2020..2022: gross margin 0.5,
 * capex 1.2 per revenue over 6 years -> depreciation 0.2, hosting margin 0.3. 10
 * invested in 2020, half cash: cost 5 + 5 x (1 - 0.3) = 8.5; funds 5 credits + 0.4 x 5
 * cash = 7. Azure spend {4, 6, 10}: the pool of 7 pays 4 in 2020 (3 left), 3 in 2021,
 * nothing in 2022: funded {4, 3, 0}; hosting {0, 3 x 0.3, 10 x 0.3} = {0, 0.9, 3}. */
START_TEST(hosting_net_of_capacity_and_funding)
{
	fin_params p;
	fin_result r;

	toy_base(&p, 2020, 2022);
	p.azure_gross_margin = 0.5;
	p.capex_per_revenue = 1.2;
	p.useful_life = 6;
	p.funded_cash_share = 0.4;
	p.ntranches = 1;
	p.tranche[0] = (fin_tranche){ 2020, 10, 0.5 };
	for (int i = 0; i < 3; i++)
		p.azure_share[i] = 1;
	p.compute_spend[0] = 4;
	p.compute_spend[1] = 6;
	p.compute_spend[2] = 10;
	model_fin_run(&p, &r);
	ck_assert_double_eq_tol(model_hosting_margin(&p), 0.3, EPS);
	ck_assert_double_eq_tol(r.hosting_margin, 0.3, EPS);
	check_series(r.investment_cost, (const double[]){ 8.5, 0, 0 }, 3);
	check_series(r.funded_compute, (const double[]){ 4, 3, 0 }, 3);
	check_series(r.hosting_profit, (const double[]){ 0, 0.9, 3 }, 3);
	/* all cash, none counted as funding: only credits (none) fill the pool */
	p.tranche[0].cash_fraction = 1;
	p.funded_cash_share = 0;
	model_fin_run(&p, &r);
	check_series(r.funded_compute, (const double[]){ 0, 0, 0 }, 3);
	check_series(r.hosting_profit, (const double[]){ 1.2, 1.8, 3 }, 3);
}
END_TEST

/* The pool: nothing taken when it is empty or the spend is not positive; a spend
 * below the pool takes all of it from the pool, one above takes the pool. */
START_TEST(funded_pool)
{
	double pool = 0;

	ck_assert_double_eq(model_fin_funded(&pool, 5), 0);
	pool = 3;
	ck_assert_double_eq(model_fin_funded(&pool, 0), 0);
	ck_assert_double_eq(model_fin_funded(&pool, -1), 0);
	ck_assert_double_eq(pool, 3);
	ck_assert_double_eq(model_fin_funded(&pool, 2), 2);
	ck_assert_double_eq(pool, 1);
	ck_assert_double_eq(model_fin_funded(&pool, 5), 1);
	ck_assert_double_eq(pool, 0);
}
END_TEST

/* 0.5 x 1 + 0.25 x 2 + 0.25 x 3 = 0.5 + 0.5 + 0.75 = 1.75; a NaN value -> NaN;
 * no scenarios -> NaN. */
START_TEST(expected_value)
{
	const double p[] = { 0.5, 0.25, 0.25 };

	ck_assert_double_eq_tol(model_expected((const double[]){ 1, 2, 3 }, p, 3), 1.75, EPS);
	ck_assert(isnan(model_expected((const double[]){ 1, NAN, 3 }, p, 3)));
	ck_assert(isnan(model_expected(p, p, 0)));
}
END_TEST

/* T before t0 breaks the contract: no years and every scalar null, nothing written
 * outside the arrays. */
START_TEST(bad_horizon)
{
	fin_params p;
	fin_result r;

	toy_base(&p, 2020, 2019);
	model_fin_run(&p, &r);
	ck_assert_int_eq(r.n, 0);
	ck_assert(isnan(r.npv) && isnan(r.payback_year) && isnan(r.moic_marked));
	ck_assert(isnan(r.lens[FIN_LENS_MARKED].npv));
	ck_assert(isnan(r.lens[FIN_LENS_CASH].payback_year_final));
}
END_TEST

/* Cash flows that change sign once have one IRR, which model_irr finds by halving its
 * grid; flows that change sign more often are scanned point by point. Either way the
 * result is a root of the NPV. */
START_TEST(irr_one_and_many_sign_changes)
{
	unsigned long x = 12345;
	int found = 0;

	for (int t = 0; t < 2000; t++) {
		double cf[22];
		int n = 2 + t % 21, cut = 1 + t % (n - 1);
		for (int i = 0; i < n; i++) {
			x = x * 6364136223846793005UL + 1442695040888963407UL;
			double mag = (double)(x >> 11) * 0x1p-53 * 10;
			cf[i] = i < cut ? -mag : (t % 3 == 0 && i == n - 1 ? -mag / 4 : mag);
		}
		double r = model_irr(cf, n);
		if (isnan(r))
			continue;
		double scale = 0;
		for (int i = 0; i < n; i++)
			scale += fabs(cf[i]);
		ck_assert_msg(fabs(model_npv(cf, n, r)) <= 1e-6 * scale * (1 + 1 / pow(1 + r, n)),
		    "case %d: NPV at %g is %g", t, r, model_npv(cf, n, r));
		found++;
	}
	ck_assert_int_gt(found, 1000);
	/* Exactly on a grid point: -1 then 1.1 has the root 0.1. */
	double two[] = { -1, 1.1 };
	ck_assert(fabs(model_irr(two, 2) - 0.1) < 1e-9);
	/* Only inflows: no root. */
	double pos[] = { 1, 2, 3 };
	ck_assert(isnan(model_irr(pos, 3)));
}
END_TEST

static Suite *
finance_suite(void)
{
	Suite *s = suite_create("finance");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, irr_one_and_many_sign_changes);
	tcase_add_test(tc, toy_series);
	tcase_add_test(tc, toy_scalars);
	tcase_add_test(tc, waterfall_both_thresholds);
	tcase_add_test(tc, waterfall_no_cap_and_end);
	tcase_add_test(tc, never_pays_back);
	tcase_add_test(tc, payback_at_year_end);
	tcase_add_test(tc, payback_first_year);
	tcase_add_test(tc, payback_final_after_dip);
	tcase_add_test(tc, payback_final_never_settles);
	tcase_add_test(tc, payback_final_settles);
	tcase_add_test(tc, lenses_by_hand);
	tcase_add_test(tc, irr_known);
	tcase_add_test(tc, npv_known);
	tcase_add_test(tc, revenue_actuals);
	tcase_add_test(tc, margin_path);
	tcase_add_test(tc, loss_carryforward);
	tcase_add_test(tc, hosting_spend_vs_intensity);
	tcase_add_test(tc, hosting_net_of_capacity_and_funding);
	tcase_add_test(tc, funded_pool);
	tcase_add_test(tc, expected_value);
	tcase_add_test(tc, bad_horizon);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(finance_suite());
}
