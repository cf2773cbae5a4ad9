/* flow: pages (running head, footer), layouts and text flowed line by line across
 * page breaks. */
#include "pdf/pdf_int.h"

#include <stdio.h>
#include <string.h>

static const char LEAD_KEY[] = "mkr-lead"; /* a layout's leading, per mille */

void
pdf_rgb(pdf_doc *t, double r, double g, double b)
{
	cairo_set_source_rgb(t->cr, r, g, b);
}

/* Draws s in the running head's type at (x, y), wrapped at width, ellipsized and
 * aligned as asked; the layout is kept in t->laid, so a head repeated on every page is
 * laid out once. */
static void
furniture_text(pdf_doc *t, const char *s, double x, double y, double width,
    PangoAlignment align, int ellipsize)
{
	PangoLayout *l = pdf_layout(t, 7.5, PANGO_WEIGHT_NORMAL, width);
	if (ellipsize)
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	pango_layout_set_alignment(l, align);
	pdf_text x0;
	pdf_text_init(&x0);
	pdf_text_puts(&x0, s);
	l = pdf_layout_set(t, l, &x0);
	pdf_draw_at(t, l, x, y);
	g_object_unref(l);
	pdf_text_free(&x0);
}

/* Draws the running head (report title, section title) and the page number. */
static void
page_furniture(pdf_doc *t)
{
	const report *r = t->c->rep;
	const char *right = t->section >= 0 ? r->sections[t->section].title : "Contents";
	pdf_rgb(t, 0.42, 0.42, 0.42);
	furniture_text(t, r->title, PDF_LEFT, 46, PDF_WIDTH / 2 - 12, PANGO_ALIGN_LEFT, 1);
	furniture_text(t, right, PDF_LEFT + PDF_WIDTH / 2 + 12, 46, PDF_WIDTH / 2 - 12,
	    PANGO_ALIGN_RIGHT, 1);
	cairo_set_line_width(t->cr, 0.4);
	cairo_move_to(t->cr, PDF_LEFT, 60.5);
	cairo_line_to(t->cr, PDF_LEFT + PDF_WIDTH, 60.5);
	cairo_stroke(t->cr);
	char num[16];
	snprintf(num, sizeof num, "%d", t->page);
	furniture_text(t, num, PDF_LEFT, PDF_PAGE_H - 52, PDF_WIDTH, PANGO_ALIGN_CENTER, 0);
	pdf_rgb(t, 0.1, 0.1, 0.1);
}

void
pdf_page_new(pdf_doc *t)
{
	if (t->page > t->page0 && !t->dry) {
		pdf_tag_pause(t);
		cairo_show_page(t->cr);
	}
	t->page++;
	t->y = PDF_TOP;
	t->bar_y = PDF_TOP;
	if (t->page > 1 && !t->dry) {
		pdf_artifact_begin(t);
		page_furniture(t);
		pdf_artifact_end(t);
	}
	pdf_rgb(t, 0.1, 0.1, 0.1);
}

double
pdf_bottom(const pdf_doc *t)
{
	return PDF_BOTTOM - (t->page == t->short_page ? t->short_by : 0);
}

void
pdf_need(pdf_doc *t, double h)
{
	if (t->y + h > pdf_bottom(t) && t->y > PDF_TOP + 0.5)
		pdf_page_new(t);
}

void
pdf_gap(pdf_doc *t, double g)
{
	if (t->y > PDF_TOP + 0.5)
		t->y += g;
}

PangoLayout *
pdf_layout(pdf_doc *t, double size, PangoWeight w, double width)
{
	PangoLayout *l = pango_layout_new(t->pc);
	PangoFontDescription *fd = pango_font_description_from_string("Inter");
	pango_font_description_set_size(fd, (gint)(size * PANGO_SCALE + 0.5));
	pango_font_description_set_weight(fd, w);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	g_object_set_data(G_OBJECT(l), LEAD_KEY, GINT_TO_POINTER((int)(PDF_LEAD * 1000)));
	return l;
}

/* Returns the size of l's font, pt. */
static double
layout_size(PangoLayout *l)
{
	const PangoFontDescription *fd = pango_layout_get_font_description(l);
	return fd ? pango_font_description_get_size(fd) / (double)PANGO_SCALE : PDF_BODY;
}

/* Returns l's leading factor. */
static double
layout_lead(PangoLayout *l)
{
	return GPOINTER_TO_INT(g_object_get_data(G_OBJECT(l), LEAD_KEY)) / 1000.0;
}

GHashTable *
pdf_laid_new(void)
{
	return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_object_unref);
}

/* Returns the key of l's settings with text x (g_free it): every setting that shapes
 * or breaks the text, so equal keys give equal layouts. */
static char *
laid_key(PangoLayout *l, const pdf_text *x)
{
	const PangoFontDescription *fd = pango_layout_get_font_description(l);
	char *font = fd ? pango_font_description_to_string(fd) : g_strdup("");
	char *attrs = pango_attr_list_to_string(x->attrs);
	char *key = g_strdup_printf("%s|%d|%d|%d|%d|%d|%s|%.*s", font, pango_layout_get_width(l),
	    (int)pango_layout_get_wrap(l), (int)pango_layout_get_alignment(l),
	    (int)pango_layout_get_ellipsize(l), GPOINTER_TO_INT(g_object_get_data(G_OBJECT(l),
	    LEAD_KEY)), attrs, (int)x->s.len, x->s.data ? x->s.data : "");
	g_free(attrs);
	g_free(font);
	return key;
}

PangoLayout *
pdf_layout_set(pdf_doc *t, PangoLayout *l, const pdf_text *x)
{
	char *key = laid_key(l, x);
	PangoLayout *had = t->laid ? g_hash_table_lookup(t->laid, key) : NULL;
	if (had != NULL) {
		g_free(key);
		g_object_unref(l);
		return g_object_ref(had);
	}
	pango_layout_set_text(l, x->s.data ? x->s.data : "", (int)x->s.len);
	pango_layout_set_attributes(l, x->attrs);
	if (t->laid)
		g_hash_table_insert(t->laid, key, g_object_ref(l));
	else
		g_free(key);
	return l;
}

double
pdf_line_height(PangoLayout *l)
{
	return layout_size(l) * PDF_INTER_LINE * layout_lead(l);
}

double
pdf_line_pitch(double size)
{
	return size * PDF_INTER_LINE * PDF_LEAD;
}

/* Returns the baseline's distance below the top of a line of l in the flow. */
static double
baseline(PangoLayout *l)
{
	double s = layout_size(l);
	return s * PDF_INTER_LINE * (layout_lead(l) - 1) / 2 + s * PDF_INTER_ASC;
}

void
pdf_quote_rule(pdf_doc *t, double y)
{
	if (t->quotes <= 0 || y <= t->bar_y || t->dry)
		return;
	cairo_save(t->cr);
	cairo_set_source_rgb(t->cr, t->bar_rgb[0], t->bar_rgb[1], t->bar_rgb[2]);
	cairo_rectangle(t->cr, t->bar_x, t->bar_y, 2.5, y - t->bar_y);
	cairo_fill(t->cr);
	cairo_restore(t->cr);
	t->bar_y = y;
}

/* Writes attribute string text of a cairo tag into b: quotes and backslashes escaped. */
static void
tag_string(buf *b, const char *s)
{
	buf_putc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'' || *s == '\\')
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
	buf_putc(b, '\'');
}

/* Appends the link target of uri to at: dest='sec-<slug>' for a page of the site (the
 * section's first page), uri='...' for an outside address. Returns 0, or -1 for a page
 * that is not a section's (then nothing is appended). */
static int
link_target(const pdf_doc *t, const char *uri, buf *at)
{
	if (strncmp(uri, "http://", 7) == 0 || strncmp(uri, "https://", 8) == 0 ||
	    strncmp(uri, "mailto:", 7) == 0) {
		buf_puts(at, "uri=");
		tag_string(at, uri);
		return 0;
	}
	size_t n = strcspn(uri, ".#");
	const report *r = t->c->rep;
	for (size_t i = 0; i < r->nsections; i++)
		if (strlen(r->sections[i].slug) == n && strncmp(r->sections[i].slug, uri, n) == 0) {
			buf_puts(at, "dest=");
			buf_puts(at, "'sec-");
			buf_puts(at, r->sections[i].slug); /* a slug: [a-z0-9-] only */
			buf_putc(at, '\'');
			return 0;
		}
	return -1;
}

void
pdf_link_rect(pdf_doc *t, const char *uri, double x, double y, double w, double h)
{
	buf at;
	buf_init(&at);
	if (link_target(t, uri, &at) == 0) {
		buf_printf(&at, " rect=[%.2f %.2f %.2f %.2f]", x, y, w, h);
		pdf_tag_link(t, at.data);
	}
	buf_free(&at);
}

/* Makes the parts of x's links that lie on line (drawn at x0, top y, height h)
 * clickable: outside addresses, and pages of the site as their sections. */
static void
line_links(pdf_doc *t, PangoLayoutLine *line, const pdf_text *x, double x0, double y,
    double h)
{
	size_t a = (size_t)line->start_index, b = a + (size_t)line->length;
	for (size_t i = 0; x != NULL && i < x->nlinks; i++) {
		const pdf_link *k = &x->links[i];
		size_t s = k->start > a ? k->start : a, e = k->end < b ? k->end : b;
		if (s >= e)
			continue;
		int xs, xe;
		pango_layout_line_index_to_x(line, (int)s, 0, &xs);
		pango_layout_line_index_to_x(line, (int)e, 0, &xe);
		if (xe < xs) {
			int tmp = xs;
			xs = xe;
			xe = tmp;
		}
		pdf_link_rect(t, k->uri, x0 + xs / (double)PANGO_SCALE, y,
		    (xe - xs) / (double)PANGO_SCALE, h);
	}
}

void
pdf_marker_draw(pdf_doc *t, double base)
{
	PangoLayout *m = t->marker;
	t->marker = NULL;
	if (t->dry) {
		g_object_unref(m);
		return;
	}
	PangoRectangle lr;
	pango_layout_get_extents(m, NULL, &lr);
	PangoLayoutLine *line = pango_layout_get_line_readonly(m, 0);
	pdf_tag_ink(t);
	cairo_move_to(t->cr, t->marker_x - lr.width / (double)PANGO_SCALE, base);
	pango_cairo_show_layout_line(t->cr, line);
	g_object_unref(m);
}

void
pdf_flow(pdf_doc *t, PangoLayout *l, double x, const pdf_text *links)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	double h = pdf_line_height(l), base = baseline(l);
	int n = pango_layout_get_line_count(l), i = 0;
	do {
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		PangoRectangle lr;
		pango_layout_iter_get_line_extents(it, NULL, &lr);
		/* no first line alone at a page's foot, no last line alone at its head */
		pdf_need(t, n >= 2 && (i == 0 || i == n - 2) ? 2 * h : h);
		i++;
		double lx = x + lr.x / (double)PANGO_SCALE;
		if (t->marker) /* first, so the item's text reads "3. Text..." */
			pdf_marker_draw(t, t->y + base);
		if (!t->dry) {
			pdf_tag_ink(t);
			cairo_move_to(t->cr, lx, t->y + base);
			pango_cairo_show_layout_line(t->cr, line);
			line_links(t, line, links, lx, t->y, h);
		}
		t->y += h;
		pdf_quote_rule(t, t->y);
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

void
pdf_draw_at(pdf_doc *t, PangoLayout *l, double x, double y)
{
	if (t->dry)
		return;
	pdf_tag_ink(t);
	cairo_move_to(t->cr, x, y);
	pango_cairo_show_layout(t->cr, l);
}
