/* pipeline: the stages in order (load, compute, render) shared by the modes. */
#ifndef MKR_PIPELINE_H
#define MKR_PIPELINE_H

#include "diag.h"
#include "load/load.h"
#include "model/finance.h"
#include "model/metrics.h"
#include "site/site.h"

/* Everything a run has computed. */
typedef struct pipeline {
	report *rep;          /* loaded report (owned) */
	fin_result *results;  /* one per scenario, in rep->scenarios order (owned) */
	metrics *m;           /* every metric: facts, per-scenario and expected (owned) */
} pipeline;

/* Loads content_dir and computes every metric into p. Returns 0, or -1 after
 * recording errors in d (p is then empty). Free with pipeline_free. */
int pipeline_compute(const char *content_dir, diag *d, pipeline *p);

/* Renders every page and data file of p into out, reading the template and style.css
 * from templates_dir. Returns 0, or -1 after recording errors in d. */
int pipeline_render(const pipeline *p, const char *templates_dir, diag *d, site_out *out);

/* Returns the templates folder to use: given if non-NULL, else $MKREPORT_TEMPLATES,
 * else ../share/mkreport/templates beside the binary's folder, else the one of the
 * configured PREFIX, else ./templates. The string is static or given. */
const char *pipeline_templates_dir(const char *given);

/* Frees what p owns and empties it. */
void pipeline_free(pipeline *p);

#endif
