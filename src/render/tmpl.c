/* tmpl: loading and checking the XHTML page template (no entities, DTDs or network). */
#include "render/page.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "util/path.h"

enum {
	TMPL_MAX_BYTES = 1 << 20, /* a template larger than this is refused */
	TMPL_DEPTH = 32,          /* a slot deeper than this is found by a walk */
};

/* Where a slot is in the template: the index among its parent's element children of
 * each element on the way down from the root (depth 0: the root itself). */
typedef struct tmpl_path {
	int depth;                   /* -1: not in the template, or too deep */
	unsigned idx[TMPL_DEPTH];
} tmpl_path;

struct tmpl {
	xmlDocPtr doc;     /* the parsed template, copied for every page */
	tmpl_path *paths;  /* per name of tmpl_slots, where its first element is */
};

/* Every slot name a template may use (see templates/page.html). */
static const char *const tmpl_slots[] = {
	"lang", "title", "description", "og-title", "og-description", "og-url",
	"canonical", "report-title", "report-subtitle", "nav", "page-title", "toc",
	"toc-list", "content", "notes", "notes-list", "pager", "prev", "prev-title",
	"next", "next-title", "as-of", "author-line", "author", "method", "pdf",
	"pack",
	"nav-where", "nav-contents", "og-image", "og-image-type", "og-image-width",
	"og-image-height", "og-image-alt", "twitter-card", "twitter-title", "twitter-description",
	NULL,
};

/* What the structured error handler needs while one template is parsed. */
typedef struct tmpl_errctx {
	diag *d;              /* where the error goes */
	const char *display;  /* the template path as shown */
	int seen;             /* errors recorded so far (only the first is kept) */
} tmpl_errctx;

/* The external entity loader: refuses every load, whatever the URL. */
static xmlParserInputPtr
refuse_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

static pthread_once_t refuse_once = PTHREAD_ONCE_INIT;

static void
install_refusal(void)
{
	xmlSetExternalEntityLoader(refuse_entity);
}

/* Records the parser's first error at file:line:col; later ones are consequences. */
static void
on_xml_error(void *data, xmlErrorPtr e)
{
	tmpl_errctx *ec = data;
	if (e == NULL || e->level < XML_ERR_ERROR || ec->seen++ > 0)
		return;
	diag_pos pos = { diag_intern(ec->d, ec->display), e->line, e->int2 };
	const char *msg = e->message ? e->message : "not well-formed";
	size_t n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	diag_error(ec->d, pos, "template is not well-formed XML: %.*s", (int)n, msg);
}

/* Parses len bytes of text; returns the document or NULL after recording the error. */
static xmlDocPtr
parse_template(const char *text, size_t len, const char *display, diag *d)
{
	tmpl_errctx ec = { d, display, 0 };
	xmlSetStructuredErrorFunc(&ec, on_xml_error);
	int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	    XML_PARSE_BIG_LINES;
	xmlDocPtr doc = xmlReadMemory(text, (int)len, display, "UTF-8", opts);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (doc != NULL && ec.seen > 0) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (doc == NULL && ec.seen == 0)
		diag_error(d, diag_file_pos(d, display), "template is not well-formed XML");
	return doc;
}

/* Records an error at node n of the template. */
static void
node_error(diag *d, const char *display, xmlNodePtr n, const char *what, const char *name)
{
	diag_pos pos = { diag_intern(d, display), (int)xmlGetLineNo(n), 0 };
	diag_error(d, pos, "%s '%s'", what, name);
}

/* Returns 1 if name is a known slot name. */
static int
known_slot(const char *name)
{
	for (size_t i = 0; tmpl_slots[i] != NULL; i++)
		if (strcmp(tmpl_slots[i], name) == 0)
			return 1;
	return 0;
}

/* Checks the slots under n (unknown names are errors); counts "content" slots into
 * *ncontent. Returns the number of errors recorded. */
static int
check_slots(xmlNodePtr n, const char *display, diag *d, int *ncontent)
{
	int bad = 0;
	for (xmlNodePtr c = n; c != NULL; c = c->next) {
		if (c->type == XML_ENTITY_REF_NODE) {
			node_error(d, display, c, "template uses the entity", (const char *)c->name);
			bad++;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *slot = xmlGetProp(c, (const xmlChar *)"data-slot");
		if (slot != NULL && !known_slot((const char *)slot)) {
			node_error(d, display, c, "unknown template slot", (const char *)slot);
			bad++;
		}
		if (slot != NULL && strcmp((const char *)slot, "content") == 0)
			(*ncontent)++;
		xmlFree(slot);
		bad += check_slots(c->children, display, d, ncontent);
	}
	return bad;
}

/* Checks the parsed template: no internal DTD subset, an <html> root, known slot
 * names and exactly one content slot. Returns 0 or -1 after recording errors. */
static int
check_template(xmlDocPtr doc, const char *display, diag *d)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (doc->intSubset != NULL && doc->intSubset->children != NULL) {
		diag_pos pos = { diag_intern(d, display), 1, 0 };
		diag_error(d, pos, "template declares entities or a DTD subset; not allowed");
		return -1;
	}
	if (root == NULL || strcmp((const char *)root->name, "html") != 0) {
		diag_error(d, diag_file_pos(d, display), "template root element is not <html>");
		return -1;
	}
	int ncontent = 0;
	int bad = check_slots(root, display, d, &ncontent);
	if (ncontent != 1) {
		diag_error(d, diag_file_pos(d, display),
		    "template needs exactly one data-slot=\"content\" (found %d)", ncontent);
		bad++;
	}
	return bad ? -1 : 0;
}

/* Returns the index of name in tmpl_slots, or -1. */
static int
slot_index(const char *name)
{
	for (int i = 0; tmpl_slots[i] != NULL; i++)
		if (strcmp(tmpl_slots[i], name) == 0)
			return i;
	return -1;
}

/* Records in paths where each slot at or below n (whose path down to it is idx[0..depth))
 * first is, in document order. */
static void
find_paths(xmlNodePtr n, unsigned *idx, int depth, tmpl_path *paths)
{
	unsigned k = 0;
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (depth < TMPL_DEPTH) {
			idx[depth] = k;
			xmlChar *slot = xmlGetProp(n, BAD_CAST "data-slot");
			int i = slot != NULL ? slot_index((const char *)slot) : -1;
			xmlFree(slot);
			if (i >= 0 && paths[i].depth < 0) {
				paths[i].depth = depth + 1;
				memcpy(paths[i].idx, idx, (size_t)(depth + 1) * sizeof *idx);
			}
			find_paths(n->children, idx, depth + 1, paths);
		}
		k++;
	}
}

xmlDocPtr
tmpl_copy(const tmpl *t)
{
	xmlDocPtr doc = xmlCopyDoc(t->doc, 1);
	if (doc != NULL)
		doc->_private = (void *)t;
	return doc;
}

xmlNodePtr
tmpl_slot_guess(xmlDocPtr doc, const char *name)
{
	const tmpl *t = doc->_private;
	int i = t != NULL ? slot_index(name) : -1;
	if (i < 0 || t->paths[i].depth < 1)
		return NULL;
	xmlNodePtr n = xmlDocGetRootElement(doc);
	for (int l = 1; n != NULL && l < t->paths[i].depth; l++) {
		unsigned k = t->paths[i].idx[l];
		xmlNodePtr c = n->children;
		for (;; c = c->next) {
			while (c != NULL && c->type != XML_ELEMENT_NODE)
				c = c->next;
			if (c == NULL || k-- == 0)
				break;
		}
		n = c;
	}
	return n;
}

tmpl *
tmpl_load(const char *path, const char *display, diag *d)
{
	pthread_once(&refuse_once, install_refusal);
	char *text = NULL;
	size_t len = 0;
	int st = path_read_file(path, TMPL_MAX_BYTES, &text, &len);
	if (st != PATH_OK) {
		diag_error(d, diag_file_pos(d, display), "cannot read the template: %s",
		    st == PATH_TOO_BIG ? "larger than 1 MiB" : strerror(errno));
		return NULL;
	}
	xmlDocPtr doc = parse_template(text, len, display, d);
	free(text);
	if (doc == NULL)
		return NULL;
	if (check_template(doc, display, d) != 0) {
		xmlFreeDoc(doc);
		return NULL;
	}
	tmpl *t = util_xcalloc(1, sizeof(tmpl));
	t->doc = doc;
	size_t n = 0;
	while (tmpl_slots[n] != NULL)
		n++;
	t->paths = util_xcalloc(n + 1, sizeof *t->paths);
	for (size_t i = 0; i < n; i++)
		t->paths[i].depth = -1;
	unsigned idx[TMPL_DEPTH];
	find_paths(xmlDocGetRootElement(doc), idx, 0, t->paths);
	return t;
}

void
tmpl_free(tmpl *t)
{
	if (t == NULL)
		return;
	xmlFreeDoc(t->doc);
	free(t->paths);
	free(t);
}

xmlDocPtr
tmpl_doc(const tmpl *t)
{
	return t->doc;
}
