/* chart_json: a chart spec as JSON text for the explorer's WebAssembly charts. */
#include "render/chart_json.h"

#include "model/metrics.h"

/* Writes axis a as member key. */
static void
axis_json(json_writer *w, const char *key, const chart_axis *a)
{
	json_open(w, key, '{');
	json_str(w, "label", a->label);
	json_str(w, "unit", metric_unit_name(a->unit));
	json_str(w, "format", a->format);
	json_bool(w, "log", a->log);
	if (a->has_min)
		json_num(w, "min", a->min);
	if (a->has_max)
		json_num(w, "max", a->max);
	json_close(w, '}');
}

/* Writes the n strings v (entries may be NULL) as member key. */
static void
strs_json(json_writer *w, const char *key, const char *const *v, size_t n)
{
	json_open(w, key, '[');
	for (size_t i = 0; i < n; i++)
		json_str(w, NULL, v[i]);
	json_close(w, ']');
}

/* Writes the series of s as member "series". */
static void
series_json(json_writer *w, const chart_spec *s)
{
	json_open(w, "series", '[');
	for (size_t i = 0; i < s->nseries; i++) {
		const chart_series *se = &s->series[i];
		json_open(w, NULL, '{');
		json_str(w, "label", se->label);
		json_nums(w, "vals", se->vals, se->n);
		if (se->years)
			json_ints(w, "years", se->years, se->n);
		if (se->notes)
			strs_json(w, "notes", se->notes, se->n);
		json_close(w, '}');
	}
	json_close(w, ']');
}

/* Writes the fans of s as member "fans": label, years and p (five arrays). */
static void
fans_json(json_writer *w, const chart_spec *s)
{
	json_open(w, "fans", '[');
	for (size_t i = 0; i < s->nfans; i++) {
		const chart_fan *f = &s->fans[i];
		json_open(w, NULL, '{');
		json_str(w, "label", f->label);
		json_ints(w, "years", f->years, f->n);
		json_open(w, "p", '[');
		for (size_t q = 0; q < 5; q++)
			json_nums(w, NULL, f->p[q], f->n);
		json_close(w, ']');
		json_close(w, '}');
	}
	json_close(w, ']');
}

/* Writes the annotations and events of s as members "annots" and "events". */
static void
marks_json(json_writer *w, const chart_spec *s)
{
	static const char *const kinds[] = { "hline", "vline", "point" };
	json_open(w, "annots", '[');
	for (size_t i = 0; i < s->nannots; i++) {
		const chart_annot *a = &s->annots[i];
		json_open(w, NULL, '{');
		json_str(w, "kind", kinds[a->kind]);
		json_num(w, "x", a->x);
		json_num(w, "y", a->y);
		json_str(w, "label", a->label);
		json_close(w, '}');
	}
	json_close(w, ']');
	json_open(w, "events", '[');
	for (size_t i = 0; i < s->nevents; i++) {
		json_open(w, NULL, '{');
		json_num(w, "year", s->events[i].year);
		json_num(w, "month", s->events[i].month);
		json_str(w, "label", s->events[i].label);
		json_close(w, '}');
	}
	json_close(w, ']');
}

void
render_chart_json(json_writer *w, const char *key, const char *id, const chart_spec *s)
{
	json_open(w, key, '{');
	if (id != NULL)
		json_str(w, "id", id);
	json_str(w, "type", chart_type_name(s->type));
	json_str(w, "title", s->title);
	json_str(w, "caption", s->caption);
	json_str(w, "alt", s->alt);
	axis_json(w, "x", &s->x);
	axis_json(w, "y", &s->y);
	strs_json(w, "cats", s->cats, s->cats ? s->ncats : 0);
	if (s->cat_ref)
		json_ints(w, "cat_ref", s->cat_ref, s->ncats);
	series_json(w, s);
	fans_json(w, s);
	marks_json(w, s);
	json_bool(w, "stacked", s->stacked);
	json_bool(w, "horizontal", s->horizontal);
	json_num(w, "base", s->base);
	json_str(w, "total_label", s->total_label);
	json_num(w, "width", s->width);
	json_num(w, "height", s->height);
	json_bool(w, "dark", s->dark);
	json_close(w, '}');
}
