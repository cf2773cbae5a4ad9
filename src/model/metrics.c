/* metrics: the table of named, united values, in insertion order with a hash index. */
#include "model/metrics.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/hash.h"

struct metrics {
	metric **items;  /* owned metrics in insertion order (pointers stay stable) */
	size_t n;        /* used entries of items */
	size_t cap;      /* allocated entries of items */
	hash_table *ix;  /* name -> index in items (keys borrowed from the items) */
};

static const char *const unit_names[UNIT_COUNT_] = {
	[UNIT_NUMBER] = "number",
	[UNIT_USD_BN] = "usd_bn",
	[UNIT_USD] = "usd",
	[UNIT_FRACTION] = "fraction",
	[UNIT_YEAR] = "year",
	[UNIT_MULTIPLE] = "multiple",
	[UNIT_COUNT] = "count",
	[UNIT_GW] = "gw",
};

metrics *
metrics_new(void)
{
	metrics *m = util_xcalloc(1, sizeof(metrics));
	m->ix = hash_new(HASH_BORROW);
	return m;
}

/* Frees one metric and its copies. */
static void
metric_free(metric *x)
{
	free(x->name);
	free(x->vals);
	free(x->years);
	free(x->source);
	free(x->label);
	free(x->status);
	free(x);
}

void
metrics_free(metrics *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->n; i++)
		metric_free(m->items[i]);
	free(m->items);
	hash_free(m->ix);
	free(m);
}

/* Returns the metric named by the first len bytes of name, or NULL. */
static metric *
metrics_find_n(const metrics *m, const char *name, size_t len)
{
	size_t i;

	return m != NULL && hash_find(m->ix, name, len, &i) ? m->items[i] : NULL;
}

/* Returns a copy of s, or NULL for NULL. */
static char *
metrics_dup(const char *s)
{
	return s ? util_xstrdup(s) : NULL;
}

/* Appends a new metric with n uninitialised values; NULL if name exists. */
static metric *
metrics_push(metrics *m, const char *name, metric_unit unit, size_t n,
    const char *source, const char *label)
{
	metric *x;

	if (metrics_find_n(m, name, strlen(name)) != NULL)
		return NULL;
	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 16;
		m->items = util_xrealloc(m->items, m->cap * sizeof *m->items);
	}
	x = util_xcalloc(1, sizeof *x);
	x->name = util_xstrdup(name);
	x->unit = unit;
	x->n = n;
	x->vals = util_xcalloc(n, sizeof *x->vals);
	x->source = metrics_dup(source);
	x->label = metrics_dup(label);
	hash_add(m->ix, x->name, m->n, NULL);
	m->items[m->n++] = x;
	return x;
}

int
metrics_add(metrics *m, const char *name, metric_unit unit, double v,
    const char *source, const char *label)
{
	metric *x = metrics_push(m, name, unit, 1, source, label);

	if (x == NULL)
		return -1;
	x->vals[0] = v;
	return 0;
}

int
metrics_add_series(metrics *m, const char *name, metric_unit unit, const int *years,
    const double *vals, size_t n, const char *source, const char *label)
{
	metric *x = metrics_push(m, name, unit, n, source, label);

	if (x == NULL)
		return -1;
	x->years = util_xcalloc(n, sizeof *x->years);
	if (n > 0) {
		memcpy(x->vals, vals, n * sizeof *vals);
		memcpy(x->years, years, n * sizeof *years);
	}
	return 0;
}

int
metrics_set_status(metrics *m, const char *name, const char *status)
{
	metric *x = metrics_find_n(m, name, strlen(name));

	if (x == NULL)
		return -1;
	free(x->status);
	x->status = metrics_dup(status);
	return 0;
}

const metric *
metrics_find(const metrics *m, const char *name)
{
	return metrics_find_n(m, name, strlen(name));
}

size_t
metrics_count(const metrics *m)
{
	return m ? m->n : 0;
}

const metric *
metrics_at(const metrics *m, size_t i)
{
	return m && i < m->n ? m->items[i] : NULL;
}

/* Splits ref "name[YEAR]": returns the name's length and sets *year and *has_year;
 * returns 0 if the bracket part is malformed. */
static size_t
metrics_parse_ref(const char *ref, int *year, int *has_year)
{
	size_t len = strlen(ref);
	const char *open = strrchr(ref, '[');
	char *end;
	long y;

	*has_year = 0;
	if (len == 0 || ref[len - 1] != ']')
		return open ? 0 : len;
	if (open == NULL || open == ref || open[1] == ']')
		return 0;
	errno = 0;
	y = strtol(open + 1, &end, 10);
	if (errno != 0 || end != ref + len - 1 || y < INT_MIN || y > INT_MAX ||
	    (open[1] != '-' && (open[1] < '0' || open[1] > '9')))
		return 0;
	*year = (int)y;
	*has_year = 1;
	return (size_t)(open - ref);
}

/* Stores the value of series x in year into *v; returns 0, or -2 if absent. */
static int
metrics_year_value(const metric *x, int year, double *v)
{
	for (size_t i = 0; i < x->n; i++) {
		if (x->years[i] == year) {
			*v = x->vals[i];
			return 0;
		}
	}
	return -2;
}

int
metrics_lookup(const metrics *m, const char *ref, double *v, metric_unit *unit)
{
	int year = 0, has_year;
	size_t len = metrics_parse_ref(ref, &year, &has_year);
	const metric *x = len ? metrics_find_n(m, ref, len) : NULL;

	if (x == NULL)
		return -1;
	*unit = x->unit;
	if (x->years == NULL) {
		if (has_year)
			return -2;
		*v = x->vals[0];
		return 0;
	}
	if (!has_year)
		return -3;
	return metrics_year_value(x, year, v);
}

const char *
metric_unit_name(metric_unit u)
{
	return (unsigned)u < UNIT_COUNT_ ? unit_names[u] : "number";
}

int
metric_unit_parse(const char *s, metric_unit *out)
{
	for (int u = 0; u < UNIT_COUNT_; u++) {
		if (strcmp(s, unit_names[u]) == 0) {
			*out = (metric_unit)u;
			return 0;
		}
	}
	return -1;
}
