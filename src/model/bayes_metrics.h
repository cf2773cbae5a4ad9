/* bayes_metrics: the scenarios' prior and posterior weights and the evidence behind
 * them as named metrics. */
#ifndef MKR_BAYES_METRICS_H
#define MKR_BAYES_METRICS_H

#include <stddef.h>

#include "model/metrics.h"

/* One event as the update sees it. */
typedef struct bayes_event {
	const char *id;     /* evidence id: metric names evidence.<id>.* */
	const char *label;  /* what happened, the metrics' label (may be NULL) */
	const double *lik;  /* P(event | scenario) for each weighted scenario, in their order */
} bayes_event;

/* Runs model_bayes_update over the n weighted scenarios (names scenarios, weights
 * prior) and the nev events in order, writes the posterior to post[0..n-1] (NaN
 * everywhere if the update fails) and adds to m, for each scenario S:
 * scenario.prior_probability@S, scenario.posterior_probability@S, and per event
 * evidence.<id>.likelihood@S and evidence.<id>.weight@S (S's weight after this event
 * and every earlier one), all fractions. Without events the posterior is the prior.
 * Returns 0, or -1 if the update failed. The arrays stay the caller's. */
int bayes_metrics_add(metrics *m, const char *const *scenarios, const double *prior,
    size_t n, const bayes_event *ev, size_t nev, double *post);

#endif
