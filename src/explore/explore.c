/* explore: one scenario's inputs as JSON to its outputs as JSON, for the browser. */
#include "explore/explore.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#include "explore/jin.h"
#include "export/fin_json.h"
#include "export/json.h"
#include "model/fin_metrics.h"
#include "model/format.h"
#include "model/metrics.h"

enum { EXP_MAX_SCENARIOS = 16 }; /* scenarios explore_report runs */

/* How one field of the inputs object is stored in fin_params. */
typedef enum exp_kind {
	EXP_REAL,  /* a double */
	EXP_INT,   /* an int (a year) */
	EXP_YEARS, /* a double per year, t0..T */
} exp_kind;

/* One field of the inputs object: its key, where it goes, what it accepts. */
typedef struct exp_field {
	const char *key;
	exp_kind kind;
	size_t offset; /* in fin_params */
	int nullable;  /* null accepted (NaN, or 0 for an int) */
	double lo, hi; /* accepted range, inclusive (years: the values) */
} exp_field;

#define EXP_R(k, f, nul, lo, hi) { k, EXP_REAL, offsetof(fin_params, f), nul, lo, hi }
#define EXP_I(k, f, nul) { k, EXP_INT, offsetof(fin_params, f), nul, 1, 9999 }
#define EXP_Y(k, f, lo, hi) { k, EXP_YEARS, offsetof(fin_params, f), 1, lo, hi }

/* Every field but tranches, in the order `metrics --json` writes them. The ranges are
 * what the model accepts (the loader's checks, docs/model.md), not the data's. */
static const exp_field exp_fields[] = {
	EXP_I("start_year", t0, 0),
	EXP_I("end_year", T, 0),
	EXP_R("discount_rate", discount_rate, 0, -0.99, 10),
	EXP_R("azure_gross_margin", azure_gross_margin, 0, 0, 1),
	EXP_R("capex_per_revenue", capex_per_revenue, 0, 0, 1e6),
	EXP_R("useful_life", useful_life, 1, 0, 1e6),
	EXP_R("funded_cash_share", funded_cash_share, 0, 0, 1),
	EXP_R("revenue_initial", revenue0, 0, 0, 1e9),
	EXP_R("growth_initial", growth0, 0, -1, 1e3),
	EXP_R("growth_terminal", growth_inf, 0, -1, 1e3),
	EXP_R("growth_decay", growth_decay, 0, 1e-9, 1),
	EXP_Y("revenue_actual", revenue_actual, 0, 1e9),
	EXP_R("margin_initial", margin0, 0, -1e3, 1),
	EXP_R("margin_terminal", margin_inf, 0, -1e3, 1),
	EXP_I("margin_terminal_year", margin_year, 0),
	EXP_Y("margin_actual", margin_actual, -1e3, 1),
	EXP_R("loss_carryforward_initial", loss_carry0, 0, 0, 1e9),
	EXP_R("a1", a1, 0, 0, 1),
	EXP_R("a2", a2, 0, 0, 1),
	EXP_R("recoup_multiple", recoup_multiple, 0, 0, 1e3),
	EXP_R("cap_multiple", cap_multiple, 1, 0, 1e3),
	EXP_I("waterfall_end_year", waterfall_end, 0),
	EXP_Y("revenue_share_rate", rev_share, 0, 1),
	EXP_Y("compute_spend", compute_spend, 0, 1e9),
	EXP_Y("compute_intensity", compute_intensity, 0, 1e3),
	EXP_Y("azure_share", azure_share, 0, 1),
	EXP_Y("stake", stake, 0, 1),
	EXP_Y("valuation", valuation, 0, 1e9),
	EXP_I("sale_year", sale_year, 1),
	EXP_R("sale_fraction", sale_fraction, 1, 0, 1),
};

/* Reads one number or null into *v (NaN for null); -1 with a reason if neither or
 * outside [lo, hi]. */
static int
exp_number(const jin_value *x, const char *key, int nullable, double lo, double hi,
    double *v, buf *err)
{
	if (x != NULL && x->kind == JIN_NULL && nullable) {
		*v = NAN;
		return 0;
	}
	if (x == NULL || x->kind != JIN_NUM) {
		buf_printf(err, "inputs.%s: expected a number%s", key, nullable ? " or null" : "");
		return -1;
	}
	if (!(x->num >= lo && x->num <= hi)) {
		buf_printf(err, "inputs.%s: %g is outside [%g, %g]", key, x->num, lo, hi);
		return -1;
	}
	*v = x->num;
	return 0;
}

/* Reads one field of the inputs object into p. */
static int
exp_field_read(const jin_value *in, const exp_field *f, fin_params *p, buf *err)
{
	const jin_value *x = jin_get(in, f->key);
	char *at = (char *)p + f->offset;
	double v;

	if (f->kind == EXP_YEARS) {
		size_t n = (size_t)(p->T - p->t0 + 1);
		if (x == NULL || x->kind != JIN_ARR || x->n != n) {
			buf_printf(err, "inputs.%s: expected an array of %zu values", f->key, n);
			return -1;
		}
		for (size_t i = 0; i < n; i++)
			if (exp_number(&x->items[i], f->key, 1, f->lo, f->hi,
			    (double *)at + i, err) < 0)
				return -1;
		return 0;
	}
	if (exp_number(x, f->key, f->nullable, f->lo, f->hi, &v, err) < 0)
		return -1;
	if (f->kind == EXP_REAL)
		*(double *)at = v;
	else if (isnan(v))
		*(int *)at = 0;
	else if (v != floor(v)) {
		buf_printf(err, "inputs.%s: expected a whole year", f->key);
		return -1;
	} else
		*(int *)at = (int)v;
	return 0;
}

/* Reads the tranches array into p. */
static int
exp_tranches(const jin_value *in, fin_params *p, buf *err)
{
	const jin_value *x = jin_get(in, "tranches");

	if (x == NULL || x->kind != JIN_ARR || x->n > FIN_MAX_TRANCHES) {
		buf_printf(err, "inputs.tranches: expected an array of at most %d objects",
		    FIN_MAX_TRANCHES);
		return -1;
	}
	p->ntranches = x->n;
	for (size_t k = 0; k < x->n; k++) {
		fin_tranche *t = &p->tranche[k];
		double year;
		if (exp_number(jin_get(&x->items[k], "year"), "tranches.year", 0, p->t0, p->T,
		    &year, err) < 0 ||
		    exp_number(jin_get(&x->items[k], "amount"), "tranches.amount", 0, 0, 1e9,
		    &t->amount, err) < 0 ||
		    exp_number(jin_get(&x->items[k], "cash_fraction"),
		    "tranches.cash_fraction", 0, 0, 1, &t->cash_fraction, err) < 0)
			return -1;
		t->year = (int)year;
	}
	return 0;
}

/* Fills p from the parsed inputs object in. */
static int
exp_params_tree(const jin_value *in, fin_params *p, buf *err)
{
	memset(p, 0, sizeof *p);
	if (in->kind != JIN_OBJ) {
		buf_puts(err, "inputs: expected an object");
		return -1;
	}
	for (size_t k = 0; k < sizeof exp_fields / sizeof exp_fields[0]; k++) {
		if (exp_field_read(in, &exp_fields[k], p, err) < 0)
			return -1;
		if (k == 1 && (p->T < p->t0 || p->T - p->t0 >= FIN_MAX_YEARS)) {
			buf_printf(err, "inputs.end_year: %d is not within %d years of start_year",
			    p->T, FIN_MAX_YEARS);
			return -1;
		}
	}
	if (p->capex_per_revenue > 0 && !(p->useful_life > 0)) {
		buf_puts(err, "inputs.useful_life: must be above 0 when capex_per_revenue is");
		return -1;
	}
	if (p->waterfall_end == 0)
		p->waterfall_end = p->T;
	return exp_tranches(in, p, err);
}

/* Parses text as JSON; NULL with the offset in err if it is malformed. */
static jin_value *
exp_parse(const char *in, size_t len, buf *err)
{
	size_t at = 0;
	jin_value *v = jin_parse(in, len, &at);

	if (v == NULL)
		buf_printf(err, "malformed JSON at byte %zu", at);
	return v;
}

int
explore_params(const char *in, size_t len, fin_params *p, buf *err)
{
	jin_value *v = exp_parse(in, len, err);
	int st = v ? exp_params_tree(v, p, err) : -1;

	jin_free(v);
	return st;
}

int
explore_finance(const char *in, size_t len, buf *out, buf *err)
{
	fin_params p;
	fin_result r;
	json_writer w;

	if (explore_params(in, len, &p, err) < 0)
		return -1;
	model_fin_run(&p, &r);
	json_writer_init(&w, out);
	fin_json_finance(&w, NULL, &p, &r);
	return 0;
}

/* Writes metric x as member x->name: a scalar as {"value": v, "text": formatted}, a
 * series as {"years": [...], "values": [...]}. */
static void
exp_metric_json(json_writer *w, const metric *x, buf *text)
{
	json_open(w, x->name, '{');
	if (x->years != NULL) {
		json_ints(w, "years", x->years, x->n);
		json_nums(w, "values", x->vals, x->n);
	} else {
		buf_reset(text);
		format_value(x->vals[0], x->unit, NULL, text);
		json_num(w, "value", x->vals[0]);
		json_str(w, "text", buf_str(text));
	}
	json_close(w, '}');
}

/* Writes the metrics of m named in want (an array of names; a name m lacks is left
 * out), or without want every scalar metric, as one object. */
static void
exp_metrics_json(const metrics *m, const jin_value *want, buf *out)
{
	json_writer w;
	buf text;

	buf_init(&text);
	json_writer_init(&w, out);
	json_open(&w, NULL, '{');
	if (want != NULL) {
		for (size_t i = 0; i < want->n; i++) {
			const metric *x = want->items[i].kind == JIN_STR ?
			    metrics_find(m, want->items[i].str) : NULL;
			if (x != NULL)
				exp_metric_json(&w, x, &text);
		}
	}
	for (size_t i = 0; want == NULL && i < metrics_count(m); i++) {
		if (metrics_at(m, i)->years == NULL)
			exp_metric_json(&w, metrics_at(m, i), &text);
	}
	json_close(&w, '}');
	buf_free(&text);
}

/* Runs the scenarios of the parsed object v into a metrics table written to out. */
static int
exp_report_tree(const jin_value *v, buf *out, buf *err)
{
	const jin_value *sc = jin_get(v, "scenarios");
	const char *names[EXP_MAX_SCENARIOS];
	double probs[EXP_MAX_SCENARIOS];
	size_t nw = 0; /* scenarios with a weight */
	size_t k;
	metrics *m;
	int st = 0;

	const jin_value *want = jin_get(v, "want");

	if (want != NULL && want->kind != JIN_ARR) {
		buf_puts(err, "want: expected an array of metric names");
		return -1;
	}
	if (sc == NULL || sc->kind != JIN_OBJ || sc->n == 0 || sc->n > EXP_MAX_SCENARIOS) {
		buf_printf(err, "scenarios: expected an object of 1 to %d scenarios",
		    EXP_MAX_SCENARIOS);
		return -1;
	}
	m = metrics_new();
	for (k = 0; k < sc->n; k++) {
		const jin_value *in = jin_get(&sc->items[k], "inputs");
		fin_params p;
		fin_result r;
		double prob;
		st = exp_number(jin_get(&sc->items[k], "probability"), "probability", 1, 0, 1,
		    &prob, err);
		if (st == 0)
			st = exp_params_tree(in ? in : &(jin_value){ 0 }, &p, err);
		if (st < 0)
			break;
		model_fin_run(&p, &r);
		fin_metrics_add(m, sc->keys[k], prob, &p, &r);
		if (!isnan(prob)) {
			names[nw] = sc->keys[k];
			probs[nw++] = prob;
		}
	}
	if (st < 0)
		buf_printf(err, " (scenario %s)", sc->keys[k]);
	if (st == 0) {
		fin_metrics_expected(m, names, probs, nw);
		exp_metrics_json(m, want, out);
	}
	metrics_free(m);
	return st;
}

int
explore_report(const char *in, size_t len, buf *out, buf *err)
{
	jin_value *v = exp_parse(in, len, err);
	int st = v ? exp_report_tree(v, out, err) : -1;

	jin_free(v);
	return st;
}
