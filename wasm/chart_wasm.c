/* chart_wasm: JSON chart specs read back into chart_spec and drawn with src/chart onto
 * the SVG-writing cairo shim, wrapped in an <svg> element with its title and
 * description. */
#include "chart_wasm.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart/chart_int.h"
#include "explore/jin.h"

#define MKR_EXPORT(name) __attribute__((export_name(name)))

static buf chart_answer; /* the last call's SVG or error text */

/* What a spec being read owns: every allocation, freed together. */
typedef struct spec_arena {
	void **p;   /* the allocations */
	size_t n;   /* how many */
	size_t cap; /* room in p */
} spec_arena;

/* Returns n zeroed items of size bytes owned by a. */
static void *
arena_alloc(spec_arena *a, size_t n, size_t size)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? 2 * a->cap : 32;
		a->p = util_xrealloc(a->p, a->cap * sizeof *a->p);
	}
	return a->p[a->n++] = util_xcalloc(n ? n : 1, size);
}

/* Frees everything a owns. */
static void
arena_free(spec_arena *a)
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
read_nums(spec_arena *a, const jin_value *v, size_t *n)
{
	*n = v ? v->n : 0;
	double *out = arena_alloc(a, *n, sizeof *out);
	for (size_t i = 0; i < *n; i++)
		out[i] = v->items[i].kind == JIN_NUM ? v->items[i].num : NAN;
	return out;
}

/* Reads array v of whole numbers into a new array. */
static int *
read_ints(spec_arena *a, const jin_value *v, size_t *n)
{
	*n = v ? v->n : 0;
	int *out = arena_alloc(a, *n, sizeof *out);
	for (size_t i = 0; i < *n; i++)
		out[i] = v->items[i].kind == JIN_NUM ? to_int(v->items[i].num) : 0;
	return out;
}

/* Reads array v of strings (null entries stay NULL) into a new array. */
static const char **
read_strs(spec_arena *a, const jin_value *v, size_t *n)
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
read_series(spec_arena *a, const jin_value *o, chart_spec *s)
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
read_fans(spec_arena *a, const jin_value *o, chart_spec *s)
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
read_marks(spec_arena *a, const jin_value *o, chart_spec *s)
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

/* Reads spec object o into s (pointers into o and a). Returns 0, or -1 with a reason
 * in why for an unknown type. */
static int
read_spec(spec_arena *a, const jin_value *o, chart_spec *s, char *why, size_t n)
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

/* Appends s as escaped XML text to out. */
static void
put_text(buf *out, const char *s)
{
	for (; s && *s; s++)
		switch (*s) {
		case '&': buf_puts(out, "&amp;"); break;
		case '<': buf_puts(out, "&lt;"); break;
		case '>': buf_puts(out, "&gt;"); break;
		case '"': buf_puts(out, "&quot;"); break;
		default: buf_putc(out, *s);
		}
}

/* Draws valid spec s into out as an SVG document; clip ids start with prefix. */
static void
draw_svg(const chart_spec *s, const char *prefix, buf *out)
{
	chart_ctx c;
	memset(&c, 0, sizeof c);
	c.s = s;
	c.th = theme_default(s->dark);
	c.L.w = s->width ? s->width : CHART_DEFAULT_WIDTH;
	c.L.h = s->height ? s->height : CHART_DEFAULT_HEIGHT;
	buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%g\" height=\"%g\" "
	    "viewBox=\"0 0 %g %g\" role=\"img\" font-family=\"%s, system-ui, sans-serif\">\n",
	    c.L.w, c.L.h, c.L.w, c.L.h, c.th.family);
	buf_puts(out, "<title>");
	put_text(out, s->caption ? s->caption : s->title);
	buf_puts(out, "</title>\n<desc>");
	put_text(out, s->alt);
	buf_puts(out, "</desc>\n");
	c.cr = shim_svg_new(out, prefix);
	c.text = chart_text_new(&c.th);
	c.tm.ctx = c.text;
	c.tm.measure = chart_text_measure;
	chart_plan_build(&c);
	if (s->type != CHART_MULTIPLES)
		chart_layout_compute(&c, 0, 0, c.L.w, c.L.h, 1);
	chart_draw(&c);
	chart_plan_free(&c.p);
	chart_text_free(c.text);
	shim_svg_free(c.cr);
	buf_puts(out, "</svg>\n");
}

MKR_EXPORT("mkr_chart") int
mkr_chart(const char *in, size_t len)
{
	char why[256];
	chart_spec s;
	spec_arena a = { 0 };
	size_t at = 0;
	int rc = -1;
	buf_reset(&chart_answer);
	jin_value *o = jin_parse(in, len, &at);
	if (!o)
		snprintf(why, sizeof why, "the spec is not JSON (byte %zu)", at);
	else if (read_spec(&a, o, &s, why, sizeof why) == 0 &&
	    chart_validate(&s, why, sizeof why) == 0) {
		const char *id = get_str(o, "id");
		buf prefix;
		buf_init(&prefix);
		for (const char *p = id ? id : "chart"; *p; p++) /* ids: letters, digits, '-' */
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9') || *p == '-')
				buf_putc(&prefix, *p);
		buf_puts(&prefix, "-clip");
		draw_svg(&s, buf_str(&prefix), &chart_answer);
		buf_free(&prefix);
		rc = 0;
	}
	if (rc != 0)
		buf_puts(&chart_answer, why);
	arena_free(&a);
	jin_free(o);
	return rc;
}

MKR_EXPORT("mkr_chart_out") const char *
mkr_chart_out(void)
{
	return buf_str(&chart_answer);
}

MKR_EXPORT("mkr_chart_out_len") size_t
mkr_chart_out_len(void)
{
	return chart_answer.len;
}
