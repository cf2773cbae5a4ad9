/* chart: chart specs drawn once with cairo and written as SVG, PNG (2x), PDF and CSV. */
#ifndef MKR_CHART_H
#define MKR_CHART_H

#include <stddef.h>

#include <cairo.h>

#include "model/metrics.h"
#include "util/buf.h"

/* The chart types. */
typedef enum chart_type {
	CHART_LINE,      /* lines over years or categories, labelled at their ends */
	CHART_AREA,      /* stacked areas over years (values >= 0) */
	CHART_BAR,       /* grouped or stacked bars, vertical or horizontal */
	CHART_TORNADO,   /* low/high bars around a base value, per variable */
	CHART_FAN,       /* percentile bands (p5..p95) around a median, over years */
	CHART_WATERFALL, /* deltas building up to a total */
	CHART_MATRIX,    /* heatmap / risk matrix: one series per row, one category per column */
	CHART_TIMELINE,  /* dated events on a time axis */
	CHART_MULTIPLES, /* one small line panel per series, shared scales */
	CHART_TYPE_COUNT_ /* sentinel */
} chart_type;

/* Output formats of chart_render. */
typedef enum chart_format {
	CHART_SVG, /* SVG 1.1 with <title>/<desc>, deterministic ids */
	CHART_PNG, /* raster at 2x the CSS size */
	CHART_PDF  /* vector, dates set from the caller's date */
} chart_format;

/* One axis. Values are zero unless the caller sets them. */
typedef struct chart_axis {
	const char *label;  /* axis title ("US$ bn"), NULL for none */
	metric_unit unit;   /* unit of the values, picks the tick format */
	const char *format; /* format spec of src/render/format.h, NULL = by unit and tick step */
	int log;            /* 1: log10 scale (value axes of line, fan, multiples only) */
	int has_min;        /* 1: min below is a lower bound of the domain (on a line or
	                       multiples value axis, a min above 0 also drops 0: zoomed) */
	double min;         /* domain includes this value when has_min */
	int has_max;        /* 1: max below is an upper bound of the domain */
	double max;         /* domain includes this value when has_max */
} chart_axis;

/* One data series. */
typedef struct chart_series {
	const char *label;        /* name shown at the line end / in the legend / as row label */
	size_t n;                 /* number of values */
	const double *vals;       /* n values */
	const int *years;         /* n increasing years, or NULL: values follow spec categories */
	const char *const *notes; /* n cell texts (matrix) or NULL; an entry may be NULL */
} chart_series;

/* One fan: percentile series over years (all n long). */
typedef struct chart_fan {
	const char *label;  /* name of the median line */
	size_t n;           /* number of years */
	const int *years;   /* n increasing years */
	const double *p[5]; /* p5, p25, p50, p75, p95, each n values */
} chart_fan;

/* Annotation kinds. */
typedef enum chart_annot_kind {
	CHART_ANNOT_HLINE, /* horizontal reference line at y (e.g. HHI 1800) */
	CHART_ANNOT_VLINE, /* vertical reference line at x (e.g. payback year) */
	CHART_ANNOT_POINT  /* a marker at (x, y) */
} chart_annot_kind;

/* One annotation, in data coordinates (x is a year or value on a linear x axis,
 * or a 0-based category index on a band axis). */
typedef struct chart_annot {
	chart_annot_kind kind; /* what to draw */
	double x;              /* VLINE, POINT */
	double y;              /* HLINE, POINT */
	const char *label;     /* text beside it, NULL for none */
} chart_annot;

/* One timeline event. */
typedef struct chart_event {
	int year;          /* calendar year */
	int month;         /* 1..12, 0 if only the year is known */
	const char *label; /* what happened (short) */
} chart_event;

/* The header and footer drawn around a chart in its downloads, so that the file alone
 * says what it shows, where its numbers come from and where it was published (as Our
 * World in Data's grapher downloads do). Every text is the caller's, from its data;
 * NULL or "" leaves a part out. Long texts wrap to the chart's width. */
typedef struct chart_frame {
	const char *title;    /* header: the chart's title, large and semibold */
	const char *subtitle; /* header: the line under the title (the chart's caption) */
	const char *source;   /* footer: the source line */
	const char *date;     /* footer: the as-of date as the report writes it */
	const char *credit;   /* footer: the report's name */
	const char *link;     /* footer: the address of the chart's page */
} chart_frame;

/* A whole chart. A value struct: every pointer is borrowed and must live until the
 * chart_* call returns. Unused fields stay zero/NULL. */
typedef struct chart_spec {
	chart_type type;            /* which chart */
	const char *title;          /* drawn at the top; NULL = none (the page shows it) */
	const char *caption;        /* SVG <title>; NULL = title */
	const char *alt;            /* SVG <desc>: the alt text */
	chart_axis x;               /* category or time axis (drawn vertically for horizontal bars
	                               and tornados) */
	chart_axis y;               /* value axis (drawn horizontally for horizontal bars and
	                               tornados) */
	size_t ncats;               /* number of categories */
	const char *const *cats;    /* category names (bar, tornado, waterfall, matrix columns,
	                               line without years) */
	size_t nseries;             /* number of series */
	const chart_series *series; /* the data; tornado: [0] = low case, [1] = high case;
	                               waterfall: [0] = deltas; matrix: one per row */
	size_t nfans;               /* number of fans */
	const chart_fan *fans;      /* fan chart bands */
	size_t nannots;             /* number of annotations */
	const chart_annot *annots;  /* reference lines and markers */
	size_t nevents;             /* number of events */
	const chart_event *events;  /* timeline events */
	const int *cat_ref;         /* bar: ncats flags, 1 = the category is a reference (a
	                               counterfactual or an expectation), drawn hatched and
	                               outlined after a dashed divider; NULL = none */
	int stacked;                /* bar: 1 = stacked, 0 = grouped */
	int horizontal;             /* bar: 1 = bars run left to right */
	double base;                /* tornado: the base-case value the bars start from */
	const char *total_label;    /* waterfall: adds a final total bar with this label */
	int width;                  /* CSS px, 0 = 800 */
	int height;                 /* CSS px, 0 = 450 */
	int dark;                   /* 1: dark theme */
	const chart_frame *frame;   /* chart_render draws it around the chart, which then sits
	                               below a header and above a footer (the file is taller
	                               than height); NULL = the chart alone. chart_draw_cairo
	                               ignores it */
} chart_spec;

enum {
	CHART_DEFAULT_WIDTH = 800,  /* CSS px */
	CHART_DEFAULT_HEIGHT = 450, /* CSS px */
	CHART_MIN_SIZE = 200,       /* smallest width or height accepted */
	CHART_MAX_SIZE = 4000,      /* largest width or height (the PNG is 2x) */
	CHART_MAX_VALUES = 100000,  /* most values in one chart (all its series) */
};

/* Checks s without drawing: type, sizes, series lengths against years/categories,
 * NaN or infinite values, empty series, increasing years, log scales with
 * non-positive data, fans, annotations, events. Returns 0, or -1 with a one-line
 * reason (no trailing newline) in why (n bytes, may be 0). */
int chart_validate(const chart_spec *s, char *why, size_t n);

/* Selects the project's fontconfig file (templates/fonts.conf or an installed
 * copy) so every machine draws with the same fonts: sets FONTCONFIG_FILE for the
 * process, so call it before anything in the process uses fontconfig or pango. Font
 * maps are created by the first chart_render (pango starts a thread then: fork before
 * it, not after). NULL keeps the default set-up. Returns 0, or -1 with a reason in why
 * if the file cannot be read. Not thread-safe. The SVG files use libxml2 from threads:
 * the process must have called xmlInitParser first (cmd_process_init does). */
int chart_fonts_init(const char *conf, char *why, size_t n);

/* Releases what charts keep for reuse: idle font maps and PNG pixel buffers (at exit,
 * for leak checkers; no chart may be drawing); the next chart makes new ones. */
void chart_pools_free(void);

/* Draws s (validated first) as fmt and appends the bytes to out. date is the report's
 * date "YYYY-MM-DD", written as the PDF's CreationDate and ModDate (never the clock);
 * it may be NULL for SVG and PNG. The output depends only on s, fmt and date: SVG ids
 * are numbered per document. Returns 0, or -1 with a reason in why (invalid spec,
 * text with glyphs no font covers, cairo error); out is then unchanged. Thread-safe:
 * each call takes a font map of its own from the process's pool. */
int chart_render(const chart_spec *s, chart_format fmt, const char *date, buf *out,
    char *why, size_t n);

/* Validates s and draws it on cr at cr's current transformation, where one unit is one
 * CSS px of the chart's width x height (for a chart inside another document, such as a
 * page of the report's PDF); cr's state is restored afterwards. Returns 0, or -1 with a
 * reason in why (as chart_render). */
int chart_draw_cairo(cairo_t *cr, const chart_spec *s, char *why, size_t n);

/* Encodes a drawn ARGB32 image surface as PNG (RGB when every pixel is opaque, else
 * straight-alpha RGBA; no time or gamma chunks, so the bytes depend only on the pixels)
 * and appends it to out. Used by the charts and the share cards (src/card). Returns 0,
 * or -1 with a reason in why. */
int chart_png_encode(cairo_surface_t *sf, buf *out, char *why, size_t n);

/* One file wanted of chart_render_set. */
typedef struct chart_job {
	const chart_spec *s; /* the chart */
	chart_format fmt;    /* drawn as */
	buf *out;            /* where its bytes are appended */
	int rc;              /* set by chart_render_set: 0, or -1 with a reason in why */
	char why[256];       /* the reason when rc is -1 */
} chart_job;

/* Renders each of the n jobs as chart_render would, on up to threads threads (the
 * caller's included; 0 = the online cores), each thread drawing on its own font map and
 * laying out each string once for all the jobs it takes (layouts do not depend on the
 * surface). The bytes of each job depend only on its spec, format and date, never on
 * threads or timing.
 * Returns 0 if every job succeeded, else -1 (the failed jobs' rc and why are set). Call
 * from one thread at a time. */
int chart_render_set(chart_job *jobs, size_t n, const char *date, int threads);

/* Appends the numbers the chart draws as CSV (RFC 4180, "\n" line ends, header row,
 * numbers printed so they read back to the same double) to out. s must be valid. */
void chart_csv(const chart_spec *s, buf *out);

/* Returns the type's name ("line", "area", "bar", "tornado", "fan", "waterfall",
 * "matrix", "timeline", "multiples") and parses one back (-1 if unknown). */
const char *chart_type_name(chart_type t);
int chart_type_parse(const char *s, chart_type *out);

/* Inserts the "D:" prefix (PDF 32000 7.9.4) that cairo 1.16 leaves out of the
 * /CreationDate and /ModDate strings of the Info dictionary of the PDF file pdf holds
 * (from its first byte, classic xref table), and moves every xref offset past the
 * insertions and the startxref value. Returns 0 (also when nothing was missing), or -1
 * leaving pdf unchanged if the file is not laid out as expected. */
int chart_pdf_fix_dates(buf *pdf);

#endif
