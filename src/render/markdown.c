/* markdown: a page's Markdown (cmark AST) as a libxml2 subtree; render.h's entry point. */
#include "render/render_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void render_block(rnd *r, cmark_node *n, xmlNodePtr parent, int tight);
static void move_results(rnd *r, render_body *out);

int
render_enter(rnd *r)
{
	if (++r->depth <= RENDER_MAX_DEPTH)
		return 0;
	if (!r->too_deep)
		diag_error(r->d, render_pos(r, r->block_line, r->block_col),
		    "Markdown nested more than %d levels deep", RENDER_MAX_DEPTH);
	r->too_deep = 1;
	return -1;
}

void
render_leave(rnd *r)
{
	r->depth--;
}

/* Renders every child block of n into parent. */
static void
render_children(rnd *r, cmark_node *n, xmlNodePtr parent, int tight)
{
	for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c))
		render_block(r, c, parent, tight);
}

/* <pre><code class="language-x"> with the info string's first word as x. */
static void
render_code_block(rnd *r, cmark_node *n, xmlNodePtr parent)
{
	const char *info = cmark_node_get_fence_info(n);
	const char *lit = cmark_node_get_literal(n);
	buf cls;
	buf_init(&cls);
	for (size_t i = 0; info && info[i] && info[i] != ' '; i++) {
		char ch = info[i];
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '+')
			buf_putc(&cls, ch);
	}
	xmlNodePtr pre = render_el(r, parent, "pre");
	xmlNodePtr code = render_el(r, pre, "code");
	if (cls.len > 0) {
		buf lang;
		buf_init(&lang);
		buf_printf(&lang, "language-%s", cls.data);
		render_attr(code, "class", lang.data);
		buf_free(&lang);
	}
	buf_free(&cls);
	if (lit != NULL)
		render_add_text(r, code, lit, strlen(lit));
}

/* <ul> or <ol start="N">, its items tight or loose as cmark says. */
static void
render_list(rnd *r, cmark_node *n, xmlNodePtr parent)
{
	int ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
	xmlNodePtr list = render_el(r, parent, ordered ? "ol" : "ul");
	int start = cmark_node_get_list_start(n);
	if (ordered && start != 1) {
		char num[32];
		snprintf(num, sizeof num, "%d", start);
		render_attr(list, "start", num);
	}
	int tight = cmark_node_get_list_tight(n);
	for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c))
		if (render_enter(r) == 0) {
			render_children(r, c, render_el(r, list, "li"), tight);
			render_leave(r);
		}
}

/* A paragraph: <p>, or its inlines alone inside a tight list item. */
static void
render_paragraph(rnd *r, cmark_node *n, xmlNodePtr parent, int tight)
{
	render_window(r, n);
	render_inlines(r, cmark_node_first_child(n), tight ? parent : render_el(r, parent, "p"));
}

/* Dispatches one block node by type. */
static void
render_block_kind(rnd *r, cmark_node *n, xmlNodePtr parent, int tight)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_BLOCK_QUOTE:
		render_children(r, n, render_el(r, parent, "blockquote"), 0);
		break;
	case CMARK_NODE_LIST:
		render_list(r, n, parent);
		break;
	case CMARK_NODE_CODE_BLOCK:
		if (!r->nested && render_is_directive(cmark_node_get_fence_info(n)))
			render_directive(r, n, parent);
		else
			render_code_block(r, n, parent);
		break;
	case CMARK_NODE_HTML_BLOCK:
		if (r->rep->raw_html)
			render_raw_html(r, cmark_node_get_literal(n), parent);
		break;
	case CMARK_NODE_PARAGRAPH:
		render_paragraph(r, n, parent, tight);
		break;
	case CMARK_NODE_HEADING:
		render_heading_block(r, n, parent);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		render_el(r, parent, "hr");
		break;
	default: /* document, custom blocks: their children */
		render_children(r, n, parent, tight);
		break;
	}
}

/* Renders block n into parent; tight is 1 inside a tight list item. */
static void
render_block(rnd *r, cmark_node *n, xmlNodePtr parent, int tight)
{
	r->block_line = r->line_base + cmark_node_get_start_line(n);
	r->block_col = cmark_node_get_start_column(n);
	if (render_enter(r) == 0)
		render_block_kind(r, n, parent, tight);
	render_leave(r);
}

int
render_md_opts(const report *rep)
{
	int opts = CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8;
	if (rep->raw_html)
		opts |= CMARK_OPT_UNSAFE;
	return opts;
}

/* Renders the blocks of doc (parsed from text whose line 1 is page line line_base + 1;
 * end_line as for render_md_into) into parent and frees doc. */
static void
render_tree(rnd *r, cmark_node *doc, int line_base, int end_line, xmlNodePtr parent)
{
	int saved_base = r->line_base, saved_end = r->end_line;
	r->line_base = line_base;
	r->end_line = end_line;
	render_children(r, doc, parent, 0);
	r->line_base = saved_base;
	r->end_line = saved_end;
	cmark_node_free(doc);
}

void
render_md_into(rnd *r, const char *text, size_t len, int line_base, int end_line,
    xmlNodePtr parent)
{
	render_tree(r, render_md_parse(text, len, render_md_opts(r->rep)), line_base, end_line,
	    parent);
}

void
render_rnd_init(rnd *r, const render_ctx *c, size_t section, xmlDocPtr doc)
{
	const rep_section *sec = &c->rep->sections[section];
	memset(r, 0, sizeof *r);
	r->c = c;
	r->rep = c->rep;
	r->d = c->d;
	r->doc = doc;
	r->file = diag_intern(c->d, sec->display ? sec->display : sec->file);
	r->text = sec->text ? sec->text : "";
	r->len = sec->text ? sec->len : 0;
	r->section = section;
	render_lines_init(r);
}

void
render_rnd_done(rnd *r)
{
	render_body b;
	memset(&b, 0, sizeof b);
	move_results(r, &b);
	render_body_free(&b);
	free(r->lines);
	free(r->uses);
	free(r->note_of);
	render_ids_free(r);
	r->lines = NULL;
	r->uses = NULL;
	r->note_of = NULL;
}

/* Moves the page's headings and notes into out. */
static void
move_results(rnd *r, render_body *out)
{
	out->headings = r->heads;
	out->nheadings = r->nheads;
	out->cites = r->cites;
	out->ncites = r->ncites;
	out->files = r->files;
	out->nfiles = r->nfiles;
	out->charts = r->charts;
	out->ncharts = r->ncharts;
	out->keyfig = r->keyfig;
	out->specs = r->specs;
	memset(&r->keyfig, 0, sizeof r->keyfig);
	r->specs = NULL;
	r->heads = NULL;
	r->cites = NULL;
	r->files = NULL;
	r->charts = NULL;
	r->nheads = 0;
	r->ncites = 0;
	r->nfiles = 0;
	r->ncharts = 0;
}

int
render_markdown(const render_ctx *c, size_t section, xmlDocPtr doc, render_body *out)
{
	memset(out, 0, sizeof *out);
	if (section >= c->rep->nsections) {
		diag_error(c->d, diag_file_pos(c->d, "mkreport"), "no section %zu", section);
		return -1;
	}
	rnd r;
	render_rnd_init(&r, c, section, doc);
	int before = diag_errors(c->d);
	xmlNodePtr root = render_el_class(&r, NULL, "div", "content");
	cmark_node *kept = render_figs_take_doc(c->figs, section); /* parsed by the scan */
	r.kept = kept != NULL;
	if (kept != NULL)
		render_tree(&r, kept, 0, 0, root);
	else
		render_md_into(&r, r.text, r.len, 0, 0, root);
	r.kept = 0;
	move_results(&r, out);
	render_rnd_done(&r);
	if (diag_errors(c->d) > before) {
		xmlFreeNode(root);
		return -1;
	}
	out->root = root;
	return 0;
}

void
render_body_free(render_body *out)
{
	if (out == NULL)
		return;
	for (size_t i = 0; i < out->nheadings; i++) {
		free(out->headings[i].id);
		free(out->headings[i].text);
	}
	free(out->headings);
	free(out->cites);
	for (size_t i = 0; i < out->nfiles; i++) {
		free(out->files[i].path);
		free(out->files[i].data);
	}
	free(out->files);
	for (size_t i = 0; i < out->ncharts; i++) {
		free(out->charts[i].id);
		free(out->charts[i].title);
		free(out->charts[i].caption);
	}
	free(out->charts);
	free(out->keyfig.value);
	free(out->keyfig.label);
	free(out->keyfig.note);
	memset(&out->keyfig, 0, sizeof out->keyfig);
	render_specs_free(out->specs);
	out->specs = NULL;
	out->files = NULL;
	out->charts = NULL;
	out->nfiles = 0;
	out->ncharts = 0;
	out->headings = NULL;
	out->cites = NULL;
	out->nheadings = 0;
	out->ncites = 0;
}
