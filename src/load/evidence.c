/* evidence: the optional data/evidence.yaml (dated events and their likelihood under
 * each scenario, for the Bayesian update of the scenarios' weights). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "load/load_int.h"
#include "yaml/schema.h"
#include "util/buf.h"

enum {
	EV_MAX = 500, /* events in one file */
};

/* Compares dates a and b (YYYY-MM sorts with any day of its month). */
static int
ev_date_cmp(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	return strncmp(a, b, la < lb ? la : lb);
}

/* date: a valid date, not after the report's as_of. */
static int
ev_date(ld_ctx *c, const yt_node *m, const char *what, rep_evidence *e)
{
	const yt_node *v = schema_need(c->d, m, "date", what);
	if (v == NULL)
		return -1;
	if (v->kind != YT_SCALAR || !ld_date_ok(v, 0)) {
		diag_error(c->d, v->pos, "expected a date YYYY-MM-DD or YYYY-MM in " SCHEMA_YEARS
		    " for '%s.date'%s%.40s%s",
		    what, v->kind == YT_SCALAR ? ", found '" : "",
		    v->kind == YT_SCALAR ? v->str : "", v->kind == YT_SCALAR ? "'" : "");
		return -1;
	}
	if (c->r->as_of != NULL && ev_date_cmp(v->str, c->r->as_of) > 0) {
		diag_error(c->d, v->pos, "'%s.date' %s is after the report's as_of %s", what,
		    v->str, c->r->as_of);
		return -1;
	}
	e->date = util_xstrdup(v->str);
	e->date_pos = v->pos;
	return 0;
}

/* source: required, an id of data/sources.yaml (an event is a sourced fact). */
static int
ev_source(ld_ctx *c, const yt_node *m, const char *what, rep_evidence *e)
{
	const yt_node *v = schema_need(c->d, m, "source", what);
	const char *id;
	if (v == NULL || schema_str(c->d, v, "source", 0, &id) < 0)
		return -1;
	if (c->sources_ok && report_source_index(c->r, id) < 0) {
		diag_error(c->d, v->pos, "unknown source '%.60s' (not in data/sources.yaml)", id);
		return -1;
	}
	e->source = util_xstrdup(id);
	return 0;
}

/* One likelihood: key k (a scenario name) -> quantity v in (0, 1]. */
static int
ev_one_likelihood(ld_ctx *c, const char *what, const yt_node *k, const yt_node *v,
    rep_evidence *e)
{
	report *r = c->r;
	int i = report_scenario_index(r, k->str);
	if (i < 0) {
		diag_error(c->d, k->pos, "unknown scenario '%.60s' (not in data/scenarios.yaml)",
		    k->str);
		return -1;
	}
	if (r->scenarios[i].counterfactual) {
		diag_error(c->d, k->pos, "scenario '%.60s' is a counterfactual: it has no weight "
		    "to update, so it takes no likelihood", k->str);
		return -1;
	}
	char *w = ld_path(what, k->str);
	ld_qty q;
	int st = ld_qty_read(c, v, w, LDQ_SCALAR, NULL, &q);
	if (st == 0)
		st = ld_range(c, q.pos, q.v, 0, 1, 1, w);
	if (st == 0)
		e->likelihood[i] = q.v;
	free(w);
	return st;
}

/* likelihood: {scenario: quantity}, one for every weighted scenario. */
static int
ev_likelihoods(ld_ctx *c, const yt_node *m, const char *what, rep_evidence *e)
{
	report *r = c->r;
	e->likelihood = util_xcalloc(r->nscenarios ? r->nscenarios : 1, sizeof(double));
	for (size_t i = 0; i < r->nscenarios; i++)
		e->likelihood[i] = NAN;
	char *lw = ld_path(what, "likelihood");
	const yt_node *l = schema_need(c->d, m, "likelihood", what);
	int bad = l == NULL || schema_kind(c->d, l, YT_MAP, lw) < 0;
	if (bad)
		l = NULL;
	for (size_t k = 0; l && r->nscenarios > 0 && k < l->n; k++)
		bad |= ev_one_likelihood(c, lw, l->keys[k], l->vals[k], e) < 0;
	for (size_t i = 0; l && i < r->nscenarios; i++) {
		const rep_scenario *s = &r->scenarios[i];
		if (s->counterfactual || s->name == NULL || yt_get(l, s->name) != NULL)
			continue;
		diag_error(c->d, l->pos, "'%s' has no likelihood for scenario '%s'", lw, s->name);
		bad = 1;
	}
	free(lw);
	return bad ? -1 : 0;
}

/* One event: key k, record m. */
static int
ev_read(ld_ctx *c, const yt_node *k, const yt_node *m, rep_evidence *e)
{
	static const char *const keys[] = { "date", "event", "source", "likelihood", "note",
		NULL };
	char *w = ld_path("evidence", k->str);
	e->id = util_xstrdup(k->str);
	e->pos = k->pos;
	int bad = schema_kind(c->d, m, YT_MAP, w) < 0;
	if (!bad) {
		bad |= schema_keys(c->d, m, keys, w) < 0;
		bad |= ev_date(c, m, w, e) < 0;
		bad |= ld_str(c, m, "event", w, 1, &e->event) < 0;
		bad |= ev_source(c, m, w, e) < 0;
		bad |= ld_note(c, m, w) < 0;
		bad |= ev_likelihoods(c, m, w, e) < 0;
	}
	free(w);
	return bad ? -1 : 0;
}

/* The events must be listed in date order (the update's steps are shown in it). */
static void
ev_order_check(ld_ctx *c)
{
	const report *r = c->r;
	const rep_evidence *last = NULL;
	for (size_t i = 0; i < r->nevidence; i++) {
		const rep_evidence *e = &r->evidence[i];
		if (e->date == NULL)
			continue;
		if (last != NULL && ev_date_cmp(e->date, last->date) < 0)
			diag_error(c->d, e->date_pos, "'evidence.%s' (%s) is listed after "
			    "'evidence.%s' (%s): list the events in date order", e->id, e->date,
			    last->id, last->date);
		last = e;
	}
}

/* Reads the file's tree root into c->r->evidence. */
static void
ev_all(ld_ctx *c, const yt_node *root)
{
	const char *file = "data/evidence.yaml";
	const yt_node *m = ld_top(c, root, "evidence", YT_MAP, file);
	if (m == NULL)
		return;
	if (ld_ids(c, m, "evidence", EV_MAX) < 0 && m->n > EV_MAX)
		return; /* a bad id is reported, and the entries are still checked */
	report *r = c->r;
	r->evidence = util_xcalloc(m->n, sizeof *r->evidence);
	for (size_t i = 0; i < m->n; i++) {
		ev_read(c, m->keys[i], m->vals[i], &r->evidence[i]);
		r->nevidence = i + 1;
	}
	ev_order_check(c);
}

void
ld_evidence_file(ld_ctx *c)
{
	yt_node *root = ld_parse_optional(c, "data/evidence.yaml");
	if (root != NULL)
		ev_all(c, root);
	yt_free(root);
}
