/* axis: background, title, gridlines, tick labels, axis titles and zero lines. */
#include "chart/chart_int.h"

#include <math.h>

void
chart_set_color(cairo_t *cr, theme_rgb col, double alpha)
{
	cairo_set_source_rgba(cr, col.r, col.g, col.b, alpha);
}

void
chart_fill_rect(cairo_t *cr, double x, double y, double w, double h, theme_rgb col)
{
	chart_set_color(cr, col, 1);
	cairo_rectangle(cr, x, y, w, h);
	cairo_fill(cr);
}

/* Strokes a line from (x0, y0) to (x1, y1) in col at width w. */
static void
rule(cairo_t *cr, double x0, double y0, double x1, double y1, theme_rgb col, double w)
{
	chart_set_color(cr, col, 1);
	cairo_set_line_width(cr, w);
	cairo_move_to(cr, x0, y0);
	cairo_line_to(cr, x1, y1);
	cairo_stroke(cr);
}

/* Rounds a coordinate so that a 1 px line is crisp. */
static double
crisp(double v)
{
	return floor(v) + 0.5;
}

void
chart_title_draw(chart_ctx *c)
{
	if (c->s->title)
		chart_text_draw(c, c->s->title, c->th.pad, c->L.title_y, c->th.title_px, 1, 0, 0, 0,
		    c->th.text);
}

/* Horizontal gridlines and labels of a continuous vertical axis. */
static void
y_ticks(chart_ctx *c)
{
	const chart_layout *L = &c->L;
	for (size_t i = 0; i < L->ya.t.n; i++) {
		double y = crisp(chart_y(c, L->ya.t.v[i]));
		rule(c->cr, L->x0, y, L->x1, y, c->th.grid, c->th.grid_w);
		chart_text_draw(c, L->ya.label[i], L->x0 - 8, y, c->th.tick_px, 0, 1, 0.5, 0,
		    c->th.muted);
	}
}

/* Labels of a band vertical axis. */
static void
y_bands(chart_ctx *c)
{
	for (size_t i = 0; i < c->p.y.nbands; i++)
		chart_text_draw(c, c->p.y.names[i], c->L.x0 - 10, chart_y(c, (double)i),
		    c->th.tick_px, 0, 1, 0.5, 0, c->th.text);
}

/* Tick marks, optional vertical gridlines and labels (of every xa.every-th tick) of a
 * continuous horizontal axis. */
static void
x_ticks(chart_ctx *c)
{
	const chart_layout *L = &c->L;
	for (size_t i = 0; i < L->xa.t.n; i++) {
		double x = crisp(chart_x(c, L->xa.t.v[i]));
		if (c->p.grid_x)
			rule(c->cr, x, L->y0, x, L->y1, c->th.grid, c->th.grid_w);
		else
			rule(c->cr, x, L->y1, x, L->y1 + 5, c->th.axis, 1);
		if (i % L->xa.every == 0)
			chart_text_draw(c, L->xa.label[i], x, L->y1 + 7, c->th.tick_px, 0, 0.5, 0, 0,
			    c->th.muted);
	}
}

/* Labels of a band horizontal axis, turned 45 degrees when they do not fit. */
static void
x_bands(chart_ctx *c)
{
	const chart_layout *L = &c->L;
	for (size_t i = 0; i < c->p.x.nbands; i += L->xa.every) {
		double x = chart_x(c, (double)i);
		if (L->xa.rotate)
			chart_text_draw(c, c->p.x.names[i], x + 4, L->y1 + 6, c->th.tick_px, 0, 1, 0,
			    -M_PI / 4, c->th.text);
		else
			chart_text_draw(c, c->p.x.names[i], x, L->y1 + 6, c->th.tick_px, 0, 0.5, 0, 0,
			    c->th.text);
	}
}

/* The zero lines of continuous value axes that include zero. */
static void
zero_lines(chart_ctx *c)
{
	const chart_layout *L = &c->L;
	if (!c->p.zero_line)
		return;
	if (!c->p.y.band && !c->p.y.none && !c->p.y.log && L->ya.sc.d0 <= 0 && L->ya.sc.d1 >= 0) {
		double y = crisp(chart_y(c, 0));
		rule(c->cr, L->x0, y, L->x1, y, c->th.axis, 1.25);
	}
	if (!c->p.x.band && !c->p.x.years && !c->p.x.none && L->xa.sc.d0 <= 0 && L->xa.sc.d1 >= 0) {
		double x = crisp(chart_x(c, 0));
		rule(c->cr, x, L->y0, x, L->y1, c->th.axis, 1.25);
	}
}

/* Axis titles: the value axis's above the plot, the horizontal one below it. */
static void
axis_titles(chart_ctx *c)
{
	const chart_plan *p = &c->p;
	if (p->y.spec && p->y.spec->label && !p->y.none)
		chart_text_draw(c, p->y.spec->label, c->L.left, c->L.ytitle_y, c->th.tick_px, 0, 0,
		    0, 0, c->th.muted);
	if (p->x.spec && p->x.spec->label && !p->x.none)
		chart_text_draw(c, p->x.spec->label, (c->L.x0 + c->L.x1) / 2, c->L.bottom,
		    c->th.tick_px, 0, 0.5, 1, 0, c->th.muted);
}

void
chart_axes_draw(chart_ctx *c)
{
	const chart_layout *L = &c->L;
	if (c->p.y.band)
		y_bands(c);
	else if (!c->p.y.none)
		y_ticks(c);
	if (c->p.x.band)
		x_bands(c);
	else if (!c->p.x.none)
		x_ticks(c);
	int zero_shown = c->p.zero_line && !c->p.y.band && L->ya.sc.d0 < 0 && L->ya.sc.d1 >= 0;
	if (!c->p.x.none && !c->p.y.band)
		rule(c->cr, L->x0, crisp(L->y1), L->x1, crisp(L->y1),
		    zero_shown ? c->th.grid : c->th.axis, 1);
	zero_lines(c);
	axis_titles(c);
}
