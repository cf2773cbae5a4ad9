/* card: share cards and the site's icon, drawn with cairo and pango (charts' theme and fonts). */
#include "card/card.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "chart/chart_key.h"
#include "chart/theme.h"
#include "util/pool.h"

/* The card's grid, in px of the 1200 x 630 image. */
enum {
	CARD_MARGIN = 64,     /* left, right and top margin */
	CARD_BAND = 12,       /* the accent band along the top edge */
	CARD_TOP = 84,        /* top of the kicker */
	CARD_FOOT_Y = 566,    /* centre line of the foot and the icon mark */
	CARD_MARK = 44,       /* the icon mark's size */
	CARD_COL_W = 500,     /* the text column beside a figure or chart */
	CARD_PANEL_X = 612,   /* the figure or chart panel's box */
	CARD_PANEL_Y = 84,
	CARD_PANEL_W = 524,
	CARD_PANEL_H = 440,
	CARD_PANEL_PAD = 18,  /* inside the chart panel */
	CARD_FIG_PAD = 36,    /* inside the key-figure panel */
	CARD_POOL_MAX = 8,    /* font maps kept for reuse */
};

/* The site's colours (templates/style.css: --link, --surface) the cards share. */
#define CARD_ACCENT 0x0b57a4
#define CARD_SURFACE 0xf3f5f7

/* The icon: a rounded square with three rising bars, on a 32-unit grid. */
static const struct {
	double x, y, w, h; /* units */
} icon_bars[] = {
	{ 7, 17, 5, 8 },
	{ 13.5, 12, 5, 13 },
	{ 20, 7, 5, 18 },
};
enum { ICON_GRID = 32, ICON_RADIUS = 6 };

/* The process's idle font maps (pango's are not thread-safe: one card at a time each). */
static util_pool card_maps = UTIL_POOL_INIT(CARD_POOL_MAX);

/* The process's idle pixel buffers: a card's 3 MB image is reused by the next card, not
 * mapped, faulted in and unmapped again (which took a third of a card's time). */
static util_pool card_pixels = UTIL_POOL_INIT(CARD_POOL_MAX);

/* One card being drawn. */
typedef struct card_ctx {
	cairo_t *cr;        /* the image's context, 1 unit = 1 px */
	unsigned char *px;  /* the image's pixels, from card_pixels (owned) */
	size_t cap;         /* bytes of px */
	PangoContext *pc;   /* text context: unhinted, grey antialiasing */
	PangoFontMap *fm;   /* taken from card_maps */
	theme th;           /* the light chart theme */
	int unknown;        /* glyphs no font covered */
} card_ctx;

/* Returns 0xRRGGBB as a colour. */
static theme_rgb
rgb(unsigned v)
{
	theme_rgb c = { ((v >> 16) & 0xff) / 255.0, ((v >> 8) & 0xff) / 255.0, (v & 0xff) / 255.0 };
	return c;
}

/* Sets the source colour of cr to c. */
static void
paint(cairo_t *cr, theme_rgb c)
{
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

/* Adds a rectangle with corners of radius rad to cr's path. */
static void
round_rect(cairo_t *cr, double x, double y, double w, double h, double rad)
{
	if (rad <= 0) {
		cairo_rectangle(cr, x, y, w, h);
		return;
	}
	cairo_new_sub_path(cr);
	cairo_arc(cr, x + w - rad, y + rad, rad, -G_PI / 2, 0);
	cairo_arc(cr, x + w - rad, y + h - rad, rad, 0, G_PI / 2);
	cairo_arc(cr, x + rad, y + h - rad, rad, G_PI / 2, G_PI);
	cairo_arc(cr, x + rad, y + rad, rad, G_PI, 3 * G_PI / 2);
	cairo_close_path(cr);
}

/* Draws the icon in a size x size box at (x, y); square: no rounded corners. */
static void
icon_draw(cairo_t *cr, double x, double y, double size, int square)
{
	double u = size / ICON_GRID;
	round_rect(cr, x, y, size, size, square ? 0 : ICON_RADIUS * u);
	paint(cr, rgb(CARD_ACCENT));
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	for (size_t i = 0; i < sizeof icon_bars / sizeof *icon_bars; i++)
		cairo_rectangle(cr, x + icon_bars[i].x * u, y + icon_bars[i].y * u,
		    icon_bars[i].w * u, icon_bars[i].h * u);
	cairo_fill(cr);
}

/* Sets ctx up on a new w x h image: a font map from the pool, unhinted text. Returns 0,
 * or -1 if cairo could not make the image. */
static int
ctx_open(card_ctx *c, int w, int h)
{
	memset(c, 0, sizeof *c);
	int stride = cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, w);
	size_t len = (size_t)stride * (size_t)h;
	c->px = util_pool_take(&card_pixels, len, &c->cap);
	if (c->px == NULL) {
		c->px = util_xmalloc(len);
		c->cap = len;
	}
	cairo_surface_t *sf = cairo_image_surface_create_for_data(c->px, CAIRO_FORMAT_ARGB32, w,
	    h, stride);
	c->cr = cairo_create(sf);
	cairo_surface_destroy(sf); /* the context holds it */
	if (cairo_status(c->cr) != CAIRO_STATUS_SUCCESS) {
		cairo_destroy(c->cr);
		free(c->px);
		return -1;
	}
	c->fm = util_pool_take(&card_maps, 0, NULL);
	if (c->fm == NULL)
		c->fm = pango_cairo_font_map_new();
	c->pc = pango_font_map_create_context(c->fm);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(c->pc, fo);
	cairo_font_options_destroy(fo);
	c->th = theme_default(0);
	return 0;
}

/* Releases what ctx_open took (the font map back to the pool). */
static void
ctx_close(card_ctx *c)
{
	if (c->pc != NULL)
		g_object_unref(c->pc);
	if (c->fm != NULL && util_pool_give(&card_maps, c->fm, 0) != NULL)
		g_object_unref(c->fm);
	cairo_destroy(c->cr); /* the surface goes with it: the pixels are free to reuse */
	free(util_pool_give(&card_pixels, c->px, c->cap));
}

void
card_pools_free(void)
{
	util_pool_drain(&card_maps, g_object_unref);
	util_pool_drain(&card_pixels, free);
}

/* Returns a new layout of s at px, weight wt, w px wide (w < 0: one line, unbounded), at
 * most lines lines (ending in an ellipsis when cut); NULL for a NULL or empty s. */
static PangoLayout *
text_layout(card_ctx *c, const char *s, double px, int wt, double w, int lines)
{
	if (s == NULL || s[0] == '\0')
		return NULL;
	PangoLayout *l = pango_layout_new(c->pc);
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, c->th.family);
	pango_font_description_set_weight(fd, (PangoWeight)wt);
	pango_font_description_set_absolute_size(fd, px * PANGO_SCALE);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, w < 0 ? -1 : (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	pango_layout_set_height(l, -lines);
	pango_layout_set_text(l, s, -1);
	c->unknown += pango_layout_get_unknown_glyphs_count(l);
	return l;
}

/* Returns the height of l in px (0 for NULL). */
static double
layout_height(PangoLayout *l)
{
	if (l == NULL)
		return 0;
	PangoRectangle lr;
	pango_layout_get_pixel_extents(l, NULL, &lr);
	return lr.height;
}

/* Draws l (NULL: nothing) with its top at (x, y) in colour col and releases it. Returns
 * its height. */
static double
layout_show(card_ctx *c, PangoLayout *l, double x, double y, theme_rgb col)
{
	if (l == NULL)
		return 0;
	double h = layout_height(l);
	cairo_move_to(c->cr, x, y);
	paint(c->cr, col);
	pango_cairo_show_layout(c->cr, l);
	g_object_unref(l);
	return h;
}

/* Draws s (if not NULL or empty) with its top at (x, y) as text_layout lays it out, in
 * colour col. Returns the height it took (0 for no text). */
static double
text_at(card_ctx *c, const char *s, double x, double y, double px, int wt, double w,
    int lines, theme_rgb col)
{
	return layout_show(c, text_layout(c, s, px, wt, w, lines), x, y, col);
}

/* Returns the layout of s on one line of w px at the largest size from px down (10%
 * steps, at least min) at which it fits; at min, on up to two lines (a figure is never
 * cut while it fits on two); NULL for a NULL or empty s. */
static PangoLayout *
fit_layout(card_ctx *c, const char *s, double px, double min, int wt, double w)
{
	for (;; px *= 0.9) {
		PangoLayout *l = text_layout(c, s, px > min ? px : min, wt, -1, 1);
		if (l == NULL)
			return NULL;
		PangoRectangle lr;
		pango_layout_get_pixel_extents(l, NULL, &lr);
		if (lr.width <= w || px <= min) {
			pango_layout_set_width(l, (int)(w * PANGO_SCALE));
			if (lr.width > w)
				pango_layout_set_height(l, -2);
			return l;
		}
		g_object_unref(l);
	}
}

/* The background, the accent band, the foot line and the icon mark. */
static void
draw_frame(card_ctx *c, const card_spec *s)
{
	cairo_t *cr = c->cr;
	paint(cr, c->th.bg);
	cairo_paint(cr);
	cairo_rectangle(cr, 0, 0, CARD_WIDTH, CARD_BAND);
	paint(cr, rgb(CARD_ACCENT));
	cairo_fill(cr);
	double fw = CARD_WIDTH - 2 * CARD_MARGIN - CARD_MARK - 24;
	PangoLayout *foot = text_layout(c, s->foot, 24, PANGO_WEIGHT_NORMAL, fw, 1);
	layout_show(c, foot, CARD_MARGIN, CARD_FOOT_Y - layout_height(foot) / 2, c->th.muted);
	icon_draw(cr, CARD_WIDTH - CARD_MARGIN - CARD_MARK, CARD_FOOT_Y - CARD_MARK / 2.0,
	    CARD_MARK, 0);
}

/* The kicker and the title in a column w px wide from the top; with s->text (when not
 * NULL) below them on at most text_lines lines. */
static void
draw_heading(card_ctx *c, const card_spec *s, double w, double title_px, int title_lines,
    int text_lines)
{
	double y = CARD_TOP;
	double h = text_at(c, s->kicker, CARD_MARGIN, y, 28, PANGO_WEIGHT_SEMIBOLD, w, 2,
	    rgb(CARD_ACCENT));
	y += h > 0 ? h + 20 : 0;
	y += text_at(c, s->title, CARD_MARGIN, y, title_px, PANGO_WEIGHT_BOLD, w, title_lines,
	    c->th.text);
	text_at(c, s->text, CARD_MARGIN, y + 24, 28, PANGO_WEIGHT_NORMAL, w, text_lines,
	    c->th.muted);
}

/* The key figure in its panel: the value (set smaller until it fits), label and note,
 * centred vertically. */
static void
draw_figure(card_ctx *c, const card_spec *s)
{
	double w = CARD_PANEL_W - 2 * CARD_FIG_PAD, x = CARD_PANEL_X + CARD_FIG_PAD;
	round_rect(c->cr, CARD_PANEL_X, CARD_PANEL_Y, CARD_PANEL_W, CARD_PANEL_H, 16);
	paint(c->cr, rgb(CARD_SURFACE));
	cairo_fill(c->cr);
	PangoLayout *lv = fit_layout(c, s->value, 112, 40, PANGO_WEIGHT_BOLD, w);
	PangoLayout *ll = text_layout(c, s->label, 32, PANGO_WEIGHT_SEMIBOLD, w, 3);
	PangoLayout *ln = text_layout(c, s->note, 24, PANGO_WEIGHT_NORMAL, w, 3);
	double hl = layout_height(ll), hn = layout_height(ln);
	double total = layout_height(lv) + (hl > 0 ? 12 + hl : 0) + (hn > 0 ? 16 + hn : 0);
	double y = CARD_PANEL_Y + (CARD_PANEL_H - total) / 2;
	y += layout_show(c, lv, x, y, rgb(CARD_ACCENT));
	y += ll != NULL ? 12 + layout_show(c, ll, x, y + 12, c->th.text) : 0;
	layout_show(c, ln, x, y + 16, c->th.muted);
}

/* Returns the chart as the card draws it: no title, the light theme, the panel's size,
 * and no caption or alt text (they are not drawn: leaving them out of the spec keeps
 * them out of the cache key). */
static chart_spec
card_chart(const chart_spec *c)
{
	chart_spec cs = *c;
	cs.title = NULL;
	cs.caption = NULL;
	cs.alt = NULL;
	cs.dark = 0;
	cs.width = CARD_PANEL_W - 2 * CARD_PANEL_PAD;
	cs.height = CARD_PANEL_H - 2 * CARD_PANEL_PAD;
	return cs;
}

/* The chart in its panel (a bordered box), drawn at the panel's size. Returns 0, or -1
 * with a reason in why. */
static int
draw_chart(card_ctx *c, const card_spec *s, char *why, size_t n)
{
	cairo_t *cr = c->cr;
	round_rect(cr, CARD_PANEL_X + 0.5, CARD_PANEL_Y + 0.5, CARD_PANEL_W - 1, CARD_PANEL_H - 1, 16);
	paint(cr, c->th.bg);
	cairo_fill_preserve(cr);
	paint(cr, c->th.grid);
	cairo_set_line_width(cr, 1);
	cairo_stroke(cr);
	chart_spec cs = card_chart(s->chart);
	cairo_save(cr);
	cairo_translate(cr, CARD_PANEL_X + CARD_PANEL_PAD, CARD_PANEL_Y + CARD_PANEL_PAD);
	int rc = chart_draw_cairo(cr, &cs, why, n);
	cairo_restore(cr);
	return rc;
}

/* Draws s on c. Returns 0, or -1 with a reason in why. */
static int
draw_card(card_ctx *c, const card_spec *s, char *why, size_t n)
{
	draw_frame(c, s);
	double full = CARD_WIDTH - 2 * CARD_MARGIN;
	if (s->value != NULL) {
		draw_heading(c, s, CARD_COL_W, 52, 4, 2);
		draw_figure(c, s);
	} else if (s->chart != NULL) {
		draw_heading(c, s, CARD_COL_W, 52, 4, 2);
		if (draw_chart(c, s, why, n) != 0)
			return -1;
	} else {
		draw_heading(c, s, full, 64, 3, 3);
	}
	if (c->unknown > 0) {
		if (n)
			snprintf(why, n, "the share card has text with glyphs no font covers");
		return -1;
	}
	return 0;
}

/* Checks cairo's state after drawing and encodes the image into out. Returns 0, or -1
 * with a reason in why. */
static int
encode(card_ctx *c, buf *out, char *why, size_t n)
{
	cairo_status_t st = cairo_status(c->cr);
	if (st != CAIRO_STATUS_SUCCESS) {
		if (n)
			snprintf(why, n, "cairo: %s", cairo_status_to_string(st));
		return -1;
	}
	return chart_png_encode(cairo_get_target(c->cr), out, why, n);
}

int
card_render(const card_spec *s, buf *out, char *why, size_t n)
{
	if (s->title == NULL || s->title[0] == '\0') {
		if (n)
			snprintf(why, n, "a share card needs a title");
		return -1;
	}
	card_ctx c;
	if (ctx_open(&c, CARD_WIDTH, CARD_HEIGHT) != 0) {
		if (n)
			snprintf(why, n, "cairo cannot make the share card's image");
		return -1;
	}
	int rc = draw_card(&c, s, why, n);
	if (rc == 0)
		rc = encode(&c, out, why, n);
	ctx_close(&c);
	return rc;
}

/* Feeds h the string s, NULL told apart from "". */
static void
feed_opt(sha256_ctx *h, const char *s)
{
	sha256_feed_i64(h, s != NULL);
	if (s != NULL)
		sha256_feed_str(h, s);
}

void
card_digest(const card_spec *s, sha256_ctx *h)
{
	sha256_feed_i64(h, CARD_WIDTH);
	sha256_feed_i64(h, CARD_HEIGHT);
	feed_opt(h, s->kicker);
	feed_opt(h, s->title);
	feed_opt(h, s->text);
	feed_opt(h, s->value);
	feed_opt(h, s->value ? s->label : NULL);
	feed_opt(h, s->value ? s->note : NULL);
	feed_opt(h, s->foot);
	sha256_feed_i64(h, s->value == NULL && s->chart != NULL);
	if (s->value == NULL && s->chart != NULL) {
		chart_spec cs = card_chart(s->chart);
		chart_spec_digest(&cs, h);
	}
}

void
card_alt(const card_spec *s, buf *out)
{
	buf_puts(out, s->title ? s->title : "");
	if (s->kicker != NULL && s->kicker[0] != '\0')
		buf_printf(out, " \xe2\x80\x94 %s", s->kicker);
	if (s->value != NULL) {
		buf_printf(out, ". Key figure: %s", s->value);
		if (s->label != NULL)
			buf_printf(out, ", %s", s->label);
	} else if (s->chart != NULL) {
		const char *cap = s->chart->caption ? s->chart->caption : s->chart->title;
		buf_puts(out, ". With a chart");
		if (cap != NULL && cap[0] != '\0')
			buf_printf(out, ": %s", cap);
	} else if (s->text != NULL && s->text[0] != '\0') {
		buf_printf(out, ". %s", s->text);
	}
	if (out->len > 0 && strchr(".!?", out->data[out->len - 1]) == NULL)
		buf_putc(out, '.');
}

/* Appends a number of icon units with at most two decimals, no trailing zeros. */
static void
put_units(buf *out, double v)
{
	char num[32];
	snprintf(num, sizeof num, "%.2f", v);
	char *e = num + strlen(num);
	while (e[-1] == '0')
		*--e = '\0';
	if (e[-1] == '.')
		e[-1] = '\0';
	buf_puts(out, num);
}

void
card_icon_svg(buf *out)
{
	buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\">"
	    "<rect width=\"%d\" height=\"%d\" rx=\"%d\" fill=\"#%06x\"/>", ICON_GRID, ICON_GRID,
	    ICON_GRID, ICON_GRID, ICON_RADIUS, CARD_ACCENT);
	for (size_t i = 0; i < sizeof icon_bars / sizeof *icon_bars; i++) {
		buf_puts(out, "<rect x=\"");
		put_units(out, icon_bars[i].x);
		buf_puts(out, "\" y=\"");
		put_units(out, icon_bars[i].y);
		buf_puts(out, "\" width=\"");
		put_units(out, icon_bars[i].w);
		buf_puts(out, "\" height=\"");
		put_units(out, icon_bars[i].h);
		buf_puts(out, "\" fill=\"#fff\"/>");
	}
	buf_puts(out, "</svg>\n");
}

int
card_icon_png(int px, int square, buf *out, char *why, size_t n)
{
	if (px < 16 || px > 512) {
		if (n)
			snprintf(why, n, "an icon is 16 to 512 px");
		return -1;
	}
	card_ctx c;
	memset(&c, 0, sizeof c);
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, px, px);
	c.cr = cairo_create(sf);
	cairo_surface_destroy(sf);
	icon_draw(c.cr, 0, 0, px, square);
	int rc = encode(&c, out, why, n);
	cairo_destroy(c.cr);
	return rc;
}
