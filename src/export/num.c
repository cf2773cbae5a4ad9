/* num: numbers for data exports in their shortest exact form. */
#include "export/num.h"

#include <float.h>
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
	/* The fewest digits first would take up to 17 tries. Any decimal of at most 15
	 * significant digits survives decimal -> double -> 15 digits unchanged (DBL_DIG),
	 * so if v has a form of p <= 15 digits, "%.15g" (which drops trailing zeros) is
	 * that same text; otherwise 16 or 17 digits are needed. Subnormal numbers carry
	 * fewer bits, so for them every count is tried. */
	for (int p = fabs(v) < DBL_MIN ? 1 : 15; p <= 17; p++) {
		snprintf(tmp, sizeof tmp, "%.*g", p, v);
		if (strtod(tmp, NULL) == v)
			break;
	}
	buf_puts(out, tmp);
	return 1;
}
