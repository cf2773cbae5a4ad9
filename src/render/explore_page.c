/* explore_page: the explorer's controls, summary tables and data block. */
#include "render/explore_page.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "explore/model_wasm.h"
#include "export/fin_json.h"
#include "export/json.h"
#include "export/num.h"
#include "model/fin_metrics.h"
#include "model/format.h"
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

/* Appends <input type="number"> named name (id id) with its range, step and value
 * (none if NaN) to row and returns it. */
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
	}
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
	for (size_t i = 0; i <= r->nscenarios; i++) {
		const char *sn = i < r->nscenarios ? r->scenarios[i].name : "expected";
		tr = ep_el(tbody, "tr", NULL);
		xmlSetProp(ep_text(tr, "th", NULL, i < r->nscenarios ? r->scenarios[i].title :
		    "Expected, by the weights above"), BAD_CAST "scope", BAD_CAST "row");
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
	ep_data(div, c->rep);
	explore_charts_data(div, c); /* an error is recorded in c->d */
	xmlNodePtr s = ep_el(div, "script", NULL);
	xmlSetProp(s, BAD_CAST "src", BAD_CAST "model.js");
	s = ep_el(div, "script", NULL);
	xmlSetProp(s, BAD_CAST "src", BAD_CAST "explore.js");
	return div;
}
