/* utf8: UTF-8 validation and byte offsets as line:col positions. */
#ifndef MKR_UTF8_H
#define MKR_UTF8_H

#include <stddef.h>

/* Returns 0 if s[0..len) is valid UTF-8 (no overlongs, surrogates or code points above
 * U+10FFFF), else -1 with *bad set to the offset of the first byte of the bad sequence. */
int utf8_check(const char *s, size_t len, size_t *bad);

/* Stores the 1-based line and column (counted in characters) of byte offset off in
 * s[0..len); off beyond len is clamped to len. */
void utf8_offset_pos(const char *s, size_t len, size_t off, int *line, int *col);

#endif
