/* schema: typed reads of ytree nodes (numbers, strings, dates, URLs, keys). */
#include "yaml/schema.h"

#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/url.h"

/* Describes what n is for "found ..." in messages, into a short static-free form. */
static void
err_found(diag *d, const yt_node *n, const char *expected, const char *what)
{
	if (n->kind != YT_SCALAR)
		diag_error(d, n->pos, "expected %s for '%s', found %s", expected, what,
		    yt_kind_name(n->kind));
	else if (!n->plain)
		diag_error(d, n->pos, "expected %s for '%s', found the quoted string \"%.40s\"",
		    expected, what, n->str);
	else
		diag_error(d, n->pos, "expected %s for '%s', found '%.40s'", expected, what, n->str);
}

/* Returns the number of ASCII digits at s. */
static size_t
digits(const char *s)
{
	size_t i = 0;
	while (isdigit((unsigned char)s[i]))
		i++;
	return i;
}

/* Returns 1 if s is a decimal number: [+-]? (d+ (. d*)? | . d+) ([eE] [+-]? d+)? */
static int
is_decimal(const char *s)
{
	if (*s == '+' || *s == '-')
		s++;
	size_t a = digits(s);
	s += a;
	size_t b = 0;
	if (*s == '.') {
		s++;
		b = digits(s);
		s += b;
	}
	if (a == 0 && b == 0)
		return 0;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		size_t e = digits(s);
		if (e == 0)
			return 0;
		s += e;
	}
	return *s == '\0';
}

/* Returns 1 if the decimal number s has a digit other than 0 before its exponent. */
static int
has_nonzero_digit(const char *s)
{
	for (; *s && *s != 'e' && *s != 'E'; s++)
		if (*s >= '1' && *s <= '9')
			return 1;
	return 0;
}

int
schema_num(diag *d, const yt_node *n, const char *what, double *out)
{
	if (n->kind != YT_SCALAR || !n->plain || !is_decimal(n->str)) {
		err_found(d, n, "a number", what);
		return -1;
	}
	errno = 0;
	double v = strtod(n->str, NULL);
	if (!isfinite(v)) {
		diag_error(d, n->pos, "number '%.40s' for '%s' is out of range", n->str, what);
		return -1;
	}
	if (errno == ERANGE && has_nonzero_digit(n->str)) { /* underflow: 1e-400 is not 0 */
		diag_error(d, n->pos, "number '%.40s' for '%s' is too close to zero (below "
		    "%.1e)", n->str, what, DBL_MIN);
		return -1;
	}
	*out = v;
	return 0;
}

/* Returns 1 if s is an optionally signed run of decimal digits. */
static int
is_integer(const char *s)
{
	if (*s == '+' || *s == '-')
		s++;
	size_t a = digits(s);
	return a > 0 && a <= 18 && s[a] == '\0';
}

int
schema_int(diag *d, const yt_node *n, const char *what, long lo, long hi, long *out)
{
	if (n->kind != YT_SCALAR || !n->plain || !is_integer(n->str)) {
		err_found(d, n, "an integer", what);
		return -1;
	}
	long v = strtol(n->str, NULL, 10);
	if (v < lo || v > hi) {
		diag_error(d, n->pos, "'%s' must be between %ld and %ld, found %ld", what, lo, hi, v);
		return -1;
	}
	*out = v;
	return 0;
}

int
schema_str(diag *d, const yt_node *n, const char *what, int allow_empty, const char **out)
{
	if (n->kind != YT_SCALAR) {
		err_found(d, n, "a string", what);
		return -1;
	}
	if (!allow_empty && (n->str[0] == '\0' || yt_is_null(n))) {
		diag_error(d, n->pos, "'%s' must not be empty", what);
		return -1;
	}
	*out = n->str;
	return 0;
}

int
schema_bool(diag *d, const yt_node *n, const char *what, int *out)
{
	static const char *const t[] = { "true", "True", "TRUE", NULL };
	static const char *const f[] = { "false", "False", "FALSE", NULL };
	if (n->kind == YT_SCALAR && n->plain) {
		for (int i = 0; t[i]; i++) {
			if (strcmp(n->str, t[i]) == 0) {
				*out = 1;
				return 0;
			}
			if (strcmp(n->str, f[i]) == 0) {
				*out = 0;
				return 0;
			}
		}
	}
	err_found(d, n, "true or false", what);
	return -1;
}

/* Returns 1 if s is YYYY-MM-DD naming a real calendar date in a year of
 * SCHEMA_YEAR_MIN..SCHEMA_YEAR_MAX. */
static int
is_date(const char *s)
{
	if (strlen(s) != 10 || digits(s) != 4 || s[4] != '-' || digits(s + 5) != 2 ||
	    s[7] != '-' || digits(s + 8) != 2)
		return 0;
	int y = atoi(s), m = atoi(s + 5), day = atoi(s + 8);
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < SCHEMA_YEAR_MIN || y > SCHEMA_YEAR_MAX || m < 1 || m > 12 || day < 1)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return day <= mdays[m - 1] + (m == 2 && leap);
}

int
schema_date(diag *d, const yt_node *n, const char *what, const char **out)
{
	if (n->kind != YT_SCALAR || !is_date(n->str)) {
		err_found(d, n, "a date YYYY-MM-DD in " SCHEMA_YEARS, what);
		return -1;
	}
	*out = n->str;
	return 0;
}

/* Returns 1 if the scheme s[0..len) (case-insensitive) is allowed. */
static int
scheme_ok(const char *s, size_t len)
{
	static const char *const ok[] = { "http", "https", "mailto", NULL };
	for (int i = 0; ok[i]; i++)
		if (strlen(ok[i]) == len && strncasecmp(s, ok[i], len) == 0)
			return 1;
	return 0;
}

int
schema_url(diag *d, const yt_node *n, const char *what, const char **out)
{
	const char *s;
	if (schema_str(d, n, what, 0, &s) < 0)
		return -1;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p <= 0x20 || *p == 0x7f || *p == '\\') {
			diag_error(d, n->pos, "URL for '%s' must not contain spaces, backslashes "
			    "or control characters", what);
			return -1;
		}
	}
	size_t end = strcspn(s, ":/?#");
	if (s[end] == ':' && !scheme_ok(s, end)) {
		diag_error(d, n->pos, "URL scheme '%.*s:' is not allowed for '%s' (use http, "
		    "https, mailto or a relative path)", (int)(end > 20 ? 20 : end), s, what);
		return -1;
	}
	url_view u; /* as a browser reads it: another host, the host's root, ".." out */
	url_read(&u, s);
	const char *why = url_link_refusal(&u);
	if (why != NULL)
		diag_error(d, n->pos, "URL '%s' for '%s' %s", s, what, why);
	url_done(&u);
	if (why != NULL)
		return -1;
	*out = s;
	return 0;
}

int
schema_kind(diag *d, const yt_node *n, yt_kind k, const char *what)
{
	if (n->kind == k)
		return 0;
	const char *name = yt_kind_name(k);
	diag_error(d, n->pos, "expected %s for '%s', found %s", name, what, yt_kind_name(n->kind));
	return -1;
}

int
schema_keys(diag *d, const yt_node *m, const char *const *allowed, const char *what)
{
	int bad = 0;
	for (size_t i = 0; m->kind == YT_MAP && i < m->n; i++) {
		const yt_node *k = m->keys[i];
		int found = 0;
		for (size_t j = 0; !found && allowed[j]; j++)
			found = k->str && strcmp(k->str, allowed[j]) == 0;
		if (!found) {
			diag_error(d, k->pos, "unknown key '%.60s' in %s", k->str ? k->str : "?", what);
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

const yt_node *
schema_need(diag *d, const yt_node *m, const char *key, const char *what)
{
	const yt_node *v = yt_get(m, key);
	if (v == NULL)
		diag_error(d, m->pos, "missing key '%s' in %s", key, what);
	return v;
}
