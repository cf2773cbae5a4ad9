/* page: whole pages from the template (slots filled through the DOM), sitemap, robots. */
#include "render/page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "card/card.h"
#include "render/anchors.h"
#include "render/explore_page.h"
#include "render/nav.h"
#include "render/render_int.h"
#include "render/share.h"

/* U+21A9 LEFTWARDS ARROW WITH HOOK + U+FE0E (text, not emoji, presentation). */
#define PAGE_BACK_ARROW "\xe2\x86\xa9\xef\xb8\x8e"

static const char *const page_months[] = {
	"January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December",
};

/* What the parts of a page shared by every kind of page need. */
typedef struct page_info {
	const report *r;          /* the report */
	size_t current;           /* section shown, or (size_t)-1 (the 404 page) */
	const char *title;        /* <title> and og:title */
	const char *description;  /* meta and og:description */
	int pdf;                  /* 1: the footer links to report.pdf */
	size_t near;              /* section whose neighbourhood the navigation lists */
	int contents;             /* 1: the contents page (its link marked current) */
} page_info;

/* ---- dates and file names ---- */

/* Appends date (YYYY-MM-DD, YYYY-MM or YYYY) written out: "1 November 2026",
 * "November 2026", "2026". Anything else is appended as given. */
static void
put_date(buf *out, const char *date)
{
	int y = 0, m = 0, d = 0, used = 0;
	size_t len = strlen(date);
	if (len == 10 && sscanf(date, "%4d-%2d-%2d%n", &y, &m, &d, &used) == 3 &&
	    used == 10 && m >= 1 && m <= 12 && d >= 1 && d <= 31)
		buf_printf(out, "%d %s %d", d, page_months[m - 1], y);
	else if (len == 7 && sscanf(date, "%4d-%2d%n", &y, &m, &used) == 2 && used == 7 &&
	    m >= 1 && m <= 12)
		buf_printf(out, "%s %d", page_months[m - 1], y);
	else
		buf_puts(out, date);
}

void
render_put_date(buf *out, const char *date)
{
	put_date(out, date);
}

/* Appends the page file of section i ("<slug>.html"), relative to the site root. */
static void
put_page_file(buf *out, const report *r, size_t i)
{
	buf_printf(out, "%s.html", r->sections[i].slug);
}

/* Appends the absolute URL of section i: base_url itself for an "index" first section,
 * else base_url + page file. */
static void
put_page_url(buf *out, const report *r, size_t i)
{
	buf_puts(out, r->base_url);
	if (i != 0 || strcmp(r->sections[0].slug, "index") != 0)
		put_page_file(out, r, i);
}

/* ---- DOM helpers: data only ever enters the tree as text nodes or attribute values ---- */

/* Returns 1 if n's attribute name has the value value. Reads the attribute's text in
 * place when it is one text node (no copy: this runs for every element on every slot
 * look-up), else through a copy. */
static int
prop_is(xmlNodePtr n, const char *name, const char *value)
{
	xmlAttrPtr a = n->properties;
	while (a != NULL && strcmp((const char *)a->name, name) != 0)
		a = a->next;
	if (a == NULL && n->doc != NULL && n->doc->intSubset != NULL
	    && n->doc->intSubset->attributes != NULL)
		a = xmlHasProp(n, BAD_CAST name); /* a default from the template's DTD */
	if (a == NULL || a->type != XML_ATTRIBUTE_NODE)
		return 0;
	xmlNodePtr t = a->children;
	if (t != NULL && t->next == NULL && t->type == XML_TEXT_NODE && t->content != NULL)
		return strcmp((const char *)t->content, value) == 0;
	xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
	int hit = v != NULL && strcmp((const char *)v, value) == 0;
	xmlFree(v);
	return hit;
}

/* Returns the first element at or below n (document order) whose data-slot is name. */
static xmlNodePtr
slot_find(xmlNodePtr n, const char *name)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (prop_is(n, "data-slot", name))
			return n;
		xmlNodePtr in = slot_find(n->children, name);
		if (in != NULL)
			return in;
	}
	return NULL;
}

/* Returns the slot name of doc: where the template has it if it is still there (no
 * walk), or among the siblings of that place (a slot before it was dropped), else the
 * first in document order (slot_find). Filling adds no data-slot attribute, so the
 * template's first slot of a name stays the first. */
static xmlNodePtr
slot_of(xmlDocPtr doc, const char *name)
{
	xmlNodePtr n = tmpl_slot_guess(doc, name);
	if (n != NULL && prop_is(n, "data-slot", name))
		return n;
	for (xmlNodePtr c = n != NULL && n->parent != NULL ? n->parent->children : NULL;
	    c != NULL; c = c->next) /* a sibling before it was dropped: among its siblings */
		if (c->type == XML_ELEMENT_NODE && prop_is(c, "data-slot", name))
			return c;
	return slot_find(xmlDocGetRootElement(doc), name);
}

/* Removes and frees every child of n. */
static void
clear_children(xmlNodePtr n)
{
	while (n->children != NULL) {
		xmlNodePtr c = n->children;
		xmlUnlinkNode(c);
		xmlFreeNode(c);
	}
}

/* Appends the text s to n as a text node (never parsed as markup). */
static void
add_text(xmlNodePtr n, const char *s)
{
	if (s != NULL && s[0] != '\0')
		xmlAddChild(n, xmlNewDocText(n->doc, BAD_CAST s));
}

/* Appends a new element name (no namespace prefix) to parent and returns it. */
static xmlNodePtr
add_el(xmlNodePtr parent, const char *name, const char *cls)
{
	xmlNodePtr n = xmlNewDocNode(parent->doc, NULL, BAD_CAST name, NULL);
	xmlAddChild(parent, n);
	if (cls != NULL)
		xmlSetProp(n, BAD_CAST "class", BAD_CAST cls);
	return n;
}

/* Appends <a href="href">text</a> to parent and returns it. */
static xmlNodePtr
add_link(xmlNodePtr parent, const char *href, const char *text)
{
	xmlNodePtr a = add_el(parent, "a", NULL);
	xmlSetProp(a, BAD_CAST "href", BAD_CAST href);
	add_text(a, text);
	return a;
}

/* Removes the slot name from doc (with its subtree and the blank text before it, so
 * no empty line is left), if the template has it. */
static void
slot_drop(xmlDocPtr doc, const char *name)
{
	xmlNodePtr n = slot_of(doc, name);
	if (n == NULL)
		return;
	xmlNodePtr ws = n->prev;
	if (ws != NULL && xmlIsBlankNode(ws)) {
		xmlUnlinkNode(ws);
		xmlFreeNode(ws);
	}
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

/* Fills the slot name with value: the content attribute of a <meta>, the href of a
 * <link>, the lang of <html>, else the element's whole text. A NULL or empty value
 * removes the slot (every slot given a possibly empty value is optional). */
static void
slot_set(xmlDocPtr doc, const char *name, const char *value)
{
	if (value == NULL || value[0] == '\0') {
		slot_drop(doc, name);
		return;
	}
	xmlNodePtr n = slot_of(doc, name);
	if (n == NULL)
		return;
	const char *el = (const char *)n->name;
	if (strcmp(el, "meta") == 0)
		xmlSetProp(n, BAD_CAST "content", BAD_CAST value);
	else if (strcmp(el, "link") == 0)
		xmlSetProp(n, BAD_CAST "href", BAD_CAST value);
	else if (strcmp(el, "html") == 0)
		xmlSetProp(n, BAD_CAST "lang", BAD_CAST value);
	else {
		clear_children(n);
		add_text(n, value);
	}
}

/* Returns n if it is an <a>, else the first <a> below it (document order), or NULL. */
static xmlNodePtr
first_link(xmlNodePtr n)
{
	if (strcmp((const char *)n->name, "a") == 0)
		return n;
	for (xmlNodePtr c = n->children; c != NULL; c = c->next) {
		xmlNodePtr a = c->type == XML_ELEMENT_NODE ? first_link(c) : NULL;
		if (a != NULL)
			return a;
	}
	return NULL;
}

/* Sets the href of the slot name (an <a>, or the first <a> inside it) and, when text
 * is not NULL, replaces the link's text with it. */
static void
slot_href(xmlDocPtr doc, const char *name, const char *href, const char *text)
{
	xmlNodePtr n = slot_of(doc, name);
	xmlNodePtr a = n != NULL ? first_link(n) : NULL;
	if (a == NULL)
		return;
	xmlSetProp(a, BAD_CAST "href", BAD_CAST href);
	if (text != NULL) {
		clear_children(a);
		add_text(a, text);
	}
}

/* Returns the slot name emptied of its template content, or NULL if absent. */
static xmlNodePtr
slot_empty(xmlDocPtr doc, const char *name)
{
	xmlNodePtr n = slot_of(doc, name);
	if (n != NULL)
		clear_children(n);
	return n;
}

/* Removes every data-slot attribute at or below n. */
static void
strip_slots(xmlNodePtr n)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlUnsetProp(n, BAD_CAST "data-slot");
		strip_slots(n->children);
	}
}

/* ---- the parts of a page ---- */

/* Fills the link to the contents page (nav-contents, or a last item of ol when the
 * template has no such slot) on a bounded report; drops the slot otherwise. */
static void
fill_nav_contents(xmlDocPtr doc, const page_info *p, xmlNodePtr ol)
{
	if (!nav_bounded(p->r)) {
		slot_drop(doc, "nav-contents");
		return;
	}
	buf label;
	buf_init(&label);
	nav_contents_label(p->r, &label);
	xmlNodePtr n = slot_of(doc, "nav-contents");
	xmlNodePtr a = n != NULL ? first_link(n) : NULL;
	if (a != NULL) {
		xmlSetProp(a, BAD_CAST "href", BAD_CAST NAV_CONTENTS);
		clear_children(a);
		add_text(a, buf_str(&label));
	} else if (ol != NULL) {
		slot_drop(doc, "nav-contents");
		a = add_link(add_el(ol, "li", NULL), NAV_CONTENTS, buf_str(&label));
	}
	if (a != NULL && p->contents)
		xmlSetProp(a, BAD_CAST "aria-current", BAD_CAST "page");
	buf_free(&label);
}

/* Fills the site navigation: every section on a report of up to NAV_FULL_MAX sections,
 * else the part or neighbourhood of p->near, where it sits, and the link to the
 * contents page; the current section marked. */
static void
fill_nav(xmlDocPtr doc, const page_info *p)
{
	size_t first, end;
	nav_range(p->r, p->near, &first, &end);
	xmlNodePtr ol = slot_empty(doc, "nav");
	if (ol != NULL)
		nav_list(ol, p->r, first, end, p->current);
	xmlNodePtr where = nav_has_where(p->r, p->current) ? slot_empty(doc, "nav-where") : NULL;
	if (where != NULL)
		nav_where(where, p->r, p->near, first, end);
	else
		slot_drop(doc, "nav-where");
	fill_nav_contents(doc, p, ol);
}

/* Fills the footer: the as-of date written out, the author, the method link, the
 * link to report.pdf if pdf is 1, and the link to the pack (whose text says whether
 * it holds the PDF); the data links are the template's. */
static void
fill_footer(xmlDocPtr doc, const report *r, int pdf)
{
	buf b;
	buf_init(&b);
	buf_puts(&b, "As of ");
	put_date(&b, r->as_of);
	slot_set(doc, "as-of", buf_str(&b));
	if (r->author == NULL || r->author[0] == '\0')
		slot_drop(doc, "author-line");
	else
		slot_set(doc, "author", r->author);
	int m = report_section_index(r, "method");
	if (m < 0) {
		slot_drop(doc, "method");
	} else {
		buf_reset(&b);
		put_page_file(&b, r, (size_t)m);
		slot_href(doc, "method", buf_str(&b), r->sections[m].title);
	}
	if (pdf)
		slot_href(doc, "pdf", "report.pdf", NULL);
	else
		slot_drop(doc, "pdf");
	buf_reset(&b);
	render_pack_name(r, &b);
	slot_href(doc, "pack", buf_str(&b), pdf ? NULL :
	    "Everything in one zip: each chart and the data");
	buf_free(&b);
}

/* Fills what every page has: language, head, header, navigation, footer. */
static void
fill_common(xmlDocPtr doc, const page_info *p)
{
	const report *r = p->r;
	slot_set(doc, "lang", r->lang ? r->lang : "en");
	slot_set(doc, "title", p->title);
	slot_set(doc, "description", p->description);
	slot_set(doc, "og-title", p->title);
	slot_set(doc, "og-description", p->description);
	slot_set(doc, "twitter-title", p->title);
	slot_set(doc, "twitter-description", p->description);
	slot_set(doc, "report-title", r->title);
	buf home;
	buf_init(&home);
	put_page_file(&home, r, 0);
	slot_href(doc, "report-title", buf_str(&home), NULL);
	buf_free(&home);
	slot_set(doc, "report-subtitle", r->subtitle);
	fill_nav(doc, p);
	fill_footer(doc, r, p->pdf);
}

/* Fills the "On this page" list from the level-2 and level-3 headings (level 3 nested
 * under the level 2 before it); drops it when there are fewer than two. */
static void
fill_toc(xmlDocPtr doc, const render_body *b)
{
	size_t n = 0;
	for (size_t i = 0; i < b->nheadings; i++)
		n += b->headings[i].level == 2 || b->headings[i].level == 3;
	xmlNodePtr ol = n >= 2 ? slot_empty(doc, "toc-list") : NULL;
	if (ol == NULL) {
		slot_drop(doc, "toc");
		return;
	}
	xmlNodePtr last2 = NULL, sub = NULL;
	buf href;
	buf_init(&href);
	for (size_t i = 0; i < b->nheadings; i++) {
		const render_heading *h = &b->headings[i];
		if (h->level != 2 && h->level != 3)
			continue;
		if (h->level == 3 && last2 != NULL && sub == NULL)
			sub = add_el(last2, "ol", NULL);
		xmlNodePtr li = add_el(h->level == 3 && sub != NULL ? sub : ol, "li", NULL);
		if (h->level == 2) {
			last2 = li;
			sub = NULL;
		}
		buf_reset(&href);
		buf_printf(&href, "#%s", h->id);
		add_link(li, buf_str(&href), h->text);
	}
	buf_free(&href);
}

/* Appends note k's entry for source s: publisher, "title" or [description] (linked
 * when s has a url that render_url_ok accepts), date, and a link back to the note's
 * first citation. */
static void
add_note(xmlNodePtr ol, size_t k, const rep_source *s)
{
	buf b;
	buf_init(&b);
	buf_printf(&b, "note-%zu", k);
	xmlNodePtr li = add_el(ol, "li", NULL);
	xmlSetProp(li, BAD_CAST "id", BAD_CAST buf_str(&b));
	if (s->publisher != NULL) {
		add_text(li, s->publisher);
		add_text(li, ", ");
	}
	add_text(li, s->described ? "[" : "\xe2\x80\x9c"); /* a description: no quotes */
	if (render_url_ok(s->url))
		add_link(li, s->url, s->title);
	else
		add_text(li, s->title);
	add_text(li, s->described ? "]" : "\xe2\x80\x9d");
	buf_reset(&b);
	if (s->date != NULL) {
		buf_puts(&b, ", ");
		put_date(&b, s->date);
	}
	buf_puts(&b, ". ");
	add_text(li, buf_str(&b));
	buf_reset(&b);
	buf_printf(&b, "#cite-%zu-1", k);
	xmlNodePtr back = add_link(li, buf_str(&b), PAGE_BACK_ARROW);
	xmlSetProp(back, BAD_CAST "class", BAD_CAST "note-back");
	buf_reset(&b);
	buf_printf(&b, "Back to citation %zu", k);
	xmlSetProp(back, BAD_CAST "aria-label", BAD_CAST buf_str(&b));
	buf_free(&b);
}

/* Fills the page's notes (one per cited source, in note order); drops them if none. */
static void
fill_notes(xmlDocPtr doc, const report *r, const render_body *b)
{
	xmlNodePtr ol = b->ncites > 0 ? slot_empty(doc, "notes-list") : NULL;
	if (ol == NULL) {
		slot_drop(doc, "notes");
		return;
	}
	for (size_t k = 1; k <= b->ncites; k++) {
		int si = b->cites[k - 1];
		if (si >= 0 && (size_t)si < r->nsources)
			add_note(ol, k, &r->sources[si]);
	}
}

/* Fills one side of the pager ("prev" or "next") with section j, or drops it. */
static void
fill_pager_side(xmlDocPtr doc, const report *r, const char *side, int has, size_t j)
{
	if (!has) {
		slot_drop(doc, side);
		return;
	}
	buf b;
	buf_init(&b);
	put_page_file(&b, r, j);
	slot_href(doc, side, buf_str(&b), NULL);
	buf_reset(&b);
	buf_printf(&b, "%s-title", side);
	slot_set(doc, buf_str(&b), r->sections[j].title);
	buf_free(&b);
}

/* Fills the previous/next links of section i; drops the pager on a one-page report. */
static void
fill_pager(xmlDocPtr doc, const report *r, size_t i)
{
	if (r->nsections < 2) {
		slot_drop(doc, "pager");
		return;
	}
	fill_pager_side(doc, r, "prev", i > 0, i - 1);
	fill_pager_side(doc, r, "next", i + 1 < r->nsections, i + 1);
}

/* Sets og:url and the canonical link of section i (absolute, from base_url); drops
 * them when the report has no base_url. */
static void
fill_urls(xmlDocPtr doc, const report *r, size_t i)
{
	buf b;
	buf_init(&b);
	if (r->base_url != NULL)
		put_page_url(&b, r, i);
	slot_set(doc, "og-url", buf_str(&b));
	slot_set(doc, "canonical", buf_str(&b));
	buf_free(&b);
}

/* Sets og:url and the canonical link to base_url + rel (a path from the site root);
 * drops them when the report has no base_url. */
static void
fill_urls_rel(xmlDocPtr doc, const report *r, const char *rel)
{
	buf b;
	buf_init(&b);
	if (r->base_url != NULL)
		buf_printf(&b, "%s%s", r->base_url, rel);
	slot_set(doc, "og-url", buf_str(&b));
	slot_set(doc, "canonical", buf_str(&b));
	buf_free(&b);
}

/* Fills the share card's tags from sc: og:image (absolute, from base_url), its size and
 * alt text, and twitter:card summary_large_image; without a base_url the og:image tags
 * are dropped and twitter:card is "summary" (a card needs an absolute image URL). */
static void
fill_share(xmlDocPtr doc, const report *r, const share_card *sc)
{
	static const char *const img[] = { "og-image", "og-image-type", "og-image-width",
		"og-image-height", "og-image-alt" };
	if (r->base_url == NULL || sc == NULL) {
		for (size_t k = 0; k < sizeof img / sizeof *img; k++)
			slot_drop(doc, img[k]);
		slot_set(doc, "twitter-card", "summary");
		return;
	}
	buf b;
	buf_init(&b);
	buf_printf(&b, "%s%s", r->base_url, sc->path);
	slot_set(doc, "og-image", buf_str(&b));
	buf_reset(&b);
	buf_printf(&b, "%d", CARD_WIDTH);
	slot_set(doc, "og-image-width", buf_str(&b));
	buf_reset(&b);
	buf_printf(&b, "%d", CARD_HEIGHT);
	slot_set(doc, "og-image-height", buf_str(&b));
	slot_set(doc, "og-image-alt", sc->alt);
	slot_set(doc, "twitter-card", "summary_large_image");
	buf_free(&b);
}

/* The report's card, for the pages that have none of their own. */
static void
fill_share_report(xmlDocPtr doc, const render_ctx *c)
{
	share_card sc;
	share_report_card(c, &sc);
	fill_share(doc, c->rep, &sc);
	share_card_free(&sc);
}

/* Puts content (a <div class="content">) where the content slot is. */
static void
place_content(xmlDocPtr doc, xmlNodePtr content)
{
	xmlNodePtr slot = slot_of(doc, "content");
	xmlReplaceNode(slot, content);
	xmlFreeNode(slot);
}

/* Returns the body's first element if it is an <h1> (the page's own heading), else NULL. */
static xmlNodePtr
body_h1(xmlNodePtr root)
{
	xmlNodePtr n = root->children;
	while (n != NULL && n->type != XML_ELEMENT_NODE)
		n = n->next;
	return n != NULL && strcmp((const char *)n->name, "h1") == 0 ? n : NULL;
}

/* Puts the page's heading in the page-title slot: the body's leading <h1> moved there
 * (so it stays above the contents list and is never doubled), else the section title. */
static void
place_h1(xmlDocPtr doc, xmlNodePtr root, const char *title)
{
	xmlNodePtr h1 = body_h1(root);
	xmlNodePtr slot = slot_of(doc, "page-title");
	if (h1 == NULL || slot == NULL) {
		slot_set(doc, "page-title", title);
		return;
	}
	xmlUnlinkNode(h1);
	xmlReplaceNode(slot, h1);
	xmlFreeNode(slot);
}

/* Strips the slot markers and writes doc as an HTML5 document into out. */
static void
finish(xmlDocPtr doc, buf *out)
{
	strip_slots(xmlDocGetRootElement(doc));
	buf_puts(out, "<!DOCTYPE html>\n");
	html5_serialize(xmlDocGetRootElement(doc), out);
}

/* Returns the <title> of section i: the report title on the first page, else
 * "Section - Report" (caller frees). */
static char *
page_title(const report *r, size_t i)
{
	buf b;
	buf_init(&b);
	if (i > 0)
		buf_printf(&b, "%s \xe2\x80\x94 ", r->sections[i].title);
	buf_puts(&b, r->title);
	return buf_detach(&b);
}

/* Fills every slot of section i's page from its rendered body. */
static void
fill_page(xmlDocPtr doc, const render_ctx *c, size_t i, render_body *body,
    const share_card *sc)
{
	const report *r = c->rep;
	const rep_section *s = &r->sections[i];
	char *title = page_title(r, i);
	const char *desc = i == 0 && r->description ? r->description : s->description;
	page_info p = { r, i, title, desc, c->pdf, i, 0 };
	place_h1(doc, body->root, s->title);
	fill_common(doc, &p);
	fill_urls(doc, r, i);
	fill_share(doc, r, sc);
	fill_toc(doc, body);
	fill_notes(doc, r, body);
	fill_pager(doc, r, i);
	place_content(doc, body->root);
	body->root = NULL;
	free(title);
}

/* Returns the first element at or below n whose id attribute is id, or NULL. */
static xmlNodePtr
find_id(xmlNodePtr n, const char *id)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (prop_is(n, "id", id))
			return n;
		xmlNodePtr in = find_id(n->children, id);
		if (in != NULL)
			return in;
	}
	return NULL;
}

/* Prefixes attribute name of n with prefix ("../", "/sub/path/") when it is a
 * relative link (no scheme, not absolute, not a fragment). */
static void
prefix_link(xmlNodePtr n, const char *name, const char *prefix)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	const char *s = (const char *)v;
	if (s != NULL && s[0] != '#' && s[0] != '/' && s[strcspn(s, ":/?#")] != ':') {
		buf b;
		buf_init(&b);
		buf_printf(&b, "%s%s", prefix, s);
		xmlSetProp(n, BAD_CAST name, BAD_CAST buf_str(&b));
		buf_free(&b);
	}
	xmlFree(v);
}

/* Prefixes every relative link at or below n with prefix ("../": they work one folder
 * down); drops the citation markers (the chart page has no notes). */
static void
relink(xmlNodePtr n, const char *prefix)
{
	while (n != NULL) {
		xmlNodePtr next = n->next;
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "sup") == 0) {
			xmlUnlinkNode(n);
			xmlFreeNode(n);
		} else if (n->type == XML_ELEMENT_NODE) {
			prefix_link(n, "href", prefix);
			prefix_link(n, "src", prefix);
			prefix_link(n, "srcset", prefix);
			relink(n->children, prefix);
		}
		n = next;
	}
}

/* Returns the first element at or below n with attribute name equal to value, or NULL. */
static xmlNodePtr
find_attr(xmlNodePtr n, const char *name, const char *value)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (prop_is(n, name, value))
			return n;
		xmlNodePtr in = find_attr(n->children, name, value);
		if (in != NULL)
			return in;
	}
	return NULL;
}

/* Removes the figure's link to its own chart page (and the separator before it). */
static void
drop_self_link(xmlNodePtr fig, const char *id)
{
	buf b;
	buf_init(&b);
	buf_printf(&b, "charts/%s.html", id);
	xmlNodePtr a = find_attr(fig->children, "href", buf_str(&b));
	buf_free(&b);
	if (a == NULL)
		return;
	if (a->prev != NULL && a->prev->type == XML_TEXT_NODE) {
		xmlNodePtr sep = a->prev;
		xmlUnlinkNode(sep);
		xmlFreeNode(sep);
	}
	xmlUnlinkNode(a);
	xmlFreeNode(a);
}

void
page_put_date(buf *out, const char *date)
{
	put_date(out, date);
}

/* Stores in *w x *h the pixel size of the PNG file path among the n files f. Returns 0,
 * or -1 if there is no such file or it is no PNG. */
static int
png_size(const render_file *f, size_t n, const char *path, unsigned *w, unsigned *h)
{
	for (size_t i = 0; i < n; i++) {
		const unsigned char *d = f[i].head; /* set whether data is read or not */
		if (strcmp(f[i].path, path) != 0 || f[i].len < 24 ||
		    memcmp(d, "\x89PNG\r\n\x1a\n", 8) != 0 || memcmp(d + 12, "IHDR", 4) != 0)
			continue;
		*w = (unsigned)d[16] << 24 | (unsigned)d[17] << 16 | (unsigned)d[18] << 8 | d[19];
		*h = (unsigned)d[20] << 24 | (unsigned)d[21] << 16 | (unsigned)d[22] << 8 | d[23];
		return 0;
	}
	return -1;
}

/* Returns the first <img> at or below n, or NULL. */
static xmlNodePtr
first_img(xmlNodePtr n)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, "img") == 0)
			return n;
		xmlNodePtr in = first_img(n->children);
		if (in != NULL)
			return in;
	}
	return NULL;
}

/* Appends "<li><a href="charts/<id><suffix>">text</a>note</li>" to ul. */
static void
download_item(xmlNodePtr ul, const char *id, const char *suffix, const char *text,
    const char *note)
{
	buf b;
	buf_init(&b);
	buf_printf(&b, "charts/%s%s", id, suffix);
	xmlNodePtr li = add_el(ul, "li", NULL);
	add_link(li, buf_str(&b), text);
	add_text(li, note);
	buf_free(&b);
}

/* Appends the chart page's downloads to div: what each file is, and the PNG download
 * (w x h px, drawn at 2x) shown as it is sent, its alt text the figure's with what the
 * download adds. */
static void
chart_downloads(xmlNodePtr div, const char *id, const char *alt, unsigned w, unsigned h)
{
	xmlNodePtr sec = add_el(div, "section", "chart-downloads");
	add_text(add_el(sec, "h2", NULL), "Downloads");
	add_text(add_el(sec, "p", NULL), "The PNG, PDF and SVG files carry the chart's title, "
	    "its source, the date and this report's name and link, so that they can be sent "
	    "on their own; the CSV holds the numbers drawn.");
	xmlNodePtr ul = add_el(sec, "ul", NULL);
	buf b;
	buf_init(&b);
	buf_printf(&b, ", %u \xc3\x97 %u pixels", w, h);
	download_item(ul, id, ".png", "PNG", buf_str(&b));
	download_item(ul, id, ".pdf", "PDF", ", vector, for print");
	download_item(ul, id, "-download.svg", "SVG", ", vector, for editing");
	download_item(ul, id, ".csv", "CSV", ", the data");
	buf_reset(&b);
	buf_printf(&b, "charts/%s.png", id);
	xmlNodePtr img = add_el(add_el(sec, "p", "chart-download-preview"), "img", NULL);
	xmlSetProp(img, BAD_CAST "src", BAD_CAST buf_str(&b));
	buf_reset(&b);
	buf_printf(&b, "The PNG download: the chart's title above it, and its source, the "
	    "date and the report's name and link below it. %s", alt ? alt : "");
	xmlSetProp(img, BAD_CAST "alt", BAD_CAST buf_str(&b));
	char num[16];
	snprintf(num, sizeof num, "%u", w / 2);
	xmlSetProp(img, BAD_CAST "width", BAD_CAST num);
	snprintf(num, sizeof num, "%u", h / 2);
	xmlSetProp(img, BAD_CAST "height", BAD_CAST num);
	buf_free(&b);
}

/* The chart page's body: where the figure comes from, then the figure itself (without
 * its link to this page), then its downloads (the PNG's size read from the n files f). */
static xmlNodePtr
chart_body(xmlDocPtr doc, const report *r, size_t i, xmlNodePtr fig, const char *id,
    const render_file *f, size_t n)
{
	xmlNodePtr div = xmlNewDocNode(doc, NULL, BAD_CAST "div", NULL);
	xmlSetProp(div, BAD_CAST "class", BAD_CAST "content");
	xmlNodePtr p = add_el(div, "p", NULL);
	buf b;
	buf_init(&b);
	put_page_file(&b, r, i);
	buf_printf(&b, "#fig-%s", id);
	add_text(p, "From the section ");
	add_link(p, buf_str(&b), r->sections[i].title);
	add_text(p, ".");
	xmlNodePtr copy = xmlDocCopyNode(fig, doc, 1);
	drop_self_link(copy, id);
	xmlAddChild(div, copy);
	unsigned w, h;
	buf_reset(&b);
	buf_printf(&b, "charts/%s.png", id);
	if (png_size(f, n, buf_str(&b), &w, &h) == 0) {
		xmlNodePtr img = first_img(copy->children);
		xmlChar *alt = img != NULL ? xmlGetProp(img, BAD_CAST "alt") : NULL;
		chart_downloads(div, id, (const char *)alt, w, h);
		xmlFree(alt);
	}
	buf_free(&b);
	return div;
}

/* Renders the chart page of ch (whose figure is in page, section i; its files among the
 * n files f; its share card sc, or NULL) into out. */
static void
chart_page(const render_ctx *c, const tmpl *t, size_t i, xmlDocPtr page,
    const render_chart *ch, const render_file *f, size_t n, const share_card *sc, buf *out)
{
	const report *r = c->rep;
	buf b;
	buf_init(&b);
	buf_printf(&b, "fig-%s", ch->id);
	xmlNodePtr fig = find_id(xmlDocGetRootElement(page), buf_str(&b));
	xmlDocPtr doc = tmpl_copy(t);
	buf_reset(&b);
	buf_printf(&b, "%s \xe2\x80\x94 %s", ch->title, r->title);
	page_info p = { r, (size_t)-1, buf_str(&b), ch->caption, c->pdf, i, 0 };
	fill_common(doc, &p);
	fill_share(doc, r, sc);
	slot_set(doc, "page-title", ch->title);
	static const char *const drop[] = { "toc", "notes", "pager" };
	for (size_t k = 0; k < sizeof drop / sizeof *drop; k++)
		slot_drop(doc, drop[k]);
	buf_reset(&b);
	buf_printf(&b, "charts/%s.html", ch->id);
	fill_urls_rel(doc, r, buf_str(&b));
	if (fig != NULL)
		place_content(doc, chart_body(doc, r, i, fig, ch->id, f, n));
	relink(xmlDocGetRootElement(doc), "../");
	finish(doc, out);
	render_anchors_page(c->anchors, i, buf_str(&b), xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	buf_free(&b);
}

/* Moves the share card sc's PNG (when it has one) into f[*m] and counts it in *m. */
static void
take_card(render_file *f, size_t *m, share_card *sc)
{
	if (sc->png == NULL)
		return;
	f[*m].path = util_xstrdup(sc->path);
	f[*m].data = sc->png;
	f[*m].len = sc->len;
	sc->png = NULL;
	(*m)++;
}

/* Moves body's chart files into a new array with one chart page per chart appended,
 * each chart's share card, and the section's card sc (its PNG taken, if it has one).
 * Sets *rc to -1 if a chart's card failed (reported in c->d). */
static render_file *
page_files(const render_ctx *c, const tmpl *t, size_t i, xmlDocPtr page,
    render_body *body, share_card *sc, size_t *n, int *rc)
{
	size_t m = body->nfiles;
	render_file *f = util_xcalloc(m + 2 * body->ncharts + 1, sizeof *f);
	if (body->nfiles > 0)
		memcpy(f, body->files, body->nfiles * sizeof *f);
	free(body->files);
	body->files = NULL;
	for (size_t k = 0; k < body->ncharts; k++) {
		buf b;
		buf_init(&b);
		share_card cc;
		int ok = share_chart(c, i, body, k, &cc) == 0;
		if (!ok)
			*rc = -1;
		chart_page(c, t, i, page, &body->charts[k], f, body->nfiles, ok ? &cc : NULL, &b);
		render_file *g = &f[m++];
		g->len = b.len;
		g->data = buf_detach(&b);
		buf_printf(&b, "charts/%s.html", body->charts[k].id);
		g->path = buf_detach(&b);
		if (ok)
			take_card(f, &m, &cc);
		share_card_free(&cc);
	}
	take_card(f, &m, sc);
	body->nfiles = 0;
	*n = m;
	return f;
}

int
page_render_all(const render_ctx *c, const tmpl *t, size_t i, buf *out,
    render_file **files, size_t *nfiles)
{
	return page_render_keep(c, t, i, out, files, nfiles, NULL);
}

int
page_render_keep(const render_ctx *c, const tmpl *t, size_t i, buf *out,
    render_file **files, size_t *nfiles, xmlDocPtr *keep)
{
	xmlDocPtr doc = tmpl_copy(t);
	render_body body;
	memset(&body, 0, sizeof body);
	*files = NULL;
	*nfiles = 0;
	int rc = render_markdown(c, i, doc, &body);
	share_card sc;
	memset(&sc, 0, sizeof sc);
	if (rc == 0 && body.root != NULL && share_section(c, i, &body, &sc) == 0) {
		fill_page(doc, c, i, &body, &sc);
		*files = page_files(c, t, i, doc, &body, &sc, nfiles, &rc);
		finish(doc, out);
		buf self;
		buf_init(&self);
		put_page_file(&self, c->rep, i);
		render_anchors_page(c->anchors, i, buf_str(&self), xmlDocGetRootElement(doc));
		buf_free(&self);
	} else {
		rc = -1;
	}
	share_card_free(&sc);
	if (body.root != NULL)
		xmlFreeNode(body.root);
	render_body_free(&body);
	if (keep != NULL && rc == 0)
		*keep = doc;
	else
		xmlFreeDoc(doc);
	return rc;
}

void
page_files_free(render_file *files, size_t n)
{
	for (size_t i = 0; files != NULL && i < n; i++) {
		free(files[i].path);
		free(files[i].data);
	}
	free(files);
}

int
page_render(const render_ctx *c, const tmpl *t, size_t i, buf *out)
{
	render_file *files;
	size_t n;
	int rc = page_render_all(c, t, i, out, &files, &n);
	page_files_free(files, n);
	return rc;
}

/* Builds the 404 page's body: a short explanation and a link to the first page. */
static xmlNodePtr
notfound_body(xmlDocPtr doc, const report *r)
{
	xmlNodePtr div = xmlNewDocNode(doc, NULL, BAD_CAST "div", NULL);
	xmlSetProp(div, BAD_CAST "class", BAD_CAST "content");
	xmlNodePtr p = add_el(div, "p", NULL);
	add_text(p, "There is no page at this address. It may have moved, or the link "
	    "may be mistyped. The report starts at ");
	buf b;
	buf_init(&b);
	put_page_file(&b, r, 0);
	add_link(p, buf_str(&b), r->sections[0].title);
	buf_free(&b);
	if (nav_bounded(r)) {
		add_text(p, "; ");
		add_link(p, NAV_CONTENTS, "the contents page");
		add_text(p, " lists every section.");
	} else {
		add_text(p, "; every section is listed above.");
	}
	return div;
}

/* Appends the path of r's base_url ("/sub/path/" of https://host/sub/path/), or "/"
 * when the report has no base_url (the site is taken to be served at the host's root). */
static void
put_base_path(buf *out, const report *r)
{
	const char *u = r->base_url;
	const char *host = u != NULL ? strstr(u, "://") : NULL;
	const char *path = host != NULL ? strchr(host + 3, '/') : NULL;
	buf_puts(out, path != NULL ? path : "/");
}

/* The 404 page. A host serves it for any missing path (/sub/path/a/b/c), so relative
 * links would resolve against that path: every link and asset is made absolute from
 * base_url's path instead ("/" without base_url), so the page keeps its style and
 * navigation at any depth. The site's other pages keep relative links. */
int
page_render_404(const render_ctx *c, const tmpl *t, buf *out)
{
	const report *r = c->rep;
	if (r->nsections == 0) {
		diag_error(c->d, diag_file_pos(c->d, "404.html"), "the report has no sections");
		return -1;
	}
	xmlDocPtr doc = tmpl_copy(t);
	buf title;
	buf_init(&title);
	buf_printf(&title, "Page not found \xe2\x80\x94 %s", r->title);
	page_info p = { r, (size_t)-1, buf_str(&title), r->description, c->pdf, 0, 0 };
	fill_common(doc, &p);
	fill_share(doc, r, NULL); /* no og:image: the page is not shared */
	slot_set(doc, "page-title", "Page not found");
	static const char *const drop[] = { "og-url", "canonical", "toc", "notes", "pager" };
	for (size_t k = 0; k < sizeof drop / sizeof *drop; k++)
		slot_drop(doc, drop[k]);
	place_content(doc, notfound_body(doc, r));
	buf base;
	buf_init(&base);
	put_base_path(&base, r);
	relink(xmlDocGetRootElement(doc), buf_str(&base));
	buf_free(&base);
	finish(doc, out);
	buf_free(&title);
	xmlFreeDoc(doc);
	return 0;
}

int
page_has_contents(const report *r)
{
	return nav_bounded(r);
}

/* Returns a copy of the template filled as a page of the site that is not a section:
 * heading as its <h1> and "heading - report" as its title, the report's share card, its
 * URLs from file, no contents list, notes or pager (contents: 1 on the contents page,
 * whose own link the navigation marks). The caller places its content. */
static xmlDocPtr
site_page_start(const render_ctx *c, const tmpl *t, const char *heading, const char *file,
    int contents)
{
	const report *r = c->rep;
	xmlDocPtr doc = tmpl_copy(t);
	buf b;
	buf_init(&b);
	buf_printf(&b, "%s \xe2\x80\x94 %s", heading, r->title);
	page_info p = { r, (size_t)-1, buf_str(&b), r->description, c->pdf, 0, contents };
	fill_common(doc, &p);
	fill_share_report(doc, c);
	slot_set(doc, "page-title", heading);
	static const char *const drop[] = { "toc", "notes", "pager" };
	for (size_t k = 0; k < sizeof drop / sizeof *drop; k++)
		slot_drop(doc, drop[k]);
	fill_urls_rel(doc, r, file);
	buf_free(&b);
	return doc;
}

/* Places content in doc, serializes doc into out and frees it. */
static void
site_page_finish(xmlDocPtr doc, xmlNodePtr content, buf *out)
{
	place_content(doc, content);
	finish(doc, out);
	xmlFreeDoc(doc);
}

int
page_render_contents(const render_ctx *c, const tmpl *t, buf *out)
{
	if (nav_check(c->rep, c->d) != 0)
		return -1;
	xmlDocPtr doc = site_page_start(c, t, "Contents", NAV_CONTENTS, 1);
	site_page_finish(doc, nav_contents_body(doc, c->rep), out);
	return 0;
}

/* Adds to doc's head a Content-Security-Policy that lets the page load only its own
 * files and run its own scripts, workers and WebAssembly. */
static void
add_csp(xmlDocPtr doc)
{
	xmlNodePtr head = xmlDocGetRootElement(doc)->children;
	while (head != NULL && (head->type != XML_ELEMENT_NODE ||
	    strcmp((const char *)head->name, "head") != 0))
		head = head->next;
	if (head == NULL)
		return;
	xmlNodePtr m = xmlNewDocNode(doc, NULL, BAD_CAST "meta", NULL);
	xmlSetProp(m, BAD_CAST "http-equiv", BAD_CAST "Content-Security-Policy");
	xmlSetProp(m, BAD_CAST "content", BAD_CAST "default-src 'none'; script-src 'self' "
	    "'wasm-unsafe-eval'; worker-src 'self'; style-src 'self'; img-src 'self' data:; "
	    "base-uri 'none'; form-action 'none'");
	xmlNodePtr first = head->children;
	while (first != NULL && first->type != XML_ELEMENT_NODE)
		first = first->next;
	if (first != NULL)
		xmlAddNextSibling(first, m); /* right after <meta charset> */
	else
		xmlAddChild(head, m);
}

int
page_render_explore(const render_ctx *c, const tmpl *t, buf *out)
{
	xmlDocPtr doc = site_page_start(c, t, "Explore the model", EXPLORE_PAGE, 0);
	add_csp(doc);
	site_page_finish(doc, explore_page_body(doc, c), out);
	return 0;
}

/* Appends <url><loc>loc</loc><lastmod>as_of</lastmod></url> and a newline to set. */
static void
sitemap_url(xmlNodePtr set, const char *loc, const char *as_of)
{
	xmlNodePtr u = add_el(set, "url", NULL);
	add_text(add_el(u, "loc", NULL), loc);
	add_text(add_el(u, "lastmod", NULL), as_of);
	add_text(set, "\n");
}

void
page_sitemap(const report *r, const render_figs *figs, buf *out)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr set = xmlNewDocNode(doc, NULL, BAD_CAST "urlset", NULL);
	xmlDocSetRootElement(doc, set);
	xmlSetProp(set, BAD_CAST "xmlns", BAD_CAST "http://www.sitemaps.org/schemas/sitemap/0.9");
	add_text(set, "\n");
	buf loc;
	buf_init(&loc);
	for (size_t i = 0; i < r->nsections; i++) {
		buf_reset(&loc);
		put_page_url(&loc, r, i);
		sitemap_url(set, buf_str(&loc), r->as_of);
	}
	if (nav_bounded(r)) {
		buf_reset(&loc);
		buf_printf(&loc, "%s%s", r->base_url, NAV_CONTENTS);
		sitemap_url(set, buf_str(&loc), r->as_of);
	}
	if (explore_page_wanted(r)) {
		buf_reset(&loc);
		buf_printf(&loc, "%s%s", r->base_url, EXPLORE_PAGE);
		sitemap_url(set, buf_str(&loc), r->as_of);
	}
	for (size_t k = 0; figs != NULL && k < figs->n; k++) {
		buf_reset(&loc);
		buf_printf(&loc, "%scharts/%s.html", r->base_url, figs->figs[k].id);
		sitemap_url(set, buf_str(&loc), r->as_of);
	}
	buf_free(&loc);
	buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	html5_serialize(set, out);
	xmlFreeDoc(doc);
}

void
page_robots(const report *r, buf *out)
{
	buf_puts(out, "User-agent: *\nAllow: /\n");
	if (r->base_url != NULL)
		buf_printf(out, "Sitemap: %ssitemap.xml\n", r->base_url);
}
