/* theme: the one chart theme (Okabe-Ito palette, Inter), light and dark, as a value struct. */
#ifndef MKR_THEME_H
#define MKR_THEME_H

#include <stddef.h>

enum {
	THEME_PALETTE = 8, /* colours in the series palette */
};

/* A colour, each channel in [0, 1]. */
typedef struct theme_rgb {
	double r; /* red */
	double g; /* green */
	double b; /* blue */
} theme_rgb;

/* Everything a chart's look depends on. Sizes are CSS px at the chart's own size. */
typedef struct theme {
	theme_rgb bg;                     /* background */
	theme_rgb text;                   /* titles, direct labels */
	theme_rgb muted;                  /* tick labels, axis titles, notes */
	theme_rgb grid;                   /* gridlines */
	theme_rgb axis;                   /* zero line and baseline */
	theme_rgb ref;                    /* annotation lines and markers */
	theme_rgb context;                /* other series behind a small multiple */
	theme_rgb palette[THEME_PALETTE]; /* series colours in order (Okabe-Ito) */
	theme_rgb heat_lo;                /* matrix: colour of the lowest value */
	theme_rgb heat_hi;                /* matrix: colour of the highest value */
	theme_rgb pos;                    /* waterfall: increases */
	theme_rgb neg;                    /* waterfall: decreases */
	theme_rgb total;                  /* waterfall: the total bar */
	double fan_outer;                 /* fan: the 90% band's mix of the colour into bg */
	double fan_inner;                 /* fan: the 50% band's mix */
	const char *family;               /* font family (fonts.conf pins it) */
	double title_px;                  /* chart title size */
	double label_px;                  /* direct labels, legend, annotations */
	double tick_px;                   /* tick labels and axis titles */
	double frame_title_px;            /* download header: the title */
	double frame_sub_px;              /* download header: the subtitle */
	double frame_note_px;             /* download footer: source, date, report, link */
	double line_w;                    /* data line width */
	double grid_w;                    /* gridline width */
	double pad;                       /* outer padding and gaps */
} theme;

/* Returns the theme for a light (dark == 0) or dark background. */
theme theme_default(int dark);

/* Returns palette colour i (wrapping around). */
theme_rgb theme_color(const theme *t, size_t i);

/* Returns the colour a of the way from lo to hi (a in [0, 1], clamped). */
theme_rgb theme_mix(theme_rgb lo, theme_rgb hi, double a);

/* Returns the text colour (near black or near white) that reads best on bg. */
theme_rgb theme_on(const theme *t, theme_rgb bg);

#endif
