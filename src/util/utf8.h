/* utf8: UTF-8 validation and byte offsets as line:col positions. */
#ifndef MKR_UTF8_H
#define MKR_UTF8_H

#include <stddef.h>

/* Returns 0 if s[0..len) is valid UTF-8 (no overlongs, surrogates or code points above
 * U+10FFFF), else -1 with *bad set to the offset of the first byte of the bad sequence. */
int utf8_check(const char *s, size_t len, size_t *bad);

/* A character that source text must not hold. */
typedef struct utf8_fault {
	size_t off; /* byte offset of its first byte */
	size_t len; /* its length in bytes (1 for a byte that is not UTF-8) */
	long cp;    /* its code point, or -1 where the bytes are not UTF-8 */
	int ref;    /* 1: written as a numeric character reference (&#1; &#xFFFE;) */
} utf8_fault;

/* Source text (YAML files and values, Markdown pages) must be valid UTF-8 without
 * control characters (C0 other than TAB and LF, CR other than before LF, DEL, C1) and
 * without noncharacters (U+FDD0..U+FDEF, U+nFFFE, U+nFFFF), written as they are or as
 * a numeric character reference (Markdown decodes &#1; and &#xFFFE;, in YAML strings
 * too where they are rendered). Finds the first character that breaks this at or
 * after byte from of s[0..len): returns 1 and fills *f, else 0. */
int utf8_text_next(const char *s, size_t len, size_t from, utf8_fault *f);

/* Returns 0 if s[0..len) is good source text (see utf8_text_next), else -1 with the
 * first fault in *f. */
int utf8_text_check(const char *s, size_t len, utf8_fault *f);

/* Writes a message for fault f found in s to msg[0..size): "invalid UTF-8 (byte 0xe9)",
 * "control character U+0001 is not allowed", "noncharacter U+FFFE is not allowed" or
 * "carriage return (U+000D) not followed by a line feed"; a reference adds " (the
 * character reference &#1;)". */
void utf8_fault_message(const char *s, const utf8_fault *f, char *msg, size_t size);

/* Returns 3 if s[0..len) starts with a UTF-8 byte-order mark, else 0. */
size_t utf8_bom(const char *s, size_t len);

/* Moves the 1-based *line and *col (counted in characters) from byte from to byte to
 * of s (from <= to), for positions of several offsets in one pass. */
void utf8_pos_advance(const char *s, size_t from, size_t to, int *line, int *col);

#endif
