/* fin_json: a scenario's finance, inputs and units objects in JSON. */
#include "export/fin_json.h"

#include <math.h>

#include "model/fin_metrics.h"
#include "model/metrics.h"

/* How one exported field is written. */
typedef enum ex_kind {
	EX_NUM,      /* v */
	EX_ARR,      /* a[0..n-1] */
	EX_YEARS,    /* t0..t0+n-1 */
	EX_TRANCHES, /* the tranches, as objects */
	EX_LENSES,   /* the lenses, as {lens: {field: value}} */
} ex_kind;

/* One field of a scenario's "finance" or "inputs" object. */
typedef struct ex_field {
	const char *name; /* JSON key */
	ex_kind kind;     /* what to write */
	metric_unit unit; /* unit written under "units" */
	double v;         /* EX_NUM value, NaN = null */
	const double *a;  /* EX_ARR values, n of them */
} ex_field;

enum { EX_MAX_FIELDS = 64 }; /* fields of one object (finance and inputs have 28 each) */

/* Returns a field of kind EX_NUM. */
static ex_field
ex_num(const char *name, metric_unit unit, double v)
{
	return (ex_field){ name, EX_NUM, unit, v, NULL };
}

/* Returns a field of kind EX_ARR. */
static ex_field
ex_arr(const char *name, metric_unit unit, const double *a)
{
	return (ex_field){ name, EX_ARR, unit, NAN, a };
}

/* Fills f with the "finance" object's fields of MODEL.md's Export; returns the count. */
static size_t
ex_finance_fields(const fin_params *p, const fin_result *r, ex_field *f)
{
	size_t n = 0;

	f[n++] = (ex_field){ "years", EX_YEARS, UNIT_YEAR, NAN, NULL };
	f[n++] = ex_num("discount_rate", UNIT_FRACTION, p->discount_rate);
	f[n++] = ex_num("a1", UNIT_FRACTION, p->a1);
	f[n++] = ex_num("a2", UNIT_FRACTION, p->a2);
	f[n++] = ex_num("recoup_multiple", UNIT_MULTIPLE, p->recoup_multiple);
	f[n++] = ex_num("cap_multiple", UNIT_MULTIPLE, p->cap_multiple);
	f[n++] = ex_num("total_investment", UNIT_USD_BN, r->total_investment);
	f[n++] = ex_num("hosting_margin", UNIT_FRACTION, r->hosting_margin);
	for (size_t k = 0; k < nfin_series_fields; k++) {
		const fin_series_field *s = &fin_series_fields[k];
		f[n++] = ex_arr(s->name, s->unit, (const double *)((const char *)r + s->offset));
	}
	f[n++] = ex_num("payback_year", UNIT_YEAR, r->payback_year);
	f[n++] = ex_num("npv", UNIT_USD_BN, r->npv);
	f[n++] = ex_num("irr", UNIT_FRACTION, r->irr);
	f[n++] = ex_num("moic", UNIT_MULTIPLE, r->moic);
	f[n++] = ex_num("moic_marked", UNIT_MULTIPLE, r->moic_marked);
	f[n++] = ex_num("inflows", UNIT_USD_BN, fin_metrics_inflows(r));
	f[n++] = (ex_field){ "lenses", EX_LENSES, UNIT_NUMBER, NAN, NULL };
	return n;
}

/* Writes r's lenses as {cash: {payback_year, ...}, ...}; with units set, each field's
 * unit name instead of its value. */
static void
ex_lenses(json_writer *w, const char *key, const fin_result *r, int units)
{
	json_open(w, key, '{');
	for (int k = 0; k < FIN_NLENSES; k++) {
		json_open(w, model_fin_lens_name(k), '{');
		for (size_t j = 0; j < nfin_lens_fields; j++) {
			const fin_lens_field *f = &fin_lens_fields[j];
			if (units)
				json_str(w, f->name, metric_unit_name(f->unit));
			else
				json_num(w, f->name, fin_lens_value(f, &r->lens[k]));
		}
		json_close(w, '}');
	}
	json_close(w, '}');
}

/* Fills f with every field of p (the resolved inputs); returns the count. */
static size_t
ex_input_fields(const fin_params *p, ex_field *f)
{
	size_t n = 0;

	f[n++] = ex_num("start_year", UNIT_YEAR, p->t0);
	f[n++] = ex_num("end_year", UNIT_YEAR, p->T);
	f[n++] = ex_num("discount_rate", UNIT_FRACTION, p->discount_rate);
	f[n++] = ex_num("azure_gross_margin", UNIT_FRACTION, p->azure_gross_margin);
	f[n++] = ex_num("capex_per_revenue", UNIT_MULTIPLE, p->capex_per_revenue);
	f[n++] = ex_num("useful_life", UNIT_NUMBER, p->useful_life);
	f[n++] = ex_num("funded_cash_share", UNIT_FRACTION, p->funded_cash_share);
	f[n++] = (ex_field){ "tranches", EX_TRANCHES, UNIT_USD_BN, NAN, NULL };
	f[n++] = ex_num("revenue_initial", UNIT_USD_BN, p->revenue0);
	f[n++] = ex_num("growth_initial", UNIT_FRACTION, p->growth0);
	f[n++] = ex_num("growth_terminal", UNIT_FRACTION, p->growth_inf);
	f[n++] = ex_num("growth_decay", UNIT_NUMBER, p->growth_decay);
	f[n++] = ex_arr("revenue_actual", UNIT_USD_BN, p->revenue_actual);
	f[n++] = ex_num("margin_initial", UNIT_FRACTION, p->margin0);
	f[n++] = ex_num("margin_terminal", UNIT_FRACTION, p->margin_inf);
	f[n++] = ex_num("margin_terminal_year", UNIT_YEAR, p->margin_year);
	f[n++] = ex_arr("margin_actual", UNIT_FRACTION, p->margin_actual);
	f[n++] = ex_num("loss_carryforward_initial", UNIT_USD_BN, p->loss_carry0);
	f[n++] = ex_num("a1", UNIT_FRACTION, p->a1);
	f[n++] = ex_num("a2", UNIT_FRACTION, p->a2);
	f[n++] = ex_num("recoup_multiple", UNIT_MULTIPLE, p->recoup_multiple);
	f[n++] = ex_num("cap_multiple", UNIT_MULTIPLE, p->cap_multiple);
	f[n++] = ex_num("waterfall_end_year", UNIT_YEAR, p->waterfall_end);
	f[n++] = ex_arr("revenue_share_rate", UNIT_FRACTION, p->rev_share);
	f[n++] = ex_arr("compute_spend", UNIT_USD_BN, p->compute_spend);
	f[n++] = ex_arr("compute_intensity", UNIT_FRACTION, p->compute_intensity);
	f[n++] = ex_arr("azure_share", UNIT_FRACTION, p->azure_share);
	f[n++] = ex_arr("stake", UNIT_FRACTION, p->stake);
	f[n++] = ex_arr("valuation", UNIT_USD_BN, p->valuation);
	f[n++] = ex_num("sale_year", UNIT_YEAR, p->sale_year ? p->sale_year : NAN);
	f[n++] = ex_num("sale_fraction", UNIT_FRACTION, p->sale_year ? p->sale_fraction : NAN);
	return n;
}

/* Writes the tranches of p as an array of {year, amount, cash_fraction} objects. */
static void
ex_tranches(json_writer *w, const char *key, const fin_params *p)
{
	json_open(w, key, '[');
	for (size_t k = 0; k < p->ntranches; k++) {
		json_open(w, NULL, '{');
		json_num(w, "year", p->tranche[k].year);
		json_num(w, "amount", p->tranche[k].amount);
		json_num(w, "cash_fraction", p->tranche[k].cash_fraction);
		json_close(w, '}');
	}
	json_close(w, ']');
}

/* Writes the object key: {fields with their values}, arrays over the n years of r. */
static void
ex_values(json_writer *w, const char *key, const ex_field *f, size_t nf, const fin_params *p,
    const fin_result *r)
{
	int years[FIN_MAX_YEARS];
	size_t n = (size_t)r->n;

	for (size_t i = 0; i < n; i++)
		years[i] = r->t0 + (int)i;
	json_open(w, key, '{');
	for (size_t k = 0; k < nf; k++) {
		if (f[k].kind == EX_NUM)
			json_num(w, f[k].name, f[k].v);
		else if (f[k].kind == EX_ARR)
			json_nums(w, f[k].name, f[k].a, n);
		else if (f[k].kind == EX_YEARS)
			json_ints(w, f[k].name, years, n);
		else if (f[k].kind == EX_LENSES)
			ex_lenses(w, f[k].name, r, 0);
		else
			ex_tranches(w, f[k].name, p);
	}
	json_close(w, '}');
}

/* Writes the object key: {field: unit name} for fields f (lenses from r). */
static void
ex_units(json_writer *w, const char *key, const ex_field *f, size_t nf, const fin_result *r)
{
	json_open(w, key, '{');
	for (size_t k = 0; k < nf; k++) {
		if (f[k].kind == EX_LENSES) {
			ex_lenses(w, f[k].name, r, 1);
			continue;
		}
		if (f[k].kind != EX_TRANCHES) {
			json_str(w, f[k].name, metric_unit_name(f[k].unit));
			continue;
		}
		json_open(w, f[k].name, '{');
		json_str(w, "year", metric_unit_name(UNIT_YEAR));
		json_str(w, "amount", metric_unit_name(UNIT_USD_BN));
		json_str(w, "cash_fraction", metric_unit_name(UNIT_FRACTION));
		json_close(w, '}');
	}
	json_close(w, '}');
}


void
fin_json_finance(json_writer *w, const char *key, const fin_params *p, const fin_result *r)
{
	ex_field f[EX_MAX_FIELDS];
	size_t n = ex_finance_fields(p, r, f);

	ex_values(w, key, f, n, p, r);
}

void
fin_json_inputs(json_writer *w, const char *key, const fin_params *p, const fin_result *r)
{
	ex_field f[EX_MAX_FIELDS];
	size_t n = ex_input_fields(p, f);

	ex_values(w, key, f, n, p, r);
}

void
fin_json_units(json_writer *w, const char *key, const fin_params *p, const fin_result *r)
{
	ex_field fin[EX_MAX_FIELDS], in[EX_MAX_FIELDS];
	size_t nfin = ex_finance_fields(p, r, fin);
	size_t nin = ex_input_fields(p, in);

	json_open(w, key, '{');
	ex_units(w, "finance", fin, nfin, r);
	ex_units(w, "inputs", in, nin, r);
	json_close(w, '}');
}
