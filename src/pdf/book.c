/* book: what the PDF keeps of each finished page: the article's blocks copied into a
 * small document of its own, without the template, navigation, footer or the site's
 * web-only parts; the PDF may read a section while later ones are being added. */
#include "pdf/pdf.h"
#include "pdf/pdf_int.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart/chart_key.h"

/* The chart specs one kept article draws. */
typedef struct book_specs {
	char **ids;                 /* chart ids (owned) */
	const chart_spec **specs;   /* their specs (owned by the render_specs table) */
	size_t n;                   /* entries */
} book_specs;

struct pdf_book {
	xmlDocPtr *docs;     /* per section, the document holding its kept article, or NULL */
	xmlNodePtr *arts;    /* per section, its kept article, or NULL */
	book_specs *kept;    /* per section, the specs of its charts (when specs is set) */
	unsigned char *done; /* per section, 1 once pdf_book_add was called for it */
	size_t n;            /* sections */
	const render_specs *specs; /* where pdf_book_add looks up charts, or NULL */
	int closed;          /* 1: no section will be added any more */
	pthread_mutex_t lock; /* guards done, closed, and the slots they publish */
	pthread_cond_t added; /* signalled when a section is added or the book closed */
};

/* Returns p, or stops the process as util_xcalloc does when libxml2 ran out of memory. */
static void *
must(void *p)
{
	if (p == NULL) {
		fputs("mkreport: out of memory\n", stderr);
		abort();
	}
	return p;
}

pdf_book *
pdf_book_new(size_t nsections)
{
	pdf_book *b = util_xcalloc(1, sizeof *b);
	b->docs = util_xcalloc(nsections + 1, sizeof *b->docs);
	b->arts = util_xcalloc(nsections + 1, sizeof *b->arts);
	b->kept = util_xcalloc(nsections + 1, sizeof *b->kept);
	b->done = util_xcalloc(nsections + 1, 1);
	b->n = nsections;
	pthread_mutex_init(&b->lock, NULL);
	pthread_cond_init(&b->added, NULL);
	return b;
}

/* Frees what k holds. */
static void
specs_clear(book_specs *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->ids[i]);
	free(k->ids);
	free(k->specs);
	memset(k, 0, sizeof *k);
}

void
pdf_book_free(pdf_book *b)
{
	if (b == NULL)
		return;
	for (size_t i = 0; i < b->n; i++) {
		xmlFreeDoc(b->docs[i]);
		specs_clear(&b->kept[i]);
	}
	free(b->docs);
	free(b->arts);
	free(b->kept);
	free(b->done);
	pthread_mutex_destroy(&b->lock);
	pthread_cond_destroy(&b->added);
	free(b);
}

void
pdf_book_keep_specs(pdf_book *b, const render_specs *specs)
{
	if (b != NULL)
		b->specs = specs;
}

void
pdf_book_close(pdf_book *b)
{
	if (b == NULL)
		return;
	pthread_mutex_lock(&b->lock);
	b->closed = 1;
	pthread_cond_broadcast(&b->added);
	pthread_mutex_unlock(&b->lock);
}

/* Returns whether the PDF leaves out n and everything below it: comments, the on-page
 * contents and other navigation, folded data tables, pictures (the chart is drawn
 * from its spec), scripts, styles, self-link anchors, back links, web-only text and a
 * chart's download links. */
static int
left_out(xmlNodePtr n)
{
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
		return 0;
	if (n->type != XML_ELEMENT_NODE)
		return 1;
	return pdf_is(n, "nav") || pdf_is(n, "details") || pdf_is(n, "picture") ||
	    pdf_is(n, "script") || pdf_is(n, "style") || pdf_has_class(n, "anchor") ||
	    pdf_has_class(n, "note-back") || pdf_has_class(n, "web-only") ||
	    pdf_has_class(n, "chart-links");
}

/* Appends to parent (in doc) a copy of the children of src that the PDF sets. */
static void
copy_kids(xmlDocPtr doc, xmlNodePtr src, xmlNodePtr parent)
{
	for (xmlNodePtr n = src->children; n != NULL; n = n->next) {
		if (left_out(n))
			continue;
		xmlNodePtr c = must(xmlDocCopyNode(n, doc, 2)); /* with its attributes */
		xmlAddChild(parent, c);
		if (n->type == XML_ELEMENT_NODE)
			copy_kids(doc, n, c);
	}
}

/* Keeps in k the spec of every chart figure under n ("fig-<chart id>") that specs
 * holds. */
static void
keep_specs(book_specs *k, const render_specs *specs, xmlNodePtr n)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *id = pdf_is(n, "figure") ? xmlGetProp(n, BAD_CAST "id") : NULL;
		const chart_spec *s = id && strncmp((const char *)id, "fig-", 4) == 0 ?
		    render_specs_find(specs, (const char *)id + 4) : NULL;
		if (s != NULL) {
			k->ids = util_xrealloc(k->ids, (k->n + 1) * sizeof *k->ids);
			k->specs = util_xrealloc(k->specs, (k->n + 1) * sizeof *k->specs);
			k->ids[k->n] = util_xstrdup((const char *)id + 4);
			k->specs[k->n++] = s;
		}
		xmlFree(id);
		keep_specs(k, specs, n->children);
	}
}

/* Publishes section i of b: its document doc (may be NULL), article art and specs k. */
static void
publish(pdf_book *b, size_t i, xmlDocPtr doc, xmlNodePtr art, book_specs *k)
{
	pthread_mutex_lock(&b->lock);
	xmlDocPtr old = b->docs[i];
	book_specs gone = b->kept[i];
	b->docs[i] = doc;
	b->arts[i] = art;
	b->kept[i] = *k;
	b->done[i] = 1;
	pthread_cond_broadcast(&b->added);
	pthread_mutex_unlock(&b->lock);
	xmlFreeDoc(old);
	specs_clear(&gone);
}

void
pdf_book_add(pdf_book *b, size_t i, xmlDocPtr page)
{
	if (b == NULL || i >= b->n)
		return;
	xmlNodePtr root = page != NULL ? xmlDocGetRootElement(page) : NULL;
	xmlNodePtr art = root == NULL ? NULL : pdf_is(root, "article") ? root :
	    pdf_find(root, "article", NULL);
	if (art == NULL && root != NULL)
		art = pdf_find(root, "main", NULL);
	book_specs k = { NULL, NULL, 0 };
	if (art == NULL) {
		publish(b, i, NULL, NULL, &k);
		return;
	}
	xmlDocPtr doc = must(xmlNewDoc(BAD_CAST "1.0"));
	xmlNodePtr keep = must(xmlDocCopyNode(art, doc, 2));
	xmlDocSetRootElement(doc, keep);
	copy_kids(doc, art, keep);
	if (b->specs != NULL)
		keep_specs(&k, b->specs, keep);
	publish(b, i, doc, keep, &k);
}

/* Waits, when b is being filled while it is read (its specs are kept), until section
 * i is added or b closed. */
static void
wait_for(pdf_book *b, size_t i)
{
	pthread_mutex_lock(&b->lock);
	while (b->specs != NULL && !b->done[i] && !b->closed)
		pthread_cond_wait(&b->added, &b->lock);
	pthread_mutex_unlock(&b->lock);
}

xmlNodePtr
pdf_book_article(const pdf_book *b, size_t i)
{
	if (b == NULL || i >= b->n)
		return NULL;
	wait_for((pdf_book *)b, i);
	return b->arts[i];
}

const chart_spec *
pdf_book_spec(const pdf_book *b, size_t i, const char *id, int *known)
{
	*known = b != NULL && b->specs != NULL;
	if (!*known || i >= b->n || id == NULL)
		return NULL;
	wait_for((pdf_book *)b, i);
	const book_specs *k = &b->kept[i];
	for (size_t j = 0; j < k->n; j++)
		if (strcmp(k->ids[j], id) == 0)
			return k->specs[j];
	return NULL;
}

int
pdf_book_streams(const pdf_book *b)
{
	return b != NULL && b->specs != NULL;
}

size_t
pdf_book_count(const pdf_book *b)
{
	return b ? b->n : 0;
}

void
pdf_node_digest(xmlNodePtr n, sha256_ctx *h)
{
	sha256_feed_i64(h, n != NULL);
	if (n != NULL) {
		xmlBufferPtr x = must(xmlBufferCreate());
		xmlNodeDump(x, n->doc, n, 0, 0);
		sha256_feed_mem(h, xmlBufferContent(x), (size_t)xmlBufferLength(x));
		xmlBufferFree(x);
	}
}

void
pdf_book_digest(const pdf_book *b, size_t i, sha256_ctx *h)
{
	pdf_node_digest(pdf_book_article(b, i), h);
	const book_specs *k = b != NULL && i < b->n ? &b->kept[i] : NULL;
	sha256_feed_i64(h, k != NULL ? (int64_t)k->n : -1);
	for (size_t j = 0; k != NULL && j < k->n; j++) {
		sha256_feed_str(h, k->ids[j]);
		chart_spec_digest(k->specs[j], h);
	}
}
