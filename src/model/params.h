/* params: uncertain model inputs: where each lives in fin_params, its range and law. */
#ifndef MKR_PARAMS_H
#define MKR_PARAMS_H

#include <stddef.h>

#include "model/finance.h"
#include "model/rng.h"

/* Where an input lives in fin_params: count consecutive doubles from byte offset
 * (a scalar field or one tranche's field: count 1; a per-year input given as one
 * constant: the years it covers). */
typedef struct param_ref {
	size_t offset; /* byte offset of the first double in fin_params */
	int count;     /* doubles set, >= 1 */
} param_ref;

/* One uncertain input of the base scenario (docs/model.md, "Uncertainty"). */
typedef struct model_uparam {
	char *path;     /* dotted input path: "finance.tranches.2.cash_fraction" (owned) */
	param_ref ref;  /* where it is set */
	double value;   /* base value */
	double low;     /* sensitivity low end; NaN = none (then high is NaN too) */
	double high;    /* sensitivity high end; NaN = none */
	int has_dist;   /* 1 if it is sampled in the Monte Carlo */
	dist law;       /* its distribution when has_dist */
	double min;     /* smallest value the input accepts (draws are clamped to it) */
	double max;     /* largest value the input accepts */
	int min_open;   /* 1 if min itself is not accepted (the clamp goes just above it) */
} model_uparam;

/* Sets the input ref points at in p to v (every double it covers). */
void model_param_set(fin_params *p, const param_ref *ref, double v);

/* Returns the (first) value of the input ref points at in p. */
double model_param_get(const fin_params *p, const param_ref *ref);

/* Returns v clamped to u's accepted range [min, max] (or (min, max] if min_open). */
double model_param_clamp(const model_uparam *u, double v);

#endif
