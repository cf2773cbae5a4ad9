/* theme: the one chart theme (Okabe-Ito palette, Inter), light and dark, as a value struct. */
#include "chart/theme.h"

/* Converts 0xRRGGBB to a colour. */
static theme_rgb
hex(unsigned v)
{
	theme_rgb c = { ((v >> 16) & 0xff) / 255.0, ((v >> 8) & 0xff) / 255.0, (v & 0xff) / 255.0 };
	return c;
}

/* Okabe-Ito, ordered for contrast on a light background (yellow last). */
static const unsigned light_palette[THEME_PALETTE] = {
	0x0072B2, 0xD55E00, 0x009E73, 0xE69F00, 0xCC79A7, 0x56B4E9, 0x000000, 0xF0E442,
};

/* Okabe-Ito, ordered for contrast on a dark background (dark blue last). */
static const unsigned dark_palette[THEME_PALETTE] = {
	0x56B4E9, 0xE69F00, 0x009E73, 0xF0E442, 0xCC79A7, 0xD55E00, 0xFFFFFF, 0x0072B2,
};

/* The sizes and family both variants share. */
static void
theme_sizes(theme *t)
{
	t->family = "Inter";
	t->title_px = 18;
	t->label_px = 14;
	t->tick_px = 13;
	t->frame_title_px = 24;
	t->frame_sub_px = 16;
	t->frame_note_px = 13;
	t->line_w = 2.5;
	t->grid_w = 1;
	t->pad = 12;
}

theme
theme_default(int dark)
{
	theme t;
	const unsigned *pal = dark ? dark_palette : light_palette;
	t.bg = hex(dark ? 0x16181d : 0xffffff);
	t.text = hex(dark ? 0xeceff4 : 0x1a1a1a);
	t.muted = hex(dark ? 0xa9b0bc : 0x5c5c5c);
	t.grid = hex(dark ? 0x30343c : 0xe3e3e3);
	t.axis = hex(dark ? 0x8a919c : 0x4d4d4d);
	t.ref = hex(dark ? 0xd0d4da : 0x333333);
	t.context = hex(dark ? 0x474c55 : 0xcfcfcf);
	for (size_t i = 0; i < THEME_PALETTE; i++)
		t.palette[i] = hex(pal[i]);
	t.heat_lo = hex(dark ? 0x1f2a36 : 0xeef4f9);
	t.heat_hi = hex(dark ? 0x56B4E9 : 0x0072B2);
	t.pos = hex(dark ? 0x56B4E9 : 0x0072B2);
	t.neg = hex(0xD55E00);
	t.total = hex(dark ? 0xa9b0bc : 0x4d4d4d);
	t.fan_outer = dark ? 0.32 : 0.2; /* a dark background needs more colour to show */
	t.fan_inner = dark ? 0.6 : 0.45;
	theme_sizes(&t);
	return t;
}

theme_rgb
theme_color(const theme *t, size_t i)
{
	return t->palette[i % THEME_PALETTE];
}

theme_rgb
theme_mix(theme_rgb lo, theme_rgb hi, double a)
{
	if (!(a > 0))
		a = 0;
	if (a > 1)
		a = 1;
	theme_rgb c = { lo.r + (hi.r - lo.r) * a, lo.g + (hi.g - lo.g) * a, lo.b + (hi.b - lo.b) * a };
	return c;
}

theme_rgb
theme_on(const theme *t, theme_rgb bg)
{
	double lum = 0.2126 * bg.r + 0.7152 * bg.g + 0.0722 * bg.b;
	theme_rgb dark = hex(0x1a1a1a), light = hex(0xffffff);
	(void)t;
	return lum > 0.5 ? dark : light;
}
