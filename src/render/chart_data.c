/* chart_data: the data keys of a chart directive (series, categories, scenarios,
 * bars, fan, tornado, waterfall, matrix, events) read into the chart_spec. */
#include "render/chart_spec.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yaml/schema.h"

enum {
	CSPEC_MAX_TORNADO = 64, /* most bars of a tornado */
	CSPEC_BANDS = 5,        /* likelihood and impact bands of the risk matrix */
};

/* Returns a followed by b as a string owned by c. */
static char *
cspec_join(cspec *c, const char *a, const char *b)
{
	buf j;
	buf_init(&j);
	buf_puts(&j, a);
	buf_puts(&j, b);
	char *s = cspec_strdup(c, buf_str(&j));
	buf_free(&j);
	return s;
}

/* Returns "name@scen" as a string owned by c. */
static char *
at_scenario(cspec *c, const char *name, const char *scen)
{
	buf b;
	buf_init(&b);
	buf_printf(&b, "%s@%s", name, scen);
	char *s = cspec_strdup(c, buf_str(&b));
	buf_free(&b);
	return s;
}

/* series: [{metric, label}]: one line per series metric. Returns 0 or -1. */
static int
data_series(rnd *r, cspec *c, const yt_node *seq)
{
	static const char *const keys[] = { "metric", "label", NULL };
	if (schema_kind(r->d, seq, YT_SEQ, "series") != 0)
		return -1;
	int bad = 0;
	for (size_t i = 0; i < seq->n; i++) {
		const yt_node *m = seq->vals[i];
		const char *name, *label;
		if (schema_kind(r->d, m, YT_MAP, "series") != 0 ||
		    schema_keys(r->d, m, keys, "series") != 0 ||
		    render_need_str(r, m, "metric", "series", &name) != 0 ||
		    render_opt_str(r, m, "label", "label", &label) != 0) {
			bad = 1;
			continue;
		}
		chart_series *se = cspec_add_series(c);
		se->label = label ? label : cspec_metric_label(r, name);
		bad |= cspec_series_metric(r, c, yt_get(m, "metric"), name, se);
	}
	return bad ? -1 : 0;
}

/* Reads a sequence of scalar metric names into a new array of values owned by c.
 * Returns the array, or NULL after reporting. */
static double *
scalar_list(rnd *r, cspec *c, const yt_node *seq, const char *what)
{
	if (schema_kind(r->d, seq, YT_SEQ, what) != 0)
		return NULL;
	double *v = cspec_alloc(c, seq->n, sizeof(double));
	int bad = 0;
	for (size_t i = 0; i < seq->n; i++) {
		const char *ref;
		if (schema_str(r->d, seq->vals[i], "metric", 0, &ref) != 0 ||
		    cspec_scalar(r, c, ref, seq->vals[i]->pos, &v[i]) != 0)
			bad = 1;
	}
	return bad ? NULL : v;
}

/* Reads a sequence of strings (each non-empty) into a new array owned by c, or NULL. */
static const char **
text_list(rnd *r, cspec *c, const yt_node *seq, const char *what)
{
	if (schema_kind(r->d, seq, YT_SEQ, what) != 0)
		return NULL;
	const char **t = cspec_alloc(c, seq->n, sizeof(char *));
	int bad = 0;
	for (size_t i = 0; i < seq->n; i++)
		bad |= schema_str(r->d, seq->vals[i], what, 1, &t[i]);
	return bad ? NULL : t;
}

/* One categorical series {label, metrics: [...], notes: [...]}. Returns 0 or -1. */
static int
cat_series(rnd *r, cspec *c, const yt_node *m)
{
	static const char *const keys[] = { "label", "metrics", "notes", NULL };
	const char *label;
	if (schema_kind(r->d, m, YT_MAP, "series") != 0 || schema_keys(r->d, m, keys, "series") ||
	    render_need_str(r, m, "label", "series", &label) != 0)
		return -1;
	const yt_node *ms = schema_need(r->d, m, "metrics", "series");
	const yt_node *ns = yt_get(m, "notes");
	double *v = ms ? scalar_list(r, c, ms, "metrics") : NULL;
	const char **notes = ns ? text_list(r, c, ns, "notes") : NULL;
	if (v == NULL || (ns != NULL && notes == NULL))
		return -1;
	if (ms->n != c->s.ncats || (ns != NULL && ns->n != c->s.ncats)) {
		diag_error(r->d, (ns && ns->n != c->s.ncats ? ns : ms)->pos, "series '%s' has "
		    "%zu values for %zu categories", label, ns && ns->n != c->s.ncats ? ns->n :
		    ms->n, c->s.ncats);
		return -1;
	}
	chart_series *se = cspec_add_series(c);
	*se = (chart_series){ label, ms->n, v, NULL, notes };
	return 0;
}

/* references: [category, ...]: the categories drawn as references (an expectation, a
 * counterfactual). Returns 0, or -1 after an error at a name that is no category. */
static int
cat_references(rnd *r, cspec *c, const yt_node *seq)
{
	const char **names = text_list(r, c, seq, "references");
	if (names == NULL)
		return -1;
	int *ref = cspec_alloc(c, c->s.ncats, sizeof(int)), bad = 0;
	for (size_t i = 0; i < seq->n; i++) {
		size_t j = 0;
		while (j < c->s.ncats && strcmp(c->s.cats[j], names[i]) != 0)
			j++;
		if (j == c->s.ncats) {
			diag_error(r->d, seq->vals[i]->pos, "references: '%s' is not one of the "
			    "categories", names[i]);
			bad = 1;
		} else {
			ref[j] = 1;
		}
	}
	c->s.cat_ref = ref;
	return bad ? -1 : 0;
}

/* categories: [...] + series: [{label, metrics: [...]}]: scalars per category (bars,
 * or a matrix with one series per row). Returns 0 or -1. */
static int
data_categories(rnd *r, cspec *c, const yt_node *root)
{
	const yt_node *cats = yt_get(root, "categories");
	const char **names = text_list(r, c, cats, "categories");
	const yt_node *seq = schema_need(r->d, root, "series", "chart");
	if (names == NULL || seq == NULL || schema_kind(r->d, seq, YT_SEQ, "series") != 0)
		return -1;
	c->s.cats = names;
	c->s.ncats = cats->n;
	int bad = 0;
	for (size_t i = 0; i < seq->n; i++)
		bad |= cat_series(r, c, seq->vals[i]);
	const yt_node *refs = yt_get(root, "references");
	return bad || (refs != NULL && cat_references(r, c, refs) != 0) ? -1 : 0;
}

/* Returns the title of scenario name ("expected" and "expected_posterior" included),
 * or NULL if unknown. */
static const char *
scenario_title(rnd *r, const char *name)
{
	if (strcmp(name, "expected") == 0)
		return "Expected (probability-weighted)";
	if (strcmp(name, "expected_posterior") == 0)
		return "Expected (posterior weights)";
	int k = report_scenario_index(r->rep, name);
	return k < 0 ? NULL : r->rep->scenarios[k].title;
}

/* One scenario of scenarios + metric: a series (a line per scenario) or a bar (one
 * category per scenario). Returns 1 for a series, 0 for a single value, or -1. */
static int
scenario_item(rnd *r, cspec *c, const yt_node *mn, const yt_node *sn, size_t i)
{
	const char *title = scenario_title(r, sn->str);
	if (title == NULL) {
		diag_error(r->d, sn->pos, "unknown scenario '%s'", sn->str);
		return -1;
	}
	char *ref = at_scenario(c, mn->str, sn->str);
	const metric *m = metrics_find(r->c->m, ref);
	if (m != NULL && m->years != NULL) {
		chart_series *se = cspec_add_series(c);
		se->label = title;
		return cspec_series_metric(r, c, mn, ref, se) != 0 ? -1 : 1;
	}
	int k = report_scenario_index(r->rep, sn->str);
	int cf = k >= 0 && r->rep->scenarios[k].counterfactual;
	((int *)c->s.cat_ref)[i] = k < 0 || cf; /* the expectation or a counterfactual */
	((const char **)c->s.cats)[i] = cf ? cspec_join(c, title, " (counterfactual)") : title;
	c->cat_heading = "Scenario";
	return cspec_scalar(r, c, ref, mn->pos, (double *)&c->s.series[0].vals[i]);
}

/* Checks that scenarios + metric gave one shape: series of years in every scenario,
 * or single values in every scenario of a bar chart (a line through the scenarios
 * would join unrelated values). kind[i] is scenario_item's result. Returns 0 or -1. */
static int
scenarios_shape(rnd *r, const cspec *c, const yt_node *mn, const yt_node *sc,
    const int *kind)
{
	size_t nser = 0;
	for (size_t i = 0; i < sc->n; i++)
		nser += kind[i] == 1;
	for (size_t i = 0; nser > 0 && i < sc->n; i++)
		if (kind[i] == 0) {
			diag_error(r->d, sc->vals[i]->pos, "metric '%s@%s' is a single value, but "
			    "in the other scenarios a series of years", mn->str, sc->vals[i]->str);
			return -1;
		}
	if (nser == 0 && sc->n > 0 && c->s.type != CHART_BAR) {
		diag_error(r->d, mn->pos, "metric '%s' is a single value per scenario, not a "
		    "series of years: type %s with 'scenarios' needs a per-year metric (one "
		    "bar per scenario: type bar)", mn->str, chart_type_name(c->s.type));
		return -1;
	}
	return 0;
}

/* scenarios: [...] + metric: NAME (without @): per scenario a line (series metric) or
 * a bar (scalar). Returns 0 or -1. */
static int
data_scenarios(rnd *r, cspec *c, const yt_node *root)
{
	const yt_node *sc = yt_get(root, "scenarios");
	const yt_node *mn = schema_need(r->d, root, "metric", "chart");
	const char *name, *label;
	if (schema_kind(r->d, sc, YT_SEQ, "scenarios") != 0 || mn == NULL ||
	    schema_str(r->d, mn, "metric", 0, &name) != 0 ||
	    render_opt_str(r, root, "label", "label", &label) != 0)
		return -1;
	if (strchr(name, '@') != NULL) {
		diag_error(r->d, mn->pos, "metric '%s': with 'scenarios', name the metric "
		    "without '@scenario'", name);
		return -1;
	}
	int bad = 0;
	if (sc->n > 0) { /* the scalar case's storage; unused if the metric is a series */
		c->s.cats = cspec_alloc(c, sc->n, sizeof(char *));
		c->s.cat_ref = cspec_alloc(c, sc->n, sizeof(int));
		c->s.ncats = sc->n;
		chart_series *se = cspec_add_series(c);
		*se = (chart_series){ label ? label : cspec_metric_label(r,
		    at_scenario(c, name, sc->vals[0]->str)), sc->n,
		    cspec_alloc(c, sc->n, sizeof(double)), NULL, NULL };
	}
	int *kind = cspec_alloc(c, sc->n ? sc->n : 1, sizeof(int));
	for (size_t i = 0; i < sc->n; i++) {
		const char *scen;
		kind[i] = schema_str(r->d, sc->vals[i], "scenario", 0, &scen) != 0 ? -1 :
		    scenario_item(r, c, mn, sc->vals[i], i);
		bad |= kind[i] < 0;
	}
	bad = bad || scenarios_shape(r, c, mn, sc, kind) != 0;
	if (!bad && c->s.nseries > 1) { /* series: drop the unused scalar storage */
		memmove(c->series, c->series + 1, (c->s.nseries - 1) * sizeof *c->series);
		c->s.nseries--;
		c->s.cats = NULL;
		c->s.cat_ref = NULL;
		c->s.ncats = 0;
	}
	return bad ? -1 : 0;
}

/* [{label, metric}]: categories and one series of scalars (bars, waterfall). */
static int
labelled_scalars(rnd *r, cspec *c, const yt_node *seq, const char *what, const char *slabel)
{
	static const char *const keys[] = { "label", "metric", NULL };
	if (schema_kind(r->d, seq, YT_SEQ, what) != 0)
		return -1;
	const char **cats = cspec_alloc(c, seq->n, sizeof(char *));
	double *v = cspec_alloc(c, seq->n, sizeof(double));
	int bad = 0;
	for (size_t i = 0; i < seq->n; i++) {
		const yt_node *m = seq->vals[i];
		const char *ref;
		if (schema_kind(r->d, m, YT_MAP, what) != 0 || schema_keys(r->d, m, keys, what) ||
		    render_need_str(r, m, "label", what, &cats[i]) != 0 ||
		    render_need_str(r, m, "metric", what, &ref) != 0)
			bad = 1;
		else
			bad |= cspec_scalar(r, c, ref, yt_get(m, "metric")->pos, &v[i]);
	}
	c->s.cats = cats;
	c->s.ncats = seq->n;
	chart_series *se = cspec_add_series(c);
	*se = (chart_series){ slabel, seq->n, v, NULL, NULL };
	return bad ? -1 : 0;
}

/* fan: NAME (shorthand for NAME.p5@S ... NAME.p95@S, S the scenario key or the first
 * scenario) or {p5, p25, p50, p75, p95, label}. Returns 0 or -1. */
static int
data_fan(rnd *r, cspec *c, const yt_node *root)
{
	static const char *const keys[] = { "p5", "p25", "p50", "p75", "p95", "label", NULL };
	static const char *const pct[] = { "p5", "p25", "p50", "p75", "p95" };
	const yt_node *f = yt_get(root, "fan");
	const char *scen, *label = NULL;
	if (render_opt_str(r, root, "scenario", "scenario", &scen) != 0)
		return -1;
	if (scen == NULL)
		scen = r->rep->nscenarios ? r->rep->scenarios[0].name : "base";
	if (f->kind != YT_SCALAR && (schema_kind(r->d, f, YT_MAP, "fan") != 0 ||
	    schema_keys(r->d, f, keys, "fan") != 0 ||
	    render_opt_str(r, f, "label", "label", &label) != 0))
		return -1;
	chart_fan *fan = cspec_alloc(c, 1, sizeof *fan);
	int bad = 0;
	for (int q = 0; q < 5; q++) {
		const yt_node *mn = f->kind == YT_SCALAR ? f : schema_need(r->d, f, pct[q], "fan");
		const char *name;
		chart_series se = { 0 };
		if (mn == NULL || schema_str(r->d, mn, "fan", 0, &name) != 0) {
			bad = 1;
			continue;
		}
		if (f->kind == YT_SCALAR) {
			buf b;
			buf_init(&b);
			buf_printf(&b, "%s.%s", name, pct[q]);
			name = at_scenario(c, buf_str(&b), scen);
			buf_free(&b);
		}
		bad |= cspec_series_metric(r, c, mn, name, &se);
		fan->p[q] = se.vals;
		if (q == 2 || fan->years == NULL) {
			fan->years = se.years;
			fan->n = se.n;
		}
	}
	fan->label = label ? label : "Median";
	c->s.fans = fan;
	c->s.nfans = 1;
	return bad ? -1 : 0;
}

/* Returns the input path of sensitivity rank k (1-based) of scenario s0 (the rank
 * metric's label). */
static const char *
rank_input(rnd *r, cspec *c, size_t k, const char *s0)
{
	char name[96];
	snprintf(name, sizeof name, "sensitivity.rank.%zu.npv_low", k);
	return cspec_metric_label(r, at_scenario(c, name, s0));
}

/* labels: {input path: words}: replaces the tornado's n input paths in cats by the
 * words given. Every key must name one of the count inputs of the analysis and every
 * value be a non-empty string. Returns 0, or -1 after an error at the key. */
static int
tornado_labels(rnd *r, cspec *c, const yt_node *root, const char *s0, size_t count,
    const char **cats, size_t n)
{
	const yt_node *m = yt_get(root, "labels");
	int bad = 0;
	if (m == NULL)
		return 0;
	if (schema_kind(r->d, m, YT_MAP, "labels") != 0)
		return -1;
	for (size_t i = 0; i < m->n; i++) {
		const char *key = m->keys[i]->str, *text;
		size_t k = 1;
		while (k <= count && strcmp(rank_input(r, c, k, s0), key) != 0)
			k++;
		if (k > count) {
			diag_error(r->d, m->keys[i]->pos, "labels: '%s' is not an input of the "
			    "sensitivity analysis", key);
			bad = 1;
		} else if (schema_str(r->d, m->vals[i], "label", 1, &text) != 0) {
			bad = 1;
		} else if (k <= n) {
			cats[k - 1] = text;
		}
	}
	return bad ? -1 : 0;
}

/* tornado: sensitivity: the ranked inputs of the first scenario's sensitivity
 * analysis, at most limit of them. Returns 0 or -1. */
static int
data_tornado(rnd *r, cspec *c, const yt_node *root)
{
	const yt_node *t = yt_get(root, "tornado"), *ln = yt_get(root, "limit");
	const char *s0 = r->rep->nscenarios ? r->rep->scenarios[0].name : "base";
	long limit = CSPEC_MAX_TORNADO;
	double count;
	if (t->kind != YT_SCALAR || strcmp(t->str, "sensitivity") != 0) {
		diag_error(r->d, t->pos, "tornado: the only source is 'sensitivity'");
		return -1;
	}
	if ((ln && schema_int(r->d, ln, "limit", 1, CSPEC_MAX_TORNADO, &limit) != 0) ||
	    cspec_scalar(r, c, at_scenario(c, "finance.npv", s0), t->pos, &c->s.base) != 0 ||
	    cspec_scalar(r, c, at_scenario(c, "sensitivity.count", s0), t->pos, &count) != 0)
		return -1;
	if (!(count >= 1 && count <= 1e6)) { /* NaN, none, or not a count of inputs */
		diag_error(r->d, t->pos, "tornado: the sensitivity analysis has no inputs "
		    "(give some inputs low: and high:)");
		return -1;
	}
	size_t n = count < (double)limit ? (size_t)count : (size_t)limit;
	const char **cats = cspec_alloc(c, n, sizeof(char *));
	double *v[2] = { cspec_alloc(c, n, sizeof(double)), cspec_alloc(c, n, sizeof(double)) };
	static const char *const end[] = { "npv_low", "npv_high" };
	for (size_t k = 0; k < n; k++)
		for (int e = 0; e < 2; e++) {
			char name[96];
			snprintf(name, sizeof name, "sensitivity.rank.%zu.%s", k + 1, end[e]);
			const char *ref = at_scenario(c, name, s0);
			cats[k] = cspec_metric_label(r, ref);
			if (cspec_scalar(r, c, ref, t->pos, &v[e][k]) != 0)
				return -1;
		}
	if (tornado_labels(r, c, root, s0, (size_t)count, cats, n) != 0)
		return -1;
	c->s.cats = cats;
	c->s.ncats = n;
	*cspec_add_series(c) = (chart_series){ "NPV at the low value", n, v[0], NULL, NULL };
	*cspec_add_series(c) = (chart_series){ "NPV at the high value", n, v[1], NULL, NULL };
	return 0;
}

/* Returns the id of risk metric name "risk.<id>.likelihood_band" (new string), or NULL. */
static char *
risk_id(const char *name)
{
	static const char suffix[] = ".likelihood_band";
	size_t n = strlen(name), s = sizeof suffix - 1;
	if (strncmp(name, "risk.", 5) != 0 || n <= 5 + s || strcmp(name + n - s, suffix) != 0)
		return NULL;
	return util_xstrndup(name + 5, n - 5 - s);
}

/* One risk of the matrix. */
typedef struct risk_mark {
	char *id;    /* its id (owned) */
	double rank; /* its rank in the register (1 = the largest expected impact) */
} risk_mark;

/* qsort order of risk marks: by rank, then id. */
static int
risk_mark_cmp(const void *a, const void *b)
{
	const risk_mark *x = a, *y = b;
	return x->rank != y->rank ? (x->rank < y->rank ? -1 : 1) : strcmp(x->id, y->id);
}

/* Adds risk m to the matrix cell of its bands (rows: likelihood 5..1; columns: impact
 * 1..5), appending "#rank" to the cell's note. Returns 0 or -1. */
static int
risk_place(rnd *r, cspec *c, const risk_mark *m, diag_pos pos, buf *notes)
{
	double lb, ib;
	char name[128];
	snprintf(name, sizeof name, "risk.%s.likelihood_band", m->id);
	int bad = cspec_scalar(r, c, name, pos, &lb);
	snprintf(name, sizeof name, "risk.%s.impact_band", m->id);
	bad |= cspec_scalar(r, c, name, pos, &ib);
	if (bad)
		return -1;
	if (!(lb >= 1 && lb <= CSPEC_BANDS && ib >= 1 && ib <= CSPEC_BANDS)) {
		diag_error(r->d, pos, "matrix: risk '%s' has bands %g x %g, not in 1..%d",
		    m->id, lb, ib, CSPEC_BANDS);
		return -1;
	}
	int row = CSPEC_BANDS - (int)lb, col = (int)ib - 1;
	((double *)c->s.series[row].vals)[col] += 1;
	buf *b = &notes[row * CSPEC_BANDS + col];
	buf_printf(b, "%s#%.0f", b->len ? ", " : "", m->rank);
	return 0;
}

/* Collects the register's risks with their ranks, in rank order; stores their number. */
static risk_mark *
risk_marks(rnd *r, cspec *c, diag_pos pos, size_t *n, int *bad)
{
	risk_mark *marks = NULL;
	*n = 0;
	for (size_t i = 0; i < metrics_count(r->c->m); i++) {
		char *id = risk_id(metrics_at(r->c->m, i)->name), name[128];
		if (id == NULL)
			continue;
		marks = util_xrealloc(marks, (*n + 1) * sizeof *marks);
		marks[*n].id = id;
		snprintf(name, sizeof name, "risk.%s.rank", id);
		*bad |= cspec_scalar(r, c, name, pos, &marks[*n].rank);
		(*n)++;
	}
	if (*n > 1)
		qsort(marks, *n, sizeof *marks, risk_mark_cmp);
	return marks;
}

/* matrix: risks: the risk register as likelihood band x impact band, each cell the
 * number of risks with their ranks ("#1, #4") as its note. Returns 0 or -1. */
static int
data_risk_matrix(rnd *r, cspec *c, diag_pos pos)
{
	static const char *const rows[] = { "Likelihood 5", "Likelihood 4", "Likelihood 3",
		"Likelihood 2", "Likelihood 1" };
	static const char *const cols[] = { "Impact 1", "Impact 2", "Impact 3", "Impact 4",
		"Impact 5" };
	buf notes[CSPEC_BANDS * CSPEC_BANDS];
	int bad = 0;
	size_t n;
	c->s.cats = cols;
	c->s.ncats = CSPEC_BANDS;
	for (int i = 0; i < CSPEC_BANDS; i++)
		*cspec_add_series(c) = (chart_series){ rows[i], CSPEC_BANDS,
			cspec_alloc(c, CSPEC_BANDS, sizeof(double)), NULL,
			cspec_alloc(c, CSPEC_BANDS, sizeof(char *)) };
	for (int i = 0; i < CSPEC_BANDS * CSPEC_BANDS; i++)
		buf_init(&notes[i]);
	risk_mark *marks = risk_marks(r, c, pos, &n, &bad);
	for (size_t i = 0; i < n && !bad; i++)
		bad |= risk_place(r, c, &marks[i], pos, notes);
	for (size_t i = 0; i < n; i++)
		free(marks[i].id);
	free(marks);
	for (int i = 0; i < CSPEC_BANDS * CSPEC_BANDS; i++) {
		if (notes[i].len)
			((const char **)c->s.series[i / CSPEC_BANDS].notes)[i % CSPEC_BANDS] =
			    cspec_strdup(c, buf_str(&notes[i]));
		buf_free(&notes[i]);
	}
	c->s.y.unit = UNIT_COUNT;
	c->has_unit = 1;
	c->risk_matrix = 1;
	if (n == 0 && !bad)
		diag_error(r->d, pos, "matrix: risks needs data/risks.yaml (the report has no "
		    "risks)");
	return bad || n == 0 ? -1 : 0;
}

/* events: [{year, month, label}]. Returns 0 or -1. */
static int
data_events(rnd *r, cspec *c, const yt_node *seq)
{
	static const char *const keys[] = { "year", "month", "label", NULL };
	if (schema_kind(r->d, seq, YT_SEQ, "events") != 0)
		return -1;
	chart_event *ev = cspec_alloc(c, seq->n, sizeof *ev);
	int bad = 0;
	for (size_t i = 0; i < seq->n; i++) {
		const yt_node *e = seq->vals[i], *y, *m;
		long year = 0, month = 0;
		if (schema_kind(r->d, e, YT_MAP, "event") != 0 ||
		    schema_keys(r->d, e, keys, "event") != 0 ||
		    (y = schema_need(r->d, e, "year", "event")) == NULL ||
		    schema_int(r->d, y, "year", 1800, 2300, &year) != 0 ||
		    ((m = yt_get(e, "month")) && schema_int(r->d, m, "month", 1, 12, &month)) ||
		    render_need_str(r, e, "label", "event", &ev[i].label) != 0) {
			bad = 1;
			continue;
		}
		ev[i].year = (int)year;
		ev[i].month = (int)month;
	}
	c->s.events = ev;
	c->s.nevents = seq->n;
	return bad ? -1 : 0;
}

/* The label of a one-series chart: label key, else the value axis label, else title. */
static const char *
one_label(const yt_node *root, const cspec *c)
{
	const yt_node *l = yt_get(root, "label");
	if (l != NULL && l->kind == YT_SCALAR)
		return l->str;
	return c->s.y.label ? c->s.y.label : c->s.title;
}

/* The data keys that stand alone, after series/categories/scenarios. */
static int
data_other(rnd *r, cspec *c, const yt_node *root, int *any)
{
	const yt_node *n;
	int bad = 0;
	if ((n = yt_get(root, "bars")) != NULL)
		bad |= labelled_scalars(r, c, n, "bars", one_label(root, c)), ++*any;
	if ((n = yt_get(root, "waterfall")) != NULL) {
		bad |= labelled_scalars(r, c, n, "waterfall", one_label(root, c)), ++*any;
		c->cat_heading = "Step";
		bad |= render_opt_str(r, root, "total", "total", &c->s.total_label);
	}
	if (yt_get(root, "fan") != NULL)
		bad |= data_fan(r, c, root), ++*any;
	if (yt_get(root, "tornado") != NULL)
		bad |= data_tornado(r, c, root), ++*any;
	if ((n = yt_get(root, "matrix")) != NULL && n->kind == YT_SCALAR &&
	    strcmp(n->str, "risks") == 0)
		bad |= data_risk_matrix(r, c, n->pos), ++*any;
	else if (n != NULL) {
		diag_error(r->d, n->pos, "matrix: write 'matrix: risks', or give 'categories' "
		    "and 'series' with 'metrics' per row");
		bad = 1;
	}
	if ((n = yt_get(root, "events")) != NULL)
		bad |= data_events(r, c, n), ++*any;
	if ((n = yt_get(root, "labels")) != NULL && yt_get(root, "tornado") == NULL) {
		diag_error(r->d, n->pos, "'labels' goes with 'tornado' (words for its inputs)");
		bad = 1;
	}
	return bad ? -1 : 0;
}

int
cspec_data(rnd *r, cspec *c, const yt_node *root)
{
	int bad = 0, any = 0;
	const yt_node *mn = yt_get(root, "metric");
	if (yt_get(root, "scenarios") != NULL)
		bad |= data_scenarios(r, c, root), any++;
	else if (mn != NULL) {
		diag_error(r->d, mn->pos, "'metric' goes with 'scenarios' (one line or bar per "
		    "scenario)");
		bad = 1;
	}
	if (yt_get(root, "categories") != NULL)
		bad |= data_categories(r, c, root), any++;
	else if (yt_get(root, "series") != NULL)
		bad |= data_series(r, c, yt_get(root, "series")), any++;
	bad |= data_other(r, c, root, &any);
	if (!any && !bad) {
		diag_error(r->d, root->pos, "a chart needs data: series, scenarios with metric, "
		    "bars, fan, tornado, waterfall, matrix or events");
		bad = 1;
	}
	return bad ? -1 : 0;
}

/* A CSV column name and the heading a reader sees. */
typedef struct col_heading {
	int type;         /* the chart type whose CSV has it, -1 for every type */
	const char *col;  /* as the CSV names it */
	const char *head; /* as the data table shows it */
} col_heading;

/* Returns the heading of col in the n entries of t for chart type type, or NULL. */
static const char *
heading_in(const col_heading *t, size_t n, int type, const char *col)
{
	for (size_t i = 0; i < n; i++)
		if ((t[i].type < 0 || t[i].type == type) && strcmp(col, t[i].col) == 0)
			return t[i].head;
	return NULL;
}

const char *
cspec_column_heading(const cspec *c, const char *col)
{
	static const col_heading fixed[] = {
		{ -1, "year", "Year" }, { CHART_TIMELINE, "month", "Month" },
		{ CHART_TIMELINE, "event", "Event" }, { CHART_FAN, "series", "Series" },
		{ CHART_TORNADO, "variable", "Input" }, { CHART_TORNADO, "base", "Base case" },
		{ CHART_FAN, "p5", "5th percentile" }, { CHART_FAN, "p25", "25th percentile" },
		{ CHART_FAN, "p50", "Median" }, { CHART_FAN, "p75", "75th percentile" },
		{ CHART_FAN, "p95", "95th percentile" }, { CHART_WATERFALL, "delta", "Change" },
		{ CHART_WATERFALL, "start", "Running total before" },
		{ CHART_WATERFALL, "end", "Running total after" },
		{ CHART_MATRIX, "row", "Row" }, { CHART_MATRIX, "column", "Column" },
		{ CHART_MATRIX, "value", "Value" }, { CHART_MATRIX, "note", "Note" },
	};
	static const col_heading risks[] = {
		{ -1, "row", "Likelihood band" }, { -1, "column", "Impact band" },
		{ -1, "value", "Risks" }, { -1, "note", "Risk ranks" },
	};
	const char *h = NULL;
	if (strcmp(col, "category") == 0)
		return c->s.x.label ? c->s.x.label : c->cat_heading ? c->cat_heading : "";
	if (c->risk_matrix)
		h = heading_in(risks, sizeof risks / sizeof risks[0], -1, col);
	if (h == NULL)
		h = heading_in(fixed, sizeof fixed / sizeof fixed[0], (int)c->s.type, col);
	return h ? h : col;
}
