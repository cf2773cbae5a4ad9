/* ytree: YAML files as a tree of positioned nodes (libyaml events, with limits). */
#ifndef MKR_YTREE_H
#define MKR_YTREE_H

#include <stddef.h>

#include "diag.h"

/* Limits that keep hostile input cheap (documented in docs/authoring.md). */
enum {
	YT_MAX_DEPTH = 64,          /* nesting of maps and sequences */
	YT_MAX_NODES = 200000,      /* nodes in one file after alias expansion */
	YT_MAX_FILE = 4 << 20,      /* bytes in one YAML file */
	YT_MAX_SCALAR = 64 << 10,   /* bytes in one scalar (a string, a number) */
	YT_MAX_TEXT_ERRORS = 20,    /* bad characters reported in one file */
	YT_MAX_TITLE = 512,         /* bytes in a title or subtitle (report.yaml's own: 256) */
	YT_MAX_LABEL = 256,         /* bytes in a label, a column or category name, a
	                               publisher, an author, an event */
	YT_MAX_URL = 2048,          /* bytes in a url or base_url */
	YT_MAX_PROSE = 4096,        /* bytes in a caption, an alt text, a description, a
	                               note, a rationale */
	YT_MAX_BODY = 8192,         /* bytes in a callout's body (a paragraph's limit) */
};

typedef enum yt_kind {
	YT_SCALAR, /* text in str */
	YT_MAP,    /* keys[i] (always scalars) -> vals[i], in document order */
	YT_SEQ,    /* vals[i], in document order */
} yt_kind;

typedef struct yt_node yt_node;
struct yt_node {
	yt_kind kind;     /* what this node is */
	diag_pos pos;     /* where it starts (1-based line and col) */
	char *str;        /* YT_SCALAR: the text, valid UTF-8, NUL-terminated; else NULL */
	int plain;        /* YT_SCALAR: 1 if unquoted (only plain scalars are numbers/null/bools) */
	size_t n;         /* YT_MAP: pairs; YT_SEQ: items; YT_SCALAR: 0 */
	yt_node **keys;   /* YT_MAP: n key scalars; else NULL */
	yt_node **vals;   /* YT_MAP: n values; YT_SEQ: n items; else NULL */
};

/* Parses the YAML file at path (shown in diagnostics as display, or path if NULL).
 * Returns the root node (caller frees with yt_free), or NULL after recording every
 * problem in d: syntax errors, invalid UTF-8, control characters and noncharacters
 * (utf8_text_next; in the file or from a string's escapes), more than one document, duplicate keys
 * (naming both positions), non-scalar keys, depth or expansion limits, alias cycles,
 * undefined aliases. An empty file gives an empty map. Aliases are expanded into copies.
 * A UTF-8 byte-order mark at the start is skipped (column 1 is the character after it). */
yt_node *yt_parse_file(const char *path, const char *display, diag *d);

/* Same as yt_parse_file for text already in memory; name is used in positions, and
 * line_offset is added to every line (for YAML embedded in a page at that line). */
yt_node *yt_parse_string(const char *name, const char *text, size_t len, int line_offset,
    diag *d);

/* Frees n and all its children. NULL is a no-op. */
void yt_free(yt_node *n);

/* Returns a deep copy of n (caller frees). */
yt_node *yt_clone(const yt_node *n);

/* Returns the value for key in map m, or NULL if m is not a map or has no such key. */
yt_node *yt_get(const yt_node *m, const char *key);

/* Returns 1 if n is a plain scalar spelling null (null, Null, NULL, ~) or empty plain. */
int yt_is_null(const yt_node *n);

/* Returns the name of a node kind for messages: "a scalar", "a mapping", "a sequence". */
const char *yt_kind_name(yt_kind k);

#endif
