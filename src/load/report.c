/* report: report.yaml (title, date, sections or parts) and each section's Markdown page. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "load/load_int.h"
#include "yaml/schema.h"
#include "load/text_int.h"
#include "util/utf8.h"
#include "util/buf.h"
#include "util/hash.h"
#include "util/path.h"

/* Returns 1 if rel is absolute or has a ".." component. */
static int
path_escapes(const char *rel)
{
	if (rel[0] == '/')
		return 1;
	for (const char *p = rel; (p = strstr(p, "..")) != NULL; p += 2)
		if ((p == rel || p[-1] == '/') && (p[2] == '\0' || p[2] == '/'))
			return 1;
	return 0;
}

/* Records an error at each character of page s that source text must not hold
 * (utf8_text_next: at most LOAD_MAX_TEXT_ERRORS, and only the first byte that is not
 * UTF-8); returns -1 if there was one. */
static int
page_text_check(ld_ctx *c, const rep_section *s)
{
	utf8_fault f;
	size_t at = 0;
	int line = 1, col = 1, n = 0;
	while (n < LOAD_MAX_TEXT_ERRORS && utf8_text_next(s->text, s->len, at, &f)) {
		utf8_pos_advance(s->text, at, f.off, &line, &col);
		diag_pos p = diag_file_pos(c->d, s->display);
		p.line = line;
		p.col = col;
		if (f.cp < 0) {
			diag_error(c->d, p, "invalid UTF-8 in page (byte 0x%02x)",
			    (unsigned char)s->text[f.off]);
			return -1;
		}
		char msg[96];
		utf8_fault_message(s->text, &f, msg, sizeof msg);
		diag_error(c->d, p, "%s", msg);
		n++;
		at = f.off + f.len;
		utf8_pos_advance(s->text, f.off, at, &line, &col);
	}
	return n ? -1 : 0;
}

/* Records the page in inputs, drops a byte-order mark at its start, and checks its
 * characters and that its blocks are short (unless clean: read ahead and found to
 * need none of that). */
static int
page_accept(ld_ctx *c, rep_section *s, int clean)
{
	report *r = c->r;
	ld_add_input(r, s->display);
	if (clean)
		return 0;
	size_t bom = utf8_bom(s->text, s->len);
	if (bom) {
		memmove(s->text, s->text + bom, s->len - bom + 1);
		s->len -= bom;
	}
	if (page_text_check(c, s) != 0)
		return -1;
	diag_pos p = diag_file_pos(c->d, s->display);
	if (load_run_check(s->text, s->len, LOAD_MAX_RUN, &p.line) != 0) {
		p.col = 1;
		diag_error(c->d, p, "more than %d KiB of text without a blank line: split it "
		    "(Markdown's inline parser slows down badly on long blocks)", LOAD_MAX_RUN >> 10);
		return -1;
	}
	return 0;
}

/* Reads the page named by the file: node fn into section s. */
static int
page_read(ld_ctx *c, rep_section *s, const yt_node *fn)
{
	s->display = ld_display(c, s->file);
	if (path_escapes(s->file)) {
		diag_error(c->d, fn->pos, "page path escapes the content folder");
		return -1;
	}
	int st, clean = 0;
	if (!ld_ahead_take(c->ahead, s->file, &s->text, &s->len, &st, &clean))
		st = path_read(c->dir, s->file, LOAD_MAX_PAGE, &s->text, &s->len);
	if (st == PATH_OK)
		return page_accept(c, s, clean);
	if (st == PATH_OUTSIDE)
		diag_error(c->d, fn->pos, "page path escapes the content folder");
	else if (st == PATH_TOO_BIG)
		diag_error(c->d, fn->pos, "page '%s' is larger than %d KiB", s->file,
		    LOAD_MAX_PAGE >> 10);
	else if (st == PATH_NOT_FILE)
		diag_error(c->d, fn->pos, "cannot read page '%s': not a regular file", s->file);
	else
		diag_error(c->d, fn->pos, "cannot read page '%s': %s", s->file, strerror(errno));
	return -1;
}

/* Checks the slug of section i against the earlier ones (seen: slug -> index) and
 * adds it to seen. */
static int
slug_check(ld_ctx *c, size_t i, const yt_node *sn, const yt_node *const *slugs,
    hash_table *seen)
{
	const char *slug = c->r->sections[i].slug;
	if (!ld_ident(slug, "-")) {
		diag_error(c->d, sn->pos, "section slug '%s' must match [a-z0-9-]+", slug);
		return -1;
	}
	if (i > 0 && strcmp(slug, "index") == 0) {
		diag_error(c->d, sn->pos, "slug 'index' is reserved for the first section");
		return -1;
	}
	size_t j;
	if (!hash_add(seen, slug, i, &j)) {
		diag_error(c->d, sn->pos, "duplicate section slug '%s' (first at line %d, "
		    "column %d)", slug, slugs[j]->pos.line, slugs[j]->pos.col);
		return -1;
	}
	return 0;
}

/* Names section i in diagnostics: sections[i], or parts[k].sections[j] in a part. */
static void
section_what(const report *r, size_t i, char *what, size_t size)
{
	if (r->nparts == 0) {
		snprintf(what, size, "sections[%zu]", i);
		return;
	}
	size_t k = r->sections[i].part;
	snprintf(what, size, "parts[%zu].sections[%zu]", k, i - r->parts[k].first);
}

/* ld_str for a title-like string shown on other pages than its own: at most
 * LOAD_MAX_TITLE bytes. */
static int
title_str(ld_ctx *c, const yt_node *m, const char *key, const char *what, int required,
    char **out)
{
	if (ld_str(c, m, key, what, required, out) < 0)
		return -1;
	if (*out == NULL || strlen(*out) <= LOAD_MAX_TITLE)
		return 0;
	diag_error(c->d, yt_get(m, key)->pos, "%s.%s is longer than %d bytes", what, key,
	    LOAD_MAX_TITLE);
	return -1;
}

/* Reads sections[i] from its mapping. */
static int
section_read(ld_ctx *c, size_t i, const yt_node *m, const yt_node **slugs, hash_table *seen)
{
	static const char *const keys[] = { "slug", "title", "file", "description", NULL };
	char what[64];
	section_what(c->r, i, what, sizeof what);
	if (schema_kind(c->d, m, YT_MAP, what) < 0)
		return -1;
	rep_section *s = &c->r->sections[i];
	s->pos = m->pos;
	int bad = schema_keys(c->d, m, keys, what) < 0;
	bad |= title_str(c, m, "title", what, 1, &s->title) < 0;
	bad |= ld_str(c, m, "description", what, 1, &s->description) < 0;
	if (ld_str(c, m, "slug", what, 1, &s->slug) == 0) {
		if (slug_check(c, i, yt_get(m, "slug"), slugs, seen) < 0)
			bad = 1;
		else
			slugs[i] = yt_get(m, "slug");
	} else {
		bad = 1;
	}
	if (ld_str(c, m, "file", what, 1, &s->file) == 0)
		bad |= page_read(c, s, yt_get(m, "file")) < 0;
	else
		bad = 1;
	return bad ? -1 : 0;
}

/* The flat list: sections: [...]. */
static int
sections_read(ld_ctx *c, const yt_node *seq)
{
	if (schema_kind(c->d, seq, YT_SEQ, "sections") < 0)
		return -1;
	if (seq->n == 0) {
		diag_error(c->d, seq->pos, "'sections' must list at least one section");
		return -1;
	}
	if (seq->n > LOAD_MAX_SECTIONS) {
		diag_error(c->d, seq->pos, "a report has at most %d sections, not %zu",
		    LOAD_MAX_SECTIONS, seq->n);
		return -1;
	}
	report *r = c->r;
	r->nsections = seq->n;
	r->sections = util_xcalloc(seq->n, sizeof(rep_section));
	const yt_node **slugs = util_xcalloc(seq->n, sizeof(yt_node *));
	hash_table *seen = hash_new(HASH_BORROW);
	int bad = 0;
	for (size_t i = 0; i < seq->n; i++)
		bad |= section_read(c, i, seq->vals[i], slugs, seen) < 0;
	hash_free(seen);
	free(slugs);
	return bad ? -1 : 0;
}

/* Reads part k's title and returns its list of sections (a non-empty sequence), or
 * NULL; sets *bad after recording any error. */
static const yt_node *
part_check(ld_ctx *c, size_t k, const yt_node *m, int *bad)
{
	static const char *const keys[] = { "title", "sections", NULL };
	char what[48];
	snprintf(what, sizeof what, "parts[%zu]", k);
	rep_part *p = &c->r->parts[k];
	p->pos = m->pos;
	if (schema_kind(c->d, m, YT_MAP, what) < 0) {
		*bad = 1;
		return NULL;
	}
	*bad |= schema_keys(c->d, m, keys, what) < 0;
	*bad |= title_str(c, m, "title", what, 1, &p->title) < 0;
	const yt_node *seq = schema_need(c->d, m, "sections", what);
	snprintf(what, sizeof what, "parts[%zu].sections", k);
	if (seq == NULL || schema_kind(c->d, seq, YT_SEQ, what) < 0) {
		*bad = 1;
		return NULL;
	}
	if (seq->n == 0) {
		diag_error(c->d, seq->pos, "part '%s' must list at least one section",
		    p->title != NULL ? p->title : what);
		*bad = 1;
		return NULL;
	}
	return seq;
}

/* Returns how many sections the parts listed in seq hold (counting only well-formed
 * lists): the size of the report's array of sections. */
static size_t
parts_count(const yt_node *seq)
{
	size_t total = 0;
	for (size_t k = 0; k < seq->n; k++) {
		const yt_node *m = seq->vals[k];
		const yt_node *l = m->kind == YT_MAP ? yt_get(m, "sections") : NULL;
		total += l != NULL && l->kind == YT_SEQ ? l->n : 0;
	}
	return total;
}

/* The grouped list: parts: [{title, sections: [...]}, ...]. Each part's sections are
 * read right after the part, so diagnostics come in file order. */
static int
parts_read(ld_ctx *c, const yt_node *seq)
{
	if (schema_kind(c->d, seq, YT_SEQ, "parts") < 0)
		return -1;
	if (seq->n == 0) {
		diag_error(c->d, seq->pos, "'parts' must list at least one part");
		return -1;
	}
	report *r = c->r;
	r->nparts = seq->n;
	r->parts = util_xcalloc(seq->n, sizeof(rep_part));
	size_t total = parts_count(seq);
	if (total > LOAD_MAX_SECTIONS) {
		diag_error(c->d, seq->pos, "a report has at most %d sections, not %zu",
		    LOAD_MAX_SECTIONS, total);
		return -1;
	}
	r->sections = util_xcalloc(total ? total : 1, sizeof(rep_section));
	const yt_node **slugs = util_xcalloc(total ? total : 1, sizeof(yt_node *));
	hash_table *seen = hash_new(HASH_BORROW);
	int bad = 0;
	size_t i = 0;
	for (size_t k = 0; k < seq->n; k++) {
		const yt_node *list = part_check(c, k, seq->vals[k], &bad);
		r->parts[k].first = i;
		for (size_t j = 0; list != NULL && j < list->n; j++, i++) {
			r->sections[i].part = k;
			r->nsections = i + 1;
			bad |= section_read(c, i, list->vals[j], slugs, seen) < 0;
		}
		r->parts[k].n = i - r->parts[k].first;
	}
	hash_free(seen);
	free(slugs);
	return bad || total == 0 ? -1 : 0;
}

/* Returns the key node name of map m, or NULL. */
static const yt_node *
key_node(const yt_node *m, const char *name)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->keys[i]->str != NULL && strcmp(m->keys[i]->str, name) == 0)
			return m->keys[i];
	return NULL;
}

/* The report's sections: either sections: or parts:, not both. */
static int
body_read(ld_ctx *c, const yt_node *root)
{
	const yt_node *secs = key_node(root, "sections");
	const yt_node *parts = key_node(root, "parts");
	if (secs != NULL && parts != NULL) {
		diag_error(c->d, parts->pos, "give either 'sections' or 'parts', not both "
		    "('sections' at line %d, column %d)", secs->pos.line, secs->pos.col);
		return -1;
	}
	c->ahead = ld_ahead_read(c->dir, root);
	int rc;
	if (parts != NULL) {
		rc = parts_read(c, yt_get(root, "parts"));
	} else {
		secs = schema_need(c->d, root, "sections", "report.yaml");
		rc = secs == NULL || sections_read(c, secs) < 0 ? -1 : 0;
	}
	ld_ahead_free(c->ahead);
	c->ahead = NULL;
	return rc;
}

/* base_url: optional; an absolute http(s) URL ending in '/'. */
static int
base_url_read(ld_ctx *c, const yt_node *m)
{
	const yt_node *v = yt_get(m, "base_url");
	const char *s;
	if (v == NULL)
		return 0;
	if (schema_url(c->d, v, "base_url", &s) < 0)
		return -1;
	size_t n = strlen(s);
	if ((strncmp(s, "http://", 7) != 0 && strncmp(s, "https://", 8) != 0) || s[n - 1] != '/') {
		diag_error(c->d, v->pos, "'base_url' must be an absolute http(s) URL ending in '/'");
		return -1;
	}
	c->r->base_url = util_xstrdup(s);
	return 0;
}

#define LANG_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-"

/* keywords: an optional list of at most LOAD_MAX_KEYWORDS short strings. */
static int
keywords_read(ld_ctx *c, const yt_node *m)
{
	const yt_node *v = yt_get(m, "keywords");
	if (v == NULL)
		return 0;
	if (schema_kind(c->d, v, YT_SEQ, "keywords") < 0)
		return -1;
	if (v->n > LOAD_MAX_KEYWORDS) {
		diag_error(c->d, v->pos, "'keywords' has %zu entries; at most %d are allowed", v->n,
		    LOAD_MAX_KEYWORDS);
		return -1;
	}
	report *r = c->r;
	r->keywords = v->n > 0 ? util_xcalloc(v->n, sizeof *r->keywords) : NULL;
	int bad = 0;
	for (size_t k = 0; k < v->n; k++) {
		const char *s;
		if (schema_str(c->d, v->vals[k], "keywords entry", 0, &s) < 0) {
			bad = 1;
		} else if (strlen(s) > LOAD_MAX_TITLE) {
			diag_error(c->d, v->vals[k]->pos, "a keyword is longer than %d bytes",
			    LOAD_MAX_TITLE);
			bad = 1;
		} else {
			r->keywords[r->nkeywords++] = util_xstrdup(s);
		}
	}
	return bad ? -1 : 0;
}

/* Records a bad language tag; returns 1. */
static int
diag_lang(ld_ctx *c, const yt_node *v)
{
	diag_error(c->d, v->pos, "'lang' must be a language tag such as en or en-GB");
	return 1;
}

/* as_of, lang and raw_html. */
static int
meta_read(ld_ctx *c, const yt_node *m)
{
	report *r = c->r;
	const char *s;
	int bad = 0;
	const yt_node *v = schema_need(c->d, m, "as_of", "report.yaml");
	if (v != NULL && schema_date(c->d, v, "as_of", &s) == 0)
		r->as_of = util_xstrdup(s);
	else
		bad = 1;
	v = yt_get(m, "lang");
	if (v != NULL) {
		if (schema_str(c->d, v, "lang", 0, &s) < 0)
			bad = 1;
		else if (strspn(s, LANG_CHARS) != strlen(s))
			bad = diag_lang(c, v);
		else
			r->lang = util_xstrdup(s);
	}
	if (r->lang == NULL)
		r->lang = util_xstrdup("en");
	v = yt_get(m, "raw_html");
	if (v != NULL && schema_bool(c->d, v, "raw_html", &r->raw_html) < 0)
		bad = 1;
	return bad ? -1 : 0;
}

int
ld_report_yaml(ld_ctx *c)
{
	static const char *const keys[] = { "title", "subtitle", "author", "edition",
		"keywords", "description", "as_of", "lang", "base_url", "raw_html", "sections", "parts", NULL };
	yt_node *root = ld_parse(c, "report.yaml");
	if (root == NULL)
		return -1;
	report *r = c->r;
	int bad = schema_kind(c->d, root, YT_MAP, "report.yaml") < 0;
	if (!bad) {
		bad |= schema_keys(c->d, root, keys, "report.yaml") < 0;
		bad |= title_str(c, root, "title", "report", 1, &r->title) < 0;
		bad |= title_str(c, root, "subtitle", "report", 0, &r->subtitle) < 0;
		bad |= title_str(c, root, "author", "report", 0, &r->author) < 0;
		bad |= title_str(c, root, "edition", "report", 0, &r->edition) < 0;
		bad |= keywords_read(c, root) < 0;
		bad |= ld_str(c, root, "description", "report", 1, &r->description) < 0;
		bad |= meta_read(c, root) < 0;
		bad |= base_url_read(c, root) < 0;
		bad |= body_read(c, root) < 0;
	}
	yt_free(root);
	return bad ? -1 : 0;
}
