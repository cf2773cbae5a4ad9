/* export: the metrics table and resolved inputs as JSON and CSV text. */
#ifndef MKR_EXPORT_H
#define MKR_EXPORT_H

#include "model/finance.h"
#include "model/metrics.h"
#include "util/buf.h"

/* One scenario as export sees it (borrowed pointers). */
typedef struct export_scenario {
	const char *name;         /* scenario id */
	const char *title;        /* human title */
	double probability;       /* NaN for a counterfactual (exported as null) */
	const fin_params *params; /* resolved inputs */
	const fin_result *result; /* outputs */
} export_scenario;

/* Writes the JSON document of MODEL.md's Export section into out: per scenario the
 * resolved inputs and every output series with units, then "expected" (every
 * "*@expected" metric of m, keyed without the suffix) and "facts". NaN is written as
 * null; numbers with 17 significant digits; keys in a fixed order. */
void export_json(const export_scenario *s, size_t ns, const metrics *m, buf *out);

/* Writes every metric of m as CSV rows "metric,scenario,year,value,unit" (RFC 4180
 * quoting, empty year for scalars, empty value for null) into out. If scenario is
 * non-NULL only rows of that scenario (name suffix @scenario) are written. */
void export_csv(const metrics *m, const char *scenario, buf *out);

#endif
