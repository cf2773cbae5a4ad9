/* fin_metrics: the financial model's inputs and outputs as named metrics, and their
 * probability-weighted expectation over scenarios. */
#ifndef MKR_FIN_METRICS_H
#define MKR_FIN_METRICS_H

#include <stddef.h>

#include "model/finance.h"
#include "model/metrics.h"

/* One per-year output array of fin_result, as a metric and an export field. */
typedef struct fin_series_field {
	const char *name;  /* field and metric name: "revenue" -> finance.revenue@S */
	metric_unit unit;  /* unit of every value */
	size_t offset;     /* offsetof(fin_result, <array>) */
} fin_series_field;

/* The output series in export order (investment_cost .. cumulative); nfin_series_fields
 * entries. Static data, never freed. */
extern const fin_series_field fin_series_fields[];
extern const size_t nfin_series_fields;

/* Returns the i-th value (year t0 + i) of field f of r. */
double fin_series_value(const fin_series_field *f, const fin_result *r, int i);

/* One scalar of fin_lens, as a metric and an export field. */
typedef struct fin_lens_field {
	const char *name; /* "npv" -> finance.lens.<lens>.npv@S */
	metric_unit unit; /* its unit */
	size_t offset;    /* offsetof(fin_lens, <field>) */
} fin_lens_field;

/* The lens fields in export order (payback_year, payback_year_final, npv, irr, moic);
 * nfin_lens_fields entries. Static data, never freed. */
extern const fin_lens_field fin_lens_fields[];
extern const size_t nfin_lens_fields;

/* Returns field f of lens l. */
double fin_lens_value(const fin_lens_field *f, const fin_lens *l);

/* Returns Microsoft's total cash inflows over the horizon: waterfall + revenue share +
 * hosting profit + stake sale, summed over every year (usd_bn). */
double fin_metrics_inflows(const fin_result *r);

/* Adds to m, for scenario S: every resolved scalar input (finance.<input>@S), every
 * scalar output, every output series over years t0..T (finance.<output>@S),
 * finance.inflows@S, finance.lens.<lens>.<field>@S for each lens (model_fin_lens_name)
 * and fin_lens_fields entry, and, unless probability is NaN, scenario.probability@S. Names and
 * units as in docs/authoring.md "Metric names". m owns the copies; p and r stay the
 * caller's. A name already in m is left as it was. */
void fin_metrics_add(metrics *m, const char *scenario, double probability,
    const fin_params *p, const fin_result *r);

/* Adds finance.<x>@expected for x in npv, irr, moic, moic_marked, payback_year,
 * inflows and total_investment: the sum over scenarios[0..n-1] of probs[i] times
 * finance.<x>@scenarios[i] read back from m (null if any is null or missing), the same
 * for every finance.lens.<lens>.<field>, and the
 * series finance.cumulative@expected (year-wise, only if every scenario's cumulative
 * covers the same years). Adds nothing when n is 0. The arrays stay the caller's. */
void fin_metrics_expected(metrics *m, const char *const *scenarios, const double *probs,
    size_t n);

#endif
