/* explore_charts: the explorer's charts' specs as JSON text in the page. */
#include "render/explore_charts.h"

#include <string.h>

#include "export/json.h"
#include "render/chart_json.h"
#include "render/chart_spec.h"
#include "util/buf.h"
#include "yaml/ytree.h"

/* The charts the explorer redraws, by id. */
static const char *const ec_ids[] = { "cumulative", "npv-fan" };

/* What ec_write needs. */
typedef struct ec_arg {
	json_writer *w;        /* the object being written */
	const char *id;        /* the chart's id */
	const yt_node *root;   /* its directive's YAML */
	const char *first;     /* the report's first scenario's name */
} ec_arg;

/* Returns the text of scalar member key of map m, or NULL. */
static const char *
ec_scalar(const yt_node *m, const char *key)
{
	const yt_node *v = m && m->kind == YT_MAP ? yt_get(m, key) : NULL;
	return v && v->kind == YT_SCALAR ? v->str : NULL;
}

/* Writes name (with "@" scen appended when it names no scenario and scen is not NULL),
 * or null. */
static void
ec_name(json_writer *w, const char *name, const char *scen)
{
	buf b;
	buf_init(&b);
	if (name != NULL)
		buf_printf(&b, "%s%s%s", name, scen && !strchr(name, '@') ? "@" : "",
		    scen && !strchr(name, '@') ? scen : "");
	json_str(w, NULL, name ? buf_str(&b) : NULL);
	buf_free(&b);
}

/* Writes member "series": the metric each of s's n series draws, as the directive
 * names it (scenarios + metric, or series[i].metric), null where it names none. */
static void
ec_series(json_writer *w, const yt_node *root, size_t n)
{
	const yt_node *sc = yt_get(root, "scenarios"), *se = yt_get(root, "series");
	const char *name = ec_scalar(root, "metric");
	json_open(w, "series", '[');
	for (size_t i = 0; i < n; i++) {
		if (sc && sc->kind == YT_SEQ && sc->n == n && name &&
		    sc->vals[i]->kind == YT_SCALAR)
			ec_name(w, name, sc->vals[i]->str);
		else if (se && se->kind == YT_SEQ && se->n == n)
			ec_name(w, ec_scalar(se->vals[i], "metric"), NULL);
		else
			json_str(w, NULL, NULL);
	}
	json_close(w, ']');
}

/* Writes the metrics the page's script recomputes for chart s: member "series", member
 * "fans" (a fan: NAME@SCENARIO, whose .p5 ... .p95 it draws) and member "annots" (the
 * metric an annotation stands at, null for a fixed value). */
static void
ec_sources(json_writer *w, const ec_arg *a, const chart_spec *s)
{
	const yt_node *an = yt_get(a->root, "annotations");
	const char *fan = ec_scalar(a->root, "fan"), *scen = ec_scalar(a->root, "scenario");
	json_open(w, "sources", '{');
	ec_series(w, a->root, s->nseries);
	json_open(w, "fans", '[');
	for (size_t i = 0; i < s->nfans; i++)
		ec_name(w, fan, scen ? scen : a->first);
	json_close(w, ']');
	json_open(w, "annots", '[');
	for (size_t i = 0; i < s->nannots; i++) {
		const yt_node *it = an && an->kind == YT_SEQ && an->n == s->nannots ?
		    an->vals[i] : NULL;
		const char *m = ec_scalar(yt_get(it, "vline") ? yt_get(it, "vline") :
		    yt_get(it, "hline"), "metric");
		ec_name(w, m, NULL);
	}
	json_close(w, ']');
	json_close(w, '}');
}

/* render_chart_fn: writes {spec, sources, narrow} under the chart's id. */
static int
ec_write(void *arg, const chart_spec *s, char *why, size_t n)
{
	ec_arg *a = arg;
	(void)why;
	(void)n;
	json_open(a->w, a->id, '{');
	render_chart_json(a->w, "spec", a->id, s);
	ec_sources(a->w, a, s);
	json_open(a->w, "narrow", '{'); /* the phone variant, as the chart's <picture> has it */
	json_num(a->w, "width", CHART_NARROW_WIDTH);
	json_num(a->w, "height", CHART_NARROW_HEIGHT);
	json_str(a->w, "media", NARROW_MEDIA);
	json_close(a->w, '}');
	json_close(a->w, '}');
	return 0;
}

int
explore_charts_data(xmlNodePtr parent, const render_ctx *c)
{
	buf b;
	json_writer w;
	int rc = 0;
	buf_init(&b);
	json_writer_init(&w, &b);
	json_open(&w, NULL, '{');
	for (size_t i = 0; i < sizeof ec_ids / sizeof ec_ids[0]; i++) {
		const render_fig *g = render_figs_find(c->figs, ec_ids[i]);
		ec_arg a = { &w, ec_ids[i], g ? g->root : NULL,
			c->rep->nscenarios ? c->rep->scenarios[0].name : "base" };
		if (g != NULL && g->root != NULL &&
		    render_chart_with(c, ec_ids[i], ec_write, &a) != 0)
			rc = -1;
	}
	json_close(&w, '}');
	xmlNodePtr div = xmlNewChild(parent, NULL, BAD_CAST "div", NULL);
	xmlSetProp(div, BAD_CAST "id", BAD_CAST "explore-charts");
	xmlSetProp(div, BAD_CAST "hidden", BAD_CAST "");
	xmlAddChild(div, xmlNewText(BAD_CAST buf_str(&b)));
	buf_free(&b);
	return rc;
}
