/* sha256: the SHA-256 digest (FIPS 180-4), for the build cache's keys and checks. */
#ifndef MKR_SHA256_H
#define MKR_SHA256_H

#include <stddef.h>
#include <stdint.h>

enum { SHA256_LEN = 32 }; /* bytes of a digest */

/* A digest being computed; a value struct, no allocation. */
typedef struct sha256_ctx {
	uint32_t h[8];      /* chaining state */
	uint64_t total;     /* bytes fed so far */
	uint8_t block[64];  /* the partial block */
	size_t used;        /* bytes of block in use */
} sha256_ctx;

/* Starts a digest in c. */
void sha256_init(sha256_ctx *c);

/* Feeds n bytes at p (p may be NULL when n is 0). */
void sha256_update(sha256_ctx *c, const void *p, size_t n);

/* Finishes c and stores the digest in out; c must be started again before reuse. */
void sha256_final(sha256_ctx *c, uint8_t out[SHA256_LEN]);

/* Stores the digest of the n bytes at p in out. */
void sha256(const void *p, size_t n, uint8_t out[SHA256_LEN]);

/* Typed feeds for keys: each value is written with a tag and, for strings and byte
 * runs, its length, so that no two different sequences of calls give the same bytes. */

/* Feeds the n bytes at p (p may be NULL when n is 0) with their length. */
void sha256_feed_mem(sha256_ctx *c, const void *p, size_t n);

/* Feeds the string s, or a marker distinct from every string when s is NULL. */
void sha256_feed_str(sha256_ctx *c, const char *s);

/* Feeds v's exact bits (0.0 and -0.0 differ, as do NaNs with other payloads). */
void sha256_feed_f64(sha256_ctx *c, double v);

/* Feeds the integer v. */
void sha256_feed_i64(sha256_ctx *c, int64_t v);

/* Writes d as 64 lowercase hex digits and a NUL into hex (65 bytes). */
void sha256_hex(const uint8_t d[SHA256_LEN], char hex[2 * SHA256_LEN + 1]);

#endif
