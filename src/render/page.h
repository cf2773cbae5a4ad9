/* page: whole HTML5 pages from the template, and the site's small fixed files. */
#ifndef MKR_PAGE_H
#define MKR_PAGE_H

#include <libxml/tree.h>

#include "diag.h"
#include "render/render.h"
#include "util/buf.h"

typedef struct tmpl tmpl;

/* Parses the XHTML template at path (shown as display in diagnostics) without
 * entities, DTD loading or network; every external entity load is refused. Returns
 * NULL after recording an error (with line:col) in d. Free with tmpl_free. */
tmpl *tmpl_load(const char *path, const char *display, diag *d);

/* Frees t. NULL is a no-op. */
void tmpl_free(tmpl *t);

/* Returns t's parsed template document (owned by t; copy it before changing it). */
xmlDocPtr tmpl_doc(const tmpl *t);

/* Returns a copy of t's document to fill (free with xmlFreeDoc; t must outlive it)
 * that remembers t, for tmpl_slot_guess. */
xmlDocPtr tmpl_copy(const tmpl *t);

/* Returns the element of doc (made by tmpl_copy) at the place the slot name has in the
 * template, without a walk: the slot itself while doc's tree has not changed on the
 * way to it, else another element or NULL (the caller checks). NULL for a doc not made
 * by tmpl_copy or a slot the template lacks. */
xmlNodePtr tmpl_slot_guess(xmlDocPtr doc, const char *name);

/* Renders section i of c->rep through t into out as an HTML5 document (doctype,
 * title, description, navigation, contents, body, sources, as-of date). Returns 0,
 * or -1 after recording errors in c->d. */
int page_render(const render_ctx *c, const tmpl *t, size_t i, buf *out);

/* Like page_render, and also hands over the files the page produced in *files
 * (*nfiles entries; free with page_files_free): each chart's SVG, dark SVG, PNG, PDF
 * and CSV, and its chart page charts/<id>.html (the template with the figure alone,
 * its data table and links, every relative link prefixed with "../"). On -1, *files
 * is NULL. */
int page_render_all(const render_ctx *c, const tmpl *t, size_t i, buf *out,
    render_file **files, size_t *nfiles);

/* Like page_render_all, and if keep is non-NULL and the page rendered, hands over in
 * *keep the finished page document (the template filled, every data-slot attribute
 * removed: the same tree out was serialized from; free with xmlFreeDoc). */
int page_render_keep(const render_ctx *c, const tmpl *t, size_t i, buf *out,
    render_file **files, size_t *nfiles, xmlDocPtr *keep);

/* Appends date (YYYY-MM-DD, YYYY-MM or YYYY) written out as the pages write it: "1
 * November 2026", "November 2026", "2026"; anything else as given. */
void page_put_date(buf *out, const char *date);

/* Frees n files and the array. NULL is a no-op. */
void page_files_free(render_file *files, size_t n);

/* One section's rendered page, as page_render_sections hands it over. The sink may
 * take html (buf_detach), files (setting files NULL, nfiles 0) and doc (setting it
 * NULL); what it leaves is freed after it returns. */
typedef struct page_result {
	size_t i;            /* the section */
	int rc;              /* page_render_keep's result (the page may be partial on -1) */
	buf html;            /* the page */
	render_file *files;  /* the files it produced (nfiles), or NULL */
	size_t nfiles;       /* entries of files */
	xmlDocPtr doc;       /* with keep and rc 0: the finished document, else NULL */
} page_result;

/* Receives each rendered page, on the thread that called page_render_sections. */
typedef void (*page_sink)(void *arg, page_result *pg);

/* Renders the page of every section of c->rep (page_render_keep; keep: also its
 * document) on threads threads (0: the online cores; 1: only the calling thread, with
 * c->jobs threads per chart; more: one thread per chart, pages in parallel) and calls
 * sink(arg, page) on the calling thread for each page in section order. The errors of
 * each page go to c->d in section order, as with one thread; the pages, files and
 * documents are the same whatever threads. At most a few pages per thread are held
 * at once. A thread out of memory stops them all, then util_oom is raised on the
 * calling thread. Returns 0 if every page rendered, else -1. */
int page_render_sections(const render_ctx *c, const tmpl *t, int keep, int threads,
    page_sink sink, void *arg);

/* Renders the 404 page: every link and asset absolute from base_url's path ("/" without
 * base_url), so it works served for a missing path at any depth. Returns 0 or -1. */
int page_render_404(const render_ctx *c, const tmpl *t, buf *out);

/* Returns 1 if the site of c->rep has a contents page (more than 40 sections; see
 * render/nav.h), written by page_render_contents as contents.html; else 0. */
int page_has_contents(const report *r);

/* Renders the contents page (every section as a link, grouped by part) into out.
 * Returns 0, or -1 after recording an error in c->d (a section slugged "contents"). */
int page_render_contents(const render_ctx *c, const tmpl *t, buf *out);

/* Renders the explorer page (render/explore_page.h) into out, with a
 * Content-Security-Policy that allows only the site's own files. Returns 0. */
int page_render_explore(const render_ctx *c, const tmpl *t, buf *out);

/* Writes sitemap.xml into out: the absolute URL (from base_url, which r must have) of
 * every section page, then contents.html and explore.html when the site has them, then
 * every chart page of
 * figs (NULL: none) in figure order; lastmod = as_of. A report without base_url has no
 * sitemap (a sitemap lists absolute URLs only). */
void page_sitemap(const report *r, const render_figs *figs, buf *out);

/* Writes robots.txt (allow all; the sitemap line when r has a base_url) into out. */
void page_robots(const report *r, buf *out);

/* Serializes node and its subtree as HTML5 into out: void elements without end tags,
 * text and attribute values escaped, no namespace prefixes. */
void html5_serialize(xmlNodePtr node, buf *out);

#endif
