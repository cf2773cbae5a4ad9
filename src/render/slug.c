/* slug: headings with unique ids, self-link anchors (below the title) and the page's
 * headings list; the report's pack file name. */
#include "render/render_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/hash.h"

/* Ids the page template and the notes list use: a heading never takes them. */
static const char *const reserved[] = { "note-", "cite-", "src-", NULL };

void
render_slugify(const char *text, const char *fallback, buf *out)
{
	size_t start = out->len;
	int dash = 0;
	for (const char *p = text; *p; p++) {
		char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && out->len > start)
				buf_putc(out, '-');
			buf_putc(out, c);
			dash = 0;
		} else {
			dash = 1;
		}
	}
	if (out->len == start)
		buf_puts(out, fallback);
}

void
render_report_slug(const report *r, buf *out)
{
	render_slugify(r->title ? r->title : "", "report", out);
}

void
render_pack_name(const report *r, buf *out)
{
	render_report_slug(r, out);
	buf_puts(out, "-pack.zip");
}

/* Appends text slugified to out (render_slugify, "section" if nothing is left), with
 * "s-" before a slug that starts like an id the template or notes use. */
static void
slugify(const char *text, buf *out)
{
	render_slugify(text, "section", out);
	for (size_t i = 0; reserved[i]; i++)
		if (strncmp(out->data, reserved[i], strlen(reserved[i])) == 0) {
			char *s = buf_detach(out);
			buf_printf(out, "s-%s", s);
			free(s);
			break;
		}
}

/* Adds id (taken over) to r's set with next suffix 2 and returns it. */
static const char *
ids_add(rnd *r, char *id)
{
	hash_add(r->ids, id, 2, NULL);
	return id;
}

const char *
render_unique_id(rnd *r, const char *text)
{
	buf base;
	buf_init(&base);
	slugify(text, &base);
	if (r->ids == NULL)
		r->ids = hash_new(HASH_OWN);
	size_t *next = hash_ref(r->ids, base.data);
	if (next == NULL)
		return ids_add(r, buf_detach(&base));
	buf id;
	buf_init(&id);
	size_t k = *next;
	do {
		buf_reset(&id);
		buf_printf(&id, "%s-%zu", base.data, k++);
	} while (hash_get(r->ids, id.data, NULL));
	*next = k; /* still valid: nothing was added since hash_ref */
	buf_free(&base);
	return ids_add(r, buf_detach(&id));
}

void
render_ids_free(rnd *r)
{
	hash_free(r->ids);
	r->ids = NULL;
}

/* Appends the text of n's subtree to out, leaving out citation marks. */
static void
heading_text(xmlNodePtr n, buf *out)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE && c->content != NULL)
			buf_puts(out, (const char *)c->content);
		else if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "sup") != 0)
			heading_text(c, out);
	}
}

/* Returns text with whitespace runs made one space and none at either end (new). */
static char *
squeeze(const char *text)
{
	buf b;
	buf_init(&b);
	int space = 0;
	for (const char *p = text; *p; p++) {
		if (strchr(" \t\r\n", *p) != NULL) {
			space = 1;
			continue;
		}
		if (space && b.len > 0)
			buf_putc(&b, ' ');
		buf_putc(&b, *p);
		space = 0;
	}
	return buf_detach(&b);
}

/* Records a heading in the page's headings list. */
static void
push_heading(rnd *r, int level, const char *id, char *text)
{
	if ((r->nheads & (r->nheads - 1)) == 0) /* 0, 1, 2, 4...: double */
		r->heads = util_xrealloc(r->heads, (r->nheads ? 2 * r->nheads : 1) *
		    sizeof(render_heading));
	r->heads[r->nheads].level = level;
	r->heads[r->nheads].id = util_xstrdup(id);
	r->heads[r->nheads].text = text;
	r->nheads++;
}

void
render_heading_block(rnd *r, cmark_node *n, xmlNodePtr parent)
{
	int level = cmark_node_get_heading_level(n);
	char name[4];
	snprintf(name, sizeof name, "h%d", level < 1 || level > 6 ? 2 : level);
	xmlNodePtr h = render_el(r, parent, name);
	render_window(r, n);
	render_inlines(r, cmark_node_first_child(n), h);
	buf raw;
	buf_init(&raw);
	heading_text(h, &raw);
	char *text = squeeze(buf_str(&raw));
	buf_free(&raw);
	const char *id = render_unique_id(r, text);
	render_attr(h, "id", id);
	if (level > 1) { /* a level-1 heading is the page's title: its address is the link */
		buf href;
		buf_init(&href);
		buf_printf(&href, "#%s", id);
		xmlNodePtr a = render_el_text(r, h, "a", "anchor", "#");
		render_attr(a, "href", href.data);
		render_attr(a, "aria-label", "Link to this section");
		buf_free(&href);
	}
	push_heading(r, level, id, text);
}
