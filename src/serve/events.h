/* events: what serve's threads share: the build generation, the error page, and the
 * Server-Sent Events streams that tell open pages to reload. */
#ifndef MKR_SERVE_EVENTS_H
#define MKR_SERVE_EVENTS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct serve_events serve_events;

/* Returns new shared state (generation "<start time>.0", no error page), or NULL if
 * memory ran out. Free with serve_events_free once no thread uses it. Thread-safe
 * from here on; never longjmps (plain malloc), so HTTP threads may call it. */
serve_events *serve_events_new(void);

/* Frees e. NULL is a no-op. */
void serve_events_free(serve_events *e);

/* Records a finished build: a new generation, and the error page page (n bytes,
 * copied) if the build failed, or none (page NULL) if it succeeded; wakes every
 * stream, which sends "event: reload". Returns 0, or -1 if memory ran out (state
 * unchanged). */
int serve_events_publish(serve_events *e, const char *page, size_t n);

/* Copies the current generation into out (size bytes, NUL-terminated). */
void serve_events_generation(serve_events *e, char *out, size_t size);

/* Returns a malloc'd copy of the error page (*n bytes, caller frees), or NULL if the
 * last build succeeded or memory ran out. */
char *serve_events_error_page(serve_events *e, size_t *n);

/* Ends every stream (their reads return end of stream at once) and makes new ones
 * end at once. For shutdown, before the HTTP daemon is stopped. */
void serve_events_stop(serve_events *e);

/* One open event stream: a reader for the HTTP library's callback response. */
typedef struct serve_stream serve_stream;

/* Returns a stream of e (its first event, "hello", carries the current generation),
 * or NULL if memory ran out. e must outlive it. Freed by serve_stream_free. */
serve_stream *serve_stream_new(serve_events *e);

/* Fills buf (max bytes) with the stream's next bytes, blocking until there are some:
 * a reload event when the generation changes, a comment every 15 s so a closed
 * connection is noticed. Returns the byte count, or -1 (end of stream) once
 * serve_events_stop was called. cls is the serve_stream; pos is unused. */
ssize_t serve_stream_read(void *cls, uint64_t pos, char *buf, size_t max);

/* Frees the serve_stream cls. NULL is a no-op. */
void serve_stream_free(void *cls);

#endif
