/* pipeline: the stages in order (load, compute, render) shared by the modes. */
#ifndef MKR_PIPELINE_H
#define MKR_PIPELINE_H

#include "chart/chart.h"
#include "diag.h"
#include "load/load.h"
#include "model/competition.h"
#include "model/dependency.h"
#include "model/finance.h"
#include "model/metrics.h"
#include "model/risk.h"
#include "site/site.h"
#include "util/buf.h"

/* Everything a run has computed. */
typedef struct pipeline {
	report *rep;          /* loaded report (owned) */
	fin_result *results;  /* one per scenario, in rep->scenarios order (owned) */
	metrics *m;           /* every metric: facts, per-scenario and expected (owned) */
	dep_result *dep;      /* one per scenario; set where the scenario has dep (owned) */
	comp_result **comp;   /* one per scenario, NULL where it has no comp (owned) */
	risk_result *risk;    /* the risk register's outputs, NULL without one (owned) */
} pipeline;

/* Loads content_dir and computes every metric into p, the Monte Carlo on jobs worker
 * threads (>= 1, or 0 for the number of online cores); the results do not depend on
 * jobs. Returns 0, or -1 after recording errors in d (p is then empty). Free with
 * pipeline_free. */
int pipeline_compute(const char *content_dir, int jobs, diag *d, pipeline *p);

/* Renders every page and data file of p into out, reading the template and style.css
 * from templates_dir. Returns 0, or -1 after recording errors in d. */
int pipeline_render(const pipeline *p, const char *templates_dir, diag *d, site_out *out);

/* Draws chart id of p's report alone as fmt into out, with the fonts of
 * templates_dir/fonts.conf. Returns 0, or -1 after recording errors in d (an unknown
 * id, a duplicate id, the chart's own errors). */
int pipeline_chart(const pipeline *p, const char *templates_dir, const char *id,
    chart_format fmt, diag *d, buf *out);

/* Returns the templates folder to use: given if non-NULL, else $MKREPORT_TEMPLATES,
 * else ../share/mkreport/templates beside the binary's folder, else the one of the
 * configured PREFIX, else ./templates. The string is static or given. */
const char *pipeline_templates_dir(const char *given);

/* Writes the JSON export of p into b: every scenario, or only the one named only if
 * non-NULL (which must exist); with the dependency, competition and risk parts. */
void pipeline_export_json(const pipeline *p, const char *only, buf *b);

/* Frees what p owns and empties it. */
void pipeline_free(pipeline *p);

#endif
