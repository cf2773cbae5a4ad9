/* hash: string-keyed tables (open addressing, linear probing, FNV-1a) mapping a key
 * to a size_t, such as an index into the caller's array. */
#ifndef MKR_HASH_H
#define MKR_HASH_H

#include <stddef.h>
#include <stdint.h>

typedef struct hash_table hash_table;

/* How a table holds its keys. */
typedef enum hash_keys {
	HASH_BORROW, /* keys belong to the caller and must outlive their entry unchanged */
	HASH_OWN,    /* keys added were allocated with malloc; hash_free frees them */
} hash_keys;

/* Returns a new empty table; free with hash_free. */
hash_table *hash_new(hash_keys keys);

/* Frees h (and its keys if it owns them). NULL is a no-op. */
void hash_free(hash_table *h);

/* Returns the number of keys in h (0 for NULL). */
size_t hash_count(const hash_table *h);

/* Returns the FNV-1a hash of s[0..len). */
uint64_t hash_bytes(const char *s, size_t len);

/* Looks up the key s[0..len) (h may be NULL). Returns 1 and stores its value in *val
 * (when val is not NULL) if present, else 0. */
int hash_find(const hash_table *h, const char *s, size_t len, size_t *val);

/* Same as hash_find for the NUL-terminated key s. */
int hash_get(const hash_table *h, const char *s, size_t *val);

/* Adds the NUL-terminated key (borrowed or taken over as h says) with val unless an
 * equal key is present. Returns 1 if added; 0 if present, storing the present value in
 * *old (when old is not NULL) and leaving key with the caller even if h owns keys. */
int hash_add(hash_table *h, const char *key, size_t val, size_t *old);

/* Returns the value slot of the NUL-terminated key s, or NULL if absent. The pointer
 * is valid until the next hash_add or hash_free. */
size_t *hash_ref(hash_table *h, const char *s);

/* Returns the stored key equal to s (the table's own pointer), or NULL if absent. */
const char *hash_key(const hash_table *h, const char *s);

#endif
