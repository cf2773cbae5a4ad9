/* data: the bibliography (data/sources.yaml) and the named facts (data/facts.yaml). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "load/load_int.h"
#include "yaml/schema.h"
#include "util/buf.h"

int
ld_date_ok(const yt_node *v, int year_ok)
{
	const char *s = v->str;
	size_t n = strlen(s);
	if (n == 10) {
		const char *out;
		diag *tmp = diag_new();
		int ok = schema_date(tmp, v, "date", &out) == 0;
		diag_free(tmp);
		return ok;
	}
	if ((n != 4 || !year_ok) && n != 7)
		return 0;
	if (strspn(s, "0123456789") != 4 || atoi(s) < SCHEMA_YEAR_MIN || atoi(s) > SCHEMA_YEAR_MAX)
		return 0;
	if (n == 4)
		return 1;
	return s[4] == '-' && strspn(s + 5, "0123456789") == 2 && atoi(s + 5) >= 1 &&
	    atoi(s + 5) <= 12;
}

/* date and url of a source. */
static int
source_refs(ld_ctx *c, rep_source *s, const yt_node *m, const char *what)
{
	int bad = 0;
	const yt_node *v = schema_need(c->d, m, "date", what);
	if (v == NULL) {
		bad = 1;
	} else if (v->kind != YT_SCALAR || !ld_date_ok(v, 1)) {
		diag_error(c->d, v->pos, "expected a date YYYY-MM-DD, YYYY-MM or YYYY in "
		    SCHEMA_YEARS " for '%s.date'",
		    what);
		bad = 1;
	} else {
		s->date = util_xstrdup(v->str);
	}
	v = yt_get(m, "url");
	char *path = ld_path(what, "url");
	const char *u;
	if (v != NULL && schema_url(c->d, v, path, &u) == 0)
		s->url = util_xstrdup(u);
	else if (v != NULL)
		bad = 1;
	free(path);
	return bad ? -1 : 0;
}

static int
confidence_read(ld_ctx *c, rep_source *s, const yt_node *m, const char *what)
{
	static const char *const ok[] = { "confirmed", "reported-by-press", "statement",
		"derived", NULL };
	if (ld_str(c, m, "confidence", what, 1, &s->confidence) < 0)
		return -1;
	for (int i = 0; ok[i]; i++)
		if (strcmp(s->confidence, ok[i]) == 0)
			return 0;
	diag_error(c->d, yt_get(m, "confidence")->pos, "'%s.confidence' must be confirmed, "
	    "reported-by-press, statement or derived, found '%.40s'", what, s->confidence);
	return -1;
}

/* title: (the document's own) or description: (ours, when its exact title is unknown):
 * exactly one of the two, stored in s->title; s->described says which. */
static int
source_title(ld_ctx *c, rep_source *s, const yt_node *m, const char *what)
{
	const yt_node *t = yt_get(m, "title"), *d = yt_get(m, "description");
	if (t != NULL && d != NULL) {
		diag_error(c->d, d->pos, "'%s' has both title and description: give title when "
		    "it is the document's own, description when its exact title is unknown", what);
		return -1;
	}
	if (t == NULL && d == NULL) {
		diag_error(c->d, m->pos, "'%s' needs a title (the document's own) or a "
		    "description (when its exact title is unknown)", what);
		return -1;
	}
	s->described = d != NULL;
	return ld_str(c, m, d != NULL ? "description" : "title", what, 1, &s->title);
}

/* same_page: names an earlier source that cites the same page (another figure from it):
 * it must exist before s, and both must have the same url. Two sources may share a URL
 * only this way (tests/check-sources.py enforces that). */
static int
source_same_page(ld_ctx *c, const rep_source *s, const yt_node *m, const char *what)
{
	const yt_node *v = yt_get(m, "same_page");
	if (v == NULL)
		return 0;
	char *id = NULL;
	if (ld_str(c, m, "same_page", what, 1, &id) < 0)
		return -1;
	const rep_source *o = NULL;
	for (const rep_source *p = c->r->sources; p < s && o == NULL; p++)
		if (p->id != NULL && strcmp(p->id, id) == 0)
			o = p;
	int bad = 0;
	if (o == NULL) {
		diag_error(c->d, v->pos, "'%s.same_page' names '%.60s', which is not a source "
		    "defined before it", what, id);
		bad = 1;
	} else if (s->url == NULL || o->url == NULL || strcmp(s->url, o->url) != 0) {
		diag_error(c->d, v->pos, "'%s.same_page' names '%.60s', whose url differs: sources "
		    "on the same page share one url", what, id);
		bad = 1;
	}
	free(id);
	return bad ? -1 : 0;
}

static int
source_read(ld_ctx *c, rep_source *s, const yt_node *k, const yt_node *m)
{
	static const char *const keys[] = { "publisher", "title", "description", "date", "url",
		"same_page", "confidence", "note", NULL };
	s->id = util_xstrdup(k->str);
	s->pos = k->pos;
	char *what = ld_path("sources", k->str);
	int bad = 0;
	if (!ld_ident(k->str, "_-") || k->str[0] == '_' || k->str[0] == '-') {
		diag_error(c->d, k->pos, "source id '%s' must match [a-z0-9][a-z0-9_-]*", k->str);
		bad = 1;
	}
	if (schema_kind(c->d, m, YT_MAP, what) == 0) {
		bad |= schema_keys(c->d, m, keys, what) < 0;
		bad |= ld_str(c, m, "publisher", what, 1, &s->publisher) < 0;
		bad |= source_title(c, s, m, what) < 0;
		if (source_refs(c, s, m, what) < 0)
			bad = 1; /* no url to compare: same_page is not checked */
		else
			bad |= source_same_page(c, s, m, what) < 0;
		bad |= confidence_read(c, s, m, what) < 0;
		bad |= ld_note(c, m, what) < 0;
	} else {
		bad = 1;
	}
	free(what);
	return bad ? -1 : 0;
}

int
ld_sources(ld_ctx *c, const yt_node *root)
{
	const yt_node *m = ld_top(c, root, "sources", YT_MAP, "data/sources.yaml");
	if (m == NULL)
		return -1;
	c->sources_ok = 1; /* ids are known: references to them can be checked */
	report *r = c->r;
	r->nsources = m->n;
	r->sources = util_xcalloc(m->n, sizeof(rep_source));
	int bad = 0;
	for (size_t i = 0; i < m->n; i++)
		bad |= source_read(c, &r->sources[i], m->keys[i], m->vals[i]) < 0;
	return bad ? -1 : 0;
}

/* The statuses a fact may carry (docs/authoring.md, "data/facts.yaml"). */
static const char *const fact_statuses[] = { "disclosed", "press-reported", "target",
	"estimate", "derived", NULL };

/* Reads the required status: of fact m (named what) into *out (caller frees). A
 * derived fact is our arithmetic, so it must be an assumption, and an assumption
 * must be derived or an estimate. Returns 0 or -1 (reported). */
static int
fact_status_read(ld_ctx *c, const yt_node *m, const char *what, const ld_qty *q,
    char **out)
{
	const yt_node *v = yt_get(m, "status");
	*out = NULL;
	if (v == NULL) {
		diag_error(c->d, m->pos, "missing key 'status' in %s (disclosed, press-reported, "
		    "target, estimate or derived)", what);
		return -1;
	}
	if (ld_str(c, m, "status", what, 1, out) < 0)
		return -1;
	int known = 0;
	for (int i = 0; fact_statuses[i] != NULL; i++)
		known |= strcmp(*out, fact_statuses[i]) == 0;
	if (!known)
		diag_error(c->d, v->pos, "'%s.status' must be disclosed, press-reported, target, "
		    "estimate or derived, found '%.40s'", what, *out);
	else if (q != NULL && strcmp(*out, "derived") == 0 && q->source != NULL)
		diag_error(c->d, v->pos, "'%s' is derived (our arithmetic): write assumption: "
		    "true and the arithmetic as its rationale, not a source", what);
	else if (q != NULL && q->source == NULL && strcmp(*out, "derived") != 0 &&
	    strcmp(*out, "estimate") != 0)
		diag_error(c->d, v->pos, "'%s' is an assumption, so its status is derived or "
		    "estimate, not %s (or give its source)", what, *out);
	else
		return 0;
	return -1;
}

/* Adds the fact read into q to r->facts as fact.<id>, with its label and status. */
static void
fact_add(ld_ctx *c, const char *id, metric_unit unit, const ld_qty *q, const char *label,
    const char *status)
{
	buf name;
	buf_init(&name);
	buf_printf(&name, "fact.%s", id);
	if (q->n == 0)
		metrics_add(c->r->facts, buf_str(&name), unit, q->v, q->source, label);
	else
		metrics_add_series(c->r->facts, buf_str(&name), unit, q->years, q->vals, q->n,
		    q->source, label);
	metrics_set_status(c->r->facts, buf_str(&name), status);
	buf_free(&name);
}

/* Reads the label: and unit: of fact m (named what). Returns 0 or -1 (reported). */
static int
fact_head_read(ld_ctx *c, const yt_node *m, const char *what, char **label,
    metric_unit *unit)
{
	char *uname = NULL;
	int bad = ld_str(c, m, "label", what, 1, label) < 0;
	if (ld_str(c, m, "unit", what, 1, &uname) < 0) {
		bad = 1;
	} else if (metric_unit_parse(uname, unit) < 0) {
		diag_error(c->d, yt_get(m, "unit")->pos, "unknown unit '%.40s' (usd_bn, usd, "
		    "fraction, year, multiple, count, gw or number)", uname);
		bad = 1;
	}
	free(uname);
	return bad ? -1 : 0;
}

/* Adds one fact to r->facts as fact.<id>. */
static int
fact_read(ld_ctx *c, const yt_node *k, const yt_node *m, ld_qty *q)
{
	static const char *const extra[] = { "label", "unit", "status", NULL };
	char *what = ld_path("facts", k->str);
	int bad = 0;
	if (!ld_ident(k->str, "_")) {
		diag_error(c->d, k->pos, "fact id '%s' must match [a-z0-9_]+", k->str);
		bad = 1;
	}
	metric_unit unit = UNIT_NUMBER;
	char *label = NULL, *status = NULL;
	int is_map = schema_kind(c->d, m, YT_MAP, what) == 0;
	if (is_map)
		bad |= fact_head_read(c, m, what, &label, &unit) < 0;
	int qbad = ld_qty_read(c, m, what, LDQ_SCALAR | LDQ_SERIES, extra, q) < 0;
	if (is_map)
		bad |= fact_status_read(c, m, what, qbad ? NULL : q, &status) < 0;
	if (!bad && !qbad)
		fact_add(c, k->str, unit, q, label, status);
	free(label);
	free(status);
	free(what);
	return bad || qbad ? -1 : 0;
}

int
ld_facts(ld_ctx *c, const yt_node *root)
{
	const yt_node *m = ld_top(c, root, "facts", YT_MAP, "data/facts.yaml");
	if (m == NULL)
		return -1;
	ld_qty *q = util_xmalloc(sizeof *q);
	int bad = 0;
	for (size_t i = 0; i < m->n; i++)
		bad |= fact_read(c, m->keys[i], m->vals[i], q) < 0;
	free(q);
	return bad ? -1 : 0;
}
