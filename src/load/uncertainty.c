/* uncertainty: data/uncertainty.yaml, the Monte Carlo's number of draws and seed. */
#include <math.h>
#include <stdlib.h>

#include "load/load_int.h"
#include "yaml/schema.h"

enum {
	UNC_DEFAULT_DRAWS = 10000, /* draws when the file or the key is absent */
	UNC_DEFAULT_SEED = 1,      /* seed when the file or the key is absent */
};
#define UNC_MAX_DRAWS 1e9          /* largest draws: accepted */
#define UNC_MAX_SEED 9007199254740992.0 /* 2^53: every seed up to it is exact in a metric */

/* Reads monte_carlo.key (a quantity holding a whole number in [lo, hi]) into *out; keeps
 * *out if the key is absent. */
static int
whole_in(ld_ctx *c, const yt_node *mc, const char *key, double lo, double hi, double *out)
{
	const yt_node *n = yt_get(mc, key);
	if (n == NULL)
		return 0;
	char *what = ld_path("monte_carlo", key);
	ld_qty q;
	int st = ld_qty_read(c, n, what, LDQ_SCALAR, NULL, &q);
	if (st == 0 && (q.v != floor(q.v) || q.v < lo || q.v > hi)) {
		diag_error(c->d, q.pos, "'%s' must be a whole number in [%.0f, %.0f], found %g", what,
		    lo, hi, q.v);
		st = -1;
	}
	if (st == 0)
		*out = q.v;
	free(what);
	return st;
}

int
ld_uncertainty(ld_ctx *c, const yt_node *root)
{
	static const char *const keys[] = { "draws", "seed", NULL };
	double draws = UNC_DEFAULT_DRAWS, seed = UNC_DEFAULT_SEED;
	int bad = 0;
	c->r->mc_draws = UNC_DEFAULT_DRAWS;
	c->r->mc_seed = UNC_DEFAULT_SEED;
	if (root == NULL)
		return 0;
	const yt_node *mc = ld_top(c, root, "monte_carlo", YT_MAP, "data/uncertainty.yaml");
	if (mc == NULL)
		return -1;
	bad |= schema_keys(c->d, mc, keys, "monte_carlo") < 0;
	bad |= whole_in(c, mc, "draws", 1, UNC_MAX_DRAWS, &draws) < 0;
	bad |= whole_in(c, mc, "seed", 0, UNC_MAX_SEED, &seed) < 0;
	c->r->mc_draws = (size_t)draws;
	c->r->mc_seed = (uint64_t)seed;
	return bad ? -1 : 0;
}
