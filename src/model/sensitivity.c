/* sensitivity: one-way swings of NPV and payback, sorted for a tornado chart. */
#include "model/sensitivity.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

/* Orders rows by swing, largest first, then by path. */
static int
sens_cmp(const void *a, const void *b)
{
	const sens_row *x = a, *y = b;
	if (x->swing != y->swing)
		return x->swing > y->swing ? -1 : 1;
	return strcmp(x->path, y->path);
}

/* Runs work (a copy of base) with u's input at v; stores NPV and payback. */
static void
sens_end(fin_params *work, const model_uparam *u, double v, fin_result *r, double *npv,
    double *payback)
{
	double keep = model_param_get(work, &u->ref);
	model_param_set(work, &u->ref, v);
	model_fin_run(work, r);
	*npv = r->npv;
	*payback = r->payback_year;
	model_param_set(work, &u->ref, keep);
}

size_t
model_sensitivity(const fin_params *base, const model_uparam *u, size_t n, sens_row *out)
{
	fin_params *work = util_xmalloc(sizeof *work);
	fin_result *r = util_xmalloc(sizeof *r);
	size_t k = 0;

	*work = *base;
	for (size_t i = 0; i < n; i++) {
		if (isnan(u[i].low) || isnan(u[i].high))
			continue;
		sens_row *s = &out[k++];
		s->param = i;
		s->path = u[i].path;
		s->low = u[i].low;
		s->high = u[i].high;
		sens_end(work, &u[i], u[i].low, r, &s->npv_low, &s->payback_low);
		sens_end(work, &u[i], u[i].high, r, &s->npv_high, &s->payback_high);
		s->swing = fabs(s->npv_high - s->npv_low);
	}
	qsort(out, k, sizeof *out, sens_cmp);
	free(work);
	free(r);
	return k;
}
