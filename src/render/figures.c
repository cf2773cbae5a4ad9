/* figures: report-wide figure numbers (a pre-pass over the pages' chart directives),
 * {{ figure ID }} references, and one chart drawn alone for `mkreport chart`. */
#define _GNU_SOURCE /* memmem */
#include "render/chart_spec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/hash.h"

/* Called for each chart code block of a page with the block's YAML root (parsed with
 * a scratch diag; NULL if it does not parse) and the page line of its fence. Returns
 * 1 to stop the walk. */
typedef int (*chart_visit)(void *arg, size_t section, const yt_node *root, int fence_line);

/* Returns 1 if text[0..len) may hold a chart directive: a fence whose info string is
 * "chart" holds those letters, or an entity reference ('&') standing for some. */
static int
may_have_chart(const char *text, size_t len)
{
	return text != NULL && (memchr(text, '&', len) != NULL || memmem(text, len, "chart", 5)
	    != NULL);
}

/* Walks the chart directives of section i of rep in page order, parsing their YAML
 * with errors going to d (NULL: a scratch diag, errors dropped). Returns 1 if stopped. */
static int
each_chart(const report *rep, size_t i, diag *d, chart_visit fn, void *arg)
{
	const rep_section *sec = &rep->sections[i];
	if (!may_have_chart(sec->text, sec->len))
		return 0; /* no need to parse the page */
	cmark_node *doc = render_md_parse(sec->text ? sec->text : "", sec->text ?
	    sec->len : 0, CMARK_OPT_VALIDATE_UTF8);
	cmark_iter *it = cmark_iter_new(doc);
	diag *scratch = diag_new();
	const char *file = sec->display ? sec->display : sec->file;
	int stop = 0;
	for (cmark_event_type ev; !stop && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
		cmark_node *n = cmark_iter_get_node(it);
		const char *info = cmark_node_get_fence_info(n);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_CODE_BLOCK ||
		    info == NULL || strcmp(info, "chart") != 0)
			continue;
		const char *lit = cmark_node_get_literal(n);
		int fence = cmark_node_get_start_line(n);
		yt_node *root = yt_parse_string(file, lit ? lit : "", lit ? strlen(lit) : 0,
		    fence, d ? d : scratch);
		stop = fn(arg, i, root, fence);
		yt_free(root);
	}
	diag_free(scratch);
	cmark_iter_free(it);
	cmark_node_free(doc);
	return stop;
}

/* The scan's state. */
typedef struct scan {
	const render_ctx *c; /* what rendering reads */
	render_figs *f;      /* the table being filled */
} scan;

/* Counts one chart directive (of section, fence at fence_line); returns -1 after an
 * error for the first one past RENDER_MAX_CHARTS. */
static int
count_chart(scan *s, size_t section, int fence_line)
{
	if (++s->f->ncharts <= RENDER_MAX_CHARTS)
		return 0;
	if (s->f->ncharts == RENDER_MAX_CHARTS + 1) {
		const rep_section *sec = &s->c->rep->sections[section];
		diag_pos pos = { diag_intern(s->c->d, sec->display ? sec->display : sec->file),
			fence_line, 1 };
		diag_error(s->c->d, pos, "a report has at most %d charts", RENDER_MAX_CHARTS);
	}
	return -1;
}

/* Adds the chart root defines to the table, or reports a duplicate id. */
static int
scan_one(void *arg, size_t section, const yt_node *root, int fence_line)
{
	scan *s = arg;
	const yt_node *id = yt_get(root, "id");
	if (count_chart(s, section, fence_line) < 0)
		return 0;
	if (id == NULL || id->kind != YT_SCALAR || id->str[0] == '\0')
		return 0;
	const render_fig *prev = render_figs_find(s->f, id->str);
	if (prev != NULL) {
		diag_error(s->c->d, (diag_pos){ diag_intern(s->c->d, id->pos.file), id->pos.line,
		    id->pos.col }, "chart id '%s' is already used at %s:%d:%d", id->str,
		    prev->pos.file, prev->pos.line, prev->pos.col);
		return 0;
	}
	if ((s->f->n & (s->f->n - 1)) == 0) /* 0, 1, 2, 4...: double */
		s->f->figs = util_xrealloc(s->f->figs, (s->f->n ? 2 * s->f->n : 1) *
		    sizeof *s->f->figs);
	render_fig *g = &s->f->figs[s->f->n++];
	g->id = util_xstrdup(id->str);
	const yt_node *title = yt_get(root, "title");
	g->title = title != NULL && title->kind == YT_SCALAR ? util_xstrdup(title->str) : NULL;
	hash_add(s->f->ix, g->id, s->f->n - 1, NULL);
	g->section = section;
	g->number = (int)s->f->n;
	g->pos = id->pos;
	g->pos.file = diag_intern(s->c->d, id->pos.file);
	return 0;
}

render_figs *
render_scan_figures(const render_ctx *c)
{
	render_figs *f = util_xcalloc(1, sizeof *f);
	f->ix = hash_new(HASH_BORROW);
	f->specs = render_specs_new();
	scan s = { c, f };
	for (size_t i = 0; i < c->rep->nsections; i++)
		each_chart(c->rep, i, NULL, scan_one, &s);
	return f;
}

void
render_figs_free(render_figs *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->n; i++) {
		free(f->figs[i].id);
		free(f->figs[i].title);
	}
	free(f->figs);
	hash_free(f->ix);
	render_specs_free(f->specs);
	free(f);
}

const render_fig *
render_figs_find(const render_figs *f, const char *id)
{
	size_t i;
	return f != NULL && hash_get(f->ix, id, &i) ? &f->figs[i] : NULL;
}

int
render_figure_number(rnd *r, const char *id)
{
	const render_fig *g = render_figs_find(r->c->figs, id);
	return g != NULL ? g->number : (int)r->ncharts + 1;
}

int
render_is_figure_ref(const char *name)
{
	return strncmp(name, "figure", 6) == 0 && (name[6] == ' ' || name[6] == '\t');
}

/* Returns the number of chart id rendered earlier on this page, or 0. */
static int
page_number(rnd *r, const char *id)
{
	for (size_t i = 0; i < r->ncharts; i++)
		if (strcmp(r->charts[i].id, id) == 0)
			return (int)i + 1;
	return 0;
}

void
render_figure_ref(rnd *r, const char *name, diag_pos pos, xmlNodePtr parent)
{
	const char *id = name + 6 + strspn(name + 6, " \t");
	const render_fig *g = render_figs_find(r->c->figs, id);
	int num = g != NULL ? g->number : r->c->figs == NULL ? page_number(r, id) : 0;
	if (num == 0) {
		diag_error(r->d, pos, "unknown figure '%s' (no chart directive has that id)", id);
		return;
	}
	if (r->in_link) {
		diag_error(r->d, pos, "a figure reference cannot be inside a link's text");
		return;
	}
	buf href, text;
	buf_init(&href);
	buf_init(&text);
	if (g != NULL)
		buf_printf(&href, "%s.html", r->rep->sections[g->section].slug);
	buf_printf(&href, "#fig-%s", id);
	buf_printf(&text, "Figure %d", num);
	xmlNodePtr a = render_el_text(r, parent, "a", "figure-ref", buf_str(&text));
	render_attr(a, "href", buf_str(&href));
	buf_free(&href);
	buf_free(&text);
}

/* The state of render_chart_with's walk. */
typedef struct one {
	rnd *r;              /* the page */
	const char *id;      /* the chart wanted */
	render_chart_fn *fn; /* what to do with its spec */
	void *arg;           /* fn's argument */
	int rc;              /* fn's result once found, else -1 */
} one;

/* Hands the chart to o->fn if root is the one wanted; returns 1 when found. */
static int
one_chart(void *arg, size_t section, const yt_node *root, int fence_line)
{
	one *o = arg;
	const yt_node *id = yt_get(root, "id");
	(void)section;
	if (id == NULL || id->kind != YT_SCALAR || strcmp(id->str, o->id) != 0)
		return 0;
	cspec *c = cspec_read(o->r, root, render_pos(o->r, fence_line, 1));
	if (c == NULL)
		return 1;
	if (c->s.caption == NULL)
		c->s.caption = c->s.title;
	c->s.title = NULL;
	char why[256] = "";
	o->rc = o->fn(o->arg, &c->s, why, sizeof why);
	if (o->rc != 0 && why[0])
		diag_error(o->r->d, c->pos, "chart '%s': %s", c->id, why);
	cspec_free(c);
	return 1;
}

int
render_chart_with(const render_ctx *c, const char *id, render_chart_fn *fn, void *arg)
{
	const render_fig *g = render_figs_find(c->figs, id);
	if (g == NULL) {
		diag_error(c->d, diag_file_pos(c->d, "mkreport"), "unknown chart '%s'", id);
		return -1;
	}
	rnd r;
	render_rnd_init(&r, c, g->section, NULL);
	one o = { &r, id, fn, arg, -1 };
	each_chart(c->rep, g->section, c->d, one_chart, &o);
	render_rnd_done(&r);
	return o.rc;
}

/* What render_chart_files draws. */
typedef struct files_job {
	const chart_format *fmts; /* the formats */
	size_t n;                 /* how many */
	buf *outs;                /* where each goes */
	int jobs;                 /* threads */
	const char *date;         /* the report's date */
} files_job;

/* render_chart_fn drawing the files of a files_job; reasons joined into why. */
static int
draw_files(void *arg, const chart_spec *s, char *why, size_t n)
{
	files_job *f = arg;
	chart_job *jobs = util_xcalloc(f->n ? f->n : 1, sizeof *jobs);
	for (size_t k = 0; k < f->n; k++) {
		jobs[k].s = s;
		jobs[k].fmt = f->fmts[k];
		jobs[k].out = &f->outs[k];
	}
	int rc = chart_render_set(jobs, f->n, f->date, f->jobs);
	for (size_t k = 0; k < f->n && rc != 0; k++)
		if (jobs[k].rc != 0) { /* every format fails for the same reason: the first */
			snprintf(why, n, "%s", jobs[k].why);
			break;
		}
	free(jobs);
	return rc;
}

int
render_chart_files(const render_ctx *c, const char *id, const chart_format *fmts, size_t n,
    buf *outs)
{
	files_job f = { fmts, n, outs, c->jobs, c->rep->as_of };
	return render_chart_with(c, id, draw_files, &f);
}
