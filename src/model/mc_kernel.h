/* mc_kernel: the Monte Carlo's block kernel: MC_LANES draws at a time in
 * structure-of-arrays form (sampling, the model's years, payback), for montecarlo.c. */
#ifndef MKR_MC_KERNEL_H
#define MKR_MC_KERNEL_H

#include <stddef.h>

#include "model/finance.h"
#include "model/params.h"
#include "model/rng.h"

enum {
	MC_LANES = 64, /* draws per sub-block (the kernel's lane count); divides MC_BLOCK */
};

/* What does not change during a run: the base inputs digested per year, which inputs
 * are sampled and where each goes. Read-only once built: shared by the workers. */
typedef struct mck_plan mck_plan;

/* One worker's buffers: the sampled inputs per lane and the kernel's state. */
typedef struct mck_work mck_work;

/* One sub-block's outputs, lane l = draw l of the sub-block. */
typedef struct mck_out {
	double q[FIN_MAX_YEARS + 1][MC_LANES]; /* q[i]: cumulative CF of year i; q[n]: NPV */
	double payback[MC_LANES];              /* payback year, NaN if never */
	int year[MC_LANES];                    /* year index paid back by (ceil(payback - t0)), -1 if never */
} mck_out;

/* Builds the plan for base with the ndp sampled inputs dp[0..ndp-1] (each has_dist);
 * base and dp must outlive it. Inputs that are scalars (rates, shares, multiples,
 * tranche fields) run on the vectorised lane kernel; if any sampled input is a per-year
 * series the plan falls back to model_mc_kernel per draw (same results to 1e-12).
 * Free with mck_plan_free. */
mck_plan *mck_plan_new(const fin_params *base, const model_uparam *const *dp, size_t ndp);

/* Frees pl; NULL is a no-op. */
void mck_plan_free(mck_plan *pl);

/* Returns 1 if pl runs on the lane kernel, 0 if on model_mc_kernel per draw. */
int mck_plan_fast(const mck_plan *pl);

/* Returns the heap bytes mck_plan_new and one mck_work_new allocate for pl. */
size_t mck_plan_bytes(const mck_plan *pl);
size_t mck_work_bytes(const mck_plan *pl);

/* Returns a worker's buffers for pl (pl must outlive it). Free with mck_work_free. */
mck_work *mck_work_new(const mck_plan *pl);

/* Frees w; NULL is a no-op. */
void mck_work_free(mck_work *w);

/* Samples count (1..MC_LANES) draws from g and computes their outputs into out's
 * lanes 0..count-1 (for the plan's n years: out->q[0..n]). Consumes g input by input:
 * for sampled input j in order, count uniforms (rng_uniform01's) for a triangular or
 * uniform law, or count dist_sample calls for a normal or lognormal law. Each value
 * is the one dist_sample would give from the same generator state, then clamped as
 * model_param_clamp does. */
void mck_run(const mck_plan *pl, mck_work *w, rng *g, size_t count, mck_out *out);

/* Sets idx[l] to the histogram cell of v[l] for every lane: 0 below lo, 1 + the bin of
 * width 1 / inv_w from lo, MC_BINS + 1 at or above lo + MC_BINS / inv_w and for NaN;
 * lowers *mn and raises *mx to the lanes' extremes (NaN skipped). */
void mck_bins(const double *v, double lo, double inv_w, int *idx, double *mn, double *mx);

/* Returns the lane values (MC_LANES, the first count valid) of sampled input j in the
 * last mck_run on w: what the outputs were computed from (for tests). */
const double *mck_sampled(const mck_plan *pl, const mck_work *w, size_t j);

#endif
