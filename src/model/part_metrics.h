/* part_metrics: the dependency, competition and risk models' inputs and outputs as
 * named metrics (names in docs/authoring.md, "Metric names"). */
#ifndef MKR_PART_METRICS_H
#define MKR_PART_METRICS_H

#include <stddef.h>

#include "model/competition.h"
#include "model/dependency.h"
#include "model/metrics.h"
#include "model/risk.h"

/* Adds scenario S's dependency inputs and outputs: dependency.index.<i>@S,
 * dependency.asymmetry@S, dependency.factor.<i>.<f>@S, dependency.weight.<i>.<f>@S,
 * dependency.switching.<input>@S and the series dependency.switching.<engineering|
 * duplicate|performance|total|share_of_revenue>@S. Names already in m are kept. */
void dep_metrics_add(metrics *m, const char *scenario, const dep_params *p,
    const dep_result *r);

/* Adds the observed competition metrics (report-wide, no @): the thresholds and, per
 * market M, firm F and bloc B, the series competition.hhi.M, competition.cr3.M,
 * competition.share.M.F and competition.bloc.M.B. p and r are the base scenario's. */
void comp_metrics_observed(metrics *m, const comp_params *p, const comp_result *r);

/* Adds scenario S's competition inputs and projection: competition.horizon@S,
 * competition.boost.M.F@S, the series competition.projected_share.M.F@S,
 * competition.projected_hhi.M@S, competition.projected_cr3.M@S,
 * competition.projected_bloc.M.B@S, and the scalars competition.hhi_change.M@S,
 * competition.highly_concentrated.M@S and competition.significant_change.M@S (1 or 0). */
void comp_metrics_add(metrics *m, const char *scenario, const comp_params *p,
    const comp_result *r);

/* Adds @expected for every dependency.index.*, dependency.asymmetry and
 * competition.{hhi_change,highly_concentrated,significant_change}.* scalar of the first
 * scenario, weighted over scenarios[0..n-1] with probs (see model_expect_scalar). */
void part_metrics_expected(metrics *m, const char *const *scenarios, const double *probs,
    size_t n);

/* Adds risk.<id>.<likelihood|impact|expected|rank|likelihood_band|impact_band> for each
 * entry of g (label: its title; source: its source) and risk.total_expected. */
void risk_metrics_add(metrics *m, const risk_register *g, const risk_result *r);

#endif
