/* chart_json: a validated chart spec written as JSON, for the explorer page, whose
 * WebAssembly draws it with the same chart code (wasm/chart_wasm.c reads it back). */
#ifndef MKR_RENDER_CHART_JSON_H
#define MKR_RENDER_CHART_JSON_H

#include "chart/chart.h"
#include "export/json.h"

/* Writes member key of w: an object holding the chart's id (unless NULL) and every
 * field of s that drawing reads (type, texts, axes, categories, series, fans,
 * annotations, events, bar and tornado options, size, theme; not the download frame),
 * numbers so they read back to the same doubles. The format is wasm/README.md's. */
void render_chart_json(json_writer *w, const char *key, const char *id,
    const chart_spec *s);

#endif
