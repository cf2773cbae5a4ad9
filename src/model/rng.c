/* rng: xoshiro256** 64-bit generator with jumps, and the four sampling distributions. */
#include "model/rng.h"

#include <math.h>
#include <stddef.h>

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/* One step of splitmix64 (Steele, Lea, Flood), used only for seeding. */
static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void
rng_seed(rng *g, uint64_t seed)
{
	uint64_t x = seed;
	for (int i = 0; i < 4; i++)
		g->s[i] = splitmix64(&x);
	if ((g->s[0] | g->s[1] | g->s[2] | g->s[3]) == 0)
		g->s[0] = 1;
}

uint64_t
rng_next(rng *g)
{
	uint64_t *s = g->s;
	const uint64_t result = rotl(s[1] * 5, 7) * 9;
	const uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

void
rng_jump(rng *g)
{
	static const uint64_t jump[] = { 0x180ec6d33cfd0abaULL, 0xd5a61266f0c9392cULL,
		0xa9582618e03fc9aaULL, 0x39abdc4529b1661cULL };
	uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
	for (size_t i = 0; i < sizeof jump / sizeof *jump; i++)
		for (int b = 0; b < 64; b++) {
			if (jump[i] & (UINT64_C(1) << b)) {
				s0 ^= g->s[0];
				s1 ^= g->s[1];
				s2 ^= g->s[2];
				s3 ^= g->s[3];
			}
			rng_next(g);
		}
	g->s[0] = s0;
	g->s[1] = s1;
	g->s[2] = s2;
	g->s[3] = s3;
}

double
rng_uniform01(rng *g)
{
	return (double)(rng_next(g) >> 11) * 0x1.0p-53;
}

void
rng_fill01(rng *g, double *u, size_t n)
{
	rng h = *g; /* a local copy the compiler keeps in registers */
	for (size_t i = 0; i < n; i++)
		u[i] = (double)(rng_next(&h) >> 11) * 0x1.0p-53;
	*g = h;
}

/* A standard normal draw by Marsaglia's polar method (one of the pair is used). */
static double
std_normal(rng *g)
{
	double u, v, s;
	do {
		u = 2.0 * rng_uniform01(g) - 1.0;
		v = 2.0 * rng_uniform01(g) - 1.0;
		s = u * u + v * v;
	} while (s >= 1.0 || s == 0.0);
	return u * sqrt(-2.0 * log(s) / s);
}

const char *
dist_check(const dist *d)
{
	if (!isfinite(d->a) || !isfinite(d->b) || !isfinite(d->c))
		return "parameters must be finite numbers";
	switch (d->kind) {
	case DIST_NORMAL:
		return d->b > 0 ? NULL : "normal needs sd > 0";
	case DIST_LOGNORMAL:
		return d->b > 0 ? NULL : "lognormal needs sigma > 0";
	case DIST_TRIANGULAR:
		if (!(d->a <= d->b && d->b <= d->c))
			return "triangular needs min <= mode <= max";
		return d->a < d->c ? NULL : "triangular needs min < max";
	case DIST_UNIFORM:
		return d->a < d->b ? NULL : "uniform needs min < max";
	}
	return "unknown distribution";
}

double
dist_sample(const dist *d, rng *g)
{
	switch (d->kind) {
	case DIST_NORMAL:
		return d->a + d->b * std_normal(g);
	case DIST_LOGNORMAL:
		return exp(d->a + d->b * std_normal(g));
	case DIST_TRIANGULAR: {
		double u = rng_uniform01(g), lo = d->a, mo = d->b, hi = d->c;
		double fc = (mo - lo) / (hi - lo);
		if (u < fc)
			return lo + sqrt(u * (hi - lo) * (mo - lo));
		return hi - sqrt((1.0 - u) * (hi - lo) * (hi - mo));
	}
	case DIST_UNIFORM:
		return d->a + (d->b - d->a) * rng_uniform01(g);
	}
	return NAN;
}

double
dist_mean(const dist *d)
{
	switch (d->kind) {
	case DIST_NORMAL:
		return d->a;
	case DIST_LOGNORMAL:
		return exp(d->a + d->b * d->b / 2.0);
	case DIST_TRIANGULAR:
		return (d->a + d->b + d->c) / 3.0;
	case DIST_UNIFORM:
		return (d->a + d->b) / 2.0;
	}
	return NAN;
}

double
dist_variance(const dist *d)
{
	double a = d->a, b = d->b, c = d->c;
	switch (d->kind) {
	case DIST_NORMAL:
		return b * b;
	case DIST_LOGNORMAL:
		return (exp(b * b) - 1.0) * exp(2.0 * a + b * b);
	case DIST_TRIANGULAR:
		return (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0;
	case DIST_UNIFORM:
		return (b - a) * (b - a) / 12.0;
	}
	return NAN;
}
