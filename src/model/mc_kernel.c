/* mc_kernel: the Monte Carlo's block kernel: sampling and the model over MC_LANES
 * draws at a time, one array per quantity (structure of arrays). */

/* gcc -O2 (12 and later) vectorises loops of a constant trip count with its "very
 * cheap" cost model; "no-trapping-math" lets it turn the lanes' selects (a < b ? x : y)
 * into branch-free vector code. It changes no result: the program never enables
 * floating-point traps, and rounding is untouched (no reassociation, no contraction). */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-trapping-math")
#endif

#include "model/mc_kernel.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "model/montecarlo.h"
#include "util/buf.h"

/* Hand-written AVX and AVX2 versions of a few loops, picked at run time by
 * __builtin_cpu_supports, where gcc's vectoriser does not reach. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__GLIBC__) && \
    !defined(MCK_PORTABLE)
#include <immintrin.h>
#define MCK_AVX 1
#endif

enum { L = MC_LANES };

/* The lane loops are compiled twice, for AVX2 and for plain x86-64 (SSE2), and the
 * dynamic loader picks one at start-up (GCC's target_clones, an ifunc): four lanes per
 * instruction instead of two, about 1.3 times faster. The bits are the same either
 * way: AVX2 without FMA does the same IEEE operations on each lane (-std=c11 turns
 * contraction off) and nothing is summed across lanes in another order. */
#if defined(MCK_AVX)
#define MCK_HOT __attribute__((target_clones("avx2", "default")))
#else
#define MCK_HOT
#endif

/* Scalar inputs the lane kernel can sample: each has one lane array per sub-block. */
enum {
	SL_RATE, SL_AGM, SL_REV0, SL_G0, SL_GINF, SL_DECAY, SL_M0, SL_MINF, SL_LOSS0,
	SL_A1, SL_A2, SL_RECOUP, SL_CAP, SL_SALEF,
	SL_TR, /* tranche k: SL_TR + 2k its amount, SL_TR + 2k + 1 its cash fraction */
	SL_MAX = SL_TR + 2 * FIN_MAX_TRANCHES,
};

/* Where slot s < SL_TR lives in fin_params. */
static const size_t sl_off[SL_TR] = {
	offsetof(fin_params, discount_rate), offsetof(fin_params, azure_gross_margin),
	offsetof(fin_params, revenue0), offsetof(fin_params, growth0),
	offsetof(fin_params, growth_inf), offsetof(fin_params, growth_decay),
	offsetof(fin_params, margin0), offsetof(fin_params, margin_inf),
	offsetof(fin_params, loss_carry0), offsetof(fin_params, a1), offsetof(fin_params, a2),
	offsetof(fin_params, recoup_multiple), offsetof(fin_params, cap_multiple),
	offsetof(fin_params, sale_fraction),
};

/* How a year's margin is found. */
enum { MK_PATH, MK_INF, MK_ACT };

/* One year's constants (nothing here is sampled). */
typedef struct mck_year {
	double rev_act; /* reported revenue; NaN = the growth formula */
	int mkind;      /* MK_PATH: m0 + (m_inf - m0) x mval; MK_INF: m_inf; MK_ACT: mval */
	double mval;    /* the path's weight this year, or the reported margin */
	int water;      /* 1 if the waterfall applies this year */
	double rs;      /* revenue share rate */
	double ciaz;    /* compute intensity x Azure share (0 when spend is given) */
	double csaz;    /* compute spend x Azure share (0 when not given) */
	double sale;    /* stake x valuation in the sale year, else 0 */
	int tr0;        /* first of this year's tranches in mck_plan.order */
	int ntr;        /* tranches paid this year */
} mck_year;

struct mck_plan {
	const fin_params *base;        /* base inputs */
	const model_uparam *const *dp; /* the sampled inputs */
	size_t ndp;                    /* their count */
	int *slot;                     /* ndp: lane array of input j (its index if not fast) */
	double *lo;                    /* ndp: smallest accepted value (after the open bound) */
	int t0;                        /* first year */
	int n;                         /* years */
	double dep;                    /* capex_per_revenue / useful_life (0 without capex) */
	double fcs;                    /* funded_cash_share */
	int fast;                      /* 1: the lane kernel; 0: model_mc_kernel per draw */
	int ntr;                       /* tranches */
	int order[FIN_MAX_TRANCHES];   /* tranche indices grouped by year */
	mck_year year[FIN_MAX_YEARS];  /* per-year constants */
};

/* A worker's lanes: every array holds one value per draw of the sub-block. */
struct mck_work {
	double lane[SL_MAX][L]; /* sampled or base inputs by slot (by input if not fast) */
	double u[L];            /* uniforms */
	double x[L];            /* 1 / (1 + discount rate) */
	double gd[L];           /* growth0 - growth_inf */
	double dm[L];           /* margin_inf - margin0 */
	double cap[L];          /* cap, INFINITY if none */
	double recoup[L];       /* recoup threshold */
	double ia1[L];          /* 1 / a1 */
	double ia2[L];          /* 1 / a2 */
	double m[L];            /* this year's margin */
	double rev[L];          /* revenue */
	double dk[L];           /* growth decay power */
	double loss[L];         /* loss carried forward */
	double wc[L];           /* waterfall receipts so far */
	double got[L];          /* this year's waterfall receipts */
	double cost[L];         /* this year's investment cost */
	double fund[L];         /* what this year's tranches add to the funded pool */
	double pool[L];         /* Microsoft's money not yet spent back on Azure */
	double hm[L];           /* hosting margin after depreciation */
	double cum[L];          /* cumulative cash flow */
	double npv[L];          /* NPV so far */
	double f[L];            /* discount factor of this year */
	double kk[L];           /* payback year index, -1 until found */
	double pv[L];           /* cumulative before the payback year */
	double cf[L];           /* cash flow of the payback year */
	fin_params p;           /* the per-draw path's inputs */
};

/* Returns the slot of a scalar input at offset off, or -1. */
static int
sl_find(const fin_params *b, size_t off)
{
	for (int s = 0; s < SL_TR; s++)
		if (sl_off[s] == off)
			return s;
	size_t t0 = offsetof(fin_params, tranche), sz = sizeof(fin_tranche);
	if (off < t0 || off >= t0 + b->ntranches * sz)
		return -1;
	size_t k = (off - t0) / sz, in = (off - t0) % sz;
	if (in == offsetof(fin_tranche, amount))
		return SL_TR + 2 * (int)k;
	if (in == offsetof(fin_tranche, cash_fraction))
		return SL_TR + 2 * (int)k + 1;
	return -1;
}

/* Returns the base value of slot s. */
static double
sl_base(const fin_params *b, int s)
{
	if (s < SL_TR)
		return *(const double *)((const char *)b + sl_off[s]);
	const fin_tranche *t = &b->tranche[(s - SL_TR) / 2];
	return (s - SL_TR) % 2 ? t->cash_fraction : t->amount;
}

/* Fills y's margin and waterfall fields for year index i of b. */
static void
plan_margin(const fin_params *b, int i, mck_year *y)
{
	int t = b->t0 + i;
	y->water = t <= b->waterfall_end;
	if (!isnan(b->margin_actual[i])) {
		y->mkind = MK_ACT;
		y->mval = b->margin_actual[i];
	} else if (b->margin_year <= b->t0 || t >= b->margin_year) {
		y->mkind = MK_INF;
	} else {
		y->mkind = MK_PATH;
		y->mval = (double)(t - b->t0) / (double)(b->margin_year - b->t0);
	}
}

/* Fills the per-year constants and the tranche order of pl from its base. */
static void
plan_years(mck_plan *pl)
{
	const fin_params *b = pl->base;
	for (int i = 0; i < pl->n; i++) {
		mck_year *y = &pl->year[i];
		int t = b->t0 + i;
		int given = !isnan(b->compute_spend[i]);
		y->rev_act = b->revenue_actual[i];
		plan_margin(b, i, y);
		y->rs = b->rev_share[i];
		y->ciaz = given ? 0 : b->compute_intensity[i] * b->azure_share[i];
		y->csaz = given ? b->compute_spend[i] * b->azure_share[i] : 0;
		y->sale = b->sale_year != 0 && t == b->sale_year ? b->stake[i] * b->valuation[i] : 0;
		y->tr0 = pl->ntr;
		for (size_t k = 0; k < b->ntranches; k++)
			if (b->tranche[k].year == t)
				pl->order[pl->ntr++] = (int)k;
		y->ntr = pl->ntr - y->tr0;
	}
}

mck_plan *
mck_plan_new(const fin_params *base, const model_uparam *const *dp, size_t ndp)
{
	mck_plan *pl = util_xcalloc(1, sizeof *pl);
	pl->base = base;
	pl->dp = dp;
	pl->ndp = ndp;
	pl->t0 = base->t0;
	pl->n = base->T - base->t0 + 1;
	pl->dep = base->capex_per_revenue > 0 ? base->capex_per_revenue / base->useful_life : 0;
	pl->fcs = base->funded_cash_share;
	pl->slot = util_xcalloc(ndp ? ndp : 1, sizeof *pl->slot);
	pl->lo = util_xcalloc(ndp ? ndp : 1, sizeof *pl->lo);
	pl->fast = ndp <= SL_MAX;
	for (size_t j = 0; j < ndp; j++) {
		const model_uparam *u = dp[j];
		pl->slot[j] = u->ref.count == 1 ? sl_find(base, u->ref.offset) : -1;
		pl->lo[j] = u->min_open ? nextafter(u->min, INFINITY) : u->min;
		pl->fast &= pl->slot[j] >= 0;
	}
	if (!pl->fast)
		for (size_t j = 0; j < ndp; j++)
			pl->slot[j] = (int)j;
	plan_years(pl);
	return pl;
}

void
mck_plan_free(mck_plan *pl)
{
	if (pl == NULL)
		return;
	free(pl->slot);
	free(pl->lo);
	free(pl);
}

int
mck_plan_fast(const mck_plan *pl)
{
	return pl->fast;
}

size_t
mck_plan_bytes(const mck_plan *pl)
{
	size_t k = pl->ndp ? pl->ndp : 1;
	return sizeof *pl + k * (sizeof *pl->slot + sizeof *pl->lo);
}

size_t
mck_work_bytes(const mck_plan *pl)
{
	(void)pl;
	return sizeof(mck_work);
}

mck_work *
mck_work_new(const mck_plan *pl)
{
	mck_work *w = util_xcalloc(1, sizeof *w);
	w->p = *pl->base;
	if (pl->fast)
		for (int s = 0; s < SL_TR + 2 * (int)pl->base->ntranches; s++)
			for (int l = 0; l < L; l++)
				w->lane[s][l] = sl_base(pl->base, s);
	return w;
}

void
mck_work_free(mck_work *w)
{
	free(w);
}

const double *
mck_sampled(const mck_plan *pl, const mck_work *w, size_t j)
{
	return w->lane[pl->slot[j]];
}

#if defined(MCK_AVX)
/* s[l] = sqrt(s[l]) for every lane, four at a time (AVX). */
__attribute__((target("avx"))) static void
lanes_sqrt_avx(double *s)
{
	for (int l = 0; l < L; l += 4)
		_mm256_storeu_pd(s + l, _mm256_sqrt_pd(_mm256_loadu_pd(s + l)));
}
#endif

/* s[l] = sqrt(s[l]) for every lane. gcc -O2 keeps sqrt() scalar (it must set errno on a
 * negative argument), so the packed square root is used where there is one (AVX's
 * four lanes if the processor has it, else SSE2's two): all round correctly, so the
 * values are the same. */
static void
lanes_sqrt(double *s)
{
#if defined(MCK_AVX)
	if (__builtin_cpu_supports("avx")) {
		lanes_sqrt_avx(s);
		return;
	}
#endif
#if defined(__SSE2__)
	for (int l = 0; l < L; l += 2)
		_mm_storeu_pd(s + l, _mm_sqrt_pd(_mm_loadu_pd(s + l)));
#else
	for (int l = 0; l < L; l++)
		s[l] = sqrt(s[l]);
#endif
}

/* x[l] = the triangular law d at uniform u[l], by dist_sample's formula. */
MCK_HOT static void
smp_triangular(const dist *d, const double *restrict u, double *restrict x,
    double *restrict s)
{
	double lo = d->a, mo = d->b, hi = d->c, w = hi - lo, a = mo - lo, b = hi - mo;
	double fc = a / w;
	for (int l = 0; l < L; l++)
		s[l] = u[l] < fc ? u[l] * w * a : (1.0 - u[l]) * w * b;
	lanes_sqrt(s);
	for (int l = 0; l < L; l++)
		x[l] = u[l] < fc ? lo + s[l] : hi - s[l];
}

#if defined(MCK_AVX)
/* smp_triangular in one pass with AVX2: the same operations in the same order, the
 * square root packed, no round trip through memory between the three steps. (AVX2,
 * not AVX: gcc 12 turns the AVX-only version's blends into branches.) */
__attribute__((target("avx2"))) static void
smp_triangular_avx(const dist *d, const double *restrict u, double *restrict x)
{
	double lo = d->a, mo = d->b, hi = d->c, w = hi - lo, a = mo - lo, b = hi - mo;
	__m256d vfc = _mm256_set1_pd(a / w), vw = _mm256_set1_pd(w), va = _mm256_set1_pd(a);
	__m256d vb = _mm256_set1_pd(b), vlo = _mm256_set1_pd(lo), vhi = _mm256_set1_pd(hi);
	__m256d one = _mm256_set1_pd(1.0);
	for (int l = 0; l < L; l += 4) {
		__m256d v = _mm256_loadu_pd(u + l), m = _mm256_cmp_pd(v, vfc, _CMP_LT_OQ);
		__m256d left = _mm256_mul_pd(_mm256_mul_pd(v, vw), va);
		__m256d right = _mm256_mul_pd(_mm256_mul_pd(_mm256_sub_pd(one, v), vw), vb);
		__m256d s = _mm256_sqrt_pd(_mm256_blendv_pd(right, left, m));
		_mm256_storeu_pd(x + l, _mm256_blendv_pd(_mm256_sub_pd(vhi, s),
		    _mm256_add_pd(vlo, s), m));
	}
}
#endif

/* x[l] = the uniform law d at uniform u[l], by dist_sample's formula. */
MCK_HOT static void
smp_uniform(const dist *d, const double *restrict u, double *restrict x)
{
	double a = d->a, w = d->b - d->a;
	for (int l = 0; l < L; l++)
		x[l] = a + w * u[l];
}

/* Clamps every lane of x to [lo, hi] as model_param_clamp does (lo: the smallest
 * accepted value, just above min when min is open). */
MCK_HOT static void
smp_clamp(double *x, double lo, double hi)
{
	for (int l = 0; l < L; l++) {
		double v = x[l], c = v < lo ? lo : v;
		x[l] = v > hi ? hi : c;
	}
}

/* Samples input j of pl into its lane array for count draws from g. */
static void
smp_input(const mck_plan *pl, mck_work *w, size_t j, rng *g, size_t count)
{
	const model_uparam *u = pl->dp[j];
	double *x = w->lane[pl->slot[j]];
	switch (u->law.kind) {
	case DIST_TRIANGULAR:
		rng_fill01(g, w->u, count);
#if defined(MCK_AVX)
		if (__builtin_cpu_supports("avx2")) {
			smp_triangular_avx(&u->law, w->u, x);
			break;
		}
#endif
		smp_triangular(&u->law, w->u, x, w->m);
		break;
	case DIST_UNIFORM:
		rng_fill01(g, w->u, count);
		smp_uniform(&u->law, w->u, x);
		break;
	default:
		for (size_t l = 0; l < count; l++)
			x[l] = dist_sample(&u->law, g);
		break;
	}
	smp_clamp(x, pl->lo[j], u->max);
}

/* Sets the lanes' quantities fixed for a draw: cap, recoup, discount, growth and margin
 * spreads, the waterfall shares' inverses; and the running state of year t0 - 1. */
MCK_HOT static void
k_start(const mck_plan *pl, mck_work *restrict w)
{
	double tot[L] = { 0 };
	for (size_t k = 0; k < pl->base->ntranches; k++)
		for (int l = 0; l < L; l++)
			tot[l] += w->lane[SL_TR + 2 * k][l];
	for (int l = 0; l < L; l++) {
		double capm = w->lane[SL_CAP][l], cv = capm != capm ? INFINITY : capm * tot[l];
		double rc = w->lane[SL_RECOUP][l] * tot[l];
		w->cap[l] = cv;
		w->recoup[l] = rc < cv ? rc : cv;
		w->x[l] = 1 / (1 + w->lane[SL_RATE][l]);
		w->gd[l] = w->lane[SL_G0][l] - w->lane[SL_GINF][l];
		w->dm[l] = w->lane[SL_MINF][l] - w->lane[SL_M0][l];
		w->ia1[l] = 1 / w->lane[SL_A1][l];
		w->ia2[l] = 1 / w->lane[SL_A2][l];
		w->loss[l] = w->lane[SL_LOSS0][l];
		w->hm[l] = w->lane[SL_AGM][l] - pl->dep;
		w->pool[l] = w->fund[l] = 0;
		w->dk[l] = 1;
		w->wc[l] = w->cum[l] = w->npv[l] = 0;
		w->f[l] = 1;
		w->kk[l] = -1;
		w->pv[l] = w->cf[l] = 0;
	}
}

/* Sets the lanes' revenue of year index i. */
MCK_HOT static void
k_revenue(mck_work *restrict w, int i, const mck_year *y)
{
	if (i == 0)
		for (int l = 0; l < L; l++)
			w->rev[l] = w->lane[SL_REV0][l];
	else
		for (int l = 0; l < L; l++) {
			w->rev[l] *= 1 + (w->lane[SL_GINF][l] + w->gd[l] * w->dk[l]);
			w->dk[l] *= w->lane[SL_DECAY][l];
		}
	if (!isnan(y->rev_act))
		for (int l = 0; l < L; l++)
			w->rev[l] = y->rev_act;
}

/* One waterfall stage: model_fin_stage as selects (pay / share as pay x ish), given
 * *rem >= 0 (it always is). */
static inline double
k_stage(double *rem, double *wc, double lim, double sh, double ish)
{
	double r = *rem, c = *wc, room = lim - c, full = sh * r;
	double pay = full < room ? full : room;
	pay = pay > 0 ? pay : 0;
	double left = r - pay * ish, stop = room > 0 ? 0 : r, top = room > 0 ? lim : c;
	left = full <= room ? 0 : left;
	*rem = sh > 0 ? left : stop;
	*wc = full <= room ? c + pay : top;
	return pay;
}

/* Sets the lanes' margin of the year into w->m. */
MCK_HOT static void
k_margin(mck_work *restrict w, const mck_year *y)
{
	double v = y->mval;
	if (y->mkind == MK_INF)
		for (int l = 0; l < L; l++)
			w->m[l] = w->lane[SL_MINF][l];
	else if (y->mkind == MK_ACT)
		for (int l = 0; l < L; l++)
			w->m[l] = v;
	else
		for (int l = 0; l < L; l++)
			w->m[l] = w->lane[SL_M0][l] + w->dm[l] * v;
}

/* Sets the lanes' profit, carried loss and waterfall receipts of a waterfall year. */
MCK_HOT static void
k_waterfall(mck_work *restrict w)
{
	for (int l = 0; l < L; l++) {
		double pr = w->rev[l] * w->m[l], d = pr - w->loss[l], e = w->loss[l] - pr;
		double rem = d > 0 ? d : 0;
		w->loss[l] = e > 0 ? e : 0;
		double got = k_stage(&rem, &w->wc[l], w->recoup[l], w->lane[SL_A1][l], w->ia1[l]);
		w->got[l] = got + k_stage(&rem, &w->wc[l], w->cap[l], w->lane[SL_A2][l], w->ia2[l]);
	}
}

/* Sets the lanes' investment cost of a year with tranches (in input order) and what
 * they add to the funded pool (model_fin_tranche_funds). */
MCK_HOT static void
k_cost(const mck_plan *pl, mck_work *restrict w, const mck_year *y)
{
	double fcs = pl->fcs;
	for (int k = y->tr0; k < y->tr0 + y->ntr; k++) {
		int a = SL_TR + 2 * pl->order[k], first = k == y->tr0;
		for (int l = 0; l < L; l++) {
			double am = w->lane[a][l], cf = w->lane[a + 1][l];
			double c = am * cf + am * (1 - cf) * (1 - w->hm[l]);
			double fu = am * (1 - cf) + am * cf * fcs;
			w->cost[l] = first ? c : w->cost[l] + c;
			w->fund[l] = first ? fu : w->fund[l] + fu;
		}
	}
}

/* Adds the year's cash flow to cumulative (into q) and NPV, and notes the payback
 * year. Takes the year's waterfall receipts and investment cost, leaving zeros (so
 * they are zero in the years that have none). */
MCK_HOT static void
k_flow(mck_work *restrict w, int i, const mck_year *y, double *restrict q)
{
	double rs = y->rs, ciaz = y->ciaz, csaz = y->csaz, sale = y->sale, yi = i;
	int first = i == 0;
	for (int l = 0; l < L; l++) {
		double rv = w->rev[l], got = w->got[l], cost = w->cost[l];
		double az = ciaz * rv + csaz, pool = w->pool[l] + w->fund[l];
		double use = az < pool ? az : pool;
		use = ((pool > 0) & (az > 0)) ? use : 0;
		w->pool[l] = pool - use;
		double cf = got + (rs * rv + (az - use) * w->hm[l] +
		    sale * w->lane[SL_SALEF][l]) - cost;
		w->got[l] = w->cost[l] = w->fund[l] = 0;
		double prev = w->cum[l], c = prev + cf;
		int hit = (w->kk[l] < 0) & (c >= 0) & ((prev < 0) | first);
		w->cum[l] = c;
		q[l] = c;
		w->npv[l] += cf * w->f[l];
		w->f[l] *= w->x[l];
		w->kk[l] = hit ? yi : w->kk[l];
		w->pv[l] = hit ? prev : w->pv[l];
		w->cf[l] = hit ? cf : w->cf[l];
	}
}

/* k_revenue and k_flow in one pass, for a year after t0 whose revenue follows the
 * growth formula, without waterfall or tranches, once every lane has paid back. */
MCK_HOT static void
k_plain(mck_work *restrict w, const mck_year *y, double *restrict q)
{
	double rs = y->rs, ciaz = y->ciaz, csaz = y->csaz, sale = y->sale;
	for (int l = 0; l < L; l++) {
		double rv = w->rev[l] * (1 + (w->lane[SL_GINF][l] + w->gd[l] * w->dk[l]));
		double cf = rs * rv + (ciaz * rv + csaz) * w->hm[l] +
		    sale * w->lane[SL_SALEF][l];
		double c = w->cum[l] + cf;
		w->rev[l] = rv;
		w->dk[l] *= w->lane[SL_DECAY][l];
		w->cum[l] = c;
		q[l] = c;
		w->npv[l] += cf * w->f[l];
		w->f[l] *= w->x[l];
	}
}

/* Returns 1 if year index i is plain (k_plain applies once every lane has paid back). */
static int
k_is_plain(const mck_plan *pl, int i)
{
	const mck_year *y = &pl->year[i];
	return i > 0 && !y->water && y->ntr == 0 && isnan(y->rev_act);
}

#if defined(MCK_AVX)
/* k_plain for the years i0 .. i1 - 1 in one pass with AVX2: four lanes at a time
 * through all the years, the running state in registers. The same IEEE operations
 * in the same order as k_plain (no FMA), so the same bits. */
__attribute__((target("avx2"))) static void
k_plains_avx2(const mck_plan *pl, mck_work *restrict w, int i0, int i1,
    mck_out *restrict out)
{
	__m256d one = _mm256_set1_pd(1);
	for (int l = 0; l < L; l += 4) {
		__m256d rev = _mm256_loadu_pd(w->rev + l), dk = _mm256_loadu_pd(w->dk + l);
		__m256d cum = _mm256_loadu_pd(w->cum + l), npv = _mm256_loadu_pd(w->npv + l);
		__m256d f = _mm256_loadu_pd(w->f + l), x = _mm256_loadu_pd(w->x + l);
		__m256d gi = _mm256_loadu_pd(w->lane[SL_GINF] + l), gd = _mm256_loadu_pd(w->gd + l);
		__m256d dc = _mm256_loadu_pd(w->lane[SL_DECAY] + l);
		__m256d agm = _mm256_loadu_pd(w->hm + l);
		__m256d sf = _mm256_loadu_pd(w->lane[SL_SALEF] + l);
		for (int i = i0; i < i1; i++) {
			const mck_year *y = &pl->year[i];
			__m256d g = _mm256_add_pd(one, _mm256_add_pd(gi, _mm256_mul_pd(gd, dk)));
			__m256d rv = _mm256_mul_pd(rev, g);
			__m256d hs = _mm256_add_pd(_mm256_mul_pd(_mm256_set1_pd(y->ciaz), rv),
			    _mm256_set1_pd(y->csaz));
			__m256d cf = _mm256_add_pd(_mm256_add_pd(_mm256_mul_pd(_mm256_set1_pd(y->rs), rv),
			    _mm256_mul_pd(hs, agm)), _mm256_mul_pd(_mm256_set1_pd(y->sale), sf));
			rev = rv;
			dk = _mm256_mul_pd(dk, dc);
			cum = _mm256_add_pd(cum, cf);
			_mm256_storeu_pd(out->q[i] + l, cum);
			npv = _mm256_add_pd(npv, _mm256_mul_pd(cf, f));
			f = _mm256_mul_pd(f, x);
		}
		_mm256_storeu_pd(w->rev + l, rev);
		_mm256_storeu_pd(w->dk + l, dk);
		_mm256_storeu_pd(w->cum + l, cum);
		_mm256_storeu_pd(w->npv + l, npv);
		_mm256_storeu_pd(w->f + l, f);
	}
}
#endif

/* Runs the plain years from i0 (itself plain) up to the next year that is not;
 * returns that year's index. */
static int
k_plains(const mck_plan *pl, mck_work *restrict w, int i0, mck_out *restrict out)
{
	int i1 = i0 + 1;
	while (i1 < pl->n && k_is_plain(pl, i1))
		i1++;
#if defined(MCK_AVX)
	if (__builtin_cpu_supports("avx2")) {
		k_plains_avx2(pl, w, i0, i1, out);
		return i1;
	}
#endif
	for (int i = i0; i < i1; i++)
		k_plain(w, &pl->year[i], out->q[i]);
	return i1;
}

/* Returns 1 if some lane has not paid back yet or still has Microsoft's money in its
 * funded pool (the plain years assume neither). */
static int
k_open(const mck_work *w)
{
	for (int l = 0; l < L; l++)
		if (w->kk[l] < 0 || w->pool[l] > 0)
			return 1;
	return 0;
}

/* Writes the lanes' NPV and payback into out (row n: NPV). */
MCK_HOT static void
k_finish(const mck_plan *pl, mck_work *restrict w, mck_out *restrict out)
{
	double t1 = pl->t0 - 1;
	for (int l = 0; l < L; l++) {
		double k = w->kk[l], pb = t1 + k + -w->pv[l] / w->cf[l];
		out->q[pl->n][l] = w->npv[l];
		out->payback[l] = k < 0 ? NAN : k == 0 ? pl->t0 : pb;
	}
	for (int l = 0; l < L; l++)
		out->year[l] = (int)w->kk[l];
}

/* The lane kernel over every lane of w. */
static void
k_run(const mck_plan *pl, mck_work *restrict w, mck_out *restrict out)
{
	int open = 1;
	k_start(pl, w);
	for (int i = 0; i < pl->n; i++) {
		const mck_year *y = &pl->year[i];
		if (!open && k_is_plain(pl, i)) {
			i = k_plains(pl, w, i, out) - 1;
			continue;
		}
		k_revenue(w, i, y);
		if (y->water) {
			k_margin(w, y);
			k_waterfall(w);
		}
		if (y->ntr > 0)
			k_cost(pl, w, y);
		k_flow(w, i, y, out->q[i]);
		open = k_open(w);
	}
	k_finish(pl, w, out);
}

/* model_mc_kernel per draw for lanes 0..count-1 (inputs that are per-year series). */
static void
k_each(const mck_plan *pl, mck_work *w, size_t count, mck_out *out)
{
	mc_draw d;
	for (size_t l = 0; l < count; l++) {
		for (size_t j = 0; j < pl->ndp; j++)
			model_param_set(&w->p, &pl->dp[j]->ref, w->lane[j][l]);
		model_mc_kernel(&w->p, &d);
		for (int i = 0; i < pl->n; i++)
			out->q[i][l] = d.cumulative[i];
		out->q[pl->n][l] = d.npv;
		out->payback[l] = d.payback;
		out->year[l] = isnan(d.payback) ? -1 : (int)ceil(d.payback - pl->t0);
	}
}

void
mck_run(const mck_plan *pl, mck_work *w, rng *g, size_t count, mck_out *out)
{
	for (size_t j = 0; j < pl->ndp; j++)
		smp_input(pl, w, j, g, count);
	if (pl->fast)
		k_run(pl, w, out);
	else
		k_each(pl, w, count, out);
}

/* Lowers *mn and raises *mx to the extremes of v[0..MC_LANES-1] (NaN skipped): two
 * running extremes, even and odd lanes, which gcc turns into one packed min and max. */
MCK_HOT static void
bins_extremes(const double *v, double *mn, double *mx)
{
	double a[2] = { *mn, *mn }, b[2] = { *mx, *mx };
	for (int l = 0; l < L; l += 2)
		for (int h = 0; h < 2; h++) {
			double x = v[l + h];
			a[h] = x < a[h] ? x : a[h];
			b[h] = x > b[h] ? x : b[h];
		}
	*mn = a[0] < a[1] ? a[0] : a[1];
	*mx = b[0] > b[1] ? b[0] : b[1];
}

/* mck_bins' lane loop in plain C (gcc vectorises it under MCK_HOT). */
MCK_HOT static void
bins_index(const double *v, double lo, double inv_w, int *idx)
{
	for (int l = 0; l < L; l++) {
		double c = (v[l] - lo) * inv_w;
		c = c < MC_BINS ? c : MC_BINS;
		c = c < 0 ? -1 : c;
		idx[l] = (int)c + 1;
	}
}

#if defined(MCK_AVX)
/* mck_bins in one pass with AVX2: the same operations lane by lane (minpd(a, b) is
 * a < b ? a : b, NaN giving b, as the C selects), the bin and the extremes from one
 * load of each value. */
__attribute__((target("avx2"))) static void
bins_avx2(const double *v, double lo, double inv_w, int *idx, double *mn, double *mx)
{
	__m256d vlo = _mm256_set1_pd(lo), vw = _mm256_set1_pd(inv_w);
	__m256d top = _mm256_set1_pd(MC_BINS), zero = _mm256_setzero_pd();
	__m256d m1 = _mm256_set1_pd(-1), a = _mm256_set1_pd(*mn), b = _mm256_set1_pd(*mx);
	__m128i one = _mm_set1_epi32(1);
	for (int l = 0; l < L; l += 4) {
		__m256d x = _mm256_loadu_pd(v + l);
		__m256d c = _mm256_min_pd(_mm256_mul_pd(_mm256_sub_pd(x, vlo), vw), top);
		c = _mm256_blendv_pd(c, m1, _mm256_cmp_pd(c, zero, _CMP_LT_OQ));
		_mm_storeu_si128((__m128i *)(idx + l), _mm_add_epi32(_mm256_cvttpd_epi32(c), one));
		a = _mm256_min_pd(x, a);
		b = _mm256_max_pd(x, b);
	}
	double ea[4], eb[4], lo4 = *mn, hi4 = *mx;
	_mm256_storeu_pd(ea, a);
	_mm256_storeu_pd(eb, b);
	for (int h = 0; h < 4; h++) {
		lo4 = ea[h] < lo4 ? ea[h] : lo4;
		hi4 = eb[h] > hi4 ? eb[h] : hi4;
	}
	*mn = lo4;
	*mx = hi4;
}
#endif

void
mck_bins(const double *v, double lo, double inv_w, int *idx, double *mn, double *mx)
{
#if defined(MCK_AVX)
	if (__builtin_cpu_supports("avx2")) {
		bins_avx2(v, lo, inv_w, idx, mn, mx);
		return;
	}
#endif
	bins_index(v, lo, inv_w, idx);
	bins_extremes(v, mn, mx);
}
