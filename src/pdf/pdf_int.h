/* pdf_int: the typesetter's state and steps shared by the files of src/pdf. */
#ifndef MKR_PDF_INT_H
#define MKR_PDF_INT_H

#include <stddef.h>

#include <cairo.h>
#include <libxml/tree.h>
#include <pango/pangocairo.h>

#include "pdf/pdf.h"
#include "render/render.h"
#include "util/buf.h"
#include "util/sha256.h"

/* A4 portrait in PDF points, and the text block inside it. */
#define PDF_PAGE_W 595.276
#define PDF_PAGE_H 841.890
#define PDF_LEFT 72.0                        /* left margin */
#define PDF_WIDTH (PDF_PAGE_W - 2 * PDF_LEFT) /* the text width */
#define PDF_TOP 82.0                         /* first line of the text block */
#define PDF_BOTTOM (PDF_PAGE_H - 78.0)       /* nothing of the text goes below */
#define PDF_BODY 10.0                        /* body text size, pt */
#define PDF_LEAD 1.38                        /* line height over the font's line */
#define PDF_INTER_ASC 0.96875                /* Inter's ascender over the em (hhea) */
#define PDF_INTER_LINE 1.2109375             /* Inter's line height over the em (hhea) */

/* A link over bytes [start, end) of a styled text. */
typedef struct pdf_link {
	size_t start; /* first byte */
	size_t end;   /* byte after the last */
	char *uri;    /* the external address (owned) */
} pdf_link;

/* Text with its styles, built from a run of inline nodes. */
typedef struct pdf_text {
	buf s;                /* the UTF-8 text */
	PangoAttrList *attrs; /* its styles (owned) */
	pdf_link *links;      /* external links in it (owned) */
	size_t nlinks;        /* entries used in links */
	size_t caplinks;      /* entries allocated */
} pdf_text;

/* The typesetter: one pass over the whole report. */
typedef struct pdf_doc {
	const render_ctx *c;  /* the report, metrics, figures and diagnostics */
	const pdf_book *book; /* the articles being set */
	cairo_t *cr;          /* the PDF surface's context */
	int dry;              /* 1: a dry run (blocks.c), which only lays out: nothing is drawn */
	PangoContext *pc;     /* unhinted context at 72 dpi: 1 pt = 1 unit */
	int page;             /* the current page, 1-based (page0: none begun) */
	int page0;            /* pages before the part being set (pdf.c's parts) */
	double y;             /* top of the free space on the current page */
	long section;         /* the section being set, -1 before the first */
	int *sec_page;        /* first page of each section, as laid out */
	const int *toc_page;  /* each section's first page, for the contents */
	int ncontents;        /* pages the contents take */
	int quotes;           /* depth of block quotes and callouts being set */
	double bar_y;         /* a quote's rule is drawn down to here on this page */
	double bar_x;         /* where the innermost quote's rule is drawn */
	double bar_rgb[3];    /* its colour */
	double size;          /* size of running text now, pt (smaller in notes) */
	PangoLayout *marker;  /* list marker waiting for the next line drawn, or NULL */
	double marker_x;      /* the marker's right edge */
	int failed;           /* 1 once a chart could not be drawn */
	GHashTable *laid;     /* layouts by their settings and text, kept for both passes */
	GHashTable *words;    /* glyphs of each word by font and text, kept for both passes */
	GHashTable *paras;    /* paragraphs by their settings and text, kept for both passes */
	pdf_shapes *shapes;   /* words shaped by earlier builds, or NULL */
	struct pdf_tags *tags; /* the structure being written, NULL in a dry pass (tags.c) */
	int short_page;       /* a page whose text ends short_by points higher (0: none) */
	double short_by;      /* how much higher, points */
	int tight_notes;      /* 1: the next notes are set without space between them */
	int tight;            /* 1: notes set now: paragraphs without space between them */
} pdf_doc;

/* Returns the glyphs of text[0..n) shaped with analysis a and PangoShapeFlags flags
 * (caller frees): from s if an earlier build stored the same word (font description,
 * bidi level, script, language, flags, text), else shaped now with pango_shape_with_flags
 * and kept in s. A NULL s only shapes. */
PangoGlyphString *pdf_shapes_shape(pdf_shapes *s, const PangoAnalysis *a, int flags,
    const char *text, size_t n);

/* Ends a typesetting with s (NULL: no-op): forgets the fonts s refers to (call before
 * the font map goes, on the typesetter's thread) and, if words were added, makes there
 * what pdf_shapes_save hands out. */
void pdf_shapes_end(pdf_shapes *s);

/* A paragraph of running text broken into lines (lines.c). */
typedef struct pdf_para pdf_para;

/* Returns a new table for pdf_doc.words; free with g_hash_table_unref. */
GHashTable *pdf_words_new(void);

/* Returns a new table for pdf_doc.paras; free with g_hash_table_unref (its paragraphs
 * borrow their glyphs from pdf_doc.words: use none after either is freed). */
GHashTable *pdf_paras_new(void);

/* Lays out the styled text x in Inter at size pt, weight w, in lines of at most width
 * points (<= 0: one line per forced break) with leading lead (line pitch over the
 * font's line): itemized once, each word shaped once per t->words, lines filled
 * greedily at spaces, hyphens, dashes and slashes. With t->paras set, the same text
 * and settings give the same paragraph, kept in t->paras (then pdf_para_free leaves
 * it there). Release with pdf_para_free; valid until t->paras is freed. */
pdf_para *pdf_para_new(pdf_doc *t, const pdf_text *x, double size, PangoWeight w,
    double width, double lead);

/* Frees p unless t->paras keeps it. NULL is a no-op. */
void pdf_para_free(pdf_para *p);

/* Returns the number of lines of p (at least 1). */
size_t pdf_para_lines(const pdf_para *p);

/* Returns the height one line of p takes in the flow. */
double pdf_para_pitch(const pdf_para *p);

/* Returns the height all of p takes in the flow. */
double pdf_para_height(const pdf_para *p);

/* Flows p at left edge x line by line as pdf_flow does (page breaks between lines, no
 * widow or orphan line, the waiting list marker, the quote's rule); the links of links
 * (may be NULL; byte ranges of the same text) are made clickable where drawn. */
void pdf_para_flow(pdf_doc *t, const pdf_para *p, double x, const pdf_text *links);

/* Returns the width of p's widest line, points. */
double pdf_para_natural(const pdf_para *p);

/* Returns the width of p's widest run of text between two places a line may break,
 * points: the narrowest p can be set without overflowing. */
double pdf_para_widest_word(const pdf_para *p);

/* Draws p whole with its top-left corner at (x, y), without moving the flow, each
 * line right-aligned to x + right when right > 0 (nothing in a dry pass). */
void pdf_para_draw_at(pdf_doc *t, const pdf_para *p, double x, double y, double right);

/* Makes the rectangle (x, y, w, h) a link to uri: a section of the report for a page
 * of the site, else the outside address. Nothing for a page that is no section's. */
void pdf_link_rect(pdf_doc *t, const char *uri, double x, double y, double w, double h);

/* Draws the waiting list marker (t->marker), right-aligned at t->marker_x, on
 * baseline base, and releases it (only releases it in a dry pass). */
void pdf_marker_draw(pdf_doc *t, double base);

/* Extends the rule of the quote being set down to y on this page. */
void pdf_quote_rule(pdf_doc *t, double y);

/* Returns the kept article of section i of b, or NULL; waits for it to be added if b
 * is read while filled (pdf_book_keep_specs) (book.c). */
xmlNodePtr pdf_book_article(const pdf_book *b, size_t i);

/* Returns the spec of chart id in section i of b, kept by pdf_book_add, and sets *known
 * to 1, or NULL if b keeps none under id (*known 1: an error); if b does not keep
 * specs (pdf_book_keep_specs), sets *known to 0 and returns NULL (book.c). */
const chart_spec *pdf_book_spec(const pdf_book *b, size_t i, const char *id, int *known);

/* Feeds h what the PDF sets of section i of b: its kept article (serialized) and the
 * id and every field (chart_spec_digest) of each chart spec kept for it; waits for it
 * as pdf_book_article does (book.c). */
void pdf_book_digest(const pdf_book *b, size_t i, sha256_ctx *h);

/* Feeds h whether n is there and, if it is, n and its subtree serialized (book.c). */
void pdf_node_digest(xmlNodePtr n, sha256_ctx *h);

/* Returns 1 if b is read while it is filled (pdf_book_keep_specs was called). */
int pdf_book_streams(const pdf_book *b);

/* Returns the number of sections of b (0 for NULL). */
size_t pdf_book_count(const pdf_book *b);

/* Starts a new page: closes the current one, draws the running head and footer
 * (except on page 1, the title page). */
void pdf_page_new(pdf_doc *t);

/* Sets page 1, the title page (title.c): the report's title and subtitle on a band of
 * the site's blue, its author, as-of date and edition, its key figures (the value and
 * label of each card of the first <div class="cards"> of section 0's kept article, the
 * site's index page, as many rows as fit) and its description at the foot. Begins the
 * page itself; leaves t->y at the page's top. */
void pdf_title_page(pdf_doc *t);

/* Feeds h what pdf_title_page reads of b: the first <div class="cards"> of section 0's
 * kept article (serialized), or that there is none; waits for section 0 as
 * pdf_book_article does (title.c). */
void pdf_title_digest(const pdf_book *b, sha256_ctx *h);

/* Returns the lowest y the text may reach on the current page: PDF_BOTTOM, less
 * t->short_by on page t->short_page. */
double pdf_bottom(const pdf_doc *t);

/* Starts a new page unless h points of height fit below t->y on this one. */
void pdf_need(pdf_doc *t, double h);

/* Adds g points of space unless at the top of a page. */
void pdf_gap(pdf_doc *t, double g);

/* Returns a new layout on t's context: Inter at size pt, weight w, wrapped at width
 * (<= 0: no wrapping). The caller unrefs it. */
PangoLayout *pdf_layout(pdf_doc *t, double size, PangoWeight w, double width);

/* Sets layout l (fully configured: font, width, wrap, alignment, leading) to the
 * styled text x and returns the layout to use: l, or, when t has laid out the same text
 * with the same settings before (in this pass or the previous one), that layout, l
 * being released. Either way the caller owns one reference and must not change the
 * layout afterwards. */
PangoLayout *pdf_layout_set(pdf_doc *t, PangoLayout *l, const pdf_text *x);

/* Returns a new table for pdf_doc.laid; free with g_hash_table_unref. */
GHashTable *pdf_laid_new(void);

/* Returns the height one line of l takes in the flow (with leading). */
double pdf_line_height(PangoLayout *l);

/* Returns the height a line of running text in size pt takes in the flow. */
double pdf_line_pitch(double size);

/* Flows l at left edge x line by line, breaking pages between lines; a waiting list
 * marker (t->marker) is drawn on the first line and released; the links of x (may be
 * NULL) are made clickable where drawn. */
void pdf_flow(pdf_doc *t, PangoLayout *l, double x, const pdf_text *links);

/* Draws l whole with its top-left corner at (x, y), without moving the flow (nothing
 * in a dry pass). */
void pdf_draw_at(pdf_doc *t, PangoLayout *l, double x, double y);

/* Sets the source colour to a grey level or a colour. */
void pdf_rgb(pdf_doc *t, double r, double g, double b);

/* Initialises x empty; free with pdf_text_free. */
void pdf_text_init(pdf_text *x);

/* Frees what x owns. */
void pdf_text_free(pdf_text *x);

/* Appends node itself (a text node or an inline element with its style) to x. */
void pdf_text_node(pdf_text *x, xmlNodePtr node);

/* Appends the inline content of node's children to x (strong, em, code, links, sup,
 * metric spans), skipping anchors, back links, class "web-only" and nested blocks. */
void pdf_text_inline(pdf_text *x, xmlNodePtr node);

/* Appends s to x with no style. */
void pdf_text_puts(pdf_text *x, const char *s);

/* Styles bytes [from, x->s.len) of x bold. */
void pdf_text_bold(pdf_text *x, size_t from);

/* Returns the text content of node, whitespace runs collapsed (caller frees). */
char *pdf_node_text(xmlNodePtr node);

/* Returns whether node is an element called name. */
int pdf_is(xmlNodePtr node, const char *name);

/* Returns whether node's class attribute holds the word cls. */
int pdf_has_class(xmlNodePtr node, const char *cls);

/* Returns node's first child element called name with class cls (cls may be NULL), or
 * NULL. Searches the whole subtree, depth first. */
xmlNodePtr pdf_find(xmlNodePtr node, const char *name, const char *cls);

/* Sets the children of node (a <div class="content">, <li>, <aside>...) as blocks
 * with their left edge at x. */
void pdf_blocks(pdf_doc *t, xmlNodePtr node, double x);

/* Returns the height pdf_figure will take for fig at width w (0 if it has no chart). */
double pdf_figure_height(pdf_doc *t, xmlNodePtr fig, double w);

/* Sets a <table> (its caption, header row, body rows) at x, rows never split, the
 * header repeated on each page it continues to. */
void pdf_table(pdf_doc *t, xmlNodePtr table, double x);

/* Sets a chart <figure>: its title, the chart as vectors at the text width, its
 * caption and source; moved whole to the next page if it does not fit. */
void pdf_figure(pdf_doc *t, xmlNodePtr fig, double x);

/* Sets the metric cards of a <div class="cards"> as a grid. */
void pdf_cards(pdf_doc *t, xmlNodePtr cards, double x);

/* The structure tree of report.pdf (tags.c): elements open, figures' alt texts and the
 * outline's entries, as the typesetter's real pass meets them. */
typedef struct pdf_tags pdf_tags;

/* The structure type cairo is given for page furniture (cairo 1.16 accepts only
 * structure types, not Artifact); finish.c takes these elements out of the tree and
 * marks their content as /Artifact. */
#define PDF_TAG_ARTIFACT "Private"

/* One entry of the outline. */
typedef struct pdf_outline_entry {
	int level;   /* 1 a section, 2 and 3 its headings, 4 a figure: nested under the
	              * nearest entry before it of a lower level */
	char *title; /* its text (owned) */
	char *dest;  /* the named destination it goes to (owned) */
} pdf_outline_entry;

/* Returns a new, empty structure; free with pdf_tags_free. */
pdf_tags *pdf_tags_new(void);

/* Frees g. NULL is a no-op. */
void pdf_tags_free(pdf_tags *g);

/* Begins element name (a structure type) holding other elements (Document, Sect, L,
 * LI, Table, TR...), inside the innermost open one. All pdf_tag* functions do nothing
 * when t->tags is NULL or inside an artifact. End each with pdf_tag_end. */
void pdf_tag(pdf_doc *t, const char *name);

/* Begins element name that holds text (P, H1, TD, Figure...): begun in cairo at its
 * first ink (pdf_tag_ink), so an element that draws nothing is not written. A text
 * element begun inside a text element that has no ink yet is not written: its text
 * goes to the outer one (an LBody holding one paragraph holds its text); any other
 * element begun inside a text element before its ink makes it hold elements. */
void pdf_tag_leaf(pdf_doc *t, const char *name);

/* pdf_tag_leaf with cairo attributes attrs (a Link's dest or uri and rect). */
void pdf_tag_leaf_attrs(pdf_doc *t, const char *name, const char *attrs);

/* Ends the innermost open element. */
void pdf_tag_end(pdf_doc *t);

/* Says something is about to be drawn: begins the innermost element if it is a text
 * element still waiting. Every function that draws text calls it. */
void pdf_tag_ink(pdf_doc *t);

/* Before a page ends: ends the innermost text element in cairo if begun; its ink on
 * the next page goes into a new element of the same type. */
void pdf_tag_pause(pdf_doc *t);

/* Writes a Link element with cairo attributes attrs (dest or uri, and rect): if the
 * innermost open element holds text (a Span around a paragraph's lines), right after
 * it ends or its page ends, as its next sibling; else inside it at once, which then
 * holds elements. */
void pdf_tag_link(pdf_doc *t, const char *attrs);

/* Begins and ends page furniture (running heads, page numbers, a repeated table
 * header): drawn as an artifact, outside the structure; nests. */
void pdf_artifact_begin(pdf_doc *t);
void pdf_artifact_end(pdf_doc *t);

/* Records alt (NULL: "") as the alt text of the next Figure element, in order. */
void pdf_tag_alt(pdf_doc *t, const char *alt);

/* Returns the alt texts recorded in g, in order, and sets *n to their count (owned by g). */
const char *const *pdf_tags_alts(const pdf_tags *g, size_t *n);

/* Adds an outline entry of level for title to the existing destination dest. */
void pdf_outline_add(pdf_doc *t, int level, const char *title, const char *dest);

/* Names a destination at the flow's y on this page and adds an outline entry of level
 * for title[0..n) going there. */
void pdf_outline_mark(pdf_doc *t, int level, const char *title, size_t n);

/* Returns the outline entries of g in order and sets *n to their count (owned by g). */
const pdf_outline_entry *pdf_tags_outline(const pdf_tags *g, size_t *n);

/* One part of report.pdf: pages typeset by cairo into a PDF of their own (part.c). */
typedef struct pdf_part {
	buf pdf;                /* cairo's file */
	int npages;             /* pages it holds */
	int *first;             /* first page of each of its sections, counted from the
	                         * part's first page (0) (owned) */
	size_t nsec;            /* entries of first */
	pdf_outline_entry *out; /* its outline entries, in order (owned) */
	size_t nout;            /* entries of out */
	char **alts;            /* its Figure elements' alt texts, in order (owned) */
	size_t nalts;           /* entries of alts */
} pdf_part;

/* Frees what p holds and leaves it empty (all zero); a zeroed p is empty too. */
void pdf_part_clear(pdf_part *p);

/* Copies into p the outline entries and alt texts of g and the first pages of its
 * nsec sections, sec[0..nsec), less page0 + 1 (the part's first page is page0 + 1). */
void pdf_part_take(pdf_part *p, const pdf_tags *g, const int *sec, size_t nsec, int page0);

/* Appends p to b in the form pdf_part_unpack reads. */
void pdf_part_pack(const pdf_part *p, buf *b);

/* Reads into p (cleared first) the n bytes at s written by pdf_part_pack for a part of
 * nsec sections. Returns 0, or -1 (p left empty) if they are malformed, cut short or
 * hold another number of sections. */
int pdf_part_unpack(pdf_part *p, const char *s, size_t n, size_t nsec);

/* Sets key to the cache key of the part of sections [from, to) of book, its first page
 * after page0 pages: the tool, the fonts, the report's title (running heads), every
 * section's slug (links), each section's title and kept article and its charts' specs
 * (pdf_book_digest). */
void pdf_part_key(const render_ctx *c, const pdf_book *book, size_t from, size_t to,
    int page0, uint8_t key[SHA256_LEN]);

/* Sets key to the cache key of the title and contents part: the tool, the fonts, the
 * report's title, subtitle, author, date, edition, description, keywords, every
 * section's title, slug and first page (sec), and section 0's key figures
 * (pdf_title_digest: an edit elsewhere in section 0 leaves the part as it was). */
void pdf_part_title_key(const render_ctx *c, const pdf_book *book, const int *sec,
    uint8_t key[SHA256_LEN]);

/* What pdf_finish adds to a PDF cairo wrote. */
typedef struct pdf_finish_info {
	const char *lang;        /* the catalog's /Lang (BCP 47), NULL for none */
	const char *date;        /* "YYYY-MM-DD": CreationDate and ModDate, NULL to keep */
	const char *const *alts; /* the /Alt of each Figure element, in tree order */
	size_t nalts;            /* entries of alts: must equal the Figure elements */
	const pdf_outline_entry *dests; /* titles of named destinations: a link going to
	                                 * one says its title (/Contents) */
	size_t ndests;           /* entries of dests */
} pdf_finish_info;

/* Rewrites the PDF in pdf (as cairo 1.16 wrote it with pdf_tags' elements: a
 * cross-reference table, no object streams) object by object (finish.c): takes the artifact elements out of the structure tree (their
 * parent tree entries made null, their marked content renamed /Artifact), gives
 * each Figure its /Alt, each TH a column /Scope, each Note an /ID and each link
 * annotation a /Contents (its address or its destination's title), sets /Lang,
 * /MarkInfo, /ViewerPreferences /DisplayDocTitle, /Tabs /S on every page,
 * the dates as PDF dates, and writes it again with object streams and an ID computed
 * from the content (same input, same bytes). Returns 0 with pdf replaced, or -1 with
 * pdf unchanged and a reason in why (n bytes). */
int pdf_finish(buf *pdf, const pdf_finish_info *info, char *why, size_t n);

/* Rewrites, in the PDF in pdf (as cairo 1.16 wrote it with pdf_tags' elements), each
 * page's content as pdf_finish does (the marked content of artifact elements made
 * /Artifact) and writes it again in cairo's form (finish.c), so that pdf_finish_marked need
 * not read any page's content. Returns 0 with pdf
 * replaced, or -1 with pdf unchanged and a reason in why (n bytes). */
int pdf_mark_artifacts(buf *pdf, char *why, size_t n);

/* pdf_finish of a PDF whose pages' content pdf_mark_artifacts has rewritten already:
 * no page's content is read or written again. */
int pdf_finish_marked(buf *pdf, const pdf_finish_info *info, char *why, size_t n);

/* Joins the PDFs parts[0..n) (each as cairo 1.16 writes it with pdf_tags' elements
 * under one Document element, with no outline; part 0 gives the Info dictionary) into
 * one PDF in out, in cairo's form (a cross-reference table, no object streams) for
 * pdf_finish (finish.c): every object renumbered, the parts' pages in one page tree,
 * their Document elements' children under one Document, their parent trees in one
 * with each part's keys (and its pages' /StructParents, its annotations'
 * /StructParent) moved past the keys of the parts before it, their named destinations
 * in one sorted /Dests name tree, and an outline made of the entries out[0..nout)
 * (nested as pdf_outline_entry says, each going to its named destination). The same
 * parts give the same bytes. Returns 0, or -1 with out unchanged and a reason in why
 * (nwhy bytes). */
int pdf_join(const buf *const *parts, size_t n, const pdf_outline_entry *out, size_t nout,
    buf *pdf, char *why, size_t nwhy);

#endif
