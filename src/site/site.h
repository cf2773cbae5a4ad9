/* site: the output folder, written all or nothing, only changed files touched. */
#ifndef MKR_SITE_H
#define MKR_SITE_H

#include <stddef.h>

#include "diag.h"

typedef struct site_out site_out;

/* Counts of what site_commit did. */
typedef struct site_stats {
	size_t written;   /* files created or replaced */
	size_t unchanged; /* files whose bytes were already right */
	size_t removed;   /* files of the previous build no longer produced */
} site_stats;

/* Returns a new, empty set of output files; free with site_out_free. */
site_out *site_out_new(void);

/* Frees o. NULL is a no-op. */
void site_out_free(site_out *o);

/* Adds (or replaces) the file at relpath ("charts/x.svg"; no "..", no leading '/')
 * with a copy of n bytes. */
void site_out_add(site_out *o, const char *relpath, const void *bytes, size_t n);

/* Returns the number of files and the i-th path in sorted order. */
size_t site_out_count(const site_out *o);
const char *site_out_path(const site_out *o, size_t i);

/* Returns the bytes of relpath (and *n), or NULL if not added. */
const void *site_out_get(const site_out *o, const char *relpath, size_t *n);

/* Writes o into dir (created if missing): every file whose bytes differ is first
 * written to a temporary file beside its target; only when all are written are stale
 * files (listed in dir/.mkreport-manifest by the previous build, not in o) removed and
 * the temporaries renamed over; the manifest is then updated. Returns 0, or -1 after
 * recording an error in d: if any file cannot be written, the temporaries and any
 * folders created are removed and dir is left as it was. */
int site_commit(const site_out *o, const char *dir, diag *d, site_stats *st);

#endif
