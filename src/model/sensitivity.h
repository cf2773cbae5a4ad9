/* sensitivity: one-way swings of NPV and payback for every input with low/high. */
#ifndef MKR_SENSITIVITY_H
#define MKR_SENSITIVITY_H

#include <stddef.h>

#include "model/finance.h"
#include "model/params.h"

/* One input moved alone to each end of its range. */
typedef struct sens_row {
	size_t param;        /* index of the input in the caller's model_uparam array */
	const char *path;    /* its path (borrowed from the input) */
	double low;          /* the low end */
	double high;         /* the high end */
	double npv_low;      /* NPV with the input at low (usd_bn) */
	double npv_high;     /* NPV with the input at high */
	double payback_low;  /* payback year at low; NaN if never */
	double payback_high; /* payback year at high; NaN if never */
	double swing;        /* |npv_high - npv_low| */
} sens_row;

/* Runs the model on base with each input u[i] that has low/high set alone to low and
 * to high (every other input at its base value), and writes one row per such input
 * into out (room for n rows), sorted by swing, largest first, ties by path. Returns
 * the number of rows. base and u stay the caller's. */
size_t model_sensitivity(const fin_params *base, const model_uparam *u, size_t n,
    sens_row *out);

#endif
