/* params: setting an uncertain input in fin_params and keeping draws in range. */
#include "model/params.h"

#include <math.h>

void
model_param_set(fin_params *p, const param_ref *ref, double v)
{
	double *a = (double *)((char *)p + ref->offset);
	for (int i = 0; i < ref->count; i++)
		a[i] = v;
}

double
model_param_get(const fin_params *p, const param_ref *ref)
{
	return *(const double *)((const char *)p + ref->offset);
}

double
model_param_clamp(const model_uparam *u, double v)
{
	if (v > u->max)
		return u->max;
	if (u->min_open ? v <= u->min : v < u->min)
		return u->min_open ? nextafter(u->min, INFINITY) : u->min;
	return v;
}
