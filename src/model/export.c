/* export: scenarios' inputs and outputs and the metrics table as JSON and CSV text. */
#include "model/export.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "model/fin_metrics.h"
#include "model/montecarlo.h"
#include "model/unc_metrics.h"

enum { JW_MAX_DEPTH = 16 }; /* nesting the export needs (it uses 5) */

/* A pretty-printing JSON writer: two-space indent, one member per line, numbers
 * arrays on one line. */
typedef struct jw {
	buf *out;                 /* text goes here */
	int depth;                /* open containers */
	int first[JW_MAX_DEPTH];  /* 1 while the container at that depth is empty */
} jw;

/* How one exported field is written. */
typedef enum ex_kind {
	EX_NUM,      /* v */
	EX_ARR,      /* a[0..n-1] */
	EX_YEARS,    /* t0..t0+n-1 */
	EX_TRANCHES, /* the tranches, as objects */
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

/* Appends a JSON number: 17 significant digits, null for NaN and infinities. */
static void
json_num(buf *out, double v)
{
	if (isfinite(v))
		buf_printf(out, "%.17g", v);
	else
		buf_puts(out, "null");
}

/* Appends s as a JSON string (null for NULL); control characters as \u00XX. */
static void
json_str(buf *out, const char *s)
{
	if (s == NULL) {
		buf_puts(out, "null");
		return;
	}
	buf_putc(out, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			buf_putc(out, '\\');
			buf_putc(out, (char)c);
		} else if (c < 0x20) {
			buf_printf(out, "\\u%04x", c);
		} else {
			buf_putc(out, (char)c);
		}
	}
	buf_putc(out, '"');
}

/* Starts a member (key non-NULL) or an array element (key NULL) on its own line. */
static void
jw_sep(jw *w, const char *key)
{
	if (!w->first[w->depth])
		buf_putc(w->out, ',');
	w->first[w->depth] = 0;
	buf_putc(w->out, '\n');
	for (int i = 0; i < w->depth; i++)
		buf_puts(w->out, "  ");
	if (key) {
		json_str(w->out, key);
		buf_puts(w->out, ": ");
	}
}

/* Opens an object ('{') or array ('[') as member key (or element if key is NULL). */
static void
jw_open(jw *w, const char *key, char c)
{
	if (w->depth > 0 || !w->first[0])
		jw_sep(w, key);
	buf_putc(w->out, c);
	w->depth++;
	w->first[w->depth] = 1;
}

/* Closes the innermost container with c ('}' or ']'). */
static void
jw_close(jw *w, char c)
{
	int empty = w->first[w->depth];

	w->depth--;
	if (!empty) {
		buf_putc(w->out, '\n');
		for (int i = 0; i < w->depth; i++)
			buf_puts(w->out, "  ");
	}
	buf_putc(w->out, c);
}

/* Writes member key: number. */
static void
jw_num(jw *w, const char *key, double v)
{
	jw_sep(w, key);
	json_num(w->out, v);
}

/* Writes member key: string (null for NULL). */
static void
jw_str(jw *w, const char *key, const char *s)
{
	jw_sep(w, key);
	json_str(w->out, s);
}

/* Writes member key: [numbers] on one line. */
static void
jw_nums(jw *w, const char *key, const double *a, size_t n)
{
	jw_sep(w, key);
	buf_putc(w->out, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_puts(w->out, ", ");
		json_num(w->out, a[i]);
	}
	buf_putc(w->out, ']');
}

/* Writes member key: [integers] on one line. */
static void
jw_ints(jw *w, const char *key, const int *a, size_t n)
{
	jw_sep(w, key);
	buf_putc(w->out, '[');
	for (size_t i = 0; i < n; i++)
		buf_printf(w->out, i ? ", %d" : "%d", a[i]);
	buf_putc(w->out, ']');
}

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
	return n;
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
ex_tranches(jw *w, const char *key, const fin_params *p)
{
	jw_open(w, key, '[');
	for (size_t k = 0; k < p->ntranches; k++) {
		jw_open(w, NULL, '{');
		jw_num(w, "year", p->tranche[k].year);
		jw_num(w, "amount", p->tranche[k].amount);
		jw_num(w, "cash_fraction", p->tranche[k].cash_fraction);
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

/* Writes the object key: {fields with their values}, arrays over the n years of r. */
static void
ex_values(jw *w, const char *key, const ex_field *f, size_t nf, const fin_params *p,
    const fin_result *r)
{
	int years[FIN_MAX_YEARS];
	size_t n = (size_t)r->n;

	for (size_t i = 0; i < n; i++)
		years[i] = r->t0 + (int)i;
	jw_open(w, key, '{');
	for (size_t k = 0; k < nf; k++) {
		if (f[k].kind == EX_NUM)
			jw_num(w, f[k].name, f[k].v);
		else if (f[k].kind == EX_ARR)
			jw_nums(w, f[k].name, f[k].a, n);
		else if (f[k].kind == EX_YEARS)
			jw_ints(w, f[k].name, years, n);
		else
			ex_tranches(w, f[k].name, p);
	}
	jw_close(w, '}');
}

/* Writes the object key: {field: unit name} for fields f. */
static void
ex_units(jw *w, const char *key, const ex_field *f, size_t nf)
{
	jw_open(w, key, '{');
	for (size_t k = 0; k < nf; k++) {
		if (f[k].kind != EX_TRANCHES) {
			jw_str(w, f[k].name, metric_unit_name(f[k].unit));
			continue;
		}
		jw_open(w, f[k].name, '{');
		jw_str(w, "year", metric_unit_name(UNIT_YEAR));
		jw_str(w, "amount", metric_unit_name(UNIT_USD_BN));
		jw_str(w, "cash_fraction", metric_unit_name(UNIT_FRACTION));
		jw_close(w, '}');
	}
	jw_close(w, '}');
}

/* Writes one scenario's object: title, probability, finance, inputs, units. */
static void
ex_scenario(jw *w, const export_scenario *s)
{
	ex_field fin[EX_MAX_FIELDS], in[EX_MAX_FIELDS];
	size_t nfin = ex_finance_fields(s->params, s->result, fin);
	size_t nin = ex_input_fields(s->params, in);

	jw_open(w, s->name, '{');
	jw_str(w, "title", s->title);
	jw_num(w, "probability", s->probability);
	ex_values(w, "finance", fin, nfin, s->params, s->result);
	ex_values(w, "inputs", in, nin, s->params, s->result);
	jw_open(w, "units", '{');
	ex_units(w, "finance", fin, nfin);
	ex_units(w, "inputs", in, nin);
	jw_close(w, '}');
	jw_close(w, '}');
}

/* Writes a metric's value(s) as member key: a number, or {years, values}. */
static void
ex_metric_value(jw *w, const char *key, const metric *x)
{
	if (x->years == NULL) {
		jw_num(w, key, x->vals[0]);
		return;
	}
	jw_open(w, key, '{');
	jw_ints(w, "years", x->years, x->n);
	jw_nums(w, "values", x->vals, x->n);
	jw_close(w, '}');
}

/* Writes "expected": every *@expected metric, keyed without the suffix. */
static void
ex_expected(jw *w, const metrics *m, buf *tmp)
{
	static const char suffix[] = "@expected";
	size_t ls = sizeof suffix - 1;

	jw_open(w, "expected", '{');
	for (size_t i = 0; i < metrics_count(m); i++) {
		const metric *x = metrics_at(m, i);
		size_t len = strlen(x->name);
		if (len <= ls || strcmp(x->name + len - ls, suffix) != 0)
			continue;
		buf_reset(tmp);
		buf_append(tmp, x->name, len - ls);
		ex_metric_value(w, buf_str(tmp), x);
	}
	jw_close(w, '}');
}

/* Writes "facts": every fact.* metric keyed by its id, with unit, label and source. */
static void
ex_facts(jw *w, const metrics *m)
{
	jw_open(w, "facts", '{');
	for (size_t i = 0; i < metrics_count(m); i++) {
		const metric *x = metrics_at(m, i);
		if (strncmp(x->name, "fact.", 5) != 0)
			continue;
		jw_open(w, x->name + 5, '{');
		jw_str(w, "unit", metric_unit_name(x->unit));
		jw_str(w, "label", x->label);
		jw_str(w, "source", x->source);
		if (x->years == NULL) {
			jw_num(w, "value", x->vals[0]);
		} else {
			jw_ints(w, "years", x->years, x->n);
			jw_nums(w, "values", x->vals, x->n);
		}
		jw_close(w, '}');
	}
	jw_close(w, '}');
}

/* Returns the metric named by the printf-style fmt (built in tmp), or NULL. */
static const metric *
ex_find(const metrics *m, buf *tmp, const char *fmt, ...)
{
	va_list ap;
	buf_reset(tmp);
	va_start(ap, fmt);
	buf_vprintf(tmp, fmt, ap);
	va_end(ap);
	return metrics_find(m, buf_str(tmp));
}

/* Returns the first metric whose name starts with prefix, or NULL. */
static const metric *
ex_prefixed(const metrics *m, const char *prefix)
{
	for (size_t i = 0; i < metrics_count(m); i++)
		if (strncmp(metrics_at(m, i)->name, prefix, strlen(prefix)) == 0)
			return metrics_at(m, i);
	return NULL;
}

/* Writes "sensitivity": the rows in rank order from the sensitivity.rank.<k>.* metrics
 * (docs/model.md, "Uncertainty"); an empty array without them. */
static void
ex_sensitivity(jw *w, const metrics *m, buf *tmp)
{
	const metric *count = ex_prefixed(m, "sensitivity.count@");
	jw_open(w, "sensitivity", '[');
	for (size_t k = 1; count && k <= (size_t)count->vals[0]; k++) {
		const char *scen = strchr(count->name, '@') + 1;
		jw_open(w, NULL, '{');
		for (size_t f = 0; f < nunc_sens_fields; f++) {
			const metric *x = ex_find(m, tmp, "sensitivity.rank.%zu.%s@%s", k,
			    unc_sens_fields[f], scen);
			if (f == 0)
				jw_str(w, "path", x ? x->label : NULL);
			jw_num(w, unc_sens_fields[f], x ? x->vals[0] : NAN);
		}
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

/* Writes member key: {p5: .., ..., p95: ..} from mc.<what>.p<P>@scen (series: arrays). */
static void
ex_mc_pcts(jw *w, const metrics *m, const char *what, const char *scen, buf *tmp)
{
	char key[8];
	jw_open(w, what, '{');
	for (int k = 0; k < MC_NPCT; k++) {
		snprintf(key, sizeof key, "p%.0f", mc_percentiles[k] * 100);
		const metric *x = ex_find(m, tmp, "mc.%s.%s@%s", what, key, scen);
		if (x && x->years && k == 0)
			jw_ints(w, "years", x->years, x->n);
		if (x && x->years)
			jw_nums(w, key, x->vals, x->n);
		else
			jw_num(w, key, x ? x->vals[0] : NAN);
	}
	jw_close(w, '}');
}

/* Writes "monte_carlo": draws, seed and the percentiles of the mc.* metrics; null
 * when the run had none. */
static void
ex_monte_carlo(jw *w, const metrics *m, buf *tmp)
{
	const metric *draws = metrics_find(m, "mc.draws"), *seed = metrics_find(m, "mc.seed");
	const metric *prob = ex_prefixed(m, "mc.payback_probability@");
	if (draws == NULL || seed == NULL || prob == NULL) {
		jw_num(w, "monte_carlo", NAN);
		return;
	}
	const char *scen = strchr(prob->name, '@') + 1;
	jw_open(w, "monte_carlo", '{');
	jw_str(w, "scenario", scen);
	jw_num(w, "draws", draws->vals[0]);
	jw_num(w, "seed", seed->vals[0]);
	ex_mc_pcts(w, m, "npv", scen, tmp);
	ex_mc_pcts(w, m, "payback_year", scen, tmp);
	ex_mc_pcts(w, m, "cumulative", scen, tmp);
	ex_metric_value(w, "payback_probability", prob);
	jw_close(w, '}');
}

void
export_json(const export_scenario *s, size_t ns, const metrics *m, buf *out)
{
	jw w = { .out = out, .depth = 0, .first = { 1 } };
	buf tmp;

	buf_init(&tmp);
	jw_open(&w, NULL, '{');
	jw_open(&w, "scenarios", '{');
	for (size_t i = 0; i < ns; i++)
		ex_scenario(&w, &s[i]);
	jw_close(&w, '}');
	ex_expected(&w, m, &tmp);
	ex_facts(&w, m);
	ex_sensitivity(&w, m, &tmp);
	ex_monte_carlo(&w, m, &tmp);
	jw_close(&w, '}');
	buf_putc(out, '\n');
	buf_free(&tmp);
}

/* Appends n bytes of s as one CSV field, quoted (RFC 4180) if it holds , " CR or LF. */
static void
csv_field(buf *out, const char *s, size_t n)
{
	int quote = 0;

	for (size_t i = 0; i < n; i++)
		quote |= s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
	if (!quote) {
		buf_append(out, s, n);
		return;
	}
	buf_putc(out, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			buf_putc(out, '"');
		buf_putc(out, s[i]);
	}
	buf_putc(out, '"');
}

/* Appends one row: metric,scenario,year,value,unit (year 0 = scalar: empty). */
static void
csv_row(buf *out, const char *name, size_t nlen, const char *scen, const int *year,
    double v, metric_unit unit)
{
	csv_field(out, name, nlen);
	buf_putc(out, ',');
	csv_field(out, scen, strlen(scen));
	buf_putc(out, ',');
	if (year)
		buf_printf(out, "%d", *year);
	buf_putc(out, ',');
	if (isfinite(v))
		buf_printf(out, "%.17g", v);
	buf_printf(out, ",%s\n", metric_unit_name(unit));
}

void
export_csv(const metrics *m, const char *scenario, buf *out)
{
	buf_puts(out, "metric,scenario,year,value,unit\n");
	for (size_t i = 0; i < metrics_count(m); i++) {
		const metric *x = metrics_at(m, i);
		const char *at = strrchr(x->name, '@');
		const char *scen = at ? at + 1 : "";
		size_t nlen = at ? (size_t)(at - x->name) : strlen(x->name);
		if (scenario && (at == NULL || strcmp(scen, scenario) != 0))
			continue;
		if (x->years == NULL) {
			csv_row(out, x->name, nlen, scen, NULL, x->vals[0], x->unit);
			continue;
		}
		for (size_t k = 0; k < x->n; k++)
			csv_row(out, x->name, nlen, scen, &x->years[k], x->vals[k], x->unit);
	}
}
