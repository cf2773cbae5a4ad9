/* format: metric values as display text (the formats of docs/authoring.md). */
#ifndef MKR_FORMAT_H
#define MKR_FORMAT_H

#include "model/metrics.h"
#include "util/buf.h"

enum {
	FORMAT_MAX_PRECISION = 9, /* largest P accepted in "name:P" */
};

/* Appends v formatted by spec ("usd_bn", "pct:1", ...) to out. A NULL spec picks the
 * unit's default format: usd_bn, usd, pct (fraction), year, x (multiple), num (count),
 * gw, and for plain numbers num with up to two decimals, trailing zeros dropped.
 * Without ":P", usd_bn, usd, pct, pp, x, num, m and gw follow the magnitude rule of
 * docs/authoring.md: no decimals from a threshold up (usd_bn 100, x, pp and gw 10, the
 * others 1), one decimal from 1 to the threshold, two significant digits below 1
 * ($0.75bn, 0.5%), trailing zeros dropped there; a value that rounds up into the next
 * band takes its decimals (99.96 -> "$100bn"). pct1, num1, num2, year1 and ":P" fix
 * the decimals. Whatever the precision, a nonzero value that would print as zero gets
 * two significant digits (up to three decimals: "$0.03bn"), and below that prints
 * "about $0bn" (the format's zero, no sign); a magnitude below 1e-9 is zero.
 * Negatives carry U+2212 (minus sign); a value that rounds to zero has no sign. NaN
 * and infinities print "n/a". Rounding is to nearest at the shown precision, a half away from zero; year (and
 * year:0) shows the calendar year a fractional year falls in (2031.4 -> 2032), year:P
 * with P > 0 the value itself. Returns 0, or -1 for an unknown spec (out untouched). */
int format_value(double v, metric_unit u, const char *spec, buf *out);

/* Returns 1 if spec names a format (with an optional ":P", P in 0..9), else 0. */
int format_known(const char *spec);

/* Returns the name of unit u's default format ("usd_bn", "pct", "year", "x", "num",
 * "gw", "usd"), or NULL for UNIT_NUMBER, whose default is a plain number. Static. */
const char *format_unit_default(metric_unit u);

#endif
