/* load_int: the loader's internal context and the steps load.c runs (one file each). */
#ifndef MKR_LOAD_INT_H
#define MKR_LOAD_INT_H

#include "diag.h"
#include "load/load.h"
#include "yaml/ytree.h"

enum {
	LD_SERIES_MAX = 512, /* listed years in one series quantity */
	LD_YEAR_MIN = 1800,  /* smallest year accepted anywhere */
	LD_YEAR_MAX = 2300,  /* largest year accepted anywhere */
};

/* What every step reads and fills. */
/* Page files read ahead on threads (load/ahead.c). */
typedef struct ld_ahead ld_ahead;

typedef struct ld_ctx {
	diag *d;         /* where errors go */
	report *r;       /* the report being filled */
	const char *dir; /* the content folder */
	int sources_ok;  /* 1 once sources.yaml parsed: source ids can be checked */
	const yt_node *dep_map;  /* base dependency: mapping, NULL without one */
	const yt_node *comp_map; /* base competition: mapping, NULL without one */
	int dep_ok;      /* 1 if dep_map converted without errors */
	int comp_ok;     /* 1 if comp_map converted without errors */
	ld_ahead *ahead; /* the page files read ahead, or NULL */
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
	double low;                    /* low: of a scalar, NaN if absent */
	double high;                   /* high: of a scalar, NaN if absent */
	diag_pos low_pos;              /* position of low: when given */
	diag_pos high_pos;             /* position of high: when given */
	int has_dist;                  /* 1 if dist: was given (scalar only) */
	dist law;                      /* the dist: when has_dist */
} ld_qty;

/* load.c: returns content_dir/rel as shown to the user (caller frees). */
char *ld_display(const ld_ctx *c, const char *rel);

/* load.c: parses content_dir/rel, recording it in r->inputs when read. NULL on error. */
yt_node *ld_parse(ld_ctx *c, const char *rel);

/* load.c: returns 1 if content_dir/rel exists as anything (a file, a folder, a broken
 * link): an optional file that exists is read, so a folder there is an error, not
 * silently "absent". */
int ld_exists(const ld_ctx *c, const char *rel);

/* load.c: ld_parse for an optional file: NULL without a diagnostic if it does not exist. */
yt_node *ld_parse_optional(ld_ctx *c, const char *rel);

/* load.c: checks that root is a map holding only key, whose value is of kind k;
 * returns that value or NULL after recording errors. file names root's file. */
const yt_node *ld_top(ld_ctx *c, const yt_node *root, const char *key, yt_kind k,
    const char *file);

/* load.c: copies the string at key of map m into *out (NULL if absent and optional).
 * Returns 0 or -1 after recording an error. */
int ld_str(ld_ctx *c, const yt_node *m, const char *key, const char *what, int required,
    char **out);

/* load.c: checks the optional note: of record m (named what) is text. Returns 0 or -1
 * after an error. */
int ld_note(ld_ctx *c, const yt_node *m, const char *what);

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

/* quantity.c: ld_num_field keeping the whole quantity (low, high, dist) in q; a bare
 * number gives a quantity without them. */
int ld_num_qty(ld_ctx *c, const yt_node *n, const char *what, ld_qty *q);

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

/* fin.c: ld_finance for the base data, also recording in c->r->uncertain every scalar
 * input with low:/high: or dist: (docs/model.md, "Uncertainty"). */
int ld_finance_base(ld_ctx *c, const yt_node *fin, fin_params *p);

/* uncertainty.c: reads the optional data/uncertainty.yaml's tree (root, NULL if the
 * file is absent) into c->r->mc_draws and mc_seed. */
int ld_uncertainty(ld_ctx *c, const yt_node *root);

/* fin.c: converts the finance mapping (the value of finance:) into p. Returns 0 or -1
 * after recording every problem. */
int ld_finance(ld_ctx *c, const yt_node *fin, fin_params *p);

/* scenario.c: reads data/scenarios.yaml's tree into c->r->scenarios. fin is the
 * finance mapping (NULL if finance.yaml could not be read) and base its converted
 * inputs (NULL if they had errors). */
int ld_scenarios(ld_ctx *c, const yt_node *root, const yt_node *fin, const fin_params *base);

/* part.c: reads the required scalar quantity prefix.key of map m, checks it is in
 * [lo, hi] (or (lo, hi]), stores it in *out and, if source is non-NULL, a copy of its
 * source id (NULL for an assumption) in *source. Returns 0 or -1 after an error. */
int ld_qty_at(ld_ctx *c, const yt_node *m, const char *prefix, const char *key, double lo,
    double hi, int lo_open, double *out, char **source);

/* part.c: returns the value of required key of map m (named prefix) if it is of kind k,
 * else NULL after an error; for a mapping with keys non-NULL, also records an error
 * for each other key (the mapping is still returned). */
const yt_node *ld_group(ld_ctx *c, const yt_node *m, const char *prefix, const char *key,
    yt_kind k, const char *const *keys);

/* part.c: checks that mapping m (named what) has 1..max entries whose keys are
 * [a-z0-9_]+. Returns 0 or -1 after errors. */
int ld_ids(ld_ctx *c, const yt_node *m, const char *what, size_t max);

/* part.c: a number field what.key of a record (bare or a quantity) in [lo, hi] into
 * *out; *direct |= written bare. Returns 0 or -1 after an error. */
int ld_rec_num(ld_ctx *c, const yt_node *m, const char *what, const char *key, double lo,
    double hi, int *direct, double *out);

/* part.c: the record's provenance (required if direct, else optional) and note:; stores
 * a copy of the source id or NULL in *source. Returns 0 or -1 after an error. */
int ld_rec_prov(ld_ctx *c, const yt_node *m, const char *what, int direct, char **source);

/* part.c: parses the optional data/dependency.yaml and data/competition.yaml, converts
 * their base inputs (recording errors) and sets c->dep_map/dep_ok, c->comp_map/comp_ok.
 * The trees go to *dep and *comp (NULL if absent); the caller frees them after
 * ld_scenarios. */
void ld_parts_read(ld_ctx *c, yt_node **dep, yt_node **comp);

/* dependency.c: converts a dependency mapping into p (strings owned by p). Returns 0
 * or -1 after recording every problem. */
int ld_dependency(ld_ctx *c, const yt_node *m, dep_params *p);

/* competition.c: converts a competition mapping into p. Returns 0 or -1 after errors. */
int ld_competition(ld_ctx *c, const yt_node *m, comp_params *p);

/* risk.c: reads the optional data/risks.yaml into c->r->risks. */
void ld_risks_file(ld_ctx *c);

/* evidence.c: reads the optional data/evidence.yaml into c->r->evidence (after the
 * scenarios, whose names it checks). */
void ld_evidence_file(ld_ctx *c);

/* Appends a copy of path to r->inputs (the files the report was read from). The
 * array's room doubles (it is always the power of two at or above ninputs), so
 * 10,000 pages are not 10,000 reallocations. */
void ld_add_input(report *r, const char *path);

/* Reads the page files that the sections of root (report.yaml: sections:, or each
 * part's sections:) name, on threads, with path_read(dir, file, LOAD_MAX_PAGE) - the
 * files an absolute path or ".." would refuse are left out. Returns NULL for a report
 * under 64 sections or a single core (the pages are then read one by one as they are
 * checked). Free with ld_ahead_free. */
ld_ahead *ld_ahead_read(const char *dir, const yt_node *root);

/* If a (may be NULL) read file ahead and it was not taken yet, hands over path_read's
 * result (*text, *len, its status in *st, errno as it left it) and returns 1; else 0.
 * *clean is set to 1 if the text was read and found, on the reading thread, to have no
 * byte-order mark, no character a page must not hold (utf8_text_next) and no run of
 * text over LOAD_MAX_RUN without a blank line: the checks that would say nothing. */
int ld_ahead_take(ld_ahead *a, const char *file, char **text, size_t *len, int *st,
    int *clean);

/* Frees a and the bytes not taken. NULL is a no-op. */
void ld_ahead_free(ld_ahead *a);

/* Returns 1 if the scalar v is a date of a source or an event: YYYY-MM-DD (a real
 * day), YYYY-MM (month 01-12), or, when year_ok, YYYY, in a year of SCHEMA_YEAR_MIN..MAX
 * (yaml/schema.h); else 0. Reports nothing. */
int ld_date_ok(const yt_node *v, int year_ok);

#endif
