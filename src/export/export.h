/* export: the metrics table and resolved inputs as JSON and CSV text. */
#ifndef MKR_EXPORT_H
#define MKR_EXPORT_H

#include "model/competition.h"
#include "model/dependency.h"
#include "model/finance.h"
#include "model/metrics.h"
#include "model/risk.h"
#include "util/buf.h"

/* One scenario as export sees it (borrowed pointers). */
typedef struct export_scenario {
	const char *name;         /* scenario id */
	const char *title;        /* human title */
	double probability;       /* NaN for a counterfactual (exported as null) */
	const fin_params *params; /* resolved inputs */
	const fin_result *result; /* outputs */
	const dep_params *dep;    /* dependency inputs, NULL: no "dependency" object */
	const dep_result *dep_result;   /* dependency outputs (with dep) */
	const comp_params *comp;  /* competition inputs, NULL: no "competition" object */
	const comp_result *comp_result; /* competition outputs (with comp) */
} export_scenario;

/* One event of the evidence as export sees it (borrowed strings). */
typedef struct export_evidence {
	const char *id;     /* evidence id: its metrics are evidence.<id>.<likelihood|weight>@S */
	const char *date;   /* YYYY-MM-DD or YYYY-MM */
	const char *event;  /* what happened */
	const char *source; /* source id */
} export_evidence;

/* The report-wide parts of the export (borrowed; NULL members are left out). */
typedef struct export_extra {
	const risk_register *risks;    /* the register, NULL: no "risks" */
	const risk_result *risk_result;/* its outputs */
	const comp_params *comp;       /* the base scenario's competition inputs, NULL: no */
	const comp_result *comp_result;/* their outputs (the observed years are used) */
	const export_evidence *evidence;/* the events in order, NULL: "evidence" is [] */
	size_t nevidence;              /* entries of evidence */
} export_extra;

/* Writes the JSON document of MODEL.md's Export section into out: per scenario the
 * resolved inputs and every output series with units, its prior_probability and
 * posterior_probability (m's scenario.<prior|posterior>_probability@S, null without),
 * then "expected" (every "*@expected" metric of m, keyed without the suffix),
 * "expected_posterior" (the same for "*@expected_posterior"), "evidence" and "facts". NaN is written as
 * null; numbers with 17 significant digits; keys in a fixed order. */
void export_json(const export_scenario *s, size_t ns, const metrics *m, buf *out);

/* export_json plus, per scenario with dep/comp, the objects "dependency" and
 * "competition" (inputs, outputs, units), at the top level "risks" and the observed
 * "competition" when x has them, and "evidence": x's events in order, each with id,
 * date, event, source and, per scenario S with the metric, likelihood and
 * weight_after (m's evidence.<id>.likelihood@S and .weight@S). x may be NULL. */
void export_json_extra(const export_scenario *s, size_t ns, const export_extra *x,
    const metrics *m, buf *out);

/* Writes every metric of m as CSV rows "metric,scenario,year,value,unit" (RFC 4180
 * quoting, empty year for scalars, empty value for null) into out. If scenario is
 * non-NULL only rows of that scenario (name suffix @scenario) are written. */
void export_csv(const metrics *m, const char *scenario, buf *out);

#endif
