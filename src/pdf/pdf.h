/* pdf: the whole report typeset as one PDF with pango on cairo, charts drawn as vectors. */
#ifndef MKR_PDF_H
#define MKR_PDF_H

#include <stddef.h>

#include <libxml/tree.h>

#include "render/render.h"
#include "util/buf.h"

/* What report.pdf keeps of the report's pages: each section's article (heading,
 * content, notes) copied into one small document, without the template, navigation,
 * footer or the parts the PDF leaves out; the page documents themselves can be freed
 * as soon as they are written. Memory grows with the content, not with pages x
 * template. */
typedef struct pdf_book pdf_book;

/* Returns a new book for nsections sections, each still empty; free with pdf_book_free. */
pdf_book *pdf_book_new(size_t nsections);

/* Frees b. NULL is a no-op. */
void pdf_book_free(pdf_book *b);

/* Keeps in b, as section i, a copy of what the PDF sets of the finished page document
 * page (as page_render_keep hands it over): its <article> (else its <main>) without
 * navigation, folded data tables, pictures, anchors, back links, web-only text and
 * download links. page is not kept: the caller frees it. A NULL page, no such
 * element, or i out of range leaves section i empty; a NULL b is a no-op. */
void pdf_book_add(pdf_book *b, size_t i, xmlDocPtr page);

/* Typesets the report c->rep into out as one PDF (A4 portrait): a title page (title,
 * subtitle, author, as-of date), a contents page (each section with its page number,
 * linked), then every section in report order from book (pdf_book_count(book) must be
 * c->rep->nsections; a section left empty is an error), with running heads, page
 * numbers, the section's notes, and each chart figure drawn as vectors from the spec
 * render kept in c->figs->specs under its id (through chart_draw_cairo; no Markdown or
 * YAML is read; a figure without a kept spec is an error naming it). The bytes depend only on the inputs: fixed metadata (title, author, dates
 * from as_of). Returns 0, or -1 after recording errors in c->d. */
int pdf_report(const render_ctx *c, const pdf_book *book, buf *out);

#endif
