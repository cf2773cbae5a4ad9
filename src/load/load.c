/* load: runs the loader's steps over a content folder and owns struct report. */
#include "load/load.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "load/load_int.h"
#include "yaml/schema.h"
#include "util/buf.h"
#include "util/hash.h"
#include "util/path.h"

char *
ld_display(const ld_ctx *c, const char *rel)
{
	return path_join(c->dir, rel);
}

void
ld_add_input(report *r, const char *path)
{
	size_t n = r->ninputs;
	if ((n & (n - 1)) == 0) /* 0 or a power of two: the room is full */
		r->inputs = util_xrealloc(r->inputs, (n ? 2 * n : 1) * sizeof(char *));
	r->inputs[r->ninputs++] = util_xstrdup(path);
}

yt_node *
ld_parse(ld_ctx *c, const char *rel)
{
	char *disp = ld_display(c, rel);
	yt_node *n = NULL;
	if (path_is_file(disp)) {
		ld_add_input(c->r, disp);
	}
	n = yt_parse_file(disp, disp, c->d);
	free(disp);
	return n;
}

int
ld_exists(const ld_ctx *c, const char *rel)
{
	char *disp = ld_display(c, rel);
	struct stat st;
	int yes = lstat(disp, &st) == 0;
	free(disp);
	return yes;
}

yt_node *
ld_parse_optional(ld_ctx *c, const char *rel)
{
	return ld_exists(c, rel) ? ld_parse(c, rel) : NULL;
}

const yt_node *
ld_top(ld_ctx *c, const yt_node *root, const char *key, yt_kind k, const char *file)
{
	const char *const allowed[] = { key, NULL };
	if (schema_kind(c->d, root, YT_MAP, file) < 0)
		return NULL;
	schema_keys(c->d, root, allowed, file);
	const yt_node *v = schema_need(c->d, root, key, file);
	if (v == NULL || schema_kind(c->d, v, k, key) < 0)
		return NULL;
	return v;
}

int
ld_str(ld_ctx *c, const yt_node *m, const char *key, const char *what, int required,
    char **out)
{
	const yt_node *v = required ? schema_need(c->d, m, key, what) : yt_get(m, key);
	if (v == NULL)
		return required ? -1 : 0;
	char *p = ld_path(what, key);
	const char *s;
	int st = schema_str(c->d, v, p, 0, &s);
	free(p);
	if (st < 0)
		return -1;
	*out = util_xstrdup(s);
	return 0;
}

int
ld_note(ld_ctx *c, const yt_node *m, const char *what)
{
	const yt_node *n = yt_get(m, "note");
	if (n == NULL)
		return 0;
	char *p = ld_path(what, "note");
	const char *s;
	int st = schema_str(c->d, n, p, 1, &s);
	free(p);
	return st;
}

char *
ld_path(const char *prefix, const char *key)
{
	buf b;
	buf_init(&b);
	buf_printf(&b, "%s.%s", prefix, key);
	return buf_detach(&b);
}

int
ld_ident(const char *s, const char *extra)
{
	if (s[0] == '\0')
		return 0;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr(extra, *p)))
			return 0;
	return 1;
}

/* Reads facts, finance and scenarios (the data files that depend on sources). */
static void
load_data(ld_ctx *c)
{
	yt_node *src = ld_parse(c, "data/sources.yaml");
	if (src != NULL)
		ld_sources(c, src);
	report_index(c->r); /* before the data files check their source ids */
	yt_node *facts = ld_parse(c, "data/facts.yaml");
	if (facts != NULL)
		ld_facts(c, facts);
	yt_node *fin = ld_parse(c, "data/finance.yaml");
	const yt_node *fmap = fin ? ld_top(c, fin, "finance", YT_MAP, "data/finance.yaml") : NULL;
	fin_params *base = util_xcalloc(1, sizeof *base);
	int fin_ok = fmap != NULL && ld_finance_base(c, fmap, base) == 0;
	yt_node *dep, *comp;
	ld_parts_read(c, &dep, &comp);
	yt_node *scen = ld_parse(c, "data/scenarios.yaml");
	if (scen != NULL)
		ld_scenarios(c, scen, fmap, fin_ok ? base : NULL);
	free(base);
	yt_free(dep);
	yt_free(comp);
	ld_risks_file(c);
	ld_evidence_file(c);
	yt_node *unc = ld_parse_optional(c, "data/uncertainty.yaml");
	if (unc != NULL || !ld_exists(c, "data/uncertainty.yaml"))
		ld_uncertainty(c, unc);
	yt_free(unc);
	yt_free(src);
	yt_free(facts);
	yt_free(fin);
	yt_free(scen);
}

/* Returns 0 if dir is a folder, else records one error for it and returns -1 (rather
 * than one "cannot read" per file). */
static int
content_dir_ok(const char *dir, diag *d)
{
	struct stat st;
	int e = stat(dir, &st) != 0 ? errno : S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
	if (e == 0)
		return 0;
	diag_error(d, diag_file_pos(d, dir), "cannot read the content folder: %s", strerror(e));
	return -1;
}

report *
load_report(const char *content_dir, diag *d)
{
	if (content_dir_ok(content_dir, d) < 0)
		return NULL;
	report *r = util_xcalloc(1, sizeof *r);
	r->content_dir = util_xstrdup(content_dir);
	r->facts = metrics_new();
	ld_ctx c = { .d = d, .r = r, .dir = content_dir };
	int before = diag_errors(d);
	ld_report_yaml(&c);
	load_data(&c);
	if (diag_errors(d) > before) {
		report_free(r);
		return NULL;
	}
	return r;
}

void
report_free(report *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nsections; i++) {
		rep_section *s = &r->sections[i];
		free(s->slug); free(s->title); free(s->description);
		free(s->file); free(s->display); free(s->text);
	}
	for (size_t i = 0; i < r->nparts; i++)
		free(r->parts[i].title);
	free(r->parts);
	for (size_t i = 0; i < r->nsources; i++) {
		rep_source *s = &r->sources[i];
		free(s->id); free(s->publisher); free(s->title);
		free(s->date); free(s->url); free(s->confidence);
	}
	for (size_t i = 0; i < r->nscenarios; i++) {
		rep_scenario *s = &r->scenarios[i];
		free(s->name); free(s->title); free(s->description); free(s->extends);
		dep_params_free(s->dep);
		comp_params_free(s->comp);
	}
	for (size_t i = 0; i < r->nevidence; i++) {
		rep_evidence *e = &r->evidence[i];
		free(e->id); free(e->date); free(e->event); free(e->source); free(e->likelihood);
	}
	free(r->evidence);
	for (size_t i = 0; i < r->ninputs; i++)
		free(r->inputs[i]);
	for (size_t i = 0; i < r->nuncertain; i++)
		free(r->uncertain[i].path);
	free(r->uncertain);
	free(r->content_dir); free(r->title); free(r->subtitle); free(r->author); free(r->edition);
	for (size_t k = 0; k < r->nkeywords; k++)
		free(r->keywords[k]);
	free(r->keywords);
	free(r->description); free(r->as_of); free(r->lang); free(r->base_url);
	free(r->sections); free(r->sources); free(r->scenarios); free(r->inputs);
	metrics_free(r->facts);
	risk_register_free(r->risks);
	hash_free(r->section_ix);
	hash_free(r->source_ix);
	free(r);
}

void
report_index(report *r)
{
	hash_free(r->section_ix);
	hash_free(r->source_ix);
	r->section_ix = hash_new(HASH_BORROW);
	r->source_ix = hash_new(HASH_BORROW);
	for (size_t i = 0; i < r->nsections; i++)
		if (r->sections[i].slug != NULL)
			hash_add(r->section_ix, r->sections[i].slug, i, NULL);
	for (size_t i = 0; i < r->nsources; i++)
		if (r->sources[i].id != NULL)
			hash_add(r->source_ix, r->sources[i].id, i, NULL);
}

/* Returns the value of key in ix as an index, or -1 if absent. */
static int
ix_get(const hash_table *ix, const char *key)
{
	size_t i;
	return hash_get(ix, key, &i) ? (int)i : -1;
}

int
report_source_index(const report *r, const char *id)
{
	if (r->source_ix != NULL)
		return ix_get(r->source_ix, id);
	for (size_t i = 0; i < r->nsources; i++)
		if (r->sources[i].id && strcmp(r->sources[i].id, id) == 0)
			return (int)i;
	return -1;
}

int
report_section_index(const report *r, const char *slug)
{
	if (r->section_ix != NULL)
		return ix_get(r->section_ix, slug);
	for (size_t i = 0; i < r->nsections; i++)
		if (r->sections[i].slug && strcmp(r->sections[i].slug, slug) == 0)
			return (int)i;
	return -1;
}

int
report_scenario_index(const report *r, const char *name)
{
	for (size_t i = 0; i < r->nscenarios; i++)
		if (r->scenarios[i].name && strcmp(r->scenarios[i].name, name) == 0)
			return (int)i;
	return -1;
}
