/* explore: the model behind the explorer page, text in and text out: a scenario's
 * resolved inputs (the "inputs" object of `metrics --json`) to its outputs. Pure C
 * with no I/O, so the same code runs in the tool and, as WebAssembly, in the browser. */
#ifndef MKR_EXPLORE_H
#define MKR_EXPLORE_H

#include <stddef.h>

#include <stdint.h>

#include "export/json.h"
#include "model/finance.h"
#include "model/params.h"
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
 * "inputs": {...}}, ...}, "evidence": [{"id": id, "likelihood": {name: l, ...}}, ...],
 * "want": [metric names]} (p a weight in [0, 1], or null for a scenario outside the
 * expectation; the weights are used as given; evidence optional, as `metrics --json`
 * writes it, a likelihood in (0, 1] for every weighted scenario), and appends to
 * out a JSON object mapping each wanted metric the model defines for them
 * (finance.<x>@<name>, finance.lens.<lens>.<field>@<name>, scenario.probability@<name>,
 * the finance.<x>@expected weighted sums; with evidence also
 * scenario.prior_probability@<name>, scenario.posterior_probability@<name>,
 * evidence.<id>.likelihood@<name>, evidence.<id>.weight@<name> and every
 * <x>@expected_posterior, as the build adds them) to {"value": number or null, "text": the
 * value in its unit's default display format}, or, for a series such as
 * finance.cumulative@<name>, {"years": [...], "values": [...]}. Wanted names the model
 * does not define are left out; without "want", every scalar metric. Returns 0, or -1
 * with the reason in err and out untouched. */
int explore_report(const char *in, size_t len, buf *out, buf *err);

/* Appends to out the place of byte offset off in p (a double input of fin_params) as
 * a path into the inputs object: "discount_rate", "azure_share.2030" (a per-year
 * input, by year), "tranches.2.cash_fraction". Returns 0, or -1 if off is not a
 * double input of the inputs object (out untouched). */
int explore_input_name(const fin_params *p, size_t off, buf *out);

/* The reverse of explore_input_name for p's horizon and tranches: sets *off to the
 * byte offset of name in fin_params. Returns 0, or -1 if name is no such input. */
int explore_input_offset(const fin_params *p, const char *name, size_t *off);

/* Writes, under key (NULL in an array or at the top level), the Monte Carlo's settings
 * as explore_mc reads them: {"scenario": scenario, "draws": draws, "seed": seed,
 * "uncertain": [{"path": u->path, "at": explore_input_name, "count": u->ref.count,
 * "law": {kind: [parameters]}, "min": m, "max": M (null: unbounded),
 * "min_open": bool}, ...]} for the inputs of u[0..n-1] that have a dist, placed in
 * base. The caller adds "inputs". Inputs outside the inputs object are left out. */
void explore_mc_settings(json_writer *w, const char *key, const char *scenario,
    const fin_params *base, const model_uparam *u, size_t n, size_t draws,
    uint64_t seed);

/* Runs the report's Monte Carlo (model_mc_run, one job) on in, the JSON text of the
 * object explore_mc_settings writes plus "inputs": the scenario's inputs object as
 * explore_params reads it (draws at most EXPLORE_MC_MAX_DRAWS, the seed a whole
 * number up to 2^53). Appends to out a JSON object of the metrics unc_metrics_mc
 * defines (mc.draws, mc.seed, mc.npv.p<P>@<scenario>, mc.payback_year.p<P>@..., as
 * {"value", "text"}; mc.cumulative.p<P>@... and mc.payback_probability@... as
 * {"years", "values"}): with the same inputs, draws and seed, the numbers of the
 * build. Returns 0, or -1 with the reason in err and out untouched. */
int explore_mc(const char *in, size_t len, buf *out, buf *err);

enum { EXPLORE_MC_MAX_DRAWS = 10000000 }; /* draws explore_mc accepts */

#endif
