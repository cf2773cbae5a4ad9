/* unc_metrics: sensitivity and Monte Carlo results as named metrics. */
#ifndef MKR_UNC_METRICS_H
#define MKR_UNC_METRICS_H

#include <stddef.h>

#include "model/finance.h"
#include "model/metrics.h"
#include "model/montecarlo.h"
#include "model/params.h"
#include "model/sensitivity.h"

/* The fields of a sensitivity row, as metric suffixes, in export order. */
extern const char *const unc_sens_fields[];
extern const size_t nunc_sens_fields;

/* Adds, for scenario S and the rows (sorted, as model_sensitivity gives them):
 * sensitivity.count@S; per row sensitivity.<path>.<field>@S for every field of
 * unc_sens_fields plus .rank (1-based); and sensitivity.rank.<k>.<field>@S labelled
 * with the path. Names in docs/authoring.md, "Uncertainty metrics". */
void unc_metrics_sensitivity(metrics *m, const char *scenario, const sens_row *rows,
    size_t n);

/* Adds mc.draws, mc.seed, mc.npv.p<P>@S, mc.payback_year.p<P>@S, mc.cumulative.p<P>@S
 * (series), mc.payback_probability@S (series), for P in 5, 25, 50, 75, 95. */
void unc_metrics_mc(metrics *m, const char *scenario, const mc_summary *s);

/* Runs the sensitivity analysis and (if an input has a dist) the Monte Carlo of base
 * with the inputs u[0..n-1] and adds their metrics for scenario. */
void model_uncertainty(metrics *m, const char *scenario, const fin_params *base,
    const model_uparam *u, size_t n, const mc_config *cfg);

#endif
