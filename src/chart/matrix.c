/* matrix: a heatmap (one row per series, one column per category), e.g. a 5 x 5 risk matrix. */
#include "chart/chart_int.h"

#include <math.h>

void
chart_matrix_plan(const chart_spec *s, const theme *th, chart_plan *p)
{
	(void)th;
	p->names = util_xcalloc(s->nseries, sizeof(*p->names));
	for (size_t i = 0; i < s->nseries; i++)
		p->names[i] = s->series[i].label;
	p->x.band = 1;
	p->x.nbands = s->ncats;
	p->x.names = s->cats;
	p->x.spec = &s->x;
	p->y.band = 1;
	p->y.nbands = s->nseries;
	p->y.names = p->names;
	p->y.spec = &s->y;
	p->band_pad = 0.04;
}

/* Smallest and largest value of the matrix. */
static void
value_range(const chart_spec *s, double *lo, double *hi)
{
	*lo = HUGE_VAL;
	*hi = -HUGE_VAL;
	for (size_t i = 0; i < s->nseries; i++)
		for (size_t j = 0; j < s->series[i].n; j++) {
			*lo = fmin(*lo, s->series[i].vals[j]);
			*hi = fmax(*hi, s->series[i].vals[j]);
		}
}

/* One cell: its colour by value and its text (the note, or else the value). */
static void
cell(chart_ctx *c, size_t i, size_t j, double lo, double hi)
{
	const chart_series *se = &c->s->series[i];
	const scale *xs = &c->L.xa.sc, *ys = &c->L.ya.sc;
	double v = se->vals[j];
	theme_rgb col = theme_mix(c->th.heat_lo, c->th.heat_hi, hi > lo ? (v - lo) / (hi - lo) : 0.5);
	chart_fill_rect(c->cr, scale_band_start(xs, j), scale_band_start(ys, i),
	    scale_band_width(xs), scale_band_width(ys), col);
	char text[CHART_LABEL_MAX];
	const char *t = se->notes && se->notes[j] ? se->notes[j] : NULL;
	if (!t) {
		chart_format_tick(&c->s->y, v, 0, text);
		t = text;
	}
	chart_text_draw(c, t, scale_band_mid(xs, j), scale_band_mid(ys, i), c->th.tick_px, 0,
	    0.5, 0.5, 0, theme_on(&c->th, col));
}

void
chart_matrix_draw(chart_ctx *c)
{
	double lo, hi;
	value_range(c->s, &lo, &hi);
	for (size_t i = 0; i < c->s->nseries; i++)
		for (size_t j = 0; j < c->s->series[i].n; j++)
			cell(c, i, j, lo, hi);
}

void
chart_matrix_csv(const chart_spec *s, buf *out)
{
	buf_puts(out, "row,column,value,note\n");
	for (size_t i = 0; i < s->nseries; i++)
		for (size_t j = 0; j < s->series[i].n; j++) {
			chart_csv_text(out, s->series[i].label);
			buf_putc(out, ',');
			chart_csv_text(out, s->cats[j]);
			buf_putc(out, ',');
			chart_csv_num(out, s->series[i].vals[j]);
			buf_putc(out, ',');
			chart_csv_text(out, s->series[i].notes ? s->series[i].notes[j] : NULL);
			buf_putc(out, '\n');
		}
}
