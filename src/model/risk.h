/* risk: the risk register: expected impact, rank and 5 x 5 bands (MODEL.md, Risk).
 * Pure: no I/O. */
#ifndef MKR_RISK_H
#define MKR_RISK_H

#include <stddef.h>

enum {
	RISK_MAX = 256, /* entries in one register */
	RISK_BANDS = 5, /* bands per axis of the matrix */
};

/* One register entry. Strings owned by the register. */
typedef struct risk_entry {
	char *id;          /* [a-z0-9_]+ */
	char *title;       /* short title */
	char *category;    /* free text, e.g. "regulatory" */
	char *description; /* one or two sentences */
	char *source;      /* source id, NULL for an assumption */
	double likelihood; /* probability in [0, 1] */
	double impact;     /* usd_bn >= 0 */
	int impact_band;   /* 1..5 as given, 0 = derive from the register's edges */
} risk_entry;

/* The register from data/risks.yaml. Free with risk_register_free. */
typedef struct risk_register {
	size_t n;               /* entries */
	risk_entry *entry;      /* n entries in data order */
	int has_edges;          /* 1 if impact_bands was given */
	double edge[RISK_BANDS - 1]; /* increasing usd_bn edges between impact bands */
} risk_register;

/* Outputs, indexed like the register's entries. */
typedef struct risk_result {
	size_t n;                       /* entries */
	double expected[RISK_MAX];      /* likelihood x impact */
	int rank[RISK_MAX];             /* 1 = largest expected; ties by id */
	int likelihood_band[RISK_MAX];  /* 1..5 */
	int impact_band[RISK_MAX];      /* 1..5 */
	double total_expected;          /* sum of expected */
} risk_result;

/* Returns a new empty register (free with risk_register_free). */
risk_register *risk_register_new(void);

/* Frees g and its entries. NULL is a no-op. */
void risk_register_free(risk_register *g);

/* Returns min(5, floor(likelihood x 5) + 1): [0, 0.2) -> 1, ..., [0.8, 1] -> 5;
 * below 0 (or NaN) -> 1, above 1 -> 5. */
int model_risk_likelihood_band(double likelihood);

/* Returns 1 + the number of edges e[0..3] with e <= impact. */
int model_risk_impact_band(double impact, const double *edge);

/* Computes r from g (at most RISK_MAX entries; entries with impact_band 0 need
 * has_edges). Pure. */
void model_risk_run(const risk_register *g, risk_result *r);

#endif
