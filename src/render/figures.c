/* figures: report-wide figure numbers (a pre-pass over the pages' chart directives that
 * keeps what it parsed for the render), {{ figure ID }} references, and one chart drawn
 * alone for `mkreport chart`. */
#define _GNU_SOURCE /* memmem */
#include "render/chart_spec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/hash.h"

/* One chart directive of a page as the scan parsed it, kept for the page's render. */
typedef struct kept_chart {
	const cmark_node *node; /* its code block in the page's kept tree */
	yt_node *root;          /* its YAML (owned), NULL if it did not parse cleanly */
} kept_chart;

/* What the scan parsed of one section's page. */
struct render_parsed {
	cmark_node *doc;     /* the page's tree (owned until render takes it), or NULL */
	kept_chart *charts;  /* its chart directives in page order (owned) */
	size_t n;            /* entries of charts */
	size_t next;         /* the entry render looks at first (they come in order) */
};

/* Returns 1 if text[0..len) may hold a chart directive: a line with a run of three or
 * more backticks or tildes (anywhere on it: in a list item or quote too) followed,
 * after spaces or tabs, by "chart", or a line with such a run and an entity or
 * backslash reference (which could spell the info string). One pass over the text;
 * pages without such a line are not parsed by the scan. */
static int
may_have_chart(const char *text, size_t len)
{
	if (memchr(text, '`', len) == NULL && memchr(text, '~', len) == NULL)
		return 0; /* no fence at all (most pages of prose): no byte-by-byte pass */
	int fence = 0, ref = 0; /* seen on the current line: a run of 3+, a '&' or '\\' */
	for (size_t i = 0; i < len;) {
		char c = text[i];
		if (c == '\n' || c == '\r') {
			fence = ref = 0;
			i++;
			continue;
		}
		ref |= c == '&' || c == '\\';
		if (c != '`' && c != '~') {
			i++;
		} else {
			size_t j = i;
			while (j < len && text[j] == c)
				j++;
			if (j - i >= 3) {
				fence = 1;
				size_t k = j;
				while (k < len && (text[k] == ' ' || text[k] == '\t'))
					k++;
				if (len - k >= 5 && memcmp(text + k, "chart", 5) == 0)
					return 1;
			}
			i = j;
		}
		if (fence && ref)
			return 1;
	}
	return 0;
}

/* Parses the page of section i of rep as render does and keeps its tree and the YAML
 * of its chart directives in *k (YAML errors are left to the render: such a chart's
 * root is not kept), file names interned in names. Nothing for a page that cannot hold
 * a chart directive. */
static void
parse_page(const report *rep, size_t i, diag *names, struct render_parsed *k)
{
	const rep_section *sec = &rep->sections[i];
	if (sec->text == NULL || !may_have_chart(sec->text, sec->len))
		return; /* no need to parse the page */
	k->doc = render_md_parse(sec->text, sec->len, render_md_opts(rep));
	cmark_iter *it = cmark_iter_new(k->doc);
	const char *file = sec->display ? sec->display : sec->file;
	for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
		cmark_node *n = cmark_iter_get_node(it);
		const char *info = cmark_node_get_fence_info(n);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_CODE_BLOCK ||
		    info == NULL || strcmp(info, "chart") != 0)
			continue;
		const char *lit = cmark_node_get_literal(n);
		int errors = diag_errors(names);
		yt_node *root = yt_parse_string(file, lit ? lit : "", lit ? strlen(lit) : 0,
		    cmark_node_get_start_line(n), names);
		if (diag_errors(names) != errors) { /* the render parses it again and says why */
			yt_free(root);
			root = NULL;
		}
		if ((k->n & (k->n - 1)) == 0) /* 0, 1, 2, 4...: double */
			k->charts = util_xrealloc(k->charts, (k->n ? 2 * k->n : 1) *
			    sizeof *k->charts);
		k->charts[k->n++] = (kept_chart){ n, root };
	}
	cmark_iter_free(it);
}

cmark_node *
render_figs_take_doc(const render_figs *f, size_t section)
{
	if (f == NULL || f->parsed == NULL)
		return NULL;
	cmark_node *doc = f->parsed[section].doc;
	f->parsed[section].doc = NULL;
	return doc;
}

const yt_node *
render_figs_chart_root(const render_figs *f, size_t section, const cmark_node *n)
{
	if (f == NULL || f->parsed == NULL)
		return NULL;
	struct render_parsed *k = &f->parsed[section];
	for (size_t j = k->next; j < k->n; j++)
		if (k->charts[j].node == n) {
			k->next = j + 1;
			return k->charts[j].root;
		}
	return NULL;
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

/* Adds the chart root (may be NULL: it did not parse) of section, fence at fence_line,
 * to the table, or reports a duplicate id. */
static void
scan_one(scan *s, size_t section, const yt_node *root, int fence_line)
{
	const yt_node *id = root ? yt_get(root, "id") : NULL;
	if (count_chart(s, section, fence_line) < 0)
		return;
	if (id == NULL || id->kind != YT_SCALAR || id->str[0] == '\0')
		return;
	const render_fig *prev = render_figs_find(s->f, id->str);
	if (prev != NULL) {
		diag_error(s->c->d, (diag_pos){ diag_intern(s->c->d, id->pos.file), id->pos.line,
		    id->pos.col }, "chart id '%s' is already used at %s:%d:%d", id->str,
		    prev->pos.file, prev->pos.line, prev->pos.col);
		return;
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
	g->root = root;
	g->fence = fence_line;
}

render_figs *
render_scan_figures(const render_ctx *c)
{
	render_figs *f = util_xcalloc(1, sizeof *f);
	f->ix = hash_new(HASH_BORROW);
	f->specs = render_specs_new();
	f->names = diag_new();
	f->nsections = c->rep->nsections;
	f->parsed = util_xcalloc(f->nsections ? f->nsections : 1, sizeof *f->parsed);
	scan s = { c, f };
	for (size_t i = 0; i < c->rep->nsections; i++) {
		struct render_parsed *k = &f->parsed[i];
		parse_page(c->rep, i, f->names, k);
		for (size_t j = 0; j < k->n; j++)
			scan_one(&s, i, k->charts[j].root, cmark_node_get_start_line(
			    (cmark_node *)k->charts[j].node));
	}
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
	for (size_t i = 0; f->parsed != NULL && i < f->nsections; i++) {
		struct render_parsed *k = &f->parsed[i];
		for (size_t j = 0; j < k->n; j++)
			yt_free(k->charts[j].root);
		free(k->charts);
		if (k->doc != NULL)
			cmark_node_free(k->doc);
	}
	free(f->parsed);
	diag_free(f->names);
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

int
render_chart_with(const render_ctx *c, const char *id, render_chart_fn *fn, void *arg)
{
	const render_fig *g = render_figs_find(c->figs, id);
	if (g == NULL || g->root == NULL) {
		diag_error(c->d, diag_file_pos(c->d, "mkreport"), "unknown chart '%s'", id);
		return -1;
	}
	rnd r;
	render_rnd_init(&r, c, g->section, NULL);
	int rc = -1;
	cspec *cs = cspec_read(&r, g->root, render_pos(&r, g->fence, 1)); /* the scan's YAML */
	if (cs != NULL) {
		if (cs->s.caption == NULL)
			cs->s.caption = cs->s.title;
		cs->s.title = NULL;
		char why[256] = "";
		rc = fn(arg, &cs->s, why, sizeof why);
		if (rc != 0 && why[0])
			diag_error(r.d, cs->pos, "chart '%s': %s", cs->id, why);
		cspec_free(cs);
	}
	render_rnd_done(&r);
	return rc;
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
