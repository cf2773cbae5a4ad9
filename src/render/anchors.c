/* anchors: each page's ids and the links to #anchors, checked once every page is rendered. */
#include "render/anchors.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/hash.h"

/* A page a section produced and the ids it has. */
typedef struct anchor_page {
	char *path;      /* file relative to the site root (owned) */
	hash_table *ids; /* every id on the page (owns its keys) */
} anchor_page;

/* A link to an anchor, as written on a page. */
typedef struct anchor_link {
	char *target;    /* the page it points at, relative to the site root (owned) */
	char *frag;      /* the fragment, without '#', as written (owned) */
	int same;        /* 1: written as "#frag" (the page it is on) */
	char *file;      /* where it is written (owned) */
	int line, col;   /* its position in file (0: unknown) */
} anchor_link;

/* What rendering one section recorded. */
typedef struct anchor_sec {
	anchor_page *pages; /* the section's page and its chart pages (owned) */
	size_t npages;      /* entries of pages */
	anchor_link *links; /* links to anchors, in page order (owned) */
	size_t nlinks;      /* entries of links */
} anchor_sec;

struct render_anchors {
	size_t n;        /* sections */
	anchor_sec *sec; /* n entries, one per section (owned) */
};

render_anchors *
render_anchors_new(size_t nsections)
{
	render_anchors *a = util_xcalloc(1, sizeof *a);
	a->n = nsections;
	a->sec = util_xcalloc(nsections ? nsections : 1, sizeof *a->sec);
	return a;
}

void
render_anchors_free(render_anchors *a)
{
	if (a == NULL)
		return;
	for (size_t i = 0; i < a->n; i++) {
		anchor_sec *s = &a->sec[i];
		for (size_t k = 0; k < s->npages; k++) {
			free(s->pages[k].path);
			hash_free(s->pages[k].ids);
		}
		for (size_t k = 0; k < s->nlinks; k++) {
			free(s->links[k].target);
			free(s->links[k].frag);
			free(s->links[k].file);
		}
		free(s->pages);
		free(s->links);
	}
	free(a->sec);
	free(a);
}

/* Adds the id of every element from n on (siblings and descendants) to ids. */
static void
collect_ids(xmlNodePtr n, hash_table *ids)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *id = xmlGetProp(n, BAD_CAST "id");
		if (id != NULL) {
			char *key = util_xstrdup((const char *)id);
			if (!hash_add(ids, key, 0, NULL))
				free(key);
			xmlFree(id);
		}
		collect_ids(n->children, ids);
	}
}

void
render_anchors_page(render_anchors *a, size_t section, const char *path, xmlNodePtr root)
{
	if (a == NULL || section >= a->n)
		return;
	anchor_sec *s = &a->sec[section];
	s->pages = util_xrealloc(s->pages, (s->npages + 1) * sizeof *s->pages);
	anchor_page *p = &s->pages[s->npages++];
	p->path = util_xstrdup(path);
	p->ids = hash_new(HASH_OWN);
	if (root != NULL)
		collect_ids(root, p->ids);
}

/* Returns 1 if the path part path[0..n) of a link can name a page of the site whose
 * anchors are recorded: "x.html" or "charts/x.html", without "/" elsewhere, "..",
 * "\" or "%" (an encoded name is left to the page check). */
static int
page_path_ok(const char *path, size_t n)
{
	if (n < 6 || strncmp(path + n - 5, ".html", 5) != 0)
		return 0;
	const char *name = path;
	if (n > 7 && strncmp(path, "charts/", 7) == 0)
		name = path + 7;
	for (const char *p = name; p < path + n; p++)
		if (*p == '/' || *p == '\\' || *p == '%')
			return 0;
	return name[0] != '.';
}

void
render_anchors_link(render_anchors *a, size_t section, const char *page_path,
    const char *url, diag_pos pos)
{
	if (a == NULL || section >= a->n || url == NULL)
		return;
	if (strncmp(url, "./", 2) == 0)
		url += 2;
	const char *hash = strchr(url, '#');
	size_t n = strcspn(url, "?#");
	if (hash == NULL || strcspn(url, ":") < n)
		return; /* no anchor, or a scheme: not a link into this site */
	if (n > 0 && !page_path_ok(url, n))
		return;
	anchor_sec *s = &a->sec[section];
	s->links = util_xrealloc(s->links, (s->nlinks + 1) * sizeof *s->links);
	anchor_link *l = &s->links[s->nlinks++];
	l->same = n == 0;
	l->target = n == 0 ? util_xstrdup(page_path) : util_xstrndup(url, n);
	l->frag = util_xstrdup(hash + 1);
	l->file = util_xstrdup(pos.file ? pos.file : page_path);
	l->line = pos.line;
	l->col = pos.col;
}

/* Returns the value of hex digit c, or -1. */
static int
hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Appends s percent-decoded to out (a '%' not followed by two hex digits is kept). */
static void
percent_decode(const char *s, buf *out)
{
	for (; *s; s++) {
		int hi = s[0] == '%' ? hex(s[1]) : -1;
		int lo = hi >= 0 ? hex(s[2]) : -1;
		if (lo >= 0) {
			buf_putc(out, (char)(hi * 16 + lo));
			s += 2;
		} else {
			buf_putc(out, *s);
		}
	}
}

/* Returns 1 if frag names an element of ids, as a browser finds it: the fragment as
 * written, else percent-decoded; "" and "top" (any case) are the top of the page. */
static int
frag_found(const hash_table *ids, const char *frag)
{
	if (frag[0] == '\0' || strcasecmp(frag, "top") == 0 || hash_get(ids, frag, NULL))
		return 1;
	buf b;
	buf_init(&b);
	percent_decode(frag, &b);
	const char *dec = buf_str(&b);
	int found = strlen(dec) == b.len && (strcasecmp(dec, "top") == 0 ||
	    hash_get(ids, dec, NULL));
	buf_free(&b);
	return found;
}

/* Returns a new table (free with hash_free) of every recorded page path -> its index
 * in *flat, a new array of the pages (the caller frees it); keys borrowed from a. */
static hash_table *
index_pages(const render_anchors *a, const anchor_page ***flat)
{
	size_t total = 0;
	for (size_t i = 0; i < a->n; i++)
		total += a->sec[i].npages;
	*flat = util_xcalloc(total ? total : 1, sizeof **flat);
	hash_table *ix = hash_new(HASH_BORROW);
	size_t k = 0;
	for (size_t i = 0; i < a->n; i++)
		for (size_t j = 0; j < a->sec[i].npages; j++) {
			(*flat)[k] = &a->sec[i].pages[j];
			hash_add(ix, a->sec[i].pages[j].path, k, NULL);
			k++;
		}
	return ix;
}

/* Records in d the error for link l, whose page has no element with its fragment. */
static void
report_link(const anchor_link *l, diag *d)
{
	diag_pos pos = { diag_intern(d, l->file), l->line, l->col };
	if (l->same)
		diag_error(d, pos, "link to unknown anchor '#%s' on this page", l->frag);
	else
		diag_error(d, pos, "link to unknown anchor '#%s' on page '%s'", l->frag,
		    l->target);
}

int
render_anchors_check(const render_anchors *a, diag *d)
{
	if (a == NULL)
		return 0;
	const anchor_page **flat;
	hash_table *ix = index_pages(a, &flat);
	int errors = 0;
	for (size_t i = 0; i < a->n; i++)
		for (size_t k = 0; k < a->sec[i].nlinks; k++) {
			const anchor_link *l = &a->sec[i].links[k];
			size_t at;
			if (!hash_get(ix, l->target, &at) || frag_found(flat[at]->ids, l->frag))
				continue;
			report_link(l, d);
			errors++;
		}
	hash_free(ix);
	free(flat);
	return errors;
}
