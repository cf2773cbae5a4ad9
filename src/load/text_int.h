/* text_int: the paragraph-run check of pages, inside src/load. */
#ifndef MKR_LOAD_TEXT_INT_H
#define MKR_LOAD_TEXT_INT_H

#include <stddef.h>

/* Returns 0 if every run of consecutive non-blank lines outside fenced code blocks
 * (``` or ~~~) in s[0..len) is at most max bytes, else -1 with *line set to the
 * 1-based line where the first longer run starts. (cmark 0.30.2's inline parser is
 * quadratic on some inputs within one block; blocks are bounded by blank lines.) */
int load_run_check(const char *s, size_t len, size_t max, int *line);

#endif
