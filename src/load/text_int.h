/* text_int: UTF-8 validation and byte offsets as line:col, shared inside src/load. */
#ifndef MKR_LOAD_TEXT_INT_H
#define MKR_LOAD_TEXT_INT_H

#include <stddef.h>

/* Returns 0 if s[0..len) is valid UTF-8 (no overlongs, surrogates or code points above
 * U+10FFFF), else -1 with *bad set to the offset of the first byte of the bad sequence. */
int load_utf8_check(const char *s, size_t len, size_t *bad);

/* Stores the 1-based line and column (counted in characters) of byte offset off in
 * s[0..len); off beyond len is clamped to len. */
void load_offset_pos(const char *s, size_t len, size_t off, int *line, int *col);

/* Returns 0 if every run of consecutive non-blank lines outside fenced code blocks
 * (``` or ~~~) in s[0..len) is at most max bytes, else -1 with *line set to the
 * 1-based line where the first longer run starts. (cmark 0.30.2's inline parser is
 * quadratic on some inputs within one block; blocks are bounded by blank lines.) */
int load_run_check(const char *s, size_t len, size_t max, int *line);

#endif
