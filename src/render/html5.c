/* html5: a small, deterministic HTML5 serializer for libxml2 trees. */
#include "render/page.h"

#include <string.h>

#include <libxml/tree.h>

/* Returns 1 if name is an HTML void element (no end tag, no content): area, base, br,
 * col, embed, hr, img, input, link, meta, source, track, wbr. Compared by first letter,
 * as it runs for every element serialised. */
static int
is_void(const char *name)
{
	const char *const *v;
	static const char *const a[] = { "area", NULL }, *const b[] = { "base", "br", NULL },
		*const c[] = { "col", NULL }, *const e[] = { "embed", NULL },
		*const h[] = { "hr", NULL }, *const i[] = { "img", "input", NULL },
		*const l[] = { "link", NULL }, *const m[] = { "meta", NULL },
		*const s[] = { "source", NULL }, *const t[] = { "track", NULL },
		*const w[] = { "wbr", NULL };
	switch (name[0]) {
	case 'a': v = a; break;
	case 'b': v = b; break;
	case 'c': v = c; break;
	case 'e': v = e; break;
	case 'h': v = h; break;
	case 'i': v = i; break;
	case 'l': v = l; break;
	case 'm': v = m; break;
	case 's': v = s; break;
	case 't': v = t; break;
	case 'w': v = w; break;
	default: return 0;
	}
	for (; *v != NULL; v++)
		if (strcmp(name, *v) == 0)
			return 1;
	return 0;
}

/* Appends s with &, <, > (and " when in_attr) replaced by character references. */
static void
put_escaped(buf *out, const char *s, int in_attr)
{
	const char *special = in_attr ? "&<>\"" : "&<>";
	for (;;) {
		size_t k = strcspn(s, special); /* a run that needs no reference: one copy */
		if (k > 0)
			buf_append(out, s, k);
		s += k;
		switch (*s) {
		case '\0': return;
		case '&': buf_append(out, "&amp;", 5); break;
		case '<': buf_append(out, "&lt;", 4); break;
		case '>': buf_append(out, "&gt;", 4); break;
		default: buf_append(out, "&quot;", 6); break;
		}
		s++;
	}
}

/* Appends ` name="value"` for each attribute of el, in DOM order. Attributes in the
 * XML namespace keep their "xml:" prefix (xml:lang); other prefixes are dropped. */
/* Returns 1 if name is a boolean attribute the pages use, written without a value
 * when it has none. */
static int
is_boolean(const char *name)
{
	return strcmp(name, "open") == 0 || strcmp(name, "hidden") == 0;
}

static void
put_attrs(xmlNodePtr el, buf *out)
{
	for (xmlAttrPtr a = el->properties; a != NULL; a = a->next) {
		buf_putc(out, ' ');
		if (a->ns != NULL && a->ns->prefix != NULL &&
		    strcmp((const char *)a->ns->prefix, "xml") == 0)
			buf_puts(out, "xml:");
		buf_puts(out, (const char *)a->name);
		xmlNodePtr t = a->children;
		if (is_boolean((const char *)a->name) && (t == NULL ||
		    (t->next == NULL && t->type == XML_TEXT_NODE &&
		    (t->content == NULL || t->content[0] == '\0'))))
			continue; /* <details open> */
		buf_puts(out, "=\"");
		if (t == NULL) {
			/* an empty value */
		} else if (t->next == NULL && t->type == XML_TEXT_NODE) { /* no copy needed */
			put_escaped(out, t->content ? (const char *)t->content : "", 1);
		} else {
			xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
			put_escaped(out, v ? (const char *)v : "", 1);
			xmlFree(v);
		}
		buf_putc(out, '"');
	}
}

static void serialize_node(xmlNodePtr n, buf *out);

/* Serializes every child of n in order. */
static void
serialize_children(xmlNodePtr n, buf *out)
{
	for (xmlNodePtr c = n->children; c != NULL; c = c->next)
		serialize_node(c, out);
}

/* Serializes element el: start tag, children and end tag (none for void elements). */
static void
serialize_element(xmlNodePtr el, buf *out)
{
	const char *name = (const char *)el->name;
	buf_putc(out, '<');
	buf_puts(out, name);
	put_attrs(el, out);
	buf_putc(out, '>');
	if (is_void(name))
		return;
	serialize_children(el, out);
	buf_puts(out, "</");
	buf_puts(out, name);
	buf_putc(out, '>');
}

/* Serializes one node; comments, processing instructions and DTD nodes are dropped. */
static void
serialize_node(xmlNodePtr n, buf *out)
{
	switch (n->type) {
	case XML_ELEMENT_NODE:
		serialize_element(n, out);
		break;
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		if (n->content != NULL)
			put_escaped(out, (const char *)n->content, 0);
		break;
	case XML_DOCUMENT_NODE:
	case XML_HTML_DOCUMENT_NODE:
	case XML_DOCUMENT_FRAG_NODE:
		serialize_children(n, out);
		break;
	default:
		break;
	}
}

void
html5_serialize(xmlNodePtr node, buf *out)
{
	if (node != NULL)
		serialize_node(node, out);
	buf_putc(out, '\n');
}
