/* text: inline nodes of a page (strong, em, code, links, citations) as text with pango
 * attributes; no markup is ever built from the data. */
#include "pdf/pdf_int.h"

#include <string.h>

#include "util/buf.h"

void
pdf_text_init(pdf_text *x)
{
	memset(x, 0, sizeof *x);
	buf_init(&x->s);
	x->attrs = pango_attr_list_new();
}

void
pdf_text_free(pdf_text *x)
{
	for (size_t i = 0; i < x->nlinks; i++)
		free(x->links[i].uri);
	free(x->links);
	pango_attr_list_unref(x->attrs);
	buf_free(&x->s);
	memset(x, 0, sizeof *x);
}

int
pdf_is(xmlNodePtr node, const char *name)
{
	return node != NULL && node->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)node->name, name) == 0;
}

int
pdf_has_class(xmlNodePtr node, const char *cls)
{
	if (node == NULL || node->type != XML_ELEMENT_NODE)
		return 0;
	xmlChar *v = xmlGetProp(node, BAD_CAST "class");
	int found = 0;
	size_t n = strlen(cls);
	for (const char *p = (const char *)v; p != NULL && *p && !found;) {
		while (*p == ' ')
			p++;
		size_t k = strcspn(p, " ");
		found = k == n && strncmp(p, cls, n) == 0;
		p += k;
	}
	xmlFree(v);
	return found;
}

xmlNodePtr
pdf_find(xmlNodePtr node, const char *name, const char *cls)
{
	for (xmlNodePtr c = node ? node->children : NULL; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (pdf_is(c, name) && (cls == NULL || pdf_has_class(c, cls)))
			return c;
		xmlNodePtr f = pdf_find(c, name, cls);
		if (f != NULL)
			return f;
	}
	return NULL;
}

/* Appends s to x, each run of white space as one space, none at the start. */
static void
put_collapsed(pdf_text *x, const char *s)
{
	for (; *s; s++) {
		int sp = *s == ' ' || *s == '\n' || *s == '\t' || *s == '\r';
		char prev = x->s.len ? x->s.data[x->s.len - 1] : ' ';
		if (sp && (prev == ' ' || prev == '\n'))
			continue;
		buf_putc(&x->s, sp ? ' ' : *s);
	}
}

void
pdf_text_puts(pdf_text *x, const char *s)
{
	buf_puts(&x->s, s);
}

/* Adds attribute a over bytes [from, x->s.len) of x. */
static void
add_attr(pdf_text *x, PangoAttribute *a, size_t from)
{
	a->start_index = (guint)from;
	a->end_index = (guint)x->s.len;
	pango_attr_list_insert(x->attrs, a);
}

void
pdf_text_bold(pdf_text *x, size_t from)
{
	add_attr(x, pango_attr_weight_new(PANGO_WEIGHT_SEMIBOLD), from);
}

/* Returns whether href is an address outside the report (http, https, mailto). */
static int
external(const char *href)
{
	return strncmp(href, "http://", 7) == 0 || strncmp(href, "https://", 8) == 0 ||
	    strncmp(href, "mailto:", 7) == 0;
}

/* Returns whether href is a page of the site ("money.html", "money.html#anchor"): a
 * link the PDF can send to that section's first page. */
static int
site_page(const char *href)
{
	size_t n = strspn(href, "abcdefghijklmnopqrstuvwxyz0123456789-_");
	return n > 0 && strncmp(href + n, ".html", 5) == 0 &&
	    (href[n + 5] == '\0' || href[n + 5] == '#');
}

/* Records a link to href over bytes [from, x->s.len) of x and colours it. */
static void
add_link(pdf_text *x, const char *href, size_t from)
{
	if (x->nlinks == x->caplinks) {
		x->caplinks = x->caplinks ? 2 * x->caplinks : 8;
		x->links = util_xrealloc(x->links, x->caplinks * sizeof *x->links);
	}
	x->links[x->nlinks++] = (pdf_link){ from, x->s.len, util_xstrdup(href) };
	add_attr(x, pango_attr_foreground_new(0x1a1a, 0x5a5a, 0xb0b0), from);
}

/* Styles bytes [from, end) of x as element n asks (strong, em, code, sup, sub, a). */
static void
style(pdf_text *x, xmlNodePtr n, size_t from)
{
	const char *name = (const char *)n->name;
	if (x->s.len == from)
		return;
	if (!strcmp(name, "strong") || !strcmp(name, "b") || !strcmp(name, "th"))
		pdf_text_bold(x, from);
	else if (!strcmp(name, "em") || !strcmp(name, "i") || !strcmp(name, "cite"))
		add_attr(x, pango_attr_style_new(PANGO_STYLE_ITALIC), from);
	else if (!strcmp(name, "code") || !strcmp(name, "kbd")) {
		add_attr(x, pango_attr_family_new("DejaVu Sans Mono"), from);
		add_attr(x, pango_attr_scale_new(0.88), from);
	} else if (!strcmp(name, "sup") || !strcmp(name, "sub")) {
		int up = !strcmp(name, "sup");
		add_attr(x, pango_attr_rise_new((up ? 3 : -2) * PANGO_SCALE), from);
		add_attr(x, pango_attr_scale_new(0.7), from);
	} else if (!strcmp(name, "a")) {
		xmlChar *href = xmlGetProp(n, BAD_CAST "href");
		if (href && (external((const char *)href) || site_page((const char *)href)))
			add_link(x, (const char *)href, from);
		xmlFree(href);
	}
}

/* Appends an image's alt text, in brackets and italics, where the image was. */
static void
image_alt(pdf_text *x, xmlNodePtr img)
{
	xmlChar *alt = xmlGetProp(img, BAD_CAST "alt");
	if (alt != NULL && alt[0] != '\0') {
		size_t from = x->s.len;
		buf_putc(&x->s, '[');
		put_collapsed(x, (const char *)alt);
		buf_putc(&x->s, ']');
		add_attr(x, pango_attr_style_new(PANGO_STYLE_ITALIC), from);
	}
	xmlFree(alt);
}

void
pdf_text_node(pdf_text *x, xmlNodePtr n)
{
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content)
			put_collapsed(x, (const char *)n->content);
		return;
	}
	if (n->type != XML_ELEMENT_NODE || pdf_has_class(n, "anchor") ||
	    pdf_has_class(n, "note-back") || pdf_has_class(n, "web-only") ||
	    pdf_is(n, "details"))
		return;
	if (pdf_is(n, "img")) {
		image_alt(x, n);
		return;
	}
	if (pdf_is(n, "br")) {
		buf_putc(&x->s, '\n');
		return;
	}
	size_t from = x->s.len;
	pdf_text_inline(x, n);
	style(x, n, from);
}

void
pdf_text_inline(pdf_text *x, xmlNodePtr node)
{
	for (xmlNodePtr c = node->children; c != NULL; c = c->next)
		pdf_text_node(x, c);
}

char *
pdf_node_text(xmlNodePtr node)
{
	pdf_text x;
	pdf_text_init(&x);
	pdf_text_inline(&x, node);
	while (x.s.len && x.s.data[x.s.len - 1] == ' ')
		x.s.len--;
	buf_putc(&x.s, '\0');
	char *s = util_xstrdup(x.s.data);
	pdf_text_free(&x);
	return s;
}
