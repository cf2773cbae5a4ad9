/* cache: the build cache: outputs stored under the digest of the inputs they were made
 * from, reused when a later build asks for the same key. */
#ifndef MKR_CACHE_H
#define MKR_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/sha256.h"

/* A cache folder opened for one build. */
typedef struct cache cache;

/* What a build did with the cache. */
typedef struct cache_stats {
	size_t hits;    /* outputs reused */
	size_t misses;  /* outputs computed (no entry, or a bad one) */
	size_t bad;     /* entries found damaged (wrong header, length or CRC-32), removed */
	size_t removed; /* entries swept by cache_sweep (not used by this build) */
} cache_stats;

/* Opens the cache folder dir, creating it and its parents if missing, and a
 * CACHEDIR.TAG in it (so backup tools skip it). Every key made
 * through the result starts with the running tool's identity (its ELF build id, or the
 * digest of its binary), so a rebuilt tool never reuses another build's outputs.
 * Returns a new cache (free with cache_free), or NULL with errno set if dir cannot be
 * created. */
cache *cache_new(const char *dir);

/* Frees c (entries stay on disk). NULL is a no-op. */
void cache_free(cache *c);

/* Starts the key of an output of kind (a short fixed name: "chart", "mc", "pdf") in h:
 * the tool's identity and kind. Feed the inputs with sha256_feed_* and finish with
 * sha256_final. */
void cache_key_init(sha256_ctx *h, const cache *c, const char *kind);

/* Feeds path and the bytes of the file at path to h (a marker if it cannot be read). */
void cache_key_file(sha256_ctx *h, const char *path);

/* Looks up key: on a hit appends the stored bytes to out and returns 0. An entry whose
 * header, length or CRC-32 does not match is removed and counted as bad. Returns -1 on
 * a miss (out unchanged). Either way the key counts as used by this build. */
int cache_get(cache *c, const uint8_t key[SHA256_LEN], buf *out);

/* cache_get without counting a hit or a miss (a damaged entry is still counted as
 * bad and removed): for bookkeeping entries that are not outputs, such as the list of
 * report.pdf's parts. */
int cache_get_uncounted(cache *c, const uint8_t key[SHA256_LEN], buf *out);

/* Marks key used by this build without reading it or counting it (an entry the build
 * does not need now but a later one will, such as the word shapes while report.pdf is
 * reused): cache_sweep keeps it. */
void cache_keep(cache *c, const uint8_t key[SHA256_LEN]);

/* Stores the n bytes at data under key (a temporary file renamed into place, so a
 * killed build leaves no half entry) and marks it used. Failing to write is not an
 * error: the next build computes the output again. */
void cache_put(cache *c, const uint8_t key[SHA256_LEN], const void *data, size_t n);

/* Removes every entry this build did not use and leftover temporary files (files
 * named as entries, 64 hex digits, or as their temporary files: nothing else), so the
 * folder holds only what the last build needs. Call after a successful build. */
void cache_sweep(cache *c);

/* Notes that this build computed the output name (such as "charts/x.*" or
 * "report.pdf") because cache_get missed its key, for `build -v`. A copy of name is
 * kept. Thread-safe. */
void cache_computed(cache *c, const char *name);

/* Counts one output reused (hit 1) or computed (hit 0), for an output looked up with
 * cache_get_uncounted whose outcome is known only later. Thread-safe. */
void cache_count(cache *c, int hit);

/* Forgets the outputs counted reused and computed so far and the names given to
 * cache_computed (the damaged entries found stay counted): for a build that starts
 * again. */
void cache_recount(cache *c);

/* Returns the names given to cache_computed so far, sorted, and their number in *n;
 * owned by c, valid until the next cache_computed or cache_free. */
const char *const *cache_computed_names(cache *c, size_t *n);

/* Returns c's folder (owned by c). */
const char *cache_dir(const cache *c);

/* Returns c's counts so far. */
cache_stats cache_get_stats(const cache *c);

/* Appends the n bytes at p to b as one part: its length (8 bytes) then the bytes. */
void cache_pack(buf *b, const void *p, size_t n);

/* Reads the next part of a packed run at *s (*left bytes remain) into *p and *n and
 * moves past it. Returns 0, or -1 if the run ends early. */
int cache_unpack(const char **s, size_t *left, const char **p, size_t *n);

#endif
