/* text: chart text measured and drawn with pango on one pinned font map. */
#include "chart/chart_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>

/* The process's font map for charts, created on first use. */
static PangoFontMap *font_map;

/* Returns the chart font map, creating it if needed. */
static PangoFontMap *
chart_font_map(void)
{
	if (!font_map)
		font_map = pango_cairo_font_map_new();
	return font_map;
}

int
chart_fonts_init(const char *conf, char *why, size_t n)
{
	if (conf) {
		FILE *f = fopen(conf, "r");
		if (!f) {
			if (n)
				snprintf(why, n, "%s: cannot read the fontconfig file", conf);
			return -1;
		}
		fclose(f);
		char *abs = realpath(conf, NULL);
		setenv("FONTCONFIG_FILE", abs ? abs : conf, 1);
		free(abs);
	}
	chart_fonts_done(); /* the next chart creates a font map reading the new file */
	return 0;
}

void
chart_fonts_done(void)
{
	if (font_map)
		g_object_unref(font_map);
	font_map = NULL;
}

/* text.c's state for one chart. */
typedef struct chart_pango {
	PangoContext *ctx;   /* context on the shared font map, unhinted metrics */
	PangoLayout *layout; /* reused for every string */
	const char *family;  /* the theme's family */
} chart_pango;

void *
chart_text_new(cairo_t *cr, const theme *th)
{
	chart_pango *t = util_xcalloc(1, sizeof(*t));
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	t->ctx = pango_font_map_create_context(chart_font_map());
	pango_cairo_context_set_font_options(t->ctx, fo);
	cairo_font_options_destroy(fo);
	if (cr)
		pango_cairo_update_context(cr, t->ctx);
	t->layout = pango_layout_new(t->ctx);
	t->family = th->family;
	return t;
}

void
chart_text_free(void *p)
{
	chart_pango *t = p;
	if (!t)
		return;
	g_object_unref(t->layout);
	g_object_unref(t->ctx);
	free(t);
}

/* Sets the layout to s at px pixels, tabular figures. */
static void
text_set(chart_pango *t, const char *s, double px, int bold)
{
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, t->family);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_SEMIBOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_absolute_size(fd, px * PANGO_SCALE);
	pango_layout_set_font_description(t->layout, fd);
	pango_font_description_free(fd);
	PangoAttrList *al = pango_attr_list_new();
	pango_attr_list_insert(al, pango_attr_font_features_new("tnum 1"));
	pango_layout_set_attributes(t->layout, al);
	pango_attr_list_unref(al);
	pango_layout_set_text(t->layout, s, -1);
}

void
chart_text_measure(void *p, const char *s, double px, int bold, double *w, double *h)
{
	chart_pango *t = p;
	PangoRectangle lr;
	text_set(t, s ? s : "", px, bold);
	pango_layout_get_extents(t->layout, NULL, &lr);
	*w = (double)lr.width / PANGO_SCALE;
	*h = (double)lr.height / PANGO_SCALE;
}

/* Draws s as chart_text_draw does, first outlined in the background colour if halo. */
static void
text_draw(chart_ctx *c, const char *s, double x, double y, double px, int bold,
    double ax, double ay, double angle, theme_rgb col, int halo)
{
	chart_pango *t = c->text;
	PangoRectangle lr;
	if (!s || !*s)
		return;
	text_set(t, s, px, bold);
	pango_layout_get_extents(t->layout, NULL, &lr);
	c->unknown += pango_layout_get_unknown_glyphs_count(t->layout);
	cairo_save(c->cr);
	cairo_translate(c->cr, x, y);
	cairo_rotate(c->cr, angle);
	double mx = -ax * lr.width / PANGO_SCALE - (double)lr.x / PANGO_SCALE;
	double my = -ay * lr.height / PANGO_SCALE - (double)lr.y / PANGO_SCALE;
	pango_cairo_update_layout(c->cr, t->layout);
	if (halo) {
		cairo_save(c->cr);
		cairo_move_to(c->cr, mx, my);
		pango_cairo_layout_path(c->cr, t->layout);
		chart_set_color(c->cr, c->th.bg, 1);
		cairo_set_line_width(c->cr, 4);
		cairo_set_line_join(c->cr, CAIRO_LINE_JOIN_ROUND);
		cairo_stroke(c->cr);
		cairo_restore(c->cr);
	}
	cairo_move_to(c->cr, mx, my);
	chart_set_color(c->cr, col, 1);
	pango_cairo_show_layout(c->cr, t->layout);
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

char *
chart_text_family(void *p, const theme *th)
{
	chart_pango *t = p;
	PangoFontDescription *fd = pango_font_description_from_string(th->family);
	pango_font_description_set_absolute_size(fd, 13 * PANGO_SCALE);
	PangoFont *f = pango_font_map_load_font(chart_font_map(), t->ctx, fd);
	pango_font_description_free(fd);
	if (!f)
		return util_xstrdup("");
	PangoFontDescription *got = pango_font_describe(f);
	char *name = util_xstrdup(pango_font_description_get_family(got) ? pango_font_description_get_family(got) : "");
	pango_font_description_free(got);
	g_object_unref(f);
	return name;
}
