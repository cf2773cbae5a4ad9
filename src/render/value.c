/* value: metric lookups and formatting with diagnostics; YAML fields of directives. */
#include "render/render_int.h"

#include <stdlib.h>
#include <string.h>

#include "yaml/schema.h"
#include "model/format.h"

/* Reports why metrics_lookup(ref) failed with code rc. */
static void
lookup_error(rnd *r, const char *ref, int rc, diag_pos pos)
{
	const char *br = strchr(ref, '[');
	char *base = util_xstrndup(ref, br ? (size_t)(br - ref) : strlen(ref));
	const metric *m = metrics_find(r->c->m, base);
	if (rc == -3)
		diag_error(r->d, pos, "metric '%s' is a series: name a year, as in %s[YEAR]",
		    ref, ref);
	else if (rc == -2 && m != NULL && m->years == NULL)
		diag_error(r->d, pos, "metric '%s' is not a series: remove the [YEAR]", base);
	else if (rc == -2)
		diag_error(r->d, pos, "year not in the series: '%s'", ref);
	else
		diag_error(r->d, pos, "unknown metric '%s'", ref);
	free(base);
}

int
render_value_is_status(const char *fmt)
{
	return fmt != NULL && strcmp(fmt, "status") == 0;
}

/* Returns 1 if fmt is a number format or "status". */
static int
value_format_known(const char *fmt)
{
	return render_value_is_status(fmt) || format_known(fmt);
}

/* Appends the status of the fact ref names (with or without [YEAR]) to out. Returns 0,
 * or -1 after reporting an unknown metric, a bad year or a metric that has no status. */
static int
status_value(rnd *r, const char *ref, diag_pos pos, buf *out)
{
	double v;
	metric_unit u;
	int rc = metrics_lookup(r->c->m, ref, &v, &u);
	if (rc != 0 && rc != -3) { /* a series without [YEAR] has one status for all years */
		lookup_error(r, ref, rc, pos);
		return -1;
	}
	const char *br = strchr(ref, '[');
	char *base = util_xstrndup(ref, br ? (size_t)(br - ref) : strlen(ref));
	const metric *m = metrics_find(r->c->m, base);
	free(base);
	if (m->status == NULL) {
		diag_error(r->d, pos, "metric '%s' has no status: only facts (data/facts.yaml) "
		    "carry one", ref);
		return -1;
	}
	buf_puts(out, m->status);
	return 0;
}

int
render_value(rnd *r, const char *ref, const char *fmt, diag_pos pos, buf *out)
{
	int bad = 0;
	if (render_value_is_status(fmt))
		return status_value(r, ref, pos, out);
	if (fmt != NULL && !format_known(fmt)) {
		diag_error(r->d, pos, "unknown format '%s'", fmt);
		bad = 1;
	}
	double v;
	metric_unit u;
	int rc = metrics_lookup(r->c->m, ref, &v, &u);
	if (rc != 0) {
		lookup_error(r, ref, rc, pos);
		return -1;
	}
	if (bad || format_value(v, u, fmt, out) != 0)
		return -1;
	return 0;
}

int
render_opt_str(rnd *r, const yt_node *m, const char *key, const char *what,
    const char **out)
{
	const yt_node *v = yt_get(m, key);
	*out = NULL;
	if (v == NULL)
		return 0;
	return schema_str(r->d, v, what, 0, out);
}

int
render_need_str(rnd *r, const yt_node *m, const char *key, const char *what,
    const char **out)
{
	const yt_node *v = schema_need(r->d, m, key, what);
	*out = NULL;
	return v ? schema_str(r->d, v, key, 0, out) : -1;
}

int
render_read_metric(rnd *r, const yt_node *m, const char *what, const char **ref,
    const char **fmt)
{
	int rc = render_need_str(r, m, "metric", what, ref);
	if (render_opt_str(r, m, "format", "format", fmt) != 0)
		rc = -1;
	if (*fmt != NULL && !value_format_known(*fmt)) {
		diag_error(r->d, yt_get(m, "format")->pos, "unknown format '%s'", *fmt);
		*fmt = NULL; /* reported once: the value is still looked up */
		rc = -1;
	}
	return rc;
}
