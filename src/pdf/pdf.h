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

/* Makes b readable while it is filled: from now on pdf_book_add also keeps the spec
 * (from specs, which must outlive b) of each chart figure of the article it adds, and
 * the typesetter waits for each section to be added (or b closed) before it reads it,
 * taking the specs of its charts from b, not from specs. Then pdf_book_add must run
 * where no spec is being added to specs (as the build's page loop does: each page's
 * specs are added while it renders, before its pdf_book_add). */
void pdf_book_keep_specs(pdf_book *b, const render_specs *specs);

/* Says that no section will be added to b any more: a reader waiting for one goes on
 * (an empty section is an error of the PDF). NULL is a no-op. */
void pdf_book_close(pdf_book *b);

/* The glyphs of the words report.pdf shaped, kept from build to build (in the build
 * cache) so a rebuild shapes only words it has not seen: the bytes are the same as
 * when every word is shaped. Valid only for the same tool and fonts (the caller's key). */
typedef struct pdf_shapes pdf_shapes;

/* Returns the words stored in the n bytes at data (from pdf_shapes_save; NULL or
 * bytes in another format, or damaged: none), copied; they are parsed when the
 * typesetter first asks for a word (on its thread). Free with pdf_shapes_free. */
pdf_shapes *pdf_shapes_new(const void *data, size_t n);

/* pdf_shapes_new on the entry key of cache c (which must outlive the result), read
 * when the typesetter first asks for a word (on its thread); kept in c for later
 * builds whether read or not. */
pdf_shapes *pdf_shapes_from_cache(struct cache *c, const uint8_t key[SHA256_LEN]);

/* pdf_shapes_new on the bytes of b, taken over without a copy (b is left empty). */
pdf_shapes *pdf_shapes_adopt(buf *b);

/* Frees s. NULL is a no-op. */
void pdf_shapes_free(pdf_shapes *s);

/* If typesetting with s shaped words s did not hold, as many as 1/16 of those it held
 * (or s held none), appends to out every word it used (sorted: the same words give
 * the same bytes) and returns 1; else returns 0 and leaves out unchanged (a few new
 * words are shaped again next time rather than the whole store written). */
int pdf_shapes_save(const pdf_shapes *s, buf *out);

/* Returns how many words typesetting with s shaped because s did not hold them. */
size_t pdf_shapes_added(const pdf_shapes *s);

/* Typesets the report c->rep into out as one tagged PDF (A4 portrait): a title page
 * (title and subtitle, author, as-of date, edition, the key figures of the first
 * section's cards, the description), a contents page (each section with its page
 * number, linked), then every section in report order from book (pdf_book_count(book)
 * must be c->rep->nsections; a section left empty is an error), with running heads,
 * page numbers, the section's notes kept with its text, and each chart figure drawn as
 * vectors from the spec render kept in c->figs->specs under its id (through
 * chart_draw_cairo; no Markdown or YAML is read; a figure without a kept spec is an
 * error naming it). Typeset in parts: the title and contents, then runs of sections
 * (one section each up to 32 sections, else as many as keep 32 parts), each a PDF of
 * its own whose first page follows the parts before it; with c->cache set and a book
 * read while filled (pdf_book_keep_specs), a part whose inputs an earlier build
 * typeset (pdf_part_key) is taken from the cache, so an unchanged section is not laid
 * out again. The parts are joined (pdf_join) and finished (structure, /Lang, /Alt,
 * outline). The bytes depend only on the inputs, not on the cache: fixed metadata
 * (title, author, keywords, dates from as_of). Returns 0, or -1 after recording errors
 * in c->d. */
int pdf_report(const render_ctx *c, const pdf_book *book, buf *out);

/* pdf_report, each word's glyphs taken from shapes if it holds them, else shaped and
 * kept there (shapes may be NULL). The same bytes as pdf_report. */
int pdf_report_shaped(const render_ctx *c, const pdf_book *book, pdf_shapes *shapes,
    buf *out);

/* report.pdf typeset on a thread of its own while the caller finishes the site. */
typedef struct pdf_job pdf_job;

/* Starts a thread that loads the PDF's fonts at once, then typesets c->rep from book as
 * pdf_report does (same bytes, same errors): at once, section by section as they are
 * added, if pdf_book_keep_specs was called on book, else once pdf_job_go is called.
 * c (copied) and what it points to, and book, must stay alive until pdf_job_finish,
 * and unchanged but for the sections added to book; the job records its errors apart and hands them to
 * c->d in pdf_job_finish, so the caller may use c->d meanwhile. If no thread can be
 * started, pdf_job_finish does the work. Words are shaped through shapes (may be
 * NULL; the job uses it until pdf_job_finish). Never NULL; end with pdf_job_finish. */
pdf_job *pdf_job_start(const render_ctx *c, pdf_book *book, pdf_shapes *shapes);

/* Starts the thread of a job whose work is not known yet, so that its fonts load while
 * the caller loads the report: pdf_job_begin gives it its work (then it is as
 * pdf_job_start's), pdf_job_drop ends it unused. $FONTCONFIG_FILE must be set already
 * (chart_fonts_init). Never NULL. */
pdf_job *pdf_job_early(void);

/* Gives j (from pdf_job_early, not begun) its work, with pdf_job_start's arguments and
 * contract. */
void pdf_job_begin(pdf_job *j, const render_ctx *c, pdf_book *book, pdf_shapes *shapes);

/* Ends j (from pdf_job_early, not begun) unused: waits for its thread and frees it.
 * NULL is a no-op. */
void pdf_job_drop(pdf_job *j);

/* Says j's book is complete (closes it) and c->figs->specs holds every chart. */
void pdf_job_go(pdf_job *j);

/* Closes j's book, waits for j and frees it. keep 1: appends the PDF to out and returns what
 * pdf_report would (0, or -1 after its errors are recorded in c->d). keep 0: j is
 * cancelled if it has not been let go (its errors are dropped), and 0 is returned. */
int pdf_job_finish(pdf_job *j, int keep, buf *out);

/* pdf_job_finish, and on success also appends to keys the build cache keys of the
 * parts report.pdf was joined from (32 bytes each; none without a cache), so that a
 * build reusing the whole report.pdf can keep them (cache_keep) for the next one. */
int pdf_job_finish_keys(pdf_job *j, int keep, buf *out, buf *keys);

#endif
