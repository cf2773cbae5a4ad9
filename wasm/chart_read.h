/* chart_read: a chart spec read back from the JSON that src/render/chart_json.c
 * writes (wasm/README.md), for the WebAssembly charts (chart_wasm.c). */
#ifndef MKR_CHART_READ_H
#define MKR_CHART_READ_H

#include <stddef.h>

#include "chart/chart.h"
#include "explore/jin.h"

/* What specs read with it own: every allocation, freed together. Zero it first. */
typedef struct chart_reader {
	void **p;   /* the allocations */
	size_t n;   /* how many */
	size_t cap; /* room in p */
} chart_reader;

/* Reads the spec object o into s: every pointer of s points into o (its strings) or
 * into a's allocations, so both must outlive s. Missing members stay zero; arrays are
 * cut to the shortest of those that must match (a series' values, years and notes; a
 * fan's years and percentiles); numbers that must be whole are clamped to +-1e9.
 * Returns 0, or -1 with a reason in why (n bytes) when o is not an object with a known
 * "type". s is not validated: call chart_validate. */
int chart_read_spec(chart_reader *a, const jin_value *o, chart_spec *s, char *why,
    size_t n);

/* Frees what a owns (the specs read with it become invalid); a itself is the caller's. */
void chart_reader_free(chart_reader *a);

#endif
