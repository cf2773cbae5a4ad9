/* unc_metrics: sensitivity and Monte Carlo results as named metrics. */
#include "model/unc_metrics.h"

#include <math.h>
#include <stdlib.h>

#include "util/buf.h"

const char *const unc_sens_fields[] = {
	"low", "high", "npv_low", "npv_high", "payback_low", "payback_high", "swing",
};
const size_t nunc_sens_fields = sizeof unc_sens_fields / sizeof unc_sens_fields[0];

/* Returns the value of field k (of unc_sens_fields) of row s, and its unit. */
static double
sens_field(const sens_row *s, size_t k, metric_unit *unit)
{
	const double v[] = { s->low, s->high, s->npv_low, s->npv_high, s->payback_low,
		s->payback_high, s->swing };
	static const metric_unit u[] = { UNIT_NUMBER, UNIT_NUMBER, UNIT_USD_BN, UNIT_USD_BN,
		UNIT_YEAR, UNIT_YEAR, UNIT_USD_BN };
	*unit = u[k];
	return v[k];
}

/* Adds the fields of row s under "sensitivity.<mid>.<field>@scenario" with label. */
static void
sens_add_row(metrics *m, const char *mid, const char *scenario, const sens_row *s,
    const char *label, buf *b)
{
	for (size_t k = 0; k < nunc_sens_fields; k++) {
		metric_unit unit;
		double v = sens_field(s, k, &unit);
		buf_reset(b);
		buf_printf(b, "sensitivity.%s.%s@%s", mid, unc_sens_fields[k], scenario);
		metrics_add(m, buf_str(b), unit, v, NULL, label);
	}
}

void
unc_metrics_sensitivity(metrics *m, const char *scenario, const sens_row *rows, size_t n)
{
	buf b, mid;
	buf_init(&b);
	buf_init(&mid);
	buf_printf(&b, "sensitivity.count@%s", scenario);
	metrics_add(m, buf_str(&b), UNIT_COUNT, (double)n, NULL, NULL);
	for (size_t i = 0; i < n; i++) {
		sens_add_row(m, rows[i].path, scenario, &rows[i], NULL, &b);
		buf_reset(&b);
		buf_printf(&b, "sensitivity.%s.rank@%s", rows[i].path, scenario);
		metrics_add(m, buf_str(&b), UNIT_COUNT, (double)(i + 1), NULL, NULL);
		buf_reset(&mid);
		buf_printf(&mid, "rank.%zu", i + 1);
		sens_add_row(m, buf_str(&mid), scenario, &rows[i], rows[i].path, &b);
	}
	buf_free(&mid);
	buf_free(&b);
}

/* Adds mc.<what>.p<P>@scenario for the five percentiles v. */
static void
mc_add_pcts(metrics *m, const char *what, const char *scenario, metric_unit unit,
    const double *v, buf *b)
{
	for (int k = 0; k < MC_NPCT; k++) {
		buf_reset(b);
		buf_printf(b, "mc.%s.p%.0f@%s", what, mc_percentiles[k] * 100, scenario);
		metrics_add(m, buf_str(b), unit, v[k], NULL, NULL);
	}
}

void
unc_metrics_mc(metrics *m, const char *scenario, const mc_summary *s)
{
	int years[FIN_MAX_YEARS];
	buf b;
	buf_init(&b);
	for (int i = 0; i < s->n; i++)
		years[i] = s->t0 + i;
	metrics_add(m, "mc.draws", UNIT_COUNT, (double)s->draws, NULL, NULL);
	metrics_add(m, "mc.seed", UNIT_NUMBER, (double)s->seed, NULL, NULL);
	mc_add_pcts(m, "npv", scenario, UNIT_USD_BN, s->npv, &b);
	mc_add_pcts(m, "payback_year", scenario, UNIT_YEAR, s->payback, &b);
	for (int k = 0; k < MC_NPCT; k++) {
		buf_reset(&b);
		buf_printf(&b, "mc.cumulative.p%.0f@%s", mc_percentiles[k] * 100, scenario);
		metrics_add_series(m, buf_str(&b), UNIT_USD_BN, years, s->cumulative[k],
		    (size_t)s->n, NULL, NULL);
	}
	buf_reset(&b);
	buf_printf(&b, "mc.payback_probability@%s", scenario);
	metrics_add_series(m, buf_str(&b), UNIT_FRACTION, years, s->payback_prob,
	    (size_t)s->n, NULL, NULL);
	buf_free(&b);
}

void
model_uncertainty(metrics *m, const char *scenario, const fin_params *base,
    const model_uparam *u, size_t n, const mc_config *cfg)
{
	sens_row *rows = util_xcalloc(n ? n : 1, sizeof *rows);
	size_t nr = model_sensitivity(base, u, n, rows);
	if (nr > 0)
		unc_metrics_sensitivity(m, scenario, rows, nr);
	free(rows);
	mc_summary *s = util_xmalloc(sizeof *s);
	if (model_mc_run(base, u, n, cfg, s) == 0)
		unc_metrics_mc(m, scenario, s);
	free(s);
}
