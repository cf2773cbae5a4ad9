/* explore_charts: the specs of the report's charts the explorer redraws, as data for
 * the page's script, which draws them with the chart code compiled to WebAssembly. */
#ifndef MKR_EXPLORE_CHARTS_H
#define MKR_EXPLORE_CHARTS_H

#include <libxml/tree.h>

#include "render/render.h"

/* Appends to parent <div id="explore-charts" hidden> whose text is a JSON object
 * {chart id: {spec, sources, narrow}} for the charts "cumulative" and "npv-fan" that the report
 * has (c->figs; none: "{}"): spec is the validated spec the chart's files are drawn
 * from (render/chart_json.h, with "id"); sources names the metric of each series, fan
 * and annotation as the directive does ("finance.cumulative@base"; a fan's name without
 * its .p5 ... .p95; null where the directive gives no metric), for the page's script to
 * put recomputed values in; narrow is the size and media query of the phone variant
 * the report's pages show (width, height, media). Text is added as text. Returns 0, or -1 after recording
 * errors in c->d (a chart whose directive fails). */
int explore_charts_data(xmlNodePtr parent, const render_ctx *c);

#endif
