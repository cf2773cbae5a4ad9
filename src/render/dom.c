/* dom: building the page body's libxml2 nodes (text always as text nodes). */
#include "render/render_int.h"

#include <string.h>

xmlNodePtr
render_el(rnd *r, xmlNodePtr parent, const char *name)
{
	xmlNodePtr n = xmlNewDocNode(r->doc, NULL, BAD_CAST name, NULL);
	if (parent != NULL)
		xmlAddChild(parent, n);
	return n;
}

xmlNodePtr
render_el_class(rnd *r, xmlNodePtr parent, const char *name, const char *cls)
{
	xmlNodePtr n = render_el(r, parent, name);
	if (cls != NULL)
		render_attr(n, "class", cls);
	return n;
}

xmlNodePtr
render_el_text(rnd *r, xmlNodePtr parent, const char *name, const char *cls,
    const char *text)
{
	xmlNodePtr n = render_el_class(r, parent, name, cls);
	if (text != NULL)
		render_add_text(r, n, text, strlen(text));
	return n;
}

void
render_add_text(rnd *r, xmlNodePtr parent, const char *s, size_t n)
{
	if (n == 0)
		return;
	/* Linked by hand: xmlAddChild would merge it into a preceding text node, which
	 * rescans that node's whole content and makes long runs of pieces quadratic. */
	xmlNodePtr t = xmlNewDocTextLen(r->doc, BAD_CAST s, (int)n);
	t->parent = parent;
	t->prev = parent->last;
	if (parent->last != NULL)
		parent->last->next = t;
	else
		parent->children = t;
	parent->last = t;
}

void
render_attr(xmlNodePtr node, const char *name, const char *val)
{
	xmlNewProp(node, BAD_CAST name, BAD_CAST val);
}
