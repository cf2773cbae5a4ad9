/* finance: Microsoft's cash flows, NPV, IRR, MOIC and payback (MODEL.md, Financial). */
#include "model/finance.h"

#include <math.h>

/* The IRR scan grid: steps of IRR_FINE from IRR_LO to 1, then IRR_COARSE up to IRR_HI. */
#define IRR_LO (-0.99)
#define IRR_HI 10.0
#define IRR_FINE 0.001
#define IRR_COARSE 0.01
#define IRR_NFINE 1990   /* (1 - IRR_LO) / IRR_FINE */
#define IRR_NCOARSE 900  /* (IRR_HI - 1) / IRR_COARSE */
#define IRR_TOL 1e-10

double
model_hosting_margin(const fin_params *p)
{
	if (p->capex_per_revenue <= 0)
		return p->azure_gross_margin;
	return p->azure_gross_margin - p->capex_per_revenue / p->useful_life;
}

double
model_fin_funded(double *pool, double az)
{
	double used;

	if (*pool <= 0 || az <= 0)
		return 0;
	used = az < *pool ? az : *pool;
	*pool -= used;
	return used;
}

double
model_fin_tranche_funds(const fin_params *p, const fin_tranche *t)
{
	return t->amount * (1 - t->cash_fraction) + t->amount * t->cash_fraction *
	    p->funded_cash_share;
}

/* Fills investment_cost (cash + cost of credits at the hosting margin after
 * depreciation), total_investment and hosting_margin from tranches; adds each year's
 * tranches' funds (model_fin_tranche_funds) to funds[0..n-1]. */
static void
fin_investment(const fin_params *p, fin_result *r, double *funds)
{
	r->total_investment = 0;
	r->hosting_margin = model_hosting_margin(p);
	for (int i = 0; i < r->n; i++)
		r->investment_cost[i] = funds[i] = 0;
	for (size_t k = 0; k < p->ntranches; k++) {
		const fin_tranche *t = &p->tranche[k];
		double cash = t->amount * t->cash_fraction;
		double credits = t->amount * (1 - t->cash_fraction);
		int i = t->year - p->t0;
		r->total_investment += t->amount;
		if (i >= 0 && i < r->n) {
			r->investment_cost[i] += cash + credits * (1 - r->hosting_margin);
			funds[i] += model_fin_tranche_funds(p, t);
		}
	}
}

/* Fills revenue and growth: actuals where given, else the decaying growth path. */
static void
fin_revenue(const fin_params *p, fin_result *r)
{
	r->growth[0] = NAN;
	r->revenue[0] = isnan(p->revenue_actual[0]) ? p->revenue0 : p->revenue_actual[0];
	for (int i = 1; i < r->n; i++) {
		double g = p->growth_inf +
		    (p->growth0 - p->growth_inf) * pow(p->growth_decay, i - 1);
		r->growth[i] = g;
		r->revenue[i] = isnan(p->revenue_actual[i]) ?
		    r->revenue[i - 1] * (1 + g) : p->revenue_actual[i];
	}
}

double
model_margin_path(const fin_params *p, int t)
{
	if (p->margin_year <= p->t0 || t >= p->margin_year)
		return p->margin_inf;
	return p->margin0 + (p->margin_inf - p->margin0) *
	    (double)(t - p->t0) / (double)(p->margin_year - p->t0);
}

/* Fills margin, profit, loss_carryforward and distributable. */
static void
fin_profit(const fin_params *p, fin_result *r)
{
	double loss = p->loss_carry0;
	for (int i = 0; i < r->n; i++) {
		double m = isnan(p->margin_actual[i]) ?
		    model_margin_path(p, p->t0 + i) : p->margin_actual[i];
		double pr = r->revenue[i] * m;
		r->margin[i] = m;
		r->profit[i] = pr;
		r->distributable[i] = fmax(0, pr - loss);
		loss = fmax(0, loss - pr);
		r->loss_carryforward[i] = loss;
	}
}

double
model_fin_stage(double *rem, double *cum, double limit, double share)
{
	double pay;

	if (*rem <= 0 || *cum >= limit)
		return 0;
	if (share <= 0) {
		*rem = 0; /* the stage never ends: this year's profit is spent in it */
		return 0;
	}
	if (share * *rem <= limit - *cum) {
		pay = share * *rem;
		*rem = 0;
		*cum += pay;
		return pay;
	}
	pay = limit - *cum;
	*rem -= pay / share;
	*cum = limit;
	return pay;
}

/* Fills waterfall: a1 until recoup, a2 until the cap, nothing after, up to waterfall_end. */
static void
fin_waterfall(const fin_params *p, fin_result *r)
{
	double cap = isnan(p->cap_multiple) ? INFINITY : p->cap_multiple * r->total_investment;
	double recoup = fmin(p->recoup_multiple * r->total_investment, cap);
	double cum = 0;

	for (int i = 0; i < r->n; i++) {
		double rem = r->distributable[i];
		double got = 0;
		if (p->t0 + i <= p->waterfall_end) {
			got = model_fin_stage(&rem, &cum, recoup, p->a1);
			got += model_fin_stage(&rem, &cum, cap, p->a2);
		}
		r->waterfall[i] = got;
	}
}

/* Fills revenue_share, compute_spend, azure_spend (and both summed from t0),
 * funded_compute, hosting_profit,
 * equity_mark and stake_sale; funds[i] is what year i's tranches add to the pool of
 * Microsoft's money that OpenAI spends on Azure before any hosting profit counts. */
static void
fin_other_flows(const fin_params *p, fin_result *r, const double *funds)
{
	double pool = 0;

	for (int i = 0; i < r->n; i++) {
		int t = p->t0 + i;
		double mark = p->stake[i] * p->valuation[i];
		int sold = p->sale_year != 0 && t >= p->sale_year;
		r->revenue_share[i] = p->rev_share[i] * r->revenue[i];
		r->compute_spend[i] = isnan(p->compute_spend[i]) ?
		    p->compute_intensity[i] * r->revenue[i] : p->compute_spend[i];
		r->azure_spend[i] = r->compute_spend[i] * p->azure_share[i];
		r->compute_spend_cumulative[i] = r->compute_spend[i] +
		    (i > 0 ? r->compute_spend_cumulative[i - 1] : 0);
		r->azure_spend_cumulative[i] = r->azure_spend[i] +
		    (i > 0 ? r->azure_spend_cumulative[i - 1] : 0);
		pool += funds[i];
		r->funded_compute[i] = model_fin_funded(&pool, r->azure_spend[i]);
		r->hosting_profit[i] = (r->azure_spend[i] - r->funded_compute[i]) *
		    r->hosting_margin;
		r->equity_mark[i] = sold ? mark * (1 - p->sale_fraction) : mark;
		r->stake_sale[i] = p->sale_year != 0 && t == p->sale_year ?
		    mark * p->sale_fraction : 0;
	}
}

/* Returns the year's cash inflows to Microsoft (everything but the investment). */
static double
fin_inflow(const fin_result *r, int i)
{
	return r->waterfall[i] + r->revenue_share[i] + r->hosting_profit[i] + r->stake_sale[i];
}

/* Fills cash_flow, cumulative and the scalar outputs. */
static void
fin_summary(const fin_params *p, fin_result *r)
{
	double cum = 0, in = 0, cost = 0;

	for (int i = 0; i < r->n; i++) {
		r->cash_flow[i] = fin_inflow(r, i) - r->investment_cost[i];
		cum += r->cash_flow[i];
		r->cumulative[i] = cum;
		in += fin_inflow(r, i);
		cost += r->investment_cost[i];
	}
	r->npv = model_npv(r->cash_flow, r->n, p->discount_rate);
	r->irr = model_irr(r->cash_flow, r->n);
	r->moic = cost != 0 ? in / cost : NAN;
	r->moic_marked = cost != 0 ? (in + r->equity_mark[r->n - 1]) / cost : NAN;
	r->payback_year = model_payback(r->cash_flow, r->cumulative, r->n, r->t0);
}

/* Fills r->lens[k] from the lens's cash flows cf[0..n-1] and its total inflows in. */
static void
fin_lens_fill(const fin_params *p, fin_result *r, fin_lens_kind k, const double *cf,
    double in)
{
	double cum[FIN_MAX_YEARS] = { 0 }, cost = 0, c = 0;
	fin_lens *l = &r->lens[k];

	for (int i = 0; i < r->n; i++) {
		c += cf[i];
		cum[i] = c;
		cost += r->investment_cost[i];
	}
	l->payback_year = model_payback(cf, cum, r->n, r->t0);
	l->payback_year_final = model_payback_final(cf, cum, r->n, r->t0);
	l->npv = model_npv(cf, r->n, p->discount_rate);
	l->irr = model_irr(cf, r->n);
	l->moic = cost != 0 ? in / cost : NAN;
}

/* Fills the three lenses (docs/model.md, Lenses); needs fin_summary's outputs. */
static void
fin_lenses(const fin_params *p, fin_result *r)
{
	double cf[FIN_MAX_YEARS] = { 0 }, in = 0, in_hosting = 0;

	for (int i = 0; i < r->n; i++) {
		double got = r->waterfall[i] + r->revenue_share[i] + r->stake_sale[i];
		cf[i] = got - r->investment_cost[i];
		in += got;
		in_hosting += fin_inflow(r, i);
	}
	fin_lens_fill(p, r, FIN_LENS_CASH, cf, in);
	fin_lens_fill(p, r, FIN_LENS_CASH_HOSTING, r->cash_flow, in_hosting);
	for (int i = 0; i < r->n; i++)
		cf[i] = r->cash_flow[i];
	cf[r->n - 1] += r->equity_mark[r->n - 1];
	fin_lens_fill(p, r, FIN_LENS_MARKED, cf, in_hosting + r->equity_mark[r->n - 1]);
}

const char *
model_fin_lens_name(fin_lens_kind k)
{
	static const char *const names[FIN_NLENSES] = { "cash", "cash_hosting", "marked" };
	return (unsigned)k < FIN_NLENSES ? names[k] : "";
}

void
model_fin_run(const fin_params *p, fin_result *r)
{
	double funds[FIN_MAX_YEARS];

	r->t0 = p->t0;
	r->n = p->T - p->t0 + 1;
	if (r->n < 1 || r->n > FIN_MAX_YEARS) { /* outside the contract: no years, all null */
		r->n = 0;
		r->total_investment = r->npv = r->irr = r->moic = NAN;
		r->moic_marked = r->payback_year = r->hosting_margin = NAN;
		for (int k = 0; k < FIN_NLENSES; k++)
			r->lens[k] = (fin_lens){ NAN, NAN, NAN, NAN, NAN };
		return;
	}
	fin_investment(p, r, funds);
	fin_revenue(p, r);
	fin_profit(p, r);
	fin_waterfall(p, r);
	fin_other_flows(p, r, funds);
	fin_summary(p, r);
	fin_lenses(p, r);
}

double
model_npv(const double *cf, int n, double rate)
{
	double x = 1 / (1 + rate), f = 1, sum = 0;

	for (int i = 0; i < n; i++) {
		sum += cf[i] * f;
		f *= x;
	}
	return sum;
}

/* Returns the k-th rate of the IRR scan grid, k in 0..IRR_NFINE + IRR_NCOARSE. */
static double
irr_grid(int k)
{
	if (k <= IRR_NFINE)
		return IRR_LO + k * IRR_FINE;
	return 1.0 + (k - IRR_NFINE) * IRR_COARSE;
}

/* Returns a root of NPV in [lo, hi], where NPV(lo) = flo and NPV(hi) differ in sign. */
static double
irr_bisect(const double *cf, int n, double lo, double hi, double flo)
{
	while (hi - lo > IRR_TOL) {
		double mid = lo + (hi - lo) / 2;
		double fm = model_npv(cf, n, mid);
		if (fm == 0)
			return mid;
		if (signbit(fm) == signbit(flo)) {
			lo = mid;
			flo = fm;
		} else {
			hi = mid;
		}
	}
	return lo + (hi - lo) / 2;
}

/* Returns 1 if every cf[0..n-1] is zero (NPV is then zero at every rate: no IRR). */
static int
irr_all_zero(const double *cf, int n)
{
	for (int i = 0; i < n; i++) {
		if (cf[i] != 0)
			return 0;
	}
	return 1;
}

/* Returns 1 if the nonzero cf[0..n-1] change sign exactly once. NPV is then a
 * polynomial in 1 / (1 + r) with exactly one positive root (Descartes' rule of signs):
 * on the scan grid its sign changes once, or never if the root is off the grid. */
static int
irr_one_sign_change(const double *cf, int n)
{
	int changes = 0, last = 0;

	for (int i = 0; i < n; i++) {
		int s = cf[i] > 0 ? 1 : cf[i] < 0 ? -1 : 0;
		if (s != 0 && last != 0 && s != last)
			changes++;
		if (s != 0)
			last = s;
	}
	return changes == 1;
}

/* With one sign change (irr_one_sign_change) and f0 = NPV at grid point 0, nonzero:
 * finds by halving the grid the first point whose NPV is zero or of the other sign,
 * the one model_irr's scan would stop at, in about 12 evaluations instead of up to
 * 2,890, and finishes as the scan does. */
static double
irr_find_one(const double *cf, int n, double f0)
{
	int lo = 0, hi = IRR_NFINE + IRR_NCOARSE; /* NPV(lo) has f0's sign */
	double fhi = model_npv(cf, n, irr_grid(hi)), flo = f0;

	if (fhi != 0 && signbit(fhi) == signbit(f0))
		return NAN; /* the root is beyond the grid */
	while (hi - lo > 1) {
		int mid = lo + (hi - lo) / 2;
		double f = model_npv(cf, n, irr_grid(mid));
		if (f != 0 && signbit(f) == signbit(f0)) {
			lo = mid;
			flo = f;
		} else {
			hi = mid;
			fhi = f;
		}
	}
	if (fhi == 0)
		return irr_grid(hi);
	return irr_bisect(cf, n, irr_grid(lo), irr_grid(hi), flo);
}

double
model_irr(const double *cf, int n)
{
	double prev;

	if (n <= 0 || irr_all_zero(cf, n))
		return NAN;
	prev = model_npv(cf, n, irr_grid(0));
	if (isnan(prev))
		return NAN;
	if (prev != 0 && irr_one_sign_change(cf, n))
		return irr_find_one(cf, n, prev);
	for (int k = 1; k <= IRR_NFINE + IRR_NCOARSE; k++) {
		double f = model_npv(cf, n, irr_grid(k));
		if (f == 0)
			return irr_grid(k);
		if (prev != 0 && signbit(f) != signbit(prev))
			return irr_bisect(cf, n, irr_grid(k - 1), irr_grid(k), prev);
		prev = f;
	}
	return NAN;
}

double
model_payback(const double *cf, const double *cum, int n, int t0)
{
	if (n <= 0)
		return NAN;
	if (cum[0] >= 0)
		return t0;
	for (int i = 1; i < n; i++) {
		if (cum[i] >= 0 && cum[i - 1] < 0)
			return t0 + i - 1 + -cum[i - 1] / cf[i];
	}
	return NAN;
}

double
model_payback_final(const double *cf, const double *cum, int n, int t0)
{
	int last = -1; /* the last year whose cumulative is negative */

	if (n <= 0)
		return NAN;
	for (int i = 0; i < n; i++) {
		if (cum[i] < 0)
			last = i;
	}
	if (last == n - 1)
		return NAN;
	if (last < 0)
		return t0;
	return t0 + last + -cum[last] / cf[last + 1];
}

double
model_expected(const double *v, const double *p, size_t n)
{
	double sum = 0;

	if (n == 0)
		return NAN;
	for (size_t i = 0; i < n; i++) {
		if (isnan(v[i]) || isnan(p[i]))
			return NAN;
		sum += v[i] * p[i];
	}
	return sum;
}
