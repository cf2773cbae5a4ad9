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
	int cache_read;       /* 1: chart files reused from the cache are read at once; 0:
	                         left there until the site or the pack needs them */
} pipeline;

/* pipeline_render's result when a file kept in the cache could not be read (damaged or
 * removed since): nothing is recorded; render again with cache_read 1. */
#define PIPELINE_STALE (-2)

/* Reads the n bytes named id from the build cache arg (a site_fetch and pack_fetch).
 * Returns 0, or -1 if they are not there whole. */
int pipeline_fetch(void *arg, const uint8_t id[SHA256_LEN], size_t n, buf *out);

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
 * -1 after recording errors in d, or PIPELINE_STALE. */
int pipeline_render(const pipeline *p, const char *templates_dir, int pdf, diag *d,
    site_out *out);

/* Starts report.pdf's job before the report is loaded (pdf_job_early), its fonts those
 * of templates_dir/fonts.conf, so that they load meanwhile. Returns the job, or NULL if
 * the fonts file cannot be read (pipeline_render then reports it). Call before any
 * other thread is started (it sets $FONTCONFIG_FILE). */
struct pdf_job *pipeline_pdf_early(const char *templates_dir);

/* pipeline_render with report.pdf's job early (from pipeline_pdf_early, or NULL), which
 * it takes over: gives it its work, or drops it when report.pdf is not typeset. */
int pipeline_render_early(const pipeline *p, const char *templates_dir, int pdf,
    struct pdf_job *early, diag *d, site_out *out);

/* Returns a new set of output files for a build of p into out_dir (free with
 * site_out_free): chart files left in p's cache are read from it when needed, and the
 * record of the last commit into out_dir (pipeline_site_done) is given to it, unless
 * p->cache_read (a build again after PIPELINE_STALE reads and compares every file). */
site_out *pipeline_site_new(const pipeline *p, const char *out_dir);

/* After a successful site_commit of o (made by pipeline_site_new) into out_dir: keeps
 * its record in p's cache for the next build. */
void pipeline_site_done(const pipeline *p, const site_out *o, const char *out_dir);

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
