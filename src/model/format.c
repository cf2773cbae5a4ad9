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
	int decimals;       /* default decimals; -1 = usd_bn's automatic rule */
	const char *prefix; /* before the digits, after the sign */
	const char *suffix; /* after the digits */
	int group;          /* 1: thousands separators */
	int plus;           /* 1: '+' before positive values */
	int ceil_year;      /* 1: a fractional year becomes the year it falls in */
	int trim;           /* 1: drop trailing zero decimals */
} fmt_def;

static const fmt_def defs[] = {
	{ "usd_bn", 1, -1, "$", "bn", 1, 0, 0, 0 },
	{ "usd", 1, 0, "$", "", 1, 0, 0, 0 },
	{ "pct", 100, 0, "", "%", 1, 0, 0, 0 },
	{ "pct1", 100, 1, "", "%", 1, 0, 0, 0 },
	{ "pp", 100, 1, "", " pp", 1, 1, 0, 0 },
	{ "year", 1, 0, "", "", 0, 0, 1, 0 },
	{ "year1", 1, 1, "", "", 0, 0, 0, 0 },
	{ "x", 1, 1, "", "x", 1, 0, 0, 0 },
	{ "num", 1, 0, "", "", 1, 0, 0, 0 },
	{ "num1", 1, 1, "", "", 1, 0, 0, 0 },
	{ "num2", 1, 2, "", "", 1, 0, 0, 0 },
	{ "int", 1, 0, "", "", 0, 0, 0, 0 },
	{ "m", 1e-6, 0, "", "m", 1, 0, 0, 0 },
	{ "gw", 1, 1, "", " GW", 1, 0, 0, 0 },
};

/* The default for plain numbers: up to two decimals, trailing zeros dropped. */
static const fmt_def number_default = { "num", 1, 2, "", "", 1, 0, 0, 1 };

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

/* Decimals to show for magnitude a under f with precision prec (-1 = default). */
static int
pick_decimals(const fmt_def *f, double a, int prec)
{
	if (prec >= 0)
		return prec;
	if (f->decimals >= 0)
		return f->decimals;
	char tmp[400];
	snprintf(tmp, sizeof tmp, "%.1f", a);
	return strtod(tmp, NULL) >= 100 ? 0 : 1;
}

/* Appends v shown by f with precision prec (-1 = the format's own). */
static void
put_value(buf *out, double v, const fmt_def *f, int prec)
{
	char tmp[400];
	int dec = pick_decimals(f, fabs(v * f->scale), prec);
	if (f->ceil_year && dec == 0)
		v = ceil(v - 1e-9);
	double a = fabs(v * f->scale);
	snprintf(tmp, sizeof tmp, "%.*f", dec, a);
	if (f->trim)
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
