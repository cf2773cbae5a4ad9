/* book: what the PDF keeps of each finished page: the article's blocks copied into one
 * small document, without the template, navigation, footer or the site's web-only parts. */
#include "pdf/pdf.h"
#include "pdf/pdf_int.h"

#include <stdio.h>
#include <stdlib.h>

struct pdf_book {
	xmlDocPtr doc;       /* holds every kept article (owned) */
	xmlNodePtr *arts;    /* per section, its kept article in doc, or NULL */
	size_t n;            /* sections */
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
	b->doc = must(xmlNewDoc(BAD_CAST "1.0"));
	b->arts = util_xcalloc(nsections + 1, sizeof *b->arts);
	b->n = nsections;
	xmlNodePtr root = must(xmlNewDocNode(b->doc, NULL, BAD_CAST "book", NULL));
	xmlDocSetRootElement(b->doc, root);
	return b;
}

void
pdf_book_free(pdf_book *b)
{
	if (b == NULL)
		return;
	xmlFreeDoc(b->doc);
	free(b->arts);
	free(b);
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

/* Appends to parent (in b's document) a copy of the children of src that the PDF
 * sets. */
static void
copy_kids(pdf_book *b, xmlNodePtr src, xmlNodePtr parent)
{
	for (xmlNodePtr n = src->children; n != NULL; n = n->next) {
		if (left_out(n))
			continue;
		xmlNodePtr c = must(xmlDocCopyNode(n, b->doc, 2)); /* with its attributes */
		xmlAddChild(parent, c);
		if (n->type == XML_ELEMENT_NODE)
			copy_kids(b, n, c);
	}
}

void
pdf_book_add(pdf_book *b, size_t i, xmlDocPtr page)
{
	xmlNodePtr root = b != NULL && page != NULL ? xmlDocGetRootElement(page) : NULL;
	if (root == NULL || i >= b->n)
		return;
	xmlNodePtr art = pdf_is(root, "article") ? root : pdf_find(root, "article", NULL);
	if (art == NULL)
		art = pdf_find(root, "main", NULL);
	if (art == NULL)
		return;
	xmlNodePtr keep = must(xmlDocCopyNode(art, b->doc, 2));
	xmlAddChild(xmlDocGetRootElement(b->doc), keep);
	copy_kids(b, art, keep);
	b->arts[i] = keep;
}

xmlNodePtr
pdf_book_article(const pdf_book *b, size_t i)
{
	return b != NULL && i < b->n ? b->arts[i] : NULL;
}

size_t
pdf_book_count(const pdf_book *b)
{
	return b ? b->n : 0;
}
