/* load_int: the loader's internal context and the steps load.c runs (one file each). */
#ifndef MKR_LOAD_INT_H
#define MKR_LOAD_INT_H

#include "diag.h"
#include "load/load.h"
#include "load/ytree.h"

enum {
	LD_SERIES_MAX = 512, /* listed years in one series quantity */
	LD_YEAR_MIN = 1800,  /* smallest year accepted anywhere */
	LD_YEAR_MAX = 2300,  /* largest year accepted anywhere */
};

/* What every step reads and fills. */
typedef struct ld_ctx {
	diag *d;         /* where errors go */
	report *r;       /* the report being filled */
	const char *dir; /* the content folder */
	int sources_ok;  /* 1 once sources.yaml parsed: source ids can be checked */
} ld_ctx;

/* Flags of ld_qty_read. */
enum {
	LDQ_SCALAR = 1, /* value: is accepted */
	LDQ_SERIES = 2, /* values: {year: number} is accepted */
	LDQ_NULL = 4,   /* value: null is accepted (stored as NaN) */
};

/* A quantity as read: a scalar value or a series of listed years. */
typedef struct ld_qty {
	double v;                      /* scalar value (NaN for null); unused for a series */
	diag_pos pos;                  /* position of the value: node (or values:) */
	size_t n;                      /* 0 for a scalar, else listed years (sorted) */
	int years[LD_SERIES_MAX];      /* listed years, increasing */
	double vals[LD_SERIES_MAX];    /* value per listed year */
	diag_pos vpos[LD_SERIES_MAX];  /* position of each value */
	const char *source;            /* the source id, or NULL for an assumption */
} ld_qty;

/* load.c: returns content_dir/rel as shown to the user (caller frees). */
char *ld_display(const ld_ctx *c, const char *rel);

/* load.c: parses content_dir/rel, recording it in r->inputs when read. NULL on error. */
yt_node *ld_parse(ld_ctx *c, const char *rel);

/* load.c: checks that root is a map holding only key, whose value is of kind k;
 * returns that value or NULL after recording errors. file names root's file. */
const yt_node *ld_top(ld_ctx *c, const yt_node *root, const char *key, yt_kind k,
    const char *file);

/* load.c: copies the string at key of map m into *out (NULL if absent and optional).
 * Returns 0 or -1 after recording an error. */
int ld_str(ld_ctx *c, const yt_node *m, const char *key, const char *what, int required,
    char **out);

/* load.c: returns prefix.key in a new string (caller frees). */
char *ld_path(const char *prefix, const char *key);

/* load.c: returns 1 if s is non-empty and made only of [a-z0-9] and the bytes in extra. */
int ld_ident(const char *s, const char *extra);

/* report.c: reads report.yaml and every section's page into c->r. */
int ld_report_yaml(ld_ctx *c);

/* data.c: reads data/sources.yaml's tree (root) into c->r->sources. */
int ld_sources(ld_ctx *c, const yt_node *root);

/* data.c: reads data/facts.yaml's tree into c->r->facts. */
int ld_facts(ld_ctx *c, const yt_node *root);

/* quantity.c: checks the provenance of record m (source: or assumption: + rationale:);
 * stores the source id or NULL in *source. Returns 0 or -1 after recording errors. */
int ld_provenance(ld_ctx *c, const yt_node *m, const char *what, const char **source);

/* quantity.c: reads quantity n (flags LDQ_*; extra: more allowed keys or NULL) into q. */
int ld_qty_read(ld_ctx *c, const yt_node *n, const char *what, unsigned flags,
    const char *const *extra, ld_qty *q);

/* quantity.c: a number field of a record: a plain number, or a scalar quantity of its own. */
int ld_num_field(ld_ctx *c, const yt_node *n, const char *what, double *v, diag_pos *pos);

/* quantity.c: records "'what' must be in [lo, hi]" (or (lo, hi] if lo_open) unless v is. */
int ld_range(ld_ctx *c, diag_pos pos, double v, double lo, double hi, int lo_open,
    const char *what);

/* quantity.c: checks every value of q (scalar or series) with ld_range. */
int ld_qty_range(ld_ctx *c, const ld_qty *q, double lo, double hi, int lo_open,
    const char *what);

/* quantity.c: checks that v is a whole year in [lo, hi] and stores it in *out. */
int ld_year(ld_ctx *c, diag_pos pos, double v, int lo, int hi, const char *what, int *out);

/* quantity.c: expands q over years t0..t0+n-1 into out: a scalar is constant; a series
 * takes its first value before its first year (0 if zero_before), its last after the
 * last, and is linear in between. */
void ld_expand(const ld_qty *q, int t0, int n, int zero_before, double *out);

/* fin.c: converts the finance mapping (the value of finance:) into p. Returns 0 or -1
 * after recording every problem. */
int ld_finance(ld_ctx *c, const yt_node *fin, fin_params *p);

/* scenario.c: reads data/scenarios.yaml's tree into c->r->scenarios. fin is the
 * finance mapping (NULL if finance.yaml could not be read) and base its converted
 * inputs (NULL if they had errors). */
int ld_scenarios(ld_ctx *c, const yt_node *root, const yt_node *fin, const fin_params *base);

#endif
