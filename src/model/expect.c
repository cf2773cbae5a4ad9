/* expect: probability-weighted expectations of per-scenario metrics. */
#include "model/expect.h"

#include <math.h>
#include <stdlib.h>

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
