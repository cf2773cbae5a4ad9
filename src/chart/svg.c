/* svg: cairo's SVG made accessible and deterministic through libxml2 (title, desc, ids). */
#include "chart/chart_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

/* Old and new ids of the document, in order of appearance. */
typedef struct id_map {
	size_t n;     /* entries used */
	size_t cap;   /* entries allocated */
	char **old;   /* cairo's ids (owned) */
	size_t *len;  /* their lengths */
} id_map;

/* Records every id attribute under node, renaming it to "<letters><k>" in document order. */
static void
collect_ids(xmlNodePtr node, id_map *m)
{
	for (; node; node = node->next) {
		if (node->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *id = xmlGetProp(node, BAD_CAST "id");
		if (id) {
			char fresh[64];
			size_t letters = strcspn((char *)id, "0123456789");
			if (m->n == m->cap) {
				m->cap = m->cap ? m->cap * 2 : 64;
				m->old = util_xrealloc(m->old, m->cap * sizeof(*m->old));
				m->len = util_xrealloc(m->len, m->cap * sizeof(*m->len));
			}
			m->len[m->n] = strlen((char *)id);
			m->old[m->n++] = util_xstrdup((char *)id);
			snprintf(fresh, sizeof fresh, "%.*s%zu", (int)(letters < 40 ? letters : 40),
			    (char *)id, m->n);
			xmlSetProp(node, BAD_CAST "id", BAD_CAST fresh);
			xmlFree(id);
		}
		collect_ids(node->children, m);
	}
}

/* Returns the new id of old (by index), or -1. */
static long
id_index(const id_map *m, const char *old, size_t len)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->len[i] == len && memcmp(m->old[i], old, len) == 0)
			return (long)i;
	return -1;
}

/* Returns v with every "#old" reference replaced by its new id (caller frees). */
static char *
rewrite_refs(const char *v, const id_map *m)
{
	buf b;
	buf_init(&b);
	while (*v) {
		const char *h = strchr(v, '#');
		if (!h) {
			buf_puts(&b, v);
			break;
		}
		buf_append(&b, v, (size_t)(h - v) + 1);
		size_t len = strcspn(h + 1, ")\"' ;,");
		long k = id_index(m, h + 1, len);
		if (k >= 0) {
			size_t letters = strcspn(m->old[k], "0123456789");
			buf_printf(&b, "%.*s%ld", (int)(letters < 40 ? letters : 40), m->old[k], k + 1);
		} else {
			buf_append(&b, h + 1, len);
		}
		v = h + 1 + len;
	}
	return buf_detach(&b);
}

/* Rewrites references in every attribute under node (cairo writes each value as one
 * text node; others are left as they are). */
static void
rewrite_tree(xmlNodePtr node, const id_map *m)
{
	for (; node; node = node->next) {
		if (node->type != XML_ELEMENT_NODE)
			continue;
		for (xmlAttrPtr a = node->properties; a; a = a->next) {
			xmlNodePtr v = a->children;
			if (!v || v->next || v->type != XML_TEXT_NODE || !v->content ||
			    !strchr((char *)v->content, '#'))
				continue;
			char *nv = rewrite_refs((char *)v->content, m);
			xmlNodeSetContent(v, BAD_CAST nv);
			free(nv);
		}
		rewrite_tree(node->children, m);
	}
}

/* Renumbers ids per document so output never depends on earlier charts. */
static void
renumber(xmlNodePtr root)
{
	id_map m = { 0, 0, NULL, NULL };
	collect_ids(root, &m);
	rewrite_tree(root, &m);
	for (size_t i = 0; i < m.n; i++)
		free(m.old[i]);
	free(m.old);
	free(m.len);
}

/* Returns a new element name in root's namespace holding text as a text node. */
static xmlNodePtr
text_element(xmlNodePtr root, const char *name, const char *id, const char *text)
{
	xmlNodePtr e = xmlNewDocNode(root->doc, root->ns, BAD_CAST name, NULL);
	xmlSetProp(e, BAD_CAST "id", BAD_CAST id);
	xmlAddChild(e, xmlNewDocText(root->doc, BAD_CAST text));
	return e;
}

/* Puts <title> and <desc> first in root and labels the image with them. */
static void
label_root(const chart_spec *s, xmlNodePtr root)
{
	const char *title = s->caption ? s->caption : s->title ? s->title : "Chart";
	xmlNodePtr t = text_element(root, "title", "chart-title", title);
	xmlNodePtr first = root->children;
	if (first)
		xmlAddPrevSibling(first, t);
	else
		xmlAddChild(root, t);
	if (s->alt)
		xmlAddNextSibling(t, text_element(root, "desc", "chart-desc", s->alt));
	xmlSetProp(root, BAD_CAST "role", BAD_CAST "img");
	xmlSetProp(root, BAD_CAST "aria-labelledby",
	    BAD_CAST(s->alt ? "chart-title chart-desc" : "chart-title"));
}

int
chart_svg_finish(const chart_spec *s, const char *in, size_t len, buf *out, char *why,
    size_t n)
{
	xmlDocPtr doc = xmlReadMemory(in, (int)len, "chart.svg", NULL, XML_PARSE_NONET);
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!root) {
		if (n)
			snprintf(why, n, "cairo wrote an SVG libxml2 cannot read");
		xmlFreeDoc(doc);
		return -1;
	}
	renumber(root);
	label_root(s, root);
	xmlChar *mem = NULL;
	int size = 0;
	xmlDocDumpMemoryEnc(doc, &mem, &size, "UTF-8");
	buf_append(out, mem, (size_t)size);
	xmlFree(mem);
	xmlFreeDoc(doc);
	return 0;
}
