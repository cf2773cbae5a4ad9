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

/* Returns the space the element after a heading needs on the same page. */
static double
next_min(pdf_doc *t, xmlNodePtr node, double x)
{
	xmlNodePtr n = next_element(node);
	double line = pdf_line_pitch(t->size);
	if (n == NULL)
		return line;
	if (pdf_is(n, "figure") && pdf_has_class(n, "chart"))
		return pdf_figure_height(t, n, PDF_LEFT + PDF_WIDTH - x);
	if (pdf_is(n, "figure") || pdf_is(n, "table") || pdf_has_class(n, "cards"))
		return 5 * line;
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
	pdf_gap(t, size * 0.6);
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

/* Sets a block quote or callout at x, with a rule down its left side. */
static void
quote(pdf_doc *t, xmlNodePtr q, double x)
{
	int caution = pdf_has_class(q, "callout-caution");
	double saved[4] = { t->bar_x, t->bar_rgb[0], t->bar_rgb[1], t->bar_rgb[2] };
	pdf_gap(t, t->size * 0.6);
	pdf_need(t, 3 * pdf_line_pitch(t->size));
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
	pdf_tag(t, "Div");
	pdf_blocks(t, sec, x);
	pdf_tag_end(t);
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

void
pdf_blocks(pdf_doc *t, xmlNodePtr node, double x)
{
	pdf_text tx;
	pdf_text_init(&tx);
	for (xmlNodePtr n = node->children; n != NULL; n = n->next) {
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
