/* figure: chart figures drawn as vectors with their captions, and metric cards. */
#include "pdf/pdf_int.h"

#include <stdlib.h>
#include <string.h>

enum {
	CARD_COLS = 3, /* cards side by side */
	CARD_GAP = 8,  /* points between cards */
	CARD_PAD = 7   /* points inside a card's box */
};

/* Returns the spec render kept for figure fig (its id is "fig-<chart id>"), or NULL
 * after recording an error naming the chart. */
static const chart_spec *
fig_spec(pdf_doc *t, xmlNodePtr fig)
{
	xmlChar *id = xmlGetProp(fig, BAD_CAST "id");
	const char *cid = id && strncmp((const char *)id, "fig-", 4) == 0 ?
	    (const char *)id + 4 : NULL;
	int known;
	const chart_spec *s = pdf_book_spec(t->book, (size_t)t->section, cid, &known);
	if (!known)
		s = render_specs_find(t->c->figs ? t->c->figs->specs : NULL, cid);
	if (s == NULL)
		diag_error(t->c->d, diag_file_pos(t->c->d, "report.pdf"),
		    "unknown chart '%s' (render kept no spec for it)", cid ? cid : "");
	xmlFree(id);
	return s;
}

/* Returns the height chart s takes scaled to width w. */
static double
chart_height(const chart_spec *s, double w)
{
	double cw = s->width > 0 ? s->width : CHART_DEFAULT_WIDTH;
	double ch = s->height > 0 ? s->height : CHART_DEFAULT_HEIGHT;
	return ch * w / cw;
}

/* Draws chart s scaled to width w with its top-left corner at (x, y) (nothing in a dry
 * pass). Returns 0, or -1 after recording the reason. */
static int
chart_at(pdf_doc *t, const chart_spec *s, double x, double y, double w)
{
	char why[256] = "";
	double k = w / (s->width > 0 ? s->width : CHART_DEFAULT_WIDTH);
	if (t->dry)
		return 0;
	pdf_tag_ink(t);
	cairo_save(t->cr);
	cairo_translate(t->cr, x, y);
	cairo_scale(t->cr, k, k);
	int rc = chart_draw_cairo(t->cr, s, why, sizeof why);
	cairo_restore(t->cr);
	if (rc != 0)
		diag_error(t->c->d, diag_file_pos(t->c->d, "report.pdf"), "a chart: %s", why);
	return rc;
}

/* The three text parts of a figure's caption, laid out at one width. */
typedef struct fig_text {
	pdf_text tx[3];      /* title, caption, source */
	pdf_para *l[3];      /* their lines, NULL where the part is missing */
} fig_text;

/* Lays out the title, caption and source of fig at width w. */
static void
fig_text_new(pdf_doc *t, xmlNodePtr fig, double w, fig_text *ft)
{
	static const char *const cls[3] = { "chart-title", "chart-caption", "chart-source" };
	static const double size[3] = { 9.5, 8.5, 7.5 };
	for (int i = 0; i < 3; i++) {
		xmlNodePtr p = pdf_find(fig, "p", cls[i]);
		pdf_text_init(&ft->tx[i]);
		ft->l[i] = NULL;
		if (p == NULL)
			continue;
		pdf_text_inline(&ft->tx[i], p);
		if (i == 0)
			pdf_text_bold(&ft->tx[i], 0);
		ft->l[i] = pdf_para_new(t, &ft->tx[i], size[i], PANGO_WEIGHT_NORMAL, w, 1.25);
	}
}

/* Frees what ft holds. */
static void
fig_text_free(fig_text *ft)
{
	for (int i = 0; i < 3; i++) {
		pdf_para_free(ft->l[i]);
		pdf_text_free(&ft->tx[i]);
	}
}

/* Returns the height of ft's parts and the gaps between them, chart excluded. */
static double
fig_text_height(const fig_text *ft)
{
	double h = 0;
	for (int i = 0; i < 3; i++)
		if (ft->l[i])
			h += pdf_para_height(ft->l[i]) + 4;
	return h;
}

double
pdf_figure_height(pdf_doc *t, xmlNodePtr fig, double w)
{
	const chart_spec *s = fig_spec(t, fig);
	if (s == NULL)
		return 0;
	fig_text ft;
	fig_text_new(t, fig, w, &ft);
	double h = chart_height(s, w) + fig_text_height(&ft) + 14;
	fig_text_free(&ft);
	return h;
}

void
pdf_figure(pdf_doc *t, xmlNodePtr fig, double x)
{
	double w = PDF_LEFT + PDF_WIDTH - x;
	const chart_spec *s = fig_spec(t, fig);
	if (s == NULL) {
		t->failed = 1;
		return;
	}
	double h = chart_height(s, w);
	fig_text ft;
	fig_text_new(t, fig, w, &ft);
	pdf_gap(t, 14);
	pdf_need(t, h + fig_text_height(&ft));
	pdf_outline_mark(t, 4, ft.tx[0].s.data ? ft.tx[0].s.data : (s->title ? s->title : ""),
	    ft.tx[0].s.data ? ft.tx[0].s.len : strlen(s->title ? s->title : ""));
	pdf_tag(t, "Div");
	if (ft.l[0]) {
		pdf_tag_leaf(t, "P");
		pdf_para_flow(t, ft.l[0], x, &ft.tx[0]);
		pdf_tag_end(t);
		t->y += 4;
	}
	pdf_tag_leaf(t, "Figure");
	pdf_tag_alt(t, s->alt ? s->alt : s->caption ? s->caption : s->title);
	if (chart_at(t, s, x, t->y, w) != 0)
		t->failed = 1;
	pdf_tag_end(t);
	t->y += h + 4;
	pdf_rgb(t, 0.25, 0.25, 0.25);
	for (int i = 1; i < 3; i++)
		if (ft.l[i]) {
			pdf_tag_leaf(t, "P");
			pdf_para_flow(t, ft.l[i], x, &ft.tx[i]);
			pdf_tag_end(t);
			t->y += 4;
		}
	pdf_tag_end(t);
	pdf_rgb(t, 0.1, 0.1, 0.1);
	t->y += 6;
	fig_text_free(&ft);
}

/* Returns a layout of the text of card's span with class cls at width w, or NULL. */
static PangoLayout *
card_part(pdf_doc *t, xmlNodePtr card, const char *cls, double size, PangoWeight wt,
    double w)
{
	xmlNodePtr n = pdf_find(card, "span", cls);
	if (n == NULL)
		return NULL;
	char *s = pdf_node_text(n);
	PangoLayout *l = pdf_layout(t, size, wt, w);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD);
	pango_layout_set_text(l, s, -1);
	free(s);
	return l;
}

/* Returns l's height as pango draws it (0 for NULL). */
static double
natural_height(PangoLayout *l)
{
	if (l == NULL)
		return 0;
	PangoRectangle lr;
	pango_layout_get_extents(l, NULL, &lr);
	return lr.height / (double)PANGO_SCALE;
}

/* Sets one row of up to CARD_COLS cards (cards[0..n)) at x, card width w. */
static void
card_row(pdf_doc *t, xmlNodePtr *cards, int n, double x, double w)
{
	PangoLayout *l[CARD_COLS][3];
	double h = 0;
	for (int i = 0; i < n; i++) {
		l[i][0] = card_part(t, cards[i], "card-label", 8, PANGO_WEIGHT_MEDIUM, w - 2 * CARD_PAD);
		l[i][1] = card_part(t, cards[i], "card-value", 15, PANGO_WEIGHT_SEMIBOLD, w - 2 * CARD_PAD);
		l[i][2] = card_part(t, cards[i], "card-note", 7, PANGO_WEIGHT_NORMAL, w - 2 * CARD_PAD);
		double ch = 2 * CARD_PAD + 4;
		for (int k = 0; k < 3; k++)
			ch += natural_height(l[i][k]);
		h = ch > h ? ch : h;
	}
	pdf_need(t, h + CARD_GAP);
	for (int i = 0; i < n; i++) {
		double cx = x + i * (w + CARD_GAP), y = t->y + CARD_PAD;
		pdf_tag(t, "Div");
		pdf_artifact_begin(t);
		pdf_rgb(t, 0.95, 0.96, 0.97);
		cairo_rectangle(t->cr, cx, t->y, w, h);
		cairo_fill(t->cr);
		pdf_artifact_end(t);
		for (int k = 0; k < 3; k++) { /* label, value, note: read in that order */
			if (l[i][k] == NULL)
				continue;
			double g = k == 2 ? 0.4 : k == 0 ? 0.25 : 0.05;
			pdf_rgb(t, g, g, g);
			pdf_tag_leaf(t, "P");
			pdf_draw_at(t, l[i][k], cx + CARD_PAD, y);
			pdf_tag_end(t);
			y += natural_height(l[i][k]) + (k == 0 ? 3 : k == 1 ? 1 : 0);
			g_object_unref(l[i][k]);
		}
		pdf_tag_end(t);
	}
	pdf_rgb(t, 0.1, 0.1, 0.1);
	t->y += h + CARD_GAP;
}

void
pdf_cards(pdf_doc *t, xmlNodePtr cards, double x)
{
	double w = (PDF_LEFT + PDF_WIDTH - x - (CARD_COLS - 1) * CARD_GAP) / CARD_COLS;
	xmlNodePtr row[CARD_COLS];
	int n = 0;
	pdf_gap(t, 10);
	pdf_tag(t, "Div");
	for (xmlNodePtr c = cards->children; c != NULL; c = c->next) {
		if (!pdf_has_class(c, "card"))
			continue;
		row[n++] = c;
		if (n == CARD_COLS) {
			card_row(t, row, n, x, w);
			n = 0;
		}
	}
	if (n > 0)
		card_row(t, row, n, x, w);
	pdf_tag_end(t);
}
