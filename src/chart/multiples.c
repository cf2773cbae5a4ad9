/* multiples: one small line panel per series on shared scales, the others in grey behind. */
#include "chart/chart_int.h"

#include <math.h>

void
chart_multiples_plan(const chart_spec *s, const theme *th, chart_plan *p)
{
	chart_line_plan(s, th, p);
	chart_plan_keys(p, 0);
	p->direct = 0;
}

/* Columns of the grid for n panels. */
static size_t
grid_cols(size_t n)
{
	return n <= 3 ? n : n == 4 ? 2 : 3;
}

/* Lays out and draws panel i in the rectangle (x, y, w, h). */
static void
panel(chart_ctx *c, size_t i, double x, double y, double w, double h)
{
	double tw, th;
	const char *name = c->s->series[i].label;
	c->tm.measure(c->tm.ctx, name ? name : "", c->th.label_px, 1, &tw, &th);
	chart_layout_compute(c, x, y + th + 2, w, h - th - 2, 0);
	chart_text_draw(c, name, c->L.left, y + c->th.pad / 2, c->th.label_px, 1, 0, 0, 0,
	    c->th.text);
	chart_axes_draw(c);
	for (size_t k = 0; k < c->s->nseries; k++)
		if (k != i)
			chart_line_series(c, k, 1);
	chart_line_series(c, i, 0);
	chart_annots_draw(c);
}

void
chart_multiples_draw(chart_ctx *c)
{
	double W = c->L.w, H = c->L.h, top = 0, tw, th;
	size_t n = c->s->nseries, cols = grid_cols(n), rows = (n + cols - 1) / cols;
	if (c->s->title) {
		c->tm.measure(c->tm.ctx, c->s->title, c->th.title_px, 1, &tw, &th);
		top = c->th.pad + th;
	}
	double pw = W / (double)cols, ph = (H - top) / (double)rows;
	for (size_t i = 0; i < n; i++)
		panel(c, i, (double)(i % cols) * pw, top + (double)(i / cols) * ph, pw, ph);
}
