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

/* For every metric <X>@<from> in m (scalar or series), adds <X>@<to>: the same
 * expectation with other weights, the sum over scenarios[0..n-1] of probs[i] times
 * <X>@scenarios[i] (a series year by year). Null where any is null, missing or of the
 * other shape (or, for a series, covers other years). Names already in m are left as
 * they were. So the set of expectations is defined once, by what adds @<from>. */
void model_expect_reweight(metrics *m, const char *from, const char *to,
    const char *const *scenarios, const double *probs, size_t n);

#endif
