/* explore_int: what explore.c shares with explore_mc.c (not part of the interface). */
#ifndef MKR_EXPLORE_INT_H
#define MKR_EXPLORE_INT_H

#include <stddef.h>

#include "explore/jin.h"
#include "model/finance.h"
#include "model/metrics.h"
#include "util/buf.h"

/* Reads x, a number in [lo, hi] or (if nullable) null, into *v (NaN for null).
 * Returns 0, or -1 with "<prefix><key>: <reason>" appended to err. */
int explore_number_at(const jin_value *x, const char *prefix, const char *key,
    int nullable, double lo, double hi, double *v, buf *err);

/* explore_params on an already parsed inputs object in. */
int explore_params_tree(const jin_value *in, fin_params *p, buf *err);

/* Appends to out one JSON object of the metrics of m named in want (an array of
 * names; names m lacks are left out), or without want every scalar metric and, if
 * series, every series too: a scalar as {"value", "text"}, a series as {"years",
 * "values"}. */
void explore_metrics_json(const metrics *m, const jin_value *want, int series, buf *out);

#endif
