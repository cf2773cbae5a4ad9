/* quantity: provenance, quantities (value or per-year values), ranges and expansion. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "load/load_int.h"
#include "yaml/schema.h"

/* assumption: true with a non-empty rationale. */
static int
assumption_read(ld_ctx *c, const yt_node *m, const yt_node *a, const char *what)
{
	int yes;
	if (schema_bool(c->d, a, "assumption", &yes) < 0)
		return -1;
	if (!yes) {
		diag_error(c->d, a->pos, "'assumption' must be true (or give a source) in '%s'", what);
		return -1;
	}
	const yt_node *why = yt_get(m, "rationale");
	const char *s;
	if (why == NULL) {
		diag_error(c->d, m->pos, "assumption without a rationale in '%s'", what);
		return -1;
	}
	return schema_str(c->d, why, "rationale", 0, &s);
}

/* source: an id defined in sources.yaml. */
static int
source_ref(ld_ctx *c, const yt_node *s, const char **source)
{
	const char *id;
	if (schema_str(c->d, s, "source", 0, &id) < 0)
		return -1;
	if (c->sources_ok && report_source_index(c->r, id) < 0) {
		diag_error(c->d, s->pos, "unknown source '%.60s' (not in data/sources.yaml)", id);
		return -1;
	}
	*source = id;
	return 0;
}

int
ld_provenance(ld_ctx *c, const yt_node *m, const char *what, const char **source)
{
	const yt_node *s = yt_get(m, "source"), *a = yt_get(m, "assumption");
	*source = NULL;
	if (s != NULL && a != NULL) {
		diag_error(c->d, a->pos, "'%s' has both source: and assumption:; give exactly one",
		    what);
		return -1;
	}
	if (s != NULL)
		return source_ref(c, s, source);
	if (a != NULL)
		return assumption_read(c, m, a, what);
	diag_error(c->d, m->pos, "'%s' has no provenance: add source: <id>, or assumption: true "
	    "with a rationale:", what);
	return -1;
}

/* Records the error for a number written bare, or for a node that is no quantity. */
static int
not_quantity(ld_ctx *c, const yt_node *n, const char *what)
{
	double v;
	diag *tmp = diag_new();
	int num = schema_num(tmp, n, what, &v) == 0;
	diag_free(tmp);
	if (num)
		diag_error(c->d, n->pos, "number without provenance for '%s': write {value: %s, "
		    "source: <id>} or use assumption: true with a rationale:", what, n->str);
	else
		diag_error(c->d, n->pos, "expected a quantity (a mapping with value: and its "
		    "provenance) for '%s', found %s", what, yt_kind_name(n->kind));
	return -1;
}

static int
year_cmp(const void *a, const void *b)
{
	const int *x = a, *y = b;
	return (*x > *y) - (*x < *y);
}

/* Sorts q's listed years (with their values and positions); -1 on a repeated year. */
static int
series_sort(ld_ctx *c, ld_qty *q)
{
	size_t idx[LD_SERIES_MAX];
	int key[LD_SERIES_MAX][2];
	for (size_t i = 0; i < q->n; i++) {
		key[i][0] = q->years[i];
		key[i][1] = (int)i;
	}
	qsort(key, q->n, sizeof key[0], year_cmp);
	for (size_t i = 0; i < q->n; i++)
		idx[i] = (size_t)key[i][1];
	double vals[LD_SERIES_MAX];
	diag_pos pos[LD_SERIES_MAX];
	for (size_t i = 0; i < q->n; i++) {
		vals[i] = q->vals[idx[i]];
		pos[i] = q->vpos[idx[i]];
		q->years[i] = key[i][0];
	}
	memcpy(q->vals, vals, q->n * sizeof(double));
	memcpy(q->vpos, pos, q->n * sizeof(diag_pos));
	for (size_t i = 1; i < q->n; i++) {
		if (q->years[i] == q->years[i - 1]) {
			diag_error(c->d, pos[i], "year %d is listed twice", q->years[i]);
			return -1;
		}
	}
	return 0;
}

/* values: {year: number, ...}. */
static int
series_read(ld_ctx *c, const yt_node *m, const char *what, ld_qty *q)
{
	if (schema_kind(c->d, m, YT_MAP, what) < 0)
		return -1;
	if (m->n == 0 || m->n > LD_SERIES_MAX) {
		diag_error(c->d, m->pos, "'%s' must list between 1 and %d years", what,
		    LD_SERIES_MAX);
		return -1;
	}
	int bad = 0;
	q->n = 0;
	for (size_t i = 0; i < m->n; i++) {
		long y;
		double v;
		if (schema_int(c->d, m->keys[i], "year", LD_YEAR_MIN, LD_YEAR_MAX, &y) < 0 ||
		    schema_num(c->d, m->vals[i], what, &v) < 0) {
			bad = 1;
			continue;
		}
		q->years[q->n] = (int)y;
		q->vals[q->n] = v;
		q->vpos[q->n++] = m->vals[i]->pos;
	}
	if (bad)
		return -1;
	return series_sort(c, q);
}

/* value: a number (or null with LDQ_NULL). */
static int
value_read(ld_ctx *c, const yt_node *v, const char *what, unsigned flags, ld_qty *q)
{
	q->pos = v->pos;
	if ((flags & LDQ_NULL) && yt_is_null(v)) {
		q->v = NAN;
		return 0;
	}
	return schema_num(c->d, v, what, &q->v);
}

/* The distributions dist: accepts, with their parameter counts. */
static const struct {
	const char *name; /* key inside dist: */
	dist_kind kind;   /* the law */
	size_t nparams;   /* numbers in its list */
} dist_names[] = {
	{ "normal", DIST_NORMAL, 2 },
	{ "lognormal", DIST_LOGNORMAL, 2 },
	{ "triangular", DIST_TRIANGULAR, 3 },
	{ "uniform", DIST_UNIFORM, 2 },
};

/* Reads the want numbers of the list seq into d; -1 after an error. */
static int
dist_params(ld_ctx *c, const yt_node *seq, const char *name, size_t want, dist *d)
{
	double x[3] = { 0, 0, 0 };
	if (schema_kind(c->d, seq, YT_SEQ, name) < 0)
		return -1;
	if (seq->n != want) {
		diag_error(c->d, seq->pos, "'%s' takes %zu numbers, found %zu", name, want, seq->n);
		return -1;
	}
	int bad = 0;
	for (size_t i = 0; i < want; i++)
		bad |= schema_num(c->d, seq->vals[i], name, &x[i]) < 0;
	d->a = x[0];
	d->b = x[1];
	d->c = x[2];
	return bad ? -1 : 0;
}

/* dist: {normal: [mean, sd]} | {lognormal: [mu, sigma]} | {triangular: [min, mode,
 * max]} | {uniform: [min, max]}, checked with dist_check at dist:'s position. */
static int
dist_read(ld_ctx *c, const yt_node *n, const char *what, ld_qty *q)
{
	if (schema_kind(c->d, n, YT_MAP, "dist") < 0)
		return -1;
	size_t k = 0, nd = sizeof dist_names / sizeof dist_names[0];
	while (n->n == 1 && k < nd && strcmp(n->keys[0]->str, dist_names[k].name) != 0)
		k++;
	if (n->n != 1 || k == nd) {
		diag_error(c->d, n->pos, "'dist' of '%s' must be one of {normal: [mean, sd]}, "
		    "{lognormal: [mu, sigma]}, {triangular: [min, mode, max]}, "
		    "{uniform: [min, max]}", what);
		return -1;
	}
	q->law.kind = dist_names[k].kind;
	if (dist_params(c, n->vals[0], dist_names[k].name, dist_names[k].nparams, &q->law) < 0)
		return -1;
	const char *why = dist_check(&q->law);
	if (why != NULL) {
		diag_error(c->d, n->pos, "invalid distribution for '%s': %s", what, why);
		return -1;
	}
	q->has_dist = 1;
	return 0;
}

/* Reads the optional number key of m into *out (NaN if absent); scalar quantities only. */
static int
extra_num(ld_ctx *c, const yt_node *m, const char *key, const char *what, int scalar,
    double *out)
{
	const yt_node *v = yt_get(m, key);
	*out = NAN;
	if (v == NULL)
		return 0;
	if (!scalar) {
		diag_error(c->d, v->pos, "'%s' is only allowed with value: in '%s'", key, what);
		return -1;
	}
	return schema_num(c->d, v, key, out);
}

/* low: and high: come together and bracket the value: low <= value <= high. */
static int
bounds_check(ld_ctx *c, const yt_node *m, const char *what, const ld_qty *q)
{
	if (isnan(q->low) != isnan(q->high)) {
		diag_error(c->d, yt_get(m, isnan(q->low) ? "high" : "low")->pos,
		    "'%s' needs both low: and high:", what);
		return -1;
	}
	if (isnan(q->low) || (q->low <= q->v && q->v <= q->high))
		return 0;
	diag_error(c->d, yt_get(m, "low")->pos, "'%s' needs low <= value <= high, found "
	    "low %g, value %g, high %g", what, q->low, q->v, q->high);
	return -1;
}

/* Optional low:, high: (numbers), dist: (scalars only) and note: (text); the bounds
 * are checked against the value when value_ok. */
static int
extras_read(ld_ctx *c, const yt_node *m, const char *what, int scalar, int value_ok,
    ld_qty *q)
{
	int bad = extra_num(c, m, "low", what, scalar, &q->low) < 0;
	bad |= extra_num(c, m, "high", what, scalar, &q->high) < 0;
	if (!isnan(q->low))
		q->low_pos = yt_get(m, "low")->pos;
	if (!isnan(q->high))
		q->high_pos = yt_get(m, "high")->pos;
	if (!bad && value_ok)
		bad |= bounds_check(c, m, what, q) < 0;
	const yt_node *dn = yt_get(m, "dist");
	if (dn != NULL && !scalar) {
		diag_error(c->d, dn->pos, "'dist' is only allowed with value: in '%s'", what);
		bad = 1;
	} else if (dn != NULL) {
		bad |= dist_read(c, dn, what, q) < 0;
	}
	bad |= ld_note(c, m, what) < 0;
	return bad ? -1 : 0;
}

/* Checks m's keys: the quantity keys plus extra. */
static int
qty_keys(ld_ctx *c, const yt_node *m, const char *what, const char *const *extra)
{
	const char *keys[24] = { "value", "values", "source", "assumption", "rationale", "note",
		"low", "high", "dist" };
	size_t k = 9;
	for (size_t i = 0; extra && extra[i] && k < 23; i++)
		keys[k++] = extra[i];
	keys[k] = NULL;
	return schema_keys(c->d, m, keys, what);
}

int
ld_qty_read(ld_ctx *c, const yt_node *n, const char *what, unsigned flags,
    const char *const *extra, ld_qty *q)
{
	q->n = 0;
	q->v = NAN;
	q->pos = n->pos;
	q->source = NULL;
	q->low = q->high = NAN;
	q->has_dist = 0;
	if (n->kind != YT_MAP)
		return not_quantity(c, n, what);
	int bad = qty_keys(c, n, what, extra) < 0;
	const yt_node *v = yt_get(n, "value"), *vs = yt_get(n, "values");
	if (v != NULL && vs != NULL) {
		diag_error(c->d, vs->pos, "'%s' has both value: and values:", what);
		bad = 1;
	} else if (v != NULL && !(flags & LDQ_SCALAR)) {
		diag_error(c->d, v->pos, "'%s' needs values: {year: number, ...}, not value:", what);
		bad = 1;
	} else if (vs != NULL && !(flags & LDQ_SERIES)) {
		diag_error(c->d, vs->pos, "'%s' needs value:, not values:", what);
		bad = 1;
	} else if (v == NULL && vs == NULL) {
		diag_error(c->d, n->pos, "missing key '%s' in %s",
		    (flags & LDQ_SCALAR) ? "value" : "values", what);
		bad = 1;
	} else if (v != NULL) {
		bad |= value_read(c, v, what, flags, q) < 0;
	} else {
		q->pos = vs->pos;
		bad |= series_read(c, vs, what, q) < 0;
	}
	bad |= extras_read(c, n, what, vs == NULL, !bad, q) < 0;
	bad |= ld_provenance(c, n, what, &q->source) < 0;
	return bad ? -1 : 0;
}

int
ld_num_qty(ld_ctx *c, const yt_node *n, const char *what, ld_qty *q)
{
	q->n = 0;
	q->pos = n->pos;
	q->source = NULL;
	q->low = q->high = NAN;
	q->has_dist = 0;
	if (n->kind == YT_SCALAR)
		return schema_num(c->d, n, what, &q->v);
	return ld_qty_read(c, n, what, LDQ_SCALAR, NULL, q);
}

int
ld_num_field(ld_ctx *c, const yt_node *n, const char *what, double *v, diag_pos *pos)
{
	ld_qty q;
	*pos = n->pos;
	if (ld_num_qty(c, n, what, &q) < 0)
		return -1;
	*v = q.v;
	*pos = q.pos;
	return 0;
}

int
ld_range(ld_ctx *c, diag_pos pos, double v, double lo, double hi, int lo_open,
    const char *what)
{
	if (isnan(v) || ((lo_open ? v > lo : v >= lo) && v <= hi))
		return 0;
	diag_error(c->d, pos, "'%s' must be in %c%g, %g], found %g", what, lo_open ? '(' : '[',
	    lo, hi, v);
	return -1;
}

int
ld_qty_range(ld_ctx *c, const ld_qty *q, double lo, double hi, int lo_open, const char *what)
{
	if (q->n == 0)
		return ld_range(c, q->pos, q->v, lo, hi, lo_open, what);
	int bad = 0;
	for (size_t i = 0; i < q->n; i++)
		bad |= ld_range(c, q->vpos[i], q->vals[i], lo, hi, lo_open, what) < 0;
	return bad ? -1 : 0;
}

int
ld_year(ld_ctx *c, diag_pos pos, double v, int lo, int hi, const char *what, int *out)
{
	if (!isnan(v) && v == floor(v) && v >= lo && v <= hi) {
		*out = (int)v;
		return 0;
	}
	diag_error(c->d, pos, "'%s' must be a year in %d..%d, found %g", what, lo, hi, v);
	return -1;
}

void
ld_expand(const ld_qty *q, int t0, int n, int zero_before, double *out)
{
	for (int i = 0; i < n; i++) {
		int y = t0 + i;
		if (q->n == 0) {
			out[i] = q->v;
		} else if (y < q->years[0]) {
			out[i] = zero_before ? 0.0 : q->vals[0];
		} else if (y >= q->years[q->n - 1]) {
			out[i] = q->vals[q->n - 1];
		} else {
			size_t k = 1;
			while (q->years[k] <= y)
				k++;
			double f = (double)(y - q->years[k - 1]) / (q->years[k] - q->years[k - 1]);
			out[i] = q->vals[k - 1] + f * (q->vals[k] - q->vals[k - 1]);
		}
	}
}
