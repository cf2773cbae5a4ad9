/* render: a report page's Markdown as a libxml2 subtree (directives, metrics, citations). */
#ifndef MKR_RENDER_H
#define MKR_RENDER_H

#include <stddef.h>

#include <libxml/tree.h>

#include "diag.h"
#include "load/load.h"
#include "model/metrics.h"

/* What rendering reads. All pointers are borrowed. */
typedef struct render_ctx {
	const report *rep;  /* the loaded report */
	const metrics *m;   /* every metric: fact.*, finance.*@scenario, *@expected */
	diag *d;            /* where errors go */
} render_ctx;

/* A heading of the page, for the on-page contents list. */
typedef struct render_heading {
	int level;   /* 1..6 */
	char *id;    /* unique anchor id on the page */
	char *text;  /* plain text of the heading */
} render_heading;

/* A rendered page body. */
typedef struct render_body {
	xmlNodePtr root;            /* <div class="content">, owned by the doc given */
	size_t nheadings;
	render_heading *headings;   /* every heading in order */
	size_t ncites;
	int *cites;                 /* note k (1-based) cites rep->sources[cites[k-1]] */
} render_body;

/* Renders section's Markdown into a new <div class="content"> created in doc (not
 * yet linked into it). Returns 0, or -1 after recording errors in c->d at the page's
 * file:line:col (unknown metric, format, directive, source id, bad directive YAML...).
 * On -1, out->root may be NULL. Free out's arrays with render_body_free. */
int render_markdown(const render_ctx *c, size_t section, xmlDocPtr doc, render_body *out);

/* Frees out's headings and cites (not the nodes, which belong to the doc). */
void render_body_free(render_body *out);

#endif
