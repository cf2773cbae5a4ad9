/* csv: CSV fields (RFC 4180 quoting) and numbers, for every CSV the tool writes. */
#ifndef MKR_CSV_H
#define MKR_CSV_H

#include <stddef.h>

#include "util/buf.h"

/* Appends n bytes of s as one field, in double quotes (inner quotes doubled) if it
 * holds a comma, a quote, CR or LF. s may be NULL when n is 0. */
void csv_text(buf *out, const char *s, size_t n);

/* Appends v by num_put's rule; nothing (an empty field) for NaN or infinities. */
void csv_num(buf *out, double v);

#endif
