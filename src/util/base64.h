/* base64: bytes as RFC 4648 base64 text (for data carried inside a page). */
#ifndef MKR_BASE64_H
#define MKR_BASE64_H

#include <stddef.h>

#include "util/buf.h"

/* Appends the base64 form of p[0..n) to out, padded with '=', no line breaks. */
void base64_put(buf *out, const unsigned char *p, size_t n);

#endif
