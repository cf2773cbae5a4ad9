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
	int jobs;             /* threads for the Monte Carlo and the charts (0 = the cores) */
	struct cache *cache;  /* outputs reused from earlier builds, NULL = none (borrowed) */
} pipeline;

/* Loads content_dir and computes every metric into p, the Monte Carlo on jobs worker
 * threads (>= 1, or 0 for the number of online cores; charts are later drawn on as
 * many); the results do not depend on jobs. Returns 0, or -1 after recording errors in d (p is then empty). Free with
 * pipeline_free. */
int pipeline_compute(const char *content_dir, int jobs, diag *d, pipeline *p);

/* pipeline_compute with the build cache c (NULL = none): the uncertainty analysis is
 * taken from c when its inputs are unchanged, and pipeline_render reuses chart files
 * and report.pdf from c. c must outlive p. */
int pipeline_compute_cached(const char *content_dir, int jobs, struct cache *c, diag *d,
    pipeline *p);

/* Renders every page and data file of p into out, reading the template and style.css
 * from templates_dir, and if pdf is 1 also the whole report as report.pdf. Returns 0,
 * or -1 after recording errors in d. */
int pipeline_render(const pipeline *p, const char *templates_dir, int pdf, diag *d,
    site_out *out);

/* A report's charts ready to be drawn one at a time (fonts selected, every page scanned
 * for its figures once). */
typedef struct pipeline_charts pipeline_charts;

/* Prepares p's charts with the fonts of templates_dir/fonts.conf; p must outlive the
 * result. Returns it (free with pipeline_charts_free), or NULL after recording errors in
 * d. */
pipeline_charts *pipeline_charts_new(const pipeline *p, const char *templates_dir, diag *d);

/* Draws chart id alone as each of the n formats fmts[i] into outs[i], on p's jobs
 * threads. Returns 0, or -1 after recording errors in the d given to _new (an unknown
 * id, a duplicate id, the chart's own errors). */
int pipeline_charts_draw(pipeline_charts *pc, const char *id, const chart_format *fmts,
    size_t n, buf *outs);

/* Frees pc. NULL is a no-op. */
void pipeline_charts_free(pipeline_charts *pc);

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
