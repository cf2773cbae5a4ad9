/* rng: xoshiro256** 64-bit generator with jumps, and the four sampling distributions. */
#ifndef MKR_RNG_H
#define MKR_RNG_H

#include <stddef.h>
#include <stdint.h>

/* Generator state: xoshiro256** (Blackman and Vigna, 2018), period 2^256 - 1. */
typedef struct rng {
	uint64_t s[4]; /* state; never all zero */
} rng;

/* Seeds g from seed by four steps of splitmix64 (never an all-zero state). */
void rng_seed(rng *g, uint64_t seed);

/* Returns the next 64 random bits. */
uint64_t rng_next(rng *g);

/* Advances g by 2^128 steps: calling it k times on a copy of a seeded generator gives
 * the start of stream k, non-overlapping for 2^128 draws. */
void rng_jump(rng *g);

/* Returns a uniform double in [0, 1) with 53 random bits. */
double rng_uniform01(rng *g);

/* Fills u[0..n-1] with what n calls of rng_uniform01(g) return, in order (the
 * generator's state kept in registers: about three times faster). */
void rng_fill01(rng *g, double *u, size_t n);

/* Distributions a parameter may follow. */
typedef enum dist_kind {
	DIST_NORMAL,     /* a = mean, b = sd > 0 */
	DIST_LOGNORMAL,  /* a = mu, b = sigma > 0 (of the underlying normal) */
	DIST_TRIANGULAR, /* a = min, b = mode, c = max, a <= b <= c, a < c */
	DIST_UNIFORM,    /* a = min, b = max, a < b */
} dist_kind;

/* A distribution and its parameters. */
typedef struct dist {
	dist_kind kind; /* which distribution */
	double a;       /* first parameter (see dist_kind) */
	double b;       /* second parameter */
	double c;       /* third parameter (triangular only) */
} dist;

/* Returns NULL if d's parameters are valid, else a static message saying why not. */
const char *dist_check(const dist *d);

/* Returns one draw from d using g. d must be valid (dist_check). Normal draws use the
 * polar method without caching, so each draw consumes a whole number of pairs. */
double dist_sample(const dist *d, rng *g);

/* Returns d's theoretical mean and variance (for tests and documentation). */
double dist_mean(const dist *d);
double dist_variance(const dist *d);

#endif
