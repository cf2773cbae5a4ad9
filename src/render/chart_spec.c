/* chart_spec: the chart directive's common keys, axes, years and annotations, and the
 * metric lookups every kind of data shares. */
#include "render/chart_spec.h"

#include <stdatomic.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "yaml/schema.h"
#include "model/format.h"

/* The keys a chart directive accepts. */
static const char *const chart_keys[] = { "id", "type", "title", "caption", "alt", "source",
	"x", "y", "years", "series", "categories", "scenarios", "scenario", "metric", "label",
	"bars", "fan", "tornado", "limit", "labels", "waterfall", "total", "matrix", "events",
	"annotations", "stacked", "horizontal", "references", NULL };

/* Remembers p as owned by c and returns it. */
static void *
keep(cspec *c, void *p)
{
	if ((c->nowned & (c->nowned - 1)) == 0)
		c->owned = util_xrealloc(c->owned, (c->nowned ? 2 * c->nowned : 1) * sizeof(void *));
	c->owned[c->nowned++] = p;
	return p;
}

void *
cspec_alloc(cspec *c, size_t n, size_t size)
{
	return keep(c, util_xcalloc(n ? n : 1, size));
}

char *
cspec_strdup(cspec *c, const char *s)
{
	return keep(c, util_xstrdup(s));
}

chart_series *
cspec_add_series(cspec *c)
{
	if (c->s.nseries == c->scap) {
		c->scap = c->scap ? 2 * c->scap : 4;
		c->series = util_xrealloc(c->series, c->scap * sizeof *c->series);
	}
	chart_series *se = &c->series[c->s.nseries++];
	memset(se, 0, sizeof *se);
	c->s.series = c->series;
	return se;
}

void
cspec_free(cspec *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->nowned; i++)
		free(c->owned[i]);
	free(c->owned);
	free(c->series);
	free(c);
}

const char *
cspec_metric_label(rnd *r, const char *name)
{
	const metric *m = metrics_find(r->c->m, name);
	return m != NULL && m->label != NULL ? m->label : name;
}

/* Sets the value axis unit from the first metric read (unless the YAML gave one). */
static void
take_unit(cspec *c, metric_unit u)
{
	if (!c->has_unit) {
		c->s.y.unit = u;
		c->has_unit = 1;
	}
}

/* Returns 1 if year y is inside c's years cut. */
static int
year_kept(const cspec *c, int y)
{
	return (!c->has_from || y >= c->from) && (!c->has_to || y <= c->to);
}

int
cspec_series_metric(rnd *r, cspec *c, const yt_node *mn, const char *name,
    chart_series *se)
{
	const metric *m = metrics_find(r->c->m, name);
	if (m == NULL) {
		diag_error(r->d, mn->pos, "unknown metric '%s'", name);
		return -1;
	}
	if (m->years == NULL) {
		diag_error(r->d, mn->pos, "metric '%s' is a single value, not a series over "
		    "years", name);
		return -1;
	}
	int *years = cspec_alloc(c, m->n, sizeof(int));
	double *vals = cspec_alloc(c, m->n, sizeof(double));
	size_t k = 0;
	for (size_t j = 0; j < m->n; j++) {
		if (!year_kept(c, m->years[j]))
			continue;
		if (!isfinite(m->vals[j])) {
			diag_error(r->d, mn->pos, "metric '%s' has no finite value in %d: a chart "
			    "draws only numbers", name, m->years[j]);
			return -1;
		}
		years[k] = m->years[j];
		vals[k++] = m->vals[j];
	}
	if (k == 0) {
		diag_error(r->d, mn->pos, "metric '%s' has no value in the chart's years: an "
		    "empty series", name);
		return -1;
	}
	se->n = k;
	se->years = years;
	se->vals = vals;
	take_unit(c, m->unit);
	return 0;
}

int
cspec_scalar(rnd *r, cspec *c, const char *ref, diag_pos pos, double *v)
{
	metric_unit u;
	int rc = metrics_lookup(r->c->m, ref, v, &u);
	if (rc == -1)
		diag_error(r->d, pos, "unknown metric '%s'", ref);
	else if (rc == -2)
		diag_error(r->d, pos, "metric '%s': no such year, or a year given for a single "
		    "value", ref);
	else if (rc == -3)
		diag_error(r->d, pos, "metric '%s' is a series: name a year, as in %s[YEAR]",
		    ref, ref);
	else if (!isfinite(*v))
		diag_error(r->d, pos, "metric '%s' has no finite value: a chart draws only "
		    "numbers", ref);
	else {
		take_unit(c, u);
		return 0;
	}
	return -1;
}

/* Reads an optional number key of map m into *out, setting *has. Returns 0 or -1. */
static int
opt_num(rnd *r, const yt_node *m, const char *key, int *has, double *out)
{
	const yt_node *v = yt_get(m, key);
	if (v == NULL)
		return 0;
	*has = 1;
	return schema_num(r->d, v, key, out);
}

/* Reads an optional true/false key of map m into *out. Returns 0 or -1. */
static int
opt_bool(rnd *r, const yt_node *m, const char *key, int *out)
{
	const yt_node *v = yt_get(m, key);
	return v == NULL ? 0 : schema_bool(r->d, v, key, out);
}

/* Reads axis key (x or y) of root into ax. Returns 0 or -1. */
static int
read_axis(rnd *r, cspec *c, const yt_node *root, const char *key, chart_axis *ax)
{
	static const char *const keys[] = { "label", "unit", "format", "min", "max", "log",
		NULL };
	const yt_node *a = yt_get(root, key);
	if (a == NULL)
		return 0;
	if (schema_kind(r->d, a, YT_MAP, key) != 0)
		return -1;
	const char *unit = NULL;
	int bad = schema_keys(r->d, a, keys, key);
	bad |= render_opt_str(r, a, "label", "label", &ax->label);
	bad |= render_opt_str(r, a, "unit", "unit", &unit);
	bad |= render_opt_str(r, a, "format", "format", &ax->format);
	bad |= opt_num(r, a, "min", &ax->has_min, &ax->min);
	bad |= opt_num(r, a, "max", &ax->has_max, &ax->max);
	bad |= opt_bool(r, a, "log", &ax->log);
	if (unit != NULL && metric_unit_parse(unit, &ax->unit) != 0) {
		diag_error(r->d, yt_get(a, "unit")->pos, "unknown unit '%s'", unit);
		bad = 1;
	} else if (unit != NULL && ax == &c->s.y) {
		c->has_unit = 1;
	}
	if (ax->format != NULL && !format_known(ax->format)) {
		diag_error(r->d, yt_get(a, "format")->pos, "unknown format '%s'", ax->format);
		bad = 1;
	}
	return bad ? -1 : 0;
}

/* Reads years: {from, to} (either may be left out). Returns 0 or -1. */
static int
read_years(rnd *r, cspec *c, const yt_node *root)
{
	static const char *const keys[] = { "from", "to", NULL };
	const yt_node *y = yt_get(root, "years");
	if (y == NULL)
		return 0;
	if (schema_kind(r->d, y, YT_MAP, "years") != 0 || schema_keys(r->d, y, keys, "years"))
		return -1;
	const yt_node *f = yt_get(y, "from"), *t = yt_get(y, "to");
	int bad = 0;
	if (f != NULL) {
		c->has_from = 1;
		bad |= schema_int(r->d, f, "from", 1800, 2300, &c->from);
	}
	if (t != NULL) {
		c->has_to = 1;
		bad |= schema_int(r->d, t, "to", 1800, 2300, &c->to);
	}
	if (!bad && f && t && c->to < c->from) {
		diag_error(r->d, y->pos, "years: 'to' is before 'from'");
		bad = 1;
	}
	return bad ? -1 : 0;
}

/* Reads the id ([a-z0-9-]+). Returns 0 or -1. */
static int
read_id(rnd *r, cspec *c, const yt_node *root)
{
	if (render_need_str(r, root, "id", "chart", &c->id) != 0)
		return -1;
	if (c->id[strspn(c->id, "abcdefghijklmnopqrstuvwxyz0123456789-")] != '\0' ||
	    strlen(c->id) > 64) {
		diag_error(r->d, yt_get(root, "id")->pos, "bad chart id '%s': a-z, 0-9 and '-' "
		    "only, at most 64", c->id);
		return -1;
	}
	return 0;
}

/* Reads the type. Returns 0 or -1. */
static int
read_type(rnd *r, cspec *c, const yt_node *root)
{
	const char *type;
	if (render_need_str(r, root, "type", "chart", &type) != 0)
		return -1;
	if (chart_type_parse(type, &c->s.type) == 0)
		return 0;
	diag_error(r->d, yt_get(root, "type")->pos, "unknown chart type '%s' (line, area, "
	    "bar, tornado, fan, waterfall, matrix, timeline or multiples)", type);
	return -1;
}

/* Checks the source key: one source id or a sequence of them. Returns 0 or -1. */
static int
read_source(rnd *r, cspec *c, const yt_node *root)
{
	const yt_node *s = yt_get(root, "source");
	c->source = s;
	if (s == NULL)
		return 0;
	if (s->kind == YT_SCALAR && report_source_index(r->rep, s->str) < 0) {
		diag_error(r->d, s->pos, "unknown source '%s'", s->str);
		return -1;
	}
	if (s->kind == YT_SCALAR || schema_kind(r->d, s, YT_SEQ, "source") != 0)
		return s->kind == YT_SCALAR ? 0 : -1;
	int bad = 0;
	for (size_t i = 0; i < s->n; i++) {
		const char *id;
		if (schema_str(r->d, s->vals[i], "source", 0, &id) != 0) {
			bad = 1;
		} else if (report_source_index(r->rep, id) < 0) {
			diag_error(r->d, s->vals[i]->pos, "unknown source '%s'", id);
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

/* Reads one annotation's position: {metric: NAME} or {value: N}. Returns 0 or -1. */
static int
annot_at(rnd *r, cspec *c, const yt_node *at, const char *what, double *v)
{
	static const char *const keys[] = { "metric", "value", NULL };
	if (schema_kind(r->d, at, YT_MAP, what) != 0 || schema_keys(r->d, at, keys, what))
		return -1;
	const yt_node *m = yt_get(at, "metric"), *n = yt_get(at, "value");
	if ((m == NULL) == (n == NULL)) {
		diag_error(r->d, at->pos, "%s needs exactly one of 'metric' and 'value'", what);
		return -1;
	}
	if (n != NULL)
		return schema_num(r->d, n, "value", v);
	const char *ref;
	int had = c->has_unit; /* an annotation does not set the axis unit */
	if (schema_str(r->d, m, "metric", 0, &ref) != 0 || cspec_scalar(r, c, ref, m->pos, v))
		return -1;
	c->has_unit = had;
	return 0;
}

/* Reads one annotation {hline|vline: {metric|value}, label}. Returns 0 or -1. */
static int
read_annot(rnd *r, cspec *c, const yt_node *a, chart_annot *out)
{
	static const char *const keys[] = { "hline", "vline", "label", NULL };
	if (schema_kind(r->d, a, YT_MAP, "annotation") != 0 ||
	    schema_keys(r->d, a, keys, "annotation") != 0)
		return -1;
	const yt_node *h = yt_get(a, "hline"), *v = yt_get(a, "vline");
	int bad = render_opt_str(r, a, "label", "label", &out->label);
	if ((h == NULL) == (v == NULL)) {
		diag_error(r->d, a->pos, "an annotation needs exactly one of 'hline' and 'vline'");
		return -1;
	}
	out->kind = h ? CHART_ANNOT_HLINE : CHART_ANNOT_VLINE;
	bad |= annot_at(r, c, h ? h : v, h ? "hline" : "vline", h ? &out->y : &out->x);
	return bad ? -1 : 0;
}

/* Reads annotations: a sequence. Returns 0 or -1. */
static int
read_annots(rnd *r, cspec *c, const yt_node *root)
{
	const yt_node *as = yt_get(root, "annotations");
	if (as == NULL)
		return 0;
	if (schema_kind(r->d, as, YT_SEQ, "annotations") != 0)
		return -1;
	chart_annot *an = cspec_alloc(c, as->n, sizeof *an);
	int bad = 0;
	for (size_t i = 0; i < as->n; i++)
		bad |= read_annot(r, c, as->vals[i], &an[i]);
	c->s.annots = an;
	c->s.nannots = as->n;
	return bad ? -1 : 0;
}

/* Reads the text keys: title, caption (optional), alt. Returns 0 or -1. */
static int
read_texts(rnd *r, cspec *c, const yt_node *root)
{
	int bad = render_need_str(r, root, "title", "chart", &c->s.title);
	bad |= render_opt_str(r, root, "caption", "caption", &c->s.caption);
	bad |= render_need_str(r, root, "alt", "chart", &c->s.alt);
	return bad ? -1 : 0;
}

/* Chart directives read into specs by this process (render_chart_reads; pages
 * render on threads). */
static atomic_ulong chart_reads;

unsigned long
render_chart_reads(void)
{
	return atomic_load(&chart_reads);
}

cspec *
cspec_read(rnd *r, const yt_node *root, diag_pos pos)
{
	atomic_fetch_add(&chart_reads, 1);
	if (schema_kind(r->d, root, YT_MAP, "chart") != 0)
		return NULL;
	cspec *c = util_xcalloc(1, sizeof *c);
	c->pos = pos;
	int bad = schema_keys(r->d, root, chart_keys, "chart");
	bad |= read_id(r, c, root);
	bad |= read_type(r, c, root);
	bad |= read_texts(r, c, root);
	bad |= read_source(r, c, root);
	bad |= read_axis(r, c, root, "x", &c->s.x);
	bad |= read_axis(r, c, root, "y", &c->s.y);
	bad |= read_years(r, c, root);
	bad |= opt_bool(r, root, "stacked", &c->s.stacked);
	bad |= opt_bool(r, root, "horizontal", &c->s.horizontal);
	if (!bad)
		bad |= cspec_data(r, c, root);
	if (!bad)
		bad |= read_annots(r, c, root);
	if (bad) {
		cspec_free(c);
		return NULL;
	}
	return c;
}
