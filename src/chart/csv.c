/* csv: the numbers a chart draws, as CSV (each type's table, and the shared helpers). */
#include "chart/chart_int.h"

#include "export/csv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
chart_csv_num(buf *out, double v)
{
	csv_num(out, v);
}

void
chart_csv_text(buf *out, const char *s)
{
	if (s)
		csv_text(out, s, strlen(s));
}

/* Compares two ints for qsort. */
static int
int_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* Collects the sorted distinct years of all series into a new array; stores its length. */
static int *
all_years(const chart_spec *s, size_t *n)
{
	size_t total = 0, k = 0;
	for (size_t i = 0; i < s->nseries; i++)
		total += s->series[i].n;
	int *y = util_xcalloc(total ? total : 1, sizeof(*y));
	for (size_t i = 0; i < s->nseries; i++)
		for (size_t j = 0; j < s->series[i].n; j++)
			y[k++] = s->series[i].years[j];
	qsort(y, k, sizeof(*y), int_cmp);
	size_t u = 0;
	for (size_t j = 0; j < k; j++)
		if (u == 0 || y[u - 1] != y[j])
			y[u++] = y[j];
	*n = u;
	return y;
}

/* Appends ",value" of se at year, or "," if se has no value then. */
static void
value_at_year(buf *out, const chart_series *se, int year)
{
	buf_putc(out, ',');
	for (size_t j = 0; j < se->n; j++)
		if (se->years[j] == year) {
			chart_csv_num(out, se->vals[j]);
			return;
		}
}

/* The header: first column name, then one column per series. */
static void
series_header(buf *out, const chart_spec *s, const char *first)
{
	buf_puts(out, first);
	for (size_t i = 0; i < s->nseries; i++) {
		buf_putc(out, ',');
		chart_csv_text(out, s->series[i].label);
	}
	buf_putc(out, '\n');
}

void
chart_series_csv(const chart_spec *s, buf *out)
{
	if (s->nseries && s->series[0].years) {
		size_t ny;
		int *years = all_years(s, &ny);
		series_header(out, s, "year");
		for (size_t r = 0; r < ny; r++) {
			buf_printf(out, "%d", years[r]);
			for (size_t i = 0; i < s->nseries; i++)
				value_at_year(out, &s->series[i], years[r]);
			buf_putc(out, '\n');
		}
		free(years);
		return;
	}
	series_header(out, s, "category");
	for (size_t j = 0; j < s->ncats; j++) {
		chart_csv_text(out, s->cats[j]);
		for (size_t i = 0; i < s->nseries; i++) {
			buf_putc(out, ',');
			chart_csv_num(out, s->series[i].vals[j]);
		}
		buf_putc(out, '\n');
	}
}

void
chart_csv(const chart_spec *s, buf *out)
{
	chart_kind_of(s->type)->csv(s, out);
}
