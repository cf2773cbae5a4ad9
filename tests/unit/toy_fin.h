/* toy_fin: small hand-checkable fin_params for the sensitivity and Monte Carlo suites. */
#ifndef TOY_FIN_H
#define TOY_FIN_H

#include <math.h>
#include <stddef.h>

#include "model/finance.h"
#include "model/params.h"

/* Two years, 2020..2021, discount 0: 10 invested in cash in 2020; the only inflow is
 * hosting in 2021: compute_spend[1] x azure_share 1 x azure_gross_margin 0.5. With
 * compute_spend[1] = 40: CF = {-10, 20}, NPV = 10, payback 2020 + 10 / 20 = 2020.5. */
static inline void
toy_two_years(fin_params *p)
{
	*p = (fin_params){ 0 };
	p->t0 = 2020;
	p->T = 2021;
	p->azure_gross_margin = 0.5;
	p->ntranches = 1;
	p->tranche[0] = (fin_tranche){ 2020, 10, 1 };
	p->growth_decay = 1;
	p->margin_year = 2020;
	p->cap_multiple = NAN;
	p->waterfall_end = 2021;
	for (int i = 0; i < FIN_MAX_YEARS; i++) {
		p->revenue_actual[i] = NAN;
		p->margin_actual[i] = NAN;
		p->compute_spend[i] = NAN;
		p->azure_share[i] = 1;
	}
	p->compute_spend[0] = 0;
	p->compute_spend[1] = 40;
}

/* Returns an uncertain input at offset (count doubles) with the given range. */
static inline model_uparam
toy_param(char *path, size_t offset, int count, double value, double low, double high)
{
	model_uparam u = { 0 };
	u.path = path;
	u.ref.offset = offset;
	u.ref.count = count;
	u.value = value;
	u.low = low;
	u.high = high;
	u.min = -INFINITY;
	u.max = INFINITY;
	return u;
}

#endif
