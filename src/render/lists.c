/* lists: the sources directive (bibliography) and the scenarios directive. */
#include "render/render_int.h"

#include <math.h>
#include <string.h>

#include "model/format.h"

/* Returns the reader's words for a source's confidence level. */
static const char *
confidence_text(const char *c)
{
	static const char *const map[][2] = {
		{ "confirmed", "Confirmed" },
		{ "reported-by-press", "Reported by the press" },
		{ "statement", "Statement by a party" },
		{ "derived", "Derived" },
	};
	for (size_t i = 0; c != NULL && i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(c, map[i][0]) == 0)
			return map[i][1];
	return c ? c : "";
}

/* Appends text to parent when it is set. */
static void
add_str(rnd *r, xmlNodePtr parent, const char *s)
{
	if (s != NULL)
		render_add_text(r, parent, s, strlen(s));
}

/* Appends s's title to li: the document's own title in <cite>, a description of it
 * (s->described) in brackets in a span.source-description, as citation styles set a
 * descriptive title; either linked when s has a url that render_url_ok accepts. */
static void
source_title(rnd *r, const rep_source *s, xmlNodePtr li)
{
	xmlNodePtr t = s->described ? render_el_class(r, li, "span", "source-description") :
	    render_el(r, li, "cite");
	if (s->described)
		render_add_text(r, t, "[", 1);
	xmlNodePtr in = t;
	if (render_url_ok(s->url)) {
		in = render_el(r, t, "a");
		render_attr(in, "href", s->url);
	}
	add_str(r, in, s->title);
	if (s->described)
		render_add_text(r, t, "]", 1);
}

/* One bibliography entry: publisher. title (linked). date. confidence. */
static void
render_source(rnd *r, const rep_source *s, xmlNodePtr ol)
{
	buf id;
	buf_init(&id);
	buf_printf(&id, "src-%s", s->id);
	xmlNodePtr li = render_el(r, ol, "li");
	render_attr(li, "id", id.data);
	buf_free(&id);
	render_el_text(r, li, "span", "source-publisher", s->publisher);
	render_add_text(r, li, ". ", 2);
	source_title(r, s, li);
	render_add_text(r, li, ". ", 2);
	if (s->date != NULL) {
		render_el_text(r, li, "time", NULL, s->date);
		render_add_text(r, li, ". ", 2);
	}
	xmlNodePtr conf = render_el_text(r, li, "span", "source-confidence",
	    confidence_text(s->confidence));
	if (s->confidence != NULL)
		render_attr(conf, "data-confidence", s->confidence);
}

void
render_sources(rnd *r, xmlNodePtr parent)
{
	if (r->has_sources) {
		diag_error(r->d, render_pos(r, r->block_line, 0),
		    "only one sources directive per page");
		return;
	}
	r->has_sources = 1;
	xmlNodePtr ol = render_el_class(r, parent, "ol", "bibliography");
	for (size_t i = 0; i < r->rep->nsources; i++)
		render_source(r, &r->rep->sources[i], ol);
}

/* Appends s's weight to p: "Probability: 40%", or, when data/evidence.yaml moved it,
 * "Weight before the evidence: 40%; after it: 27%" (metrics
 * scenario.posterior_probability@<name>, see docs/model.md). */
static void
scenario_weights(const metrics *m, const rep_scenario *s, buf *p)
{
	buf name;
	buf_init(&name);
	buf_printf(&name, "scenario.posterior_probability@%s", s->name);
	const metric *post = m != NULL ? metrics_find(m, buf_str(&name)) : NULL;
	buf_free(&name);
	if (post == NULL || post->years != NULL || isnan(post->vals[0]) ||
	    fabs(post->vals[0] - s->probability) < 5e-4) {
		buf_puts(p, "Probability: ");
		format_value(s->probability, UNIT_FRACTION, "pct", p);
		return;
	}
	buf_puts(p, "Weight before the evidence: ");
	format_value(s->probability, UNIT_FRACTION, "pct", p);
	buf_puts(p, "; after it: ");
	format_value(post->vals[0], UNIT_FRACTION, "pct", p);
}

void
render_scenarios(rnd *r, xmlNodePtr parent)
{
	xmlNodePtr dl = render_el_class(r, parent, "dl", "scenarios");
	for (size_t i = 0; i < r->rep->nscenarios; i++) {
		const rep_scenario *s = &r->rep->scenarios[i];
		render_el_text(r, dl, "dt", NULL, s->title ? s->title : s->name);
		buf p;
		buf_init(&p);
		if (s->counterfactual || isnan(s->probability)) {
			buf_puts(&p, "Counterfactual: not weighted");
		} else {
			scenario_weights(r->c->m, s, &p);
		}
		render_el_text(r, dl, "dd", "scenario-probability", p.data);
		buf_free(&p);
		render_el_text(r, dl, "dd", "scenario-description", s->description);
	}
}
