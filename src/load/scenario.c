/* scenario: data/scenarios.yaml: extends chains, set: overrides on the YAML tree, weights. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "load/load_int.h"
#include "yaml/schema.h"
#include "util/buf.h"

enum {
	SC_MAX = 100, /* scenarios in one report */
};

/* The data a set: path may start with: finance.yaml, dependency.yaml, competition.yaml. */
enum { SC_FIN, SC_DEP, SC_COMP, SC_NPARTS };
static const char *const sc_prefix[SC_NPARTS] = { "finance.", "dependency.", "competition." };
static const char *const sc_file[SC_NPARTS] = { "data/finance.yaml", "data/dependency.yaml",
	"data/competition.yaml" };

/* Working state of one scenario. */
typedef struct sc_item {
	const yt_node *key; /* the name */
	const yt_node *ext; /* the extends: value, NULL if none */
	const yt_node *set; /* the set: mapping, NULL if none */
	long parent;        /* index of the parent scenario, -1 if none or unknown */
	int chain_ok;       /* 1 if the extends chain reaches base */
	int done;           /* 1 once resolved */
	int ok[SC_NPARTS];  /* 1 if its inputs of each part are valid */
	yt_node *tree[SC_NPARTS]; /* its own resolved tree per part (owned), NULL if as parent's */
	const yt_node *eff[SC_NPARTS]; /* its effective tree per part (own, an ancestor's or base) */
} sc_item;

/* All scenarios of the file. */
typedef struct sc_all {
	ld_ctx *c;           /* context */
	sc_item *it;         /* one per scenario */
	size_t n;            /* count */
	const yt_node *root[SC_NPARTS]; /* base mapping per part, NULL if absent or unreadable */
} sc_all;

/* probability: (or none for a counterfactual). Returns -1 on error. */
static int
weight_read(ld_ctx *c, rep_scenario *s, const yt_node *m, const char *what)
{
	const yt_node *cf = yt_get(m, "counterfactual"), *p = yt_get(m, "probability");
	s->probability = NAN;
	if (cf != NULL && schema_bool(c->d, cf, "counterfactual", &s->counterfactual) < 0)
		return -1;
	if (s->counterfactual) {
		if (p == NULL)
			return 0;
		diag_error(c->d, p->pos, "a counterfactual scenario has no probability");
		return -1;
	}
	if (p == NULL) {
		diag_error(c->d, m->pos, "missing key 'probability' in %s", what);
		return -1;
	}
	ld_qty q;
	char *pw = ld_path(what, "probability");
	int st = ld_qty_read(c, p, pw, LDQ_SCALAR, NULL, &q);
	if (st == 0)
		st = ld_range(c, q.pos, q.v, 0, 1, 0, pw);
	if (st == 0)
		s->probability = q.v;
	free(pw);
	return st;
}

/* Name, title, description, extends, set of scenario i. */
static int
scen_read(sc_all *a, size_t i, const yt_node *k, const yt_node *m)
{
	static const char *const keys[] = { "title", "description", "extends", "probability",
		"counterfactual", "set", "note", NULL };
	ld_ctx *c = a->c;
	rep_scenario *s = &c->r->scenarios[i];
	sc_item *it = &a->it[i];
	s->name = util_xstrdup(k->str);
	s->pos = k->pos;
	it->key = k;
	it->parent = -1;
	char *what = ld_path("scenarios", k->str);
	int bad = 0;
	if (!ld_ident(k->str, "-")) {
		diag_error(c->d, k->pos, "scenario name '%s' must match [a-z0-9-]+", k->str);
		bad = 1;
	}
	if (i == 0 && strcmp(k->str, "base") != 0) {
		diag_error(c->d, k->pos, "the first scenario must be 'base'");
		bad = 1;
	}
	if (schema_kind(c->d, m, YT_MAP, what) == 0) {
		bad |= schema_keys(c->d, m, keys, what) < 0;
		bad |= ld_str(c, m, "title", what, 1, &s->title) < 0;
		bad |= ld_str(c, m, "description", what, 1, &s->description) < 0;
		bad |= ld_note(c, m, what) < 0;
		bad |= weight_read(c, s, m, what) < 0;
		it->ext = i == 0 ? yt_get(m, "extends") : schema_need(c->d, m, "extends", what);
		it->set = yt_get(m, "set");
		bad |= it->set && schema_kind(c->d, it->set, YT_MAP, "set") < 0;
		if (it->set && it->set->kind != YT_MAP)
			it->set = NULL;
		if (i == 0 && it->set != NULL) {
			diag_error(c->d, it->set->pos, "the base scenario sets nothing: its inputs "
			    "are the data files' (set: is for a scenario that extends base)");
			bad = 1;
		}
	} else {
		bad = 1;
	}
	free(what);
	return bad ? -1 : 0;
}

/* Finds each scenario's parent; records unknown names and a base that extends. */
static void
parents_find(sc_all *a)
{
	ld_ctx *c = a->c;
	for (size_t i = 0; i < a->n; i++) {
		sc_item *it = &a->it[i];
		const char *name;
		if (it->ext == NULL || schema_str(c->d, it->ext, "extends", 0, &name) < 0)
			continue;
		if (i == 0) {
			diag_error(c->d, it->ext->pos, "the base scenario extends nothing");
			continue;
		}
		it->parent = report_scenario_index(c->r, name);
		if (it->parent < 0)
			diag_error(c->d, it->ext->pos, "extends unknown scenario '%.60s'", name);
		else
			c->r->scenarios[i].extends = util_xstrdup(name);
	}
}

/* Records a cycle through i once (at its lowest member); marks chains reaching base. */
static void
chains_check(sc_all *a)
{
	for (size_t i = 0; i < a->n; i++) {
		long j = (long)i;
		size_t steps = 0;
		int cycle = 0;
		while (j > 0 && a->it[j].parent >= 0 && steps <= a->n && !cycle) {
			j = a->it[j].parent;
			steps++;
			cycle = j == (long)i;
		}
		a->it[i].chain_ok = j == 0;
		if (!cycle)
			continue;
		int lowest = 1;
		buf b;
		buf_init(&b);
		buf_puts(&b, a->c->r->scenarios[i].name);
		for (long k = a->it[i].parent; ; k = a->it[k].parent) {
			lowest &= k >= (long)i;
			buf_printf(&b, " -> %s", a->c->r->scenarios[k].name);
			if (k == (long)i)
				break;
		}
		if (lowest)
			diag_error(a->c->d, a->it[i].ext->pos, "extends cycle: %s", buf_str(&b));
		buf_free(&b);
	}
}

/* The probabilities of the weighted scenarios must sum to 1. */
static void
weights_check(sc_all *a, const yt_node *at)
{
	double sum = 0;
	for (size_t i = 0; i < a->n; i++) {
		const rep_scenario *s = &a->c->r->scenarios[i];
		if (s->counterfactual)
			continue;
		if (isnan(s->probability))
			return;
		sum += s->probability;
	}
	if (fabs(sum - 1.0) > 1e-9)
		diag_error(a->c->d, at->pos, "the probabilities of the scenarios that are not "
		    "counterfactual sum to %.10g, not 1", sum);
}

/* Returns the slot holding the node at dotted path rest under tree, or NULL. */
static yt_node **
path_slot(yt_node *tree, const char *rest)
{
	yt_node **slot = NULL, *cur = tree;
	const char *p = rest;
	for (;;) {
		size_t len = strcspn(p, ".");
		if (len == 0)
			return NULL;
		slot = NULL;
		for (size_t i = 0; cur->kind == YT_MAP && i < cur->n; i++)
			if (strlen(cur->keys[i]->str) == len && strncmp(cur->keys[i]->str, p, len) == 0)
				slot = &cur->vals[i];
		if (cur->kind == YT_SEQ && strspn(p, "0123456789") == len && len < 6 &&
		    (size_t)atoi(p) < cur->n)
			slot = &cur->vals[atoi(p)];
		if (slot == NULL)
			return NULL;
		cur = *slot;
		if (p[len] == '\0')
			return slot;
		p += len + 1;
	}
}

/* Returns the part a set: path starts with, or -1. */
static int
set_part(const char *path)
{
	for (int p = 0; p < SC_NPARTS; p++)
		if (strncmp(path, sc_prefix[p], strlen(sc_prefix[p])) == 0)
			return p;
	return -1;
}

/* Applies one set: entry (path k -> replacement v) to the trees of its part. */
static int
set_apply(ld_ctx *c, yt_node **trees, const yt_node *k, const yt_node *v)
{
	yt_node **slot = NULL;
	int part = set_part(k->str);
	if (part >= 0 && trees[part] != NULL)
		slot = path_slot(trees[part], k->str + strlen(sc_prefix[part]));
	else if (part >= 0 && (part == SC_FIN || ld_exists(c, sc_file[part])))
		return -1; /* the file (finance.yaml is required) could not be read: its own
		              errors say why */
	if (slot == NULL) {
		diag_error(c->d, k->pos, "set: path '%.80s' does not name an input", k->str);
		return -1;
	}
	yt_kind want = (*slot)->kind == YT_SCALAR ? YT_MAP : (*slot)->kind;
	if (v->kind != want) {
		diag_error(c->d, v->pos, "the replacement for '%.80s' must be %s like the original%s",
		    k->str, yt_kind_name(want), (*slot)->kind == YT_SCALAR ?
		    " (a quantity with its own provenance)" : "");
		return -1;
	}
	yt_free(*slot);
	*slot = yt_clone(v);
	return 0;
}

/* Returns 1 if set (NULL: none) has a path of part p. */
static int
set_has(const yt_node *set, int p)
{
	for (size_t k = 0; set && k < set->n; k++)
		if (set_part(set->keys[k]->str) == p)
			return 1;
	return 0;
}

/* Converts the dependency and competition inputs of scenario s from the effective
 * trees of it (each only if that part is ok so far). */
static void
parts_convert(sc_all *a, sc_item *it, rep_scenario *s)
{
	if (it->eff[SC_DEP] != NULL && it->ok[SC_DEP]) {
		s->dep = dep_params_new();
		it->ok[SC_DEP] = ld_dependency(a->c, it->eff[SC_DEP], s->dep) == 0;
	}
	if (it->eff[SC_COMP] != NULL && it->ok[SC_COMP]) {
		s->comp = comp_params_new();
		it->ok[SC_COMP] = ld_competition(a->c, it->eff[SC_COMP], s->comp) == 0;
	}
}

/* Resolves the base scenario. */
static void
base_resolve(sc_all *a, const fin_params *base)
{
	sc_item *it = &a->it[0];
	rep_scenario *s = &a->c->r->scenarios[0];
	it->ok[SC_FIN] = base != NULL;
	it->ok[SC_DEP] = a->c->dep_ok;
	it->ok[SC_COMP] = a->c->comp_ok;
	for (int p = 0; p < SC_NPARTS; p++)
		it->eff[p] = a->root[p];
	if (base)
		s->fin = *base;
	parts_convert(a, it, s);
}

/* Resolves scenario i whose parent is done. */
static void
scen_resolve(sc_all *a, size_t i, const fin_params *base)
{
	sc_item *it = &a->it[i];
	rep_scenario *s = &a->c->r->scenarios[i];
	it->done = 1;
	if (i == 0) {
		base_resolve(a, base);
		return;
	}
	sc_item *par = &a->it[it->parent];
	s->fin = a->c->r->scenarios[it->parent].fin;
	for (int p = 0; p < SC_NPARTS; p++) {
		it->ok[p] = par->ok[p];
		it->eff[p] = par->eff[p];
		if (a->root[p] != NULL && (par->tree[p] != NULL || set_has(it->set, p)))
			it->eff[p] = it->tree[p] = yt_clone(par->eff[p]);
	}
	int bad = 0;
	for (size_t k = 0; it->set && k < it->set->n; k++)
		bad |= set_apply(a->c, it->tree, it->set->keys[k], it->set->vals[k]) < 0;
	for (int p = 0; bad && p < SC_NPARTS; p++)
		it->ok[p] = 0;
	if (it->tree[SC_FIN] != NULL && it->ok[SC_FIN])
		it->ok[SC_FIN] = ld_finance(a->c, it->tree[SC_FIN], &s->fin) == 0;
	parts_convert(a, it, s);
}

/* Resolves every scenario whose chain reaches base, parents first. */
static void
resolve_all(sc_all *a, const fin_params *base)
{
	for (size_t pass = 0; pass <= a->n; pass++) {
		int progress = 0;
		for (size_t i = 0; i < a->n; i++) {
			sc_item *it = &a->it[i];
			if (it->done || !it->chain_ok || (i > 0 && !a->it[it->parent].done))
				continue;
			scen_resolve(a, i, base);
			progress = 1;
		}
		if (!progress)
			break;
	}
}

/* Returns the scenarios: key of root (a map holding it). */
static const yt_node *
scen_key(const yt_node *root)
{
	for (size_t i = 0; i < root->n; i++)
		if (strcmp(root->keys[i]->str, "scenarios") == 0)
			return root->keys[i];
	return root;
}

int
ld_scenarios(ld_ctx *c, const yt_node *root, const yt_node *fin, const fin_params *base)
{
	const yt_node *m = ld_top(c, root, "scenarios", YT_MAP, "data/scenarios.yaml");
	if (m == NULL)
		return -1;
	int before = diag_errors(c->d);
	if (m->n == 0 || m->n > SC_MAX) {
		diag_error(c->d, m->pos, "'scenarios' must list between 1 and %d scenarios", SC_MAX);
		return -1;
	}
	sc_all a = { c, util_xcalloc(m->n, sizeof(sc_item)), m->n,
		{ fin, c->dep_map, c->comp_map } };
	report *r = c->r;
	r->nscenarios = m->n;
	r->scenarios = util_xcalloc(m->n, sizeof(rep_scenario));
	for (size_t i = 0; i < m->n; i++)
		scen_read(&a, i, m->keys[i], m->vals[i]);
	parents_find(&a);
	chains_check(&a);
	weights_check(&a, scen_key(root));
	resolve_all(&a, base);
	for (size_t i = 0; i < a.n; i++)
		for (int p = 0; p < SC_NPARTS; p++)
			yt_free(a.it[i].tree[p]);
	free(a.it);
	return diag_errors(c->d) > before ? -1 : 0;
}
