/* chart_read: JSON chart specs (jin trees) read back into chart_spec. */
#include "chart_read.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/metrics.h"
#include "util/buf.h"

/* Returns n zeroed items of size bytes owned by a. */
static void *
arena_alloc(chart_reader *a, size_t n, size_t size)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? 2 * a->cap : 32;
		a->p = util_xrealloc(a->p, a->cap * sizeof *a->p);
	}
	return a->p[a->n++] = util_xcalloc(n ? n : 1, size);
}

void
chart_reader_free(chart_reader *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->p[i]);
	free(a->p);
}

/* Returns the string member key of o, or NULL (absent, null or not a string). */
static const char *
get_str(const jin_value *o, const char *key)
{
	const jin_value *v = jin_get(o, key);
	return v && v->kind == JIN_STR ? v->str : NULL;
}

/* Returns the number (or boolean) member key of o, or def. */
static double
get_num(const jin_value *o, const char *key, double def)
{
	const jin_value *v = jin_get(o, key);
	return v && (v->kind == JIN_NUM || v->kind == JIN_BOOL) ? v->num : def;
}

/* Returns the array member key of o (NULL if absent or not an array). */
static const jin_value *
get_arr(const jin_value *o, const char *key)
{
	const jin_value *v = jin_get(o, key);
	return v && v->kind == JIN_ARR ? v : NULL;
}

/* Returns v as an int: 0 for NaN, clamped to +-1e9 (a conversion out of range would
 * trap in WebAssembly; validation refuses such sizes and years). */
static int
to_int(double v)
{
	return v != v ? 0 : v > 1e9 ? 1000000000 : v < -1e9 ? -1000000000 : (int)v;
}

/* Reads array v of numbers into a new array (null: NaN, which validation refuses). */
static double *
read_nums(chart_reader *a, const jin_value *v, size_t *n)
{
	*n = v ? v->n : 0;
	double *out = arena_alloc(a, *n, sizeof *out);
	for (size_t i = 0; i < *n; i++)
		out[i] = v->items[i].kind == JIN_NUM ? v->items[i].num : NAN;
	return out;
}

/* Reads array v of whole numbers into a new array. */
static int *
read_ints(chart_reader *a, const jin_value *v, size_t *n)
{
	*n = v ? v->n : 0;
	int *out = arena_alloc(a, *n, sizeof *out);
	for (size_t i = 0; i < *n; i++)
		out[i] = v->items[i].kind == JIN_NUM ? to_int(v->items[i].num) : 0;
	return out;
}

/* Reads array v of strings (null entries stay NULL) into a new array. */
static const char **
read_strs(chart_reader *a, const jin_value *v, size_t *n)
{
	*n = v ? v->n : 0;
	const char **out = arena_alloc(a, *n, sizeof *out);
	for (size_t i = 0; i < *n; i++)
		out[i] = v->items[i].kind == JIN_STR ? v->items[i].str : NULL;
	return out;
}

/* Reads axis member key of o into ax. */
static void
read_axis(const jin_value *o, const char *key, chart_axis *ax)
{
	const jin_value *v = jin_get(o, key);
	const char *unit;
	if (!v || v->kind != JIN_OBJ)
		return;
	ax->label = get_str(v, "label");
	ax->format = get_str(v, "format");
	if ((unit = get_str(v, "unit")) != NULL)
		metric_unit_parse(unit, &ax->unit);
	ax->log = get_num(v, "log", 0) != 0;
	ax->has_min = jin_get(v, "min") != NULL;
	ax->min = get_num(v, "min", 0);
	ax->has_max = jin_get(v, "max") != NULL;
	ax->max = get_num(v, "max", 0);
}

/* Reads the series of o into s. */
static void
read_series(chart_reader *a, const jin_value *o, chart_spec *s)
{
	const jin_value *v = get_arr(o, "series");
	s->nseries = v ? v->n : 0;
	chart_series *se = arena_alloc(a, s->nseries, sizeof *se);
	for (size_t i = 0; i < s->nseries; i++) {
		const jin_value *it = &v->items[i];
		size_t ny, nn;
		se[i].label = get_str(it, "label");
		se[i].vals = read_nums(a, get_arr(it, "vals"), &se[i].n);
		if (get_arr(it, "years")) {
			se[i].years = read_ints(a, get_arr(it, "years"), &ny);
			if (ny < se[i].n)
				se[i].n = ny;
		}
		if (get_arr(it, "notes")) {
			se[i].notes = read_strs(a, get_arr(it, "notes"), &nn);
			if (nn < se[i].n)
				se[i].n = nn;
		}
	}
	s->series = se;
}

/* Reads the fans of o into s (years and percentiles cut to the shortest). */
static void
read_fans(chart_reader *a, const jin_value *o, chart_spec *s)
{
	const jin_value *v = get_arr(o, "fans");
	s->nfans = v ? v->n : 0;
	chart_fan *f = arena_alloc(a, s->nfans, sizeof *f);
	for (size_t i = 0; i < s->nfans; i++) {
		const jin_value *it = &v->items[i], *p = get_arr(it, "p");
		f[i].label = get_str(it, "label");
		f[i].years = read_ints(a, get_arr(it, "years"), &f[i].n);
		for (size_t q = 0; q < 5; q++) {
			size_t n = 0;
			const jin_value *pq = p && q < p->n && p->items[q].kind == JIN_ARR ?
			    &p->items[q] : NULL;
			f[i].p[q] = read_nums(a, pq, &n);
			if (n < f[i].n) /* every array as long as the shortest */
				f[i].n = n;
		}
	}
	s->fans = f;
}

/* Reads the annotations and events of o into s. */
static void
read_marks(chart_reader *a, const jin_value *o, chart_spec *s)
{
	const jin_value *v = get_arr(o, "annots");
	s->nannots = v ? v->n : 0;
	chart_annot *an = arena_alloc(a, s->nannots, sizeof *an);
	for (size_t i = 0; i < s->nannots; i++) {
		const char *k = get_str(&v->items[i], "kind");
		an[i].kind = k && strcmp(k, "vline") == 0 ? CHART_ANNOT_VLINE :
		    k && strcmp(k, "point") == 0 ? CHART_ANNOT_POINT : CHART_ANNOT_HLINE;
		an[i].x = get_num(&v->items[i], "x", NAN);
		an[i].y = get_num(&v->items[i], "y", NAN);
		an[i].label = get_str(&v->items[i], "label");
	}
	s->annots = an;
	v = get_arr(o, "events");
	s->nevents = v ? v->n : 0;
	chart_event *ev = arena_alloc(a, s->nevents, sizeof *ev);
	for (size_t i = 0; i < s->nevents; i++) {
		ev[i].year = to_int(get_num(&v->items[i], "year", 0));
		ev[i].month = to_int(get_num(&v->items[i], "month", 0));
		ev[i].label = get_str(&v->items[i], "label");
	}
	s->events = ev;
}

int
chart_read_spec(chart_reader *a, const jin_value *o, chart_spec *s, char *why, size_t n)
{
	const char *type = get_str(o, "type");
	size_t k;
	memset(s, 0, sizeof *s);
	if (o->kind != JIN_OBJ || !type || chart_type_parse(type, &s->type) != 0) {
		snprintf(why, n, "the spec has no known chart type");
		return -1;
	}
	s->title = get_str(o, "title");
	s->caption = get_str(o, "caption");
	s->alt = get_str(o, "alt");
	read_axis(o, "x", &s->x);
	read_axis(o, "y", &s->y);
	s->cats = read_strs(a, get_arr(o, "cats"), &s->ncats); /* ncats: its length */
	if (get_arr(o, "cat_ref")) {
		s->cat_ref = read_ints(a, get_arr(o, "cat_ref"), &k);
		if (k < s->ncats)
			s->cat_ref = NULL;
	}
	read_series(a, o, s);
	read_fans(a, o, s);
	read_marks(a, o, s);
	s->stacked = get_num(o, "stacked", 0) != 0;
	s->horizontal = get_num(o, "horizontal", 0) != 0;
	s->base = get_num(o, "base", 0);
	s->total_label = get_str(o, "total_label");
	s->width = to_int(get_num(o, "width", 0));
	s->height = to_int(get_num(o, "height", 0));
	s->dark = get_num(o, "dark", 0) != 0;
	return 0;
}

