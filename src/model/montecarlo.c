/* montecarlo: sampled draws of the base scenario, streamed into fixed histograms. */
#include "model/montecarlo.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/mc_kernel.h"
#include "model/rng.h"
#include "util/buf.h"

/* WebAssembly (wasm/README.md) has no threads: there the run takes one job in the
 * calling thread and its lock does nothing; the blocks and streams are the same. */
#if defined(__wasi__)
typedef int mc_mutex;
static void mc_mutex_init(mc_mutex *m) { *m = 0; }
static void mc_mutex_destroy(mc_mutex *m) { (void)m; }
static void mc_mutex_lock(mc_mutex *m) { (void)m; }
static void mc_mutex_unlock(mc_mutex *m) { (void)m; }
#else
#include <pthread.h>
#define MC_THREADS 1
typedef pthread_mutex_t mc_mutex;
static void mc_mutex_init(mc_mutex *m) { pthread_mutex_init(m, NULL); }
static void mc_mutex_destroy(mc_mutex *m) { pthread_mutex_destroy(m); }
static void mc_mutex_lock(mc_mutex *m) { pthread_mutex_lock(m); }
static void mc_mutex_unlock(mc_mutex *m) { pthread_mutex_unlock(m); }
#endif

const double mc_percentiles[MC_NPCT] = { 0.05, 0.25, 0.5, 0.75, 0.95 };

enum {
	MC_ROW = MC_BINS + 2, /* counts per output: underflow, MC_BINS bins, overflow */
	MC_PAD = 64,          /* bytes: a worker's writable data starts on its own cache line */
};

/* A worker's count cell: 16 bits keep the rows' working set near the first-level
 * cache; a worker flushes into the run's 64-bit counts before a cell could overflow. */
typedef uint16_t mc_cell;
#define MC_CELL_MAX UINT16_MAX

/* One worker's tallies, merged into the run's by integer addition and min/max
 * (order-independent, so the result does not depend on which worker ran a block). */
typedef struct mc_acc {
	mc_cell *hist;    /* nq rows of MC_ROW counts since the last flush */
	uint64_t since;   /* draws counted into hist since the last flush */
	double *mn;       /* nq exact minima */
	double *mx;       /* nq exact maxima */
	uint64_t *pay_by; /* n: draws whose payback falls in year index i */
	mck_work *work;   /* the kernel's buffers */
	mck_out *out;     /* one sub-block's outputs */
	char pad[MC_PAD]; /* keeps the next worker's fields off this one's cache line */
} mc_acc;

/* A whole run: read-only during the parallel part except the dispenser and totals. */
typedef struct mc_run {
	const fin_params *base;   /* base inputs */
	const model_uparam **dp;  /* the inputs with a dist, in order */
	size_t ndp;               /* their count */
	mck_plan *plan;           /* the kernel's per-run constants */
	size_t draws;             /* N */
	size_t nblocks;           /* ceil(N / MC_BLOCK) */
	int n;                    /* years */
	int nq;                   /* outputs: n cumulative, NPV (index n), payback (n + 1) */
	double *lo;               /* nq lower edges of bin 1 */
	double *w;                /* nq bin widths */
	double *inv_w;            /* nq 1 / width */
	uint64_t *hist;           /* nq rows of MC_ROW counts: the workers' flushed counts */
	mc_acc *acc;              /* one per job */
	int jobs;                 /* workers */
	size_t bytes;             /* heap bytes allocated */
	mc_mutex lock;            /* guards next_block, next_g and hist */
	size_t next_block;        /* the next block to hand out */
	rng next_g;               /* the stream of next_block */
} mc_run;

/* One worker's argument. */
typedef struct mc_job {
	mc_run *run; /* the run */
	int id;      /* its index into run->acc */
} mc_job;

/* Allocates zeroed bytes counted in r->bytes. */
static void *
mc_alloc(mc_run *r, size_t count, size_t size)
{
	r->bytes += count * size;
	return util_xcalloc(count, size);
}

/* The year's investment cost of every tranche in p into cost[0..n-1] and what it adds
 * to the funded pool into funds[0..n-1]; returns the total. */
static double
mc_investment(const fin_params *p, int n, double *cost, double *funds)
{
	double total = 0, hm = model_hosting_margin(p);
	memset(cost, 0, (size_t)n * sizeof *cost);
	memset(funds, 0, (size_t)n * sizeof *funds);
	for (size_t k = 0; k < p->ntranches; k++) {
		const fin_tranche *t = &p->tranche[k];
		int i = t->year - p->t0;
		total += t->amount;
		if (i >= 0 && i < n) {
			cost[i] += t->amount * t->cash_fraction +
			    t->amount * (1 - t->cash_fraction) * (1 - hm);
			funds[i] += model_fin_tranche_funds(p, t);
		}
	}
	return total;
}

/* The year's inflows other than the waterfall: revenue share, hosting (on the Azure
 * spend not paid from *pool), stake sale. */
static double
mc_other_inflows(const fin_params *p, int i, double rev, double *pool)
{
	int t = p->t0 + i;
	double cs = isnan(p->compute_spend[i]) ? p->compute_intensity[i] * rev :
	    p->compute_spend[i];
	double az = cs * p->azure_share[i];
	double sale = p->sale_year != 0 && t == p->sale_year ?
	    p->stake[i] * p->valuation[i] * p->sale_fraction : 0;
	az -= model_fin_funded(pool, az);
	return p->rev_share[i] * rev + az * model_hosting_margin(p) + sale;
}

/* Returns max(0, x) as fmax(0, x) does (0 for NaN), without a call into libm. */
static inline double
pos(double x)
{
	return x > 0 ? x : 0;
}

void
model_mc_kernel(const fin_params *p, mc_draw *d)
{
	double cost[FIN_MAX_YEARS], funds[FIN_MAX_YEARS], pool = 0;
	int n = p->T - p->t0 + 1;
	double total = mc_investment(p, n, cost, funds);
	double capv = isnan(p->cap_multiple) ? INFINITY : p->cap_multiple * total;
	double recoup = fmin(p->recoup_multiple * total, capv);
	double rev = 0, dk = 1, loss = p->loss_carry0, wcum = 0, cum = 0, prev = 0;
	double npv = 0, f = 1, x = 1 / (1 + p->discount_rate);

	d->payback = NAN;
	for (int i = 0; i < n; i++) {
		if (i == 0) {
			rev = p->revenue0;
		} else {
			rev *= 1 + (p->growth_inf + (p->growth0 - p->growth_inf) * dk);
			dk *= p->growth_decay;
		}
		if (!isnan(p->revenue_actual[i]))
			rev = p->revenue_actual[i];
		double m = isnan(p->margin_actual[i]) ? model_margin_path(p, p->t0 + i) :
		    p->margin_actual[i];
		double pr = rev * m, rem = pos(pr - loss), got = 0;
		loss = pos(loss - pr);
		if (p->t0 + i <= p->waterfall_end) {
			got = model_fin_stage(&rem, &wcum, recoup, p->a1);
			got += model_fin_stage(&rem, &wcum, capv, p->a2);
		}
		pool += funds[i];
		double cf = got + mc_other_inflows(p, i, rev, &pool) - cost[i];
		cum += cf;
		d->cumulative[i] = cum;
		npv += cf * f;
		f *= x;
		if (isnan(d->payback) && cum >= 0 && (i == 0 || prev < 0))
			d->payback = i == 0 ? p->t0 : p->t0 + i - 1 + -prev / cf;
		prev = cum;
	}
	d->npv = npv;
}

size_t
model_mc_count(const model_uparam *u, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += u[i].has_dist != 0;
	return k;
}

/* Counts v into output q of a. NaN (never for valid inputs) goes to the overflow bin. */
static void
mc_add(const mc_run *r, mc_acc *a, int q, double v)
{
	mc_cell *h = a->hist + (size_t)q * MC_ROW;
	if (isnan(v)) {
		h[MC_ROW - 1]++;
		return;
	}
	if (v < a->mn[q])
		a->mn[q] = v;
	if (v > a->mx[q])
		a->mx[q] = v;
	double x = (v - r->lo[q]) * r->inv_w[q];
	h[x < 0 ? 0 : x >= MC_BINS ? MC_ROW - 1 : (size_t)x + 1]++;
}

/* Counts the values v[0..count-1] of output q into a as mc_add does (a whole
 * sub-block's bins computed by the vectorised mck_bins). */
static void
mc_count(const mc_run *r, mc_acc *a, int q, const double *v, size_t count)
{
	int idx[MC_LANES];
	mc_cell *h = a->hist + (size_t)q * MC_ROW;
	if (count < MC_LANES) {
		for (size_t l = 0; l < count; l++)
			mc_add(r, a, q, v[l]);
		return;
	}
	mck_bins(v, r->lo[q], r->inv_w[q], idx, &a->mn[q], &a->mx[q]);
	for (int l = 0; l < MC_LANES; l++)
		h[idx[l]]++;
}

/* Adds ok (0 or 1) to the draws paid back in year index y (clamped to the years). */
static inline void
mc_pay_by(const mc_run *r, mc_acc *a, int y, int ok)
{
	a->pay_by[y < 0 ? 0 : y >= r->n ? r->n - 1 : y] += (uint64_t)ok;
}

/* Counts a whole sub-block's paybacks as mc_add does, skipping NaN (never paid back):
 * the bins by mck_bins, the counts added branch-free (0 for a NaN lane). */
static void
mc_count_payback(const mc_run *r, mc_acc *a, const mck_out *o)
{
	int idx[MC_LANES], q = r->n + 1;
	mc_cell *h = a->hist + (size_t)q * MC_ROW;
	const double *v = o->payback;
	mck_bins(v, r->lo[q], r->inv_w[q], idx, &a->mn[q], &a->mx[q]);
	for (int l = 0; l < MC_LANES; l++) {
		int ok = v[l] == v[l];
		h[idx[l]] += (mc_cell)ok;
		mc_pay_by(r, a, o->year[l], ok);
	}
}

/* Counts one sub-block's outputs (lanes 0..count-1) into a. */
static void
mc_tally(const mc_run *r, mc_acc *a, const mck_out *o, size_t count)
{
	for (int q = 0; q <= r->n; q++)
		mc_count(r, a, q, o->q[q], count);
	if (count < MC_LANES) {
		for (size_t l = 0; l < count; l++)
			if (!isnan(o->payback[l])) {
				mc_add(r, a, r->n + 1, o->payback[l]);
				mc_pay_by(r, a, o->year[l], 1);
			}
	} else {
		mc_count_payback(r, a, o);
	}
	a->since += count;
}

/* Adds a's counts into the run's totals (under the lock) and clears them. */
static void
mc_flush(mc_run *r, mc_acc *a)
{
	size_t cells = (size_t)r->nq * MC_ROW;
	mc_mutex_lock(&r->lock);
	for (size_t i = 0; i < cells; i++)
		r->hist[i] += a->hist[i];
	mc_mutex_unlock(&r->lock);
	memset(a->hist, 0, cells * sizeof *a->hist);
	a->since = 0;
}

/* Runs block k (its stream g) into a, MC_LANES draws at a time. */
static void
mc_block(mc_run *r, size_t k, rng *g, mc_acc *a)
{
	size_t count = r->draws - k * MC_BLOCK < MC_BLOCK ? r->draws - k * MC_BLOCK : MC_BLOCK;
	if (a->since > MC_CELL_MAX - MC_BLOCK)
		mc_flush(r, a);
	for (size_t i = 0; i < count; i += MC_LANES) {
		size_t c = count - i < MC_LANES ? count - i : MC_LANES;
		mck_run(r->plan, a->work, g, c, a->out);
		mc_tally(r, a, a->out, c);
	}
}

/* Worker: takes blocks in increasing order (the dispenser jumps the stream once per
 * block handed out) until none is left. */
static void *
mc_worker(void *arg)
{
	mc_job *j = arg;
	mc_run *r = j->run;
	for (;;) {
		mc_mutex_lock(&r->lock);
		size_t k = r->next_block++;
		rng g = r->next_g;
		if (k < r->nblocks)
			rng_jump(&r->next_g);
		mc_mutex_unlock(&r->lock);
		if (k >= r->nblocks)
			return NULL;
		mc_block(r, k, &g, &r->acc[j->id]);
	}
}

/* Sets output q's bins from the pilot's range [mn, mx] widened by half its span on
 * each side (a tiny range around a constant; 0 if the pilot saw no value). */
static void
mc_range(mc_run *r, int q, double mn, double mx)
{
	if (mn > mx)
		mn = mx = 0;
	double pad = mx > mn ? (mx - mn) / 2 : fmax(fabs(mn) * 1e-9, 1e-12);
	r->lo[q] = mn - pad;
	r->w[q] = (mx - mn + 2 * pad) / MC_BINS;
	r->inv_w[q] = 1 / r->w[q];
}

/* Widens [mn[q], mx[q]] of every output q <= n over lanes 0..count-1 of o (NaN skipped). */
static void
mc_spread(int n, const mck_out *o, size_t count, double *mn, double *mx)
{
	for (int q = 0; q <= n; q++)
		for (size_t l = 0; l < count; l++) {
			double v = o->q[q][l];
			if (v < mn[q])
				mn[q] = v;
			if (v > mx[q])
				mx[q] = v;
		}
}

/* Runs block 0 (the seed's stream, a copy of g) without counting it, to set every
 * output's bins from its range (payback's are fixed: t0 .. t0 + n). The workers then
 * run block 0 again like any other. acc[0]'s minima and maxima serve as scratch. */
static void
mc_pilot(mc_run *r, const rng *g)
{
	rng h = *g;
	mc_acc *a = &r->acc[0];
	size_t count = r->draws < MC_BLOCK ? r->draws : MC_BLOCK;
	for (size_t i = 0; i < count; i += MC_LANES) {
		size_t c = count - i < MC_LANES ? count - i : MC_LANES;
		mck_run(r->plan, a->work, &h, c, a->out);
		mc_spread(r->n, a->out, c, a->mn, a->mx);
	}
	for (int q = 0; q <= r->n; q++) {
		mc_range(r, q, a->mn[q], a->mx[q]);
		a->mn[q] = INFINITY;
		a->mx[q] = -INFINITY;
	}
	r->lo[r->n + 1] = r->base->t0;
	r->w[r->n + 1] = (double)r->n / MC_BINS;
	r->inv_w[r->n + 1] = MC_BINS / (double)r->n;
}

/* Allocates the run's tables and one accumulator per job. */
static void
mc_setup(mc_run *r)
{
	size_t nq = (size_t)r->nq;
	r->lo = mc_alloc(r, nq, sizeof(double));
	r->w = mc_alloc(r, nq, sizeof(double));
	r->inv_w = mc_alloc(r, nq, sizeof(double));
	r->hist = mc_alloc(r, nq * MC_ROW, sizeof *r->hist);
	r->acc = mc_alloc(r, (size_t)r->jobs, sizeof *r->acc);
	for (int j = 0; j < r->jobs; j++) {
		mc_acc *a = &r->acc[j];
		a->hist = mc_alloc(r, nq * MC_ROW, sizeof *a->hist);
		a->mn = mc_alloc(r, nq, sizeof(double));
		a->mx = mc_alloc(r, nq, sizeof(double));
		a->pay_by = mc_alloc(r, (size_t)r->n, sizeof *a->pay_by);
		a->out = mc_alloc(r, 1, sizeof *a->out);
		a->work = mck_work_new(r->plan);
		r->bytes += mck_work_bytes(r->plan);
		for (size_t q = 0; q < nq; q++) {
			a->mn[q] = INFINITY;
			a->mx[q] = -INFINITY;
		}
	}
}

/* Flushes every accumulator into the run's counts and adds their minima, maxima and
 * payback years into acc[0]'s. */
static void
mc_merge(mc_run *r)
{
	size_t nq = (size_t)r->nq;
	mc_acc *a = &r->acc[0];
	for (int j = 0; j < r->jobs; j++) {
		mc_acc *b = &r->acc[j];
		mc_flush(r, b);
		if (j == 0)
			continue;
		for (size_t q = 0; q < nq; q++) {
			a->mn[q] = fmin(a->mn[q], b->mn[q]);
			a->mx[q] = fmax(a->mx[q], b->mx[q]);
		}
		for (int i = 0; i < r->n; i++)
			a->pay_by[i] += b->pay_by[i];
	}
}

/* Returns the value of rank rank (p x N) in output q's histogram by linear
 * interpolation inside its bin (the underflow and overflow bins span the exact minimum
 * and maximum), clamped to [min, max]; NaN if fewer than rank values were counted. */
static double
mc_quantile(const mc_run *r, int q, double rank)
{
	const mc_acc *a = &r->acc[0];
	const uint64_t *h = r->hist + (size_t)q * MC_ROW;
	double below = 0;
	for (int b = 0; b < MC_ROW; b++) {
		if (h[b] == 0 || below + (double)h[b] < rank) {
			below += (double)h[b];
			continue;
		}
		double e0 = b == 0 ? a->mn[q] : r->lo[q] + (b - 1) * r->w[q];
		double e1 = b == MC_ROW - 1 ? a->mx[q] : b == 0 ? r->lo[q] : r->lo[q] + b * r->w[q];
		double v = e0 + (rank - below) / (double)h[b] * (e1 - e0);
		return fmin(fmax(v, a->mn[q]), a->mx[q]);
	}
	return NAN;
}

/* Fills out from the merged accumulator. */
static void
mc_results(const mc_run *r, mc_summary *out)
{
	double nd = (double)r->draws, by = 0;
	for (int k = 0; k < MC_NPCT; k++) {
		double rank = mc_percentiles[k] * nd;
		out->npv[k] = mc_quantile(r, r->n, rank);
		out->payback[k] = mc_quantile(r, r->n + 1, rank);
		for (int i = 0; i < r->n; i++)
			out->cumulative[k][i] = mc_quantile(r, i, rank);
	}
	for (int i = 0; i < r->n; i++) {
		by += (double)r->acc[0].pay_by[i];
		out->payback_prob[i] = by / nd;
	}
}

/* Runs every block on r->jobs threads (in this thread if there is one job, a thread
 * cannot start or the target has none: the blocks and their streams are the same). */
static void
mc_parallel(mc_run *r)
{
#if defined(MC_THREADS)
	pthread_t *th = util_xcalloc((size_t)r->jobs, sizeof *th);
	mc_job *jb = util_xcalloc((size_t)r->jobs, sizeof *jb);
	int *started = util_xcalloc((size_t)r->jobs, sizeof *started);
	for (int j = 0; j < r->jobs; j++) {
		jb[j].run = r;
		jb[j].id = j;
		started[j] = r->jobs > 1 && pthread_create(&th[j], NULL, mc_worker, &jb[j]) == 0;
	}
	for (int j = 0; j < r->jobs; j++) {
		if (started[j])
			pthread_join(th[j], NULL);
		else
			mc_worker(&jb[j]);
	}
	free(th);
	free(jb);
	free(started);
#else
	for (int j = 0; j < r->jobs; j++)
		mc_worker(&(mc_job){ r, j });
#endif
}

/* Frees what mc_setup allocated. */
static void
mc_teardown(mc_run *r)
{
	for (int j = 0; j < r->jobs; j++) {
		free(r->acc[j].hist);
		free(r->acc[j].mn);
		free(r->acc[j].mx);
		free(r->acc[j].pay_by);
		free(r->acc[j].out);
		mck_work_free(r->acc[j].work);
	}
	free(r->acc);
	free(r->hist);
	free(r->lo);
	free(r->w);
	free(r->inv_w);
}

int
model_mc_run(const fin_params *base, const model_uparam *u, size_t n,
    const mc_config *cfg, mc_summary *out)
{
	mc_run r;
	size_t k = 0;
	if (model_mc_count(u, n) == 0 || cfg->draws == 0 || base->T < base->t0)
		return -1;
	memset(&r, 0, sizeof r);
	r.base = base;
	r.dp = mc_alloc(&r, model_mc_count(u, n), sizeof *r.dp);
	for (size_t i = 0; i < n; i++)
		if (u[i].has_dist)
			r.dp[k++] = &u[i];
	r.ndp = k;
	r.plan = mck_plan_new(base, r.dp, k);
	r.bytes += mck_plan_bytes(r.plan);
	r.draws = cfg->draws;
	r.nblocks = (cfg->draws + MC_BLOCK - 1) / MC_BLOCK;
	r.n = base->T - base->t0 + 1;
	r.nq = r.n + 2;
	r.jobs = cfg->jobs < 1 ? 1 : cfg->jobs;
	mc_setup(&r);
	rng_seed(&r.next_g, cfg->seed);
	mc_pilot(&r, &r.next_g);
	mc_mutex_init(&r.lock);
	mc_parallel(&r);
	mc_merge(&r);
	mc_mutex_destroy(&r.lock);
	memset(out, 0, sizeof *out);
	out->draws = cfg->draws;
	out->seed = cfg->seed;
	out->t0 = base->t0;
	out->n = r.n;
	mc_results(&r, out);
	out->bytes = r.bytes;
	mc_teardown(&r);
	mck_plan_free(r.plan);
	free((void *)r.dp);
	return 0;
}
