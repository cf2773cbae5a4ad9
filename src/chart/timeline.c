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

/* Cost of label i on level lev beside label j already placed: 8 if the two labels
 * overlap on one level, 1 if a stem runs through the other's label, else 0. */
static int
conflicts(const placed *i, int lev, const placed *j)
{
	int overlap = i->a < j->b + 10 && j->a < i->b + 10;
	if (j->level == lev)
		return 8 * overlap; /* text on text: far worse than a line through text */
	if (j->level < lev)
		return covers(j, i->x); /* i's stem rises through j's label */
	return covers(i, j->x);       /* j's stem rises through i's label */
}

/* The next label to place: the latest one whose label spans no stem of an unplaced
 * event (those must sit lower, so go first), or the latest unplaced one. */
static size_t
next_label(const placed *pl, size_t n, const int *done)
{
	size_t any = n;
	for (size_t i = n; i-- > 0;) {
		if (done[i])
			continue;
		any = any < n ? any : i;
		size_t j = 0;
		while (j < n && (done[j] || j == i || !covers(&pl[i], pl[j].x)))
			j++;
		if (j == n)
			return i;
	}
	return any;
}

/* Sum of the costs of label i on level lev against the placed labels. */
static int
level_cost(const placed *pl, size_t n, const int *done, size_t i, int lev)
{
	int k = 0;
	for (size_t j = 0; j < n; j++)
		k += done[j] ? conflicts(&pl[i], lev, &pl[j]) : 0;
	return k;
}

/* Turns label pl to the other side of its stem if it then stays within [lo, hi];
 * returns 1 if it turned. */
static int
flip(placed *pl, double lo, double hi)
{
	double w = pl->b - pl->a;
	if (pl->right ? pl->x + w > hi : pl->x - w < lo)
		return 0;
	pl->right = !pl->right;
	pl->a = pl->right ? pl->x - w : pl->x;
	pl->b = pl->right ? pl->x : pl->x + w;
	return 1;
}

/* Puts label i on the lowest level free of conflicts with the placed labels, on its
 * side of the stem or else the other; when nlev levels are too few, where it costs
 * least. */
static void
place_label(placed *pl, size_t n, const int *done, size_t i, int nlev, double lo,
    double hi)
{
	int best = 0, fewest = -1, best_side = 0, side = 0;
	for (; side < 2 && fewest != 0; side++) {
		if (side == 1 && !flip(&pl[i], lo, hi))
			break;
		for (int lev = 0; lev < nlev && fewest != 0; lev++) {
			int k = level_cost(pl, n, done, i, lev);
			if (fewest < 0 || k < fewest) {
				fewest = k;
				best = lev;
				best_side = side;
			}
		}
	}
	if (side == 2 && best_side == 0) /* tried the other side in vain: turn back */
		flip(&pl[i], lo, hi);
	pl[i].level = best;
}

/* Levels: labels that span other events' stems are placed after them, each on the
 * lowest level free of conflicts with those already placed. */
static void
assign_levels(placed *pl, size_t n, int nlev, double lo, double hi)
{
	int *done = util_xcalloc(n ? n : 1, sizeof(*done));
	for (size_t k = 0; k < n; k++) {
		size_t i = next_label(pl, n, done);
		place_label(pl, n, done, i, nlev, lo, hi);
		done[i] = 1;
	}
	free(done);
}

/* Height of one level at the least: a label (date and text) and a gap. */
static double
level_min(const chart_ctx *c)
{
	return c->th.tick_px * 1.25 + c->th.label_px * 1.3 + 8;
}

/* Top pixel of a label on level lev: level 0 just above the axis, the others levh
 * apart above it. */
static double
level_top(const chart_ctx *c, int lev, double levh)
{
	return c->L.y1 - 16 - level_min(c) - lev * levh;
}

/* Draws one event: dot on the axis, stem, date and label. */
static void
event_draw(chart_ctx *c, const chart_event *e, const placed *pl, double levh)
{
	char date[16];
	double top = level_top(c, pl->level, levh);
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

/* Stores in ord the events by date (ties keep input order). */
static void
timeline_order(const chart_spec *s, size_t *ord)
{
	for (size_t i = 0; i < s->nevents; i++) {
		size_t j = i;
		for (; j > 0 && event_t(&s->events[ord[j - 1]]) > event_t(&s->events[i]); j--)
			ord[j] = ord[j - 1];
		ord[j] = i;
	}
}

/* Places the events (pl[i] is event ord[i]) on levels and returns the distance between
 * levels: the smallest that fits a label, stretched (up to twice) so the levels used
 * fill the plot's height instead of leaving its top empty. */
static double
timeline_place(chart_ctx *c, size_t *ord, placed *pl)
{
	size_t n = c->s->nevents;
	double levh = level_min(c);
	double avail = c->L.y1 - c->L.y0 - 16;
	int nlev = (int)floor(avail / levh), used = 0;
	nlev = nlev < 1 ? 1 : nlev > TIMELINE_MAX_LEVELS ? TIMELINE_MAX_LEVELS : nlev;
	timeline_order(c->s, ord);
	for (size_t i = 0; i < n; i++) {
		pl[i].x = chart_x(c, event_t(&c->s->events[ord[i]]));
		span(c, &c->s->events[ord[i]], &pl[i]);
	}
	assign_levels(pl, n, nlev, c->L.x0 - c->th.pad, c->L.x1 + c->th.pad);
	for (size_t i = 0; i < n; i++)
		used = pl[i].level + 1 > used ? pl[i].level + 1 : used;
	double fill = used > 1 ? (avail - levh) / (used - 1) : levh;
	return fill > 2 * levh ? 2 * levh : fill > levh ? fill : levh;
}

void
chart_timeline_draw(chart_ctx *c)
{
	size_t n = c->s->nevents;
	size_t *ord = util_xcalloc(n, sizeof(*ord));
	placed *pl = util_xcalloc(n, sizeof(*pl));
	double levh = timeline_place(c, ord, pl);
	for (size_t i = 0; i < n; i++)
		event_draw(c, &c->s->events[ord[i]], &pl[i], levh);
	free(ord);
	free(pl);
}

void
chart_timeline_boxes(chart_ctx *c, chart_box *box)
{
	size_t n = c->s->nevents;
	size_t *ord = util_xcalloc(n, sizeof(*ord));
	placed *pl = util_xcalloc(n, sizeof(*pl));
	double levh = timeline_place(c, ord, pl);
	for (size_t i = 0; i < n; i++) {
		double top = level_top(c, pl[i].level, levh);
		box[ord[i]] = (chart_box){ pl[i].a, top, pl[i].b,
			top + c->th.tick_px * 1.25 + c->th.label_px * 1.3 };
	}
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
