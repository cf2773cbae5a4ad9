/* dependency: a dependency mapping (dependency.yaml's, or a scenario's copy) into
 * dep_params: two weighted indices and the switching-cost inputs. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "load/load_int.h"
#include "yaml/schema.h"
#include "util/buf.h"

/* One factor {label, value, weight, provenance} of index what. */
static int
factor_read(ld_ctx *c, const yt_node *k, const yt_node *m, const char *what, dep_factor *f)
{
	static const char *const keys[] = { "label", "value", "weight", "source",
		"assumption", "rationale", "note", NULL };
	char *fw = ld_path(what, k->str);
	int bad = schema_kind(c->d, m, YT_MAP, fw) < 0;
	f->id = util_xstrdup(k->str);
	if (!bad) {
		int direct = 0;
		bad |= schema_keys(c->d, m, keys, fw) < 0;
		bad |= ld_str(c, m, "label", fw, 1, &f->label) < 0;
		bad |= ld_rec_num(c, m, fw, "value", 0, 1, &direct, &f->value) < 0;
		bad |= ld_rec_num(c, m, fw, "weight", 0, 1, &direct, &f->weight) < 0;
		bad |= ld_rec_prov(c, m, fw, direct, &f->source) < 0;
	}
	free(fw);
	return bad ? -1 : 0;
}

/* One index {label, factors}; its weights must sum to 1. */
static int
index_read(ld_ctx *c, const yt_node *idx, const char *name, dep_index *x)
{
	static const char *const keys[] = { "label", "factors", NULL };
	char *what = ld_path("dependency.indices", name);
	const yt_node *m = ld_group(c, idx, "dependency.indices", name, YT_MAP, keys);
	int bad = m == NULL || ld_str(c, m, "label", what, 1, &x->label) < 0;
	const yt_node *fs = m ? ld_group(c, m, what, "factors", YT_MAP, NULL) : NULL;
	char *fw = ld_path(what, "factors");
	if (fs == NULL || ld_ids(c, fs, fw, DEP_MAX_FACTORS) < 0)
		bad = 1;
	for (size_t i = 0; fs && i < fs->n && i < DEP_MAX_FACTORS; i++) {
		bad |= factor_read(c, fs->keys[i], fs->vals[i], fw, &x->factor[i]) < 0;
		x->nfactors = i + 1;
	}
	double sum = model_dep_weight_sum(x);
	if (!bad && fabs(sum - 1.0) > 1e-9) {
		diag_error(c->d, fs->pos, "the weights of '%s' sum to %.10g, not 1", what, sum);
		bad = 1;
	}
	free(fw);
	free(what);
	return bad ? -1 : 0;
}

/* The switching-cost inputs. */
static int
switching_read(ld_ctx *c, const yt_node *m, dep_switching *sw)
{
	static const char *const keys[] = { "engineering_cost", "overlap_months",
		"transition_months", "efficiency_drop", "fraction", NULL };
	const char *w = "dependency.switching";
	const yt_node *g = ld_group(c, m, "dependency", "switching", YT_MAP, keys);
	if (g == NULL)
		return -1;
	int bad = ld_qty_at(c, g, w, "engineering_cost", 0, INFINITY, 0, &sw->engineering,
	    NULL) < 0;
	bad |= ld_qty_at(c, g, w, "overlap_months", 0, 120, 0, &sw->overlap_months, NULL) < 0;
	bad |= ld_qty_at(c, g, w, "transition_months", 0, 120, 0, &sw->transition_months,
	    NULL) < 0;
	bad |= ld_qty_at(c, g, w, "efficiency_drop", 0, 1, 0, &sw->efficiency_drop, NULL) < 0;
	bad |= ld_qty_at(c, g, w, "fraction", 0, 1, 0, &sw->fraction, NULL) < 0;
	return bad ? -1 : 0;
}

int
ld_dependency(ld_ctx *c, const yt_node *m, dep_params *p)
{
	static const char *const keys[] = { "indices", "switching", NULL };
	static const char *const ikeys[] = { "openai_on_microsoft", "microsoft_on_openai",
		NULL };
	int before = diag_errors(c->d);
	schema_keys(c->d, m, keys, "dependency");
	const yt_node *idx = ld_group(c, m, "dependency", "indices", YT_MAP, ikeys);
	for (int k = 0; idx && k < DEP_NINDICES; k++)
		index_read(c, idx, dep_index_names[k], &p->index[k]);
	switching_read(c, m, &p->sw);
	return diag_errors(c->d) > before ? -1 : 0;
}
