/* annot: reference lines (thresholds, payback years) and point markers with labels. */
#include "chart/chart_int.h"

#include <math.h>
#include <stdlib.h>

/* Strokes a dashed reference line from (x0, y0) to (x1, y1). */
static void
dashed(chart_ctx *c, double x0, double y0, double x1, double y1)
{
	static const double dash[2] = { 5, 4 };
	cairo_save(c->cr);
	chart_set_color(c->cr, c->th.ref, 1);
	cairo_set_line_width(c->cr, 1.25);
	cairo_set_dash(c->cr, dash, 2, 0);
	cairo_move_to(c->cr, x0, y0);
	cairo_line_to(c->cr, x1, y1);
	cairo_stroke(c->cr);
	cairo_restore(c->cr);
}

/* A marker circle with a background ring, and its label beside it. */
static void
point(chart_ctx *c, const chart_annot *a)
{
	double x = chart_x(c, a->x), y = chart_y(c, a->y);
	chart_set_color(c->cr, c->th.bg, 1);
	cairo_arc(c->cr, x, y, 6.5, 0, 2 * M_PI);
	cairo_fill(c->cr);
	chart_set_color(c->cr, c->th.ref, 1);
	cairo_arc(c->cr, x, y, 4.5, 0, 2 * M_PI);
	cairo_fill(c->cr);
	int left = x > (c->L.x0 + c->L.x1) / 2;
	chart_text_halo(c, a->label, left ? x - 10 : x + 10, y - 4, c->th.tick_px, 1,
	    left ? 1 : 0, 1, c->th.text);
}

/* Labels the horizontal reference line at y from the plot's left, above the line; on
 * two lines when one would run past the plot's right edge. */
static void
hline_label(chart_ctx *c, const char *label, double y)
{
	double w, h;
	if (!label)
		return;
	c->tm.measure(c->tm.ctx, label, c->th.tick_px, 1, &w, &h);
	char *text = w > c->L.x1 - c->L.x0 - 8 ? chart_wrap(label) : util_xstrdup(label);
	chart_text_halo(c, text, c->L.x0 + 4, y - 3, c->th.tick_px, 1, 0, 1, c->th.text);
	free(text);
}

void
chart_annots_draw(chart_ctx *c)
{
	const chart_layout *L = &c->L;
	for (size_t i = 0; i < c->s->nannots; i++) {
		const chart_annot *a = &c->s->annots[i];
		if (a->kind == CHART_ANNOT_HLINE) {
			double y = chart_y(c, a->y);
			dashed(c, L->x0, y, L->x1, y);
			hline_label(c, a->label, y);
		} else if (a->kind == CHART_ANNOT_VLINE) {
			double x = chart_x(c, a->x);
			int left = x > L->x0 + (L->x1 - L->x0) * 0.75;
			dashed(c, x, L->y0, x, L->y1);
			chart_text_halo(c, a->label, left ? x - 5 : x + 5, L->y0, c->th.tick_px, 1,
			    left ? 1 : 0, 0, c->th.text);
		} else {
			point(c, a);
		}
	}
}
