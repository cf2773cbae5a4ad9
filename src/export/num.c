/* num: numbers for data exports in their shortest exact form. */
#include "export/num.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int
num_put(buf *out, double v)
{
	char tmp[40];
	if (!isfinite(v))
		return 0;
	if (v == floor(v) && fabs(v) < 1e15) {
		buf_printf(out, "%.0f", v == 0 ? 0.0 : v);
		return 1;
	}
	for (int p = 1; p <= 17; p++) {
		snprintf(tmp, sizeof tmp, "%.*g", p, v);
		if (strtod(tmp, NULL) == v)
			break;
	}
	buf_puts(out, tmp);
	return 1;
}
