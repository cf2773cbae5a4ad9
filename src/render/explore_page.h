/* explore_page: the explorer page's content: a control for each assumption that moves
 * the answer, the summary of every lens and scenario, and the data the page's script
 * hands to the model compiled to WebAssembly (wasm/README.md). */
#ifndef MKR_EXPLORE_PAGE_H
#define MKR_EXPLORE_PAGE_H

#include <libxml/tree.h>

#include "render/render.h"

/* The explorer's file name in the site. */
#define EXPLORE_PAGE "explore.html"

/* Returns 1 if the site has the explorer page (the report has scenarios and the tool
 * carries the WebAssembly model), else 0. */
int explore_page_wanted(const report *r);

/* Returns a new <div class="content"> of doc holding the explorer: the controls with
 * the report's values, the summary tables with the report's own numbers (each cell's
 * data-metric names its metric, as pages use them), a hidden JSON text with every
 * scenario's inputs and the model, and the two scripts. Text is added as text. */
xmlNodePtr explore_page_body(xmlDocPtr doc, const render_ctx *c);

#endif
