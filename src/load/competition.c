/* competition: a competition mapping (competition.yaml's, or a scenario's copy) into
 * comp_params: thresholds, horizon, markets with firms' shares, boosts and blocs. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "load/load_int.h"
#include "yaml/schema.h"
#include "util/buf.h"

/* Reads firm k's shares (a series in [0, 1]) into f; sets the market's years from the
 * first firm and requires every later firm to list the same years. */
static int
shares_read(ld_ctx *c, const yt_node *m, const char *fw, comp_market *k, comp_firm *f)
{
	const yt_node *n = schema_need(c->d, m, "shares", fw);
	if (n == NULL)
		return -1;
	char *what = ld_path(fw, "shares");
	ld_qty *q = util_xmalloc(sizeof *q);
	int st = ld_qty_read(c, n, what, LDQ_SERIES, NULL, q);
	if (st == 0)
		st = ld_qty_range(c, q, 0, 1, 0, what);
	if (st == 0 && k->years == NULL) {
		k->nyears = q->n;
		k->years = util_xcalloc(q->n, sizeof(int));
		memcpy(k->years, q->years, q->n * sizeof(int));
	} else if (st == 0 && (q->n != k->nyears ||
	    memcmp(q->years, k->years, q->n * sizeof(int)) != 0)) {
		diag_error(c->d, q->pos, "'%s' must list the same years as '%s' (%d..%d, %zu "
		    "years): every firm of a market does", what, k->firm[0].id, k->years[0],
		    k->years[k->nyears - 1], k->nyears);
		st = -1;
	}
	if (st == 0) {
		f->shares = util_xcalloc(q->n, sizeof(double));
		memcpy(f->shares, q->vals, q->n * sizeof(double));
		f->source = q->source ? util_xstrdup(q->source) : NULL;
	}
	free(q);
	free(what);
	return st;
}

/* One firm {label, shares, boost}. */
static int
firm_read(ld_ctx *c, const yt_node *key, const yt_node *m, const char *what, comp_market *k)
{
	static const char *const keys[] = { "label", "shares", "boost", "note", NULL };
	comp_firm *f = &k->firm[k->nfirms++];
	char *fw = ld_path(what, key->str);
	f->id = util_xstrdup(key->str);
	int bad = schema_kind(c->d, m, YT_MAP, fw) < 0;
	if (!bad) {
		bad |= schema_keys(c->d, m, keys, fw) < 0;
		bad |= ld_str(c, m, "label", fw, 1, &f->label) < 0;
		bad |= shares_read(c, m, fw, k, f) < 0;
		bad |= ld_qty_at(c, m, fw, "boost", -1, 10, 1, &f->boost, NULL) < 0;
		bad |= ld_note(c, m, fw) < 0;
	}
	free(fw);
	return bad ? -1 : 0;
}

/* Returns the index of firm id in k, or -1. */
static long
firm_index(const comp_market *k, const char *id)
{
	for (size_t i = 0; i < k->nfirms; i++)
		if (strcmp(k->firm[i].id, id) == 0)
			return (long)i;
	return -1;
}

/* One member of bloc b (named bw) of market k. */
static int
member_read(ld_ctx *c, const yt_node *n, const char *bw, comp_market *k, comp_bloc *b)
{
	const char *id;
	if (schema_str(c->d, n, "members", 0, &id) < 0)
		return -1;
	long i = firm_index(k, id);
	if (i < 0) {
		diag_error(c->d, n->pos, "unknown firm '%.60s' in '%s' (not among its market's "
		    "firms)", id, bw);
		return -1;
	}
	for (size_t j = 0; j < b->nmembers; j++) {
		if (b->member[j] == (size_t)i) {
			diag_error(c->d, n->pos, "firm '%.60s' is listed twice in '%s'", id, bw);
			return -1;
		}
	}
	b->member[b->nmembers++] = (size_t)i;
	return 0;
}

/* One bloc {label, members: [firm ids]}. */
static int
bloc_read(ld_ctx *c, const yt_node *key, const yt_node *m, const char *what, comp_market *k)
{
	static const char *const keys[] = { "label", "members", "note", NULL };
	comp_bloc *b = &k->bloc[k->nblocs++];
	char *bw = ld_path(what, key->str);
	b->id = util_xstrdup(key->str);
	int bad = schema_kind(c->d, m, YT_MAP, bw) < 0;
	if (!bad) {
		bad |= schema_keys(c->d, m, keys, bw) < 0;
		bad |= ld_str(c, m, "label", bw, 1, &b->label) < 0;
		bad |= ld_note(c, m, bw) < 0;
		const yt_node *s = ld_group(c, m, bw, "members", YT_SEQ, NULL);
		if (s != NULL && (s->n == 0 || s->n > COMP_MAX_FIRMS)) {
			diag_error(c->d, s->pos, "'%s.members' must list between 1 and %d firms", bw,
			    COMP_MAX_FIRMS);
			s = NULL;
		}
		bad |= s == NULL;
		for (size_t i = 0; s && i < s->n; i++)
			bad |= member_read(c, s->vals[i], bw, k, b) < 0;
	}
	free(bw);
	return bad ? -1 : 0;
}

/* The named shares of every observed year must sum to at most 1. */
static int
sums_check(ld_ctx *c, const yt_node *firms, const char *what, const comp_market *k)
{
	for (size_t t = 0; t < k->nyears; t++) {
		double s = 0;
		for (size_t i = 0; i < k->nfirms; i++)
			s += k->firm[i].shares[t];
		if (s > 1 + 1e-9) {
			diag_error(c->d, firms->pos, "the shares in '%s' sum to %.10g in %d, more "
			    "than 1", what, s, k->years[t]);
			return -1;
		}
	}
	return 0;
}

/* The firms: mapping of market k (named what). */
static int
firms_read(ld_ctx *c, const yt_node *m, const char *what, comp_market *k)
{
	const yt_node *fs = ld_group(c, m, what, "firms", YT_MAP, NULL);
	char *fw = ld_path(what, "firms");
	int bad = fs == NULL || ld_ids(c, fs, fw, COMP_MAX_FIRMS) < 0;
	for (size_t i = 0; fs && i < fs->n && i < COMP_MAX_FIRMS; i++)
		bad |= firm_read(c, fs->keys[i], fs->vals[i], fw, k) < 0;
	if (!bad)
		bad = sums_check(c, fs, fw, k) < 0;
	free(fw);
	return bad ? -1 : 0;
}

/* One market {label, firms, blocs (optional)}. */
static int
market_read(ld_ctx *c, const yt_node *key, const yt_node *m, comp_market *k)
{
	static const char *const keys[] = { "label", "firms", "blocs", "note", NULL };
	char *what = ld_path("competition.markets", key->str);
	k->id = util_xstrdup(key->str);
	int bad = schema_kind(c->d, m, YT_MAP, what) < 0;
	if (!bad) {
		bad |= schema_keys(c->d, m, keys, what) < 0;
		bad |= ld_str(c, m, "label", what, 1, &k->label) < 0;
		bad |= ld_note(c, m, what) < 0;
		bad |= firms_read(c, m, what, k) < 0;
	}
	const yt_node *bs = m->kind == YT_MAP ? yt_get(m, "blocs") : NULL;
	char *bw = ld_path(what, "blocs");
	if (bs != NULL && (schema_kind(c->d, bs, YT_MAP, bw) < 0 ||
	    ld_ids(c, bs, bw, COMP_MAX_BLOCS) < 0))
		bad = 1, bs = NULL;
	for (size_t i = 0; bs && i < bs->n; i++)
		bad |= bloc_read(c, bs->keys[i], bs->vals[i], bw, k) < 0;
	free(bw);
	free(what);
	return bad ? -1 : 0;
}

/* The horizon (given at pos) must be a year no earlier than each market's last
 * observed year and at most COMP_MAX_PROJ - 1 years after it. */
static int
horizon_check(ld_ctx *c, diag_pos pos, const comp_params *p)
{
	for (size_t i = 0; i < p->nmarkets; i++) {
		const comp_market *k = &p->market[i];
		int last = k->years[k->nyears - 1];
		if (p->horizon < last || p->horizon - last > COMP_MAX_PROJ - 1) {
			diag_error(c->d, pos, "'competition.horizon' must be a year in %d..%d (from "
			    "the last year of 'competition.markets.%s'), found %d", last,
			    last + COMP_MAX_PROJ - 1, k->id, p->horizon);
			return -1;
		}
	}
	return 0;
}

/* horizon: a year quantity into p->horizon. */
static int
horizon_read(ld_ctx *c, const yt_node *m, comp_params *p, diag_pos *pos)
{
	double h;
	*pos = m->pos;
	if (ld_qty_at(c, m, "competition", "horizon", -INFINITY, INFINITY, 0, &h, NULL) < 0)
		return -1;
	*pos = yt_get(yt_get(m, "horizon"), "value")->pos;
	return ld_year(c, *pos, h, LD_YEAR_MIN, LD_YEAR_MAX, "competition.horizon",
	    &p->horizon);
}

/* thresholds: {hhi_highly_concentrated, hhi_significant_change}. */
static int
thresholds_read(ld_ctx *c, const yt_node *m, comp_params *p)
{
	static const char *const keys[] = { "hhi_highly_concentrated",
		"hhi_significant_change", NULL };
	const char *w = "competition.thresholds";
	const yt_node *g = ld_group(c, m, "competition", "thresholds", YT_MAP, keys);
	if (g == NULL)
		return -1;
	int bad = ld_qty_at(c, g, w, "hhi_highly_concentrated", 0, 10000, 0, &p->hhi_high,
	    &p->hhi_high_source) < 0;
	bad |= ld_qty_at(c, g, w, "hhi_significant_change", 0, 10000, 0, &p->hhi_change,
	    &p->hhi_change_source) < 0;
	return bad ? -1 : 0;
}

int
ld_competition(ld_ctx *c, const yt_node *m, comp_params *p)
{
	static const char *const keys[] = { "thresholds", "horizon", "markets", NULL };
	diag_pos hpos;
	int before = diag_errors(c->d);
	schema_keys(c->d, m, keys, "competition");
	thresholds_read(c, m, p);
	int hok = horizon_read(c, m, p, &hpos) == 0;
	const yt_node *ms = ld_group(c, m, "competition", "markets", YT_MAP, NULL);
	int mbad = ms == NULL || ld_ids(c, ms, "competition.markets", COMP_MAX_MARKETS) < 0;
	for (size_t i = 0; ms && i < ms->n && i < COMP_MAX_MARKETS; i++) {
		mbad |= market_read(c, ms->keys[i], ms->vals[i], &p->market[i]) < 0;
		p->nmarkets = i + 1;
	}
	if (hok && !mbad)
		horizon_check(c, hpos, p);
	return diag_errors(c->d) > before ? -1 : 0;
}
