/* pdf: the whole report typeset as one PDF with pango on cairo, charts drawn as vectors. */
#ifndef MKR_PDF_H
#define MKR_PDF_H

#include <stddef.h>

#include <libxml/tree.h>

#include "render/render.h"
#include "util/buf.h"

/* Typesets the report c->rep into out as one PDF (A4 portrait): a title page (title,
 * subtitle, author, as-of date), a contents page (each section with its page number,
 * linked), then every section in report order from the <article> of its finished page
 * document pages[i] (as page_render_keep hands it over; n == c->rep->nsections), with
 * running heads, page numbers, the section's notes, and each chart figure drawn as
 * vectors through render_chart_with and chart_draw_cairo (c->figs must be set). The
 * bytes depend only on the inputs: fixed metadata (title, author, dates from as_of).
 * Returns 0, or -1 after recording errors in c->d. */
int pdf_report(const render_ctx *c, xmlDocPtr const *pages, size_t n, buf *out);

#endif
