/* explore_page: the explorer's controls, summary tables and data block. */
#include "render/explore_page.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explore/explore.h"
#include "explore/model_wasm.h"
#include "export/fin_json.h"
#include "export/json.h"
#include "export/num.h"
#include "model/fin_metrics.h"
#include "model/format.h"
#include "model/montecarlo.h"
#include "render/explore_charts.h"
#include "util/base64.h"
#include "util/buf.h"

/* One control: an input of every scenario the reader may move. */
typedef struct ep_control {
	const char *input; /* key in the inputs object (metrics --json) */
	const char *label; /* what the reader sees */
	const char *hint;  /* the unit, as a reader types it */
	double min, max, step;
	metric_unit unit;  /* how its echo is formatted */
} ep_control;

/* The assumptions that move the answer, in the order the page shows them. */
static const ep_control ep_controls[] = {
	{ "discount_rate", "Discount rate", "0.08 is 8%", 0, 0.3, 0.005, UNIT_FRACTION },
	{ "growth_initial", "OpenAI's revenue growth in the first year", "4 is 400%", 0, 10, 0.1,
	    UNIT_FRACTION },
	{ "growth_decay", "How fast growth slows, each year", "0.78 keeps 78% of the gap", 0.05,
	    1, 0.01, UNIT_NUMBER },
	{ "growth_terminal", "OpenAI's long-run growth", "0.04 is 4%", -0.05, 0.2, 0.005,
	    UNIT_FRACTION },
	{ "margin_initial", "OpenAI's profit margin at the start (the line's first point)",
	    "-2 is a loss of 200%", -5, 0.6, 0.05, UNIT_FRACTION },
	{ "margin_terminal", "OpenAI's long-run profit margin", "0.2 is 20%", -1, 0.6, 0.01,
	    UNIT_FRACTION },
	{ "margin_terminal_year", "Year that margin is reached", "a year", 2026, 2040, 1,
	    UNIT_YEAR },
	{ "azure_gross_margin", "Azure's hosting margin before depreciation", "0.55 is 55%", 0,
	    1, 0.01, UNIT_FRACTION },
	{ "capex_per_revenue", "Capital cost per dollar of hosting revenue", "dollars", 0, 5,
	    0.1, UNIT_MULTIPLE },
	{ "useful_life", "Servers' useful life", "years", 1, 12, 1, UNIT_NUMBER },
	{ "funded_cash_share", "Share of Microsoft's cash spent back on Azure", "0 to 1", 0, 1,
	    0.05, UNIT_FRACTION },
	{ "a1", "Microsoft's share of OpenAI's profit until it is repaid", "0 to 1", 0, 1, 0.01,
	    UNIT_FRACTION },
	{ "a2", "Microsoft's share after that, up to the cap", "0 to 1", 0, 1, 0.01,
	    UNIT_FRACTION },
};

/* A per-year input with a control per year, named <scenario>.<input>.<year>. */
typedef struct ep_path {
	const char *input;  /* key in the inputs object (metrics --json) */
	size_t offset;      /* its array in fin_params */
	const char *label;  /* what the reader sees */
	const char *hint;   /* the unit, as a reader types it */
} ep_path;

/* The per-year paths the reader may move, year by year. */
static const ep_path ep_paths[] = {
	{ "azure_share", offsetof(fin_params, azure_share),
	    "Azure's share of OpenAI's compute, year by year", "0.3 is 30%" },
	{ "revenue_share_rate", offsetof(fin_params, rev_share),
	    "The revenue-share rate OpenAI pays Microsoft, year by year", "0.2 is 20%" },
};

/* The lenses' headings, in fin_lens_kind order. */
static const char *const ep_lens_titles[FIN_NLENSES] = {
	"Cash: what the contracts pay",
	"Cash with hosting profit (the headline)",
	"Marked: cash with hosting plus the stake at its mark",
};

/* The lenses in the order the page shows them: the headline first. */
static const fin_lens_kind ep_lens_order[FIN_NLENSES] = {
	FIN_LENS_CASH_HOSTING, FIN_LENS_CASH, FIN_LENS_MARKED,
};

/* The summary's columns: a lens field and its heading. */
static const struct {
	const char *field;
	const char *title;
} ep_columns[] = {
	{ "payback_year", "Payback" },
	{ "npv", "NPV" },
	{ "irr", "IRR" },
	{ "moic", "Multiple" },
};

/* Appends a new element name to parent (class cls unless NULL) and returns it. */
static xmlNodePtr
ep_el(xmlNodePtr parent, const char *name, const char *cls)
{
	xmlNodePtr n = xmlNewChild(parent, NULL, BAD_CAST name, NULL);
	if (cls != NULL)
		xmlSetProp(n, BAD_CAST "class", BAD_CAST cls);
	return n;
}

/* Appends a new element holding the text s (as text) and returns it. */
static xmlNodePtr
ep_text(xmlNodePtr parent, const char *name, const char *cls, const char *s)
{
	xmlNodePtr n = ep_el(parent, name, cls);
	xmlAddChild(n, xmlNewText(BAD_CAST s));
	return n;
}

/* Sets attribute name of n to the number v in the exports' form (export/num.h). */
static void
ep_num_attr(xmlNodePtr n, const char *name, double v)
{
	buf b;
	buf_init(&b);
	num_put(&b, v);
	xmlSetProp(n, BAD_CAST name, BAD_CAST buf_str(&b));
	buf_free(&b);
}

/* Appends to out the text of metric name in its unit's default format ("n/a" if the
 * report has no such metric). */
static void
ep_metric_text(const metrics *m, const char *name, buf *out)
{
	const metric *x = metrics_find(m, name);
	if (x == NULL || x->years != NULL) {
		buf_puts(out, "n/a");
		return;
	}
	format_value(x->vals[0], x->unit, NULL, out);
}

/* Appends to out the text of year of series metric name in its unit's default format
 * ("n/a" if there is no such value) and returns its unit. */
static metric_unit
ep_series_text(const metrics *m, const char *name, int year, buf *out)
{
	const metric *x = metrics_find(m, name);
	for (size_t i = 0; x != NULL && x->years != NULL && i < x->n; i++)
		if (x->years[i] == year) {
			format_value(x->vals[i], x->unit, NULL, out);
			return x->unit;
		}
	buf_puts(out, "n/a");
	return x != NULL ? x->unit : UNIT_NUMBER;
}

/* Appends <td data-metric="name">text</td> to tr and returns it. */
static xmlNodePtr
ep_metric_cell(xmlNodePtr tr, const metrics *m, const char *name)
{
	buf t;
	buf_init(&t);
	ep_metric_text(m, name, &t);
	xmlNodePtr td = ep_text(tr, "td", "num", buf_str(&t));
	xmlSetProp(td, BAD_CAST "data-metric", BAD_CAST name);
	buf_free(&t);
	return td;
}

/* Appends <input type="number"> named name (id id) with its range, step ("any" if
 * NaN) and value (none if NaN) to row and returns it. */
static xmlNodePtr
ep_number_input(xmlNodePtr row, const char *id, const char *name, double min, double max,
    double step, double value)
{
	xmlNodePtr in = ep_el(row, "input", NULL);
	xmlSetProp(in, BAD_CAST "type", BAD_CAST "number");
	xmlSetProp(in, BAD_CAST "id", BAD_CAST id);
	xmlSetProp(in, BAD_CAST "name", BAD_CAST name);
	ep_num_attr(in, "min", min);
	ep_num_attr(in, "max", max);
	if (isnan(step))
		xmlSetProp(in, BAD_CAST "step", BAD_CAST "any");
	else
		ep_num_attr(in, "step", step);
	if (!isnan(value))
		ep_num_attr(in, "value", value);
	xmlSetProp(in, BAD_CAST "inputmode", BAD_CAST "decimal");
	return in;
}

/* Appends one control for input ctl of scenario s, with the report's value. */
static void
ep_control_add(xmlNodePtr parent, const rep_scenario *s, const ep_control *ctl,
    const metrics *m)
{
	buf name, id, mname;
	buf_init(&name);
	buf_init(&id);
	buf_init(&mname);
	buf_printf(&name, "%s.%s", s->name, ctl->input);
	buf_printf(&id, "in-%s-%s", s->name, ctl->input);
	buf_printf(&mname, "finance.%s@%s", ctl->input, s->name);
	const metric *x = metrics_find(m, buf_str(&mname));
	xmlNodePtr row = ep_el(parent, "div", "explore-control");
	xmlNodePtr label = ep_text(row, "label", NULL, ctl->label);
	xmlSetProp(label, BAD_CAST "for", BAD_CAST buf_str(&id));
	ep_number_input(row, buf_str(&id), buf_str(&name), ctl->min, ctl->max, ctl->step,
	    x != NULL ? x->vals[0] : NAN);
	xmlNodePtr out = ep_el(row, "output", "explore-echo");
	xmlSetProp(out, BAD_CAST "for", BAD_CAST buf_str(&id));
	xmlSetProp(out, BAD_CAST "data-unit", BAD_CAST metric_unit_name(ctl->unit));
	buf_reset(&mname);
	if (x != NULL)
		format_value(x->vals[0], ctl->unit, NULL, &mname);
	xmlAddChild(out, xmlNewText(BAD_CAST buf_str(&mname)));
	ep_text(row, "span", "explore-hint", ctl->hint);
	buf_free(&name);
	buf_free(&id);
	buf_free(&mname);
}

/* Appends a closed <details> for path of scenario s: a control per year, named
 * <scenario>.<input>.<year>, with the report's value. */
static void
ep_path_add(xmlNodePtr parent, const rep_scenario *s, const ep_path *path)
{
	const double *v = (const double *)((const char *)&s->fin + path->offset);
	xmlNodePtr det = ep_el(parent, "details", "explore-path");
	ep_text(det, "summary", NULL, path->label);
	ep_text(det, "p", "explore-hint", path->hint);
	xmlNodePtr grid = ep_el(det, "div", "explore-years");
	xmlSetProp(grid, BAD_CAST "role", BAD_CAST "group");
	xmlSetProp(grid, BAD_CAST "aria-label", BAD_CAST path->label);
	buf name, id, year;
	buf_init(&name);
	buf_init(&id);
	buf_init(&year);
	for (int t = s->fin.t0; t <= s->fin.T; t++) {
		buf_reset(&name);
		buf_reset(&id);
		buf_reset(&year);
		buf_printf(&name, "%s.%s.%d", s->name, path->input, t);
		buf_printf(&id, "in-%s-%s-%d", s->name, path->input, t);
		buf_printf(&year, "%d", t);
		xmlNodePtr cell = ep_el(grid, "div", "explore-year");
		xmlSetProp(ep_text(cell, "label", NULL, buf_str(&year)), BAD_CAST "for",
		    BAD_CAST buf_str(&id));
		/* shown to four digits: the script sends the exact value of the data block
		 * until the reader changes it */
		char shown[32];
		snprintf(shown, sizeof shown, "%.4g", v[t - s->fin.t0]);
		ep_number_input(cell, buf_str(&id), buf_str(&name), 0, 1, NAN,
		    strtod(shown, NULL));
	}
	buf_free(&name);
	buf_free(&id);
	buf_free(&year);
}

/* Appends the evidence's controls: per event, its likelihood under each weighted
 * scenario, named evidence.<id>.likelihood.<scenario>. */
static void
ep_evidence(xmlNodePtr form, const report *r)
{
	if (r->nevidence == 0)
		return;
	xmlNodePtr det = ep_el(form, "details", "explore-scenario explore-evidence");
	ep_text(det, "summary", NULL, "What the evidence says");
	ep_text(det, "p", "explore-hint", "For each event, how likely it was in a world headed "
	    "for each future (from 0.01 to 1; only the ratios between a row's numbers count). "
	    "They turn the weights above into the weights after the evidence.");
	buf name, id;
	buf_init(&name);
	buf_init(&id);
	for (size_t k = 0; k < r->nevidence; k++) {
		const rep_evidence *e = &r->evidence[k];
		xmlNodePtr fs = ep_el(det, "fieldset", "explore-event");
		buf_reset(&name);
		buf_printf(&name, "%s: %s", e->date, e->event);
		ep_text(fs, "legend", NULL, buf_str(&name));
		for (size_t i = 0; i < r->nscenarios; i++) {
			const rep_scenario *s = &r->scenarios[i];
			if (s->counterfactual || isnan(e->likelihood[i]))
				continue;
			buf_reset(&name);
			buf_reset(&id);
			buf_printf(&name, "evidence.%s.likelihood.%s", e->id, s->name);
			buf_printf(&id, "in-ev-%s-%s", e->id, s->name);
			xmlNodePtr row = ep_el(fs, "div", "explore-control");
			xmlSetProp(ep_text(row, "label", NULL, s->title), BAD_CAST "for",
			    BAD_CAST buf_str(&id));
			ep_number_input(row, buf_str(&id), buf_str(&name), 0.01, 1, 0.01,
			    e->likelihood[i]);
		}
	}
	buf_free(&name);
	buf_free(&id);
}

/* Appends the weights' fieldset: one control per weighted scenario. */
static void
ep_weights(xmlNodePtr form, const report *r)
{
	xmlNodePtr fs = ep_el(form, "fieldset", "explore-weights");
	ep_text(fs, "legend", NULL, "How likely each future is");
	ep_text(fs, "p", "explore-hint", "Weights from 0 to 1, rescaled to add up to 100%; "
	    "they set the expected values (the last row of each table).");
	for (size_t i = 0; i < r->nscenarios; i++) {
		const rep_scenario *s = &r->scenarios[i];
		if (isnan(s->probability))
			continue;
		buf name, id;
		buf_init(&name);
		buf_init(&id);
		buf_printf(&name, "%s.probability", s->name);
		buf_printf(&id, "in-%s-probability", s->name);
		xmlNodePtr row = ep_el(fs, "div", "explore-control");
		xmlSetProp(ep_text(row, "label", NULL, s->title), BAD_CAST "for",
		    BAD_CAST buf_str(&id));
		ep_number_input(row, buf_str(&id), buf_str(&name), 0, 1, 0.01, s->probability);
		buf_free(&name);
		buf_free(&id);
	}
}

/* Appends the controls: weights, then each scenario's, then the actions. */
static void
ep_form(xmlNodePtr content, const render_ctx *c)
{
	const report *r = c->rep;
	xmlNodePtr form = ep_el(content, "div", "explore-form"); /* nothing is submitted */
	xmlSetProp(form, BAD_CAST "id", BAD_CAST "explore-form");
	xmlSetProp(form, BAD_CAST "role", BAD_CAST "group");
	xmlSetProp(form, BAD_CAST "aria-label", BAD_CAST "Assumptions");
	ep_weights(form, r);
	for (size_t i = 0; i < r->nscenarios; i++) {
		const rep_scenario *s = &r->scenarios[i];
		xmlNodePtr det = ep_el(form, "details", "explore-scenario");
		if (i == 0)
			xmlSetProp(det, BAD_CAST "open", BAD_CAST "");
		ep_text(det, "summary", NULL, s->title);
		xmlNodePtr fs = ep_el(det, "div", "explore-inputs");
		xmlSetProp(fs, BAD_CAST "role", BAD_CAST "group");
		xmlSetProp(fs, BAD_CAST "aria-label", BAD_CAST s->title);
		for (size_t k = 0; k < sizeof ep_controls / sizeof ep_controls[0]; k++)
			ep_control_add(fs, s, &ep_controls[k], c->m);
		for (size_t k = 0; k < sizeof ep_paths / sizeof ep_paths[0]; k++)
			ep_path_add(det, s, &ep_paths[k]);
	}
	ep_evidence(form, r);
	xmlNodePtr act = ep_el(form, "p", "explore-actions");
	xmlNodePtr b = ep_text(act, "button", NULL, "Back to the report's numbers");
	xmlSetProp(b, BAD_CAST "type", BAD_CAST "button");
	xmlSetProp(b, BAD_CAST "id", BAD_CAST "explore-reset");
	b = ep_text(act, "button", NULL, "Download these numbers (CSV)");
	xmlSetProp(b, BAD_CAST "type", BAD_CAST "button");
	xmlSetProp(b, BAD_CAST "id", BAD_CAST "explore-csv");
}

/* Appends one lens's table: a row per scenario and the expectation. */
static void
ep_lens_table(xmlNodePtr content, const render_ctx *c, fin_lens_kind lens)
{
	const report *r = c->rep;
	buf name;
	buf_init(&name);
	/* The site's table figure, stacked as cards on a phone (templates/style.css). */
	xmlNodePtr wrap = ep_el(content, "figure", "table stack");
	xmlNodePtr table = ep_el(wrap, "table", "explore-table");
	ep_text(table, "caption", NULL, ep_lens_titles[lens]);
	xmlNodePtr tr = ep_el(ep_el(table, "thead", NULL), "tr", NULL);
	xmlSetProp(ep_text(tr, "th", NULL, "Scenario"), BAD_CAST "scope", BAD_CAST "col");
	for (size_t k = 0; k < sizeof ep_columns / sizeof ep_columns[0]; k++)
		xmlSetProp(ep_text(tr, "th", NULL, ep_columns[k].title), BAD_CAST "scope",
		    BAD_CAST "col");
	xmlNodePtr tbody = ep_el(table, "tbody", NULL);
	size_t rows = r->nscenarios + 1 + (r->nevidence > 0);
	for (size_t i = 0; i < rows; i++) {
		const char *sn = i < r->nscenarios ? r->scenarios[i].name :
		    i == r->nscenarios ? "expected" : "expected_posterior";
		tr = ep_el(tbody, "tr", NULL);
		xmlSetProp(ep_text(tr, "th", NULL, i < r->nscenarios ? r->scenarios[i].title :
		    i == r->nscenarios ? "Expected, by the weights above" :
		    "Expected, by the weights after the evidence"), BAD_CAST "scope",
		    BAD_CAST "row");
		for (size_t k = 0; k < sizeof ep_columns / sizeof ep_columns[0]; k++) {
			buf_reset(&name);
			buf_printf(&name, "finance.lens.%s.%s@%s", model_fin_lens_name(lens),
			    ep_columns[k].field, sn);
			xmlSetProp(ep_metric_cell(tr, c->m, buf_str(&name)), BAD_CAST "data-label",
			    BAD_CAST ep_columns[k].title);
		}
	}
	buf_free(&name);
}

/* Appends a table of the weights before and after the evidence, one row per
 * weighted scenario (nothing without evidence). */
static void
ep_weights_table(xmlNodePtr content, const render_ctx *c)
{
	const report *r = c->rep;
	if (r->nevidence == 0)
		return;
	static const char *const cols[][2] = {
		{ "prior_probability", "Weight" }, { "posterior_probability", "After the evidence" },
	};
	xmlNodePtr table = ep_el(ep_el(content, "figure", "table stack"), "table",
	    "explore-table");
	ep_text(table, "caption", NULL, "How likely each future is, before and after the "
	    "evidence");
	xmlNodePtr tr = ep_el(ep_el(table, "thead", NULL), "tr", NULL);
	xmlSetProp(ep_text(tr, "th", NULL, "Scenario"), BAD_CAST "scope", BAD_CAST "col");
	for (size_t k = 0; k < 2; k++)
		xmlSetProp(ep_text(tr, "th", NULL, cols[k][1]), BAD_CAST "scope", BAD_CAST "col");
	xmlNodePtr tbody = ep_el(table, "tbody", NULL);
	buf name;
	buf_init(&name);
	for (size_t i = 0; i < r->nscenarios; i++) {
		if (r->scenarios[i].counterfactual)
			continue;
		tr = ep_el(tbody, "tr", NULL);
		xmlSetProp(ep_text(tr, "th", NULL, r->scenarios[i].title), BAD_CAST "scope",
		    BAD_CAST "row");
		for (size_t k = 0; k < 2; k++) {
			buf_reset(&name);
			buf_printf(&name, "scenario.%s@%s", cols[k][0], r->scenarios[i].name);
			xmlSetProp(ep_metric_cell(tr, c->m, buf_str(&name)), BAD_CAST "data-label",
			    BAD_CAST cols[k][1]);
		}
	}
	buf_free(&name);
}

/* Appends a header row to table: an empty corner, then the texts cols[0..n-1]. */
static void
ep_head_row(xmlNodePtr table, const char *corner, const char *const *cols, size_t n)
{
	xmlNodePtr tr = ep_el(ep_el(table, "thead", NULL), "tr", NULL);
	xmlSetProp(ep_text(tr, "th", NULL, corner), BAD_CAST "scope", BAD_CAST "col");
	for (size_t k = 0; k < n; k++)
		xmlSetProp(ep_text(tr, "th", NULL, cols[k]), BAD_CAST "scope", BAD_CAST "col");
}

/* Appends the Monte Carlo's percentiles of NPV and payback year for scenario sn. */
static void
ep_mc_percentiles(xmlNodePtr content, const render_ctx *c, const char *sn)
{
	static const char *const cols[MC_NPCT] = { "5th", "25th", "Median", "75th", "95th" };
	static const char *const what[][2] = { { "npv", "NPV" }, { "payback_year", "Payback" } };
	xmlNodePtr table = ep_el(ep_el(content, "figure", "table stack"), "table",
	    "explore-table");
	ep_text(table, "caption", NULL, "NPV and payback year over the draws, by percentile");
	ep_head_row(table, "Percentile", cols, MC_NPCT);
	xmlNodePtr tbody = ep_el(table, "tbody", NULL);
	buf name;
	buf_init(&name);
	for (size_t w = 0; w < 2; w++) {
		xmlNodePtr tr = ep_el(tbody, "tr", NULL);
		xmlSetProp(ep_text(tr, "th", NULL, what[w][1]), BAD_CAST "scope", BAD_CAST "row");
		for (int k = 0; k < MC_NPCT; k++) {
			buf_reset(&name);
			buf_printf(&name, "mc.%s.p%.0f@%s", what[w][0], mc_percentiles[k] * 100, sn);
			xmlSetProp(ep_metric_cell(tr, c->m, buf_str(&name)), BAD_CAST "data-label",
			    BAD_CAST cols[k]);
		}
	}
	buf_free(&name);
}

/* Returns the first of the (at most 6) years whose payback shares the page shows:
 * from the year before the 5th percentile's payback, within t0..T. */
static int
ep_mc_first_year(const render_ctx *c, const rep_scenario *s, int *n)
{
	buf name;
	buf_init(&name);
	buf_printf(&name, "mc.payback_year.p5@%s", s->name);
	const metric *x = metrics_find(c->m, buf_str(&name));
	buf_free(&name);
	int span = s->fin.T - s->fin.t0 + 1;
	*n = span < 6 ? span : 6;
	int first = x != NULL && !isnan(x->vals[0]) ? (int)floor(x->vals[0]) - 1 :
	    s->fin.T - *n + 1;
	if (first > s->fin.T - *n + 1)
		first = s->fin.T - *n + 1;
	return first < s->fin.t0 ? s->fin.t0 : first;
}

/* Appends the share of draws paid back by the end of each of a few years; each cell
 * names its value as pages do (mc.payback_probability@S[year]) and carries its unit. */
static void
ep_mc_payback(xmlNodePtr content, const render_ctx *c, const rep_scenario *s)
{
	int n, first = ep_mc_first_year(c, s, &n);
	char years[6][12];
	const char *cols[6];
	for (int k = 0; k < n; k++) {
		snprintf(years[k], sizeof years[k], "%d", first + k);
		cols[k] = years[k];
	}
	xmlNodePtr table = ep_el(ep_el(content, "figure", "table stack"), "table",
	    "explore-table");
	ep_text(table, "caption", NULL, "Share of the draws paid back by the end of each year");
	ep_head_row(table, "Year", cols, (size_t)n);
	xmlNodePtr tr = ep_el(ep_el(table, "tbody", NULL), "tr", NULL);
	xmlSetProp(ep_text(tr, "th", NULL, "Paid back"), BAD_CAST "scope", BAD_CAST "row");
	buf series, name, t;
	buf_init(&series);
	buf_init(&name);
	buf_init(&t);
	buf_printf(&series, "mc.payback_probability@%s", s->name);
	for (int k = 0; k < n; k++) {
		buf_reset(&name);
		buf_reset(&t);
		buf_printf(&name, "%s[%d]", buf_str(&series), first + k);
		metric_unit u = ep_series_text(c->m, buf_str(&series), first + k, &t);
		xmlNodePtr td = ep_text(tr, "td", "num", buf_str(&t));
		xmlSetProp(td, BAD_CAST "data-metric", BAD_CAST buf_str(&name));
		xmlSetProp(td, BAD_CAST "data-unit", BAD_CAST metric_unit_name(u));
		xmlSetProp(td, BAD_CAST "data-label", BAD_CAST cols[k]);
	}
	buf_free(&series);
	buf_free(&name);
	buf_free(&t);
}

/* Appends the Monte Carlo's section: what it samples, its status, its tables and the
 * fan chart's figure (nothing if the report has no input with a dist). */
static void
ep_mc_section(xmlNodePtr div, const render_ctx *c)
{
	const report *r = c->rep;
	const rep_scenario *s = &r->scenarios[0];
	if (model_mc_count(r->uncertain, r->nuncertain) == 0)
		return;
	xmlSetProp(ep_text(div, "h2", NULL, "The Monte Carlo, recomputed"), BAD_CAST "id",
	    BAD_CAST "explore-mc");
	buf t, n;
	buf_init(&t);
	buf_init(&n);
	format_value((double)r->mc_draws, UNIT_COUNT, NULL, &n);
	buf_printf(&t, "The report's Monte Carlo: %s draws of the %s scenario from the seed "
	    "%llu, each contested input drawn from its range. It reruns in the background "
	    "once you stop typing. The draws replace those inputs, so their controls above "
	    "do not move it; every other control of the %s scenario does.", buf_str(&n),
	    s->title, (unsigned long long)r->mc_seed, s->title);
	ep_text(div, "p", NULL, buf_str(&t));
	xmlNodePtr det = ep_el(div, "details", "explore-drawn");
	ep_text(det, "summary", NULL, "The inputs the draws replace");
	xmlNodePtr ul = ep_el(det, "ul", NULL);
	for (size_t i = 0; i < r->nuncertain; i++)
		if (r->uncertain[i].has_dist)
			ep_text(ep_el(ul, "li", NULL), "code", NULL, r->uncertain[i].path);
	buf_free(&t);
	buf_free(&n);
	xmlNodePtr st = ep_text(div, "p", "explore-status", "Without JavaScript these are the "
	    "report's own numbers.");
	xmlSetProp(st, BAD_CAST "id", BAD_CAST "explore-mc-status");
	xmlSetProp(st, BAD_CAST "role", BAD_CAST "status");
	ep_mc_percentiles(div, c, s->name);
	ep_mc_payback(div, c, s);
	ep_text(div, "h3", NULL, "The range of the cumulative cash flow");
	xmlNodePtr fig = ep_el(div, "figure", "explore-chart");
	xmlSetProp(fig, BAD_CAST "id", BAD_CAST "explore-fan");
	ep_text(fig, "figcaption", NULL, "The range of Microsoft's cumulative cash flow over "
	    "the draws, base case, US$ billions: the inner band holds the middle half of the "
	    "draws, the outer band nine in ten, the line is the base case at its central "
	    "inputs. Without JavaScript the money page has the report's own chart.");
}

/* Writes the evidence as `metrics --json` does: [{"id", "likelihood": {scenario: l}}],
 * the weighted scenarios only. */
static void
ep_data_evidence(json_writer *w, const report *r)
{
	json_open(w, "evidence", '[');
	for (size_t k = 0; k < r->nevidence; k++) {
		json_open(w, NULL, '{');
		json_str(w, "id", r->evidence[k].id);
		json_open(w, "likelihood", '{');
		for (size_t i = 0; i < r->nscenarios; i++)
			if (!r->scenarios[i].counterfactual)
				json_num(w, r->scenarios[i].name, r->evidence[k].likelihood[i]);
		json_close(w, '}');
		json_close(w, '}');
	}
	json_close(w, ']');
}

/* Appends the data: every scenario's title, weight and inputs, and the model. */
static void
ep_data(xmlNodePtr content, const report *r)
{
	buf b;
	json_writer w;
	buf_init(&b);
	json_writer_init(&w, &b);
	json_open(&w, NULL, '{');
	json_open(&w, "scenarios", '{');
	for (size_t i = 0; i < r->nscenarios; i++) {
		const rep_scenario *s = &r->scenarios[i];
		fin_result res;
		model_fin_run(&s->fin, &res);
		json_open(&w, s->name, '{');
		json_str(&w, "title", s->title);
		json_num(&w, "probability", s->probability);
		fin_json_inputs(&w, "inputs", &s->fin, &res);
		json_close(&w, '}');
	}
	json_close(&w, '}');
	ep_data_evidence(&w, r);
	if (r->nscenarios > 0 && model_mc_count(r->uncertain, r->nuncertain) > 0)
		explore_mc_settings(&w, "mc", r->scenarios[0].name, &r->scenarios[0].fin,
		    r->uncertain, r->nuncertain, r->mc_draws, r->mc_seed);
	buf model;
	buf_init(&model);
	base64_put(&model, model_wasm, model_wasm_len);
	json_str(&w, "model", buf_str(&model));
	buf_free(&model);
	json_close(&w, '}');
	/* Text in a hidden element rather than a JSON <script>: no inline script for the
	 * Content-Security-Policy to weigh, and the text is escaped like any other. */
	xmlNodePtr sc = ep_el(content, "div", NULL);
	xmlSetProp(sc, BAD_CAST "id", BAD_CAST "explore-data");
	xmlSetProp(sc, BAD_CAST "hidden", BAD_CAST "");
	xmlAddChild(sc, xmlNewText(BAD_CAST buf_str(&b)));
	buf_free(&b);
}

int
explore_page_wanted(const report *r)
{
	return r->nscenarios > 0 && model_wasm_len > 0;
}

xmlNodePtr
explore_page_body(xmlDocPtr doc, const render_ctx *c)
{
	xmlNodePtr div = xmlNewDocNode(doc, NULL, BAD_CAST "div", NULL);
	xmlSetProp(div, BAD_CAST "class", BAD_CAST "content");
	ep_text(div, "p", NULL, "This page runs the report's own model, the same C code that "
	    "computed every number in the report, compiled to WebAssembly. Change an "
	    "assumption below and the summary recomputes in your browser; nothing is sent "
	    "anywhere. The report's other pages keep the analysts' numbers.");
	xmlNodePtr st = ep_text(div, "p", "explore-status", "Without JavaScript this page "
	    "shows the report's own numbers; with it, each control below recomputes them.");
	xmlSetProp(st, BAD_CAST "id", BAD_CAST "explore-status");
	xmlSetProp(st, BAD_CAST "role", BAD_CAST "status");
	ep_form(div, c);
	xmlSetProp(ep_text(div, "h2", NULL, "The summary, recomputed"), BAD_CAST "id",
	    BAD_CAST "explore-summary");
	ep_weights_table(div, c);
	for (size_t k = 0; k < FIN_NLENSES; k++)
		ep_lens_table(div, c, ep_lens_order[k]);
	xmlSetProp(ep_text(div, "h2", NULL, "Cumulative cash flow"), BAD_CAST "id",
	    BAD_CAST "explore-cumulative");
	xmlNodePtr fig = ep_el(div, "figure", "explore-chart");
	xmlSetProp(fig, BAD_CAST "id", BAD_CAST "explore-chart");
	ep_text(fig, "figcaption", NULL, "Microsoft's cumulative cash flow from the "
	    "investment under the headline lens, each scenario, US$ billions, with the "
	    "assumptions above. The page's script draws it; without JavaScript the money "
	    "page has the report's own chart.");
	ep_mc_section(div, c);
	ep_data(div, c->rep);
	explore_charts_data(div, c); /* an error is recorded in c->d */
	xmlNodePtr s = ep_el(div, "script", NULL);
	xmlSetProp(s, BAD_CAST "src", BAD_CAST "model.js");
	s = ep_el(div, "script", NULL);
	xmlSetProp(s, BAD_CAST "src", BAD_CAST "explore.js");
	return div;
}
