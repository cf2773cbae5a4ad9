/* chart_int: what the chart module's files share (plans, layout, the drawing context). */
#ifndef MKR_CHART_INT_H
#define MKR_CHART_INT_H

#include <stddef.h>

#include <cairo.h>

#include "chart/chart.h"
#include "chart/scale.h"
#include "chart/theme.h"
#include "util/buf.h"

enum {
	CHART_LABEL_MAX = 64, /* bytes of one formatted tick label */
};

/* Measures text: the layout's only view of fonts (pango in text.c, a fake in tests). */
typedef struct chart_text {
	void *ctx; /* the measurer's state */
	void (*measure)(void *ctx, const char *s, double px, int bold, double *w, double *h);
	           /* stores the logical width and height of s at px pixels */
} chart_text;

/* What a chart type needs of one axis, before any pixel is known. */
typedef struct chart_plan_axis {
	int none;                 /* 1: no axis at all (timeline's vertical) */
	int band;                 /* 1: categories */
	size_t nbands;            /* band: number of categories */
	const char *const *names; /* band: their names */
	int years;                /* 1: calendar years (ticks are whole years) */
	double lo;                /* continuous: smallest data value */
	double hi;                /* continuous: largest data value */
	int zero;                 /* 1: the domain includes 0 */
	int log;                  /* 1: log10 scale */
	const chart_axis *spec;   /* unit, format, title, bounds */
} chart_plan_axis;

/* Legend entry kinds. */
typedef enum chart_key_kind {
	CHART_KEY_LINE, /* a short line */
	CHART_KEY_BOX   /* a filled square */
} chart_key_kind;

/* One legend entry or direct label. */
typedef struct chart_key {
	const char *label;    /* text */
	theme_rgb color;      /* swatch / label colour */
	chart_key_kind kind;  /* swatch shape */
	double end;           /* direct labels: data y the label points at */
	double x;             /* legend: pixel x of the swatch */
	double y;             /* legend: top pixel; direct labels: centre after spreading */
} chart_key;

/* A type's plan: axes, and how series are named. */
typedef struct chart_plan {
	chart_plan_axis x;  /* horizontal axis */
	chart_plan_axis y;  /* vertical axis */
	size_t nkeys;       /* legend entries or direct labels */
	chart_key *keys;    /* owned (util_xcalloc), freed by chart_plan_free */
	int direct;         /* 1: keys are direct labels at the right end if they fit */
	int grid_x;         /* 1: vertical gridlines at x ticks */
	int zero_line;      /* 1: draw the zero line on the value axis if in range */
	double band_pad;    /* fraction of each band left empty, 0 = the default 0.25 */
	const char **names; /* owned band names (sorted or extended), or NULL */
	char **wrapped;     /* owned vertical band names broken onto two lines, or NULL */
	int label_room;     /* 1: the horizontal value axis keeps room past the data for the
	                       value labels drawn beyond the bars' ends */
} chart_plan;

/* One laid-out axis. */
typedef struct chart_laxis {
	scale sc;                                   /* the scale */
	scale_ticks t;                              /* continuous: ticks */
	char label[SCALE_MAX_TICKS][CHART_LABEL_MAX]; /* continuous: formatted tick labels */
	size_t every;                               /* label every k-th tick or band (>= 1) */
	int rotate;                                 /* band x: labels turned 45 degrees */
	double extent;                              /* px the labels take across the axis */
} chart_laxis;

/* The result of layout: every position, no drawing. */
typedef struct chart_layout {
	double w;            /* chart width, CSS px */
	double h;            /* chart height */
	double title_y;      /* top of the title */
	double legend_y;     /* top of the legend */
	double ytitle_y;     /* top of the value-axis title line */
	double x0, y0;       /* plot area, top left */
	double x1, y1;       /* plot area, bottom right */
	double left;         /* panel's inner left edge (axis title x) */
	double bottom;       /* panel's inner bottom edge (x-axis title baseline) */
	chart_laxis xa;      /* horizontal axis */
	chart_laxis ya;      /* vertical axis */
	int legend;          /* 1: keys drawn as a legend (0: direct labels or none) */
	double label_x;      /* direct labels: left edge */
} chart_layout;

/* Everything drawing needs. */
typedef struct chart_ctx {
	const chart_spec *s; /* the chart */
	theme th;            /* its theme */
	chart_text tm;       /* text measurer */
	chart_plan p;        /* the type's plan */
	chart_layout L;      /* the computed layout */
	cairo_t *cr;         /* drawing target, 1 unit = 1 CSS px */
	void *text;          /* text.c's pango state */
	int unknown;         /* glyphs no font covered so far */
} chart_ctx;

/* A chart type's functions. */
typedef struct chart_kind {
	void (*plan)(const chart_spec *s, const theme *th, chart_plan *p); /* axes and keys */
	void (*draw)(chart_ctx *c);                       /* the data marks */
	void (*csv)(const chart_spec *s, buf *out);       /* the numbers drawn */
} chart_kind;

/* The functions of type t (valid t). */
const chart_kind *chart_kind_of(chart_type t);

/* Per-type functions (one file each). */
void chart_line_plan(const chart_spec *s, const theme *th, chart_plan *p);
void chart_line_draw(chart_ctx *c);
/* Draws series i: in its palette colour with an end dot, or thin in the context colour. */
void chart_line_series(chart_ctx *c, size_t i, int context);
void chart_area_plan(const chart_spec *s, const theme *th, chart_plan *p);
void chart_area_draw(chart_ctx *c);
void chart_bar_plan(const chart_spec *s, const theme *th, chart_plan *p);
void chart_bar_draw(chart_ctx *c);
void chart_bar_stack(const chart_spec *s, size_t cat, double *lo, double *hi);
/* Sets the band and value axes of bars (vertical, or horizontal when horizontal). */
void chart_bar_axes(const chart_spec *s, chart_plan *p, size_t nbands,
    const char *const *names, int horizontal);
/* Fills band i's bar from value a to b across fractions [f0, f1] of the band. */
void chart_bar_fill(chart_ctx *c, size_t i, double f0, double f1, double a, double b,
    theme_rgb col);
/* Writes text just beyond value v (outward from a) at fraction f of band i. */
void chart_bar_label(chart_ctx *c, size_t i, double f, double a, double v, const char *text);
void chart_tornado_plan(const chart_spec *s, const theme *th, chart_plan *p);
void chart_tornado_draw(chart_ctx *c);
void chart_tornado_csv(const chart_spec *s, buf *out);
/* Whether the value label (w px wide) of a tornado bar ending at v fits beside it inside
 * the plot (c->L computed). */
int chart_tornado_label_fits(const chart_ctx *c, double v, double w);
void chart_fan_plan(const chart_spec *s, const theme *th, chart_plan *p);
void chart_fan_draw(chart_ctx *c);
void chart_fan_csv(const chart_spec *s, buf *out);
void chart_waterfall_plan(const chart_spec *s, const theme *th, chart_plan *p);
void chart_waterfall_draw(chart_ctx *c);
void chart_waterfall_csv(const chart_spec *s, buf *out);
void chart_matrix_plan(const chart_spec *s, const theme *th, chart_plan *p);
void chart_matrix_draw(chart_ctx *c);
void chart_matrix_csv(const chart_spec *s, buf *out);
/* The font size (px) at which note fits a w x h matrix cell, one line per ", " item:
 * the tick size, or smaller down to 10 px; 0 if it does not fit (the value is drawn). */
double chart_matrix_note_px(chart_ctx *c, const char *note, double w, double h);
void chart_timeline_plan(const chart_spec *s, const theme *th, chart_plan *p);
void chart_timeline_draw(chart_ctx *c);
void chart_timeline_csv(const chart_spec *s, buf *out);
/* A rectangle in CSS px (a label's box, for layout checks). */
typedef struct chart_box {
	double x0; /* left */
	double y0; /* top */
	double x1; /* right */
	double y1; /* bottom */
} chart_box;
/* Lays out the timeline of c (c->L computed) and stores each event's label box (date and
 * text) in box[i], i in input order, without drawing. */
void chart_timeline_boxes(chart_ctx *c, chart_box *box);
void chart_multiples_plan(const chart_spec *s, const theme *th, chart_plan *p);
void chart_multiples_draw(chart_ctx *c);

/* csv.c: the wide table of series by x (line, area, bar, multiples). */
void chart_series_csv(const chart_spec *s, buf *out);
/* csv.c: appends v so strtod reads back the same double; NaN appends nothing. */
void chart_csv_num(buf *out, double v);
/* csv.c: appends s as a CSV field (quoted when needed; NULL = empty). */
void chart_csv_text(buf *out, const char *s);

/* plan helpers (layout.c). */
void chart_plan_free(chart_plan *p);
void chart_plan_extend(chart_plan_axis *a, double v);
chart_key *chart_plan_keys(chart_plan *p, size_t n);
/* Sets a series-derived x axis: years when series have years, else categories. */
void chart_plan_series_x(const chart_spec *s, chart_plan_axis *x);

/* Computes c->L for c->p inside the rectangle (x, y, w, h) (the whole chart, or one
 * small multiple), title and legend included when with_title. Never draws. */
void chart_layout_compute(chart_ctx *c, double x, double y, double w, double h, int with_title);

/* Spreads n direct labels (keys[i].y holds the wanted centre) so that centres are at
 * least gap apart and inside [top, bottom], keeping their order by wanted y. */
void chart_layout_spread(chart_key *keys, size_t n, double gap, double top, double bottom);

/* Formats v for axis a with the tick step (0 = value label) into out (size CHART_LABEL_MAX).
 * Ticks take the decimals the step needs (every tick of an axis alike); a value label
 * takes the axis's format as tables do, so without a precision the magnitude rule of
 * format_value ($0.75bn, $42.5bn, $135bn). */
void chart_format_tick(const chart_axis *a, double v, double step, char *out);

/* x pixel of data value (or band index centre) v on the laid-out horizontal axis. */
double chart_x(const chart_ctx *c, double v);
/* y pixel of data value v on the laid-out vertical axis. */
double chart_y(const chart_ctx *c, double v);

/* text.c: measuring and drawing text with pango. */
/* Returns new text state for th's family: a font map taken from the process's pool and a
 * table of laid-out strings. Layouts are made in user space (1 unit = 1 CSS px, no
 * hinting), so one state serves any number of drawings on any surfaces at any scale,
 * giving the same glyph positions in each; one thread at a time. Free with
 * chart_text_free (which gives the font map back). */
void *chart_text_new(const theme *th);
/* Frees t (NULL: nothing). */
void chart_text_free(void *t);

/* text.c: makes sure there is room for fontconfig and pango, which crash or abort
 * instead of failing when memory runs out (their threads' stacks included): calls
 * util_oom (util/oom.h) unless CHART_FONT_HEADROOM bytes can be allocated now. */
void chart_text_headroom(void);
/* Releases the idle font maps (for chart_pools_free). */
void chart_text_pool_free(void);
void chart_text_measure(void *t, const char *s, double px, int bold, double *w, double *h);
/* Draws s at (x, y) with anchor (ax, ay) in fractions of its box (0 = left/top), turned
 * by angle radians about the anchor, and counts glyphs no font has in c->unknown. */
void chart_text_draw(chart_ctx *c, const char *s, double x, double y, double px, int bold,
    double ax, double ay, double angle, theme_rgb col);
/* Draws s like chart_text_draw (unturned) over a background-coloured outline. */
void chart_text_halo(chart_ctx *c, const char *s, double x, double y, double px, int bold,
    double ax, double ay, theme_rgb col);
/* Returns the family name the font map picks for th->family (owned by caller, free()). */
char *chart_text_family(void *t, const theme *th);

/* axis.c: background, title, grid, ticks, axis titles, zero line. */
void chart_axes_draw(chart_ctx *c);
void chart_title_draw(chart_ctx *c);
/* legend.c: the legend or the direct labels. */
void chart_keys_draw(chart_ctx *c);
/* annot.c: reference lines and markers. */
void chart_annots_draw(chart_ctx *c);

/* draw helpers (axis.c). */
void chart_set_color(cairo_t *cr, theme_rgb col, double alpha);
void chart_fill_rect(cairo_t *cr, double x, double y, double w, double h, theme_rgb col);

/* Breaks the vertical band names wider than 30% of the chart (c->L.w) onto two lines
 * at the space nearest their middle (layout.c; c->p.y.names then points at them). */
void chart_plan_wrap_bands(chart_ctx *c);
/* The byte where s breaks into two lines: after the space nearest its middle, or 0 when
 * it has no space inside. */
size_t chart_wrap_at(const char *s);
/* Returns a copy of s (caller frees) broken into two lines at chart_wrap_at. */
char *chart_wrap(const char *s);

/* Fills c->p: the type's plan, widened by the annotations' values (chart.c). */
void chart_plan_build(chart_ctx *c);
/* svg.c: rewrites cairo's SVG in (len bytes) into out: <title>/<desc> first in the root,
 * role="img" and aria-labelledby, px units, ids renumbered per document. Returns 0, or
 * -1 with a reason in why. */
int chart_svg_finish(const chart_spec *s, const char *in, size_t len, buf *out, char *why,
    size_t n);

/* output.c: validates s and draws it on a new ARGB32 image surface at 2x (the pixels
 * chart_render's PNG holds). Returns it (caller destroys), or NULL with a reason in why. */
cairo_surface_t *chart_image(const chart_spec *s, char *why, size_t n);

/* One placed line of a frame's text. */
typedef struct chart_frame_line {
	char *s;   /* the text (owned) */
	double x;  /* left edge, or the right edge when right */
	double y;  /* top of its line box */
	double px; /* size */
	int bold;  /* 1: semibold */
	int muted; /* 1: the theme's muted colour, 0: its text colour */
	int right; /* 1: x is the right edge */
} chart_frame_line;

/* A frame laid out around a w x h chart: every line placed, nothing drawn. The chart's
 * top left corner is at (0, head); the whole drawing is w x (head + h + foot), head and
 * foot whole px (so a whole-pixel chart fills its image to the last row). */
typedef struct chart_frame_layout {
	double w;                /* width (the chart's) */
	double head;             /* header height */
	double h;                /* the chart's height */
	double foot;             /* footer height */
	double rule_y;           /* y of the hairline above the footer */
	size_t n;                /* lines */
	chart_frame_line *lines; /* owned, freed by chart_frame_layout_free */
} chart_frame_layout;

/* frame.c: lays out frame f around a w x h chart with measurer tm and theme th into fl
 * (free with chart_frame_layout_free). Never draws. */
void chart_frame_lay(const chart_text *tm, const theme *th, const chart_frame *f, double w,
    double h, chart_frame_layout *fl);
/* Frees fl's lines (fl itself is the caller's). */
void chart_frame_layout_free(chart_frame_layout *fl);
/* Paints fl's background and draws its lines and hairline on c->cr, in c's theme. */
void chart_frame_draw(chart_ctx *c, const chart_frame_layout *fl);
/* Breaks s into at most max lines no wider than width px at px (semibold if bold), at
 * whitespace; a word wider than a line is cut between characters; when s needs more
 * than max lines the last one ends in an ellipsis. Stores the lines in lines[] (each
 * owned by the caller: free()) and returns how many (0 for NULL or blank s). */
size_t chart_frame_wrap(const chart_text *tm, const char *s, double px, int bold,
    double width, char **lines, size_t max);

/* The one drawing function: background, axes, marks, annotations, labels (chart.c).
 * c->L must have been computed (except for small multiples, which lay out each panel). */
void chart_draw(chart_ctx *c);

#endif
