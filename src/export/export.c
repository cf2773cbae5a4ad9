/* export: scenarios' inputs and outputs and the metrics table as JSON and CSV text. */
#include "export/export.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "export/csv.h"
#include "export/fin_json.h"
#include "export/json.h"
#include "model/fin_metrics.h"
#include "model/montecarlo.h"
#include "model/unc_metrics.h"

/* Writes member key: {name: unit name, ...} for the n pairs of names and units. */
static void
ex_unit_map(json_writer *w, const char *key, const char *const *names, const metric_unit *units,
    size_t n)
{
	json_open(w, key, '{');
	for (size_t k = 0; k < n; k++)
		json_str(w, names[k], metric_unit_name(units[k]));
	json_close(w, '}');
}

/* Writes the indices of p (with their factors) and r's values. */
static void
ex_dep_indices(json_writer *w, const dep_params *p, const dep_result *r)
{
	json_open(w, "indices", '{');
	for (int k = 0; k < DEP_NINDICES; k++) {
		const dep_index *x = &p->index[k];
		json_open(w, dep_index_names[k], '{');
		json_str(w, "label", x->label);
		json_num(w, "value", r->index[k]);
		json_open(w, "factors", '{');
		for (size_t i = 0; i < x->nfactors; i++) {
			json_open(w, x->factor[i].id, '{');
			json_str(w, "label", x->factor[i].label);
			json_str(w, "source", x->factor[i].source);
			json_num(w, "value", x->factor[i].value);
			json_num(w, "weight", x->factor[i].weight);
			json_num(w, "contribution", x->factor[i].value * x->factor[i].weight);
			json_close(w, '}');
		}
		json_close(w, '}');
		json_close(w, '}');
	}
	json_close(w, '}');
}

/* Writes a scenario's "dependency": indices, asymmetry, switching, units. */
static void
ex_dependency(json_writer *w, const dep_params *p, const dep_result *r)
{
	static const char *const names[] = { "value", "weight", "contribution", "asymmetry",
		"engineering_cost", "overlap_months", "transition_months", "efficiency_drop",
		"fraction", "years", "engineering", "duplicate", "performance", "total",
		"share_of_revenue" };
	static const metric_unit units[] = { UNIT_FRACTION, UNIT_FRACTION, UNIT_FRACTION,
		UNIT_FRACTION, UNIT_USD_BN, UNIT_NUMBER, UNIT_NUMBER, UNIT_FRACTION,
		UNIT_FRACTION, UNIT_YEAR, UNIT_USD_BN, UNIT_USD_BN, UNIT_USD_BN, UNIT_USD_BN,
		UNIT_FRACTION };
	int years[FIN_MAX_YEARS];
	size_t n = (size_t)r->n;

	for (size_t i = 0; i < n; i++)
		years[i] = r->t0 + (int)i;
	json_open(w, "dependency", '{');
	ex_dep_indices(w, p, r);
	json_num(w, "asymmetry", r->asymmetry);
	json_open(w, "switching", '{');
	json_num(w, "engineering_cost", p->sw.engineering);
	json_num(w, "overlap_months", p->sw.overlap_months);
	json_num(w, "transition_months", p->sw.transition_months);
	json_num(w, "efficiency_drop", p->sw.efficiency_drop);
	json_num(w, "fraction", p->sw.fraction);
	json_ints(w, "years", years, n);
	json_nums(w, "engineering", r->engineering, n);
	json_nums(w, "duplicate", r->duplicate, n);
	json_nums(w, "performance", r->performance, n);
	json_nums(w, "total", r->total, n);
	json_nums(w, "share_of_revenue", r->share_of_revenue, n);
	json_close(w, '}');
	ex_unit_map(w, "units", names, units, sizeof names / sizeof names[0]);
	json_close(w, '}');
}

/* Writes member key: {firm id: values[f]} over market k's firms (nv values each). */
static void
ex_per_firm(json_writer *w, const char *key, const comp_market *k, double *const *values, size_t nv)
{
	json_open(w, key, '{');
	for (size_t f = 0; f < k->nfirms; f++)
		json_nums(w, k->firm[f].id, values[f], nv);
	json_close(w, '}');
}

/* Writes member key: {bloc id: values[b]} over market k's blocs (nv values each). */
static void
ex_per_bloc(json_writer *w, const char *key, const comp_market *k, double *const *values, size_t nv)
{
	json_open(w, key, '{');
	for (size_t b = 0; b < k->nblocs; b++)
		json_nums(w, k->bloc[b].id, values[b], nv);
	json_close(w, '}');
}

/* Writes the thresholds of p as {name: {value, source}}. */
static void
ex_thresholds(json_writer *w, const comp_params *p)
{
	json_open(w, "thresholds", '{');
	json_open(w, "hhi_highly_concentrated", '{');
	json_num(w, "value", p->hhi_high);
	json_str(w, "source", p->hhi_high_source);
	json_close(w, '}');
	json_open(w, "hhi_significant_change", '{');
	json_num(w, "value", p->hhi_change);
	json_str(w, "source", p->hhi_change_source);
	json_close(w, '}');
	json_close(w, '}');
}

/* Writes one market's projection (x) for a scenario. */
static void
ex_projection(json_writer *w, const comp_market *k, const comp_market_result *x)
{
	int years[COMP_MAX_PROJ];
	double boost[COMP_MAX_FIRMS];

	for (size_t t = 0; t < x->nproj; t++)
		years[t] = x->p0 + (int)t;
	for (size_t f = 0; f < k->nfirms; f++)
		boost[f] = k->firm[f].boost;
	json_open(w, k->id, '{');
	json_str(w, "label", k->label);
	json_open(w, "boost", '{');
	for (size_t f = 0; f < k->nfirms; f++)
		json_num(w, k->firm[f].id, boost[f]);
	json_close(w, '}');
	json_ints(w, "years", years, x->nproj);
	ex_per_firm(w, "projected_share", k, x->proj_share, x->nproj);
	ex_per_bloc(w, "projected_bloc", k, x->proj_bloc, x->nproj);
	json_nums(w, "projected_hhi", x->proj_hhi, x->nproj);
	json_nums(w, "projected_cr3", x->proj_cr3, x->nproj);
	json_num(w, "hhi_change", x->hhi_change);
	json_bool(w, "highly_concentrated", x->highly_concentrated);
	json_bool(w, "significant_change", x->significant_change);
	json_close(w, '}');
}

/* Writes a scenario's "competition": horizon, thresholds, per-market projection. */
static void
ex_competition(json_writer *w, const comp_params *p, const comp_result *r)
{
	static const char *const names[] = { "horizon", "thresholds", "boost", "years",
		"projected_share", "projected_bloc", "projected_hhi", "projected_cr3",
		"hhi_change" };
	static const metric_unit units[] = { UNIT_YEAR, UNIT_NUMBER, UNIT_FRACTION, UNIT_YEAR,
		UNIT_FRACTION, UNIT_FRACTION, UNIT_NUMBER, UNIT_FRACTION, UNIT_NUMBER };

	json_open(w, "competition", '{');
	json_num(w, "horizon", p->horizon);
	ex_thresholds(w, p);
	json_open(w, "markets", '{');
	for (size_t i = 0; i < p->nmarkets; i++)
		ex_projection(w, &p->market[i], &r->market[i]);
	json_close(w, '}');
	ex_unit_map(w, "units", names, units, sizeof names / sizeof names[0]);
	json_close(w, '}');
}

/* Writes the scenario's dependency and competition objects, if it has them. */
static void
ex_parts(json_writer *w, const export_scenario *s)
{
	if (s->dep != NULL && s->dep_result != NULL)
		ex_dependency(w, s->dep, s->dep_result);
	if (s->comp != NULL && s->comp_result != NULL)
		ex_competition(w, s->comp, s->comp_result);
}

/* Writes one observed market: years, firms, blocs, HHI and CR3. */
static void
ex_market_observed(json_writer *w, const comp_market *k, const comp_market_result *x)
{
	json_open(w, k->id, '{');
	json_str(w, "label", k->label);
	json_ints(w, "years", k->years, k->nyears);
	json_open(w, "firms", '{');
	for (size_t f = 0; f < k->nfirms; f++) {
		json_open(w, k->firm[f].id, '{');
		json_str(w, "label", k->firm[f].label);
		json_str(w, "source", k->firm[f].source);
		json_nums(w, "shares", k->firm[f].shares, k->nyears);
		json_close(w, '}');
	}
	json_close(w, '}');
	json_open(w, "blocs", '{');
	for (size_t b = 0; b < k->nblocs; b++) {
		json_open(w, k->bloc[b].id, '{');
		json_str(w, "label", k->bloc[b].label);
		json_open(w, "members", '[');
		for (size_t i = 0; i < k->bloc[b].nmembers; i++)
			json_str(w, NULL, k->firm[k->bloc[b].member[i]].id);
		json_close(w, ']');
		json_nums(w, "shares", x->bloc[b], k->nyears);
		json_close(w, '}');
	}
	json_close(w, '}');
	json_nums(w, "hhi", x->hhi, x->nyears);
	json_nums(w, "cr3", x->cr3, x->nyears);
	json_close(w, '}');
}

/* Writes the top-level observed "competition". */
static void
ex_competition_observed(json_writer *w, const comp_params *p, const comp_result *r)
{
	static const char *const names[] = { "thresholds", "years", "shares", "hhi", "cr3" };
	static const metric_unit units[] = { UNIT_NUMBER, UNIT_YEAR, UNIT_FRACTION,
		UNIT_NUMBER, UNIT_FRACTION };

	json_open(w, "competition", '{');
	ex_thresholds(w, p);
	json_open(w, "markets", '{');
	for (size_t i = 0; i < p->nmarkets; i++)
		ex_market_observed(w, &p->market[i], &r->market[i]);
	json_close(w, '}');
	ex_unit_map(w, "units", names, units, sizeof names / sizeof names[0]);
	json_close(w, '}');
}

/* Writes the top-level "risks": total, units and the register in data order. */
static void
ex_risks(json_writer *w, const risk_register *g, const risk_result *r)
{
	static const char *const names[] = { "likelihood", "impact", "expected", "rank",
		"likelihood_band", "impact_band", "total_expected" };
	static const metric_unit units[] = { UNIT_FRACTION, UNIT_USD_BN, UNIT_USD_BN,
		UNIT_NUMBER, UNIT_NUMBER, UNIT_NUMBER, UNIT_USD_BN };

	json_open(w, "risks", '{');
	json_num(w, "total_expected", r->total_expected);
	ex_unit_map(w, "units", names, units, sizeof names / sizeof names[0]);
	json_open(w, "register", '{');
	for (size_t i = 0; i < r->n; i++) {
		const risk_entry *e = &g->entry[i];
		json_open(w, e->id, '{');
		json_str(w, "title", e->title);
		json_str(w, "category", e->category);
		json_str(w, "description", e->description);
		json_str(w, "source", e->source);
		json_num(w, "likelihood", e->likelihood);
		json_num(w, "impact", e->impact);
		json_num(w, "expected", r->expected[i]);
		json_num(w, "rank", r->rank[i]);
		json_num(w, "likelihood_band", r->likelihood_band[i]);
		json_num(w, "impact_band", r->impact_band[i]);
		json_close(w, '}');
	}
	json_close(w, '}');
	json_close(w, '}');
}

/* Writes the report-wide parts of x that are present. */
static void
ex_top_parts(json_writer *w, const export_extra *x)
{
	if (x->risks != NULL && x->risk_result != NULL)
		ex_risks(w, x->risks, x->risk_result);
	if (x->comp != NULL && x->comp_result != NULL)
		ex_competition_observed(w, x->comp, x->comp_result);
}

/* Writes member key: the scalar metric named stem@scen of m, null if absent. */
static void
ex_scalar_at(json_writer *w, const char *key, const metrics *m, const char *stem,
    const char *scen, buf *tmp)
{
	buf_reset(tmp);
	buf_printf(tmp, "%s@%s", stem, scen);
	const metric *x = metrics_find(m, buf_str(tmp));
	json_num(w, key, x && x->years == NULL ? x->vals[0] : NAN);
}

/* Writes one scenario's object: title, probabilities, finance, inputs, units. */
static void
ex_scenario(json_writer *w, const export_scenario *s, const metrics *m, buf *tmp)
{
	json_open(w, s->name, '{');
	json_str(w, "title", s->title);
	json_num(w, "probability", s->probability);
	ex_scalar_at(w, "prior_probability", m, "scenario.prior_probability", s->name, tmp);
	ex_scalar_at(w, "posterior_probability", m, "scenario.posterior_probability", s->name,
	    tmp);
	fin_json_finance(w, "finance", s->params, s->result);
	fin_json_inputs(w, "inputs", s->params, s->result);
	fin_json_units(w, "units", s->params, s->result);
	ex_parts(w, s);
	json_close(w, '}');
}

/* Writes a metric's value(s) as member key: a number, or {years, values}. */
static void
ex_metric_value(json_writer *w, const char *key, const metric *x)
{
	if (x->years == NULL) {
		json_num(w, key, x->vals[0]);
		return;
	}
	json_open(w, key, '{');
	json_ints(w, "years", x->years, x->n);
	json_nums(w, "values", x->vals, x->n);
	json_close(w, '}');
}

/* Writes member key: every *@<suffix> metric, keyed without "@<suffix>". */
static void
ex_expected(json_writer *w, const char *key, const char *suffix, const metrics *m,
    buf *tmp)
{
	size_t ls = strlen(suffix) + 1;

	json_open(w, key, '{');
	for (size_t i = 0; i < metrics_count(m); i++) {
		const metric *x = metrics_at(m, i);
		size_t len = strlen(x->name);
		if (len <= ls || x->name[len - ls] != '@' ||
		    strcmp(x->name + len - ls + 1, suffix) != 0)
			continue;
		buf_reset(tmp);
		buf_append(tmp, x->name, len - ls);
		ex_metric_value(w, buf_str(tmp), x);
	}
	json_close(w, '}');
}

/* Writes member key: {S: value} for every scalar metric named <stem>@S in m. */
static void
ex_by_scenario(json_writer *w, const char *key, const metrics *m, const char *stem,
    buf *tmp)
{
	buf_reset(tmp);
	buf_printf(tmp, "%s@", stem);
	size_t lp = tmp->len;
	json_open(w, key, '{');
	for (size_t i = 0; i < metrics_count(m); i++) {
		const metric *x = metrics_at(m, i);
		if (x->years == NULL && strncmp(x->name, buf_str(tmp), lp) == 0)
			json_num(w, x->name + lp, x->vals[0]);
	}
	json_close(w, '}');
}

/* Writes "evidence": the events of x in order with their likelihoods and the weights
 * after each (an empty array without x or events). */
static void
ex_evidence(json_writer *w, const export_extra *x, const metrics *m, buf *tmp)
{
	buf stem;
	buf_init(&stem);
	json_open(w, "evidence", '[');
	for (size_t k = 0; x != NULL && k < x->nevidence; k++) {
		const export_evidence *e = &x->evidence[k];
		json_open(w, NULL, '{');
		json_str(w, "id", e->id);
		json_str(w, "date", e->date);
		json_str(w, "event", e->event);
		json_str(w, "source", e->source);
		buf_reset(&stem);
		buf_printf(&stem, "evidence.%s.likelihood", e->id);
		ex_by_scenario(w, "likelihood", m, buf_str(&stem), tmp);
		buf_reset(&stem);
		buf_printf(&stem, "evidence.%s.weight", e->id);
		ex_by_scenario(w, "weight_after", m, buf_str(&stem), tmp);
		json_close(w, '}');
	}
	json_close(w, ']');
	buf_free(&stem);
}

/* Writes "facts": every fact.* metric keyed by its id, with unit, label, source and
 * status. */
static void
ex_facts(json_writer *w, const metrics *m)
{
	json_open(w, "facts", '{');
	for (size_t i = 0; i < metrics_count(m); i++) {
		const metric *x = metrics_at(m, i);
		if (strncmp(x->name, "fact.", 5) != 0)
			continue;
		json_open(w, x->name + 5, '{');
		json_str(w, "unit", metric_unit_name(x->unit));
		json_str(w, "label", x->label);
		json_str(w, "source", x->source);
		json_str(w, "status", x->status);
		if (x->years == NULL) {
			json_num(w, "value", x->vals[0]);
		} else {
			json_ints(w, "years", x->years, x->n);
			json_nums(w, "values", x->vals, x->n);
		}
		json_close(w, '}');
	}
	json_close(w, '}');
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
ex_sensitivity(json_writer *w, const metrics *m, buf *tmp)
{
	const metric *count = ex_prefixed(m, "sensitivity.count@");
	json_open(w, "sensitivity", '[');
	for (size_t k = 1; count && k <= (size_t)count->vals[0]; k++) {
		const char *scen = strchr(count->name, '@') + 1;
		json_open(w, NULL, '{');
		for (size_t f = 0; f < nunc_sens_fields; f++) {
			const metric *x = ex_find(m, tmp, "sensitivity.rank.%zu.%s@%s", k,
			    unc_sens_fields[f], scen);
			if (f == 0)
				json_str(w, "path", x ? x->label : NULL);
			json_num(w, unc_sens_fields[f], x ? x->vals[0] : NAN);
		}
		json_close(w, '}');
	}
	json_close(w, ']');
}

/* Writes member key: {p5: .., ..., p95: ..} from mc.<what>.p<P>@scen (series: arrays). */
static void
ex_mc_pcts(json_writer *w, const metrics *m, const char *what, const char *scen, buf *tmp)
{
	char key[8];
	json_open(w, what, '{');
	for (int k = 0; k < MC_NPCT; k++) {
		snprintf(key, sizeof key, "p%.0f", mc_percentiles[k] * 100);
		const metric *x = ex_find(m, tmp, "mc.%s.%s@%s", what, key, scen);
		if (x && x->years && k == 0)
			json_ints(w, "years", x->years, x->n);
		if (x && x->years)
			json_nums(w, key, x->vals, x->n);
		else
			json_num(w, key, x ? x->vals[0] : NAN);
	}
	json_close(w, '}');
}

/* Writes "monte_carlo": draws, seed and the percentiles of the mc.* metrics; null
 * when the run had none. */
static void
ex_monte_carlo(json_writer *w, const metrics *m, buf *tmp)
{
	const metric *draws = metrics_find(m, "mc.draws"), *seed = metrics_find(m, "mc.seed");
	const metric *prob = ex_prefixed(m, "mc.payback_probability@");
	if (draws == NULL || seed == NULL || prob == NULL) {
		json_num(w, "monte_carlo", NAN);
		return;
	}
	const char *scen = strchr(prob->name, '@') + 1;
	json_open(w, "monte_carlo", '{');
	json_str(w, "scenario", scen);
	json_num(w, "draws", draws->vals[0]);
	json_num(w, "seed", seed->vals[0]);
	ex_mc_pcts(w, m, "npv", scen, tmp);
	ex_mc_pcts(w, m, "payback_year", scen, tmp);
	ex_mc_pcts(w, m, "cumulative", scen, tmp);
	ex_metric_value(w, "payback_probability", prob);
	json_close(w, '}');
}

void
export_json(const export_scenario *s, size_t ns, const metrics *m, buf *out)
{
	export_json_extra(s, ns, NULL, m, out);
}

void
export_json_extra(const export_scenario *s, size_t ns, const export_extra *x,
    const metrics *m, buf *out)
{
	json_writer w;

	json_writer_init(&w, out);
	buf tmp;

	buf_init(&tmp);
	json_open(&w, NULL, '{');
	json_open(&w, "scenarios", '{');
	for (size_t i = 0; i < ns; i++)
		ex_scenario(&w, &s[i], m, &tmp);
	json_close(&w, '}');
	ex_expected(&w, "expected", "expected", m, &tmp);
	ex_expected(&w, "expected_posterior", "expected_posterior", m, &tmp);
	ex_evidence(&w, x, m, &tmp);
	ex_facts(&w, m);
	if (x != NULL)
		ex_top_parts(&w, x);
	ex_sensitivity(&w, m, &tmp);
	ex_monte_carlo(&w, m, &tmp);
	json_close(&w, '}');
	buf_putc(out, '\n');
	buf_free(&tmp);
}

/* Appends one row: metric,scenario,year,value,unit (year 0 = scalar: empty). */
static void
csv_row(buf *out, const char *name, size_t nlen, const char *scen, const int *year,
    double v, metric_unit unit)
{
	csv_text(out, name, nlen);
	buf_putc(out, ',');
	csv_text(out, scen, strlen(scen));
	buf_putc(out, ',');
	if (year)
		buf_printf(out, "%d", *year);
	buf_putc(out, ',');
	csv_num(out, v);
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
