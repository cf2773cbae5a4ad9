/* part_metrics: the dependency, competition and risk models as named metrics. */
#include "model/part_metrics.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "model/expect.h"
#include "util/buf.h"

/* Returns the text of fmt in b's storage (b is reset first). */
static const char *
pm_name(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static const char *
pm_name(buf *b, const char *fmt, ...)
{
	va_list ap;

	buf_reset(b);
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
	return buf_str(b);
}

/* Adds the factors of index k of p as .factor and .weight metrics. */
static void
dep_add_factors(metrics *m, buf *b, const char *scenario, const dep_params *p, int k)
{
	const dep_index *x = &p->index[k];

	for (size_t i = 0; i < x->nfactors; i++) {
		const dep_factor *f = &x->factor[i];
		metrics_add(m, pm_name(b, "dependency.factor.%s.%s@%s", dep_index_names[k],
		    f->id, scenario), UNIT_FRACTION, f->value, f->source, f->label);
		metrics_add(m, pm_name(b, "dependency.weight.%s.%s@%s", dep_index_names[k],
		    f->id, scenario), UNIT_FRACTION, f->weight, f->source, f->label);
	}
}

/* Adds the switching inputs of p and output series of r. */
static void
dep_add_switching(metrics *m, buf *b, const char *scenario, const dep_params *p,
    const dep_result *r)
{
	const struct { const char *name; metric_unit unit; double v; } in[] = {
		{ "engineering_cost", UNIT_USD_BN, p->sw.engineering },
		{ "overlap_months", UNIT_NUMBER, p->sw.overlap_months },
		{ "transition_months", UNIT_NUMBER, p->sw.transition_months },
		{ "efficiency_drop", UNIT_FRACTION, p->sw.efficiency_drop },
		{ "fraction", UNIT_FRACTION, p->sw.fraction },
	};
	const struct { const char *name; metric_unit unit; const double *a; } out[] = {
		{ "engineering", UNIT_USD_BN, r->engineering },
		{ "duplicate", UNIT_USD_BN, r->duplicate },
		{ "performance", UNIT_USD_BN, r->performance },
		{ "total", UNIT_USD_BN, r->total },
		{ "share_of_revenue", UNIT_FRACTION, r->share_of_revenue },
	};
	int years[FIN_MAX_YEARS];

	for (size_t k = 0; k < sizeof in / sizeof in[0]; k++)
		metrics_add(m, pm_name(b, "dependency.switching.%s@%s", in[k].name, scenario),
		    in[k].unit, in[k].v, NULL, NULL);
	for (int i = 0; i < r->n; i++)
		years[i] = r->t0 + i;
	for (size_t k = 0; k < sizeof out / sizeof out[0]; k++)
		metrics_add_series(m, pm_name(b, "dependency.switching.%s@%s", out[k].name,
		    scenario), out[k].unit, years, out[k].a, (size_t)r->n, NULL, NULL);
}

void
dep_metrics_add(metrics *m, const char *scenario, const dep_params *p, const dep_result *r)
{
	buf b;

	buf_init(&b);
	for (int k = 0; k < DEP_NINDICES; k++) {
		metrics_add(m, pm_name(&b, "dependency.index.%s@%s", dep_index_names[k], scenario),
		    UNIT_FRACTION, r->index[k], NULL, p->index[k].label);
		dep_add_factors(m, &b, scenario, p, k);
	}
	metrics_add(m, pm_name(&b, "dependency.asymmetry@%s", scenario), UNIT_FRACTION,
	    r->asymmetry, NULL, NULL);
	dep_add_switching(m, &b, scenario, p, r);
	buf_free(&b);
}

void
comp_metrics_observed(metrics *m, const comp_params *p, const comp_result *r)
{
	buf b;

	buf_init(&b);
	metrics_add(m, "competition.threshold.hhi_highly_concentrated", UNIT_NUMBER,
	    p->hhi_high, p->hhi_high_source, NULL);
	metrics_add(m, "competition.threshold.hhi_significant_change", UNIT_NUMBER,
	    p->hhi_change, p->hhi_change_source, NULL);
	for (size_t i = 0; i < p->nmarkets; i++) {
		const comp_market *k = &p->market[i];
		const comp_market_result *x = &r->market[i];
		metrics_add_series(m, pm_name(&b, "competition.hhi.%s", k->id), UNIT_NUMBER,
		    k->years, x->hhi, k->nyears, NULL, k->label);
		metrics_add_series(m, pm_name(&b, "competition.cr3.%s", k->id), UNIT_FRACTION,
		    k->years, x->cr3, k->nyears, NULL, k->label);
		for (size_t f = 0; f < k->nfirms; f++)
			metrics_add_series(m, pm_name(&b, "competition.share.%s.%s", k->id,
			    k->firm[f].id), UNIT_FRACTION, k->years, k->firm[f].shares, k->nyears,
			    k->firm[f].source, k->firm[f].label);
		for (size_t j = 0; j < k->nblocs; j++)
			metrics_add_series(m, pm_name(&b, "competition.bloc.%s.%s", k->id,
			    k->bloc[j].id), UNIT_FRACTION, k->years, x->bloc[j], k->nyears, NULL,
			    k->bloc[j].label);
	}
	buf_free(&b);
}

/* Adds the projected series of market k (result x) for scenario S over years. */
static void
comp_add_projection(metrics *m, buf *b, const char *scenario, const comp_market *k,
    const comp_market_result *x, const int *years)
{
	metrics_add_series(m, pm_name(b, "competition.projected_hhi.%s@%s", k->id, scenario),
	    UNIT_NUMBER, years, x->proj_hhi, x->nproj, NULL, k->label);
	metrics_add_series(m, pm_name(b, "competition.projected_cr3.%s@%s", k->id, scenario),
	    UNIT_FRACTION, years, x->proj_cr3, x->nproj, NULL, k->label);
	for (size_t f = 0; f < k->nfirms; f++) {
		metrics_add(m, pm_name(b, "competition.boost.%s.%s@%s", k->id, k->firm[f].id,
		    scenario), UNIT_FRACTION, k->firm[f].boost, NULL, k->firm[f].label);
		metrics_add_series(m, pm_name(b, "competition.projected_share.%s.%s@%s", k->id,
		    k->firm[f].id, scenario), UNIT_FRACTION, years, x->proj_share[f], x->nproj,
		    NULL, k->firm[f].label);
	}
	for (size_t j = 0; j < k->nblocs; j++)
		metrics_add_series(m, pm_name(b, "competition.projected_bloc.%s.%s@%s", k->id,
		    k->bloc[j].id, scenario), UNIT_FRACTION, years, x->proj_bloc[j], x->nproj,
		    NULL, k->bloc[j].label);
}

void
comp_metrics_add(metrics *m, const char *scenario, const comp_params *p,
    const comp_result *r)
{
	int years[COMP_MAX_PROJ];
	buf b;

	buf_init(&b);
	metrics_add(m, pm_name(&b, "competition.horizon@%s", scenario), UNIT_YEAR, p->horizon,
	    NULL, NULL);
	for (size_t i = 0; i < p->nmarkets; i++) {
		const comp_market *k = &p->market[i];
		const comp_market_result *x = &r->market[i];
		if (x->nproj == 0)
			continue;
		for (size_t t = 0; t < x->nproj; t++)
			years[t] = x->p0 + (int)t;
		comp_add_projection(m, &b, scenario, k, x, years);
		metrics_add(m, pm_name(&b, "competition.hhi_change.%s@%s", k->id, scenario),
		    UNIT_NUMBER, x->hhi_change, NULL, k->label);
		metrics_add(m, pm_name(&b, "competition.highly_concentrated.%s@%s", k->id,
		    scenario), UNIT_NUMBER, x->highly_concentrated, NULL, k->label);
		metrics_add(m, pm_name(&b, "competition.significant_change.%s@%s", k->id,
		    scenario), UNIT_NUMBER, x->significant_change, NULL, k->label);
	}
	buf_free(&b);
}

/* Returns 1 if name (a metric of scenario at) is one part_metrics_expected weights. */
static int
pm_weighted(const char *name)
{
	static const char *const prefix[] = { "dependency.index.", "dependency.asymmetry@",
		"competition.hhi_change.", "competition.highly_concentrated.",
		"competition.significant_change." };

	for (size_t k = 0; k < sizeof prefix / sizeof prefix[0]; k++)
		if (strncmp(name, prefix[k], strlen(prefix[k])) == 0)
			return 1;
	return 0;
}

void
part_metrics_expected(metrics *m, const char *const *scenarios, const double *probs,
    size_t n)
{
	size_t ls;

	if (n == 0)
		return;
	ls = strlen(scenarios[0]);
	for (size_t i = 0; i < metrics_count(m); i++) {
		const metric *x = metrics_at(m, i);
		const char *at = strrchr(x->name, '@');
		if (x->years != NULL || at == NULL || strlen(at + 1) != ls ||
		    strcmp(at + 1, scenarios[0]) != 0 || !pm_weighted(x->name))
			continue;
		char *stem = util_xstrndup(x->name, (size_t)(at - x->name));
		model_expect_scalar(m, stem, scenarios, probs, n);
		free(stem);
	}
}

void
risk_metrics_add(metrics *m, const risk_register *g, const risk_result *r)
{
	buf b;

	buf_init(&b);
	for (size_t i = 0; i < r->n; i++) {
		const risk_entry *e = &g->entry[i];
		const struct { const char *name; metric_unit unit; double v; } v[] = {
			{ "likelihood", UNIT_FRACTION, e->likelihood },
			{ "impact", UNIT_USD_BN, e->impact },
			{ "expected", UNIT_USD_BN, r->expected[i] },
			{ "rank", UNIT_NUMBER, r->rank[i] },
			{ "likelihood_band", UNIT_NUMBER, r->likelihood_band[i] },
			{ "impact_band", UNIT_NUMBER, r->impact_band[i] },
		};
		for (size_t k = 0; k < sizeof v / sizeof v[0]; k++)
			metrics_add(m, pm_name(&b, "risk.%s.%s", e->id, v[k].name), v[k].unit,
			    v[k].v, e->source, e->title);
	}
	metrics_add(m, "risk.total_expected", UNIT_USD_BN, r->total_expected, NULL, NULL);
	buf_free(&b);
}
