/* competition: HHI, CR3, bloc shares and the per-scenario share projection. */
#include "model/competition.h"

#include <math.h>
#include <stdlib.h>

#include "util/buf.h"

comp_params *
comp_params_new(void)
{
	return util_xcalloc(1, sizeof(comp_params));
}

/* Frees the strings and arrays of market k. */
static void
comp_market_clear(comp_market *k)
{
	for (size_t i = 0; i < k->nfirms; i++) {
		free(k->firm[i].id); free(k->firm[i].label);
		free(k->firm[i].source); free(k->firm[i].shares);
	}
	for (size_t i = 0; i < k->nblocs; i++) {
		free(k->bloc[i].id);
		free(k->bloc[i].label);
	}
	free(k->id); free(k->label); free(k->years);
}

void
comp_params_free(comp_params *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->nmarkets; i++)
		comp_market_clear(&p->market[i]);
	free(p->hhi_high_source);
	free(p->hhi_change_source);
	free(p);
}

double
model_hhi(const double *s, size_t n)
{
	double h = 0;

	for (size_t i = 0; i < n; i++)
		h += (100 * s[i]) * (100 * s[i]);
	return h;
}

double
model_cr3(const double *s, size_t n)
{
	double top[3] = { 0, 0, 0 };

	for (size_t i = 0; i < n; i++) {
		double v = s[i];
		for (int k = 0; k < 3; k++) {
			if (v > top[k]) {
				double t = top[k];
				top[k] = v;
				v = t;
			}
		}
	}
	return top[0] + top[1] + top[2];
}

void
model_comp_step(const double *s, const double *boost, size_t n, double *out)
{
	double total = 0, raw = 0;

	for (size_t i = 0; i < n; i++) {
		total += s[i];
		raw += s[i] * (1 + boost[i]);
	}
	for (size_t i = 0; i < n; i++)
		out[i] = raw > 0 ? s[i] * (1 + boost[i]) * total / raw : 0;
}

/* Returns the sum of the shares s[member] of bloc b. */
static double
bloc_share(const comp_bloc *b, const double *s)
{
	double v = 0;

	for (size_t i = 0; i < b->nmembers; i++)
		v += s[b->member[i]];
	return v;
}

/* Fills the observed outputs of market k into x. */
static void
comp_observed(const comp_market *k, comp_market_result *x)
{
	double s[COMP_MAX_FIRMS];

	x->nyears = k->nyears;
	x->hhi = util_xcalloc(k->nyears, sizeof(double));
	x->cr3 = util_xcalloc(k->nyears, sizeof(double));
	for (size_t b = 0; b < k->nblocs; b++)
		x->bloc[b] = util_xcalloc(k->nyears, sizeof(double));
	for (size_t t = 0; t < k->nyears; t++) {
		for (size_t i = 0; i < k->nfirms; i++)
			s[i] = k->firm[i].shares[t];
		x->hhi[t] = model_hhi(s, k->nfirms);
		x->cr3[t] = model_cr3(s, k->nfirms);
		for (size_t b = 0; b < k->nblocs; b++)
			x->bloc[b][t] = bloc_share(&k->bloc[b], s);
	}
}

/* Fills the projected outputs of market k to horizon into x (nothing without years). */
static void
comp_project(const comp_params *p, const comp_market *k, comp_market_result *x)
{
	double s[COMP_MAX_FIRMS], next[COMP_MAX_FIRMS], boost[COMP_MAX_FIRMS];

	if (k->nyears == 0 || p->horizon < k->years[k->nyears - 1])
		return;
	x->p0 = k->years[k->nyears - 1];
	x->nproj = (size_t)(p->horizon - x->p0) + 1;
	if (x->nproj > COMP_MAX_PROJ)
		x->nproj = COMP_MAX_PROJ;
	x->proj_hhi = util_xcalloc(x->nproj, sizeof(double));
	x->proj_cr3 = util_xcalloc(x->nproj, sizeof(double));
	for (size_t i = 0; i < k->nfirms; i++) {
		x->proj_share[i] = util_xcalloc(x->nproj, sizeof(double));
		s[i] = k->firm[i].shares[k->nyears - 1];
		boost[i] = k->firm[i].boost;
	}
	for (size_t b = 0; b < k->nblocs; b++)
		x->proj_bloc[b] = util_xcalloc(x->nproj, sizeof(double));
	for (size_t t = 0; t < x->nproj; t++) {
		if (t > 0) {
			model_comp_step(s, boost, k->nfirms, next);
			for (size_t i = 0; i < k->nfirms; i++)
				s[i] = next[i];
		}
		for (size_t i = 0; i < k->nfirms; i++)
			x->proj_share[i][t] = s[i];
		x->proj_hhi[t] = model_hhi(s, k->nfirms);
		x->proj_cr3[t] = model_cr3(s, k->nfirms);
		for (size_t b = 0; b < k->nblocs; b++)
			x->proj_bloc[b][t] = bloc_share(&k->bloc[b], s);
	}
	x->hhi_change = x->proj_hhi[x->nproj - 1] - x->proj_hhi[0];
	x->highly_concentrated = x->proj_hhi[x->nproj - 1] > p->hhi_high;
	x->significant_change = x->hhi_change > p->hhi_change;
}

comp_result *
model_comp_run(const comp_params *p)
{
	comp_result *r = util_xcalloc(1, sizeof *r);

	r->nmarkets = p->nmarkets;
	r->market = util_xcalloc(p->nmarkets ? p->nmarkets : 1, sizeof *r->market);
	for (size_t m = 0; m < p->nmarkets; m++) {
		r->market[m].hhi_change = NAN;
		comp_observed(&p->market[m], &r->market[m]);
		comp_project(p, &p->market[m], &r->market[m]);
	}
	return r;
}

void
comp_result_free(comp_result *r)
{
	if (r == NULL)
		return;
	for (size_t m = 0; m < r->nmarkets; m++) {
		comp_market_result *x = &r->market[m];
		free(x->hhi); free(x->cr3); free(x->proj_hhi); free(x->proj_cr3);
		for (size_t i = 0; i < COMP_MAX_FIRMS; i++)
			free(x->proj_share[i]);
		for (size_t b = 0; b < COMP_MAX_BLOCS; b++) {
			free(x->bloc[b]);
			free(x->proj_bloc[b]);
		}
	}
	free(r->market);
	free(r);
}
