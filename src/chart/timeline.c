/* timeline: dated events on a year axis, labels stacked on levels so none collide. */
#include "chart/chart_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	size_t brk; /* 0, or the byte where the label's second line starts */
} placed;

/* A placement of every event. */
typedef struct tl_place {
	size_t n;     /* events */
	size_t *ord;  /* pl[i] is event ord[i] (date order) */
	placed *pl;   /* the labels */
	int lines;    /* lines of label text per level (1 or 2) */
	double levh;  /* distance between levels */
} tl_place;

/* Width of the label text of e, on one line, or on two when brk. */
static double
label_width(chart_ctx *c, const chart_event *e, size_t brk)
{
	double w1, w2 = 0, h;
	char *first = util_xstrndup(e->label, brk ? brk - 1 : strlen(e->label));
	c->tm.measure(c->tm.ctx, first, c->th.label_px, 1, &w1, &h);
	if (brk)
		c->tm.measure(c->tm.ctx, e->label + brk, c->th.label_px, 1, &w2, &h);
	free(first);
	return fmax(w1, w2);
}

/* Sets the label span of event e at pl->x (broken into two lines when wrap): to the
 * right, or to the left near the edge. */
static void
span(chart_ctx *c, const chart_event *e, placed *pl, int wrap)
{
	char date[16];
	double w2, h;
	event_date(e, date);
	pl->brk = wrap ? chart_wrap_at(e->label) : 0;
	c->tm.measure(c->tm.ctx, date, c->th.tick_px, 0, &w2, &h);
	double w = fmax(label_width(c, e, pl->brk), w2) + 5;
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
		k += done[j] && j != i ? conflicts(&pl[i], lev, &pl[j]) : 0;
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

/* Puts label i on the lowest level free of conflicts with the placed labels; when nlev
 * levels are too few, where it costs least. */
static void
place_label(placed *pl, size_t n, const int *done, size_t i, int nlev)
{
	int best = 0, fewest = -1;
	for (int lev = 0; lev < nlev && fewest != 0; lev++) {
		int k = level_cost(pl, n, done, i, lev);
		if (fewest < 0 || k < fewest) {
			fewest = k;
			best = lev;
		}
	}
	pl[i].level = best;
}

/* Levels: labels that span other events' stems are placed after them, each on the
 * lowest level free of conflicts with those already placed. Returns the total cost of
 * the placement (0: no label meets another or a stem). */
static int
assign_levels(placed *pl, size_t n, int nlev)
{
	int *done = util_xcalloc(n ? n : 1, sizeof(*done)), cost = 0;
	for (size_t k = 0; k < n; k++) {
		size_t i = next_label(pl, n, done);
		place_label(pl, n, done, i, nlev);
		done[i] = 1;
	}
	for (size_t i = 0; i < n; i++)
		cost += level_cost(pl, n, done, i, pl[i].level);
	free(done);
	return cost;
}

/* Whether labels i and j each span the other's stem: then neither can sit above the
 * other, whatever the levels. */
static int
locked(const placed *i, const placed *j)
{
	return covers(i, j->x) && covers(j, i->x);
}

/* Chooses sides for labels i..0 (those right of i are chosen) so that no two lock,
 * trying the side span chose first. Returns 1 on success; *budget bounds the search. */
static int
choose_sides(placed *pl, size_t n, size_t i, double lo, double hi, long *budget)
{
	for (int t = 0; t < 2 && --*budget > 0; t++) {
		if (t == 1 && !flip(&pl[i], lo, hi))
			break;
		size_t j = i + 1;
		while (j < n && !locked(&pl[i], &pl[j]))
			j++;
		if (j == n && (i == 0 || choose_sides(pl, n, i - 1, lo, hi, budget)))
			return 1;
	}
	if (!(pl[i].right == (pl[i].x + (pl[i].b - pl[i].a) > hi)))
		flip(&pl[i], lo, hi); /* back to the side span chose */
	return 0;
}

/* Distance between the baselines of a label's lines of text. */
static double
line_h(const chart_ctx *c, int lines)
{
	return c->th.label_px * (lines > 1 ? 1.2 : 1.3);
}

/* Height of one level at the least: a label (date and lines of text) and a gap. */
static double
level_min(const chart_ctx *c, int lines)
{
	return c->th.tick_px * 1.25 + lines * line_h(c, lines) + (lines > 1 ? 6 : 8);
}

/* Top pixel of a label on level lev: level 0 just above the axis, the others levh
 * apart above it. */
static double
level_top(const chart_ctx *c, const tl_place *t, int lev)
{
	return c->L.y1 - 16 - level_min(c, t->lines) - lev * t->levh;
}

/* Draws one event: dot on the axis, stem, date and label (on one or two lines). */
static void
event_draw(chart_ctx *c, const tl_place *t, const chart_event *e, const placed *pl)
{
	char date[16];
	double top = level_top(c, t, pl->level), y = top + c->th.tick_px * 1.25;
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
	char *first = util_xstrndup(e->label, pl->brk ? pl->brk - 1 : strlen(e->label));
	chart_text_draw(c, first, tx, y, c->th.label_px, 1, ax, 0, 0, c->th.text);
	if (pl->brk)
		chart_text_draw(c, e->label + pl->brk, tx, y + line_h(c, t->lines),
		    c->th.label_px, 1, ax, 0, 0, c->th.text);
	free(first);
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

/* One attempt with labels on one line (wrap 0) or broken in two: sides, then levels.
 * Returns its cost (0: nothing meets). */
static int
timeline_try(chart_ctx *c, tl_place *t, int wrap)
{
	double lo = c->L.x0 - c->th.pad, hi = c->L.x1 + c->th.pad;
	double avail = c->L.y1 - c->L.y0 - 16;
	long budget = 20000;
	t->lines = wrap ? 2 : 1;
	int nlev = (int)floor(avail / level_min(c, t->lines));
	nlev = nlev < 1 ? 1 : nlev > TIMELINE_MAX_LEVELS ? TIMELINE_MAX_LEVELS : nlev;
	for (size_t i = 0; i < t->n; i++) {
		t->pl[i].x = chart_x(c, event_t(&c->s->events[t->ord[i]]));
		span(c, &c->s->events[t->ord[i]], &t->pl[i], wrap);
	}
	if (t->n)
		choose_sides(t->pl, t->n, t->n - 1, lo, hi, &budget);
	return assign_levels(t->pl, t->n, nlev);
}

/* Places the events: labels on one line if nothing then meets, else broken in two if
 * that meets less. Sets the distance between levels: the smallest that fits a label,
 * stretched (up to three times) so the levels used fill the plot's height. */
static void
timeline_place(chart_ctx *c, tl_place *t)
{
	t->n = c->s->nevents;
	t->ord = util_xcalloc(t->n ? t->n : 1, sizeof(*t->ord));
	t->pl = util_xcalloc(t->n ? t->n : 1, sizeof(*t->pl));
	timeline_order(c->s, t->ord);
	int cost = timeline_try(c, t, 0);
	if (cost > 0) {
		placed *keep = util_xcalloc(t->n, sizeof(*keep));
		memcpy(keep, t->pl, t->n * sizeof(*keep));
		if (timeline_try(c, t, 1) >= cost) {
			memcpy(t->pl, keep, t->n * sizeof(*keep));
			t->lines = 1;
		}
		free(keep);
	}
	double levh = level_min(c, t->lines), avail = c->L.y1 - c->L.y0 - 16;
	int used = 0;
	for (size_t i = 0; i < t->n; i++)
		used = t->pl[i].level + 1 > used ? t->pl[i].level + 1 : used;
	double fill = used > 1 ? (avail - levh) / (used - 1) : levh;
	t->levh = fill > 3 * levh ? 3 * levh : fill > levh ? fill : levh;
}

/* Frees what timeline_place allocated. */
static void
timeline_done(tl_place *t)
{
	free(t->ord);
	free(t->pl);
}

void
chart_timeline_draw(chart_ctx *c)
{
	tl_place t;
	timeline_place(c, &t);
	for (size_t i = 0; i < t.n; i++)
		event_draw(c, &t, &c->s->events[t.ord[i]], &t.pl[i]);
	timeline_done(&t);
}

void
chart_timeline_boxes(chart_ctx *c, chart_box *box)
{
	tl_place t;
	timeline_place(c, &t);
	for (size_t i = 0; i < t.n; i++) {
		double top = level_top(c, &t, t.pl[i].level);
		box[t.ord[i]] = (chart_box){ t.pl[i].a, top, t.pl[i].b,
			top + c->th.tick_px * 1.25 + t.lines * line_h(c, t.lines) };
	}
	timeline_done(&t);
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
