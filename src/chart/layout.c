/* layout: plans to positions (margins, ticks, legend, direct labels) before any drawing. */
#include "chart/chart_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/format.h"

void
chart_plan_free(chart_plan *p)
{
	for (size_t i = 0; p->wrapped && i < p->y.nbands; i++)
		free(p->wrapped[i]);
	free(p->wrapped);
	free(p->keys);
	free(p->names);
	p->wrapped = NULL;
	p->keys = NULL;
	p->names = NULL;
	p->nkeys = 0;
}

size_t
chart_wrap_at(const char *s)
{
	size_t n = strlen(s), best = 0;
	for (size_t i = 1; i + 1 < n; i++)
		if (s[i] == ' ' && (best == 0 || labs((long)(2 * i) - (long)n) <
		    labs((long)(2 * best) - (long)n)))
			best = i;
	return best ? best + 1 : 0;
}

char *
chart_wrap(const char *s)
{
	char *w = util_xstrdup(s);
	size_t at = chart_wrap_at(s);
	if (at)
		w[at - 1] = '\n';
	return w;
}

void
chart_plan_wrap_bands(chart_ctx *c)
{
	chart_plan_axis *a = &c->p.y;
	double w, h;
	if (!a->band || !a->nbands || c->L.w <= 0)
		return;
	c->p.wrapped = util_xcalloc(a->nbands, sizeof(*c->p.wrapped));
	for (size_t i = 0; i < a->nbands; i++) {
		c->tm.measure(c->tm.ctx, a->names[i], c->th.tick_px, 0, &w, &h);
		c->p.wrapped[i] = w > 0.3 * c->L.w ? chart_wrap(a->names[i]) :
		    util_xstrdup(a->names[i]);
	}
	a->names = (const char *const *)c->p.wrapped;
}

void
chart_plan_extend(chart_plan_axis *a, double v)
{
	if (!isfinite(v))
		return;
	if (v < a->lo)
		a->lo = v;
	if (v > a->hi)
		a->hi = v;
}

chart_key *
chart_plan_keys(chart_plan *p, size_t n)
{
	free(p->keys);
	p->keys = n ? util_xcalloc(n, sizeof(*p->keys)) : NULL;
	p->nkeys = n;
	return p->keys;
}

void
chart_plan_series_x(const chart_spec *s, chart_plan_axis *x)
{
	x->spec = &s->x;
	if (s->nseries && s->series[0].years) {
		x->years = 1;
		x->lo = HUGE_VAL;
		x->hi = -HUGE_VAL;
		for (size_t i = 0; i < s->nseries; i++)
			for (size_t j = 0; j < s->series[i].n; j++)
				chart_plan_extend(x, s->series[i].years[j]);
	} else {
		x->band = 1;
		x->nbands = s->ncats;
		x->names = s->cats;
	}
}

/* Name of the format a unit's ticks use before ":decimals". */
static const char *
tick_base(metric_unit u)
{
	const char *f = format_unit_default(u);
	return f ? f : "num";
}

/* The factor a named format multiplies values by before printing (pct: 100). */
static double
format_factor(const char *name)
{
	if (strncmp(name, "pct", 3) == 0 || strcmp(name, "pp") == 0)
		return 100;
	return strcmp(name, "m") == 0 ? 1e-6 : 1;
}

/* Writes into spec (32 bytes) the tick format of a for ticks step apart: the axis's
 * format (or the unit's) with the decimals the step needs, so every tick of an axis
 * shows the same decimals ($0bn, $50bn, $100bn). Returns spec, or the axis's format
 * unchanged when it fixes its precision ("usd_bn:2") or is a year format. */
static const char *
tick_spec(const chart_axis *a, double step, char *spec)
{
	const char *name = a->format ? a->format : tick_base(a->unit);
	if (strchr(name, ':') != NULL || strncmp(name, "year", 4) == 0 ||
	    (!a->format && a->unit == UNIT_YEAR))
		return a->format ? a->format : "year";
	char base[24];
	snprintf(base, sizeof base, "%s", name);
	snprintf(spec, 32, "%s:%d", base, scale_decimals(step * format_factor(base)));
	return spec;
}

void
chart_format_tick(const chart_axis *a, double v, double step, char *out)
{
	buf b;
	char spec[32];
	const char *use = a->format;
	buf_init(&b);
	if (step > 0)
		use = tick_spec(a, step, spec); /* else a value label: the magnitude rule */
	if (format_value(v, a->unit, use, &b) != 0)
		format_value(v, a->unit, NULL, &b);
	snprintf(out, CHART_LABEL_MAX, "%s", buf_str(&b));
	buf_free(&b);
}

/* Width and height of s in c's tick font. */
static void
tick_size(chart_ctx *c, const char *s, double *w, double *h)
{
	c->tm.measure(c->tm.ctx, s, c->th.tick_px, 0, w, h);
}

/* Widest band name of a. */
static double
names_width(chart_ctx *c, const chart_plan_axis *a, double *h)
{
	double mw = 0, w;
	*h = 0;
	for (size_t i = 0; i < a->nbands; i++) {
		tick_size(c, a->names[i], &w, h);
		if (w > mw)
			mw = w;
	}
	if (*h == 0)
		tick_size(c, "0", &w, h);
	return mw;
}

/* The continuous domain of a after zero, bounds and degenerate ranges. */
static void
plan_domain(const chart_plan_axis *a, double *lo, double *hi)
{
	*lo = a->lo;
	*hi = a->hi;
	if (!(*lo <= *hi))
		*lo = *hi = 0;
	if (a->spec && a->spec->has_min && a->spec->min < *lo)
		*lo = a->spec->min;
	if (a->spec && a->spec->has_max && a->spec->max > *hi)
		*hi = a->spec->max;
	if (a->zero && !a->log) {
		if (*lo > 0)
			*lo = 0;
		if (*hi < 0)
			*hi = 0;
	}
}

/* Drops the outer tick of t at an end where the data only just crosses zero (by less
 * than a third of a step, e.g. a dip to -4 on a 0..600 axis with steps of 200): the
 * domain then ends just beyond the data instead of a whole step further. A bound the
 * axis spec asks for is kept. */
static void
trim_overshoot(const chart_plan_axis *a, double lo, double hi, scale_ticks *t)
{
	double room = (hi - lo) * 0.03;
	int keep_lo = a->spec && a->spec->has_min, keep_hi = a->spec && a->spec->has_max;
	if (t->n < 3 || !(lo < 0 && hi > 0))
		return;
	if (!keep_lo && t->v[0] < lo && -lo < t->step / 3 && t->v[1] <= 0) {
		memmove(t->v, t->v + 1, (t->n - 1) * sizeof(t->v[0]));
		t->n--;
		t->lo = lo - room;
	}
	if (!keep_hi && t->v[t->n - 1] > hi && hi < t->step / 3 && t->v[t->n - 2] >= 0) {
		t->n--;
		t->hi = hi + room;
	}
}

/* Fills ticks and labels of continuous axis a for at most max intervals (or ticks
 * for years), keeping room px free beyond the data at both ends of an axis len px
 * long. Returns the widest label's width. */
static double
axis_ticks(chart_ctx *c, const chart_plan_axis *a, chart_laxis *la, int max, double room,
    double len)
{
	double lo, hi, mw = 0, w, h;
	plan_domain(a, &lo, &hi);
	if (room > 0 && len > 4 * room && hi > lo) { /* room px each side of the data */
		double ext = (hi - lo) * room / (len - 2 * room);
		/* but never across zero: positive data gets no negative ticks for its labels */
		lo = lo >= 0 && lo - ext < 0 ? 0 : lo - ext;
		hi = hi <= 0 && hi + ext > 0 ? 0 : hi + ext;
	}
	if (a->years)
		scale_year_ticks((int)floor(lo), (int)ceil(hi), max + 1, &la->t);
	else if (a->log)
		scale_nice_log(lo, hi, max, &la->t);
	else if (scale_nice(lo, hi, max, &la->t) == 0 && !c->p.x.band && !c->p.y.band)
		trim_overshoot(a, lo, hi, &la->t); /* bars keep room for labels past the ends */
	la->sc.kind = a->log ? SCALE_LOG : SCALE_LINEAR;
	la->sc.d0 = la->t.lo;
	la->sc.d1 = la->t.hi;
	for (size_t i = 0; i < la->t.n; i++) {
		if (a->years)
			snprintf(la->label[i], CHART_LABEL_MAX, "%d", (int)la->t.v[i]);
		else
			chart_format_tick(a->spec, la->t.v[i], la->t.step, la->label[i]);
		tick_size(c, la->label[i], &w, &h);
		if (w > mw)
			mw = w;
	}
	la->every = 1;
	return mw;
}

/* Intervals that fit len px when each takes per px, within [2, 10]. */
static int
fit_count(double len, double per)
{
	int k = per > 0 ? (int)floor(len / per) : 10;
	return k < 2 ? 2 : k > 10 ? 10 : k;
}

/* Px a value label takes beyond a bar's end on axis a: the wider of the labels of the
 * data's ends, plus the gap before it. */
static double
value_label_room(chart_ctx *c, const chart_plan_axis *a)
{
	char text[CHART_LABEL_MAX];
	double w1, w2, h;
	chart_format_tick(a->spec, a->lo, 0, text);
	tick_size(c, text, &w1, &h);
	chart_format_tick(a->spec, a->hi, 0, text);
	tick_size(c, text, &w2, &h);
	return fmax(w1, w2) + 8;
}

/* Px between the data's end hi (or start lo) and the axis's end on t, w px long. */
static double
beyond(const scale_ticks *t, double lo, double hi, double w, int at_hi)
{
	return (at_hi ? t->hi - hi : lo - t->lo) / (t->hi - t->lo) * w;
}

/* Whether ticks alt leave the value labels past the data's ends (room px, of which the
 * chart's padding may hold some) as much room as ticks cur do, or room at the least. */
static int
keeps_room(const chart_ctx *c, const chart_laxis *cur, const chart_laxis *alt, double lo,
    double hi, double room, double w)
{
	for (int end = 0; room > 0 && end < 2; end++) {
		double need = fmin(room, beyond(&cur->t, lo, hi, w, end) + c->th.pad);
		if (beyond(&alt->t, lo, hi, w, end) + c->th.pad < need)
			return 0;
	}
	return 1;
}

/* When at most 3 intervals fit (a short axis: a phone-width chart), a 1-2-5 step can
 * round the data's range out to far more than it (0..400 for 58..207): if the ticks span
 * over 1.3 times the data, tries up to three more intervals, labelling every other tick
 * if the labels then do not all fit, and keeps the tightest range whose labels fit and
 * that leaves bars' value labels their room. Years and log axes are left as they are. */
static void
tighten_x(chart_ctx *c, const chart_plan_axis *a, chart_laxis *la, int max, double room,
    double w)
{
	enum { EXTRA = 3 };
	double lo, hi;
	plan_domain(a, &lo, &hi);
	if (a->years || a->log || max > 3 || !(hi > lo) || la->t.hi - la->t.lo <= 1.3 * (hi - lo))
		return;
	/* bars along this axis may be labelled beyond their ends: keep their room */
	double need = c->p.y.band ? value_label_room(c, a) : 0;
	chart_laxis *alt = util_xcalloc(1, sizeof *alt);
	for (int m = max + 1; m <= max + EXTRA && m <= 10; m++) {
		double lw = axis_ticks(c, a, alt, m, room, w);
		size_t shown = (double)alt->t.n * (lw + 16) <= w ? alt->t.n : (alt->t.n + 1) / 2;
		if ((double)shown * (lw + 16) > w || alt->t.hi - alt->t.lo >= la->t.hi - la->t.lo ||
		    !keeps_room(c, la, alt, lo, hi, need, w))
			continue;
		alt->every = shown == alt->t.n ? 1 : 2;
		*la = *alt;
	}
	free(alt);
}

/* Lays out the horizontal axis across width w; returns the px its labels take below. */
static double
layout_x(chart_ctx *c, double w)
{
	const chart_plan_axis *a = &c->p.x;
	chart_laxis *la = &c->L.xa;
	double lw, lh, zw;
	la->every = 1;
	la->rotate = 0;
	if (a->none)
		return 0;
	if (a->band) {
		double bw = a->nbands ? w / (double)a->nbands : w;
		lw = names_width(c, a, &lh);
		if (lw + 8 <= bw)
			return lh + 6;
		if (lh * 1.5 + 4 <= bw) {
			la->rotate = 1;
			return (lw + lh) * 0.7071 + 8;
		}
		la->rotate = 1;
		la->every = (size_t)ceil((lh * 1.5 + 4) / bw);
		return (lw + lh) * 0.7071 + 8;
	}
	int max = fit_count(w, 90);
	double room = c->p.label_room ? value_label_room(c, a) : 0;
	for (;; max--) {
		lw = axis_ticks(c, a, la, max, room, w);
		tick_size(c, "0", &zw, &lh);
		if (max <= 2 || (double)la->t.n * (lw + 16) <= w)
			break;
	}
	tighten_x(c, a, la, max, room, w);
	return lh + 6;
}

/* Lays out the vertical axis for a plot height h; returns the px its labels take left. */
static double
layout_y(chart_ctx *c, double h)
{
	const chart_plan_axis *a = &c->p.y;
	chart_laxis *la = &c->L.ya;
	double lh;
	la->every = 1;
	if (a->none)
		return 0;
	if (a->band) {
		double lw = names_width(c, a, &lh);
		return lw + 10;
	}
	tick_size(c, "0", &lh, &lh);
	return axis_ticks(c, a, la, fit_count(h, lh * 3.2), 0, h) + 10;
}

/* Measures the keys; returns the widest label and stores one label's height. */
static double
keys_width(chart_ctx *c, double *h)
{
	double mw = 0, w;
	*h = 0;
	for (size_t i = 0; i < c->p.nkeys; i++) {
		c->tm.measure(c->tm.ctx, c->p.keys[i].label, c->th.label_px, 0, &w, h);
		if (w > mw)
			mw = w;
	}
	return mw;
}

/* Places the legend's keys in rows from (x, y) within width w; returns its height. */
static double
layout_legend(chart_ctx *c, double x, double y, double w)
{
	double cx = x, cy = y, lw, lh, row = 0;
	for (size_t i = 0; i < c->p.nkeys; i++) {
		chart_key *k = &c->p.keys[i];
		c->tm.measure(c->tm.ctx, k->label, c->th.label_px, 0, &lw, &lh);
		double item = 18 + lw;
		if (cx > x && cx + item > x + w) {
			cx = x;
			cy += row + 4;
		}
		k->x = cx;
		k->y = cy;
		cx += item + 18;
		row = lh;
	}
	return c->p.nkeys ? cy - y + row : 0;
}

void
chart_layout_spread(chart_key *keys, size_t n, double gap, double top, double bottom)
{
	size_t *ord = util_xcalloc(n ? n : 1, sizeof(*ord));
	for (size_t i = 0; i < n; i++) {
		size_t j = i;
		for (; j > 0 && keys[ord[j - 1]].y > keys[i].y; j--)
			ord[j] = ord[j - 1];
		ord[j] = i;
	}
	for (size_t i = 0; i < n; i++) {
		chart_key *k = &keys[ord[i]];
		double min = i ? keys[ord[i - 1]].y + gap : top;
		if (k->y < min)
			k->y = min;
	}
	for (size_t i = n; i-- > 0;) {
		chart_key *k = &keys[ord[i]];
		double max = i + 1 < n ? keys[ord[i + 1]].y - gap : bottom;
		if (k->y > max)
			k->y = max;
	}
	free(ord);
}

/* Whether direct labels fit: not too wide, not too many for the height. */
static int
direct_fits(chart_ctx *c, double w, double h)
{
	double lh, mw;
	if (!c->p.direct || !c->p.nkeys)
		return 0;
	mw = keys_width(c, &lh);
	return mw <= w * 0.28 && (double)c->p.nkeys * lh <= h * 0.8;
}

/* Makes sc a band scale over a's categories when a is a band axis. */
static void
band_scale(scale *sc, const chart_plan_axis *a, double pad)
{
	if (!a->band)
		return;
	sc->kind = SCALE_BAND;
	sc->nbands = a->nbands;
	sc->pad = pad > 0 ? pad : 0.25;
}

/* Sets the scales' pixel ranges once the plot rectangle is known: values grow upward,
 * categories run downward. */
static void
layout_scales(chart_ctx *c)
{
	chart_layout *L = &c->L;
	L->xa.sc.r0 = L->x0;
	L->xa.sc.r1 = L->x1;
	L->ya.sc.r0 = c->p.y.band ? L->y0 : L->y1;
	L->ya.sc.r1 = c->p.y.band ? L->y1 : L->y0;
	band_scale(&L->xa.sc, &c->p.x, c->p.band_pad);
	band_scale(&L->ya.sc, &c->p.y, c->p.band_pad);
}

/* Places the direct labels right of the plot, spread to avoid collisions. */
static void
layout_direct(chart_ctx *c)
{
	double lh;
	keys_width(c, &lh);
	for (size_t i = 0; i < c->p.nkeys; i++)
		c->p.keys[i].y = chart_y(c, c->p.keys[i].end);
	/* 2 px between neighbours' line boxes: descenders never meet the ascenders below */
	chart_layout_spread(c->p.keys, c->p.nkeys, lh + 2, c->L.y0 - lh / 2, c->L.y1 + lh / 2);
	c->L.label_x = c->L.x1 + 10;
}

/* Reserves the top lines: title, legend, value-axis title. Returns the new top. */
static double
layout_top(chart_ctx *c, double x, double top, double w, int with_title)
{
	double tw, th;
	chart_layout *L = &c->L;
	if (with_title && c->s->title) {
		c->tm.measure(c->tm.ctx, c->s->title, c->th.title_px, 1, &tw, &th);
		L->title_y = top;
		top += th + c->th.pad / 2;
	}
	if (L->legend) {
		L->legend_y = top;
		top += layout_legend(c, x, top, w) + c->th.pad / 2;
	}
	const chart_axis *ya = c->p.y.spec;
	if (ya && ya->label && !c->p.y.none) {
		tick_size(c, ya->label, &tw, &th);
		L->ytitle_y = top;
		top += th + 6;
	}
	return top;
}

void
chart_layout_compute(chart_ctx *c, double x, double y, double w, double h, int with_title)
{
	chart_layout *L = &c->L;
	double pad = c->th.pad, lh, tw;
	memset(&L->xa, 0, sizeof(L->xa));
	memset(&L->ya, 0, sizeof(L->ya));
	L->w = w;
	L->h = h;
	L->legend = c->p.nkeys > 0 && !direct_fits(c, w, h * 0.6);
	double top = layout_top(c, x + pad, y + pad, w - 2 * pad, with_title);
	double bottom = y + h - pad, left = x + pad, right = x + w - pad;
	L->left = left;
	L->bottom = bottom;
	tick_size(c, "0", &tw, &lh);
	if (!c->p.y.band && !c->p.y.none)
		top += lh / 2;
	if (c->p.x.spec && c->p.x.spec->label && !c->p.x.none)
		bottom -= lh + 6;
	if (!L->legend && c->p.direct && c->p.nkeys)
		right -= keys_width(c, &tw) + 14;
	else if (!c->p.x.band && !c->p.x.none)
		right -= 20;
	if (c->p.y.none)
		left += 20;
	left += layout_y(c, bottom - top - lh - 6);
	bottom -= layout_x(c, right - left);
	double wide = layout_y(c, bottom - top);
	if (x + pad + wide > left)
		left = x + pad + wide;
	L->x0 = left;
	L->y0 = top;
	L->x1 = right > left + 10 ? right : left + 10;
	L->y1 = bottom > top + 10 ? bottom : top + 10;
	layout_scales(c);
	if (!L->legend && c->p.direct && c->p.nkeys)
		layout_direct(c);
}

double
chart_x(const chart_ctx *c, double v)
{
	const scale *s = &c->L.xa.sc;
	if (s->kind == SCALE_BAND)
		return scale_band_mid(s, (size_t)(v < 0 ? 0 : v));
	return scale_map(s, v);
}

double
chart_y(const chart_ctx *c, double v)
{
	const scale *s = &c->L.ya.sc;
	if (s->kind == SCALE_BAND)
		return scale_band_mid(s, (size_t)(v < 0 ? 0 : v));
	return scale_map(s, v);
}
