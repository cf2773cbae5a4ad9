/* num: the one rule for numbers in data exports (JSON, CSV): shortest exact form. */
#ifndef MKR_NUM_H
#define MKR_NUM_H

#include "util/buf.h"

/* Appends v to out in the shortest form that reads back as exactly v: integers below
 * 1e15 in full ("80", never "8e+01"; -0 as "0"), other values with the fewest
 * significant digits (1 to 17) that round-trip through strtod. Returns 1, or 0 and
 * appends nothing if v is NaN or infinite (the caller writes its own empty value). */
int num_put(buf *out, double v);

#endif
