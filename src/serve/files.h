/* files: the served site's files: safe opening under the site folder, content types,
 * and the reload script added to served HTML pages. */
#ifndef MKR_SERVE_FILES_H
#define MKR_SERVE_FILES_H

#include <stddef.h>

/* Results of serve_open besides a file descriptor. */
enum serve_open_status {
	SERVE_NOT_FOUND = -1, /* no such file (or not readable) */
	SERVE_REFUSED = -2,   /* a "." or ".." segment, a symlink on the way, or not a
	                         regular file: never served */
	SERVE_DIR = -3,       /* rel names a folder but lacks the trailing '/' */
};

/* Opens the file rel names under the folder root (rel: the request's decoded path
 * below the base, segments separated by '/', no leading '/'): each segment is opened
 * relative to the one before with O_NOFOLLOW, so no symlink is ever followed and
 * nothing outside root is reached; a folder ("" or ending in '/') gives its
 * index.html. Returns a read-only descriptor of a regular file (caller closes) and
 * sets *is_html if its name ends in ".html", or a serve_open_status. Never blocks on a
 * FIFO. Thread-safe. */
int serve_open(const char *root, const char *rel, int *is_html);

/* Returns the Content-Type for path by its extension (html, css, js, svg, png, jpg,
 * gif, webp, ico, pdf, csv, json, zip, wasm, xml, txt, woff, woff2), else
 * "application/octet-stream". Static string. */
const char *serve_content_type(const char *path);

/* The served copy of an HTML page: returns a malloc'd copy of html (n bytes) with
 * `<script src="/__mkreport/reload.js" data-generation="GEN"></script>` inserted
 * before its last "</body>" (at the end without one), and with the script-src and
 * connect-src of any Content-Security-Policy meta element allowing 'self' (so that
 * script and its event stream may run); *outn gets the new length. gen holds only
 * digits and dots. NULL if memory ran out. Thread-safe; never longjmps. */
char *serve_inject(const char *html, size_t n, const char *gen, size_t *outn);

/* The reload script served at /__mkreport/reload.js (static, NUL-terminated). */
extern const char serve_reload_js[];

#endif
