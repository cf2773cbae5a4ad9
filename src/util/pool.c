/* pool: a thread-safe set of idle objects kept for reuse, each with a size. */
#include "util/pool.h"

void *
util_pool_take(util_pool *p, size_t min, size_t *size)
{
	void *it = NULL;
	pthread_mutex_lock(&p->lock);
	for (size_t i = p->n; i-- > 0;)
		if (p->size[i] >= min) {
			it = p->item[i];
			if (size)
				*size = p->size[i];
			p->n--;
			p->item[i] = p->item[p->n];
			p->size[i] = p->size[p->n];
			break;
		}
	pthread_mutex_unlock(&p->lock);
	return it;
}

void *
util_pool_give(util_pool *p, void *item, size_t size)
{
	pthread_mutex_lock(&p->lock);
	if (p->n < p->max && p->n < UTIL_POOL_MAX) {
		p->item[p->n] = item;
		p->size[p->n++] = size;
		item = NULL;
	}
	pthread_mutex_unlock(&p->lock);
	return item;
}

void
util_pool_drain(util_pool *p, void (*release)(void *))
{
	pthread_mutex_lock(&p->lock);
	while (p->n > 0)
		release(p->item[--p->n]);
	pthread_mutex_unlock(&p->lock);
}
