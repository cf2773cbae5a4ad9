/* bayes_metrics: the scenarios' prior and posterior weights and the evidence behind
 * them as named metrics. */
#include "model/bayes_metrics.h"

#include <math.h>
#include <stdlib.h>

#include "model/bayes.h"
#include "util/buf.h"

/* Adds the scalar fraction named by fmt with x and s (built in b). */
static void
bm_add(metrics *m, buf *b, const char *fmt, const char *x, const char *s, double v,
    const char *label)
{
	buf_reset(b);
	buf_printf(b, fmt, x, s);
	metrics_add(m, buf_str(b), UNIT_FRACTION, v, NULL, label);
}

int
bayes_metrics_add(metrics *m, const char *const *scenarios, const double *prior,
    size_t n, const bayes_event *ev, size_t nev, double *post)
{
	if (n == 0)
		return -1;
	double *lik = util_xcalloc(nev ? nev * n : 1, sizeof *lik);
	double *steps = util_xcalloc((nev + 1) * n, sizeof *steps);
	for (size_t k = 0; k < nev; k++)
		for (size_t i = 0; i < n; i++)
			lik[k * n + i] = ev[k].lik[i];
	int st = model_bayes_update(prior, n, lik, nev, steps);
	for (size_t i = 0; i < (nev + 1) * n && st < 0; i++)
		steps[i] = NAN;
	buf b;
	buf_init(&b);
	for (size_t i = 0; i < n; i++) {
		post[i] = steps[nev * n + i];
		bm_add(m, &b, "scenario.%s%s", "prior_probability@", scenarios[i], prior[i],
		    NULL);
		bm_add(m, &b, "scenario.%s%s", "posterior_probability@", scenarios[i], post[i],
		    NULL);
		for (size_t k = 0; k < nev; k++) {
			bm_add(m, &b, "evidence.%s.likelihood@%s", ev[k].id, scenarios[i],
			    ev[k].lik[i], ev[k].label);
			bm_add(m, &b, "evidence.%s.weight@%s", ev[k].id, scenarios[i],
			    steps[(k + 1) * n + i], ev[k].label);
		}
	}
	buf_free(&b);
	free(steps);
	free(lik);
	return st;
}
