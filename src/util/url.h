/* url: URLs judged as browsers read them (the WHATWG URL parser's clean-up first), and
 * what a page may link to or load. */
#ifndef MKR_URL_H
#define MKR_URL_H

#include <stddef.h>

#include "util/buf.h"

/* What a URL points at, read against a page of the site (an http, https or file page:
 * a "special" base in WHATWG's terms). */
typedef enum url_kind {
	URL_SAME,   /* nothing, or only a ?query and/or #fragment: the page itself */
	URL_PATH,   /* a relative path ("a/b.png", "../x.html#y") */
	URL_ROOT,   /* a path from the host's root ("/a", or a Windows drive "C|/a") */
	URL_HOST,   /* another host, scheme-relative ("//h", "/\h", "\\h", "\/h") */
	URL_SCHEME, /* an absolute URL with a scheme ("https://h/", "mailto:a@b") */
} url_kind;

/* A URL as a browser reads it. */
typedef struct url_view {
	url_kind kind;     /* what it points at */
	buf clean;         /* the URL the browser parses: C0 controls and spaces trimmed
	                      at both ends, TAB/LF/CR removed, the scheme lower-cased, '\'
	                      made '/' before any '?' or '#' (special URLs, relative ones) */
	size_t scheme_len; /* URL_SCHEME: bytes of the scheme at clean's start (no ':') */
	int above;         /* URL_PATH: its ".." segments (also "%2e%2e", ".%2e"...) climb
	                      above the page's folder */
	int colon;         /* URL_PATH: its first segment holds ':' ("java%73cript:x"), a
	                      scheme to other readers of the text */
} url_view;

/* Reads src (NUL-terminated, any bytes) into u, which the caller frees with url_done.
 * Never fails. */
void url_read(url_view *u, const char *src);

/* Frees what u holds. */
void url_done(url_view *u);

/* Returns 1 if u's scheme (URL_SCHEME only) is name (lower case), else 0. */
int url_scheme_is(const url_view *u, const char *name);

/* Returns NULL if u may be the target of a link on a page at the site's top level:
 * http or https naming a host (scheme://host, no user name or password), mailto:, a
 * relative path that stays inside the site's folder, or a ?query / #fragment of the
 * page. Otherwise returns why not: a static phrase that completes "link '<url>' ..."
 * (e.g. "has a scheme other than http, https or mailto"). */
const char *url_link_refusal(const url_view *u);

/* Returns NULL if u may be an image's src: a relative path to a file inside the site's
 * folder (the site makes no external requests and works from any folder). Otherwise
 * returns why not, a static phrase that completes "image '<url>' ...". */
const char *url_image_refusal(const url_view *u);

/* Appends s to out for a message: bytes below 0x20 and 0x7f as \t, \n, \r or \xHH,
 * everything else as it is. */
void url_quote(buf *out, const char *s);

#endif
