/* errpage: the diagnostics of a failed build as an HTML page, built as a libxml2 tree. */
#include "serve/errpage.h"

#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

/* The page's look: fixed text, no data in it. */
static const char errpage_css[] =
    "body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;"
    "padding:0 1rem;color:#1a1a1a;background:#fff}"
    "h1{font-size:1.4rem;color:#a40000}"
    "li{margin:.5rem 0}code{font:14px/1.4 ui-monospace,monospace;"
    "background:#f4f0f0;padding:.1rem .3rem}"
    "@media (prefers-color-scheme:dark){body{color:#eee;background:#161616}"
    "h1{color:#ff8a80}code{background:#2a2222}}";

/* Adds a child element name holding the text text (escaped by libxml2). */
static xmlNodePtr
add_text(xmlNodePtr parent, const char *name, const char *text)
{
	return xmlNewTextChild(parent, NULL, BAD_CAST name, BAD_CAST text);
}

/* Adds one list item for the diagnostic text t ("file:line:col: kind: message"). */
static void
add_item(xmlNodePtr ol, const char *t)
{
	xmlNodePtr li = xmlNewChild(ol, NULL, BAD_CAST "li", NULL);
	const char *kinds[] = { ": error: ", ": warning: " };
	for (size_t i = 0; i < 2; i++) {
		const char *k = strstr(t, kinds[i]);
		if (k == NULL)
			continue;
		xmlChar *where = xmlStrndup(BAD_CAST t, (int)(k - t));
		xmlNewTextChild(li, NULL, BAD_CAST "code", where);
		xmlFree(where);
		xmlNodeAddContent(li, BAD_CAST (kinds[i] + 1));
		xmlNodeAddContent(li, BAD_CAST (k + strlen(kinds[i])));
		return;
	}
	xmlNodeAddContent(li, BAD_CAST t);
}

void
serve_error_page(const diag *d, buf *b)
{
	htmlDocPtr doc = htmlNewDocNoDtD(NULL, NULL);
	xmlCreateIntSubset(doc, BAD_CAST "html", NULL, NULL);
	xmlNodePtr html = xmlNewDocNode(doc, NULL, BAD_CAST "html", NULL);
	xmlDocSetRootElement(doc, html);
	xmlNewProp(html, BAD_CAST "lang", BAD_CAST "en");
	xmlNodePtr head = xmlNewChild(html, NULL, BAD_CAST "head", NULL);
	xmlNewProp(xmlNewChild(head, NULL, BAD_CAST "meta", NULL), BAD_CAST "charset",
	    BAD_CAST "utf-8");
	add_text(head, "title", "mkreport: the report has errors");
	add_text(head, "style", errpage_css);
	xmlNodePtr body = xmlNewChild(html, NULL, BAD_CAST "body", NULL);
	xmlNodePtr main = xmlNewChild(body, NULL, BAD_CAST "main", NULL);
	add_text(main, "h1", "The report has errors");
	add_text(main, "p", "The last build stopped at these problems; this page turns back "
	    "into the report as soon as they are fixed and saved.");
	xmlNodePtr ol = xmlNewChild(main, NULL, BAD_CAST "ol", NULL);
	for (int i = 0; i < diag_count(d); i++)
		add_item(ol, diag_text(d, i));
	xmlChar *mem = NULL;
	int size = 0;
	htmlDocDumpMemoryFormat(doc, &mem, &size, 0);
	if (mem != NULL)
		buf_append(b, mem, (size_t)size);
	xmlFree(mem);
	xmlFreeDoc(doc);
}
