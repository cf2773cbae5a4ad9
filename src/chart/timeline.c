/* timeline: dated events on a year axis, labels stacked on levels so none collide. */
#include "chart/chart_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

enum {
	TIMELINE_MAX_LEVELS = 8, /* label rows above the axis */
};

/* Position of event e in fractional years. */
static double
event_t(const chart_event *e)
{
	return e->year + (e->month ? (e->month - 1) / 12.0 : 0);
}

/* Writes the date line of e ("Mar 2023" or "2023") into out (16 bytes). */
static void
event_date(const chart_event *e, char *out)
{
	static const char *const mon[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
		"Aug", "Sep", "Oct", "Nov", "Dec" };
	if (e->month >= 1 && e->month <= 12)
		snprintf(out, 16, "%s %d", mon[e->month - 1], e->year);
	else
		snprintf(out, 16, "%d", e->year);
}

void
chart_timeline_plan(const chart_spec *s, const theme *th, chart_plan *p)
{
	(void)th;
	p->x.spec = &s->x;
	p->x.years = 1;
	p->x.lo = HUGE_VAL;
	p->x.hi = -HUGE_VAL;
	for (size_t i = 0; i < s->nevents; i++) {
		chart_plan_extend(&p->x, s->events[i].year);
		chart_plan_extend(&p->x, ceil(event_t(&s->events[i])));
	}
	p->y.none = 1;
}

/* One placed label. */
typedef struct placed {
	double x;   /* anchor pixel (the event's position) */
	double a;   /* left end of the label */
	double b;   /* right end of the label */
	int right;  /* 1: text ends at x instead of starting there */
	int level;  /* row above the axis, 0 nearest */
} placed;

/* Sets the label span of event e at pl->x: to the right, or to the left near the edge. */
static void
span(chart_ctx *c, const chart_event *e, placed *pl)
{
	char date[16];
	double w1, w2, h;
	event_date(e, date);
	c->tm.measure(c->tm.ctx, e->label, c->th.label_px, 1, &w1, &h);
	c->tm.measure(c->tm.ctx, date, c->th.tick_px, 0, &w2, &h);
	double w = fmax(w1, w2) + 5;
	pl->right = pl->x + w > c->L.x1 + c->th.pad;
	pl->a = pl->right ? pl->x - w : pl->x;
	pl->b = pl->right ? pl->x : pl->x + w;
}

/* Whether x lies under the label of p (with a small margin). */
static int
covers(const placed *p, double x)
{
	return x >= p->a - 6 && x <= p->b + 6;
}

/* Whether label i must sit above label j: it spans j's stem, or the two overlap and i is
 * the later event (so neither label hides the other and no stem crosses a label). */
static int
above(const placed *i, const placed *j)
{
	int overlap = i->a < j->b + 10 && j->a < i->b + 10;
	return covers(i, j->x) || (overlap && !covers(j, i->x) && i->x > j->x);
}

/* Levels by relaxation: each label goes one above every label it must be above, capped
 * at nlev - 1 (only unsatisfiable inputs then overlap). */
static void
assign_levels(placed *pl, size_t n, int nlev)
{
	for (size_t round = 0; round <= n; round++) {
		int changed = 0;
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < n; j++)
				if (i != j && above(&pl[i], &pl[j]) && pl[i].level <= pl[j].level &&
				    pl[j].level + 1 < nlev) {
					pl[i].level = pl[j].level + 1;
					changed = 1;
				}
		if (!changed)
			break;
	}
}

/* Draws one event: dot on the axis, stem, date and label. */
static void
event_draw(chart_ctx *c, const chart_event *e, const placed *pl, double levh)
{
	char date[16];
	double top = c->L.y1 - 16 - (pl->level + 1) * levh;
	double tx = pl->right ? pl->x - 5 : pl->x + 5, ax = pl->right ? 1 : 0;
	chart_set_color(c->cr, c->th.axis, 1);
	cairo_set_line_width(c->cr, 1);
	cairo_move_to(c->cr, floor(pl->x) + 0.5, c->L.y1);
	cairo_line_to(c->cr, floor(pl->x) + 0.5, top);
	cairo_stroke(c->cr);
	chart_set_color(c->cr, theme_color(&c->th, 0), 1);
	cairo_arc(c->cr, pl->x, c->L.y1, 5, 0, 2 * M_PI);
	cairo_fill(c->cr);
	event_date(e, date);
	chart_text_draw(c, date, tx, top, c->th.tick_px, 0, ax, 0, 0, c->th.muted);
	chart_text_draw(c, e->label, tx, top + c->th.tick_px * 1.25, c->th.label_px, 1, ax, 0,
	    0, c->th.text);
}

void
chart_timeline_draw(chart_ctx *c)
{
	size_t n = c->s->nevents;
	size_t *ord = util_xcalloc(n, sizeof(*ord));
	placed *pl = util_xcalloc(n, sizeof(*pl));
	double levh = c->th.tick_px * 1.25 + c->th.label_px * 1.3 + 8;
	int nlev = (int)floor((c->L.y1 - c->L.y0 - 16) / levh);
	nlev = nlev < 1 ? 1 : nlev > TIMELINE_MAX_LEVELS ? TIMELINE_MAX_LEVELS : nlev;
	for (size_t i = 0; i < n; i++) {
		size_t j = i;
		for (; j > 0 && event_t(&c->s->events[ord[j - 1]]) > event_t(&c->s->events[i]); j--)
			ord[j] = ord[j - 1];
		ord[j] = i;
	}
	for (size_t i = 0; i < n; i++) {
		pl[i].x = chart_x(c, event_t(&c->s->events[ord[i]]));
		span(c, &c->s->events[ord[i]], &pl[i]);
	}
	assign_levels(pl, n, nlev);
	for (size_t i = 0; i < n; i++)
		event_draw(c, &c->s->events[ord[i]], &pl[i], levh);
	free(ord);
	free(pl);
}

void
chart_timeline_csv(const chart_spec *s, buf *out)
{
	buf_puts(out, "year,month,event\n");
	for (size_t i = 0; i < s->nevents; i++) {
		const chart_event *e = &s->events[i];
		buf_printf(out, "%d,", e->year);
		if (e->month)
			buf_printf(out, "%d", e->month);
		buf_putc(out, ',');
		chart_csv_text(out, e->label);
		buf_putc(out, '\n');
	}
}
