/* render_int: state and helpers shared by the render stage's files for one page. */
#ifndef MKR_RENDER_INT_H
#define MKR_RENDER_INT_H

#include <stddef.h>

#include <cmark.h>
#include <libxml/tree.h>

#include "diag.h"
#include "yaml/ytree.h"
#include "render/render.h"
#include "util/buf.h"

enum {
	RENDER_MAX_DEPTH = 48,  /* nesting of Markdown blocks and inlines on a page */
	RENDER_MAX_YEARS = 200, /* rows of a year-series table */
	RENDER_MAX_MISSES = 16, /* failed position searches per block before giving up */
};

/* One page being rendered. Every pointer is borrowed unless marked owned. */
typedef struct rnd {
	const render_ctx *c;       /* what rendering reads */
	const report *rep;         /* c->rep */
	diag *d;                   /* c->d */
	xmlDocPtr doc;             /* document the nodes are created in */
	const char *file;          /* the page path for diagnostics (interned) */
	const char *text;          /* the page's Markdown */
	size_t len;                /* bytes of text */
	size_t *lines;             /* owned: byte offset of each line's start (line 1 first) */
	int nlines;                /* entries of lines */
	int line_base;             /* page line of Markdown line 1, minus 1 */
	int end_line;              /* 0: search each block's own lines; else up to this line */
	size_t cur;                /* search cursor in text for the current block */
	size_t win_end;            /* end of the search window of the current block */
	int block_line;            /* page line where the current block starts */
	int block_col;             /* column where the block render_block entered last starts */
	int misses;                /* failed position searches in the current block */
	int depth;                 /* current nesting of rendered nodes */
	int too_deep;              /* 1 once the nesting error was reported */
	int nested;                /* 1 inside a callout body (directives are code there) */
	int in_link;               /* 1 while rendering a link's text */
	int has_sources;           /* 1 after a sources directive on this page */
	struct hash_table *ids;    /* owned: heading ids used -> next suffix to try for that
	                              base (created on first use) */
	render_heading *heads;     /* owned: headings so far (moved to the body) */
	size_t nheads;             /* entries of heads */
	int *cites;                /* owned: source index of each note (moved to the body) */
	int *uses;                 /* owned: citations so far of each note */
	int *note_of;              /* owned: per source index, its note number (0 = none) */
	size_t ncites;             /* entries of cites and uses */
	render_file *files;        /* owned: chart files so far (moved to the body) */
	size_t nfiles;             /* entries of files */
	render_chart *charts;      /* owned: chart figures so far (moved to the body) */
	size_t ncharts;            /* entries of charts */
	render_keyfig keyfig;      /* owned: the first key-figure card (moved to the body) */
	render_specs *specs;       /* owned: each chart figure's spec (moved to the body) */
	size_t section;            /* the section being rendered */
	int kept;                  /* 1: the page's tree is the one the figure scan kept, so
	                              its chart directives' YAML is kept too */
} rnd;

/* md_parse.c: returns text[0..len) parsed by cmark with options opts, its memory from
 * the checked allocators (free with cmark_node_free). */
cmark_node *render_md_parse(const char *text, size_t len, int opts);

/* markdown.c: returns the cmark options a page of rep is parsed with. */
int render_md_opts(const report *rep);

/* figures.c: returns the tree of section's page that render_scan_figures parsed with
 * render_md_opts and kept in f, handing it over (the caller frees it with
 * cmark_node_free; a second call returns NULL), or NULL if f kept none (f may be NULL).
 * Only the thread rendering the section may call this for it. */
cmark_node *render_figs_take_doc(const render_figs *f, size_t section);

/* figures.c: returns the YAML of chart directive n (a code block of the tree
 * render_figs_take_doc handed over for section, while it lives) as the scan parsed it
 * (owned by f), or NULL if the scan kept none for n (then parse it). */
const yt_node *render_figs_chart_root(const render_figs *f, size_t section,
    const cmark_node *n);

/* markdown.c: parses text as Markdown and renders its blocks into parent. line_base is
 * the page line of the text's line 1 minus 1; end_line (0 = none) bounds the search for
 * error positions when the text is not the page itself (a callout body). */
void render_md_into(rnd *r, const char *text, size_t len, int line_base, int end_line,
    xmlNodePtr parent);

/* markdown.c: sets r up to render section of c->rep into doc (page text, file name,
 * line table). Release with render_rnd_done. */
void render_rnd_init(rnd *r, const render_ctx *c, size_t section, xmlDocPtr doc);

/* markdown.c: frees everything r owns (results not moved out included). */
void render_rnd_done(rnd *r);

/* markdown.c: counts one nesting level; returns -1 (error reported once) beyond the limit. */
int render_enter(rnd *r);

/* markdown.c: leaves the level render_enter entered. */
void render_leave(rnd *r);

/* inline.c: renders the inline siblings from first on into parent, joining adjacent
 * text and soft breaks before scanning them for metric references and citations. */
void render_inlines(rnd *r, cmark_node *first, xmlNodePtr parent);

/* inline.c: parses raw HTML with libxml2's HTML parser and appends its nodes to parent. */
void render_raw_html(rnd *r, const char *html, xmlNodePtr parent);

/* inline.c: returns 1 if url may be a link's target (url_link_refusal: http(s) to a host,
 * mailto, or relative within the site), read as a browser reads it. */
int render_url_ok(const char *url);

/* refs.c: appends text s[0..n) to parent, replacing {{ metric }} references and
 * [@source] citations. */
void render_text(rnd *r, const char *s, size_t n, xmlNodePtr parent);

/* locate.c: builds the line table of the page text. Returns nothing; fills r->lines. */
void render_lines_init(rnd *r);

/* locate.c: sets the search window to block's lines (cmark line numbers). */
void render_window(rnd *r, cmark_node *block);

/* locate.c: returns the page position of the next occurrence of s[0..n) in the current
 * window and moves the cursor past it; if absent, the block's line without a column. */
diag_pos render_locate(rnd *r, const char *s, size_t n);

/* locate.c: returns the position of page line, column col (0 = unknown). */
diag_pos render_pos(rnd *r, int line, int col);

/* locate.c: returns the byte at page line:col, or '\0' outside the page. */
char render_char_at(rnd *r, int line, int col);

/* dom.c: appends a new element name to parent (when not NULL) and returns it. */
xmlNodePtr render_el(rnd *r, xmlNodePtr parent, const char *name);

/* dom.c: like render_el with a class attribute (cls may be NULL). */
xmlNodePtr render_el_class(rnd *r, xmlNodePtr parent, const char *name, const char *cls);

/* table.c: appends <figure class="cls"> (cls starts with "table") holding a new <table>
   and returns the table. The figure scrolls sideways on a narrow screen, so it is a tab
   stop (tabindex 0) named by caption (aria-label; "Table" when caption is NULL). */
xmlNodePtr render_table_figure(rnd *r, xmlNodePtr parent, const char *cls,
    const char *caption);

/* table.c: aligns table's columns: a numeric column's heading and placeholder cells
   get class "num" (right), a lone figure among words loses it. NULL is a no-op. */
void render_table_tidy(xmlNodePtr table);
/* table.c: readies table (a <table> in a <figure>) for a phone: every body cell but a
   leading row header gets data-label, its column's header text (the label CSS shows
   when the rows are stacked); the cells of the columns flagged in key (one flag per
   column, may be NULL) get the class "key"; the figure gets the class "stack" when the
   table is too wide for 390 px (four columns or more, or three with words). Tables
   with spanning header cells are left alone. */
void render_table_phone(xmlNodePtr table, const unsigned char *key);

/* dom.c: like render_el_class with text content (text may be NULL). */
xmlNodePtr render_el_text(rnd *r, xmlNodePtr parent, const char *name, const char *cls,
    const char *text);

/* dom.c: appends the text s[0..n) to parent as a text node (never parsed as markup). */
void render_add_text(rnd *r, xmlNodePtr parent, const char *s, size_t n);

/* dom.c: if s[0..n) holds a character a page may not carry (a C0 control other than
 * TAB, LF and CR, DEL, a C1 control, a noncharacter: what a character reference such as
 * &#1; decodes to), puts a copy with each made U+FFFD into out (a new buf: free it) and
 * returns 1; else returns 0 and leaves out alone. render_add_text and render_attr
 * apply it. */
int render_clean_text(const char *s, size_t n, buf *out);

/* dom.c: sets attribute name to val (stored as text, never parsed for entities). */
void render_attr(xmlNodePtr node, const char *name, const char *val);

/* slug.c: returns a page-unique id slugified from text (owned by r). */
const char *render_unique_id(rnd *r, const char *text);

/* slug.c: renders a heading node into parent: id, self-link anchor, headings list. */
void render_heading_block(rnd *r, cmark_node *n, xmlNodePtr parent);

/* slug.c: frees r's ids. */
void render_ids_free(rnd *r);

/* value.c: appends metric ref formatted by fmt (NULL = default) to out; fmt "status"
 * appends a fact's status ("disclosed", "target"...) instead of its value. Returns 0,
 * or -1 after reporting an unknown metric, a bad year, an unknown format or a status
 * asked of a metric that has none, at pos. */
int render_value(rnd *r, const char *ref, const char *fmt, diag_pos pos, buf *out);

/* value.c: returns 1 if fmt is "status" (the value is a word, not a number). */
int render_value_is_status(const char *fmt);

/* value.c: reads the "metric" (required) and "format" (optional, checked) keys of map m
 * into *ref and *fmt (NULL if absent). Returns 0 or -1 after reporting. */
int render_read_metric(rnd *r, const yt_node *m, const char *what, const char **ref,
    const char **fmt);

/* value.c: reads optional string key of map m into *out (NULL if absent). Returns 0/-1. */
int render_opt_str(rnd *r, const yt_node *m, const char *key, const char *what,
    const char **out);

/* value.c: reads required string key of map m into *out. Returns 0 or -1. */
int render_need_str(rnd *r, const yt_node *m, const char *key, const char *what,
    const char **out);

/* directive.c: returns 1 if info names a directive (cards, callout, table, ...). */
int render_is_directive(const char *info);

/* directive.c: expands the directive code block n into parent. */
void render_directive(rnd *r, cmark_node *n, xmlNodePtr parent);

/* table.c: renders a table directive's YAML root into parent. */
void render_table(rnd *r, const yt_node *root, xmlNodePtr parent);

/* chart_directive.c: renders a chart directive's YAML root (the fence at page line
 * fence_line) as a figure into parent and records its files in r. */
void render_chart_directive(rnd *r, const yt_node *root, int fence_line, xmlNodePtr parent);

/* figures.c: returns 1 if the inside of a {{ }} reference, trimmed, is "figure ID". */
int render_is_figure_ref(const char *name);

/* figures.c: renders the reference "figure ID" found at pos as a link "Figure N" to
 * the figure's page and anchor; an unknown id is an error at pos. */
void render_figure_ref(rnd *r, const char *name, diag_pos pos, xmlNodePtr parent);

/* figures.c: returns the number of chart id on the page being rendered: from the
 * report-wide table, else the next per-page number. */
int render_figure_number(rnd *r, const char *id);

/* lists.c: renders the sources directive (every source of the report) into parent. */
void render_sources(rnd *r, xmlNodePtr parent);

/* lists.c: renders the scenarios directive into parent. */
void render_scenarios(rnd *r, xmlNodePtr parent);

/* page.c: appends date (YYYY-MM-DD, YYYY-MM or YYYY) written out: "1 November 2026",
 * "November 2026", "2026"; anything else as given. */
void render_put_date(buf *out, const char *date);

/* risks.c: renders the risks directive (the register in rank order) into parent; an
 * error at fence_line if the report has no data/risks.yaml. */
void render_risks(rnd *r, int fence_line, xmlNodePtr parent);

#endif
