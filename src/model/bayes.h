/* bayes: scenario weights updated by dated evidence with Bayes' rule (pure, no I/O). */
#ifndef MKR_BAYES_H
#define MKR_BAYES_H

#include <stddef.h>

/* Updates the weights prior[0..n-1] by nev events, one after the other. lik holds
 * P(event k | scenario i) at lik[k * n + i]. Writes (nev + 1) rows of n weights to
 * steps: row 0 is the prior normalised to sum 1, row k the weights after events
 * 1..k, each row normalised (posterior_i = prior_i x prod_k lik[k][i] / the sum of
 * that over i; updating one event at a time gives the same up to rounding). Returns 0, or -1
 * (steps then undefined) if n is 0, a prior or likelihood is negative, NaN or
 * infinite, the priors sum to 0, or an event has likelihood 0 under every scenario
 * still weighted (the evidence contradicts every scenario). The arrays stay the
 * caller's. */
int model_bayes_update(const double *prior, size_t n, const double *lik, size_t nev,
    double *steps);

/* Returns the factor by which event k multiplied scenario i's weight: lik_i divided by
 * the weights before the event (w[0..n-1], summing to 1) times the likelihoods
 * (lik[0..n-1]) summed, the event's likelihood ratio against the mixture; NaN if that
 * sum is not above 0. */
double model_bayes_factor(const double *w, const double *lik, size_t n, size_t i);

#endif
