/* explore: one scenario's inputs as JSON to its outputs as JSON, for the browser. */
#include "explore/explore.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explore/explore_int.h"
#include "explore/jin.h"
#include "export/fin_json.h"
#include "export/json.h"
#include "model/bayes_metrics.h"
#include "model/expect.h"
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

/* Reads one number or null into *v (NaN for null); -1 with a reason naming
 * <prefix><key> if neither or outside [lo, hi]. */
int
explore_number_at(const jin_value *x, const char *prefix, const char *key, int nullable,
    double lo, double hi, double *v, buf *err)
{
	if (x != NULL && x->kind == JIN_NULL && nullable) {
		*v = NAN;
		return 0;
	}
	if (x == NULL || x->kind != JIN_NUM) {
		buf_printf(err, "%s%s: expected a number%s", prefix, key,
		    nullable ? " or null" : "");
		return -1;
	}
	if (!(x->num >= lo && x->num <= hi)) {
		buf_printf(err, "%s%s: %g is outside [%g, %g]", prefix, key, x->num, lo, hi);
		return -1;
	}
	*v = x->num;
	return 0;
}

/* explore_number_at for a field of the inputs object. */
static int
exp_number(const jin_value *x, const char *key, int nullable, double lo, double hi,
    double *v, buf *err)
{
	return explore_number_at(x, "inputs.", key, nullable, lo, hi, v, err);
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
int
explore_params_tree(const jin_value *in, fin_params *p, buf *err)
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
	if (p->sale_year != 0 && isnan(p->sale_fraction)) {
		buf_puts(err, "inputs.sale_fraction: must be a number when sale_year is");
		return -1;
	}
	if (p->sale_year == 0) /* no sale: the loader's 0, which the Monte Carlo multiplies */
		p->sale_fraction = 0;
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
	int st = v ? explore_params_tree(v, p, err) : -1;

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

void
explore_metrics_json(const metrics *m, const jin_value *want, int series, buf *out)
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
		if (series || metrics_at(m, i)->years == NULL)
			exp_metric_json(&w, metrics_at(m, i), &text);
	}
	json_close(&w, '}');
	buf_free(&text);
}

/* Reads event k of the evidence array ev (its id and one likelihood in (0, 1] per
 * weighted scenario names[0..nw-1]) into *e, its likelihoods into lik[0..nw-1]. */
static int
exp_event(const jin_value *ev, size_t k, const char *const *names, size_t nw,
    double *lik, bayes_event *e, buf *err)
{
	const jin_value *x = &ev->items[k];
	const jin_value *id = jin_get(x, "id"), *l = jin_get(x, "likelihood");
	buf pre;
	int st = 0;

	if (id == NULL || id->kind != JIN_STR || l == NULL || l->kind != JIN_OBJ) {
		buf_printf(err, "evidence.%zu: expected {\"id\": text, \"likelihood\": {...}}", k);
		return -1;
	}
	buf_init(&pre);
	buf_printf(&pre, "evidence.%s.likelihood.", id->str);
	for (size_t i = 0; i < nw && st == 0; i++) {
		st = explore_number_at(jin_get(l, names[i]), buf_str(&pre), names[i], 0, 0, 1,
		    &lik[i], err);
		if (st == 0 && !(lik[i] > 0)) {
			buf_printf(err, "%s%s: must be above 0", buf_str(&pre), names[i]);
			st = -1;
		}
	}
	buf_free(&pre);
	*e = (bayes_event){ id->str, NULL, lik };
	return st;
}

/* Updates the weights (names, probs: nw scenarios, summing to 1) by the events of the
 * array ev, adds the posterior metrics and every @expected_posterior to m, as the
 * tool's build does. Returns 0, or -1 with the reason in err. */
static int
exp_evidence(metrics *m, const jin_value *ev, const char *const *names,
    const double *probs, size_t nw, buf *err)
{
	if (ev->kind != JIN_ARR) {
		buf_puts(err, "evidence: expected an array of events");
		return -1;
	}
	size_t ne = ev->n;
	bayes_event *e = util_xcalloc(ne ? ne : 1, sizeof *e);
	double *lik = util_xcalloc((ne ? ne : 1) * (nw ? nw : 1), sizeof *lik);
	double post[EXP_MAX_SCENARIOS];
	int st = 0;
	for (size_t k = 0; k < ne && st == 0; k++)
		st = exp_event(ev, k, names, nw, lik + k * nw, &e[k], err);
	if (st == 0 && nw > 0) {
		if (bayes_metrics_add(m, names, probs, nw, e, ne, post) == 0)
			model_expect_reweight(m, "expected", "expected_posterior", names, post, nw);
		else {
			buf_puts(err, "evidence: the events rule out every weighted scenario");
			st = -1;
		}
	}
	free(lik);
	free(e);
	return st;
}

/* Reads scenario k of sc (its weight, NaN for null, and inputs) and adds its metrics
 * to m. Errors name the scenario's path. */
static int
exp_scenario(const jin_value *sc, size_t k, metrics *m, double *prob, buf *err)
{
	const jin_value *in = jin_get(&sc->items[k], "inputs");
	fin_params p;
	fin_result r;
	buf pre;
	int st;

	buf_init(&pre);
	buf_printf(&pre, "scenarios.%s.", sc->keys[k]);
	st = explore_number_at(jin_get(&sc->items[k], "probability"), buf_str(&pre),
	    "probability", 1, 0, 1, prob, err);
	buf_free(&pre);
	if (st == 0)
		st = explore_params_tree(in ? in : &(jin_value){ 0 }, &p, err);
	if (st < 0) {
		buf_printf(err, " (scenario %s)", sc->keys[k]);
		return -1;
	}
	model_fin_run(&p, &r);
	fin_metrics_add(m, sc->keys[k], *prob, &p, &r);
	return 0;
}

/* Runs the scenarios of the parsed object v into a metrics table written to out. */
static int
exp_report_tree(const jin_value *v, buf *out, buf *err)
{
	const jin_value *sc = jin_get(v, "scenarios");
	const jin_value *want = jin_get(v, "want"), *ev = jin_get(v, "evidence");
	const char *names[EXP_MAX_SCENARIOS];
	double probs[EXP_MAX_SCENARIOS];
	size_t nw = 0; /* scenarios with a weight */
	int st = 0;

	if (want != NULL && want->kind != JIN_ARR) {
		buf_puts(err, "want: expected an array of metric names");
		return -1;
	}
	if (sc == NULL || sc->kind != JIN_OBJ || sc->n == 0 || sc->n > EXP_MAX_SCENARIOS) {
		buf_printf(err, "scenarios: expected an object of 1 to %d scenarios",
		    EXP_MAX_SCENARIOS);
		return -1;
	}
	metrics *m = metrics_new();
	for (size_t k = 0; k < sc->n && st == 0; k++) {
		double prob;
		st = exp_scenario(sc, k, m, &prob, err);
		if (st == 0 && !isnan(prob)) {
			names[nw] = sc->keys[k];
			probs[nw++] = prob;
		}
	}
	if (st == 0) {
		fin_metrics_expected(m, names, probs, nw);
		if (ev != NULL)
			st = exp_evidence(m, ev, names, probs, nw, err);
	}
	if (st == 0)
		explore_metrics_json(m, want, 0, out);
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

int
explore_input_name(const fin_params *p, size_t off, buf *out)
{
	size_t tr = offsetof(fin_params, tranche), sz = sizeof(fin_tranche);
	if (off >= tr && off < tr + p->ntranches * sz) {
		size_t k = (off - tr) / sz, in = (off - tr) % sz;
		if (in != offsetof(fin_tranche, amount) && in != offsetof(fin_tranche, cash_fraction))
			return -1;
		buf_printf(out, "tranches.%zu.%s", k,
		    in == offsetof(fin_tranche, amount) ? "amount" : "cash_fraction");
		return 0;
	}
	for (size_t k = 0; k < sizeof exp_fields / sizeof exp_fields[0]; k++) {
		const exp_field *f = &exp_fields[k];
		size_t n = f->kind == EXP_YEARS ? (size_t)(p->T - p->t0 + 1) : 1;
		if (f->kind == EXP_INT || off < f->offset || off >= f->offset + n * sizeof(double) ||
		    (off - f->offset) % sizeof(double) != 0)
			continue;
		if (f->kind == EXP_YEARS)
			buf_printf(out, "%s.%d", f->key,
			    p->t0 + (int)((off - f->offset) / sizeof(double)));
		else
			buf_puts(out, f->key);
		return 0;
	}
	return -1;
}

int
explore_input_offset(const fin_params *p, const char *name, size_t *off)
{
	size_t k;
	int year;
	char field[16], tail;
	if (sscanf(name, "tranches.%zu.%15[a-z_]%c", &k, field, &tail) == 2 &&
	    k < p->ntranches && (strcmp(field, "amount") == 0 ||
	    strcmp(field, "cash_fraction") == 0)) {
		*off = offsetof(fin_params, tranche) + k * sizeof(fin_tranche) +
		    (field[0] == 'a' ? offsetof(fin_tranche, amount) :
		    offsetof(fin_tranche, cash_fraction));
		return 0;
	}
	for (size_t i = 0; i < sizeof exp_fields / sizeof exp_fields[0]; i++) {
		const exp_field *f = &exp_fields[i];
		size_t n = strlen(f->key);
		if (f->kind == EXP_INT || strncmp(name, f->key, n) != 0)
			continue;
		if (f->kind == EXP_REAL && name[n] == '\0') {
			*off = f->offset;
			return 0;
		}
		if (f->kind == EXP_YEARS && name[n] == '.' &&
		    sscanf(name + n + 1, "%d%c", &year, &tail) == 1 &&
		    year >= p->t0 && year <= p->T) {
			*off = f->offset + (size_t)(year - p->t0) * sizeof(double);
			return 0;
		}
	}
	return -1;
}
