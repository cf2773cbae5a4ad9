/* text: chart text measured and drawn with pango; font maps pooled for threads; strings
 * laid out once in user space (no hinting) and kept for every drawing that uses the same
 * state, whatever its surface and scale. */
#include "chart/chart_int.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "util/oom.h"
#include "util/pool.h"

enum {
	TEXT_POOL_MAX = 16,     /* font maps kept for reuse (one per concurrent chart) */
	CHART_FONT_HEADROOM = 32 << 20, /* bytes free before a font map is made (util_oom_need) */
	TEXT_CACHE_MIN = 64,    /* first number of slots of a chart's layout table */
};

/* The process's idle font maps. A font map is used by one chart (one thread) at a time:
 * pango's font maps are not thread-safe, so a chart takes one and gives it back. */
static util_pool font_maps = UTIL_POOL_INIT(TEXT_POOL_MAX);

void
chart_text_headroom(void)
{
	util_oom_need(CHART_FONT_HEADROOM);
}

/* Takes an idle font map, or makes a new one. */
static PangoFontMap *
font_map_take(void)
{
	PangoFontMap *fm = util_pool_take(&font_maps, 0, NULL);
	if (fm == NULL)
		chart_text_headroom();
	return fm ? fm : pango_cairo_font_map_new();
}

/* Gives fm back to the pool (or releases it when the pool is full). */
static void
font_map_give(PangoFontMap *fm)
{
	fm = util_pool_give(&font_maps, fm, 0);
	if (fm)
		g_object_unref(fm);
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
	util_pool_drain(&font_maps, g_object_unref); /* new font maps read the new file */
	return 0;
}

void
chart_text_pool_free(void)
{
	util_pool_drain(&font_maps, g_object_unref);
}

/* One laid-out string of a chart. */
typedef struct text_entry {
	char *s;             /* the text (owned), NULL for an empty slot */
	double px;           /* size in px */
	int bold;            /* 1: semibold */
	uint64_t hash;       /* of s, px and bold */
	PangoLayout *layout; /* its layout on the chart's context (owned) */
	PangoRectangle ink;  /* its ink extents, Pango units */
	PangoRectangle lr;   /* its logical extents, Pango units */
	int unknown;         /* glyphs no font covers */
} text_entry;

/* text.c's state for one chart. */
typedef struct chart_pango {
	PangoFontMap *fm;          /* taken from the pool for this chart */
	PangoContext *ctx;         /* context on fm: identity matrix, unhinted metrics */
	PangoAttrList *attrs;      /* tabular figures, shared by every layout */
	const char *family;        /* the theme's family */
	text_entry *slots;         /* open-addressing table of laid-out strings */
	size_t nslots;             /* its size, a power of two */
	size_t used;               /* slots in use */
} chart_pango;

void *
chart_text_new(const theme *th)
{
	chart_pango *t = util_xcalloc(1, sizeof(*t));
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	t->fm = font_map_take();
	t->ctx = pango_font_map_create_context(t->fm);
	pango_cairo_context_set_font_options(t->ctx, fo);
	cairo_font_options_destroy(fo);
	t->attrs = pango_attr_list_new();
	pango_attr_list_insert(t->attrs, pango_attr_font_features_new("tnum 1"));
	t->family = th->family;
	t->nslots = TEXT_CACHE_MIN;
	t->slots = util_xcalloc(t->nslots, sizeof *t->slots);
	return t;
}

void
chart_text_free(void *p)
{
	chart_pango *t = p;
	if (!t)
		return;
	for (size_t i = 0; i < t->nslots; i++)
		if (t->slots[i].s) {
			free(t->slots[i].s);
			g_object_unref(t->slots[i].layout);
		}
	free(t->slots);
	pango_attr_list_unref(t->attrs);
	g_object_unref(t->ctx);
	font_map_give(t->fm);
	free(t);
}

/* FNV-1a of s, the bits of px and bold. */
static uint64_t
text_hash(const char *s, double px, int bold)
{
	uint64_t h = 1469598103934665603u, bits;
	memcpy(&bits, &px, sizeof bits);
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		h = (h ^ *c) * 1099511628211u;
	h = (h ^ bits) * 1099511628211u;
	return (h ^ (uint64_t)bold) * 1099511628211u;
}

/* Returns the slot of (s, px, bold) in t's table: its entry, or the empty slot where
 * it goes. */
static text_entry *
text_slot(chart_pango *t, const char *s, double px, int bold, uint64_t h)
{
	size_t i = (size_t)h & (t->nslots - 1);
	for (;; i = (i + 1) & (t->nslots - 1)) {
		text_entry *e = &t->slots[i];
		if (!e->s || (e->hash == h && e->px == px && e->bold == bold && strcmp(e->s, s) == 0))
			return e;
	}
}

/* Doubles t's table. */
static void
text_grow(chart_pango *t)
{
	text_entry *old = t->slots;
	size_t n = t->nslots;
	t->nslots *= 2;
	t->slots = util_xcalloc(t->nslots, sizeof *t->slots);
	for (size_t i = 0; i < n; i++)
		if (old[i].s)
			*text_slot(t, old[i].s, old[i].px, old[i].bold, old[i].hash) = old[i];
	free(old);
}

/* Lays out s at px pixels (semibold if bold), tabular figures, into a new layout. */
static PangoLayout *
text_layout(chart_pango *t, const char *s, double px, int bold)
{
	PangoLayout *l = pango_layout_new(t->ctx);
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, t->family);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_SEMIBOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_absolute_size(fd, px * PANGO_SCALE);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_attributes(l, t->attrs);
	pango_layout_set_text(l, s, -1);
	return l;
}

/* Returns the laid-out entry of s at px (made on first use; kept until the chart ends). */
static const text_entry *
text_get(chart_pango *t, const char *s, double px, int bold)
{
	uint64_t h = text_hash(s, px, bold);
	text_entry *e = text_slot(t, s, px, bold, h);
	if (e->s)
		return e;
	if (2 * (t->used + 1) > t->nslots) {
		text_grow(t);
		e = text_slot(t, s, px, bold, h);
	}
	e->s = util_xstrdup(s);
	e->px = px;
	e->bold = bold;
	e->hash = h;
	e->layout = text_layout(t, s, px, bold);
	pango_layout_get_extents(e->layout, &e->ink, &e->lr);
	e->unknown = pango_layout_get_unknown_glyphs_count(e->layout);
	t->used++;
	return e;
}

void
chart_text_measure(void *p, const char *s, double px, int bold, double *w, double *h)
{
	const text_entry *e = text_get(p, s ? s : "", px, bold);
	*w = (double)e->lr.width / PANGO_SCALE;
	*h = (double)e->lr.height / PANGO_SCALE;
}

enum {
	TEXT_HALO_PAD = 2, /* px of background kept around a haloed label's ink */
};

/* Draws s as chart_text_draw does, over a background-coloured box around its ink if halo
 * (cheaper in every format than stroking the glyph outlines). */
static void
text_draw(chart_ctx *c, const char *s, double x, double y, double px, int bold,
    double ax, double ay, double angle, theme_rgb col, int halo)
{
	if (!s || !*s)
		return;
	const text_entry *e = text_get(c->text, s, px, bold);
	const PangoRectangle *lr = &e->lr;
	c->unknown += e->unknown;
	cairo_save(c->cr);
	cairo_translate(c->cr, x, y);
	cairo_rotate(c->cr, angle);
	double mx = -ax * lr->width / PANGO_SCALE - (double)lr->x / PANGO_SCALE;
	double my = -ay * lr->height / PANGO_SCALE - (double)lr->y / PANGO_SCALE;
	if (halo) {
		cairo_rectangle(c->cr, mx + (double)e->ink.x / PANGO_SCALE - TEXT_HALO_PAD,
		    my + (double)e->ink.y / PANGO_SCALE - TEXT_HALO_PAD,
		    (double)e->ink.width / PANGO_SCALE + 2 * TEXT_HALO_PAD,
		    (double)e->ink.height / PANGO_SCALE + 2 * TEXT_HALO_PAD);
		chart_set_color(c->cr, c->th.bg, 1);
		cairo_fill(c->cr);
	}
	cairo_move_to(c->cr, mx, my);
	chart_set_color(c->cr, col, 1);
	pango_cairo_show_layout(c->cr, e->layout);
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
	PangoFont *f = pango_font_map_load_font(t->fm, t->ctx, fd);
	pango_font_description_free(fd);
	if (!f)
		return util_xstrdup("");
	PangoFontDescription *got = pango_font_describe(f);
	char *name = util_xstrdup(pango_font_description_get_family(got) ? pango_font_description_get_family(got) : "");
	pango_font_description_free(got);
	g_object_unref(f);
	return name;
}
