/* json: a pretty-printing JSON writer (two-space indent, a member per line, arrays of
 * numbers on one line), numbers by num_put's rule. */
#ifndef MKR_JSON_H
#define MKR_JSON_H

#include <stddef.h>

#include "util/buf.h"

enum { JSON_MAX_DEPTH = 16 }; /* deepest nesting a writer holds */

/* A writer appending to out. Start one with json_writer_init. */
typedef struct json_writer {
	buf *out;                   /* text goes here (borrowed) */
	int depth;                  /* open containers */
	int first[JSON_MAX_DEPTH];  /* 1 while the container at that depth is empty */
} json_writer;

/* Starts w on out (nothing written yet). */
void json_writer_init(json_writer *w, buf *out);

/* Opens an object ('{') or array ('[') as member key, or as an element (or the
 * document) when key is NULL. Nesting beyond JSON_MAX_DEPTH is a caller's bug. */
void json_open(json_writer *w, const char *key, char c);

/* Closes the innermost container with c ('}' or ']'). */
void json_close(json_writer *w, char c);

/* Writes member key: a number (null for NaN and infinities). */
void json_num(json_writer *w, const char *key, double v);

/* Writes member key: a string, escaped (null for NULL). */
void json_str(json_writer *w, const char *key, const char *s);

/* Writes member key: [n numbers] on one line. */
void json_nums(json_writer *w, const char *key, const double *a, size_t n);

/* Writes member key: [n integers] on one line. */
void json_ints(json_writer *w, const char *key, const int *a, size_t n);

/* Writes member key: true or false. */
void json_bool(json_writer *w, const char *key, int v);

#endif
