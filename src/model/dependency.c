/* dependency: the weighted dependency indices and the switching cost per year. */
#include "model/dependency.h"

#include <math.h>
#include <stdlib.h>

#include "util/buf.h"

const char *const dep_index_names[DEP_NINDICES] = {
	"openai_on_microsoft", "microsoft_on_openai",
};

dep_params *
dep_params_new(void)
{
	return util_xcalloc(1, sizeof(dep_params));
}

void
dep_params_free(dep_params *p)
{
	if (p == NULL)
		return;
	for (int k = 0; k < DEP_NINDICES; k++) {
		dep_index *x = &p->index[k];
		for (size_t i = 0; i < x->nfactors; i++) {
			free(x->factor[i].id);
			free(x->factor[i].label);
			free(x->factor[i].source);
		}
		free(x->label);
	}
	free(p);
}

double
model_dep_weight_sum(const dep_index *x)
{
	double s = 0;

	for (size_t i = 0; i < x->nfactors; i++)
		s += x->factor[i].weight;
	return s;
}

double
model_dep_index(const dep_index *x)
{
	double s = 0;

	for (size_t i = 0; i < x->nfactors; i++)
		s += x->factor[i].weight * x->factor[i].value;
	return s;
}

void
model_dep_run(const dep_params *p, const fin_result *f, dep_result *r)
{
	const dep_switching *sw = &p->sw;

	for (int k = 0; k < DEP_NINDICES; k++)
		r->index[k] = model_dep_index(&p->index[k]);
	r->asymmetry = r->index[DEP_OM] - r->index[DEP_MO];
	r->t0 = f->t0;
	r->n = f->n;
	for (int i = 0; i < f->n; i++) {
		r->engineering[i] = sw->engineering;
		r->duplicate[i] = sw->overlap_months / 12.0 * f->compute_spend[i] * sw->fraction;
		r->performance[i] = sw->transition_months / 12.0 * sw->efficiency_drop *
		    f->revenue[i] * sw->fraction;
		r->total[i] = r->engineering[i] + r->duplicate[i] + r->performance[i];
		r->share_of_revenue[i] = f->revenue[i] > 0 ? r->total[i] / f->revenue[i] : NAN;
	}
}
