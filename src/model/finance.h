/* finance: Microsoft's cash flows from the OpenAI investment (MODEL.md, Financial). */
#ifndef MKR_FINANCE_H
#define MKR_FINANCE_H

#include <stddef.h>

enum {
	FIN_MAX_YEARS = 101,   /* t0..T spans at most this many years */
	FIN_MAX_TRANCHES = 64, /* investment tranches */
};

/* One investment tranche. */
typedef struct fin_tranche {
	int year;             /* calendar year of the outflow */
	double amount;        /* usd_bn committed in that year */
	double cash_fraction; /* share paid in cash; the rest is Azure credits, in [0, 1] */
} fin_tranche;

/* Every input of the financial model for one scenario, already resolved (extends and
 * overrides applied) and expanded per year by the loader. Index i is year t0 + i.
 * Values marked "NaN = none" use NAN where the data gives nothing. */
typedef struct fin_params {
	int t0;                          /* first year (undiscounted) */
	int T;                           /* last year, t0 <= T < t0 + FIN_MAX_YEARS */
	double discount_rate;            /* r, > -1 */
	double azure_gross_margin;       /* margin before depreciation of the capacity, [0, 1] */
	double capex_per_revenue;        /* capacity capex per usd_bn of a year's hosting revenue, >= 0 */
	double useful_life;              /* years the capacity is depreciated over, > 0;
	                                  * NaN (unused) when capex_per_revenue is 0 */
	double funded_cash_share;        /* share of the cash tranches taken to come back as
	                                  * Azure spend (credits always do), [0, 1] */
	size_t ntranches;                /* used entries of tranche */
	fin_tranche tranche[FIN_MAX_TRANCHES];
	double revenue0;                 /* R_t0, usd_bn */
	double growth0;                  /* g_0 */
	double growth_inf;               /* g_inf */
	double growth_decay;             /* d in (0, 1] */
	double revenue_actual[FIN_MAX_YEARS]; /* reported revenue replacing the formula; NaN = none */
	double margin0;                  /* m_0 at t0 */
	double margin_inf;               /* m_inf from margin_year on */
	int margin_year;                 /* t_m */
	double margin_actual[FIN_MAX_YEARS];  /* reported margin replacing the path; NaN = none */
	double loss_carry0;              /* L_{t0-1}, usd_bn >= 0 */
	double a1;                       /* Microsoft's share of profit until recoup */
	double a2;                       /* share after recoup until cap */
	double recoup_multiple;          /* recoup threshold / total investment */
	double cap_multiple;             /* cap / total investment; NaN = no cap */
	int waterfall_end;               /* last year the waterfall applies (T if always) */
	double rev_share[FIN_MAX_YEARS]; /* rs_t; 0 outside the term */
	double compute_spend[FIN_MAX_YEARS];     /* usd_bn given directly; NaN = use intensity */
	double compute_intensity[FIN_MAX_YEARS]; /* compute spend / revenue */
	double azure_share[FIN_MAX_YEARS];       /* share of compute spend on Azure */
	double stake[FIN_MAX_YEARS];     /* Microsoft's equity stake, fraction (0 before equity) */
	double valuation[FIN_MAX_YEARS]; /* OpenAI equity value, usd_bn */
	int sale_year;                   /* year a part of the stake is sold; 0 = never */
	double sale_fraction;            /* fraction of the stake sold in sale_year */
} fin_params;

/* The three lenses on the money (docs/model.md, Lenses), in this order. */
typedef enum fin_lens_kind {
	FIN_LENS_CASH,         /* contractual cash: waterfall + revenue share + stake sale */
	FIN_LENS_CASH_HOSTING, /* cash + hosting profit (the headline cash flow) */
	FIN_LENS_MARKED,       /* cash_hosting + the final year's equity mark */
	FIN_NLENSES,
} fin_lens_kind;

/* One lens's summary numbers; NaN means null. */
typedef struct fin_lens {
	double payback_year;       /* first crossing to cumulative >= 0 (model_payback) */
	double payback_year_final; /* crossing after which it stays >= 0 (model_payback_final) */
	double npv;                /* at discount_rate, t0 undiscounted */
	double irr;                /* NaN without a sign change */
	double moic;               /* the lens's inflows / total investment cost */
} fin_lens;

/* Outputs, per year index i (year t0 + i) for n years, and scalars. NaN means null. */
typedef struct fin_result {
	int t0;                                  /* first year */
	int n;                                   /* years: T - t0 + 1 */
	double total_investment;                 /* sum of tranche amounts, usd_bn */
	double hosting_margin;                   /* model_hosting_margin(p) */
	double investment_cost[FIN_MAX_YEARS];   /* cash + cost of credits, positive */
	double revenue[FIN_MAX_YEARS];
	double growth[FIN_MAX_YEARS];            /* g_t (NaN at t0) */
	double margin[FIN_MAX_YEARS];
	double profit[FIN_MAX_YEARS];
	double loss_carryforward[FIN_MAX_YEARS]; /* L_t */
	double distributable[FIN_MAX_YEARS];     /* D_t */
	double waterfall[FIN_MAX_YEARS];         /* Microsoft's profit-share receipts */
	double revenue_share[FIN_MAX_YEARS];
	double compute_spend[FIN_MAX_YEARS];
	double azure_spend[FIN_MAX_YEARS];       /* compute spend x Azure share */
	double funded_compute[FIN_MAX_YEARS];    /* the part of it paid with Microsoft's money */
	double compute_spend_cumulative[FIN_MAX_YEARS]; /* compute_spend summed from t0 */
	double azure_spend_cumulative[FIN_MAX_YEARS];   /* azure_spend summed from t0 */
	double hosting_profit[FIN_MAX_YEARS];    /* (azure_spend - funded_compute) x hosting_margin */
	double equity_mark[FIN_MAX_YEARS];       /* stake x valuation after any sale (a mark) */
	double stake_sale[FIN_MAX_YEARS];        /* cash from selling stake */
	double cash_flow[FIN_MAX_YEARS];
	double cumulative[FIN_MAX_YEARS];
	double npv;                              /* at discount_rate, t0 undiscounted */
	double irr;                              /* NaN without a sign change */
	double moic;                             /* total inflows / total investment cost */
	double moic_marked;                      /* (inflows + final equity mark) / cost */
	double payback_year;                     /* NaN if never */
	fin_lens lens[FIN_NLENSES];              /* indexed by fin_lens_kind */
} fin_result;

/* Computes r from p. Pure: no I/O, no allocation. p must satisfy the ranges above
 * (the loader checks them). */
void model_fin_run(const fin_params *p, fin_result *r);

/* Returns Azure's margin on hosting after depreciation of the capacity:
 * azure_gross_margin - capex_per_revenue / useful_life (capex 0: the gross margin). */
double model_hosting_margin(const fin_params *p);

/* Returns the Azure spend of amount az paid this year with Microsoft's own money, and
 * takes it from *pool (the investment not yet spent back on Azure): min(*pool, az),
 * 0 when either is <= 0. */
double model_fin_funded(double *pool, double az);

/* Returns what a tranche adds to the funded pool: its credits plus funded_cash_share
 * of its cash (docs/model.md, Azure hosting profit). */
double model_fin_tranche_funds(const fin_params *p, const fin_tranche *t);

/* Returns the margin path's value in year t (before any actual replaces it). */
double model_margin_path(const fin_params *p, int t);

/* Pays share of the distributable profit *rem until cumulative receipts *cum reach
 * limit, splitting exactly at it; consumes the profit used. Returns the amount paid.
 * (One waterfall stage; exported for the Monte Carlo's kernel.) */
double model_fin_stage(double *rem, double *cum, double limit, double share);

/* Returns the NPV of cf[0..n-1] at rate, cf[0] undiscounted. */
double model_npv(const double *cf, int n, double rate);

/* Returns the IRR of cf[0..n-1]: a root of NPV in (-0.99, 10] found by scanning for a
 * sign change and bisecting to 1e-10; NaN if there is no sign change. */
double model_irr(const double *cf, int n);

/* Returns the payback year of cumulative cash flows cum[0..n-1] (year t0 + i), by
 * MODEL.md's end-of-year rule; NaN if cumulative never turns >= 0 from below. */
double model_payback(const double *cf, const double *cum, int n, int t0);

/* Returns the final payback year of cum[0..n-1] (year t0 + i): the year after which
 * the cumulative never falls below 0 again, found by MODEL.md's end-of-year rule on
 * the crossing out of the last negative year; t0 if no year is negative; NaN if the
 * last year's cumulative is negative (it never settles) or n <= 0. */
double model_payback_final(const double *cf, const double *cum, int n, int t0);

/* Returns the name of lens k ("cash", "cash_hosting", "marked"). */
const char *model_fin_lens_name(fin_lens_kind k);

/* Returns the probability-weighted sum of v[0..n-1] with weights p[0..n-1]; NaN if any
 * v (or p) is NaN or n is 0 (an expectation over nothing is undefined). */
double model_expected(const double *v, const double *p, size_t n);

#endif
