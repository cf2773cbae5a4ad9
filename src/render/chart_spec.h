/* chart_spec: a chart directive's YAML read into a chart_spec whose storage it owns. */
#ifndef MKR_RENDER_CHART_SPEC_H
#define MKR_RENDER_CHART_SPEC_H

#include <stddef.h>

#include "chart/chart.h"
#include "render/render_int.h"

enum {
	CHART_NARROW_WIDTH = 400,  /* CSS px of the phone variant: drawn for screens up to */
	CHART_NARROW_HEIGHT = 400, /* NARROW_MEDIA wide, where 800 px would shrink its text */
};
#define NARROW_MEDIA "(max-width: 40rem)"

/* A chart directive being read. Every pointer of s points into storage this struct
 * owns (arrays in owned) or into the YAML tree, which must outlive it. */
typedef struct cspec {
	chart_spec s;            /* the chart */
	const char *id;          /* the chart's id (in the YAML tree) */
	const yt_node *source;   /* the source key: an id or a sequence of ids, or NULL */
	diag_pos pos;            /* the directive's position (its fence line) */
	int has_unit;            /* 1 once the value axis unit is known */
	int has_from;            /* 1: years.from cuts series */
	int has_to;              /* 1: years.to cuts series */
	long from;               /* first year kept when has_from */
	long to;                 /* last year kept when has_to */
	chart_series *series;    /* growing array behind s.series */
	size_t scap;             /* capacity of series */
	void **owned;            /* every allocation made for s */
	size_t nowned;           /* entries of owned */
	const char *cat_heading; /* the data table's name for the category column, or NULL */
	int risk_matrix;         /* 1: matrix: risks (bands as rows and columns) */
} cspec;

/* Reads the directive root (fence at pos) into a new cspec: common keys, axes,
 * years, data and annotations, every metric looked up, every problem an error at
 * its position. Returns the cspec, or NULL after reporting (nothing leaks). The spec
 * is not yet checked with chart_validate. Free with cspec_free. */
cspec *cspec_read(rnd *r, const yt_node *root, diag_pos pos);

/* Frees c and its storage. NULL is a no-op. */
void cspec_free(cspec *c);

/* Reports at c's position each distinct reason of the failed jobs among the n jobs
 * (the files of chart c). */
void render_chart_errors(rnd *r, const cspec *c, const chart_job *jobs, size_t n);

/* chart_data.c: reads the data keys of root (series, categories, scenarios + metric,
 * bars, fan, tornado, waterfall + total, matrix, events). Returns 0 or -1. */
int cspec_data(rnd *r, cspec *c, const yt_node *root);

/* Returns the heading the chart's data table shows for the CSV column col (the CSV
 * keeps col): "Year", "5th percentile", "Change", the category column's name (the x
 * axis label, "Scenario", "Step"...), or "" when nothing better than "category" is
 * known (the table's corner stays empty). Static or c's storage. */
const char *cspec_column_heading(const cspec *c, const char *col);

/* Returns a zeroed array of n items of size bytes owned by c. */
void *cspec_alloc(cspec *c, size_t n, size_t size);

/* Returns a copy of s owned by c. */
char *cspec_strdup(cspec *c, const char *s);

/* Appends a zeroed series to c and returns it (valid until the next call). */
chart_series *cspec_add_series(cspec *c);

/* Reads the series metric named by scalar node mn (a name with @scenario) into se:
 * years cut to c's years, values finite; sets the value unit from the first metric.
 * Returns 0, or -1 after an error at mn (unknown metric, a scalar, null values, no
 * year left). */
int cspec_series_metric(rnd *r, cspec *c, const yt_node *mn, const char *name,
    chart_series *se);

/* Looks up the scalar metric ref ("name" or "name[YEAR]") into *v; sets the value
 * unit from the first metric. Returns 0, or -1 after an error at pos. */
int cspec_scalar(rnd *r, cspec *c, const char *ref, diag_pos pos, double *v);

/* Returns the label of metric name: its label, else name (never NULL). */
const char *cspec_metric_label(rnd *r, const char *name);

#endif
