/* bar: grouped or stacked bars, vertical or horizontal, and the bar helpers others share. */
#include "chart/chart_int.h"

#include <math.h>

void
chart_bar_axes(const chart_spec *s, chart_plan *p, size_t nbands, const char *const *names,
    int horizontal)
{
	chart_plan_axis *band = horizontal ? &p->y : &p->x;
	chart_plan_axis *val = horizontal ? &p->x : &p->y;
	band->band = 1;
	band->nbands = nbands;
	band->names = names;
	band->spec = &s->x;
	val->spec = &s->y;
	val->zero = 1;
	val->lo = 0;
	val->hi = 0;
	p->grid_x = horizontal;
	p->zero_line = 1;
}

void
chart_bar_stack(const chart_spec *s, size_t cat, double *lo, double *hi)
{
	*lo = 0;
	*hi = 0;
	for (size_t i = 0; i < s->nseries; i++) {
		double v = s->series[i].vals[cat];
		if (v < 0)
			*lo += v;
		else
			*hi += v;
	}
}

void
chart_bar_plan(const chart_spec *s, const theme *th, chart_plan *p)
{
	chart_bar_axes(s, p, s->ncats, s->cats, s->horizontal);
	chart_plan_axis *val = s->horizontal ? &p->x : &p->y;
	for (size_t j = 0; j < s->ncats; j++) {
		double lo = 0, hi = 0;
		if (s->stacked) {
			chart_bar_stack(s, j, &lo, &hi);
		} else {
			for (size_t i = 0; i < s->nseries; i++)
				chart_plan_extend(val, s->series[i].vals[j]);
		}
		chart_plan_extend(val, lo);
		chart_plan_extend(val, hi);
	}
	if (s->nseries < 2) {
		double room = (val->hi - val->lo) * 0.08;
		val->hi += val->hi > 0 ? room : 0;
		val->lo -= val->lo < 0 ? room : 0;
		return;
	}
	chart_key *k = chart_plan_keys(p, s->nseries);
	for (size_t i = 0; i < s->nseries; i++) {
		k[i].label = s->series[i].label;
		k[i].color = theme_color(th, i);
		k[i].kind = CHART_KEY_BOX;
	}
}

/* The rectangle of bar i from value a to b across the band fraction [f0, f1]. */
static void
bar_box(chart_ctx *c, size_t i, double f0, double f1, double a, double b, double box[4])
{
	if (c->p.y.band) {
		const scale *sc = &c->L.ya.sc;
		double y = scale_band_start(sc, i), w = scale_band_width(sc);
		double xa = chart_x(c, a), xb = chart_x(c, b);
		box[0] = fmin(xa, xb), box[1] = y + f0 * w, box[2] = fabs(xb - xa);
		box[3] = (f1 - f0) * w;
	} else {
		const scale *sc = &c->L.xa.sc;
		double x = scale_band_start(sc, i), w = scale_band_width(sc);
		double ya = chart_y(c, a), yb = chart_y(c, b);
		box[0] = x + f0 * w, box[1] = fmin(ya, yb), box[2] = (f1 - f0) * w;
		box[3] = fabs(yb - ya);
	}
}

void
chart_bar_fill(chart_ctx *c, size_t i, double f0, double f1, double a, double b, theme_rgb col)
{
	double r[4];
	bar_box(c, i, f0, f1, a, b, r);
	chart_fill_rect(c->cr, r[0], r[1], r[2], r[3], col);
}

/* Bar i as a reference: a light tint of col, diagonal hatching and an outline in col. */
static void
ref_fill(chart_ctx *c, size_t i, double f0, double f1, double a, double b, theme_rgb col)
{
	double r[4];
	bar_box(c, i, f0, f1, a, b, r);
	chart_fill_rect(c->cr, r[0], r[1], r[2], r[3], theme_mix(c->th.bg, col, 0.18));
	cairo_save(c->cr);
	cairo_rectangle(c->cr, r[0], r[1], r[2], r[3]);
	cairo_clip(c->cr);
	chart_set_color(c->cr, col, 1);
	cairo_set_line_width(c->cr, 1.5);
	for (double d = -r[3]; d < r[2]; d += 7) {
		cairo_move_to(c->cr, r[0] + d, r[1] + r[3]);
		cairo_line_to(c->cr, r[0] + d + r[3], r[1]);
	}
	cairo_stroke(c->cr);
	cairo_restore(c->cr);
	chart_set_color(c->cr, col, 1);
	cairo_set_line_width(c->cr, 1.5);
	cairo_rectangle(c->cr, r[0] + 0.75, r[1] + 0.75, fmax(r[2] - 1.5, 0), fmax(r[3] - 1.5, 0));
	cairo_stroke(c->cr);
}

/* A dashed divider across the plot before band j, which starts the references. */
static void
ref_divider(chart_ctx *c, size_t j)
{
	static const double dash[] = { 4, 3 };
	int hz = c->p.y.band;
	const scale *sc = hz ? &c->L.ya.sc : &c->L.xa.sc;
	double at = (scale_band_start(sc, j - 1) + scale_band_width(sc) +
	    scale_band_start(sc, j)) / 2;
	at = floor(at) + 0.5;
	cairo_save(c->cr);
	chart_set_color(c->cr, c->th.muted, 1);
	cairo_set_line_width(c->cr, 1);
	cairo_set_dash(c->cr, dash, 2, 0);
	cairo_move_to(c->cr, hz ? c->L.left : at, hz ? at : c->L.y0);
	cairo_line_to(c->cr, hz ? c->L.x1 : at, hz ? at : c->L.y1);
	cairo_stroke(c->cr);
	cairo_restore(c->cr);
}

void
chart_bar_label(chart_ctx *c, size_t i, double f, double a, double v, const char *text)
{
	int down = v < a;
	if (c->p.y.band) {
		const scale *sc = &c->L.ya.sc;
		double y = scale_band_start(sc, i) + f * scale_band_width(sc);
		double x = chart_x(c, v) + (down ? -5 : 5);
		chart_text_draw(c, text, x, y, c->th.tick_px, 0, down ? 1 : 0, 0.5, 0, c->th.text);
	} else {
		const scale *sc = &c->L.xa.sc;
		double x = scale_band_start(sc, i) + f * scale_band_width(sc);
		double y = chart_y(c, v) + (down ? 4 : -4);
		chart_text_draw(c, text, x, y, c->th.tick_px, 0, 0.5, down ? 0 : 1, 0, c->th.text);
	}
}

/* One category's stacked bars: positives upward from 0, negatives downward. */
static void
stack_draw(chart_ctx *c, size_t j)
{
	double up = 0, down = 0;
	for (size_t i = 0; i < c->s->nseries; i++) {
		double v = c->s->series[i].vals[j];
		double *at = v < 0 ? &down : &up;
		chart_bar_fill(c, j, 0, 1, *at, *at + v, theme_color(&c->th, i));
		*at += v;
	}
}

/* One category's grouped bars, labelled with their values when there is one series. */
static void
group_draw(chart_ctx *c, size_t j)
{
	size_t n = c->s->nseries;
	char text[CHART_LABEL_MAX];
	for (size_t i = 0; i < n; i++) {
		double v = c->s->series[i].vals[j];
		double f0 = (double)i / (double)n, f1 = (double)(i + 1) / (double)n;
		if (c->s->cat_ref != NULL && c->s->cat_ref[j])
			ref_fill(c, j, f0, f1 - (n > 1 ? 0.04 : 0), 0, v, theme_color(&c->th, i));
		else
			chart_bar_fill(c, j, f0, f1 - (n > 1 ? 0.04 : 0), 0, v,
			    theme_color(&c->th, i));
		if (n == 1 && c->s->ncats <= 12) {
			chart_format_tick(&c->s->y, v, 0, text);
			chart_bar_label(c, j, 0.5, 0, v, text);
		}
	}
}

void
chart_bar_draw(chart_ctx *c)
{
	const int *ref = c->s->stacked ? NULL : c->s->cat_ref;
	for (size_t j = 0; j < c->s->ncats; j++) {
		if (ref != NULL && j > 0 && ref[j] && !ref[j - 1])
			ref_divider(c, j);
		if (c->s->stacked)
			stack_draw(c, j);
		else
			group_draw(c, j);
	}
}
