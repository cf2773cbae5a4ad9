/* format: metric values as display text (the formats of docs/authoring.md). */
#include "model/format.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MINUS_SIGN "\xe2\x88\x92" /* U+2212 */

/* How one named format shows a number. */
typedef struct fmt_def {
	const char *name;   /* spec name */
	double scale;       /* value multiplier before printing */
	int decimals;       /* fixed decimals; -1 = the magnitude rule (whole below) */
	double whole;       /* magnitude rule: no decimals from this shown magnitude up */
	const char *prefix; /* before the digits, after the sign */
	const char *suffix; /* after the digits */
	int group;          /* 1: thousands separators */
	int plus;           /* 1: '+' before positive values */
	int ceil_year;      /* 1: a fractional year becomes the year it falls in */
	int trim;           /* 1: drop trailing zero decimals */
} fmt_def;

enum {
	FMT_SMALL_MAX_DECIMALS = 3, /* most decimals a magnitude below 1 gets */
};

/* A shown magnitude below this is zero (rounding noise, never a figure). */
#define FMT_ZERO 1e-9

static const fmt_def defs[] = {
	{ "usd_bn", 1, -1, 100, "$", "bn", 1, 0, 0, 0 },
	{ "usd", 1, -1, 1, "$", "", 1, 0, 0, 0 },
	{ "pct", 100, -1, 1, "", "%", 1, 0, 0, 0 },
	{ "pct1", 100, 1, 0, "", "%", 1, 0, 0, 0 },
	{ "pp", 100, -1, 10, "", " pp", 1, 1, 0, 0 },
	{ "year", 1, 0, 0, "", "", 0, 0, 1, 0 },
	{ "year1", 1, 1, 0, "", "", 0, 0, 0, 0 },
	{ "x", 1, -1, 10, "", "x", 1, 0, 0, 0 },
	{ "num", 1, -1, 1, "", "", 1, 0, 0, 0 },
	{ "num1", 1, 1, 0, "", "", 1, 0, 0, 0 },
	{ "num2", 1, 2, 0, "", "", 1, 0, 0, 0 },
	{ "int", 1, 0, 0, "", "", 0, 0, 0, 0 },
	{ "m", 1e-6, -1, 1, "", "m", 1, 0, 0, 0 },
	{ "gw", 1, -1, 10, "", " GW", 1, 0, 0, 0 },
};

/* The default for plain numbers: up to two decimals, trailing zeros dropped. */
static const fmt_def number_default = { "num", 1, 2, 0, "", "", 1, 0, 0, 1 };

const char *
format_unit_default(metric_unit u)
{
	switch (u) {
	case UNIT_USD_BN: return "usd_bn";
	case UNIT_USD: return "usd";
	case UNIT_FRACTION: return "pct";
	case UNIT_YEAR: return "year";
	case UNIT_MULTIPLE: return "x";
	case UNIT_COUNT: return "num";
	case UNIT_GW: return "gw";
	default: return NULL;
	}
}

/* Finds spec's definition and precision (-1 if none given). Returns NULL if unknown. */
static const fmt_def *
parse_spec(const char *spec, int *prec)
{
	const char *colon = strchr(spec, ':');
	size_t n = colon ? (size_t)(colon - spec) : strlen(spec);
	*prec = -1;
	if (colon) {
		if (colon[1] < '0' || colon[1] > '9' || colon[2] != '\0')
			return NULL;
		*prec = colon[1] - '0';
	}
	for (size_t i = 0; i < sizeof(defs) / sizeof(defs[0]); i++)
		if (strlen(defs[i].name) == n && strncmp(defs[i].name, spec, n) == 0)
			return &defs[i];
	return NULL;
}

int
format_known(const char *spec)
{
	int prec;
	return spec != NULL && parse_spec(spec, &prec) != NULL;
}

/* Appends the digits of s (an unsigned "123456.78") with a comma every three
 * integer digits when group is set. */
static void
put_grouped(buf *out, const char *s, int group)
{
	size_t intlen = strcspn(s, ".");
	for (size_t i = 0; i < intlen; i++) {
		if (group && i > 0 && (intlen - i) % 3 == 0)
			buf_putc(out, ',');
		buf_putc(out, s[i]);
	}
	buf_puts(out, s + intlen);
}

/* Drops trailing zeros after a decimal point, and the point if nothing is left. */
static void
trim_zeros(char *s)
{
	if (strchr(s, '.') == NULL)
		return;
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == '0')
		s[--n] = '\0';
	if (n > 0 && s[n - 1] == '.')
		s[--n] = '\0';
}

/* Prints a (>= 0) with dec decimals into tmp (n bytes), a half rounded away from zero
 * (82.5 -> "83"; printf alone would round an exact half to even). */
static void
print_fixed(char *tmp, size_t n, double a, int dec)
{
	double p = pow(10, dec);
	if (a * p < 1e15)
		a = round(a * p) / p;
	snprintf(tmp, n, "%.*f", dec, a);
}

/* Returns a (>= 0) rounded to dec decimals as print_fixed shows it. */
static double
rounded(double a, int dec)
{
	char tmp[400];
	print_fixed(tmp, sizeof tmp, a, dec);
	return strtod(tmp, NULL);
}

/* Decimals for a shown magnitude a (> 0) below 1: two significant digits, at most
 * FMT_SMALL_MAX_DECIMALS. Sets *trim (a trailing zero is not a significant digit). */
static int
small_decimals(double a, int *trim)
{
	int dec = 1 - (int)floor(log10(a));
	*trim = 1;
	return dec < 1 ? 1 : dec > FMT_SMALL_MAX_DECIMALS ? FMT_SMALL_MAX_DECIMALS : dec;
}

/* The magnitude rule for shown magnitude a: no decimals from f->whole up, one from 1,
 * two significant digits below 1 (a value that rounds up to the next band takes its
 * decimals: 0.996 -> 1.0, 99.96 -> 100). Sets *trim for the band below 1. */
static int
magnitude_decimals(const fmt_def *f, double a, int *trim)
{
	*trim = 0;
	if (a < FMT_ZERO || rounded(a, 1) >= f->whole)
		return 0;
	if (a >= 1)
		return 1;
	int dec = small_decimals(a, trim);
	if (rounded(a, dec) >= 1) {
		*trim = 0;
		return f->whole > 1 ? 1 : 0;
	}
	return dec;
}

/* Appends "about " and zero in f: a value too small for any decimal shown. */
static void
put_about_zero(buf *out, const fmt_def *f)
{
	buf_puts(out, "about ");
	buf_puts(out, f->prefix);
	buf_putc(out, '0');
	buf_puts(out, f->suffix);
}

/* The smallest shown magnitude the magnitude rule prints as a figure in f: a tenth of
 * a percent or of a percentage point, $0.01bn; 0 (none) for the other formats. */
static double
magnitude_floor(const fmt_def *f)
{
	if (strcmp(f->name, "pct") == 0 || strcmp(f->name, "pp") == 0)
		return 0.1;
	if (strcmp(f->name, "usd_bn") == 0)
		return 0.01;
	return 0;
}

/* Appends "<" and the floor fl in f ("<0.1%", "<$0.01bn"; a minus sign before it for a
 * negative v): a nonzero value too small to show as a figure without false precision. */
static void
put_below_floor(buf *out, double v, const fmt_def *f, double fl)
{
	char tmp[32];
	if (v < 0)
		buf_puts(out, MINUS_SIGN);
	buf_putc(out, '<');
	buf_puts(out, f->prefix);
	snprintf(tmp, sizeof tmp, "%g", fl);
	buf_puts(out, tmp);
	buf_puts(out, f->suffix);
}

/* Appends v shown by f with precision prec (-1 = the format's own). */
static void
put_value(buf *out, double v, const fmt_def *f, int prec)
{
	char tmp[400];
	int trim = f->trim;
	double a = fabs(v * f->scale);
	int dec = prec >= 0 ? prec : f->decimals >= 0 ? f->decimals :
	    magnitude_decimals(f, a, &trim);
	double fl = prec < 0 && f->decimals < 0 ? magnitude_floor(f) : 0;
	if (a >= FMT_ZERO && a < fl) {
		put_below_floor(out, v, f, fl);
		return;
	}
	if (f->ceil_year && dec == 0) {
		v = ceil(v - 1e-9);
		a = fabs(v);
	}
	if (!f->ceil_year && a >= FMT_ZERO && rounded(a, dec) == 0) {
		dec = small_decimals(a, &trim); /* nonzero must not print as zero */
		if (rounded(a, dec) == 0) {
			put_about_zero(out, f);
			return;
		}
	}
	if (a < FMT_ZERO)
		a = 0;
	print_fixed(tmp, sizeof tmp, a, dec);
	if (trim)
		trim_zeros(tmp);
	int nonzero = strpbrk(tmp, "123456789") != NULL;
	if (v < 0 && nonzero)
		buf_puts(out, MINUS_SIGN);
	else if (f->plus && v > 0 && nonzero)
		buf_putc(out, '+');
	buf_puts(out, f->prefix);
	put_grouped(out, tmp, f->group);
	buf_puts(out, f->suffix);
}

int
format_value(double v, metric_unit u, const char *spec, buf *out)
{
	int prec = -1;
	const fmt_def *f;
	if (spec == NULL) {
		const char *name = format_unit_default(u);
		f = name ? parse_spec(name, &prec) : &number_default;
	} else {
		f = parse_spec(spec, &prec);
	}
	if (f == NULL)
		return -1;
	if (!isfinite(v) || fabs(v * f->scale) > 1e300) {
		buf_puts(out, "n/a");
		return 0;
	}
	put_value(out, v, f, prec);
	return 0;
}
