/* risk: the optional data/risks.yaml (the risk register and its impact band edges). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "load/load_int.h"
#include "yaml/schema.h"
#include "util/buf.h"

/* impact_bands: {edges: [4 increasing numbers >= 0], provenance}. */
static int
edges_read(ld_ctx *c, const yt_node *m, risk_register *g)
{
	static const char *const keys[] = { "edges", "source", "assumption", "rationale",
		"note", NULL };
	const char *w = "impact_bands";
	char *src;
	if (schema_kind(c->d, m, YT_MAP, w) < 0 || schema_keys(c->d, m, keys, w) < 0)
		return -1;
	int bad = ld_rec_prov(c, m, w, 1, &src) < 0;
	free(src);
	const yt_node *e = ld_group(c, m, w, "edges", YT_SEQ, NULL);
	if (e != NULL && e->n != RISK_BANDS - 1) {
		diag_error(c->d, e->pos, "'impact_bands.edges' must list %d numbers, found %zu",
		    RISK_BANDS - 1, e->n);
		e = NULL;
	}
	bad |= e == NULL;
	for (size_t i = 0; e && i < e->n; i++) {
		double v;
		if (schema_num(c->d, e->vals[i], "impact_bands.edges", &v) < 0) {
			bad = 1;
		} else if (v < 0 || (i > 0 && !(v > g->edge[i - 1]))) {
			diag_error(c->d, e->vals[i]->pos, "'impact_bands.edges' must be increasing "
			    "numbers >= 0, found %g", v);
			bad = 1;
		}
		g->edge[i] = v;
	}
	g->has_edges = 1; /* even if broken: entries then need no band of their own */
	return bad ? -1 : 0;
}

/* One register entry. */
static int
entry_read(ld_ctx *c, const yt_node *k, const yt_node *m, const risk_register *g,
    risk_entry *e)
{
	static const char *const keys[] = { "title", "category", "description", "likelihood",
		"impact", "impact_band", "source", "assumption", "rationale", "note", NULL };
	char *w = ld_path("risks", k->str);
	e->id = util_xstrdup(k->str);
	int bad = schema_kind(c->d, m, YT_MAP, w) < 0, direct = 0;
	if (!bad) {
		bad |= schema_keys(c->d, m, keys, w) < 0;
		bad |= ld_str(c, m, "title", w, 1, &e->title) < 0;
		bad |= ld_str(c, m, "category", w, 1, &e->category) < 0;
		bad |= ld_str(c, m, "description", w, 1, &e->description) < 0;
		bad |= ld_rec_num(c, m, w, "likelihood", 0, 1, &direct, &e->likelihood) < 0;
		bad |= ld_rec_num(c, m, w, "impact", 0, INFINITY, &direct, &e->impact) < 0;
		const yt_node *b = yt_get(m, "impact_band");
		long band = 0;
		char *bw = ld_path(w, "impact_band");
		if (b != NULL)
			bad |= schema_int(c->d, b, bw, 1, RISK_BANDS, &band) < 0;
		else if (!g->has_edges)
			diag_error(c->d, m->pos, "'%s' has no impact_band and the file gives no "
			    "impact_bands edges", w), bad = 1;
		free(bw);
		e->impact_band = (int)band;
		bad |= ld_rec_prov(c, m, w, direct || b != NULL, &e->source) < 0;
	}
	free(w);
	return bad ? -1 : 0;
}

/* Reads the file's tree root into a new register stored in c->r->risks. */
static void
risks_read(ld_ctx *c, const yt_node *root)
{
	static const char *const keys[] = { "risks", "impact_bands", NULL };
	const char *file = "data/risks.yaml";
	if (schema_kind(c->d, root, YT_MAP, file) < 0)
		return;
	schema_keys(c->d, root, keys, file);
	risk_register *g = risk_register_new();
	c->r->risks = g;
	const yt_node *eb = yt_get(root, "impact_bands");
	if (eb != NULL)
		edges_read(c, eb, g);
	const yt_node *m = ld_group(c, root, file, "risks", YT_MAP, NULL);
	if (m == NULL || ld_ids(c, m, "risks", RISK_MAX) < 0)
		return;
	g->entry = util_xcalloc(m->n, sizeof *g->entry);
	for (size_t i = 0; i < m->n; i++) {
		entry_read(c, m->keys[i], m->vals[i], g, &g->entry[i]);
		g->n = i + 1;
	}
}

void
ld_risks_file(ld_ctx *c)
{
	yt_node *root = ld_parse_optional(c, "data/risks.yaml");
	if (root != NULL)
		risks_read(c, root);
	yt_free(root);
}
