/* line: lines over years or categories, each labelled at its end. */
#include "chart/chart_int.h"

#include <math.h>

/* x data coordinate of value j of series se (its year, or its category index). */
static double
point_x(const chart_series *se, size_t j)
{
	return se->years ? se->years[j] : (double)j;
}

void
chart_line_plan(const chart_spec *s, const theme *th, chart_plan *p)
{
	chart_plan_series_x(s, &p->x);
	p->y.spec = &s->y;
	p->y.log = s->y.log;
	p->y.zero = !s->y.log && !(s->y.has_min && s->y.min > 0); /* a positive min zooms */
	p->y.lo = HUGE_VAL;
	p->y.hi = -HUGE_VAL;
	chart_key *k = chart_plan_keys(p, s->nseries);
	for (size_t i = 0; i < s->nseries; i++) {
		const chart_series *se = &s->series[i];
		for (size_t j = 0; j < se->n; j++)
			chart_plan_extend(&p->y, se->vals[j]);
		k[i].label = se->label;
		k[i].color = theme_color(th, i);
		k[i].kind = CHART_KEY_LINE;
		k[i].end = se->vals[se->n - 1];
	}
	p->direct = 1;
	p->zero_line = 1;
}

/* Strokes series se as a line in col at width w, with a dot at its end when dot. */
static void
stroke_series(chart_ctx *c, const chart_series *se, theme_rgb col, double w, int dot)
{
	cairo_t *cr = c->cr;
	chart_set_color(cr, col, 1);
	cairo_set_line_width(cr, w);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	cairo_new_path(cr);
	for (size_t j = 0; j < se->n; j++)
		cairo_line_to(cr, chart_x(c, point_x(se, j)), chart_y(c, se->vals[j]));
	cairo_stroke(cr);
	if (dot) {
		cairo_arc(cr, chart_x(c, point_x(se, se->n - 1)), chart_y(c, se->vals[se->n - 1]),
		    w * 1.4, 0, 2 * M_PI);
		cairo_fill(cr);
	}
}

void
chart_line_series(chart_ctx *c, size_t i, int context)
{
	const chart_series *se = &c->s->series[i];
	if (context)
		stroke_series(c, se, c->th.context, c->th.line_w * 0.6, 0);
	else
		stroke_series(c, se, theme_color(&c->th, i), c->th.line_w, 1);
}

void
chart_line_draw(chart_ctx *c)
{
	for (size_t i = c->s->nseries; i-- > 0;)
		chart_line_series(c, i, 0);
}
