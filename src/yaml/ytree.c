/* ytree: libyaml events into a tree of positioned nodes, with depth, size and alias limits. */
#include "yaml/ytree.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "util/utf8.h"
#include "util/buf.h"
#include "util/hash.h"
#include "util/oom.h"
#include "util/path.h"

/* An anchor seen so far; node is NULL while the anchored collection is still open. */
typedef struct yt_anchor {
	char *name;    /* anchor name without '&' */
	yt_node *node; /* the anchored node once complete (borrowed from the tree) */
	size_t size;   /* nodes in node's subtree */
} yt_anchor;

/* One open collection. */
typedef struct yt_frame {
	yt_node *node;    /* the collection being filled (already attached) */
	size_t cap;       /* allocated entries of node->keys / node->vals */
	yt_node *pending; /* YT_MAP: key read, value not yet (owned until paired) */
	long anchor;      /* index in anchors of this collection's anchor, -1 if none */
	const char *key;  /* the key this collection is the value of (borrowed), or NULL */
} yt_frame;

/* The longest text each kind of string may hold, named by its key (a value under that
 * key, or an item of a list under it); other scalars may hold YT_MAX_SCALAR bytes.
 * Documented in docs/authoring.md ("Limits"). */
static const struct yt_limit {
	const char *key; /* the key */
	size_t max;      /* bytes */
} yt_limits[] = {
	{ "title", YT_MAX_TITLE }, { "subtitle", YT_MAX_TITLE },
	{ "label", YT_MAX_LABEL }, { "labels", YT_MAX_LABEL }, { "categories", YT_MAX_LABEL },
	{ "columns", YT_MAX_LABEL }, { "publisher", YT_MAX_LABEL }, { "author", YT_MAX_LABEL },
	{ "event", YT_MAX_LABEL }, { "url", YT_MAX_URL }, { "base_url", YT_MAX_URL },
	{ "caption", YT_MAX_PROSE }, { "alt", YT_MAX_PROSE }, { "description", YT_MAX_PROSE },
	{ "note", YT_MAX_PROSE }, { "notes", YT_MAX_PROSE }, { "rationale", YT_MAX_PROSE },
	{ "body", YT_MAX_BODY },
};

/* The state of one parse. */
typedef struct yt_reader {
	diag *d;                 /* where errors go */
	const char *file;        /* interned display name */
	int line_offset;         /* added to every line */
	const char *text;        /* the input */
	size_t len;              /* bytes of text */
	yt_frame stack[YT_MAX_DEPTH + 1]; /* open collections */
	int depth;               /* used entries of stack */
	yt_anchor *anchors;      /* anchors in document order */
	size_t nanchors;         /* used entries of anchors */
	size_t capanchors;       /* allocated entries of anchors */
	size_t *slots;           /* hash of anchor names: 1 + index of the latest, 0 empty */
	size_t nslots;           /* entries of slots (a power of two, or 0) */
	size_t nodes;            /* nodes created, aliases counted expanded */
	int docs;                /* documents started */
	int fatal;               /* 1: stop reading events */
	int errors;              /* errors recorded for this file */
	yt_node *root;           /* the document's root */
} yt_reader;

static diag_pos
mark_pos(const yt_reader *rd, yaml_mark_t m)
{
	diag_pos p = { rd->file, (int)m.line + 1 + rd->line_offset, (int)m.column + 1 };
	return p;
}

static void
yt_err(yt_reader *rd, diag_pos p, int fatal, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
yt_err(yt_reader *rd, diag_pos p, int fatal, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_verror(rd->d, p, fmt, ap);
	va_end(ap);
	rd->errors++;
	if (fatal)
		rd->fatal = 1;
}

static yt_node *
node_new(yt_kind kind, diag_pos pos)
{
	yt_node *n = util_xcalloc(1, sizeof *n);
	n->kind = kind;
	n->pos = pos;
	return n;
}

void
yt_free(yt_node *n)
{
	if (n == NULL)
		return;
	for (size_t i = 0; i < n->n; i++) {
		if (n->keys)
			yt_free(n->keys[i]);
		yt_free(n->vals[i]);
	}
	free(n->keys);
	free(n->vals);
	free(n->str);
	free(n);
}

yt_node *
yt_clone(const yt_node *n)
{
	yt_node *c = node_new(n->kind, n->pos);
	c->plain = n->plain;
	c->str = n->str ? util_xstrdup(n->str) : NULL;
	c->n = n->n;
	if (n->n == 0)
		return c;
	c->vals = util_xcalloc(n->n, sizeof(yt_node *));
	if (n->keys)
		c->keys = util_xcalloc(n->n, sizeof(yt_node *));
	for (size_t i = 0; i < n->n; i++) {
		if (n->keys)
			c->keys[i] = yt_clone(n->keys[i]);
		c->vals[i] = yt_clone(n->vals[i]);
	}
	return c;
}

/* Returns the number of nodes in n's subtree, keys included. */
static size_t
node_count(const yt_node *n)
{
	size_t c = 1;
	for (size_t i = 0; i < n->n; i++)
		c += (n->keys ? node_count(n->keys[i]) : 0) + node_count(n->vals[i]);
	return c;
}

yt_node *
yt_get(const yt_node *m, const char *key)
{
	if (m == NULL || m->kind != YT_MAP)
		return NULL;
	for (size_t i = 0; i < m->n; i++)
		if (m->keys[i]->kind == YT_SCALAR && strcmp(m->keys[i]->str, key) == 0)
			return m->vals[i];
	return NULL;
}

int
yt_is_null(const yt_node *n)
{
	if (n == NULL || n->kind != YT_SCALAR || !n->plain)
		return 0;
	const char *s = n->str;
	return s[0] == '\0' || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
	    strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

const char *
yt_kind_name(yt_kind k)
{
	switch (k) {
	case YT_SCALAR: return "a scalar";
	case YT_MAP: return "a mapping";
	case YT_SEQ: return "a sequence";
	}
	return "a node";
}

/* Records an error if the scalar n, the value of key (or an item of a list under it),
 * is longer than yt_limits allows for key. */
static void
check_length(yt_reader *rd, const char *key, const yt_node *n)
{
	if (key == NULL || n->kind != YT_SCALAR)
		return;
	for (size_t i = 0; i < sizeof yt_limits / sizeof yt_limits[0]; i++)
		if (strcmp(key, yt_limits[i].key) == 0 && strlen(n->str) > yt_limits[i].max &&
		    strlen(n->str) <= YT_MAX_SCALAR) /* else reported as too long already */
			yt_err(rd, n->pos, 0, "'%s' is longer than %zu bytes: shorten it", key,
			    yt_limits[i].max);
}

/* Appends item to the collection of frame f (a sequence, or a map's value). */
static void
frame_push(yt_frame *f, yt_node *key, yt_node *val)
{
	yt_node *c = f->node;
	if (c->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 4;
		c->vals = util_xrealloc(c->vals, f->cap * sizeof(yt_node *));
		if (c->kind == YT_MAP)
			c->keys = util_xrealloc(c->keys, f->cap * sizeof(yt_node *));
	}
	if (c->kind == YT_MAP)
		c->keys[c->n] = key;
	c->vals[c->n++] = val;
}

/* Places a new node into the open collection (or as the root). */
static void
attach(yt_reader *rd, yt_node *n)
{
	if (rd->depth == 0) {
		if (rd->root == NULL)
			rd->root = n;
		else
			yt_free(n);
		return;
	}
	yt_frame *f = &rd->stack[rd->depth - 1];
	if (f->node->kind == YT_SEQ) {
		check_length(rd, f->key, n);
		frame_push(f, NULL, n);
	} else if (f->pending == NULL) {
		if (n->kind != YT_SCALAR)
			yt_err(rd, n->pos, 0, "mapping keys must be scalars, found %s",
			    yt_kind_name(n->kind));
		f->pending = n;
	} else {
		check_length(rd, f->pending->str, n);
		frame_push(f, f->pending, n);
		f->pending = NULL;
	}
}

/* Counts one new node against the budget; returns -1 (fatal error) when exceeded. */
static int
budget(yt_reader *rd, size_t k, diag_pos p, int alias)
{
	if (rd->nodes + k <= (size_t)YT_MAX_NODES) {
		rd->nodes += k;
		return 0;
	}
	if (alias)
		yt_err(rd, p, 1, "alias expansion exceeds %d nodes", YT_MAX_NODES);
	else
		yt_err(rd, p, 1, "more than %d nodes in one file", YT_MAX_NODES);
	return -1;
}

/* Returns the slot of name in the hash (empty if absent). nslots must be non-zero. */
static size_t *
anchor_slot(const yt_reader *rd, const char *name)
{
	size_t mask = rd->nslots - 1;
	for (size_t i = (size_t)hash_bytes(name, strlen(name)) & mask;; i = (i + 1) & mask)
		if (rd->slots[i] == 0 || strcmp(rd->anchors[rd->slots[i] - 1].name, name) == 0)
			return &rd->slots[i];
}

/* Points the hash entry of anchor k's name at k (a redefined name refers to the latest),
 * growing the hash to stay at most half full. Lookups stay constant time: a linear
 * search made 60,000 anchors and aliases take seconds. */
static void
anchor_index(yt_reader *rd, size_t k)
{
	if (2 * (k + 1) > rd->nslots) {
		free(rd->slots);
		rd->nslots = rd->nslots ? 2 * rd->nslots : 64;
		rd->slots = util_xcalloc(rd->nslots, sizeof(size_t));
		for (size_t i = 0; i < k; i++)
			*anchor_slot(rd, rd->anchors[i].name) = i + 1;
	}
	*anchor_slot(rd, rd->anchors[k].name) = k + 1;
}

/* Returns the latest anchor called name, or NULL. */
static yt_anchor *
anchor_find(const yt_reader *rd, const char *name)
{
	if (rd->nslots == 0)
		return NULL;
	size_t s = *anchor_slot(rd, name);
	return s ? &rd->anchors[s - 1] : NULL;
}

/* Registers an anchor; node NULL while open. Returns its index. */
static long
anchor_add(yt_reader *rd, const yaml_char_t *name, yt_node *node)
{
	if (rd->nanchors == rd->capanchors) {
		rd->capanchors = rd->capanchors ? 2 * rd->capanchors : 16;
		rd->anchors = util_xrealloc(rd->anchors, rd->capanchors * sizeof(yt_anchor));
	}
	yt_anchor *a = &rd->anchors[rd->nanchors];
	a->name = util_xstrdup((const char *)name);
	a->node = node;
	a->size = node ? node_count(node) : 0;
	anchor_index(rd, rd->nanchors);
	return (long)rd->nanchors++;
}

static int
check_tag(yt_reader *rd, const yaml_char_t *tag, diag_pos p)
{
	if (tag == NULL)
		return 0;
	yt_err(rd, p, 0, "explicit tags are not allowed (found '%s')", (const char *)tag);
	return -1;
}

/* Records an error at p if the scalar's value v[0..len) holds a character source text
 * must not (the file's bytes were checked already: such a character comes from an
 * escape in a double-quoted string, "\\x01" or "\\uFFFE"). */
static void
check_value(yt_reader *rd, const char *v, size_t len, diag_pos p)
{
	utf8_fault f;
	if (utf8_text_check(v, len, &f) == 0)
		return;
	char msg[96];
	utf8_fault_message(v, &f, msg, sizeof msg);
	yt_err(rd, p, 0, "%s (from an escape in this string)", msg);
}

static void
on_scalar(yt_reader *rd, const yaml_event_t *ev)
{
	diag_pos p = mark_pos(rd, ev->start_mark);
	if (budget(rd, 1, p, 0) < 0)
		return;
	check_tag(rd, ev->data.scalar.tag, p);
	yt_node *n = node_new(YT_SCALAR, p);
	const char *v = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	if (memchr(v, '\0', len) != NULL)
		yt_err(rd, p, 0, "NUL character in a scalar");
	else
		check_value(rd, v, len, p);
	if (len > YT_MAX_SCALAR)
		yt_err(rd, p, 0, "a string is longer than %d KiB", YT_MAX_SCALAR >> 10);
	n->str = util_xstrndup(v, len);
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	if (ev->data.scalar.anchor)
		anchor_add(rd, ev->data.scalar.anchor, n);
	attach(rd, n);
}

static void
on_alias(yt_reader *rd, const yaml_event_t *ev)
{
	diag_pos p = mark_pos(rd, ev->start_mark);
	const char *name = (const char *)ev->data.alias.anchor;
	yt_anchor *a = anchor_find(rd, name);
	yt_node *n = NULL;
	if (a == NULL)
		yt_err(rd, p, 0, "undefined alias '*%s'", name);
	else if (a->node == NULL)
		yt_err(rd, p, 0, "alias '*%s' refers to a node that contains it (a cycle)", name);
	else if (budget(rd, a->size, p, 1) < 0)
		return;
	else
		n = yt_clone(a->node);
	if (n == NULL) {
		n = node_new(YT_SCALAR, p);
		n->str = util_xstrdup("");
		n->plain = 1;
	}
	n->pos = p; /* a copy sits at the alias; its children keep the anchor's lines */
	attach(rd, n);
}

static void
on_start(yt_reader *rd, const yaml_event_t *ev, yt_kind kind)
{
	diag_pos p = mark_pos(rd, ev->start_mark);
	const yaml_char_t *anchor = kind == YT_MAP ? ev->data.mapping_start.anchor :
	    ev->data.sequence_start.anchor;
	const yaml_char_t *tag = kind == YT_MAP ? ev->data.mapping_start.tag :
	    ev->data.sequence_start.tag;
	if (rd->depth >= YT_MAX_DEPTH) {
		yt_err(rd, p, 1, "nesting deeper than %d levels", YT_MAX_DEPTH);
		return;
	}
	if (budget(rd, 1, p, 0) < 0)
		return;
	check_tag(rd, tag, p);
	yt_node *n = node_new(kind, p);
	const yt_frame *up = rd->depth ? &rd->stack[rd->depth - 1] : NULL;
	const char *key = up && up->node->kind == YT_MAP && up->pending ? up->pending->str : NULL;
	attach(rd, n);
	yt_frame *f = &rd->stack[rd->depth++];
	f->key = key;
	f->node = n;
	f->cap = 0;
	f->pending = NULL;
	f->anchor = anchor ? anchor_add(rd, anchor, NULL) : -1;
}

/* One key of a map for duplicate detection. */
typedef struct yt_keyref {
	const char *s; /* key text */
	size_t i;      /* index in the map */
} yt_keyref;

static int
keyref_cmp(const void *a, const void *b)
{
	const yt_keyref *x = a, *y = b;
	int c = strcmp(x->s, y->s);
	if (c != 0)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Records an error for every key of m equal to an earlier one, naming both positions. */
static void
check_dups(yt_reader *rd, const yt_node *m)
{
	if (m->n < 2)
		return;
	yt_keyref *r = util_xmalloc(m->n * sizeof *r);
	size_t k = 0;
	for (size_t i = 0; i < m->n; i++)
		if (m->keys[i]->kind == YT_SCALAR)
			r[k++] = (yt_keyref){ m->keys[i]->str, i };
	qsort(r, k, sizeof *r, keyref_cmp);
	for (size_t i = 1; i < k; i++) {
		size_t first = i;
		while (first > 0 && strcmp(r[first - 1].s, r[i].s) == 0)
			first--;
		if (first == i)
			continue;
		const yt_node *a = m->keys[r[first].i], *b = m->keys[r[i].i];
		yt_err(rd, b->pos, 0, "duplicate key '%s' (first at line %d, column %d)",
		    b->str, a->pos.line, a->pos.col);
	}
	free(r);
}

static void
on_end(yt_reader *rd)
{
	yt_frame *f = &rd->stack[--rd->depth];
	if (f->node->kind == YT_MAP)
		check_dups(rd, f->node);
	if (f->anchor >= 0) {
		yt_anchor *a = &rd->anchors[f->anchor];
		a->node = f->node;
		a->size = node_count(f->node);
	}
}

static void
on_event(yt_reader *rd, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++rd->docs > 1)
			yt_err(rd, mark_pos(rd, ev->start_mark), 1,
			    "more than one document in the file");
		break;
	case YAML_SCALAR_EVENT:
		on_scalar(rd, ev);
		break;
	case YAML_ALIAS_EVENT:
		on_alias(rd, ev);
		break;
	case YAML_MAPPING_START_EVENT:
		on_start(rd, ev, YT_MAP);
		break;
	case YAML_SEQUENCE_START_EVENT:
		on_start(rd, ev, YT_SEQ);
		break;
	case YAML_MAPPING_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
		on_end(rd);
		break;
	default:
		break;
	}
}

/* Records libyaml's error with its position. */
static void
parser_error(yt_reader *rd, const yaml_parser_t *p)
{
	if (p->error == YAML_MEMORY_ERROR)
		util_oom();
	/* No reader error comes here: check_text refuses every character libyaml's reader
	 * would (invalid UTF-8, controls, noncharacters) before it runs. */
	diag_pos pos = mark_pos(rd, p->problem_mark);
	const char *problem = p->problem ? p->problem : "cannot parse";
	if (p->context)
		yt_err(rd, pos, 1, "syntax error: %s (%s at line %d, column %d)", problem,
		    p->context, (int)p->context_mark.line + 1 + rd->line_offset,
		    (int)p->context_mark.column + 1);
	else
		yt_err(rd, pos, 1, "syntax error: %s", problem);
}

static void
read_events(yt_reader *rd)
{
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		util_oom();
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&p, (const unsigned char *)rd->text, rd->len);
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev)) {
			parser_error(rd, &p);
			break;
		}
		int done = ev.type == YAML_STREAM_END_EVENT;
		on_event(rd, &ev);
		yaml_event_delete(&ev);
		if (done || rd->fatal)
			break;
	}
	yaml_parser_delete(&p);
}

/* Frees everything the reader still holds besides root. */
static void
reader_clear(yt_reader *rd)
{
	for (int i = 0; i < rd->depth; i++)
		yt_free(rd->stack[i].pending);
	for (size_t i = 0; i < rd->nanchors; i++)
		free(rd->anchors[i].name);
	free(rd->anchors);
	free(rd->slots);
}

/* Returns 0 if text is good source text (utf8_text_next), else records an error at each
 * bad character (at most YT_MAX_TEXT_ERRORS; only the first byte that is not UTF-8)
 * and returns -1. */
static int
check_text(yt_reader *rd)
{
	utf8_fault f;
	size_t at = 0;
	int line = 1, col = 1, n = 0;
	while (n < YT_MAX_TEXT_ERRORS && utf8_text_next(rd->text, rd->len, at, &f)) {
		utf8_pos_advance(rd->text, at, f.off, &line, &col);
		char msg[96];
		utf8_fault_message(rd->text, &f, msg, sizeof msg);
		diag_pos p = { rd->file, line + rd->line_offset, col };
		yt_err(rd, p, 1, "%s", msg);
		n++;
		if (f.cp < 0) /* not UTF-8: the rest is likely another encoding, one error says so */
			break;
		at = f.off + f.len;
		utf8_pos_advance(rd->text, f.off, at, &line, &col);
	}
	return n ? -1 : 0;
}

yt_node *
yt_parse_string(const char *name, const char *text, size_t len, int line_offset, diag *d)
{
	yt_reader rd;
	memset(&rd, 0, sizeof rd);
	rd.d = d;
	rd.file = diag_intern(d, name);
	rd.line_offset = line_offset;
	size_t bom = utf8_bom(text, len); /* positions count from the character after it */
	text += bom;
	len -= bom;
	rd.text = text;
	rd.len = len;
	if (len > (size_t)YT_MAX_FILE) {
		diag_error(d, diag_file_pos(d, name), "file is larger than %d MiB", YT_MAX_FILE >> 20);
		return NULL;
	}
	if (check_text(&rd) == 0)
		read_events(&rd);
	reader_clear(&rd);
	if (rd.errors) {
		yt_free(rd.root);
		return NULL;
	}
	if (rd.root == NULL || yt_is_null(rd.root)) {
		diag_pos p = rd.root ? rd.root->pos : (diag_pos){ rd.file, 1 + line_offset, 1 };
		yt_free(rd.root);
		rd.root = node_new(YT_MAP, p);
	}
	return rd.root;
}

yt_node *
yt_parse_file(const char *path, const char *display, diag *d)
{
	const char *name = display ? display : path;
	char *text;
	size_t len;
	int st = path_read_file(path, YT_MAX_FILE, &text, &len);
	if (st == PATH_TOO_BIG) {
		diag_error(d, diag_file_pos(d, name), "file is larger than %d MiB", YT_MAX_FILE >> 20);
		return NULL;
	}
	if (st == PATH_NOT_FILE) {
		diag_error(d, diag_file_pos(d, name), "cannot read file: not a regular file");
		return NULL;
	}
	if (st != PATH_OK) {
		diag_error(d, diag_file_pos(d, name), "cannot read file: %s", strerror(errno));
		return NULL;
	}
	yt_node *n = yt_parse_string(name, text, len, 0, d);
	free(text);
	return n;
}
