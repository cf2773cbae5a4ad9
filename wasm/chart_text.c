/* chart_text: src/chart/text.c's interface for the WebAssembly build: text measured
 * with the built-in font metrics (chart_font.h) exactly as pango measures it for the
 * report's charts, and drawn as SVG <text> through the cairo shim, so every position
 * the chart code computes from a text's size is the report's. */
#include "chart/chart_int.h"

#include <stdlib.h>

#include "chart_font.h"

enum {
	TEXT_HALO_PAD = 2, /* px of background around a haloed label (text.c's) */
};

void *
chart_text_new(const theme *th)
{
	(void)th; /* one family: the tables are Inter's (fonts.conf pins it natively) */
	return util_xcalloc(1, 1);
}

void
chart_text_free(void *t)
{
	free(t);
}

void
chart_text_measure(void *t, const char *s, double px, int bold, double *w, double *h)
{
	chart_font_box b;
	(void)t;
	chart_font_measure(s ? s : "", px, bold, &b);
	*w = b.w;
	*h = b.h;
}

/* Draws s as chart_text_draw does; over a background box (the logical box and
 * TEXT_HALO_PAD: the tables have no ink extents) if halo. */
static void
text_draw(chart_ctx *c, const char *s, double x, double y, double px, int bold,
    double ax, double ay, double angle, theme_rgb col, int halo)
{
	chart_font_box b;
	if (!s || !*s)
		return;
	chart_font_measure(s, px, bold, &b);
	c->unknown += b.unknown;
	cairo_save(c->cr);
	cairo_translate(c->cr, x, y);
	cairo_rotate(c->cr, angle);
	double mx = -ax * b.w, my = -ay * b.h; /* the layout's top left (pango: x, y = 0) */
	if (halo) {
		cairo_rectangle(c->cr, mx - TEXT_HALO_PAD, my - TEXT_HALO_PAD,
		    b.w + 2 * TEXT_HALO_PAD, b.h + 2 * TEXT_HALO_PAD);
		chart_set_color(c->cr, c->th.bg, 1);
		cairo_fill(c->cr);
	}
	chart_set_color(c->cr, col, 1);
	int one = b.h == b.line; /* one line: anchored where pango's box puts it */
	int anchor = !one ? 0 : ax == 0.5 ? 1 : ax == 1 ? 2 : 0;
	shim_svg_text(c->cr, s, anchor == 0 ? mx : anchor == 1 ? mx + b.w / 2 : mx + b.w,
	    my + b.base, px, bold ? 600 : 400, anchor, b.line);
	cairo_restore(c->cr);
}

void
chart_text_draw(chart_ctx *c, const char *s, double x, double y, double px, int bold,
    double ax, double ay, double angle, theme_rgb col)
{
	text_draw(c, s, x, y, px, bold, ax, ay, angle, col, 0);
}

void
chart_text_halo(chart_ctx *c, const char *s, double x, double y, double px, int bold,
    double ax, double ay, theme_rgb col)
{
	text_draw(c, s, x, y, px, bold, ax, ay, 0, col, 1);
}
