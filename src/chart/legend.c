/* legend: the keys of a chart, as a legend row or as labels at the line ends. */
#include "chart/chart_int.h"

#include <math.h>

/* Draws one legend swatch at (x, y) (top left) for a row of height h. */
static void
swatch(chart_ctx *c, const chart_key *k, double x, double y, double h)
{
	if (k->kind == CHART_KEY_BOX) {
		chart_fill_rect(c->cr, x, y + h / 2 - 6, 12, 12, k->color);
		return;
	}
	chart_set_color(c->cr, k->color, 1);
	cairo_set_line_width(c->cr, c->th.line_w);
	cairo_move_to(c->cr, x, y + h / 2);
	cairo_line_to(c->cr, x + 14, y + h / 2);
	cairo_stroke(c->cr);
}

/* The legend: swatch and label per key at the places layout chose. */
static void
legend_draw(chart_ctx *c)
{
	double w, h;
	for (size_t i = 0; i < c->p.nkeys; i++) {
		const chart_key *k = &c->p.keys[i];
		c->tm.measure(c->tm.ctx, k->label, c->th.label_px, 0, &w, &h);
		swatch(c, k, k->x, k->y, h);
		chart_text_draw(c, k->label, k->x + 18, k->y, c->th.label_px, 0, 0, 0, 0, c->th.text);
	}
}

/* Labels at the right end of each line, with a leader where a label had to move. */
static void
direct_draw(chart_ctx *c)
{
	for (size_t i = 0; i < c->p.nkeys; i++) {
		const chart_key *k = &c->p.keys[i];
		double want = chart_y(c, k->end);
		if (fabs(want - k->y) > 3) {
			chart_set_color(c->cr, k->color, 0.6);
			cairo_set_line_width(c->cr, 1);
			cairo_move_to(c->cr, c->L.x1 + 3, want);
			cairo_line_to(c->cr, c->L.label_x - 3, k->y);
			cairo_stroke(c->cr);
		}
		chart_text_draw(c, k->label, c->L.label_x, k->y, c->th.label_px, 1, 0, 0.5, 0,
		    k->color);
	}
}

void
chart_keys_draw(chart_ctx *c)
{
	if (c->L.legend)
		legend_draw(c);
	else if (c->p.direct)
		direct_draw(c);
}
