/* waterfall: deltas stacked end to end (a cash-flow build-up), with an optional total. */
#include "chart/chart_int.h"

#include <math.h>

/* Number of bars: the deltas and the total if any. */
static size_t
bars(const chart_spec *s)
{
	return s->series[0].n + (s->total_label ? 1 : 0);
}

/* The legend, for the kinds of step present only: what a step does to the total bar
 * ("Adds to the total"), or to the running total when there is no total bar. */
static void
waterfall_keys(const chart_spec *s, const theme *th, chart_plan *p)
{
	int up = 0, down = 0;
	for (size_t i = 0; i < s->series[0].n; i++) {
		if (s->series[0].vals[i] < 0)
			down = 1;
		else
			up = 1;
	}
	chart_key *k = chart_plan_keys(p, (size_t)(up + down));
	const char *add = s->total_label ? "Adds to the total" : "Adds to the running total";
	const char *cut = s->total_label ? "Reduces the total" : "Reduces the running total";
	if (up)
		*k++ = (chart_key){ .label = add, .color = th->pos, .kind = CHART_KEY_BOX };
	if (down)
		*k = (chart_key){ .label = cut, .color = th->neg, .kind = CHART_KEY_BOX };
}

void
chart_waterfall_plan(const chart_spec *s, const theme *th, chart_plan *p)
{
	size_t n = bars(s);
	double run = 0;
	p->names = util_xcalloc(n, sizeof(*p->names));
	for (size_t i = 0; i < s->series[0].n; i++)
		p->names[i] = s->cats[i];
	if (s->total_label)
		p->names[n - 1] = s->total_label;
	chart_bar_axes(s, p, n, p->names, 0);
	for (size_t i = 0; i < s->series[0].n; i++) {
		run += s->series[0].vals[i];
		chart_plan_extend(&p->y, run);
	}
	waterfall_keys(s, th, p);
}

/* The thin connector from the end of bar i to the start of bar i + 1 at value v. */
static void
connector(chart_ctx *c, size_t i, double v)
{
	const scale *sc = &c->L.xa.sc;
	double y = floor(chart_y(c, v)) + 0.5;
	chart_set_color(c->cr, c->th.axis, 1);
	cairo_set_line_width(c->cr, 1);
	cairo_move_to(c->cr, scale_band_start(sc, i) + scale_band_width(sc), y);
	cairo_line_to(c->cr, scale_band_start(sc, i + 1), y);
	cairo_stroke(c->cr);
}

void
chart_waterfall_draw(chart_ctx *c)
{
	const chart_series *d = &c->s->series[0];
	char text[CHART_LABEL_MAX];
	double run = 0;
	for (size_t i = 0; i < d->n; i++) {
		double v = d->vals[i];
		chart_bar_fill(c, i, 0, 1, run, run + v, v < 0 ? c->th.neg : c->th.pos);
		chart_format_tick(&c->s->y, v, 0, text);
		chart_bar_label(c, i, 0.5, run, run + v, text);
		run += v;
		if (i + 1 < bars(c->s))
			connector(c, i, run);
	}
	if (c->s->total_label) {
		chart_bar_fill(c, d->n, 0, 1, 0, run, c->th.total);
		chart_format_tick(&c->s->y, run, 0, text);
		chart_bar_label(c, d->n, 0.5, 0, run, text);
	}
}

void
chart_waterfall_csv(const chart_spec *s, buf *out)
{
	const chart_series *d = &s->series[0];
	double run = 0;
	buf_puts(out, "category,delta,start,end\n");
	for (size_t i = 0; i < d->n; i++) {
		chart_csv_text(out, s->cats[i]);
		buf_putc(out, ',');
		chart_csv_num(out, d->vals[i]);
		buf_putc(out, ',');
		chart_csv_num(out, run);
		buf_putc(out, ',');
		run += d->vals[i];
		chart_csv_num(out, run);
		buf_putc(out, '\n');
	}
	if (s->total_label) {
		chart_csv_text(out, s->total_label);
		buf_puts(out, ",,0,");
		chart_csv_num(out, run);
		buf_putc(out, '\n');
	}
}
