/* csv: CSV fields (RFC 4180 quoting) and numbers, for every CSV the tool writes. */
#ifndef MKR_CSV_H
#define MKR_CSV_H

#include <stddef.h>

#include "util/buf.h"

/* The first bytes that make a spreadsheet read a text cell as a formula (=, +, -, @,
 * TAB, CR: OWASP's CSV injection list), and the apostrophe that guards them. */
#define CSV_GUARD_STARTS "=+-@\t\r'"

/* Returns 1 if csv_text guards the n bytes of s: they start with a byte of
 * CSV_GUARD_STARTS. A text starting with an apostrophe is guarded too, so that a
 * reader can take exactly one apostrophe off every quoted field that starts with one. */
int csv_guarded(const char *s, size_t n);

/* Appends n bytes of s as one text field: in double quotes (inner quotes doubled) if
 * it holds a comma, a quote, CR or LF, or is guarded (csv_guarded); a guarded field
 * starts with an apostrophe inside its quotes ("'=1+2"), so spreadsheets show it as
 * text and never run it. Numbers go through csv_num, never here. s may be NULL when n
 * is 0. */
void csv_text(buf *out, const char *s, size_t n);

/* Appends v by num_put's rule; nothing (an empty field) for NaN or infinities. */
void csv_num(buf *out, double v);

#endif
