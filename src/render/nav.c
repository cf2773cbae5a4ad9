/* nav: which sections a page's navigation lists, and the contents page of a large report. */
#include "render/nav.h"

#include <stdio.h>
#include <string.h>

/* U+2013 EN DASH and U+00B7 MIDDLE DOT. */
#define NAV_DASH "\xe2\x80\x93"
#define NAV_DOT "\xc2\xb7"

/* Appends the text s to parent as a text node (never parsed as markup). */
static void
nav_text(xmlNodePtr parent, const char *s)
{
	xmlNodePtr t = parent != NULL ? xmlNewDocText(parent->doc, BAD_CAST s) : NULL;
	if (t != NULL && xmlAddChild(parent, t) == NULL)
		xmlFreeNode(t);
}

/* Appends to parent a new element name holding the text text (none if NULL) and
 * returns it, or NULL if parent is NULL or memory ran out. Text always goes in as a
 * text node. */
static xmlNodePtr
nav_child(xmlNodePtr parent, const char *name, const char *text)
{
	if (parent == NULL)
		return NULL;
	xmlNodePtr n = xmlNewDocNode(parent->doc, NULL, BAD_CAST name, NULL);
	if (n == NULL || xmlAddChild(parent, n) == NULL) {
		xmlFreeNode(n);
		return NULL;
	}
	if (text != NULL && text[0] != '\0')
		nav_text(n, text);
	return n;
}

int
nav_bounded(const report *r)
{
	return r->nsections > NAV_FULL_MAX;
}

void
nav_range(const report *r, size_t near, size_t *first, size_t *end)
{
	size_t lo = 0, hi = r->nsections;
	if (nav_bounded(r)) {
		if (near >= hi)
			near = 0;
		if (r->nparts > 0) {
			const rep_part *p = &r->parts[r->sections[near].part];
			lo = p->first;
			hi = p->first + p->n;
		}
		if (hi - lo > NAV_LINKS) {
			size_t a = near >= lo + NAV_LINKS / 2 ? near - NAV_LINKS / 2 : lo;
			if (a + NAV_LINKS > hi)
				a = hi - NAV_LINKS;
			lo = a;
			hi = a + NAV_LINKS;
		}
	}
	*first = lo;
	*end = hi;
}

void
nav_list(xmlNodePtr ol, const report *r, size_t first, size_t end, size_t current)
{
	buf href;
	buf_init(&href);
	for (size_t i = first; i < end && i < r->nsections; i++) {
		buf_reset(&href);
		buf_printf(&href, "%s.html", r->sections[i].slug);
		xmlNodePtr a = nav_child(nav_child(ol, "li", NULL), "a", r->sections[i].title);
		xmlSetProp(a, BAD_CAST "href", BAD_CAST buf_str(&href));
		if (i == current)
			xmlSetProp(a, BAD_CAST "aria-current", BAD_CAST "page");
	}
	buf_free(&href);
}

int
nav_has_where(const report *r, size_t current)
{
	return nav_bounded(r) || (r->nparts > 0 && current < r->nsections);
}

void
nav_where(xmlNodePtr p, const report *r, size_t near, size_t first, size_t end)
{
	size_t k = near < r->nsections ? r->sections[near].part : 0;
	buf b;
	buf_init(&b);
	if (r->nparts > 0 && !nav_bounded(r)) {
		nav_text(p, r->parts[k].title);
	} else if (r->nparts > 0) {
		buf_printf(&b, "%s#part-%zu", NAV_CONTENTS, k + 1);
		xmlNodePtr a = nav_child(p, "a", r->parts[k].title);
		xmlSetProp(a, BAD_CAST "href", BAD_CAST buf_str(&b));
		buf_reset(&b);
		buf_printf(&b, " " NAV_DOT " sections %zu" NAV_DASH "%zu of %zu", first + 1, end,
		    r->nsections);
		nav_text(p, buf_str(&b));
	} else {
		buf_printf(&b, "Sections %zu" NAV_DASH "%zu of %zu", first + 1, end, r->nsections);
		nav_text(p, buf_str(&b));
	}
	buf_free(&b);
}

void
nav_contents_label(const report *r, buf *out)
{
	buf_printf(out, "All %zu sections", r->nsections);
}

/* Appends to parent a numbered list of the sections [first, end) (numbered from
 * first + 1). */
static void
contents_list(xmlNodePtr parent, const report *r, size_t first, size_t end)
{
	xmlNodePtr ol = nav_child(parent, "ol", NULL);
	xmlSetProp(ol, BAD_CAST "class", BAD_CAST "contents-list");
	if (first > 0) {
		char start[32];
		snprintf(start, sizeof start, "%zu", first + 1);
		xmlSetProp(ol, BAD_CAST "start", BAD_CAST start);
	}
	nav_list(ol, r, first, end, (size_t)-1);
	nav_text(parent, "\n");
}

/* Appends part k (its heading, id part-K, and its sections) to parent. */
static void
contents_part(xmlNodePtr parent, const report *r, size_t k)
{
	char id[32];
	snprintf(id, sizeof id, "part-%zu", k + 1);
	xmlNodePtr sec = nav_child(parent, "section", NULL);
	xmlSetProp(sec, BAD_CAST "class", BAD_CAST "contents-part");
	xmlSetProp(sec, BAD_CAST "aria-labelledby", BAD_CAST id);
	nav_text(sec, "\n");
	xmlNodePtr h2 = nav_child(sec, "h2", r->parts[k].title);
	xmlSetProp(h2, BAD_CAST "id", BAD_CAST id);
	nav_text(sec, "\n");
	contents_list(sec, r, r->parts[k].first, r->parts[k].first + r->parts[k].n);
	nav_text(parent, "\n");
}

xmlNodePtr
nav_contents_body(xmlDocPtr doc, const report *r)
{
	xmlNodePtr div = xmlNewDocNode(doc, NULL, BAD_CAST "div", NULL);
	xmlSetProp(div, BAD_CAST "class", BAD_CAST "content");
	nav_text(div, "\n");
	if (r->nparts == 0)
		contents_list(div, r, 0, r->nsections);
	for (size_t k = 0; k < r->nparts; k++)
		contents_part(div, r, k);
	return div;
}

int
nav_check(const report *r, diag *d)
{
	if (!nav_bounded(r))
		return 0;
	for (size_t i = 0; i < r->nsections; i++) {
		if (strcmp(r->sections[i].slug, "contents") == 0) {
			diag_error(d, r->sections[i].pos, "slug 'contents' is taken by the contents "
			    "page of a report of more than %d sections: choose another", NAV_FULL_MAX);
			return -1;
		}
	}
	return 0;
}
