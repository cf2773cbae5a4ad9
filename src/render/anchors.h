/* anchors: every id each rendered page has, and the pages' links to #anchors checked
 * against them once every page is rendered. */
#ifndef MKR_ANCHORS_H
#define MKR_ANCHORS_H

#include <stddef.h>

#include <libxml/tree.h>

#include "diag.h"

typedef struct render_anchors render_anchors;

/* Returns a new, empty record for a report of nsections sections; free with
 * render_anchors_free. */
render_anchors *render_anchors_new(size_t nsections);

/* Frees a and everything it holds. NULL is a no-op. */
void render_anchors_free(render_anchors *a);

/* Records page path (its file relative to the site root: "money.html",
 * "charts/x.html"; copied), produced by rendering section, with the id of every
 * element at or below root. Only the thread rendering section may call this for it
 * (sections are independent, so pages may render on several threads). a NULL: no-op. */
void render_anchors_page(render_anchors *a, size_t section, const char *path,
    xmlNodePtr root);

/* Records a link in section's page (file page_path) to url, written at pos (pos.file
 * is copied), if url points at an anchor of this site: "#id", "page.html#id" or
 * "charts/id.html#id" (a leading "./" allowed, a query ignored). Other URLs are
 * ignored. Same threading rule as render_anchors_page. a NULL: no-op. */
void render_anchors_link(render_anchors *a, size_t section, const char *page_path,
    const char *url, diag_pos pos);

/* Checks every recorded link, in section order then page order, against the ids of
 * the page it points at, and records in d an error at the link for each anchor that
 * page does not have. A link to a page not recorded (unknown, or failed to render:
 * reported elsewhere) is skipped; "#" and "#top" always resolve (a browser scrolls to
 * the top). The fragment is percent-decoded first, as a browser does. Returns the
 * number of errors recorded (0 for a NULL a). */
int render_anchors_check(const render_anchors *a, diag *d);

#endif
