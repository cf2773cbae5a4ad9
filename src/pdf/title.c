/* title: page 1 of report.pdf: the title and subtitle on a band of the site's blue, the
 * author, as-of date and edition, the key figures (the summary's cards), the description. */
#include "pdf/pdf_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	KEY_COLS = 3 /* key figures side by side */
};

#define BAND_MIN 290.0  /* the colour band is at least this tall, points */
#define BAND_PAD 64.0   /* space below the subtitle inside the band */
#define KEY_ROW_PAD 11.0 /* space above and below a key figure */
#define TITLE_FOOT (PDF_PAGE_H - 64.0) /* nothing of the title page goes below */

/* The site's palette (templates/style.css, light scheme), as cairo colours. */
static const double BLUE[3] = { 0x0b / 255.0, 0x57 / 255.0, 0xa4 / 255.0 };  /* --link */
static const double FG[3] = { 0x1f / 255.0, 0x23 / 255.0, 0x28 / 255.0 };    /* --fg */
static const double MUTED[3] = { 0x54 / 255.0, 0x5d / 255.0, 0x68 / 255.0 }; /* --muted */
static const double RULE[3] = { 0xd5 / 255.0, 0xdb / 255.0, 0xe1 / 255.0 };  /* --border */
static const double PALE[3] = { 0.86, 0.91, 0.97 }; /* text on the band, after the title */

/* Returns s laid out in size pt, weight w, in lines of at most width points with
 * leading lead (through t's caches of words and paragraphs, as running text is); NULL
 * for a NULL s. Release with para_put or pdf_para_free. */
static pdf_para *
para_new(pdf_doc *t, const char *s, double size, PangoWeight w, double width, double lead)
{
	if (s == NULL)
		return NULL;
	pdf_text x;
	pdf_text_init(&x);
	pdf_text_puts(&x, s);
	pdf_para *p = pdf_para_new(t, &x, size, w, width, lead);
	pdf_text_free(&x);
	return p;
}

/* Returns p's height, points (0 for NULL). */
static double
para_h(const pdf_para *p)
{
	return p ? pdf_para_height(p) : 0;
}

/* Draws p (NULL: nothing) in colour rgb with its top-left corner at (x, y), releases
 * it and returns its height. */
static double
para_put(pdf_doc *t, pdf_para *p, const double rgb[3], double x, double y)
{
	if (p == NULL)
		return 0;
	double h = pdf_para_height(p);
	pdf_rgb(t, rgb[0], rgb[1], rgb[2]);
	pdf_para_draw_at(t, p, x, y, 0);
	pdf_para_free(p);
	return h;
}

/* Draws the small capitals label s (semibold, size pt, letters spaced 0.12 em) in
 * colour rgb at (x, y); returns its height. */
static double
label_put(pdf_doc *t, const char *s, double size, const double rgb[3], double x, double y)
{
	pdf_text tx;
	pdf_text_init(&tx);
	pdf_text_puts(&tx, s);
	PangoAttribute *a = pango_attr_letter_spacing_new((int)(0.12 * size * PANGO_SCALE));
	a->start_index = 0;
	a->end_index = (guint)tx.s.len;
	pango_attr_list_insert(tx.attrs, a);
	PangoLayout *l = pdf_layout_set(t, pdf_layout(t, size, PANGO_WEIGHT_SEMIBOLD, 0), &tx);
	PangoRectangle lr;
	pango_layout_get_extents(l, NULL, &lr);
	pdf_rgb(t, rgb[0], rgb[1], rgb[2]);
	pdf_draw_at(t, l, x, y);
	g_object_unref(l);
	pdf_text_free(&tx);
	return lr.height / (double)PANGO_SCALE;
}

/* Writes "D Month YYYY" of the date "YYYY-MM-DD" into out (n bytes). */
static void
long_date(const char *iso, char *out, size_t n)
{
	static const char *const months[] = { "January", "February", "March", "April", "May",
		"June", "July", "August", "September", "October", "November", "December" };
	int y = 0, m = 0, d = 0;
	if (iso && sscanf(iso, "%d-%d-%d", &y, &m, &d) == 3 && m >= 1 && m <= 12)
		snprintf(out, n, "%d %s %d", d, months[m - 1], y);
	else
		snprintf(out, n, "%s", iso ? iso : "");
}

/* Fills rectangle (x, y, w, h) in colour rgb. */
static void
fill(pdf_doc *t, const double rgb[3], double x, double y, double w, double h)
{
	pdf_artifact_begin(t); /* decoration, outside the structure */
	pdf_rgb(t, rgb[0], rgb[1], rgb[2]);
	cairo_rectangle(t->cr, x, y, w, h);
	cairo_fill(t->cr);
	pdf_artifact_end(t);
}

/* para_put inside a text element name of the structure (H1, P...). */
static double
para_tagged(pdf_doc *t, const char *name, pdf_para *p, const double rgb[3], double x,
    double y)
{
	pdf_tag_leaf(t, name);
	double h = para_put(t, p, rgb, x, y);
	pdf_tag_end(t);
	return h;
}

/* Draws the band across the top: the title and subtitle in white on the site's blue
 * under a short rule. Returns the band's height. */
static double
band(pdf_doc *t)
{
	static const double WHITE[3] = { 1, 1, 1 };
	const report *r = t->c->rep;
	pdf_para *title = para_new(t, r->title, 34, PANGO_WEIGHT_SEMIBOLD, PDF_WIDTH, 0.97);
	pdf_para *sub = para_new(t, r->subtitle, 14, PANGO_WEIGHT_NORMAL, PDF_WIDTH - 40, 1.18);
	double y = 120, h = y + para_h(title) + 16 + para_h(sub) + BAND_PAD;
	h = h < BAND_MIN ? BAND_MIN : h;
	fill(t, BLUE, 0, 0, PDF_PAGE_W, h);
	fill(t, PALE, PDF_LEFT, y - 26, 36, 3);
	y += para_tagged(t, "H1", title, WHITE, PDF_LEFT, y) + 16;
	para_tagged(t, "P", sub, PALE, PDF_LEFT, y);
	return h;
}

/* Sets the report's description at the page's foot, under a rule (nothing without
 * one, or if it would reach up to top). */
static void
foot(pdf_doc *t, double top)
{
	const char *s = t->c->rep->description;
	if (s == NULL || s[0] == '\0')
		return;
	pdf_para *p = para_new(t, s, 8.5, PANGO_WEIGHT_NORMAL, PDF_WIDTH * 0.75, 1.2);
	double y = TITLE_FOOT - para_h(p);
	if (y - 12 < top) {
		pdf_para_free(p);
		return;
	}
	fill(t, RULE, PDF_LEFT, y - 12, PDF_WIDTH, 0.5);
	para_tagged(t, "P", p, MUTED, PDF_LEFT, y);
}

/* Sets one labelled fact (a small label over its value) at (x, y) in width w; returns
 * its height. A NULL value sets nothing. */
static double
fact(pdf_doc *t, const char *label, const char *value, double x, double y, double w)
{
	if (value == NULL || value[0] == '\0')
		return 0;
	pdf_tag_leaf(t, "P");
	double h = label_put(t, label, 7, MUTED, x, y) + 3;
	pdf_tag_end(t);
	return h + para_tagged(t, "P", para_new(t, value, 10.5, PANGO_WEIGHT_MEDIUM, w, 1), FG,
	    x, y + h);
}

/* Sets the author, date and edition in three columns from y; returns the y below. */
static double
facts(pdf_doc *t, double y)
{
	const report *r = t->c->rep;
	char date[64];
	long_date(r->as_of, date, sizeof date);
	double w = PDF_WIDTH / 3, h = 0, k;
	const char *label[3] = { "PREPARED BY", "AS OF", "EDITION" };
	const char *value[3] = { r->author, date, r->edition };
	for (int i = 0, col = 0; i < 3; i++) {
		k = fact(t, label[i], value[i], PDF_LEFT + col * w, y, w - 12);
		col += k > 0;
		h = k > h ? k : h;
	}
	return y + h;
}

/* Returns the key figures: the first cards of the first section's article of b (the
 * site's index page), or NULL. */
static xmlNodePtr
key_cards(const pdf_book *b)
{
	xmlNodePtr art = pdf_book_count(b) > 0 ? pdf_book_article(b, 0) : NULL;
	return art ? pdf_find(art, "div", "cards") : NULL;
}

void
pdf_title_digest(const pdf_book *b, sha256_ctx *h)
{
	pdf_node_digest(key_cards(b), h);
}

/* Returns the text of card's span with class cls (caller frees), or NULL. */
static char *
card_text(xmlNodePtr card, const char *cls)
{
	xmlNodePtr n = pdf_find(card, "span", cls);
	return n ? pdf_node_text(n) : NULL;
}

/* Sets one row of key figures (cards[0..n)) from y, column width w, linked to their
 * sections; returns the row's height, or 0 (nothing set) if it would pass bottom. */
static double
key_row(pdf_doc *t, xmlNodePtr *cards, int n, double y, double w, double bottom)
{
	pdf_para *v[KEY_COLS], *l[KEY_COLS];
	double h = 0;
	for (int i = 0; i < n; i++) {
		char *sv = card_text(cards[i], "card-value"), *sl = card_text(cards[i], "card-label");
		v[i] = para_new(t, sv ? sv : "", 19, PANGO_WEIGHT_SEMIBOLD, w - 14, 1);
		l[i] = para_new(t, sl ? sl : "", 8, PANGO_WEIGHT_NORMAL, w - 14, 1.05);
		double ch = para_h(v[i]) + 2 + para_h(l[i]);
		h = ch > h ? ch : h;
		free(sv);
		free(sl);
	}
	h += 2 * KEY_ROW_PAD;
	for (int i = 0; i < n; i++) {
		double x = PDF_LEFT + i * w;
		if (y + h > bottom) {
			pdf_para_free(v[i]);
			pdf_para_free(l[i]);
			continue;
		}
		fill(t, BLUE, x, y + KEY_ROW_PAD + 3, 2, h - 2 * KEY_ROW_PAD - 6);
		/* the label drawn first, so the card reads label, then value, as on the site */
		double vh = para_h(v[i]);
		pdf_tag(t, "Div");
		para_tagged(t, "P", l[i], MUTED, x + 10, y + KEY_ROW_PAD + vh + 2);
		para_tagged(t, "P", v[i], FG, x + 10, y + KEY_ROW_PAD);
		xmlChar *href = xmlGetProp(cards[i], BAD_CAST "href");
		if (href != NULL)
			pdf_link_rect(t, (const char *)href, x, y, w, h);
		xmlFree(href);
		pdf_tag_end(t);
	}
	return y + h > bottom ? 0 : h;
}

/* Returns the next card after c among its siblings, or NULL. */
static xmlNodePtr
next_card(xmlNodePtr c)
{
	for (c = c->next; c != NULL; c = c->next)
		if (pdf_has_class(c, "card"))
			return c;
	return NULL;
}

/* Sets the key figures under a heading from y, rows separated by rules, as many rows
 * as fit above bottom; returns the y below them. */
static double
key_figures(pdf_doc *t, double y, double bottom)
{
	xmlNodePtr cards = key_cards(t->book), row[KEY_COLS];
	if (cards == NULL)
		return y;
	pdf_tag_leaf(t, "H2");
	y += label_put(t, "KEY FIGURES", 7.5, BLUE, PDF_LEFT, y) + 6;
	pdf_tag_end(t);
	fill(t, FG, PDF_LEFT, y, PDF_WIDTH, 0.8);
	double w = PDF_WIDTH / KEY_COLS;
	int n = 0;
	for (xmlNodePtr c = cards->children; c != NULL; c = c->next) {
		if (!pdf_has_class(c, "card"))
			continue;
		row[n++] = c;
		if (n < KEY_COLS && next_card(c) != NULL)
			continue;
		double h = key_row(t, row, n, y, w, bottom);
		if (h <= 0)
			break;
		y += h;
		fill(t, RULE, PDF_LEFT, y, PDF_WIDTH, 0.5);
		n = 0;
	}
	return y;
}

void
pdf_title_page(pdf_doc *t)
{
	pdf_page_new(t);
	pdf_tag(t, "Sect");
	double y = band(t) + 34;
	y = facts(t, y) + 40;
	foot(t, key_figures(t, y, TITLE_FOOT - 60) + 24);
	pdf_rgb(t, 0.1, 0.1, 0.1);
	pdf_tag_end(t);
}
