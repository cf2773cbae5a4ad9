/* part: shared reads of the optional model parts (dependency, competition, risks). */
#include <stdlib.h>
#include <string.h>

#include "load/load_int.h"
#include "yaml/schema.h"
#include "util/buf.h"

int
ld_qty_at(ld_ctx *c, const yt_node *m, const char *prefix, const char *key, double lo,
    double hi, int lo_open, double *out, char **source)
{
	const yt_node *n = schema_need(c->d, m, key, prefix);
	if (n == NULL)
		return -1;
	char *what = ld_path(prefix, key);
	ld_qty *q = util_xmalloc(sizeof *q);
	int st = ld_qty_read(c, n, what, LDQ_SCALAR, NULL, q);
	if (st == 0)
		st = ld_range(c, q->pos, q->v, lo, hi, lo_open, what);
	if (st == 0) {
		*out = q->v;
		if (source != NULL)
			*source = q->source ? util_xstrdup(q->source) : NULL;
	}
	free(q);
	free(what);
	return st;
}

const yt_node *
ld_group(ld_ctx *c, const yt_node *m, const char *prefix, const char *key, yt_kind k,
    const char *const *keys)
{
	const yt_node *g = schema_need(c->d, m, key, prefix);
	char *what = ld_path(prefix, key);
	if (g != NULL && schema_kind(c->d, g, k, what) < 0)
		g = NULL;
	if (g != NULL && k == YT_MAP && keys != NULL)
		schema_keys(c->d, g, keys, what);
	free(what);
	return g;
}

int
ld_ids(ld_ctx *c, const yt_node *m, const char *what, size_t max)
{
	int bad = 0;
	if (m->n == 0 || m->n > max) {
		diag_error(c->d, m->pos, "'%s' must list between 1 and %zu entries", what, max);
		bad = 1;
	}
	for (size_t i = 0; i < m->n; i++) {
		if (!ld_ident(m->keys[i]->str, "_")) {
			diag_error(c->d, m->keys[i]->pos, "id '%.60s' in '%s' must match [a-z0-9_]+",
			    m->keys[i]->str, what);
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

int
ld_rec_num(ld_ctx *c, const yt_node *m, const char *what, const char *key, double lo,
    double hi, int *direct, double *out)
{
	const yt_node *n = schema_need(c->d, m, key, what);
	if (n == NULL)
		return -1;
	*direct |= n->kind == YT_SCALAR;
	char *path = ld_path(what, key);
	diag_pos pos;
	double v;
	int st = ld_num_field(c, n, path, &v, &pos);
	if (st == 0)
		st = ld_range(c, pos, v, lo, hi, 0, path);
	if (st == 0)
		*out = v;
	free(path);
	return st;
}

int
ld_rec_prov(ld_ctx *c, const yt_node *m, const char *what, int direct, char **source)
{
	const char *src = NULL;
	int st = 0;
	*source = NULL;
	if (direct || yt_get(m, "source") || yt_get(m, "assumption"))
		st = ld_provenance(c, m, what, &src);
	if (st == 0 && src != NULL)
		*source = util_xstrdup(src);
	if (ld_note(c, m, what) < 0)
		st = -1;
	return st;
}

/* Parses content/rel if it exists and returns its top mapping under key in *map. */
static yt_node *
part_parse(ld_ctx *c, const char *rel, const char *key, const yt_node **map)
{
	yt_node *root = ld_parse_optional(c, rel);
	*map = root ? ld_top(c, root, key, YT_MAP, rel) : NULL;
	return root;
}

void
ld_parts_read(ld_ctx *c, yt_node **dep, yt_node **comp)
{
	*dep = part_parse(c, "data/dependency.yaml", "dependency", &c->dep_map);
	if (c->dep_map != NULL) {
		dep_params *p = dep_params_new();
		c->dep_ok = ld_dependency(c, c->dep_map, p) == 0;
		dep_params_free(p);
	}
	*comp = part_parse(c, "data/competition.yaml", "competition", &c->comp_map);
	if (c->comp_map != NULL) {
		comp_params *p = comp_params_new();
		c->comp_ok = ld_competition(c, c->comp_map, p) == 0;
		comp_params_free(p);
	}
}
