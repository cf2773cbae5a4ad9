/* inline: a block's inline nodes (emphasis, code, links, images, raw HTML) as DOM. */
#include "render/render_int.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "render/anchors.h"
#include "render/explore_page.h"
#include "util/url.h"

static void render_inline(rnd *r, cmark_node *n, xmlNodePtr parent);

int
render_url_ok(const char *url)
{
	if (url == NULL)
		return 0;
	url_view u;
	url_read(&u, url);
	int ok = url_link_refusal(&u) == NULL;
	url_done(&u);
	return ok;
}

/* Records an error at url's place in the page: what ("link" or "image") url, read as
 * u, is refused because why. */
static void
url_refused(rnd *r, const char *what, const char *url, const url_view *u, const char *why)
{
	diag_pos pos = render_locate(r, url, strlen(url));
	if (pos.col == 0) /* spelled with entities or escapes: the destination's start */
		pos = render_locate(r, "](", 2);
	buf shown;
	buf_init(&shown);
	url_quote(&shown, url);
	if (strcmp(url, u->clean.data) != 0) {
		buf_puts(&shown, "' (read as '");
		url_quote(&shown, u->clean.data);
		buf_puts(&shown, "')");
	} else {
		buf_putc(&shown, '\'');
	}
	diag_error(r->d, pos, "%s '%s %s", what, shown.data, why); /* shown ends the quote */
	buf_free(&shown);
}

void
render_raw_html(rnd *r, const char *html, xmlNodePtr parent)
{
	buf b;
	buf_init(&b);
	buf_printf(&b, "<!DOCTYPE html><html><body>%s</body></html>", html ? html : "");
	htmlDocPtr h = htmlReadMemory(b.data, (int)b.len, NULL, "UTF-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	buf_free(&b);
	if (h == NULL)
		return;
	xmlNodePtr root = xmlDocGetRootElement(h);
	for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "body") != 0)
			continue;
		for (xmlNodePtr k = c->children; k; k = k->next)
			xmlAddChild(parent, xmlDocCopyNode(k, r->doc, 1));
	}
	xmlFreeDoc(h);
}

/* Returns 1 if url is a relative link to a page of this site (x.html, x.html#a) that
 * no section has; its page name goes to *page. */
static int
unknown_page(rnd *r, const char *url, buf *page)
{
	size_t n = strcspn(url, "?#");
	if (strcspn(url, ":/") < n || n < 6 || strncmp(url + n - 5, ".html", 5) != 0)
		return 0;
	buf_append(page, url, n);
	char *slug = util_xstrndup(url, n - 5);
	int known = report_section_index(r->rep, slug) >= 0 ||
	    (strcmp(slug, "explore") == 0 && explore_page_wanted(r->rep));
	free(slug);
	return !known;
}

/* Records the link to url (holding a '#') for the anchor check after every page. */
static void
record_anchor_link(rnd *r, const char *url)
{
	buf self;
	buf_init(&self);
	buf_printf(&self, "%s.html", r->rep->sections[r->section].slug);
	render_anchors_link(r->c->anchors, r->section, buf_str(&self), url,
	    render_locate(r, url, strlen(url)));
	buf_free(&self);
}

/* <a href> around the link text, its URL as a browser reads it; a refused URL is an
 * error and the text stays without a link. */
static void
render_link(rnd *r, cmark_node *n, xmlNodePtr parent)
{
	const char *url = cmark_node_get_url(n);
	const char *title = cmark_node_get_title(n);
	xmlNodePtr into = parent;
	url_view u;
	url_read(&u, url ? url : "");
	const char *why = url_link_refusal(&u);
	buf page;
	buf_init(&page);
	if (why != NULL) {
		url_refused(r, "link", url ? url : "", &u, why);
	} else {
		if (unknown_page(r, u.clean.data, &page))
			diag_error(r->d, render_locate(r, url, strlen(url)),
			    "link to unknown page '%s'", page.data);
		else if (r->c->anchors != NULL && strchr(u.clean.data, '#') != NULL)
			record_anchor_link(r, u.clean.data);
		into = render_el(r, parent, "a");
		render_attr(into, "href", u.clean.data);
		if (title != NULL && title[0] != '\0')
			render_attr(into, "title", title);
	}
	buf_free(&page);
	url_done(&u);
	int saved = r->in_link;
	r->in_link = 1;
	render_inlines(r, cmark_node_first_child(n), into);
	r->in_link = saved;
}

/* Appends the plain text of n's descendants (an image's alt text) to out. */
static void
plain_text(cmark_node *n, buf *out)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(c);
		if (ev != CMARK_EVENT_ENTER || c == n)
			continue;
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)
			buf_puts(out, cmark_node_get_literal(c));
		else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
			buf_putc(out, ' ');
	}
	cmark_iter_free(it);
}

/* Returns 1 if s holds only spaces (or nothing). */
static int
blank(const char *s)
{
	return s[strspn(s, " \t\r\n")] == '\0';
}

/* <img src alt>, its URL as a browser reads it; an image without alt text or with a
 * refused URL (not a file inside the site) is an error. */
static void
render_image(rnd *r, cmark_node *n, xmlNodePtr parent)
{
	const char *url = cmark_node_get_url(n);
	const char *title = cmark_node_get_title(n);
	buf alt;
	buf_init(&alt);
	plain_text(n, &alt);
	url_view u;
	url_read(&u, url ? url : "");
	const char *why = url_image_refusal(&u);
	if (blank(buf_str(&alt)))
		diag_error(r->d, render_locate(r, "![", 2), "image has no alt text");
	else if (why != NULL)
		url_refused(r, "image", url ? url : "", &u, why);
	else {
		xmlNodePtr img = render_el(r, parent, "img");
		render_attr(img, "src", u.clean.data);
		render_attr(img, "alt", alt.data);
		if (title != NULL && title[0] != '\0')
			render_attr(img, "title", title);
	}
	url_done(&u);
	buf_free(&alt);
}

/* An element holding n's rendered children. */
static void
render_wrap(rnd *r, cmark_node *n, xmlNodePtr parent, const char *name)
{
	render_inlines(r, cmark_node_first_child(n), render_el(r, parent, name));
}

/* Renders one inline node that is not text or a soft break. */
static void
render_inline_kind(rnd *r, cmark_node *n, xmlNodePtr parent)
{
	const char *lit = cmark_node_get_literal(n);
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_LINEBREAK:
		render_el(r, parent, "br");
		break;
	case CMARK_NODE_CODE:
		(void)render_locate(r, lit, strlen(lit)); /* keeps later positions right */
		render_el_text(r, parent, "code", NULL, lit);
		break;
	case CMARK_NODE_EMPH:
		render_wrap(r, n, parent, "em");
		break;
	case CMARK_NODE_STRONG:
		render_wrap(r, n, parent, "strong");
		break;
	case CMARK_NODE_LINK:
		render_link(r, n, parent);
		break;
	case CMARK_NODE_IMAGE:
		render_image(r, n, parent);
		break;
	default: /* custom inlines: their children */
		render_inlines(r, cmark_node_first_child(n), parent);
		break;
	}
}

/* Renders n within the nesting limit. */
static void
render_inline(rnd *r, cmark_node *n, xmlNodePtr parent)
{
	if (render_enter(r) == 0)
		render_inline_kind(r, n, parent);
	render_leave(r);
}

/* The elements inline HTML opened in one run of sibling inlines and not yet closed
 * (raw_html: true): what follows an open tag goes inside its element until the
 * matching close tag, as a browser reads cmark's own --unsafe output. */
typedef struct html_open {
	xmlNodePtr *el; /* the open elements, innermost last */
	size_t n;       /* entries used */
	size_t cap;     /* entries allocated */
} html_open;

/* Returns the tag name of the close tag lit ("</b >" -> "b", 1 with *len), else 0. */
static int
close_tag(const char *lit, size_t *len)
{
	if (lit[0] != '<' || lit[1] != '/')
		return 0;
	*len = strcspn(lit + 2, " \t\r\n>");
	return *len > 0;
}

/* Returns the element the inline HTML lit (one start tag, parsed into parent's last
 * new child) leaves open, or NULL: lit is no start tag or a void element ("<br>"). */
static xmlNodePtr
opened(const char *lit, xmlNodePtr before, xmlNodePtr parent)
{
	xmlNodePtr el = before != NULL ? before->next : parent->children;
	if (lit[0] != '<' || lit[1] == '/' || lit[1] == '!' || lit[1] == '?' || el == NULL ||
	    el->next != NULL || el->type != XML_ELEMENT_NODE || el->children != NULL)
		return NULL;
	const htmlElemDesc *desc = htmlTagLookup(el->name);
	return desc != NULL && desc->empty ? NULL : el;
}

/* Renders the inline HTML node n into the innermost open element (or parent): a close
 * tag ends the innermost open element of its name (and any opened inside it; one
 * matching none is dropped); a start tag of a non-void element stays open. */
static void
inline_html(rnd *r, cmark_node *n, xmlNodePtr parent, html_open *o)
{
	const char *lit = cmark_node_get_literal(n);
	lit = lit != NULL ? lit : "";
	size_t len;
	if (close_tag(lit, &len)) {
		size_t k = o->n;
		while (k > 0 && (xmlStrlen(o->el[k - 1]->name) != (int)len ||
		    xmlStrncasecmp(o->el[k - 1]->name, BAD_CAST (lit + 2), (int)len) != 0))
			k--;
		for (; k > 0 && o->n >= k; o->n--)
			render_leave(r);
		return;
	}
	xmlNodePtr into = o->n > 0 ? o->el[o->n - 1] : parent;
	xmlNodePtr before = into->last;
	render_raw_html(r, lit, into);
	xmlNodePtr el = opened(lit, before, into);
	if (el == NULL)
		return;
	if (render_enter(r) != 0) { /* too deep: what follows stays outside it */
		render_leave(r);
		return;
	}
	if (o->n == o->cap) {
		o->cap = o->cap ? 2 * o->cap : 8;
		o->el = util_xrealloc(o->el, o->cap * sizeof *o->el);
	}
	o->el[o->n++] = el;
}

void
render_inlines(rnd *r, cmark_node *first, xmlNodePtr parent)
{
	buf run;
	buf_init(&run);
	html_open open = { NULL, 0, 0 };
	xmlNodePtr into = parent;
	for (cmark_node *n = first; n; n = cmark_node_next(n)) {
		cmark_node_type t = cmark_node_get_type(n);
		if (t == CMARK_NODE_TEXT) {
			buf_puts(&run, cmark_node_get_literal(n));
			continue;
		}
		if (t == CMARK_NODE_SOFTBREAK) {
			buf_putc(&run, '\n');
			continue;
		}
		if (t == CMARK_NODE_HTML_INLINE && !r->rep->raw_html)
			continue; /* dropped: the text around it stays one run */
		render_text(r, run.data, run.len, into);
		buf_reset(&run);
		if (t == CMARK_NODE_HTML_INLINE)
			inline_html(r, n, parent, &open);
		else
			render_inline(r, n, into);
		into = open.n > 0 ? open.el[open.n - 1] : parent;
	}
	render_text(r, run.data, run.len, into);
	for (; open.n > 0; open.n--) /* elements never closed end with the run */
		render_leave(r);
	free(open.el);
	buf_free(&run);
}
