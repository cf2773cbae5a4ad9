/* fin_metrics: the financial model's inputs and outputs as named metrics. */
#include "model/fin_metrics.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "model/expect.h"
#include "util/buf.h"

#define SERIES(field, unit) { #field, unit, offsetof(fin_result, field) }

const fin_series_field fin_series_fields[] = {
	SERIES(investment_cost, UNIT_USD_BN),
	SERIES(revenue, UNIT_USD_BN),
	SERIES(growth, UNIT_FRACTION),
	SERIES(margin, UNIT_FRACTION),
	SERIES(profit, UNIT_USD_BN),
	SERIES(loss_carryforward, UNIT_USD_BN),
	SERIES(distributable, UNIT_USD_BN),
	SERIES(waterfall, UNIT_USD_BN),
	SERIES(revenue_share, UNIT_USD_BN),
	SERIES(compute_spend, UNIT_USD_BN),
	SERIES(azure_spend, UNIT_USD_BN),
	SERIES(funded_compute, UNIT_USD_BN),
	SERIES(compute_spend_cumulative, UNIT_USD_BN),
	SERIES(azure_spend_cumulative, UNIT_USD_BN),
	SERIES(hosting_profit, UNIT_USD_BN),
	SERIES(equity_mark, UNIT_USD_BN),
	SERIES(stake_sale, UNIT_USD_BN),
	SERIES(cash_flow, UNIT_USD_BN),
	SERIES(cumulative, UNIT_USD_BN),
};
const size_t nfin_series_fields = sizeof fin_series_fields / sizeof fin_series_fields[0];

/* A named scalar with its unit. */
typedef struct fin_scalar {
	const char *name; /* metric name without "finance." and "@S" */
	metric_unit unit; /* its unit */
	double v;         /* its value, NaN = null */
} fin_scalar;

/* The scalar outputs fin_metrics_expected weights, in this order. */
static const char *const expected_names[] = {
	"npv", "irr", "moic", "moic_marked", "payback_year", "inflows", "total_investment",
};

double
fin_series_value(const fin_series_field *f, const fin_result *r, int i)
{
	const double *a = (const double *)((const char *)r + f->offset);
	return a[i];
}

double
fin_metrics_inflows(const fin_result *r)
{
	double in = 0;

	for (int i = 0; i < r->n; i++)
		in += r->waterfall[i] + r->revenue_share[i] + r->hosting_profit[i] +
		    r->stake_sale[i];
	return in;
}

const fin_lens_field fin_lens_fields[] = {
	{ "payback_year", UNIT_YEAR, offsetof(fin_lens, payback_year) },
	{ "payback_year_final", UNIT_YEAR, offsetof(fin_lens, payback_year_final) },
	{ "npv", UNIT_USD_BN, offsetof(fin_lens, npv) },
	{ "irr", UNIT_FRACTION, offsetof(fin_lens, irr) },
	{ "moic", UNIT_MULTIPLE, offsetof(fin_lens, moic) },
};
const size_t nfin_lens_fields = sizeof fin_lens_fields / sizeof fin_lens_fields[0];

double
fin_lens_value(const fin_lens_field *f, const fin_lens *l)
{
	return *(const double *)((const char *)l + f->offset);
}

/* Returns "<prefix><name>@<scenario>" in b's storage. */
static const char *
fin_name(buf *b, const char *prefix, const char *name, const char *scenario)
{
	buf_reset(b);
	buf_printf(b, "%s%s@%s", prefix, name, scenario);
	return buf_str(b);
}

/* Adds finance.<s[i].name>@scenario for each of the n scalars. */
static void
fin_add_scalars(metrics *m, const char *scenario, const fin_scalar *s, size_t n)
{
	buf b;

	buf_init(&b);
	for (size_t i = 0; i < n; i++)
		metrics_add(m, fin_name(&b, "finance.", s[i].name, scenario), s[i].unit, s[i].v,
		    NULL, NULL);
	buf_free(&b);
}

/* Adds the resolved scalar inputs of p. */
static void
fin_add_inputs(metrics *m, const char *scenario, const fin_params *p)
{
	const fin_scalar s[] = {
		{ "start_year", UNIT_YEAR, p->t0 },
		{ "end_year", UNIT_YEAR, p->T },
		{ "discount_rate", UNIT_FRACTION, p->discount_rate },
		{ "azure_gross_margin", UNIT_FRACTION, p->azure_gross_margin },
		{ "capex_per_revenue", UNIT_MULTIPLE, p->capex_per_revenue },
		{ "useful_life", UNIT_NUMBER, p->useful_life },
		{ "funded_cash_share", UNIT_FRACTION, p->funded_cash_share },
		{ "revenue_initial", UNIT_USD_BN, p->revenue0 },
		{ "growth_initial", UNIT_FRACTION, p->growth0 },
		{ "growth_terminal", UNIT_FRACTION, p->growth_inf },
		{ "growth_decay", UNIT_NUMBER, p->growth_decay },
		{ "margin_initial", UNIT_FRACTION, p->margin0 },
		{ "margin_terminal", UNIT_FRACTION, p->margin_inf },
		{ "margin_terminal_year", UNIT_YEAR, p->margin_year },
		{ "loss_carryforward_initial", UNIT_USD_BN, p->loss_carry0 },
		{ "a1", UNIT_FRACTION, p->a1 },
		{ "a2", UNIT_FRACTION, p->a2 },
		{ "recoup_multiple", UNIT_MULTIPLE, p->recoup_multiple },
		{ "cap_multiple", UNIT_MULTIPLE, p->cap_multiple },
		{ "waterfall_end_year", UNIT_YEAR, p->waterfall_end },
		{ "sale_year", UNIT_YEAR, p->sale_year ? p->sale_year : NAN },
		{ "sale_fraction", UNIT_FRACTION, p->sale_year ? p->sale_fraction : NAN },
	};
	fin_add_scalars(m, scenario, s, sizeof s / sizeof s[0]);
}

/* Adds the scalar outputs of r, including inflows. */
static void
fin_add_outputs(metrics *m, const char *scenario, const fin_result *r)
{
	const fin_scalar s[] = {
		{ "npv", UNIT_USD_BN, r->npv },
		{ "irr", UNIT_FRACTION, r->irr },
		{ "moic", UNIT_MULTIPLE, r->moic },
		{ "moic_marked", UNIT_MULTIPLE, r->moic_marked },
		{ "payback_year", UNIT_YEAR, r->payback_year },
		{ "total_investment", UNIT_USD_BN, r->total_investment },
		{ "hosting_margin", UNIT_FRACTION, r->hosting_margin },
		{ "inflows", UNIT_USD_BN, fin_metrics_inflows(r) },
	};
	fin_add_scalars(m, scenario, s, sizeof s / sizeof s[0]);
}

/* Adds finance.lens.<lens>.<field>@scenario for every lens and lens field of r. */
static void
fin_add_lenses(metrics *m, const char *scenario, const fin_result *r)
{
	buf b;

	buf_init(&b);
	for (int k = 0; k < FIN_NLENSES; k++) {
		for (size_t j = 0; j < nfin_lens_fields; j++) {
			const fin_lens_field *f = &fin_lens_fields[j];
			buf_reset(&b);
			buf_printf(&b, "finance.lens.%s.%s@%s", model_fin_lens_name(k), f->name,
			    scenario);
			metrics_add(m, buf_str(&b), f->unit, fin_lens_value(f, &r->lens[k]), NULL,
			    NULL);
		}
	}
	buf_free(&b);
}

/* Adds every output series of r over years t0..T. */
static void
fin_add_series(metrics *m, const char *scenario, const fin_result *r)
{
	int years[FIN_MAX_YEARS];
	double vals[FIN_MAX_YEARS];
	buf b;

	buf_init(&b);
	for (int i = 0; i < r->n; i++)
		years[i] = r->t0 + i;
	for (size_t k = 0; k < nfin_series_fields; k++) {
		const fin_series_field *f = &fin_series_fields[k];
		for (int i = 0; i < r->n; i++)
			vals[i] = fin_series_value(f, r, i);
		metrics_add_series(m, fin_name(&b, "finance.", f->name, scenario), f->unit,
		    years, vals, (size_t)r->n, NULL, NULL);
	}
	buf_free(&b);
}

/* Adds the per-year input series of p (already expanded by the loader) over t0..T. */
static void
fin_add_input_series(metrics *m, const char *scenario, const fin_params *p)
{
	static const struct {
		const char *name;  /* metric name without "finance." and "@S" */
		metric_unit unit;  /* its unit */
		size_t offset;     /* offset of the per-year array in fin_params */
	} in[] = {
		{ "azure_share", UNIT_FRACTION, offsetof(fin_params, azure_share) },
		{ "compute_intensity", UNIT_NUMBER, offsetof(fin_params, compute_intensity) },
		{ "revenue_share_rate", UNIT_FRACTION, offsetof(fin_params, rev_share) },
		{ "stake", UNIT_FRACTION, offsetof(fin_params, stake) },
		{ "valuation", UNIT_USD_BN, offsetof(fin_params, valuation) },
	};
	int years[FIN_MAX_YEARS];
	int n = p->T - p->t0 + 1;
	buf b;

	if (n <= 0 || n > FIN_MAX_YEARS)
		return;
	buf_init(&b);
	for (int i = 0; i < n; i++)
		years[i] = p->t0 + i;
	for (size_t k = 0; k < sizeof in / sizeof in[0]; k++) {
		const double *a = (const double *)((const char *)p + in[k].offset);
		metrics_add_series(m, fin_name(&b, "finance.", in[k].name, scenario), in[k].unit,
		    years, a, (size_t)n, NULL, NULL);
	}
	buf_free(&b);
}

void
fin_metrics_add(metrics *m, const char *scenario, double probability,
    const fin_params *p, const fin_result *r)
{
	fin_add_inputs(m, scenario, p);
	fin_add_input_series(m, scenario, p);
	fin_add_outputs(m, scenario, r);
	fin_add_lenses(m, scenario, r);
	fin_add_series(m, scenario, r);
	if (!isnan(probability)) {
		buf b;
		buf_init(&b);
		metrics_add(m, fin_name(&b, "scenario.", "probability", scenario),
		    UNIT_FRACTION, probability, NULL, NULL);
		buf_free(&b);
	}
}

/* Adds finance.<name>@expected from the scenarios' scalars (null if any is missing). */
static void
fin_expect_scalar(metrics *m, const char *name, const char *const *scenarios,
    const double *probs, size_t n, buf *b)
{
	buf_reset(b);
	buf_printf(b, "finance.%s", name);
	model_expect_scalar(m, buf_str(b), scenarios, probs, n);
}

/* Returns 1 if series a and b cover the same years. */
static int
fin_same_years(const metric *a, const metric *b)
{
	if (a->years == NULL || b->years == NULL || a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++) {
		if (a->years[i] != b->years[i])
			return 0;
	}
	return 1;
}

/* Adds finance.cumulative@expected if every scenario's cumulative shares its years. */
static void
fin_expect_cumulative(metrics *m, const char *const *scenarios, const double *probs,
    size_t n, buf *b)
{
	const metric **x = util_xcalloc(n, sizeof *x);
	double *v = util_xcalloc(n, sizeof *v);
	double *out = NULL;
	size_t i, k;

	for (i = 0; i < n; i++) {
		x[i] = metrics_find(m, fin_name(b, "finance.", "cumulative", scenarios[i]));
		if (x[i] == NULL || !fin_same_years(x[0], x[i]))
			break;
	}
	if (i == n) {
		out = util_xcalloc(x[0]->n, sizeof *out);
		for (k = 0; k < x[0]->n; k++) {
			for (i = 0; i < n; i++)
				v[i] = x[i]->vals[k];
			out[k] = model_expected(v, probs, n);
		}
		metrics_add_series(m, fin_name(b, "finance.", "cumulative", "expected"),
		    UNIT_USD_BN, x[0]->years, out, x[0]->n, NULL, NULL);
	}
	free(out);
	free(v);
	free((void *)x);
}

/* Adds finance.lens.<lens>.<field>@expected for every lens and lens field. */
static void
fin_expect_lenses(metrics *m, const char *const *scenarios, const double *probs, size_t n)
{
	buf b;

	buf_init(&b);
	for (int k = 0; k < FIN_NLENSES; k++) {
		for (size_t j = 0; j < nfin_lens_fields; j++) {
			buf_reset(&b);
			buf_printf(&b, "finance.lens.%s.%s", model_fin_lens_name(k),
			    fin_lens_fields[j].name);
			model_expect_scalar(m, buf_str(&b), scenarios, probs, n);
		}
	}
	buf_free(&b);
}

void
fin_metrics_expected(metrics *m, const char *const *scenarios, const double *probs,
    size_t n)
{
	buf b;

	if (n == 0)
		return;
	buf_init(&b);
	for (size_t k = 0; k < sizeof expected_names / sizeof expected_names[0]; k++)
		fin_expect_scalar(m, expected_names[k], scenarios, probs, n, &b);
	fin_expect_lenses(m, scenarios, probs, n);
	fin_expect_cumulative(m, scenarios, probs, n, &b);
	buf_free(&b);
}
