/* html5: a small, deterministic HTML5 serializer for libxml2 trees. */
#include "render/page.h"

#include <string.h>

#include <libxml/tree.h>

static const char *const html5_void[] = {
	"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
	"source", "track", "wbr", NULL,
};

/* Returns 1 if name is an HTML void element (no end tag, no content). */
static int
is_void(const char *name)
{
	for (size_t i = 0; html5_void[i] != NULL; i++)
		if (strcmp(name, html5_void[i]) == 0)
			return 1;
	return 0;
}

/* Appends s with &, <, > (and " when in_attr) replaced by character references. */
static void
put_escaped(buf *out, const char *s, int in_attr)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': buf_puts(out, "&amp;"); break;
		case '<': buf_puts(out, "&lt;"); break;
		case '>': buf_puts(out, "&gt;"); break;
		case '"':
			if (in_attr) {
				buf_puts(out, "&quot;");
				break;
			}
			/* fall through */
		default: buf_putc(out, *s); break;
		}
	}
}

/* Appends ` name="value"` for each attribute of el, in DOM order. Attributes in the
 * XML namespace keep their "xml:" prefix (xml:lang); other prefixes are dropped. */
static void
put_attrs(xmlNodePtr el, buf *out)
{
	for (xmlAttrPtr a = el->properties; a != NULL; a = a->next) {
		buf_putc(out, ' ');
		if (a->ns != NULL && a->ns->prefix != NULL &&
		    strcmp((const char *)a->ns->prefix, "xml") == 0)
			buf_puts(out, "xml:");
		buf_puts(out, (const char *)a->name);
		xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
		buf_puts(out, "=\"");
		put_escaped(out, v ? (const char *)v : "", 1);
		buf_putc(out, '"');
		xmlFree(v);
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
