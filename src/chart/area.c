/* area: series stacked as filled areas over shared years (values >= 0). */
#include "chart/chart_int.h"

#include <math.h>

/* Sum of series 0..i-1 at point j (the floor of layer i). */
static double
floor_at(const chart_spec *s, size_t i, size_t j)
{
	double sum = 0;
	for (size_t k = 0; k < i; k++)
		sum += s->series[k].vals[j];
	return sum;
}

void
chart_area_plan(const chart_spec *s, const theme *th, chart_plan *p)
{
	chart_plan_series_x(s, &p->x);
	p->y.spec = &s->y;
	p->y.zero = 1;
	p->y.lo = 0;
	p->y.hi = 0;
	chart_key *k = chart_plan_keys(p, s->nseries);
	size_t last = s->series[0].n - 1;
	for (size_t j = 0; j <= last; j++)
		chart_plan_extend(&p->y, floor_at(s, s->nseries, j));
	for (size_t i = 0; i < s->nseries; i++) { /* keys top band first, as the eye meets them */
		chart_key *ki = &k[s->nseries - 1 - i];
		ki->label = s->series[i].label;
		ki->color = theme_color(th, i);
		ki->kind = CHART_KEY_BOX;
		ki->end = floor_at(s, i, last) + s->series[i].vals[last] / 2;
	}
	p->direct = 1;
	p->zero_line = 1;
}

/* x data coordinate of point j. */
static double
area_x(const chart_spec *s, size_t j)
{
	return s->series[0].years ? s->series[0].years[j] : (double)j;
}

/* Fills layer i between its floor and its top, with a thin edge on top. */
static void
layer(chart_ctx *c, size_t i)
{
	const chart_spec *s = c->s;
	size_t n = s->series[0].n;
	cairo_t *cr = c->cr;
	cairo_new_path(cr);
	for (size_t j = 0; j < n; j++)
		cairo_line_to(cr, chart_x(c, area_x(s, j)), chart_y(c, floor_at(s, i + 1, j)));
	for (size_t j = n; j-- > 0;)
		cairo_line_to(cr, chart_x(c, area_x(s, j)), chart_y(c, floor_at(s, i, j)));
	cairo_close_path(cr);
	chart_set_color(cr, theme_color(&c->th, i), 0.9);
	cairo_fill(cr);
	cairo_new_path(cr);
	for (size_t j = 0; j < n; j++)
		cairo_line_to(cr, chart_x(c, area_x(s, j)), chart_y(c, floor_at(s, i + 1, j)));
	chart_set_color(cr, c->th.bg, 1);
	cairo_set_line_width(cr, 1);
	cairo_stroke(cr);
}

void
chart_area_draw(chart_ctx *c)
{
	for (size_t i = 0; i < c->s->nseries; i++)
		layer(c, i);
}
