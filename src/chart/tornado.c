/* tornado: per variable, bars from the base value to its low and high cases, widest first. */
#include "chart/chart_int.h"

#include <math.h>
#include <stdlib.h>

/* Stores in ord the variables by decreasing |high - low| (ties keep input order). */
static void
tornado_order(const chart_spec *s, size_t *ord)
{
	const double *lo = s->series[0].vals, *hi = s->series[1].vals;
	for (size_t i = 0; i < s->ncats; i++) {
		size_t j = i;
		double span = fabs(hi[i] - lo[i]);
		for (; j > 0 && fabs(hi[ord[j - 1]] - lo[ord[j - 1]]) < span; j--)
			ord[j] = ord[j - 1];
		ord[j] = i;
	}
}

void
chart_tornado_plan(const chart_spec *s, const theme *th, chart_plan *p)
{
	size_t *ord = util_xcalloc(s->ncats, sizeof(*ord));
	p->names = util_xcalloc(s->ncats, sizeof(*p->names));
	tornado_order(s, ord);
	for (size_t i = 0; i < s->ncats; i++)
		p->names[i] = s->cats[ord[i]];
	free(ord);
	chart_bar_axes(s, p, s->ncats, p->names, 1);
	p->x.zero = 0;
	p->x.lo = p->x.hi = s->base;
	for (size_t k = 0; k < 2; k++)
		for (size_t i = 0; i < s->ncats; i++)
			chart_plan_extend(&p->x, s->series[k].vals[i]);
	p->label_room = 1;
	chart_key *k = chart_plan_keys(p, 2);
	for (size_t i = 0; i < 2; i++) {
		k[i].label = s->series[i].label;
		k[i].color = theme_color(th, i == 0 ? 1 : 0);
		k[i].kind = CHART_KEY_BOX;
	}
}

int
chart_tornado_label_fits(const chart_ctx *c, double v, double w)
{
	enum { CLEAR = 4 }; /* px kept between a label and the axis line at the plot's left */
	double x = chart_x(c, v);
	if (v < c->s->base)
		return x - 5 - w >= c->L.x0 + CLEAR;
	return x + 5 + w <= c->L.x1 + c->th.pad;
}

/* Writes the value label of v into text and returns whether it fits (see above). */
static int
value_label(chart_ctx *c, double v, char *text)
{
	double w, h;
	chart_format_tick(&c->s->y, v, 0, text);
	c->tm.measure(c->tm.ctx, text, c->th.tick_px, 0, &w, &h);
	return chart_tornado_label_fits(c, v, w);
}

/* Whether every value label on the side of the base where v lies fits: a side's labels
 * are drawn all or none (on a narrow chart the axis is read instead). */
static int
side_fits(chart_ctx *c, int left)
{
	char text[CHART_LABEL_MAX];
	for (size_t k = 0; k < 2; k++)
		for (size_t i = 0; i < c->s->ncats; i++) {
			double v = c->s->series[k].vals[i];
			if ((v < c->s->base) == left && !value_label(c, v, text))
				return 0;
		}
	return 1;
}

/* One variable's two bars and, on the sides where they all fit, their value labels. */
static void
variable_draw(chart_ctx *c, size_t band, size_t var, const int *fits)
{
	char text[CHART_LABEL_MAX];
	for (size_t k = 0; k < 2; k++) {
		double v = c->s->series[k].vals[var];
		chart_bar_fill(c, band, 0, 1, c->s->base, v, theme_color(&c->th, k == 0 ? 1 : 0));
		if (fits[v < c->s->base] && value_label(c, v, text))
			chart_bar_label(c, band, 0.5, c->s->base, v, text);
	}
}

void
chart_tornado_draw(chart_ctx *c)
{
	size_t *ord = util_xcalloc(c->s->ncats, sizeof(*ord));
	int fits[2] = { side_fits(c, 0), side_fits(c, 1) }; /* right, left of the base */
	tornado_order(c->s, ord);
	for (size_t i = 0; i < c->s->ncats; i++)
		variable_draw(c, i, ord[i], fits);
	free(ord);
	double x = floor(chart_x(c, c->s->base)) + 0.5;
	chart_set_color(c->cr, c->th.axis, 1);
	cairo_set_line_width(c->cr, 1.25);
	cairo_move_to(c->cr, x, c->L.y0);
	cairo_line_to(c->cr, x, c->L.y1);
	cairo_stroke(c->cr);
}

void
chart_tornado_csv(const chart_spec *s, buf *out)
{
	size_t *ord = util_xcalloc(s->ncats, sizeof(*ord));
	tornado_order(s, ord);
	buf_puts(out, "variable,");
	chart_csv_text(out, s->series[0].label);
	buf_putc(out, ',');
	chart_csv_text(out, s->series[1].label);
	buf_puts(out, ",base\n");
	for (size_t i = 0; i < s->ncats; i++) {
		chart_csv_text(out, s->cats[ord[i]]);
		for (size_t k = 0; k < 2; k++) {
			buf_putc(out, ',');
			chart_csv_num(out, s->series[k].vals[ord[i]]);
		}
		buf_putc(out, ',');
		chart_csv_num(out, s->base);
		buf_putc(out, '\n');
	}
	free(ord);
}
