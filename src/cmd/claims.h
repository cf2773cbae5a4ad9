/* claims: every output path a build writes, claimed up front with the source that
 * writes it, so two sources never write one file. */
#ifndef MKR_CLAIMS_H
#define MKR_CLAIMS_H

#include "render/render.h"
#include "site/site.h"

/* Claims in cl every path pipeline_render writes for c's report (figures from figs;
 * report.pdf when c->pdf): the site's own files first (404.html, robots.txt,
 * style.css, the icons, card.png, the data exports, contents.html, sitemap.xml, report.pdf, the
 * pack), then each section's page and share card, then each chart's files, page and
 * share card. Returns 0, or -1 after recording in c->d an error per clash, at the
 * later source (a section's entry in report.yaml, a chart's id), naming both. */
int claims_outputs(const render_ctx *c, const render_figs *figs, site_claims *cl);

/* Records an error in d for each path of out that cl has no claim for (a file written
 * without claims_outputs knowing it: a bug). Returns 0, or -1 after an error. */
int claims_cover(site_out *out, const site_claims *cl, diag *d);

#endif
