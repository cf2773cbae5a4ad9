/* explore_charts: the explorer's charts' specs as JSON text in the page. */
#include "render/explore_charts.h"

#include "export/json.h"
#include "render/chart_json.h"
#include "util/buf.h"

/* The charts the explorer redraws, by id. */
static const char *const ec_ids[] = { "cumulative", "npv-fan" };

/* What ec_write needs. */
typedef struct ec_arg {
	json_writer *w; /* the object being written */
	const char *id; /* the chart's id */
} ec_arg;

/* render_chart_fn: writes the spec under its id. */
static int
ec_write(void *arg, const chart_spec *s, char *why, size_t n)
{
	ec_arg *a = arg;
	(void)why;
	(void)n;
	render_chart_json(a->w, a->id, a->id, s);
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
		ec_arg a = { &w, ec_ids[i] };
		if (render_figs_find(c->figs, ec_ids[i]) != NULL &&
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
