/* explore_mc: the report's Monte Carlo from JSON settings, for the explorer's worker. */
#include "explore/explore.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explore/explore_int.h"
#include "model/montecarlo.h"
#include "model/unc_metrics.h"

/* The laws by the names the data files give them, and their parameter counts. */
static const struct {
	const char *name;
	dist_kind kind;
	size_t nparams;
} xm_laws[] = {
	{ "normal", DIST_NORMAL, 2 },
	{ "lognormal", DIST_LOGNORMAL, 2 },
	{ "triangular", DIST_TRIANGULAR, 3 },
	{ "uniform", DIST_UNIFORM, 2 },
};

/* Writes u's law as {name: [parameters]}. */
static void
xm_law_put(json_writer *w, const dist *d)
{
	for (size_t k = 0; k < sizeof xm_laws / sizeof xm_laws[0]; k++) {
		if (xm_laws[k].kind != d->kind)
			continue;
		const double v[3] = { d->a, d->b, d->c };
		json_open(w, "law", '{');
		json_nums(w, xm_laws[k].name, v, xm_laws[k].nparams);
		json_close(w, '}');
	}
}

void
explore_mc_settings(json_writer *w, const char *key, const char *scenario,
    const fin_params *base, const model_uparam *u, size_t n, size_t draws, uint64_t seed)
{
	buf at;
	buf_init(&at);
	json_open(w, key, '{');
	json_str(w, "scenario", scenario);
	json_num(w, "draws", (double)draws);
	json_num(w, "seed", (double)seed);
	json_open(w, "uncertain", '[');
	for (size_t i = 0; i < n; i++) {
		buf_reset(&at);
		if (!u[i].has_dist || explore_input_name(base, u[i].ref.offset, &at) < 0)
			continue;
		json_open(w, NULL, '{');
		json_str(w, "path", u[i].path);
		json_str(w, "at", buf_str(&at));
		json_num(w, "count", u[i].ref.count);
		xm_law_put(w, &u[i].law);
		json_num(w, "min", u[i].min);
		json_num(w, "max", u[i].max);
		json_bool(w, "min_open", u[i].min_open);
		json_close(w, '}');
	}
	json_close(w, ']');
	json_close(w, '}');
	buf_free(&at);
}

/* Reads the law object x ({name: [parameters]}) into d; -1 with a reason if it is
 * not one of xm_laws with valid parameters (dist_check). */
static int
xm_law(const jin_value *x, const char *pre, dist *d, buf *err)
{
	const jin_value *a = x != NULL && x->kind == JIN_OBJ && x->n == 1 ? &x->items[0] : NULL;
	for (size_t k = 0; a != NULL && k < sizeof xm_laws / sizeof xm_laws[0]; k++) {
		if (strcmp(x->keys[0], xm_laws[k].name) != 0)
			continue;
		double v[3] = { 0, 0, 0 };
		if (a->kind != JIN_ARR || a->n != xm_laws[k].nparams)
			break;
		for (size_t i = 0; i < a->n; i++) {
			if (explore_number_at(&a->items[i], pre, "law", 0, -1e300, 1e300, &v[i],
			    err) < 0)
				return -1;
		}
		*d = (dist){ xm_laws[k].kind, v[0], v[1], v[2] };
		const char *why = dist_check(d);
		if (why != NULL) {
			buf_printf(err, "%slaw: %s", pre, why);
			return -1;
		}
		return 0;
	}
	buf_printf(err, "%slaw: expected {normal|lognormal|uniform: [a, b]} or "
	    "{triangular: [min, mode, max]}", pre);
	return -1;
}

/* Reads the bound key of x into *v: a number, or null for def (an infinity). */
static int
xm_bound(const jin_value *x, const char *pre, const char *key, double def, double *v,
    buf *err)
{
	if (explore_number_at(jin_get(x, key), pre, key, 1, -1e300, 1e300, v, err) < 0)
		return -1;
	if (isnan(*v))
		*v = def;
	return 0;
}

/* Returns 1 if count values from at (a name explore_input_offset accepted) stay
 * within that one input: 1 for a scalar or a tranche's field, up to the last year for
 * a per-year input. */
static int
xm_fits(const fin_params *p, const char *at, double count)
{
	const char *dot = strrchr(at, '.');
	if (count != floor(count))
		return 0;
	if (dot == NULL || strncmp(at, "tranches.", 9) == 0)
		return count == 1;
	return count <= p->T - atoi(dot + 1) + 1;
}

/* Reads uncertain input k of arr into u, placed in p. */
static int
xm_uparam(const jin_value *arr, size_t k, const fin_params *p, model_uparam *u, buf *err)
{
	const jin_value *x = &arr->items[k];
	const jin_value *path = jin_get(x, "path"), *at = jin_get(x, "at");
	const jin_value *open = jin_get(x, "min_open");
	char pre[48];
	double count;
	size_t off;

	snprintf(pre, sizeof pre, "uncertain.%zu.", k);
	memset(u, 0, sizeof *u);
	if (path == NULL || path->kind != JIN_STR || at == NULL || at->kind != JIN_STR ||
	    explore_input_offset(p, at->str, &off) < 0) {
		buf_printf(err, "%sat: expected an input of the inputs object", pre);
		return -1;
	}
	if (explore_number_at(jin_get(x, "count"), pre, "count", 0, 1, FIN_MAX_YEARS,
	    &count, err) < 0 || xm_law(jin_get(x, "law"), pre, &u->law, err) < 0 ||
	    xm_bound(x, pre, "min", -INFINITY, &u->min, err) < 0 ||
	    xm_bound(x, pre, "max", INFINITY, &u->max, err) < 0)
		return -1;
	if (!xm_fits(p, at->str, count)) {
		buf_printf(err, "%scount: %g values from %s are not within one input", pre, count,
		    at->str);
		return -1;
	}
	u->path = path->str;
	u->ref = (param_ref){ off, (int)count };
	u->value = model_param_get(p, &u->ref);
	u->low = u->high = NAN;
	u->has_dist = 1;
	u->min_open = open != NULL && open->kind == JIN_BOOL && open->num != 0;
	return 0;
}

/* Reads draws and seed of v into cfg (one job). */
static int
xm_config(const jin_value *v, mc_config *cfg, buf *err)
{
	double draws, seed;
	if (explore_number_at(jin_get(v, "draws"), "", "draws", 0, 1, EXPLORE_MC_MAX_DRAWS,
	    &draws, err) < 0 || explore_number_at(jin_get(v, "seed"), "", "seed", 0, 0,
	    9007199254740992.0, &seed, err) < 0)
		return -1;
	if (draws != floor(draws) || seed != floor(seed)) {
		buf_puts(err, "draws, seed: expected whole numbers");
		return -1;
	}
	*cfg = (mc_config){ (size_t)draws, (uint64_t)seed, 1 };
	return 0;
}

/* Runs the Monte Carlo of p with u[0..n-1] and writes its metrics for scenario. */
static int
xm_summary(const fin_params *p, const model_uparam *u, size_t n, const mc_config *cfg,
    const char *scenario, buf *out)
{
	mc_summary *s = util_xmalloc(sizeof *s);
	int st = model_mc_run(p, u, n, cfg, s);
	if (st == 0) {
		metrics *m = metrics_new();
		unc_metrics_mc(m, scenario, s);
		explore_metrics_json(m, NULL, 1, out);
		metrics_free(m);
	}
	free(s);
	return st;
}

/* Runs the Monte Carlo of the parsed settings v into out. */
static int
xm_run(const jin_value *v, buf *out, buf *err)
{
	const jin_value *sc = jin_get(v, "scenario"), *un = jin_get(v, "uncertain");
	const jin_value *in = jin_get(v, "inputs");
	fin_params *p = util_xmalloc(sizeof *p);
	model_uparam *u = NULL;
	mc_config cfg;
	int st = -1;

	if (sc == NULL || sc->kind != JIN_STR || un == NULL || un->kind != JIN_ARR ||
	    un->n == 0 || un->n > 256) {
		buf_puts(err, "expected \"scenario\": name and \"uncertain\": 1 to 256 inputs");
		goto done;
	}
	if (xm_config(v, &cfg, err) < 0 ||
	    explore_params_tree(in ? in : &(jin_value){ 0 }, p, err) < 0)
		goto done;
	u = util_xcalloc(un->n, sizeof *u);
	for (size_t k = 0; k < un->n; k++)
		if (xm_uparam(un, k, p, &u[k], err) < 0)
			goto done;
	st = xm_summary(p, u, un->n, &cfg, sc->str, out);
done:
	free(u);
	free(p);
	return st;
}

int
explore_mc(const char *in, size_t len, buf *out, buf *err)
{
	size_t at = 0;
	jin_value *v = jin_parse(in, len, &at);
	int st;

	if (v == NULL) {
		buf_printf(err, "malformed JSON at byte %zu", at);
		return -1;
	}
	st = xm_run(v, out, err);
	jin_free(v);
	return st;
}
