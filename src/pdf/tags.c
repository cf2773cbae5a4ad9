/* tags: report.pdf's structure tree written through cairo's tags, every piece of text
 * in an element that holds no other element (cairo 1.16 marks only those), page
 * furniture as artifacts; the outline's entries and the figures' alt texts in order. */
#include "pdf/pdf_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	TAGS_DEPTH = 64 /* elements open at once; deeper ones are set untagged */
};

/* An element open in the structure. */
typedef struct open_tag {
	char name[16];  /* its structure type */
	char *attrs;    /* cairo's attributes (owned), or NULL */
	int leaf;       /* 1: holds text, opened at the first ink */
	int opened;     /* 1: begun in cairo (a leaf may wait for its first ink) */
	int ghost;      /* 1: a text element inside one that had no ink: not written,
	                 * its text goes to that one */
	char **links;   /* Links to write after it ends (owned): their text is in it */
	size_t nlinks;  /* entries of links */
} open_tag;

struct pdf_tags {
	open_tag st[TAGS_DEPTH]; /* the open elements, outermost first */
	int n;                   /* entries of st used (may pass TAGS_DEPTH: not tracked) */
	int artifact;            /* depth of artifacts being drawn (no tags inside) */
	char **alts;             /* each Figure's alt text, in order (owned) */
	size_t nalts;            /* entries of alts */
	pdf_outline_entry *out;  /* outline entries in order (owned) */
	size_t nout;             /* entries of out */
	int ndest;               /* destinations named so far */
};

pdf_tags *
pdf_tags_new(void)
{
	return util_xcalloc(1, sizeof(pdf_tags));
}

void
pdf_tags_free(pdf_tags *g)
{
	if (g == NULL)
		return;
	for (int i = 0; i < g->n && i < TAGS_DEPTH; i++) {
		free(g->st[i].attrs);
		for (size_t k = 0; k < g->st[i].nlinks; k++)
			free(g->st[i].links[k]);
		free(g->st[i].links);
	}
	for (size_t i = 0; i < g->nalts; i++)
		free(g->alts[i]);
	free(g->alts);
	for (size_t i = 0; i < g->nout; i++) {
		free(g->out[i].title);
		free(g->out[i].dest);
	}
	free(g->out);
	free(g);
}

/* Begins element e in cairo. */
static void
begin(pdf_doc *t, open_tag *e)
{
	cairo_tag_begin(t->cr, e->name, e->attrs ? e->attrs : "");
	e->opened = 1;
}

/* Opens, as holders of other elements, the open elements still waiting for ink. */
static void
flush(pdf_doc *t)
{
	pdf_tags *g = t->tags;
	for (int i = 0; i < g->n && i < TAGS_DEPTH; i++) {
		if (g->st[i].ghost)
			continue;
		if (!g->st[i].opened)
			begin(t, &g->st[i]);
		g->st[i].leaf = 0;
	}
}

/* Returns the innermost open element that is written (not a ghost), or NULL. */
static open_tag *
top(pdf_tags *g)
{
	if (g == NULL || g->artifact > 0 || g->n > TAGS_DEPTH)
		return NULL;
	for (int i = g->n - 1; i >= 0; i--)
		if (!g->st[i].ghost)
			return &g->st[i];
	return NULL;
}

/* Pushes element name (attrs may be NULL) as a leaf or a holder. */
static void
push(pdf_doc *t, const char *name, const char *attrs, int leaf)
{
	pdf_tags *g = t->tags;
	if (g == NULL || g->artifact > 0)
		return;
	if (g->n >= TAGS_DEPTH) {
		g->n++;
		return;
	}
	open_tag *up = top(g);
	int ghost = leaf && up != NULL && up->leaf && !up->opened && up->nlinks == 0;
	if (!ghost)
		flush(t);
	open_tag *e = &g->st[g->n++];
	memset(e, 0, sizeof *e);
	e->ghost = ghost;
	snprintf(e->name, sizeof e->name, "%s", name);
	if (ghost)
		return;
	e->attrs = attrs ? util_xstrdup(attrs) : NULL;
	e->leaf = leaf;
	if (!leaf)
		begin(t, e);
}

void
pdf_tag(pdf_doc *t, const char *name)
{
	push(t, name, NULL, 0);
}

void
pdf_tag_leaf(pdf_doc *t, const char *name)
{
	push(t, name, NULL, 1);
}

void
pdf_tag_leaf_attrs(pdf_doc *t, const char *name, const char *attrs)
{
	push(t, name, attrs, 1);
}

/* Writes a Link element with attributes attrs where cairo is. */
static void
link_now(pdf_doc *t, const char *attrs)
{
	cairo_tag_begin(t->cr, CAIRO_TAG_LINK, attrs);
	cairo_tag_end(t->cr, CAIRO_TAG_LINK);
}

/* Ends e in cairo if begun, then writes the Links queued on it (after it, in its
 * parent, on this page). */
static void
close_tag(pdf_doc *t, open_tag *e)
{
	if (e->opened)
		cairo_tag_end(t->cr, e->name);
	e->opened = 0;
	for (size_t k = 0; k < e->nlinks; k++) {
		link_now(t, e->links[k]);
		free(e->links[k]);
	}
	e->nlinks = 0;
}

void
pdf_tag_end(pdf_doc *t)
{
	pdf_tags *g = t->tags;
	if (g == NULL || g->artifact > 0 || g->n == 0)
		return;
	if (g->n-- > TAGS_DEPTH)
		return;
	open_tag *e = &g->st[g->n];
	if (e->ghost)
		return;
	close_tag(t, e);
	free(e->links);
	e->links = NULL;
	free(e->attrs);
	e->attrs = NULL;
}

void
pdf_tag_ink(pdf_doc *t)
{
	open_tag *e = top(t->tags);
	if (e != NULL && e->leaf && !e->opened)
		begin(t, e);
}

void
pdf_tag_pause(pdf_doc *t)
{
	open_tag *e = top(t->tags);
	if (e != NULL && e->leaf)
		close_tag(t, e);
}

void
pdf_tag_link(pdf_doc *t, const char *attrs)
{
	pdf_tags *g = t->tags;
	if (g == NULL)
		return;
	open_tag *e = top(g);
	if (e != NULL && e->leaf) {
		e->links = util_xrealloc(e->links, (e->nlinks + 1) * sizeof *e->links);
		e->links[e->nlinks++] = util_xstrdup(attrs);
		return;
	}
	if (e != NULL)
		flush(t);
	link_now(t, attrs);
}

void
pdf_artifact_begin(pdf_doc *t)
{
	pdf_tags *g = t->tags;
	if (g == NULL)
		return;
	if (g->artifact++ == 0)
		cairo_tag_begin(t->cr, PDF_TAG_ARTIFACT, "");
}

void
pdf_artifact_end(pdf_doc *t)
{
	pdf_tags *g = t->tags;
	if (g == NULL || g->artifact == 0)
		return;
	if (--g->artifact == 0)
		cairo_tag_end(t->cr, PDF_TAG_ARTIFACT);
}

void
pdf_tag_alt(pdf_doc *t, const char *alt)
{
	pdf_tags *g = t->tags;
	if (g == NULL || g->artifact > 0)
		return;
	g->alts = util_xrealloc(g->alts, (g->nalts + 1) * sizeof *g->alts);
	g->alts[g->nalts++] = util_xstrdup(alt ? alt : "");
}

const char *const *
pdf_tags_alts(const pdf_tags *g, size_t *n)
{
	*n = g ? g->nalts : 0;
	return g ? (const char *const *)g->alts : NULL;
}

/* Appends an outline entry of level for title[0..n) going to dest (owned). */
static void
add_entry(pdf_tags *g, int level, const char *title, size_t n, char *dest)
{
	g->out = util_xrealloc(g->out, (g->nout + 1) * sizeof *g->out);
	pdf_outline_entry *e = &g->out[g->nout++];
	e->level = level;
	e->title = util_xstrndup(title, n);
	e->dest = dest;
}

void
pdf_outline_add(pdf_doc *t, int level, const char *title, const char *dest)
{
	if (t->tags != NULL)
		add_entry(t->tags, level, title, strlen(title), util_xstrdup(dest));
}

void
pdf_outline_mark(pdf_doc *t, int level, const char *title, size_t n)
{
	pdf_tags *g = t->tags;
	if (g == NULL)
		return;
	while (n > 0 && title[n - 1] == ' ')
		n--;
	buf name, at;
	buf_init(&name);
	buf_init(&at);
	if (t->section >= 0) /* unique across parts: each section is in one part */
		buf_printf(&name, "o-%s-%d", t->c->rep->sections[t->section].slug, ++g->ndest);
	else
		buf_printf(&name, "o-%d", ++g->ndest);
	buf_printf(&at, "name='%s' x=0 y=%.2f", name.data, t->y > 20 ? t->y - 20 : 0);
	cairo_tag_begin(t->cr, CAIRO_TAG_DEST, at.data);
	cairo_tag_end(t->cr, CAIRO_TAG_DEST);
	buf_free(&at);
	add_entry(g, level, title, n, buf_detach(&name));
}

const pdf_outline_entry *
pdf_tags_outline(const pdf_tags *g, size_t *n)
{
	*n = g ? g->nout : 0;
	return g ? g->out : NULL;
}
