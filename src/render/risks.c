/* risks: the risks directive, the register as a table in rank order. */
#include "render/render_int.h"

#include <stdlib.h>

#include <stdio.h>
#include <string.h>

#include "model/format.h"

/* Appends a right-aligned cell with risk id's field (formatted by its metric's unit). */
static void
risk_cell(rnd *r, xmlNodePtr tr, const char *id, const char *field, const char *fmt)
{
	buf ref, v;
	buf_init(&ref);
	buf_init(&v);
	buf_printf(&ref, "risk.%s.%s", id, field);
	diag_pos none = { r->file, 0, 0 };
	if (render_value(r, ref.data, fmt, none, &v) == 0)
		render_attr(render_el_text(r, tr, "td", "num", v.data), "data-metric", ref.data);
	buf_free(&ref);
	buf_free(&v);
}

/* Returns the index of the entry whose rank is k (1-based), or -1. */
static int
entry_of_rank(rnd *r, int k)
{
	const risk_register *g = r->rep->risks;
	for (size_t i = 0; i < g->n; i++) {
		buf ref;
		buf_init(&ref);
		buf_printf(&ref, "risk.%s.rank", g->entry[i].id);
		const metric *m = metrics_find(r->c->m, ref.data);
		buf_free(&ref);
		if (m != NULL && m->vals[0] == k)
			return (int)i;
	}
	return -1;
}

void
render_risks(rnd *r, int fence_line, xmlNodePtr parent)
{
	const risk_register *g = r->rep->risks;
	if (g == NULL) {
		diag_error(r->d, render_pos(r, fence_line, 1),
		    "the risks directive needs data/risks.yaml");
		return;
	}
	static const char *const heads[] = { "Rank", "Risk", "Category", "Likelihood",
		"Impact", "Expected impact", "Likelihood band", "Impact band" };
	static const char caption[] =
	    "Risk register, ranked by expected impact (likelihood \u00d7 impact)";
	xmlNodePtr table = render_table_figure(r, parent, "table risk-register", caption);
	render_el_text(r, table, "caption", NULL, caption);
	xmlNodePtr head = render_el(r, render_el(r, table, "thead"), "tr");
	for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
		xmlNodePtr th = render_el_text(r, head, "th", i == 1 || i == 2 ? NULL : "num",
		    heads[i]);
		render_attr(th, "scope", "col");
	}
	xmlNodePtr body = render_el(r, table, "tbody");
	for (size_t k = 1; k <= g->n; k++) {
		int i = entry_of_rank(r, (int)k);
		if (i < 0)
			continue;
		const risk_entry *e = &g->entry[i];
		xmlNodePtr tr = render_el(r, body, "tr");
		risk_cell(r, tr, e->id, "rank", "num");
		render_attr(render_el_text(r, tr, "th", NULL, e->title), "scope", "row");
		char *cat = util_xstrdup(e->category); /* "financial" shown as "Financial" */
		if (cat[0] >= 'a' && cat[0] <= 'z')
			cat[0] = (char)(cat[0] - 'a' + 'A');
		render_el_text(r, tr, "td", NULL, cat);
		free(cat);
		risk_cell(r, tr, e->id, "likelihood", "pct");
		risk_cell(r, tr, e->id, "impact", "usd_bn");
		risk_cell(r, tr, e->id, "expected", "usd_bn");
		risk_cell(r, tr, e->id, "likelihood_band", "num");
		risk_cell(r, tr, e->id, "impact_band", "num");
	}
	/* The register is ranked by expected impact: the key column on a phone. */
	static const unsigned char key[] = { 0, 0, 0, 0, 0, 1, 0, 0 };
	render_table_phone(table, key);
}
