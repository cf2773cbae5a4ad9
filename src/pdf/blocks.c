/* blocks: a page's block elements (headings, paragraphs, lists, quotes, callouts,
 * definition lists, notes) set one after another, keeping headings with what follows. */
#include "pdf/pdf_int.h"

#include <stdlib.h>
#include <string.h>

enum {
	LIST_INDENT = 16, /* points each list level moves in */
	QUOTE_INDENT = 14 /* points a quote's text moves in from its rule */
};

/* Heading sizes, pt, for h1..h4 (h5, h6 as h4). */
static const double HEAD_SIZE[] = { 20, 14, 11.5, 10 };

/* Returns the next element sibling of node, or NULL. */
static xmlNodePtr
next_element(xmlNodePtr node)
{
	for (xmlNodePtr n = node->next; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

/* A dry run: the typesetter's state before it, put back at its end. */
typedef struct dry_run {
	pdf_doc saved;         /* t as it was */
	render_ctx c;          /* t's context with diagnostics of the run's own */
	cairo_surface_t *sf;   /* a scratch surface: nothing reaches the PDF */
} dry_run;

/* Begins a dry run in d: from now on t lays out without drawing, tagging or reporting
 * anything, until dry_end. */
static void
dry_begin(pdf_doc *t, dry_run *d)
{
	d->saved = *t;
	d->c = *t->c;
	d->c.d = diag_new(); /* what goes wrong is said when the block is set for real */
	d->sf = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
	t->c = &d->c;
	t->cr = cairo_create(d->sf);
	t->dry = 1;
	t->tags = NULL;   /* nothing of a dry run enters the structure or the outline */
	t->marker = NULL; /* the waiting list marker stays the caller's */
}

/* Ends the dry run d: t is as it was at dry_begin. */
static void
dry_end(pdf_doc *t, dry_run *d)
{
	cairo_destroy(t->cr);
	cairo_surface_destroy(d->sf);
	diag_free(d->c.d);
	*t = d->saved;
}

static double quote_keep(pdf_doc *t, xmlNodePtr q, double x);

/* Returns the level (1..6) of heading element n, or 0 if n is no heading. */
static int
head_level(xmlNodePtr n)
{
	const char *name = (const char *)n->name;
	return name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == '\0' ?
	    name[1] - '0' : 0;
}

/* Returns the height heading h of level lv at x takes with the space before it. */
static double
head_height(pdf_doc *t, xmlNodePtr h, int lv, double x)
{
	pdf_text tx;
	pdf_text_init(&tx);
	pdf_text_inline(&tx, h);
	pdf_para *l = pdf_para_new(t, &tx, HEAD_SIZE[lv < 4 ? lv - 1 : 3], PANGO_WEIGHT_SEMIBOLD,
	    PDF_LEFT + PDF_WIDTH - x, 1.15);
	double hh = pdf_para_height(l) + (lv == 1 ? 0 : lv == 2 ? 16 : 11) + 4;
	pdf_para_free(l);
	pdf_text_free(&tx);
	return hh;
}

/* Returns the space the element after a heading needs on the same page: a heading
 * with what it keeps (so a heading is never left alone above another heading). */
static double
next_min(pdf_doc *t, xmlNodePtr node, double x)
{
	xmlNodePtr n = next_element(node);
	double line = pdf_line_pitch(t->size);
	if (n == NULL)
		return line;
	if (head_level(n) > 0)
		return head_height(t, n, head_level(n), x) + next_min(t, n, x);
	if (pdf_is(n, "figure") && pdf_has_class(n, "chart"))
		return pdf_figure_height(t, n, PDF_LEFT + PDF_WIDTH - x);
	if (pdf_is(n, "figure") || pdf_is(n, "table") || pdf_has_class(n, "cards"))
		return 5 * line;
	if (pdf_is(n, "blockquote") || pdf_has_class(n, "callout"))
		return t->size * 0.6 + quote_keep(t, n, x);
	return 3 * line;
}

/* Sets heading h (level 1..6); level 1 opens a section and is its link target. */
static void
heading(pdf_doc *t, xmlNodePtr h, int level, double x)
{
	double size = HEAD_SIZE[level < 4 ? level - 1 : 3];
	pdf_text tx;
	pdf_text_init(&tx);
	pdf_text_inline(&tx, h);
	pdf_para *l = pdf_para_new(t, &tx, size, PANGO_WEIGHT_SEMIBOLD, PDF_LEFT + PDF_WIDTH - x,
	    1.15);
	double hh = pdf_para_height(l);
	double before = level == 1 ? 0 : level == 2 ? 16 : 11;
	pdf_need(t, before + hh + 4 + next_min(t, h, x));
	pdf_gap(t, before);
	if (level == 1 && t->section >= 0 && !t->dry) {
		buf at;
		buf_init(&at);
		buf_printf(&at, "name='sec-%s' x=0 y=%.2f", t->c->rep->sections[t->section].slug,
		    t->y > 20 ? t->y - 20 : 0);
		cairo_tag_begin(t->cr, CAIRO_TAG_DEST, at.data);
		cairo_tag_end(t->cr, CAIRO_TAG_DEST);
		buf_free(&at);
	}
	if (level == 2 || level == 3)
		pdf_outline_mark(t, level, tx.s.data ? tx.s.data : "", tx.s.len);
	static const char *const tag[] = { "H1", "H2", "H3", "H4", "H5", "H6" };
	pdf_tag_leaf(t, tag[level - 1]);
	pdf_rgb(t, 0.05, 0.05, 0.05);
	pdf_para_flow(t, l, x, &tx);
	pdf_tag_end(t);
	pdf_rgb(t, 0.1, 0.1, 0.1);
	t->y += level == 1 ? 10 : 3;
	pdf_para_free(l);
	pdf_text_free(&tx);
}

/* Flows the styled text x as a paragraph at x0 in size pt. */
static void
paragraph(pdf_doc *t, pdf_text *tx, double x0, double size)
{
	while (tx->s.len && tx->s.data[tx->s.len - 1] == ' ')
		tx->s.len--;
	if (tx->s.len == 0)
		return;
	pdf_para *l = pdf_para_new(t, tx, size, PANGO_WEIGHT_NORMAL, PDF_LEFT + PDF_WIDTH - x0,
	    PDF_LEAD);
	pdf_gap(t, size * (t->tight ? 0.15 : 0.6));
	pdf_tag_leaf(t, "P");
	pdf_para_flow(t, l, x0, tx);
	pdf_tag_end(t);
	pdf_para_free(l);
}

/* Sets the inline content of element n as a paragraph at x. */
static void
para_of(pdf_doc *t, xmlNodePtr n, double x)
{
	pdf_text tx;
	pdf_text_init(&tx);
	pdf_text_inline(&tx, n);
	if (pdf_has_class(n, "callout-title"))
		pdf_text_bold(&tx, 0);
	paragraph(t, &tx, x, t->size);
	pdf_text_free(&tx);
}

static int is_inline(xmlNodePtr n);

/* Returns whether li holds inline content only (set as one paragraph). */
static int
one_para(xmlNodePtr li)
{
	for (xmlNodePtr n = li->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE && !is_inline(n))
			return 0;
	return 1;
}

/* Sets the items of list (ul or ol) at x, their text LIST_INDENT further in. */
static void
list(pdf_doc *t, xmlNodePtr lst, double x)
{
	int ordered = pdf_is(lst, "ol"), k = 1, notes = pdf_has_class(lst, "notes");
	xmlChar *start = xmlGetProp(lst, BAD_CAST "start");
	if (start)
		k = atoi((const char *)start);
	xmlFree(start);
	if (!notes)
		pdf_tag(t, "L");
	for (xmlNodePtr li = lst->children; li != NULL; li = li->next) {
		if (!pdf_is(li, "li"))
			continue;
		char mark[24];
		if (ordered)
			snprintf(mark, sizeof mark, "%d.", k++);
		else
			snprintf(mark, sizeof mark, "%s", "\xe2\x80\xa2");
		if (t->marker)
			g_object_unref(t->marker);
		pdf_text mx; /* the same marker is laid out once (t->laid) */
		pdf_text_init(&mx);
		pdf_text_puts(&mx, mark);
		t->marker = pdf_layout_set(t, pdf_layout(t, t->size, PANGO_WEIGHT_NORMAL, 0), &mx);
		pdf_text_free(&mx);
		t->marker_x = x + LIST_INDENT - 5;
		if (!notes)
			pdf_tag(t, "LI");
		if (!notes && one_para(li))
			pdf_tag_leaf(t, "LBody"); /* it holds the item's text */
		else
			pdf_tag(t, notes ? "Note" : "LBody"); /* a Note whole across pages */
		pdf_blocks(t, li, x + LIST_INDENT);
		pdf_tag_end(t);
		if (!notes)
			pdf_tag_end(t);
		if (t->marker) {
			g_object_unref(t->marker);
			t->marker = NULL;
		}
	}
	if (!notes)
		pdf_tag_end(t);
}

/* Sets the content of block quote or callout q at x, with a rule down its left side. */
static void
quote_body(pdf_doc *t, xmlNodePtr q, double x)
{
	int caution = pdf_has_class(q, "callout-caution");
	double saved[4] = { t->bar_x, t->bar_rgb[0], t->bar_rgb[1], t->bar_rgb[2] };
	t->quotes++;
	t->bar_x = x;
	t->bar_y = t->y;
	t->bar_rgb[0] = caution ? 0.80 : 0.16;
	t->bar_rgb[1] = caution ? 0.45 : 0.42;
	t->bar_rgb[2] = caution ? 0.10 : 0.72;
	pdf_tag(t, pdf_is(q, "blockquote") ? "BlockQuote" : "Div");
	pdf_blocks(t, q, x + QUOTE_INDENT);
	pdf_tag_end(t);
	t->quotes--;
	t->bar_x = saved[0];
	memcpy(t->bar_rgb, saved + 1, sizeof t->bar_rgb);
	t->bar_y = t->y;
	t->y += 4;
}

/* Returns the height quote q at x must find free on a page before it starts: all of
 * it when it is short (a third of a page at most) and not inside another quote, so
 * a short callout is never split; else three lines. */
static double
quote_keep(pdf_doc *t, xmlNodePtr q, double x)
{
	double lines = 3 * pdf_line_pitch(t->size);
	if (t->quotes > 0)
		return lines;
	dry_run d;
	dry_begin(t, &d);
	int page = t->page;
	t->y = PDF_TOP + 1; /* below the top, so that the gaps inside count */
	t->short_page = 0;
	quote_body(t, q, x);
	double h = t->y - (PDF_TOP + 1);
	int one_page = t->page == page;
	dry_end(t, &d);
	return one_page && h <= (PDF_BOTTOM - PDF_TOP) / 3 ? h : lines;
}

/* Sets a block quote or callout at x, with a rule down its left side, moved whole to
 * the next page if short (quote_keep). */
static void
quote(pdf_doc *t, xmlNodePtr q, double x)
{
	pdf_gap(t, t->size * 0.6);
	pdf_need(t, quote_keep(t, q, x));
	quote_body(t, q, x);
}

/* Sets a definition list: each term bold, each description indented. */
static void
deflist(pdf_doc *t, xmlNodePtr dl, double x)
{
	for (xmlNodePtr n = dl->children; n != NULL; n = n->next) {
		if (pdf_is(n, "dt")) {
			pdf_text tx;
			pdf_text_init(&tx);
			pdf_text_inline(&tx, n);
			pdf_text_bold(&tx, 0);
			pdf_gap(t, 4);
			pdf_need(t, 3 * pdf_line_pitch(t->size));
			paragraph(t, &tx, x, t->size);
			pdf_text_free(&tx);
		} else if (pdf_is(n, "dd")) {
			pdf_blocks(t, n, x + LIST_INDENT);
		}
	}
}

/* Sets preformatted text in the monospace font at x, lines kept as they are. */
static void
preformatted(pdf_doc *t, xmlNodePtr pre, double x)
{
	xmlChar *s = xmlNodeGetContent(pre);
	PangoLayout *l = pdf_layout(t, t->size * 0.85, PANGO_WEIGHT_NORMAL,
	    PDF_LEFT + PDF_WIDTH - x);
	PangoFontDescription *fd = pango_font_description_from_string("DejaVu Sans Mono");
	pango_font_description_set_size(fd, (gint)(t->size * 0.85 * PANGO_SCALE));
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_text(l, s ? (const char *)s : "", -1);
	pdf_gap(t, t->size * 0.6);
	pdf_tag_leaf(t, "P");
	pdf_flow(t, l, x, NULL);
	pdf_tag_end(t);
	g_object_unref(l);
	xmlFree(s);
}

/* Sets the notes of a section in a smaller size. */
static void
notes(pdf_doc *t, xmlNodePtr sec, double x)
{
	double saved = t->size;
	t->size = 8.5;
	t->tight = t->tight_notes;
	pdf_tag(t, "Div");
	pdf_blocks(t, sec, x);
	pdf_tag_end(t);
	t->tight = 0;
	t->size = saved;
}

/* Returns whether n is inline content (text or a phrasing element). */
static int
is_inline(xmlNodePtr n)
{
	static const char *const names[] = { "a", "strong", "em", "b", "i", "code", "span",
		"sup", "sub", "cite", "time", "abbr", "kbd", "br", "small", "mark", "q", "img",
		NULL };
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
		return 1;
	for (size_t i = 0; n->type == XML_ELEMENT_NODE && names[i]; i++)
		if (strcmp((const char *)n->name, names[i]) == 0)
			return 1;
	return 0;
}

/* Sets one block element n at x. */
static void
block(pdf_doc *t, xmlNodePtr n, double x)
{
	const char *name = (const char *)n->name;
	if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == '\0')
		heading(t, n, name[1] - '0', x);
	else if (pdf_is(n, "p") && !pdf_has_class(n, "chart-links"))
		para_of(t, n, x);
	else if (pdf_is(n, "ul") || pdf_is(n, "ol"))
		list(t, n, x);
	else if (pdf_is(n, "blockquote") || pdf_has_class(n, "callout"))
		quote(t, n, x);
	else if (pdf_is(n, "figure") && pdf_has_class(n, "chart"))
		pdf_figure(t, n, x);
	else if (pdf_is(n, "table"))
		pdf_table(t, n, x);
	else if (pdf_has_class(n, "cards"))
		pdf_cards(t, n, x);
	else if (pdf_is(n, "dl"))
		deflist(t, n, x);
	else if (pdf_is(n, "pre"))
		preformatted(t, n, x);
	else if (pdf_has_class(n, "notes-section"))
		notes(t, n, x);
	else if (pdf_is(n, "hr")) {
		pdf_gap(t, 8);
		pdf_artifact_begin(t);
		cairo_set_line_width(t->cr, 0.5);
		cairo_move_to(t->cr, x, t->y);
		cairo_line_to(t->cr, PDF_LEFT + PDF_WIDTH, t->y);
		cairo_stroke(t->cr);
		pdf_artifact_end(t);
		t->y += 8;
	} else if (!pdf_is(n, "nav") && !pdf_is(n, "details") && !pdf_is(n, "script") &&
	    !pdf_is(n, "style") && !pdf_is(n, "picture"))
		pdf_blocks(t, n, x);
}

/* Sets the siblings from first up to stop (NULL: to the last) as blocks at x, runs of
 * inline content between them as paragraphs. */
static void
blocks_range(pdf_doc *t, xmlNodePtr first, xmlNodePtr stop, double x)
{
	pdf_text tx;
	pdf_text_init(&tx);
	for (xmlNodePtr n = first; n != NULL && n != stop; n = n->next) {
		if (is_inline(n)) {
			pdf_text_node(&tx, n);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		paragraph(t, &tx, x, t->size);
		pdf_text_free(&tx);
		pdf_text_init(&tx);
		block(t, n, x);
	}
	paragraph(t, &tx, x, t->size);
	pdf_text_free(&tx);
}

/* How the end of a section is set: which page ends early, by how much, and whether
 * its notes are set tight. */
typedef struct fit {
	int page;     /* the page that ends early (0: none) */
	double by;    /* how much earlier, points */
	int tight;    /* 1: the notes without space between them */
} fit;

enum {
	TAIL_BLOCKS = 3 /* the last blocks of a section's text that may move to make room */
};

/* Where the text of a section ends. */
typedef struct text_end {
	int page;     /* the page its last line is on */
	double y;     /* the foot of its last line there */
} text_end;

/* Sets the blocks from tail to the end of their parent, then the notes section notes
 * at x, as fit f says; returns where the text (before the notes) ends. */
static text_end
tail_set(pdf_doc *t, xmlNodePtr tail, xmlNodePtr notes_sec, double x, const fit *f)
{
	t->short_page = f->page;
	t->short_by = f->by;
	t->tight_notes = f->tight;
	blocks_range(t, tail, NULL, x);
	text_end body = { t->page, t->y };
	notes(t, notes_sec, x);
	t->short_page = 0;
	t->short_by = 0;
	t->tight_notes = 0;
	return body;
}

/* Lays out what tail_set would set, drawing and recording nothing, and leaves t as it
 * was; returns 1 if the notes end on the page the text ends on (no page holds only
 * notes), and where the text ends in *body. */
static int
tail_try(pdf_doc *t, xmlNodePtr tail, xmlNodePtr notes_sec, double x, const fit *f,
    text_end *body)
{
	dry_run d;
	dry_begin(t, &d);
	*body = tail_set(t, tail, notes_sec, x, f);
	int last = t->page;
	dry_end(t, &d);
	return last == body->page;
}

/* Returns the fit that ends the page where the text ends (at end) the least earlier,
 * f->tight as given, that leaves no page of notes alone, and sets *found: first so that
 * its last line moves on, then a line more at a time; stops when the notes still run
 * over after the text moved on (ending the page earlier only adds to the next one), or
 * when the page would hold less than a quarter. */
static fit
tail_shorten(pdf_doc *t, xmlNodePtr tail, xmlNodePtr notes_sec, double x, fit f,
    text_end end, int *found)
{
	double line = pdf_line_pitch(PDF_BODY);
	text_end body;
	*found = 0;
	f.page = end.page;
	for (f.by = PDF_BOTTOM - end.y + 1; f.by <= 0.75 * (PDF_BOTTOM - PDF_TOP); f.by += line) {
		*found = tail_try(t, tail, notes_sec, x, &f, &body);
		if (*found || body.page > end.page)
			break;
	}
	return f;
}

/* Returns how to set tail and the notes after it so that no page holds only notes:
 * as they come; else with the notes tight; else with the text's last page ending
 * earlier (tail_shorten), so that its last lines or blocks move on to the notes, the
 * notes as they come, then tight; else as they come. */
static fit
tail_fit(pdf_doc *t, xmlNodePtr tail, xmlNodePtr notes_sec, double x)
{
	fit f = { 0, 0, 0 }, none = { 0, 0, 0 };
	text_end end, moved;
	int found;
	if (tail_try(t, tail, notes_sec, x, &f, &end))
		return none;
	f.tight = 1;
	if (tail_try(t, tail, notes_sec, x, &f, &moved))
		return f;
	for (f.tight = 0; f.tight < 2; f.tight++) {
		f = tail_shorten(t, tail, notes_sec, x, f, end, &found);
		if (found)
			return f;
	}
	return none;
}

/* Returns the TAIL_BLOCKS-th last element child of node (its first if it has fewer),
 * or NULL if it has none. */
static xmlNodePtr
tail_of(xmlNodePtr node)
{
	xmlNodePtr tail = NULL;
	int n = 0;
	for (xmlNodePtr c = node->last; c != NULL && n < TAIL_BLOCKS; c = c->prev)
		if (c->type == XML_ELEMENT_NODE) {
			tail = c;
			n++;
		}
	return tail;
}

/* Sets a section's article: its text, then its notes right after, the end of the text
 * moved on (tail_fit) if the notes would otherwise leave a page of notes alone. */
static void
article(pdf_doc *t, xmlNodePtr art, double x)
{
	xmlNodePtr content = NULL, notes_sec = NULL;
	for (xmlNodePtr n = art->children; n != NULL && notes_sec == NULL; n = n->next)
		if (pdf_has_class(n, "content")) {
			content = n;
			notes_sec = next_element(n);
			if (notes_sec && !pdf_has_class(notes_sec, "notes-section"))
				notes_sec = NULL;
		}
	xmlNodePtr tail = notes_sec ? tail_of(content) : NULL;
	if (tail == NULL) {
		blocks_range(t, art->children, NULL, x);
		return;
	}
	blocks_range(t, art->children, content, x);
	blocks_range(t, content->children, tail, x);
	fit f = tail_fit(t, tail, notes_sec, x);
	tail_set(t, tail, notes_sec, x, &f);
	blocks_range(t, notes_sec->next, NULL, x);
}

void
pdf_blocks(pdf_doc *t, xmlNodePtr node, double x)
{
	if (pdf_is(node, "article"))
		article(t, node, x);
	else
		blocks_range(t, node->children, NULL, x);
}
