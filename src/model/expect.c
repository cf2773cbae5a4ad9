/* expect: probability-weighted expectations of per-scenario metrics. */
#include "model/expect.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/finance.h"
#include "util/buf.h"

void
model_expect_scalar(metrics *m, const char *stem, const char *const *scenarios,
    const double *probs, size_t n)
{
	double *v;
	metric_unit unit = UNIT_NUMBER;
	buf b;

	if (n == 0)
		return;
	v = util_xcalloc(n, sizeof *v);
	buf_init(&b);
	for (size_t i = 0; i < n; i++) {
		buf_reset(&b);
		buf_printf(&b, "%s@%s", stem, scenarios[i]);
		const metric *x = metrics_find(m, buf_str(&b));
		v[i] = x && x->years == NULL ? x->vals[0] : NAN;
		if (x)
			unit = x->unit;
	}
	buf_reset(&b);
	buf_printf(&b, "%s@expected", stem);
	metrics_add(m, buf_str(&b), unit, model_expected(v, probs, n), NULL, NULL);
	buf_free(&b);
	free(v);
}

/* Returns x's value k under scenario s (stem of length len, from x's name): NaN if
 * that metric is missing or not of x's shape and years. */
static double
expect_value_at(const metrics *m, const metric *x, size_t len, const char *s, size_t k,
    buf *b)
{
	buf_reset(b);
	buf_printf(b, "%.*s@%s", (int)len, x->name, s);
	const metric *y = metrics_find(m, buf_str(b));
	if (y == NULL || y->n != x->n || (y->years == NULL) != (x->years == NULL))
		return NAN;
	if (x->years != NULL && y->years[k] != x->years[k])
		return NAN;
	return y->vals[k];
}

/* Adds <stem>@<to> shaped as x (<stem>@<from>, stem of length len). */
static void
expect_reweight_one(metrics *m, const metric *x, size_t len, const char *to,
    const char *const *scenarios, const double *probs, size_t n, buf *b)
{
	double *out = util_xcalloc(x->n, sizeof *out);
	double *v = util_xcalloc(n, sizeof *v);
	for (size_t k = 0; k < x->n; k++) {
		for (size_t i = 0; i < n; i++)
			v[i] = expect_value_at(m, x, len, scenarios[i], k, b);
		out[k] = model_expected(v, probs, n);
	}
	buf_reset(b);
	buf_printf(b, "%.*s@%s", (int)len, x->name, to);
	if (x->years == NULL)
		metrics_add(m, buf_str(b), x->unit, out[0], NULL, NULL);
	else
		metrics_add_series(m, buf_str(b), x->unit, x->years, out, x->n, NULL, NULL);
	free(v);
	free(out);
}

void
model_expect_reweight(metrics *m, const char *from, const char *to,
    const char *const *scenarios, const double *probs, size_t n)
{
	size_t lf = strlen(from), count = metrics_count(m);
	buf b;
	if (n == 0)
		return;
	buf_init(&b);
	for (size_t i = 0; i < count; i++) {
		const metric *x = metrics_at(m, i);
		const char *at = strrchr(x->name, '@');
		if (at == NULL || strlen(at + 1) != lf || strcmp(at + 1, from) != 0)
			continue;
		expect_reweight_one(m, x, (size_t)(at - x->name), to, scenarios, probs, n, &b);
	}
	buf_free(&b);
}
