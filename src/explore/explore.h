/* explore: the model behind the explorer page, text in and text out: a scenario's
 * resolved inputs (the "inputs" object of `metrics --json`) to its outputs. Pure C
 * with no I/O, so the same code runs in the tool and, as WebAssembly, in the browser. */
#ifndef MKR_EXPLORE_H
#define MKR_EXPLORE_H

#include <stddef.h>

#include "model/finance.h"
#include "util/buf.h"

/* Fills p from in, the JSON text of one "inputs" object (every field that
 * `metrics --json` writes there; per-year arrays over start_year..end_year, null for
 * none). Returns 0, or -1 with a one-line reason appended to err (a field missing, of
 * the wrong kind or outside the range the model accepts; malformed JSON with its byte
 * offset). */
int explore_params(const char *in, size_t len, fin_params *p, buf *err);

/* Runs the financial model on one "inputs" object (as explore_params reads it) and
 * appends to out the "finance" object exactly as `metrics --json` writes it for that
 * scenario, at the top level (same keys, order and numbers; only the indentation
 * differs). Returns 0, or -1 with the reason in err and out untouched. */
int explore_finance(const char *in, size_t len, buf *out, buf *err);

/* Runs every scenario of in, the JSON text {"scenarios": {name: {"probability": p,
 * "inputs": {...}}, ...}, "want": [metric names]} (p a weight in [0, 1], or null for
 * a scenario outside the expectation; the weights are used as given), and appends to
 * out a JSON object mapping each wanted metric the model defines for them
 * (finance.<x>@<name>, finance.lens.<lens>.<field>@<name>, scenario.probability@<name>,
 * the finance.<x>@expected weighted sums) to {"value": number or null, "text": the
 * value in its unit's default display format}, or, for a series such as
 * finance.cumulative@<name>, {"years": [...], "values": [...]}. Wanted names the model
 * does not define are left out; without "want", every scalar metric. Returns 0, or -1
 * with the reason in err and out untouched. */
int explore_report(const char *in, size_t len, buf *out, buf *err);

#endif
