/* pool: a thread-safe set of idle objects kept for reuse, each with a size. */
#ifndef MKR_POOL_H
#define MKR_POOL_H

#include <pthread.h>
#include <stddef.h>

enum {
	UTIL_POOL_MAX = 16, /* most idle objects a pool keeps */
};

/* A pool; define one with UTIL_POOL_INIT. */
typedef struct util_pool {
	pthread_mutex_t lock;       /* guards the fields below */
	void *item[UTIL_POOL_MAX];  /* idle objects (owned by the pool) */
	size_t size[UTIL_POOL_MAX]; /* their sizes (0 where size does not matter) */
	size_t n;                   /* entries used */
	size_t max;                 /* entries kept at most (<= UTIL_POOL_MAX) */
} util_pool;

/* Initialiser of a pool keeping at most max objects. */
#define UTIL_POOL_INIT(max) { PTHREAD_MUTEX_INITIALIZER, { NULL }, { 0 }, 0, (max) }

/* Takes an idle object of size at least min out of p and stores its size in *size (may
 * be NULL); returns NULL if there is none (the caller then makes one). */
void *util_pool_take(util_pool *p, size_t min, size_t *size);

/* Gives item (of size size) to p. Returns NULL, or item itself when p is full: the
 * caller then releases it. */
void *util_pool_give(util_pool *p, void *item, size_t size);

/* Releases every idle object of p with release. */
void util_pool_drain(util_pool *p, void (*release)(void *));

#endif
