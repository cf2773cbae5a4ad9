/* risk: expected impact, ranking and the 5 x 5 bands of the risk register. */
#include "model/risk.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

risk_register *
risk_register_new(void)
{
	return util_xcalloc(1, sizeof(risk_register));
}

void
risk_register_free(risk_register *g)
{
	if (g == NULL)
		return;
	for (size_t i = 0; i < g->n; i++) {
		risk_entry *e = &g->entry[i];
		free(e->id); free(e->title); free(e->category);
		free(e->description); free(e->source);
	}
	free(g->entry);
	free(g);
}

int
model_risk_likelihood_band(double likelihood)
{
	if (!(likelihood >= 0)) /* negative or NaN: converting it to int is undefined */
		return 1;
	if (likelihood >= 1)
		return RISK_BANDS;
	int b = (int)floor(likelihood * RISK_BANDS) + 1;
	return b > RISK_BANDS ? RISK_BANDS : b;
}

int
model_risk_impact_band(double impact, const double *edge)
{
	int b = 1;

	for (int k = 0; k < RISK_BANDS - 1; k++)
		b += edge[k] <= impact;
	return b;
}

/* Returns 1 if entry i ranks before entry j: larger expected, then smaller id. */
static int
risk_before(const risk_register *g, const risk_result *r, size_t i, size_t j)
{
	if (r->expected[i] != r->expected[j])
		return r->expected[i] > r->expected[j];
	return strcmp(g->entry[i].id, g->entry[j].id) < 0;
}

void
model_risk_run(const risk_register *g, risk_result *r)
{
	size_t n = g->n < RISK_MAX ? g->n : RISK_MAX;

	r->n = n;
	r->total_expected = 0;
	for (size_t i = 0; i < n; i++) {
		const risk_entry *e = &g->entry[i];
		r->expected[i] = e->likelihood * e->impact;
		r->total_expected += r->expected[i];
		r->likelihood_band[i] = model_risk_likelihood_band(e->likelihood);
		r->impact_band[i] = e->impact_band ? e->impact_band :
		    model_risk_impact_band(e->impact, g->edge);
	}
	for (size_t i = 0; i < n; i++) {
		int rank = 1;
		for (size_t j = 0; j < n; j++)
			rank += j != i && risk_before(g, r, j, i);
		r->rank[i] = rank;
	}
}
