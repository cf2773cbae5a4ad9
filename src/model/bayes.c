/* bayes: scenario weights updated by dated evidence with Bayes' rule. */
#include "model/bayes.h"

#include <math.h>

/* Returns 1 if v is a finite number >= 0. */
static int
bayes_ok(double v)
{
	return isfinite(v) && v >= 0;
}

/* Scales row[0..n-1] to sum 1. Returns -1 if the sum is not above 0. */
static int
bayes_normalise(double *row, size_t n)
{
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += row[i];
	if (!(sum > 0) || !isfinite(sum))
		return -1;
	for (size_t i = 0; i < n; i++)
		row[i] /= sum;
	return 0;
}

int
model_bayes_update(const double *prior, size_t n, const double *lik, size_t nev,
    double *steps)
{
	if (n == 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (!bayes_ok(prior[i]))
			return -1;
		steps[i] = prior[i];
	}
	if (bayes_normalise(steps, n) < 0)
		return -1;
	for (size_t k = 0; k < nev; k++) {
		const double *before = steps + k * n, *l = lik + k * n;
		double *after = steps + (k + 1) * n;
		for (size_t i = 0; i < n; i++) {
			if (!bayes_ok(l[i]))
				return -1;
			after[i] = before[i] * l[i];
		}
		if (bayes_normalise(after, n) < 0)
			return -1;
	}
	return 0;
}

double
model_bayes_factor(const double *w, const double *lik, size_t n, size_t i)
{
	double mix = 0;
	for (size_t j = 0; j < n; j++)
		mix += w[j] * lik[j];
	return mix > 0 && i < n ? lik[i] / mix : NAN;
}
