/* errpage: the page the browser shows while the report's sources have errors. */
#ifndef MKR_SERVE_ERRPAGE_H
#define MKR_SERVE_ERRPAGE_H

#include "diag.h"
#include "util/buf.h"

/* Appends to b an HTML page listing every diagnostic of d: its file:line:col, its
 * kind and its message, each put into the page's tree as text (libxml2), so nothing
 * in a message can become markup. */
void serve_error_page(const diag *d, buf *b);

#endif
