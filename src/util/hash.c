/* hash: string-keyed tables with open addressing, linear probing and FNV-1a. */
#include "util/hash.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

/* One slot; key == NULL marks it empty (there are no deletions). */
typedef struct hash_slot {
	const char *key; /* NUL-terminated key, NULL if the slot is empty */
	size_t len;      /* strlen(key) */
	uint64_t hash;   /* hash_bytes(key, len) */
	size_t val;      /* the key's value */
} hash_slot;

struct hash_table {
	hash_slot *slot; /* cap slots */
	size_t cap;      /* a power of two, 0 before the first add */
	size_t n;        /* keys present; kept at most cap / 2 */
	hash_keys keys;  /* whether hash_free frees the keys */
};

hash_table *
hash_new(hash_keys keys)
{
	hash_table *h = util_xcalloc(1, sizeof *h);
	h->keys = keys;
	return h;
}

void
hash_free(hash_table *h)
{
	if (h == NULL)
		return;
	if (h->keys == HASH_OWN)
		for (size_t i = 0; i < h->cap; i++)
			free((char *)h->slot[i].key);
	free(h->slot);
	free(h);
}

size_t
hash_count(const hash_table *h)
{
	return h != NULL ? h->n : 0;
}

uint64_t
hash_bytes(const char *s, size_t len)
{
	uint64_t x = 14695981039346656037ULL;
	for (size_t i = 0; i < len; i++) {
		x ^= (unsigned char)s[i];
		x *= 1099511628211ULL;
	}
	return x;
}

/* Returns the slot holding s[0..len) (hash x), or the empty slot where it would go.
 * h->cap must be nonzero. */
static hash_slot *
probe(const hash_table *h, const char *s, size_t len, uint64_t x)
{
	size_t mask = h->cap - 1;
	for (size_t i = (size_t)x & mask;; i = (i + 1) & mask) {
		hash_slot *e = &h->slot[i];
		if (e->key == NULL || (e->hash == x && e->len == len &&
		    memcmp(e->key, s, len) == 0))
			return e;
	}
}

/* Returns the slot of s[0..len), or NULL if absent. */
static hash_slot *
lookup(const hash_table *h, const char *s, size_t len)
{
	if (h == NULL || h->n == 0)
		return NULL;
	hash_slot *e = probe(h, s, len, hash_bytes(s, len));
	return e->key != NULL ? e : NULL;
}

int
hash_find(const hash_table *h, const char *s, size_t len, size_t *val)
{
	hash_slot *e = lookup(h, s, len);
	if (e != NULL && val != NULL)
		*val = e->val;
	return e != NULL;
}

int
hash_get(const hash_table *h, const char *s, size_t *val)
{
	return hash_find(h, s, strlen(s), val);
}

size_t *
hash_ref(hash_table *h, const char *s)
{
	hash_slot *e = lookup(h, s, strlen(s));
	return e != NULL ? &e->val : NULL;
}

const char *
hash_key(const hash_table *h, const char *s)
{
	hash_slot *e = lookup(h, s, strlen(s));
	return e != NULL ? e->key : NULL;
}

/* Doubles h's slots (16 at first), keeping every entry. */
static void
grow(hash_table *h)
{
	hash_slot *old = h->slot;
	size_t oldcap = h->cap;
	h->cap = oldcap ? 2 * oldcap : 16;
	h->slot = util_xcalloc(h->cap, sizeof *h->slot);
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].key != NULL)
			*probe(h, old[i].key, old[i].len, old[i].hash) = old[i];
	free(old);
}

int
hash_add(hash_table *h, const char *key, size_t val, size_t *old)
{
	if (2 * (h->n + 1) > h->cap)
		grow(h);
	size_t len = strlen(key);
	uint64_t x = hash_bytes(key, len);
	hash_slot *e = probe(h, key, len, x);
	if (e->key != NULL) {
		if (old != NULL)
			*old = e->val;
		return 0;
	}
	e->key = key;
	e->len = len;
	e->hash = x;
	e->val = val;
	h->n++;
	return 1;
}
