/* competition: market shares, HHI, CR3, bloc shares and the share projection
 * (MODEL.md, Competition). Pure: no I/O. */
#ifndef MKR_COMPETITION_H
#define MKR_COMPETITION_H

#include <stddef.h>

enum {
	COMP_MAX_MARKETS = 16, /* markets in one file */
	COMP_MAX_FIRMS = 32,   /* named firms in one market */
	COMP_MAX_BLOCS = 16,   /* blocs in one market */
	COMP_MAX_PROJ = 101,   /* projected years, last observed year to horizon */
};

/* One named firm of a market. Strings and shares are owned by the comp_params. */
typedef struct comp_firm {
	char *id;       /* [a-z0-9_]+, unique in its market */
	char *label;    /* human label */
	char *source;   /* source id of its shares, NULL for an assumption */
	double *shares; /* share in each observed year of the market (nyears values) */
	double boost;   /* growth premium per year in the projection, > -1 */
} comp_firm;

/* A partnership bloc: firms of the same market. */
typedef struct comp_bloc {
	char *id;                      /* [a-z0-9_]+, unique in its market */
	char *label;                   /* human label */
	size_t nmembers;               /* used entries of member */
	size_t member[COMP_MAX_FIRMS]; /* indices into the market's firms, distinct */
} comp_bloc;

/* One market: every firm lists shares for the same observed years. */
typedef struct comp_market {
	char *id;                        /* [a-z0-9_]+ */
	char *label;                     /* human label */
	size_t nyears;                   /* observed years, >= 1 */
	int *years;                      /* observed years, increasing */
	size_t nfirms;                   /* named firms */
	comp_firm firm[COMP_MAX_FIRMS];  /* in data order */
	size_t nblocs;                   /* blocs */
	comp_bloc bloc[COMP_MAX_BLOCS];  /* in data order */
} comp_market;

/* Every competition input of one scenario. Free with comp_params_free. */
typedef struct comp_params {
	double hhi_high;          /* HHI above this is highly concentrated (1800) */
	double hhi_change;        /* an HHI change above this is significant (100) */
	char *hhi_high_source;    /* source ids of the thresholds, NULL for assumptions */
	char *hhi_change_source;
	int horizon;              /* last projected year, >= every market's last year */
	size_t nmarkets;          /* markets */
	comp_market market[COMP_MAX_MARKETS]; /* in data order */
} comp_params;

/* Outputs for one market. Arrays owned by the comp_result. */
typedef struct comp_market_result {
	size_t nyears;                      /* observed years (as the market's) */
	double *hhi;                        /* HHI per observed year */
	double *cr3;                        /* CR3 per observed year */
	double *bloc[COMP_MAX_BLOCS];       /* each bloc's share per observed year */
	int p0;                             /* first projected year: the last observed */
	size_t nproj;                       /* projected years p0..horizon */
	double *proj_share[COMP_MAX_FIRMS]; /* each firm's projected share */
	double *proj_hhi;                   /* projected HHI */
	double *proj_cr3;                   /* projected CR3 */
	double *proj_bloc[COMP_MAX_BLOCS];  /* each bloc's projected share */
	double hhi_change;                  /* HHI(horizon) - HHI(last observed) */
	int highly_concentrated;            /* 1 if HHI(horizon) > hhi_high */
	int significant_change;             /* 1 if hhi_change > hhi_change threshold */
} comp_market_result;

/* Outputs for one scenario, one entry per market of its comp_params. */
typedef struct comp_result {
	size_t nmarkets;               /* as the params */
	comp_market_result *market;    /* nmarkets entries */
} comp_result;

/* Returns a new zeroed comp_params (caller frees with comp_params_free). */
comp_params *comp_params_new(void);

/* Frees p with its strings and arrays. NULL is a no-op. */
void comp_params_free(comp_params *p);

/* Returns sum over s[0..n-1] of (100 s)^2 (0 for n = 0). */
double model_hhi(const double *s, size_t n);

/* Returns the sum of the three largest of s[0..n-1] (all of them if n < 3). */
double model_cr3(const double *s, size_t n);

/* One projection step: out_i = s_i (1 + boost_i) x S / sum_j s_j (1 + boost_j), with
 * S = sum s_i, so the named firms keep their total; all zero if that sum is 0. */
void model_comp_step(const double *s, const double *boost, size_t n, double *out);

/* Computes every market's observed and projected outputs of p (caller frees with
 * comp_result_free). Pure apart from allocation. */
comp_result *model_comp_run(const comp_params *p);

/* Frees r. NULL is a no-op. */
void comp_result_free(comp_result *r);

#endif
