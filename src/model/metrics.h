/* metrics: the table of named, united values every later stage reads. */
#ifndef MKR_METRICS_H
#define MKR_METRICS_H

#include <stddef.h>

/* Units of metrics; each has a default display format (docs/authoring.md). */
typedef enum metric_unit {
	UNIT_NUMBER,   /* plain number */
	UNIT_USD_BN,   /* US$ billions */
	UNIT_USD,      /* US$ */
	UNIT_FRACTION, /* share or rate in [0,1]-ish, shown as percent */
	UNIT_YEAR,     /* calendar year, may be fractional (payback) */
	UNIT_MULTIPLE, /* ratio shown as 3.2x */
	UNIT_COUNT,    /* a count of things (users, seats) */
	UNIT_GW,       /* gigawatts */
	UNIT_COUNT_  /* sentinel */
} metric_unit;

/* One metric: a scalar (years == NULL, n == 1) or a series over years. NaN = null. */
typedef struct metric {
	char *name;        /* e.g. "finance.npv@base", "fact.msft_commitment" */
	metric_unit unit;  /* unit of every value */
	size_t n;          /* number of values */
	double *vals;      /* n values */
	int *years;        /* n years for a series, NULL for a scalar */
	char *source;      /* source id backing it, NULL if computed or an assumption */
	char *label;       /* human label, NULL if none */
	char *status;      /* a fact's status ("disclosed", "target"...), NULL if none */
} metric;

typedef struct metrics metrics;

/* Returns a new empty table; free with metrics_free. */
metrics *metrics_new(void);

/* Frees m and all its metrics. NULL is a no-op. */
void metrics_free(metrics *m);

/* Adds a scalar. name, source and label are copied (source/label may be NULL).
 * Returns 0, or -1 if name already exists (nothing added). */
int metrics_add(metrics *m, const char *name, metric_unit unit, double v,
    const char *source, const char *label);

/* Adds a series of n values for years (both copied). Returns 0, or -1 on a duplicate. */
int metrics_add_series(metrics *m, const char *name, metric_unit unit, const int *years,
    const double *vals, size_t n, const char *source, const char *label);

/* Sets the status of the metric named name to a copy of status (NULL clears it).
 * Returns 0, or -1 if there is no such metric. */
int metrics_set_status(metrics *m, const char *name, const char *status);

/* Returns the metric named name, or NULL. The pointer stays valid until metrics_free. */
const metric *metrics_find(const metrics *m, const char *name);

/* Returns the number of metrics and the i-th in insertion order (NULL if out of range). */
size_t metrics_count(const metrics *m);
const metric *metrics_at(const metrics *m, size_t i);

/* Looks up a reference "name", "name[YEAR]": for a series with [YEAR] stores that
 * year's value; for a scalar without [YEAR] stores the value. Returns 0 and sets *v and
 * *unit, -1 if the metric is unknown, -2 if the year is not in the series or a year was
 * given for a scalar, -3 if a series was referenced without a year. */
int metrics_lookup(const metrics *m, const char *ref, double *v, metric_unit *unit);

/* Returns the unit's name ("usd_bn", "fraction", ...) and parses one back (-1 if unknown). */
const char *metric_unit_name(metric_unit u);
int metric_unit_parse(const char *s, metric_unit *out);

#endif
