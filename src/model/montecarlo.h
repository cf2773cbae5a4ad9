/* montecarlo: N draws of the base scenario with every dist: input sampled; streamed
 * percentiles in memory that does not grow with N; bit-identical for any thread count. */
#ifndef MKR_MONTECARLO_H
#define MKR_MONTECARLO_H

#include <stddef.h>
#include <stdint.h>

#include "model/finance.h"
#include "model/params.h"

enum {
	MC_BLOCK = 4096, /* draws per block; block k's stream is the seed's jumped k times */
	MC_BINS = 2048,  /* histogram bins per output between its underflow and overflow bins */
	MC_NPCT = 5,     /* percentiles reported */
};

/* The percentiles reported, as fractions: 0.05, 0.25, 0.5, 0.75, 0.95. */
extern const double mc_percentiles[MC_NPCT];

/* What to run. */
typedef struct mc_config {
	size_t draws;  /* N >= 1 */
	uint64_t seed; /* seed of the generator (rng_seed) */
	int jobs;      /* worker threads, >= 1 */
} mc_config;

/* The results. NaN = null (a payback percentile past the horizon). */
typedef struct mc_summary {
	size_t draws;                           /* N */
	uint64_t seed;                          /* the seed */
	int t0;                                 /* first year */
	int n;                                  /* years */
	double npv[MC_NPCT];                    /* percentiles of NPV */
	double payback[MC_NPCT];                /* percentiles of the payback year */
	double cumulative[MC_NPCT][FIN_MAX_YEARS]; /* percentiles of cumulative CF per year */
	double payback_prob[FIN_MAX_YEARS];     /* share of draws paid back by each year's end */
	size_t bytes;                           /* heap bytes the run used (independent of N) */
} mc_summary;

/* One draw's outputs, as model_fin_run would give them. */
typedef struct mc_draw {
	double cumulative[FIN_MAX_YEARS]; /* cumulative cash flow per year */
	double npv;                       /* NPV */
	double payback;                   /* payback year, NaN if never */
} mc_draw;

/* Computes cumulative cash flow, NPV and payback of p by model_fin_run's formulas
 * (growth's decay power by repeated multiplication: equal to 1e-12 relative), without
 * IRR or the other series. p must satisfy model_fin_run's contract. */
void model_mc_kernel(const fin_params *p, mc_draw *d);

/* Returns the number of inputs of u[0..n-1] that have a dist. */
size_t model_mc_count(const model_uparam *u, size_t n);

/* Runs cfg->draws draws of base with every input of u that has a dist sampled (each
 * clamped to its accepted range) and fills out. Draws are split into MC_BLOCK blocks
 * spread over cfg->jobs POSIX threads; the output is bit-identical for any jobs.
 * Returns 0, or -1 if no input has a dist (out untouched). */
int model_mc_run(const fin_params *base, const model_uparam *u, size_t n,
    const mc_config *cfg, mc_summary *out);

#endif
