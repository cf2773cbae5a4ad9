/* fin: a finance mapping (finance.yaml's, or a scenario's resolved copy) into fin_params. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/load_int.h"
#include "yaml/schema.h"
#include "util/buf.h"

/* The state of one conversion. */
typedef struct fin_rd {
	ld_ctx *c;       /* context */
	fin_params *p;   /* output */
	int hz;          /* 1 once t0..T is known */
	int n;           /* years in the horizon, T - t0 + 1 (when hz) */
	int bad;         /* 1 after any error */
	int record;      /* 1: add uncertain inputs to c->r->uncertain (the base data) */
} fin_rd;

/* Returns path with every "[k]" written ".k" (set:-style), in a new string. */
static char *
dotted(const char *path)
{
	buf b;
	buf_init(&b);
	for (const char *s = path; *s; s++) {
		if (*s == '[')
			buf_putc(&b, '.');
		else if (*s != ']')
			buf_putc(&b, *s);
	}
	return buf_detach(&b);
}

/* Checks low:/high: against the input's range; if the quantity is uncertain and f
 * records, appends it to c->r->uncertain, setting count doubles at out (inside f->p). */
static void
unc_add(fin_rd *f, const ld_qty *q, const char *what, const double *out, int count,
    double lo, double hi, int lo_open)
{
	if (!isnan(q->low)) { /* each bound out of range an error at it */
		char *wl = ld_path(what, "low"), *wh = ld_path(what, "high");
		f->bad |= ld_range(f->c, q->low_pos, q->low, lo, hi, lo_open, wl) < 0;
		f->bad |= ld_range(f->c, q->high_pos, q->high, lo, hi, lo_open, wh) < 0;
		free(wl);
		free(wh);
	}
	if (!f->record || (isnan(q->low) && !q->has_dist))
		return;
	report *r = f->c->r;
	r->uncertain = util_xrealloc(r->uncertain, (r->nuncertain + 1) * sizeof *r->uncertain);
	model_uparam *u = &r->uncertain[r->nuncertain++];
	memset(u, 0, sizeof *u);
	u->path = dotted(what);
	u->ref.offset = (size_t)((const char *)out - (const char *)f->p);
	u->ref.count = count;
	u->value = q->v;
	u->low = q->low;
	u->high = q->high;
	u->has_dist = q->has_dist;
	u->law = q->law;
	u->min = lo;
	u->max = hi;
	u->min_open = lo_open;
}

/* Records an error if a year input q carries low:, high: or dist:. */
static void
year_certain(fin_rd *f, const ld_qty *q, const char *what)
{
	if (isnan(q->low) && !q->has_dist)
		return;
	diag_error(f->c->d, q->pos, "'%s' is a year: low:, high: and dist: are not allowed "
	    "on it", what);
	f->bad = 1;
}

/* Lowest and highest year a year input may take. */
static int
year_lo(const fin_rd *f)
{
	return f->hz ? f->p->t0 : LD_YEAR_MIN;
}

static int
year_hi(const fin_rd *f)
{
	return f->hz ? f->p->T : LD_YEAR_MAX;
}

/* Returns the sub-mapping finance.key after checking its keys, or NULL. */
static const yt_node *
group(fin_rd *f, const yt_node *fin, const char *key, const char *const *keys)
{
	diag *d = f->c->d;
	char *what = ld_path("finance", key);
	const yt_node *g = schema_need(d, fin, key, "finance");
	if (g != NULL && schema_kind(d, g, YT_MAP, what) < 0)
		g = NULL;
	if (g == NULL || schema_keys(d, g, keys, what) < 0)
		f->bad = 1;
	free(what);
	return g;
}

/* Reads quantity prefix.key of g with flags into q; -1 (and f->bad) on error. */
static int
qty_in(fin_rd *f, const yt_node *g, const char *prefix, const char *key, unsigned flags,
    ld_qty *q, char **what)
{
	*what = ld_path(prefix, key);
	const yt_node *n = g ? schema_need(f->c->d, g, key, prefix) : NULL;
	if (n == NULL || ld_qty_read(f->c, n, *what, flags, NULL, q) < 0) {
		f->bad = 1;
		return -1;
	}
	return 0;
}

/* A scalar input in [lo, hi] (or (lo, hi]); null allowed with LDQ_NULL (NaN). */
static int
scalar_in(fin_rd *f, const yt_node *g, const char *prefix, const char *key, double lo,
    double hi, int lo_open, unsigned flags, double *out)
{
	ld_qty q;
	char *what;
	int st = qty_in(f, g, prefix, key, LDQ_SCALAR | flags, &q, &what);
	if (st == 0 && ld_range(f->c, q.pos, q.v, lo, hi, lo_open, what) == 0) {
		*out = q.v;
		unc_add(f, &q, what, out, 1, lo, hi, lo_open);
	} else
		f->bad = 1, st = -1;
	free(what);
	return st;
}

/* A year input in [lo, hi]. */
static int
year_in(fin_rd *f, const yt_node *g, const char *prefix, const char *key, int lo, int hi,
    int *out)
{
	ld_qty q;
	char *what;
	int st = qty_in(f, g, prefix, key, LDQ_SCALAR, &q, &what);
	if (st == 0 && ld_year(f->c, q.pos, q.v, lo, hi, what, out) < 0)
		f->bad = 1, st = -1;
	if (st == 0)
		year_certain(f, &q, what);
	free(what);
	return st;
}

/* A per-year input (a series, or a constant value) expanded into out. */
static int
series_in(fin_rd *f, const yt_node *g, const char *prefix, const char *key, double lo,
    double hi, int zero_before, double *out)
{
	ld_qty *q = util_xmalloc(sizeof *q);
	char *what;
	int st = qty_in(f, g, prefix, key, LDQ_SCALAR | LDQ_SERIES, q, &what);
	if (st == 0 && ld_qty_range(f->c, q, lo, hi, 0, what) < 0)
		f->bad = 1, st = -1;
	if (st == 0 && f->hz) {
		ld_expand(q, f->p->t0, f->n, zero_before, out);
		unc_add(f, q, what, out, f->n, lo, hi, 0);
	}
	free(what);
	free(q);
	return st;
}

/* Optional actuals: values only in the listed years (inside t0..T), NaN elsewhere. */
static void
actuals_in(fin_rd *f, const yt_node *g, const char *prefix, double lo, double hi, double *out)
{
	for (int i = 0; i < FIN_MAX_YEARS; i++)
		out[i] = NAN;
	if (g == NULL || yt_get(g, "actuals") == NULL)
		return;
	ld_qty *q = util_xmalloc(sizeof *q);
	char *what;
	int st = qty_in(f, g, prefix, "actuals", LDQ_SERIES, q, &what);
	if (st == 0 && ld_qty_range(f->c, q, lo, hi, 0, what) < 0)
		f->bad = 1, st = -1;
	for (size_t i = 0; st == 0 && i < q->n; i++) {
		int y;
		if (ld_year(f->c, q->vpos[i], q->years[i], year_lo(f), year_hi(f), what, &y) < 0)
			f->bad = 1;
		else if (f->hz)
			out[y - f->p->t0] = q->vals[i];
	}
	free(what);
	free(q);
}

/* Provenance of a record (tranche, sale) when one of its numbers is written directly. */
static void
record_prov(fin_rd *f, const yt_node *m, const char *what, int direct)
{
	const char *src;
	if ((direct || yt_get(m, "source") || yt_get(m, "assumption")) &&
	    ld_provenance(f->c, m, what, &src) < 0)
		f->bad = 1;
	if (ld_note(f->c, m, what) < 0)
		f->bad = 1;
}

/* A number field what.key of a record in [lo, hi] (a year if year): stores it in *out
 * (double) or *yout (int); *direct |= written bare. */
static void
field_in(fin_rd *f, const yt_node *m, const char *what, const char *key, double lo,
    double hi, int *direct, double *out, int *yout)
{
	const yt_node *n = schema_need(f->c->d, m, key, what);
	if (n == NULL) {
		f->bad = 1;
		return;
	}
	*direct |= n->kind == YT_SCALAR;
	char *path = ld_path(what, key);
	ld_qty q;
	int st = ld_num_qty(f->c, n, path, &q);
	if (st == 0 && yout != NULL) {
		st = ld_year(f->c, q.pos, q.v, (int)lo, (int)hi, path, yout);
		year_certain(f, &q, path);
	} else if (st == 0) {
		st = ld_range(f->c, q.pos, q.v, lo, hi, 0, path);
	}
	if (st == 0 && out != NULL) {
		*out = q.v;
		unc_add(f, &q, path, out, 1, lo, hi, 0);
	}
	if (st < 0)
		f->bad = 1;
	free(path);
}

/* Checks the kind and keys of a record; returns 0 if it is a mapping. */
static int
record_start(fin_rd *f, const yt_node *m, const char *what, const char *const *keys)
{
	if (schema_kind(f->c->d, m, YT_MAP, what) < 0) {
		f->bad = 1;
		return -1;
	}
	if (schema_keys(f->c->d, m, keys, what) < 0)
		f->bad = 1;
	return 0;
}

static void
tranche_in(fin_rd *f, const yt_node *m, size_t i)
{
	static const char *const keys[] = { "year", "amount", "cash_fraction", "source",
		"assumption", "rationale", "note", NULL };
	char what[48];
	snprintf(what, sizeof what, "finance.tranches[%zu]", i);
	if (record_start(f, m, what, keys) < 0)
		return;
	fin_tranche *t = &f->p->tranche[i];
	int direct = 0;
	field_in(f, m, what, "year", year_lo(f), year_hi(f), &direct, NULL, &t->year);
	field_in(f, m, what, "amount", 0, INFINITY, &direct, &t->amount, NULL);
	field_in(f, m, what, "cash_fraction", 0, 1, &direct, &t->cash_fraction, NULL);
	record_prov(f, m, what, direct);
}

static void
tranches_in(fin_rd *f, const yt_node *fin)
{
	const yt_node *s = schema_need(f->c->d, fin, "tranches", "finance");
	if (s == NULL || schema_kind(f->c->d, s, YT_SEQ, "finance.tranches") < 0) {
		f->bad = 1;
		return;
	}
	if (s->n == 0 || s->n > FIN_MAX_TRANCHES) {
		diag_error(f->c->d, s->pos, "'finance.tranches' must list between 1 and %d tranches",
		    FIN_MAX_TRANCHES);
		f->bad = 1;
		return;
	}
	f->p->ntranches = s->n;
	for (size_t i = 0; i < s->n; i++)
		tranche_in(f, s->vals[i], i);
}

static void
horizon_in(fin_rd *f, const yt_node *fin)
{
	fin_params *p = f->p;
	if (year_in(f, fin, "finance", "start_year", LD_YEAR_MIN, LD_YEAR_MAX, &p->t0) < 0) {
		year_in(f, fin, "finance", "end_year", LD_YEAR_MIN, LD_YEAR_MAX, &p->T);
		return;
	}
	if (year_in(f, fin, "finance", "end_year", p->t0, p->t0 + FIN_MAX_YEARS - 1, &p->T) < 0)
		return;
	f->hz = 1;
	f->n = p->T - p->t0 + 1;
}

static void
revenue_in(fin_rd *f, const yt_node *fin)
{
	static const char *const keys[] = { "initial", "growth_initial", "growth_terminal",
		"growth_decay", "actuals", NULL };
	const char *w = "finance.revenue";
	const yt_node *g = group(f, fin, "revenue", keys);
	fin_params *p = f->p;
	scalar_in(f, g, w, "initial", 0, INFINITY, 0, 0, &p->revenue0);
	scalar_in(f, g, w, "growth_initial", -1, 10, 1, 0, &p->growth0);
	scalar_in(f, g, w, "growth_terminal", -1, 10, 1, 0, &p->growth_inf);
	scalar_in(f, g, w, "growth_decay", 0, 1, 1, 0, &p->growth_decay);
	actuals_in(f, g, w, 0, INFINITY, p->revenue_actual);
}

static void
margin_in(fin_rd *f, const yt_node *fin)
{
	static const char *const keys[] = { "initial", "terminal", "terminal_year", "actuals",
		NULL };
	const char *w = "finance.margin";
	const yt_node *g = group(f, fin, "margin", keys);
	fin_params *p = f->p;
	scalar_in(f, g, w, "initial", -10, 1, 0, 0, &p->margin0);
	scalar_in(f, g, w, "terminal", -10, 1, 0, 0, &p->margin_inf);
	year_in(f, g, w, "terminal_year", year_lo(f), year_hi(f), &p->margin_year);
	actuals_in(f, g, w, -10, 1, p->margin_actual);
}

static void
waterfall_in(fin_rd *f, const yt_node *fin)
{
	static const char *const keys[] = { "share_until_recoup", "share_until_cap",
		"recoup_multiple", "cap_multiple", "end_year", NULL };
	const char *w = "finance.waterfall";
	const yt_node *g = group(f, fin, "waterfall", keys);
	fin_params *p = f->p;
	scalar_in(f, g, w, "share_until_recoup", 0, 1, 0, 0, &p->a1);
	scalar_in(f, g, w, "share_until_cap", 0, 1, 0, 0, &p->a2);
	scalar_in(f, g, w, "recoup_multiple", 0, INFINITY, 0, 0, &p->recoup_multiple);
	scalar_in(f, g, w, "cap_multiple", 0, INFINITY, 0, LDQ_NULL, &p->cap_multiple);
	year_in(f, g, w, "end_year", year_lo(f), year_hi(f), &p->waterfall_end);
}

static void
revenue_share_in(fin_rd *f, const yt_node *fin)
{
	static const char *const keys[] = { "rate", "from_year", "to_year", NULL };
	const char *w = "finance.revenue_share";
	const yt_node *g = group(f, fin, "revenue_share", keys);
	fin_params *p = f->p;
	int from = 0, to = 0;
	size_t nu = f->c->r->nuncertain;
	int ok = series_in(f, g, w, "rate", 0, 1, 0, p->rev_share) == 0;
	ok &= year_in(f, g, w, "from_year", year_lo(f), year_hi(f), &from) == 0;
	ok &= year_in(f, g, w, "to_year", year_lo(f), year_hi(f), &to) == 0;
	if (ok && from > to) {
		diag_error(f->c->d, yt_get(g, "to_year")->pos, "'%s.to_year' (%d) is before "
		    "from_year (%d)", w, to, from);
		f->bad = 1;
	}
	for (int i = 0; ok && f->hz && i < f->n; i++)
		p->rev_share[i] = p->t0 + i >= from && p->t0 + i <= to ? p->rev_share[i] : 0.0;
	if (ok && f->hz && f->c->r->nuncertain > nu) { /* a constant rate: only the term */
		model_uparam *u = &f->c->r->uncertain[nu];
		u->ref.offset += (size_t)(from - p->t0) * sizeof(double);
		u->ref.count = to - from + 1;
	}
}

/* The optional capacity inputs of finance.hosting: capex_per_revenue (with
 * useful_life, required then) and funded_cash_share; absent, no depreciation and no
 * cash counted as spent back on Azure. */
static void
capacity_in(fin_rd *f, const yt_node *g, const char *w)
{
	fin_params *p = f->p;
	p->capex_per_revenue = 0;
	p->useful_life = NAN; /* null: no depreciation without capex_per_revenue */
	p->funded_cash_share = 0;
	if (g == NULL)
		return;
	if (yt_get(g, "capex_per_revenue") != NULL || yt_get(g, "useful_life") != NULL) {
		scalar_in(f, g, w, "capex_per_revenue", 0, 100, 0, 0, &p->capex_per_revenue);
		scalar_in(f, g, w, "useful_life", 0, 100, 1, 0, &p->useful_life);
	}
	if (yt_get(g, "funded_cash_share") != NULL)
		scalar_in(f, g, w, "funded_cash_share", 0, 1, 0, 0, &p->funded_cash_share);
}

static void
hosting_in(fin_rd *f, const yt_node *fin)
{
	static const char *const keys[] = { "compute_intensity", "compute_spend", "azure_share",
		"capex_per_revenue", "useful_life", "funded_cash_share", NULL };
	const char *w = "finance.hosting";
	const yt_node *g = group(f, fin, "hosting", keys);
	fin_params *p = f->p;
	for (int i = 0; i < FIN_MAX_YEARS; i++)
		p->compute_spend[i] = NAN;
	const yt_node *ci = yt_get(g, "compute_intensity"), *cs = yt_get(g, "compute_spend");
	if (g != NULL && ci != NULL && cs != NULL) {
		diag_error(f->c->d, cs->pos, "give only one of compute_intensity and compute_spend "
		    "in %s", w);
		f->bad = 1;
	} else if (g != NULL && ci == NULL && cs == NULL) {
		diag_error(f->c->d, g->pos, "missing key 'compute_intensity' (or 'compute_spend') "
		    "in %s", w);
		f->bad = 1;
	} else if (cs != NULL) {
		series_in(f, g, w, "compute_spend", 0, INFINITY, 0, p->compute_spend);
	} else if (ci != NULL) {
		series_in(f, g, w, "compute_intensity", 0, 10, 0, p->compute_intensity);
	}
	series_in(f, g, w, "azure_share", 0, 1, 0, p->azure_share);
	capacity_in(f, g, w);
}

static void
sale_in(fin_rd *f, const yt_node *m)
{
	static const char *const keys[] = { "year", "fraction", "source", "assumption",
		"rationale", "note", NULL };
	const char *w = "finance.equity.sale";
	if (record_start(f, m, w, keys) < 0)
		return;
	int direct = 0;
	field_in(f, m, w, "year", year_lo(f), year_hi(f), &direct, NULL, &f->p->sale_year);
	field_in(f, m, w, "fraction", 0, 1, &direct, &f->p->sale_fraction, NULL);
	record_prov(f, m, w, direct);
}

static void
equity_in(fin_rd *f, const yt_node *fin)
{
	static const char *const keys[] = { "stake", "valuation", "sale", NULL };
	const char *w = "finance.equity";
	const yt_node *g = group(f, fin, "equity", keys);
	series_in(f, g, w, "stake", 0, 1, 1, f->p->stake);
	series_in(f, g, w, "valuation", 0, INFINITY, 0, f->p->valuation);
	const yt_node *sale = yt_get(g, "sale");
	if (sale != NULL)
		sale_in(f, sale);
}

/* Converts fin into p; record as in fin_rd. */
static int
finance_read(ld_ctx *c, const yt_node *fin, fin_params *p, int record)
{
	static const char *const keys[] = { "start_year", "end_year", "discount_rate",
		"azure_gross_margin", "tranches", "revenue", "margin", "loss_carryforward_initial",
		"waterfall", "revenue_share", "hosting", "equity", NULL };
	memset(p, 0, sizeof *p);
	fin_rd f = { c, p, 0, 0, 0, record };
	if (schema_keys(c->d, fin, keys, "finance") < 0)
		f.bad = 1;
	horizon_in(&f, fin);
	scalar_in(&f, fin, "finance", "discount_rate", 0, 1, 0, 0, &p->discount_rate);
	scalar_in(&f, fin, "finance", "azure_gross_margin", 0, 1, 0, 0, &p->azure_gross_margin);
	tranches_in(&f, fin);
	revenue_in(&f, fin);
	margin_in(&f, fin);
	scalar_in(&f, fin, "finance", "loss_carryforward_initial", 0, INFINITY, 0, 0,
	    &p->loss_carry0);
	waterfall_in(&f, fin);
	revenue_share_in(&f, fin);
	hosting_in(&f, fin);
	equity_in(&f, fin);
	return f.bad ? -1 : 0;
}

int
ld_finance(ld_ctx *c, const yt_node *fin, fin_params *p)
{
	return finance_read(c, fin, p, 0);
}

int
ld_finance_base(ld_ctx *c, const yt_node *fin, fin_params *p)
{
	return finance_read(c, fin, p, 1);
}
