/* chart_wasm: the WebAssembly module's chart export: a chart spec as JSON (written by
 * the build, src/render/chart_json.c) drawn by src/chart into SVG text. */
#ifndef MKR_CHART_WASM_H
#define MKR_CHART_WASM_H

#include <stddef.h>

/* Draws the chart whose spec is the JSON text in[0..len): returns 0 and the SVG
 * document's text, or -1 and the reason (a bad spec, an invalid chart), both read
 * from mkr_chart_out / mkr_chart_out_len until the next call. */
int mkr_chart(const char *in, size_t len);

/* The last chart's bytes and length. */
const char *mkr_chart_out(void);
size_t mkr_chart_out_len(void);

#endif
