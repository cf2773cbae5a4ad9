/* arena: bump allocation for one page's short-lived objects, released in one go. */
#include "util/arena.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "util/buf.h"
#include "util/oom.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

enum {
	ARENA_SLICES = 16,                   /* arenas at once at most */
	ARENA_ALIGN = 16,                    /* alignment of every block */
	ARENA_HEAD = 16,                     /* bytes before a block: its size */
};

/* Bytes of one arena's slice (address space; only what is used gets memory). A page
 * that needs more allocates the rest from malloc. */
#define ARENA_SLICE ((size_t)64 << 20)

/* Bytes made writable at a time as an arena grows (the rest of its slice stays
 * inaccessible and uncharged, even under strict overcommit). */
#define ARENA_STEP ((size_t)1 << 20)

struct util_arena {
	char *lo;    /* the slice's first byte */
	char *hi;    /* one past its last */
	char *cur;   /* where the next block's header goes */
	char *top;   /* the highest cur since the slice was taken (memory touched) */
	char *rw;    /* the end of the part of the slice made writable */
	char *last;  /* the last block allocated, or NULL */
	int slice;   /* which slice */
};

static pthread_once_t reserve_once = PTHREAD_ONCE_INIT;
static _Atomic uintptr_t range_base; /* the reserved range, 0 if none */
static pthread_mutex_t slices_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned slices_used;        /* bit k: slice k is taken (guarded by slices_lock) */
static _Thread_local util_arena *current;

/* Reserves the address range of every slice (no memory until touched). */
static void
reserve(void)
{
	size_t n = ARENA_SLICES * ARENA_SLICE;
	void *p = mmap(NULL, n, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return;
	POISON(p, n);
	atomic_store(&range_base, (uintptr_t)p);
}

util_arena *
util_arena_new(void)
{
	pthread_once(&reserve_once, reserve);
	char *base = (char *)atomic_load(&range_base);
	if (base == NULL)
		return NULL;
	pthread_mutex_lock(&slices_lock);
	int k = 0;
	while (k < ARENA_SLICES && (slices_used & (1u << k)))
		k++;
	if (k < ARENA_SLICES)
		slices_used |= 1u << k;
	pthread_mutex_unlock(&slices_lock);
	if (k == ARENA_SLICES)
		return NULL;
	util_arena *a = util_xmalloc(sizeof *a);
	a->lo = base + (size_t)k * ARENA_SLICE;
	a->hi = a->lo + ARENA_SLICE;
	a->cur = a->top = a->rw = a->lo;
	a->last = NULL;
	a->slice = k;
	return a;
}

void
util_arena_free(util_arena *a)
{
	if (a == NULL)
		return;
	util_arena_reset(a);
	if (a->rw > a->lo) { /* back to address space only, for the slice's next arena */
		madvise(a->lo, (size_t)(a->rw - a->lo), MADV_DONTNEED);
		mprotect(a->lo, (size_t)(a->rw - a->lo), PROT_NONE);
	}
	pthread_mutex_lock(&slices_lock);
	slices_used &= ~(1u << a->slice);
	pthread_mutex_unlock(&slices_lock);
	free(a);
}

util_arena *
util_arena_use(util_arena *a)
{
	util_arena *prev = current;
	current = a;
	return prev;
}

void
util_arena_reset(util_arena *a)
{
	if (a->cur > a->top)
		a->top = a->cur;
	POISON(a->lo, (size_t)(a->top - a->lo));
	a->cur = a->lo;
	a->last = NULL;
}

int
util_arena_owns(const void *p)
{
	uintptr_t base = atomic_load_explicit(&range_base, memory_order_relaxed);
	return base != 0 && (uintptr_t)p - base < ARENA_SLICES * ARENA_SLICE;
}

/* Returns the size of the arena block p. */
static size_t
block_size(const void *p)
{
	size_t n;
	memcpy(&n, (const char *)p - ARENA_HEAD, sizeof n);
	return n;
}

/* Makes a's slice writable up to at least end (at most its end). Returns 0, or -1 if
 * the system refuses. */
static int
arena_grow(util_arena *a, const char *end)
{
	size_t want = ((size_t)(end - a->lo) + ARENA_STEP - 1) / ARENA_STEP * ARENA_STEP;
	char *to = want < ARENA_SLICE ? a->lo + want : a->hi;
	if (mprotect(a->rw, (size_t)(to - a->rw), PROT_READ | PROT_WRITE) != 0)
		return -1;
	a->rw = to;
	return 0;
}

/* Returns a block of n bytes from a, or NULL if a has no room. */
static void *
arena_alloc(util_arena *a, size_t n)
{
	size_t need = (n + ARENA_ALIGN - 1) / ARENA_ALIGN * ARENA_ALIGN;
	size_t room = (size_t)(a->hi - a->cur);
	if (need < n || room < ARENA_HEAD || need > room - ARENA_HEAD)
		return NULL;
	if (a->cur + ARENA_HEAD + need > a->rw && arena_grow(a, a->cur + ARENA_HEAD + need) != 0)
		return NULL;
	char *p = a->cur + ARENA_HEAD;
	UNPOISON(a->cur, ARENA_HEAD + n);
	memcpy(a->cur, &n, sizeof n);
	a->cur = p + need;
	a->last = p;
	return p;
}

void *
util_arena_xmalloc(size_t n)
{
	void *p = current != NULL ? arena_alloc(current, n) : NULL;
	return p != NULL ? p : util_xmalloc(n);
}

void *
util_arena_xcalloc(size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		util_oom();
	void *p = current != NULL ? arena_alloc(current, n * size) : NULL;
	if (p == NULL)
		return util_xcalloc(n, size);
	memset(p, 0, n * size);
	return p;
}

char *
util_arena_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = util_arena_xmalloc(n);
	memcpy(p, s, n);
	return p;
}

void *
util_arena_xrealloc(void *p, size_t n)
{
	if (p == NULL)
		return util_arena_xmalloc(n);
	if (!util_arena_owns(p))
		return util_xrealloc(p, n);
	size_t old = block_size(p);
	util_arena *a = current;
	if (a != NULL && p == a->last && (char *)p >= a->lo && (char *)p < a->hi) {
		a->cur = (char *)p - ARENA_HEAD; /* the last block: grown (or shrunk) in place */
		char *q = arena_alloc(a, n);
		if (q != NULL)
			return q;
		a->cur = (char *)p + (old + ARENA_ALIGN - 1) / ARENA_ALIGN * ARENA_ALIGN;
		a->last = p;
	}
	void *q = util_arena_xmalloc(n);
	memcpy(q, p, old < n ? old : n);
	return q;
}

void
util_arena_xfree(void *p)
{
	if (!util_arena_owns(p))
		free(p);
}
