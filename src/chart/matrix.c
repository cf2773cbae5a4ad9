/* matrix: a heatmap (one row per series, one column per category), e.g. a 5 x 5 risk matrix. */
#include "chart/chart_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum {
	MATRIX_MIN_PX = 10, /* smallest font a cell note is drawn at; below, the value */
};

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

/* The next line of note from p: up to the next ", " (or, when words, the next space);
 * stores its length and returns where the line after it starts, or NULL. */
static const char *
next_line(const char *p, int words, size_t *len)
{
	const char *q = strstr(p, ", ");
	if (words) {
		size_t k = strcspn(p, " ,");
		q = p[k] == '\0' ? NULL : p + k;
	}
	*len = q ? (size_t)(q - p) : strlen(p);
	if (q == NULL)
		return NULL;
	return q + (q[0] == ',' ? 2 : 1);
}

/* Widest line of note (split at ", ", or at every word when words) measured at px, and
 * the number of lines. */
static double
note_width(chart_ctx *c, const char *note, double px, int words, size_t *lines)
{
	double mw = 0, w, h;
	size_t len;
	*lines = 0;
	for (const char *p = note, *q; p != NULL; p = q, (*lines)++) {
		q = next_line(p, words, &len);
		char *line = util_xstrndup(p, len);
		c->tm.measure(c->tm.ctx, line, px, 0, &w, &h);
		mw = fmax(mw, w);
		free(line);
	}
	return mw;
}

/* The font size note fits a w x h cell at (see chart_matrix_note_px), split at ", "
 * or, when words, at every word. */
static double
note_px(chart_ctx *c, const char *note, double w, double h, int words)
{
	size_t lines;
	double px = c->th.tick_px, mw = note_width(c, note, px, words, &lines);
	if (mw > w - 8)
		px *= (w - 8) / mw;
	if ((double)lines * px * 1.25 > h - 4)
		px = (h - 4) / ((double)lines * 1.25);
	return px >= MATRIX_MIN_PX ? px : 0;
}

double
chart_matrix_note_px(chart_ctx *c, const char *note, double w, double h)
{
	return note_px(c, note, w, h, 0);
}

/* Draws note centred in the cell at (x, y) (centre), one line per ", " item (or per
 * word when words), at px. */
static void
note_draw(chart_ctx *c, const char *note, double x, double y, double px, int words,
    theme_rgb col)
{
	size_t lines, len;
	note_width(c, note, px, words, &lines);
	double top = y - (double)lines * px * 1.25 / 2 + px * 1.25 / 2;
	for (const char *p = note, *q; p != NULL; p = q, top += px * 1.25) {
		q = next_line(p, words, &len);
		char *line = util_xstrndup(p, len);
		chart_text_draw(c, line, x, top, px, 0, 0.5, 0.5, 0, col);
		free(line);
	}
}

/* The font size every cell note fits at (the smallest of them), or 0 if one does not
 * fit or there are no notes; split into words when words. */
static double
notes_px(chart_ctx *c, int words)
{
	double px = HUGE_VAL, w = scale_band_width(&c->L.xa.sc), h = scale_band_width(&c->L.ya.sc);
	for (size_t i = 0; i < c->s->nseries; i++)
		for (size_t j = 0; c->s->series[i].notes && j < c->s->series[i].n; j++)
			if (c->s->series[i].notes[j])
				px = fmin(px, note_px(c, c->s->series[i].notes[j], w, h, words));
	return isfinite(px) ? px : 0;
}

/* One cell: its colour by value and its text: the note at px (one line per item, or
 * per word when words), nothing for a zero without a note when other cells have notes,
 * else the value. */
static void
cell(chart_ctx *c, size_t i, size_t j, double lo, double hi, double px, int words)
{
	const chart_series *se = &c->s->series[i];
	const scale *xs = &c->L.xa.sc, *ys = &c->L.ya.sc;
	double v = se->vals[j], w = scale_band_width(xs), h = scale_band_width(ys);
	theme_rgb col = theme_mix(c->th.heat_lo, c->th.heat_hi, hi > lo ? (v - lo) / (hi - lo) : 0.5);
	chart_fill_rect(c->cr, scale_band_start(xs, j), scale_band_start(ys, i), w, h, col);
	char text[CHART_LABEL_MAX];
	const char *t = se->notes && se->notes[j] ? se->notes[j] : NULL;
	if (t && px > 0) {
		note_draw(c, t, scale_band_mid(xs, j), scale_band_mid(ys, i), px, words,
		    theme_on(&c->th, col));
		return;
	}
	if (px > 0 && v == 0)
		return; /* an empty cell among named ones: its colour says 0 */
	chart_format_tick(&c->s->y, v, 0, text);
	chart_text_draw(c, text, scale_band_mid(xs, j), scale_band_mid(ys, i), c->th.tick_px, 0,
	    0.5, 0.5, 0, theme_on(&c->th, col));
}

void
chart_matrix_draw(chart_ctx *c)
{
	double lo, hi, px = notes_px(c, 0);
	int words = px == 0 && (px = notes_px(c, 1)) > 0;
	value_range(c->s, &lo, &hi);
	for (size_t i = 0; i < c->s->nseries; i++)
		for (size_t j = 0; j < c->s->series[i].n; j++)
			cell(c, i, j, lo, hi, px, words);
}

/* Appends note as a CSV field in its drawn form: items as "; "-separated names. */
static void
csv_note(buf *out, const char *note)
{
	buf b;
	size_t len;
	buf_init(&b);
	for (const char *p = note, *q; p != NULL; p = q) {
		q = next_line(p, 0, &len);
		char *line = util_xstrndup(p, len);
		buf_printf(&b, "%s%s", b.len ? "; " : "", line);
		free(line);
	}
	chart_csv_text(out, note ? buf_str(&b) : NULL);
	buf_free(&b);
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
			csv_note(out, s->series[i].notes ? s->series[i].notes[j] : NULL);
			buf_putc(out, '\n');
		}
}
