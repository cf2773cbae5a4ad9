/* dependency: the two weighted dependency indices and the cost of switching compute
 * off Azure (MODEL.md, Dependency). Pure: no I/O. */
#ifndef MKR_DEPENDENCY_H
#define MKR_DEPENDENCY_H

#include <stddef.h>

#include "model/finance.h"

enum {
	DEP_MAX_FACTORS = 32, /* factors in one index */
	DEP_NINDICES = 2,     /* the indices, in dep_index_names order */
	DEP_OM = 0,           /* index of OpenAI's dependency on Microsoft */
	DEP_MO = 1,           /* index of Microsoft's dependency on OpenAI */
};

/* "openai_on_microsoft", "microsoft_on_openai": the data keys and metric names of the
 * indices, indexed by DEP_OM and DEP_MO. Static data. */
extern const char *const dep_index_names[DEP_NINDICES];

/* One named factor of an index. Strings are owned by the dep_params holding it. */
typedef struct dep_factor {
	char *id;       /* [a-z0-9_]+, unique in its index */
	char *label;    /* human label */
	char *source;   /* source id, NULL for an assumption */
	double value;   /* the factor's level in [0, 1] */
	double weight;  /* its weight in the index, in [0, 1] */
} dep_factor;

/* One weighted index: sum of weight x value over its factors. */
typedef struct dep_index {
	char *label;                        /* human label (owned) */
	size_t nfactors;                    /* used entries of factor */
	dep_factor factor[DEP_MAX_FACTORS]; /* in data order */
} dep_index;

/* The switching-cost inputs: moving fraction of compute off Azure. */
typedef struct dep_switching {
	double engineering;       /* fixed engineering cost, usd_bn */
	double overlap_months;    /* months both capacities are paid for */
	double transition_months; /* months of reduced efficiency */
	double efficiency_drop;   /* share of revenue lost while transitioning, [0, 1] */
	double fraction;          /* share of compute moved, f in [0, 1] */
} dep_switching;

/* Every dependency input of one scenario, resolved. Free with dep_params_free. */
typedef struct dep_params {
	dep_index index[DEP_NINDICES]; /* DEP_OM, DEP_MO */
	dep_switching sw;              /* switching cost inputs */
} dep_params;

/* Outputs for one scenario; per-year arrays over the finance horizon t0..t0+n-1. */
typedef struct dep_result {
	double index[DEP_NINDICES];              /* the indices */
	double asymmetry;                        /* index[DEP_OM] - index[DEP_MO] */
	int t0;                                  /* first year */
	int n;                                   /* years */
	double engineering[FIN_MAX_YEARS];       /* fixed cost if the move starts that year */
	double duplicate[FIN_MAX_YEARS];         /* overlap/12 x compute spend x f */
	double performance[FIN_MAX_YEARS];       /* transition/12 x drop x revenue x f */
	double total[FIN_MAX_YEARS];             /* sum of the three */
	double share_of_revenue[FIN_MAX_YEARS];  /* total / revenue; NaN if revenue <= 0 */
} dep_result;

/* Returns a new zeroed dep_params (caller frees with dep_params_free). */
dep_params *dep_params_new(void);

/* Frees p and its strings. NULL is a no-op. */
void dep_params_free(dep_params *p);

/* Returns the sum of the weights of x's factors. */
double model_dep_weight_sum(const dep_index *x);

/* Returns the index value: sum of weight x value over x's factors (0 without factors). */
double model_dep_index(const dep_index *x);

/* Computes r from p and the same scenario's financial outputs f (compute spend and
 * revenue per year). Pure. */
void model_dep_run(const dep_params *p, const fin_result *f, dep_result *r);

#endif
