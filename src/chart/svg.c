/* svg: cairo's SVG made accessible and deterministic: <title> and <desc> built with
 * libxml2 and put first in the root, ids renumbered per document, in one pass over
 * cairo's bytes (parsing and re-serialising the whole document cost more than drawing it). */
#include "chart/chart_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

enum {
	SVG_ID_LETTERS = 40, /* most leading letters of an id kept in its new name */
};

/* cairo's ids in order of appearance; the new name of the k-th (from 0) is its leading
 * letters followed by k + 1. */
typedef struct id_map {
	size_t n;            /* entries used */
	size_t cap;          /* entries allocated */
	const char **old;    /* each id, pointing into cairo's bytes */
	size_t *len;         /* its length */
} id_map;

/* Returns the end of the tag starting at p (its '>'), or end. */
static const char *
tag_end(const char *p, const char *end)
{
	const char *q = memchr(p, '>', (size_t)(end - p));
	return q ? q : end;
}

/* Records the value of every id="..." attribute of every tag in [p, end). */
static void
collect_ids(const char *p, const char *end, id_map *m)
{
	static const char key[] = " id=\"";
	const size_t klen = sizeof key - 1;
	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		const char *te = tag_end(p, end);
		for (const char *q = p; q + klen <= te; q++) {
			if (memcmp(q, key, klen) != 0)
				continue;
			const char *v = q + klen, *ve = memchr(v, '"', (size_t)(te - v));
			if (!ve)
				break;
			if (m->n == m->cap) {
				m->cap = m->cap ? m->cap * 2 : 64;
				m->old = util_xrealloc(m->old, m->cap * sizeof *m->old);
				m->len = util_xrealloc(m->len, m->cap * sizeof *m->len);
			}
			m->old[m->n] = v;
			m->len[m->n++] = (size_t)(ve - v);
			q = ve;
		}
		p = te;
	}
}

/* Returns the index of the id of n bytes at s, or -1. */
static long
id_index(const id_map *m, const char *s, size_t n)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->len[i] == n && memcmp(m->old[i], s, n) == 0)
			return (long)i;
	return -1;
}

/* Appends the new name of id k to out. */
static void
put_id(buf *out, const id_map *m, size_t k)
{
	size_t letters = strcspn(m->old[k], "0123456789\"");
	if (letters > m->len[k])
		letters = m->len[k];
	buf_printf(out, "%.*s%zu", (int)(letters < SVG_ID_LETTERS ? letters : SVG_ID_LETTERS),
	    m->old[k], k + 1);
}

/* Appends [p, te) (the inside of one tag) to out with each id value and each "#id"
 * reference in an attribute value replaced by the id's new name. */
static void
rewrite_tag(buf *out, const char *p, const char *te, const id_map *m)
{
	static const char key[] = " id=\"";
	const size_t klen = sizeof key - 1;
	int quoted = 0;
	const char *from = p;
	for (const char *q = p; q < te; q++) {
		size_t skip = 0;
		if (!quoted && (size_t)(te - q) >= klen && memcmp(q, key, klen) == 0)
			skip = klen;
		else if (quoted && *q == '#')
			skip = 1;
		if (skip) {
			const char *v = q + skip;
			size_t n = strcspn(v, ")\"' ;,");
			long k = v + n <= te ? id_index(m, v, n) : -1;
			if (k >= 0) {
				buf_append(out, from, (size_t)(v - from));
				put_id(out, m, (size_t)k);
				from = v + n;
			}
			q = v + n - 1;
			if (skip == klen)
				quoted = 1;
			continue;
		}
		if (*q == '"')
			quoted = !quoted;
	}
	buf_append(out, from, (size_t)(te - from));
}

/* Appends element name (id, text as its only child, escaped by libxml2) to out. */
static void
put_text_element(buf *out, const char *name, const char *id, const char *text)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr e = xmlNewDocNode(doc, NULL, BAD_CAST name, NULL);
	xmlDocSetRootElement(doc, e);
	xmlSetProp(e, BAD_CAST "id", BAD_CAST id);
	xmlAddChild(e, xmlNewDocText(doc, BAD_CAST text));
	xmlBufferPtr b = xmlBufferCreate();
	if (xmlNodeDump(b, doc, e, 0, 0) >= 0)
		buf_append(out, xmlBufferContent(b), (size_t)xmlBufferLength(b));
	xmlBufferFree(b);
	xmlFreeDoc(doc);
}

/* Appends the root's extra attributes (before its '>') to out. */
static void
put_root_attrs(buf *out, const chart_spec *s)
{
	buf_puts(out, s->alt ? " role=\"img\" aria-labelledby=\"chart-title chart-desc\""
	                     : " role=\"img\" aria-labelledby=\"chart-title\"");
}

/* Appends <title> (a download's: its frame's title) and <desc> to out. */
static void
put_labels(buf *out, const chart_spec *s)
{
	const char *title = s->frame && s->frame->title && *s->frame->title ? s->frame->title :
	    s->caption ? s->caption : s->title ? s->title : "Chart";
	put_text_element(out, "title", "chart-title", title);
	if (s->alt)
		put_text_element(out, "desc", "chart-desc", s->alt);
}

int
chart_svg_finish(const chart_spec *s, const char *in, size_t len, buf *out, char *why,
    size_t n)
{
	const char *end = in + len;
	const char *root = NULL;
	for (const char *p = in; (p = memchr(p, '<', (size_t)(end - p))) != NULL; p++)
		if ((size_t)(end - p) > 4 && memcmp(p, "<svg", 4) == 0 && (p[4] == ' ' || p[4] == '>')) {
			root = p;
			break;
		}
	const char *root_end = root ? tag_end(root, end) : end;
	if (!root || root_end == end || root_end[-1] == '/') {
		if (n)
			snprintf(why, n, "cairo wrote an SVG without a root element to label");
		return -1;
	}
	id_map m = { 0, 0, NULL, NULL };
	collect_ids(root, end, &m);
	buf_append(out, in, (size_t)(root - in));
	rewrite_tag(out, root, root_end, &m);
	put_root_attrs(out, s);
	buf_puts(out, ">");
	put_labels(out, s);
	const char *p = root_end + 1;
	while (p < end) {
		const char *lt = memchr(p, '<', (size_t)(end - p));
		if (!lt) {
			buf_append(out, p, (size_t)(end - p));
			break;
		}
		buf_append(out, p, (size_t)(lt - p));
		const char *te = tag_end(lt, end);
		rewrite_tag(out, lt, te, &m);
		p = te;
	}
	free(m.old);
	free(m.len);
	return 0;
}
