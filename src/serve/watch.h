/* watch: the report's source folders watched with inotify, recursively. */
#ifndef MKR_SERVE_WATCH_H
#define MKR_SERVE_WATCH_H

#include <stddef.h>

typedef struct serve_watch serve_watch;

/* Watches the n folders dirs and every folder below them (folders created later are
 * added as they appear) for files written, created, removed or renamed in or out (an
 * editor's save by rename into place included). Returns the watch (free with
 * serve_watch_free), or NULL with errno set if inotify or a folder failed. */
serve_watch *serve_watch_new(const char *const *dirs, size_t n);

/* Returns the descriptor to poll for reading: readable when events are pending. */
int serve_watch_fd(const serve_watch *w);

/* Reads every pending event (does not block) and adds the new folders it reports.
 * Returns how many concern the sources (editors' scratch files do not: names starting
 * with '.' or '#', ending in '~', ".swp", ".swx" or ".swpx", or "4913"), a lost-events
 * overflow counting as one; 0 if none; -1 on a read error. Sets *path (if given) to the
 * folder/name of the last one that counted (owned by w, valid until the next call). */
int serve_watch_read(serve_watch *w, const char **path);

/* Stops watching and frees w. NULL is a no-op. */
void serve_watch_free(serve_watch *w);

#endif
