/* arena: bump allocation for one page's short-lived objects (its libxml2 tree and
 * cmark nodes), released in one go.
 *
 * Arenas are slices of one address range reserved at the first util_arena_new (address
 * space only: a slice is made writable a step at a time as it fills), so
 * util_arena_owns tells an arena's block from a malloc block by its address, whatever
 * the thread. An arena is used through the calling thread's current arena
 * (util_arena_use): the allocators given to libxml2 and cmark (util_arena_xmalloc and
 * friends) allocate from it when there is one, and from malloc otherwise. */
#ifndef MKR_ARENA_H
#define MKR_ARENA_H

#include <stddef.h>

typedef struct util_arena util_arena;

/* Returns a new empty arena, or NULL when none can be had (the address range could not
 * be reserved, as under a small ulimit -v, or every slice is in use): the caller then
 * allocates from malloc as usual. Free with util_arena_free. */
util_arena *util_arena_new(void);

/* Gives a's slice back (its memory returned to the system). NULL is a no-op. a must not
 * be any thread's current arena. */
void util_arena_free(util_arena *a);

/* Makes a (or NULL: none) the calling thread's current arena; returns the previous. */
util_arena *util_arena_use(util_arena *a);

/* Releases every block allocated from a since its creation or last reset: their
 * memory is reused by the next allocations. No block of a may be used after. */
void util_arena_reset(util_arena *a);

/* Returns 1 if p is a block of some arena (a util_arena_x* allocation made while an
 * arena was current), else 0. */
int util_arena_owns(const void *p);

/* malloc, calloc, realloc and free for libraries: from the calling thread's current
 * arena when it has one and it has room, else from malloc (checked: running out of
 * memory calls util_oom). util_arena_xfree frees a malloc block and ignores an arena's
 * (released by util_arena_reset); util_arena_xrealloc moves an arena's block within its
 * arena, or to malloc when there is no current arena or no room. */
void *util_arena_xmalloc(size_t n);
void *util_arena_xcalloc(size_t n, size_t size);
void *util_arena_xrealloc(void *p, size_t n);
char *util_arena_xstrdup(const char *s);
void util_arena_xfree(void *p);

#endif
