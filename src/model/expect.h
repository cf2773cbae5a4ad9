/* expect: probability-weighted expectations of per-scenario metrics. */
#ifndef MKR_EXPECT_H
#define MKR_EXPECT_H

#include <stddef.h>

#include "model/metrics.h"

/* Adds the scalar <stem>@expected to m: the sum over scenarios[0..n-1] of probs[i]
 * times the scalar <stem>@scenarios[i] read back from m; null if any is null, missing
 * or a series. Its unit is the scenarios' metric's (number if none). Nothing is added
 * when n is 0 or the name already exists. The arrays stay the caller's. */
void model_expect_scalar(metrics *m, const char *stem, const char *const *scenarios,
    const double *probs, size_t n);

#endif
