/* fan: percentile bands (p5-p95, p25-p75) around a median line, over years. */
#include "chart/chart_int.h"

#include <math.h>

void
chart_fan_plan(const chart_spec *s, const theme *th, chart_plan *p)
{
	p->x.spec = &s->x;
	p->x.years = 1;
	p->x.lo = p->y.lo = HUGE_VAL;
	p->x.hi = p->y.hi = -HUGE_VAL;
	p->y.spec = &s->y;
	p->y.log = s->y.log;
	p->y.zero = !s->y.log;
	for (size_t f = 0; f < s->nfans; f++)
		for (size_t j = 0; j < s->fans[f].n; j++) {
			chart_plan_extend(&p->x, s->fans[f].years[j]);
			for (size_t q = 0; q < 5; q++)
				chart_plan_extend(&p->y, s->fans[f].p[q][j]);
		}
	for (size_t i = 0; i < s->nseries; i++)
		for (size_t j = 0; j < s->series[i].n; j++) {
			chart_plan_extend(&p->x, s->series[i].years[j]);
			chart_plan_extend(&p->y, s->series[i].vals[j]);
		}
	chart_key *k = chart_plan_keys(p, s->nfans + s->nseries + 2);
	theme_rgb c0 = theme_color(th, 0);
	k[0] = (chart_key){ .label = "Middle 50%", .color = theme_mix(th->bg, c0, th->fan_inner), .kind = CHART_KEY_BOX };
	k[1] = (chart_key){ .label = "Middle 90%", .color = theme_mix(th->bg, c0, th->fan_outer), .kind = CHART_KEY_BOX };
	for (size_t i = 0; i < s->nfans + s->nseries; i++) {
		k[2 + i].label = i < s->nfans ? s->fans[i].label : s->series[i - s->nfans].label;
		k[2 + i].color = i < s->nfans ? theme_color(th, i) : th->text;
		k[2 + i].kind = CHART_KEY_LINE;
	}
	p->zero_line = 1;
}

/* Fills the band of fan f between percentiles a and b: col mixed into the background. */
static void
band(chart_ctx *c, const chart_fan *f, size_t a, size_t b, theme_rgb col, double alpha)
{
	cairo_new_path(c->cr);
	for (size_t j = 0; j < f->n; j++)
		cairo_line_to(c->cr, chart_x(c, f->years[j]), chart_y(c, f->p[b][j]));
	for (size_t j = f->n; j-- > 0;)
		cairo_line_to(c->cr, chart_x(c, f->years[j]), chart_y(c, f->p[a][j]));
	cairo_close_path(c->cr);
	chart_set_color(c->cr, theme_mix(c->th.bg, col, alpha), 1);
	cairo_fill(c->cr);
}

/* Strokes n points (years, vals) in col. */
static void
polyline(chart_ctx *c, size_t n, const int *years, const double *vals, theme_rgb col)
{
	cairo_new_path(c->cr);
	for (size_t j = 0; j < n; j++)
		cairo_line_to(c->cr, chart_x(c, years[j]), chart_y(c, vals[j]));
	chart_set_color(c->cr, col, 1);
	cairo_set_line_width(c->cr, c->th.line_w);
	cairo_set_line_join(c->cr, CAIRO_LINE_JOIN_ROUND);
	cairo_stroke(c->cr);
}

void
chart_fan_draw(chart_ctx *c)
{
	for (size_t f = 0; f < c->s->nfans; f++) {
		const chart_fan *fan = &c->s->fans[f];
		theme_rgb col = theme_color(&c->th, f);
		band(c, fan, 0, 4, col, c->th.fan_outer);
		band(c, fan, 1, 3, col, c->th.fan_inner);
		polyline(c, fan->n, fan->years, fan->p[2], col);
	}
	for (size_t i = 0; i < c->s->nseries; i++) {
		const chart_series *se = &c->s->series[i];
		polyline(c, se->n, se->years, se->vals, c->th.text);
	}
}

void
chart_fan_csv(const chart_spec *s, buf *out)
{
	static const char *const head = "series,year,p5,p25,p50,p75,p95\n";
	buf_puts(out, head);
	for (size_t f = 0; f < s->nfans; f++)
		for (size_t j = 0; j < s->fans[f].n; j++) {
			chart_csv_text(out, s->fans[f].label);
			buf_printf(out, ",%d", s->fans[f].years[j]);
			for (size_t q = 0; q < 5; q++) {
				buf_putc(out, ',');
				chart_csv_num(out, s->fans[f].p[q][j]);
			}
			buf_putc(out, '\n');
		}
	for (size_t i = 0; i < s->nseries; i++)
		for (size_t j = 0; j < s->series[i].n; j++) {
			chart_csv_text(out, s->series[i].label);
			buf_printf(out, ",%d,,,", s->series[i].years[j]);
			chart_csv_num(out, s->series[i].vals[j]);
			buf_puts(out, ",,\n");
		}
}
