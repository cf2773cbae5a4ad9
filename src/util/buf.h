/* buf: growable byte buffers and checked allocation. */
#ifndef MKR_BUF_H
#define MKR_BUF_H

#include <stdarg.h>
#include <stddef.h>

/* Allocation wrappers: they never return NULL; on exhausted memory they call util_oom
 * (util/oom.h), which unwinds to the thread's catch point (or aborts without one). */
void *util_xmalloc(size_t n);
void *util_xcalloc(size_t n, size_t size);
void *util_xrealloc(void *p, size_t n);
char *util_xstrdup(const char *s);
char *util_xstrndup(const char *s, size_t n);

/* A growable buffer; data is always NUL-terminated when len > 0 or after any append. */
typedef struct buf {
	char *data; /* owned bytes, NULL until first append */
	size_t len; /* bytes used, not counting the NUL */
	size_t cap; /* bytes allocated */
} buf;

/* Sets b to empty without allocating. */
void buf_init(buf *b);

/* Frees b's bytes and leaves b empty. */
void buf_free(buf *b);

/* Empties b, keeping its allocation. */
void buf_reset(buf *b);

/* Appends n bytes from p. */
void buf_append(buf *b, const void *p, size_t n);

/* Appends the NUL-terminated string s. */
void buf_puts(buf *b, const char *s);

/* Appends one byte. */
void buf_putc(buf *b, char c);

/* Appends printf-formatted text. */
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap);

/* Returns b's bytes as a NUL-terminated string owned by the caller (free()),
 * never NULL, and leaves b empty. */
char *buf_detach(buf *b);

/* Returns b's bytes as a NUL-terminated string still owned by b ("" if empty). */
const char *buf_str(buf *b);

#endif
