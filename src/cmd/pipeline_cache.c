/* pipeline_cache: the keys and stored forms of the build's cached outputs other than
 * chart files: the uncertainty analysis (sensitivity and Monte Carlo) and report.pdf. */
#include "cmd/pipeline_cache.h"

#include <stdlib.h>
#include <string.h>

#include "chart/chart_key.h"
#include "model/unc_metrics.h"
#include "util/path.h"

/* The keys below feed every field of these structs: a field added to one must be fed
 * too (then update the size here). Sizes on LP64. */
_Static_assert(sizeof(void *) != 8 || (sizeof(fin_params) == 8176 &&
    sizeof(fin_tranche) == 24 && sizeof(model_uparam) == 112 && sizeof(dist) == 32),
    "a field was added to fin_params, fin_tranche, model_uparam or dist: feed it to "
    "the uncertainty key");

/* Feeds the n doubles at v. */
static void
feed_doubles(sha256_ctx *h, const double *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sha256_feed_f64(h, v[i]);
}

/* Feeds every field of p. */
static void
feed_fin(sha256_ctx *h, const fin_params *p)
{
	sha256_feed_i64(h, p->t0);
	sha256_feed_i64(h, p->T);
	const double s1[] = { p->discount_rate, p->azure_gross_margin, p->revenue0, p->growth0,
		p->growth_inf, p->growth_decay, p->margin0, p->margin_inf, p->loss_carry0, p->a1,
		p->a2, p->recoup_multiple, p->cap_multiple, p->sale_fraction, p->capex_per_revenue,
		p->useful_life, p->funded_cash_share };
	feed_doubles(h, s1, sizeof s1 / sizeof *s1);
	sha256_feed_i64(h, p->margin_year);
	sha256_feed_i64(h, p->waterfall_end);
	sha256_feed_i64(h, p->sale_year);
	sha256_feed_i64(h, (int64_t)p->ntranches);
	for (size_t i = 0; i < p->ntranches && i < FIN_MAX_TRANCHES; i++) {
		sha256_feed_i64(h, p->tranche[i].year);
		sha256_feed_f64(h, p->tranche[i].amount);
		sha256_feed_f64(h, p->tranche[i].cash_fraction);
	}
	const double *series[] = { p->revenue_actual, p->margin_actual, p->rev_share,
		p->compute_spend, p->compute_intensity, p->azure_share, p->stake, p->valuation };
	for (size_t k = 0; k < sizeof series / sizeof *series; k++)
		feed_doubles(h, series[k], FIN_MAX_YEARS);
}

/* Feeds every field of the n inputs u. */
static void
feed_uparams(sha256_ctx *h, const model_uparam *u, size_t n)
{
	sha256_feed_i64(h, (int64_t)n);
	for (size_t i = 0; i < n; i++) {
		sha256_feed_str(h, u[i].path);
		sha256_feed_i64(h, (int64_t)u[i].ref.offset);
		sha256_feed_i64(h, u[i].ref.count);
		const double v[] = { u[i].value, u[i].low, u[i].high, u[i].min, u[i].max };
		feed_doubles(h, v, sizeof v / sizeof *v);
		sha256_feed_i64(h, u[i].min_open);
		sha256_feed_i64(h, u[i].has_dist);
		sha256_feed_i64(h, u[i].law.kind);
		const double l[] = { u[i].law.a, u[i].law.b, u[i].law.c };
		feed_doubles(h, l, 3);
	}
}

/* Appends an optional string: a presence byte, then the string if present. */
static void
pack_str(buf *b, const char *s)
{
	buf_putc(b, s != NULL);
	if (s != NULL)
		cache_pack(b, s, strlen(s));
}

/* Appends every metric of m from index `from` on to b. */
static void
pack_metrics(buf *b, const metrics *m, size_t from)
{
	for (size_t i = from; i < metrics_count(m); i++) {
		const metric *x = metrics_at(m, i);
		int32_t unit = x->unit;
		cache_pack(b, x->name, strlen(x->name));
		cache_pack(b, &unit, sizeof unit);
		cache_pack(b, x->vals, x->n * sizeof *x->vals);
		buf_putc(b, x->years != NULL);
		if (x->years != NULL)
			cache_pack(b, x->years, x->n * sizeof *x->years);
		pack_str(b, x->source);
		pack_str(b, x->label);
	}
}

/* Reads an optional string written by pack_str into a new string in *out (NULL if
 * absent). Returns 0, or -1 if the run is cut short. */
static int
unpack_str(const char **s, size_t *left, char **out)
{
	const char *p;
	size_t n;
	*out = NULL;
	if (*left < 1)
		return -1;
	int present = **s;
	(*s)++;
	(*left)--;
	if (!present)
		return 0;
	if (cache_unpack(s, left, &p, &n) != 0)
		return -1;
	*out = util_xstrndup(p, n);
	return 0;
}

/* Reads one metric written by pack_metrics at *s and adds it to m. Returns 0, or -1 if
 * the run is malformed (m may have gained nothing from it). */
static int
unpack_metric(const char **s, size_t *left, metrics *m)
{
	const char *name, *unit, *vals, *years = NULL;
	size_t nn, nu, nv, ny = 0;
	char *src = NULL, *label = NULL;
	int32_t u;
	if (cache_unpack(s, left, &name, &nn) != 0 || cache_unpack(s, left, &unit, &nu) != 0 ||
	    nu != sizeof u || cache_unpack(s, left, &vals, &nv) != 0 || nv % sizeof(double) ||
	    *left < 1)
		return -1;
	int has_years = **s;
	(*s)++;
	(*left)--;
	if (has_years && (cache_unpack(s, left, &years, &ny) != 0 ||
	    ny / sizeof(int) != nv / sizeof(double) || ny % sizeof(int)))
		return -1;
	memcpy(&u, unit, sizeof u);
	size_t n = nv / sizeof(double);
	int rc = unpack_str(s, left, &src) == 0 && unpack_str(s, left, &label) == 0 &&
	    u >= 0 && u < UNIT_COUNT_ && (has_years || n == 1) ? 0 : -1;
	double *v = util_xmalloc(nv ? nv : 1);
	int *y = util_xmalloc(ny ? ny : 1);
	memcpy(v, vals, nv);
	memcpy(y, years ? years : "", ny);
	char *nm = util_xstrndup(name, nn);
	if (rc == 0 && has_years)
		metrics_add_series(m, nm, (metric_unit)u, y, v, n, src, label);
	else if (rc == 0)
		metrics_add(m, nm, (metric_unit)u, v[0], src, label);
	free(nm);
	free(v);
	free(y);
	free(src);
	free(label);
	return rc;
}

/* Reads the metrics of the n bytes at s into a new table. Returns it, or NULL if the
 * run is malformed. */
static metrics *
unpack_metrics(const char *s, size_t n)
{
	metrics *m = metrics_new();
	while (n > 0)
		if (unpack_metric(&s, &n, m) != 0) {
			metrics_free(m);
			return NULL;
		}
	return m;
}

/* Adds every metric of from to m, in order. */
static void
merge_metrics(metrics *m, const metrics *from)
{
	for (size_t i = 0; i < metrics_count(from); i++) {
		const metric *x = metrics_at(from, i);
		if (x->years != NULL)
			metrics_add_series(m, x->name, x->unit, x->years, x->vals, x->n, x->source,
			    x->label);
		else
			metrics_add(m, x->name, x->unit, x->vals[0], x->source, x->label);
	}
}

void
pipeline_uncertainty_cached(cache *c, metrics *m, const char *scenario,
    const fin_params *base, const model_uparam *u, size_t n, const mc_config *cfg)
{
	sha256_ctx h;
	uint8_t key[SHA256_LEN];
	cache_key_init(&h, c, "uncertainty");
	sha256_feed_str(&h, scenario);
	feed_fin(&h, base);
	feed_uparams(&h, u, n);
	sha256_feed_i64(&h, (int64_t)cfg->draws);
	sha256_feed_i64(&h, (int64_t)cfg->seed);
	sha256_final(&h, key);
	buf e;
	buf_init(&e);
	metrics *got = cache_get(c, key, &e) == 0 ? unpack_metrics(e.data, e.len) : NULL;
	if (got == NULL) {
		buf name; /* for build -v */
		buf_init(&name);
		buf_printf(&name, "uncertainty analysis (%s)", scenario);
		cache_computed(c, buf_str(&name));
		buf_free(&name);
		got = metrics_new();
		model_uncertainty(got, scenario, base, u, n, cfg);
		buf_reset(&e);
		pack_metrics(&e, got, 0);
		cache_put(c, key, e.data, e.len);
	}
	merge_metrics(m, got);
	metrics_free(got);
	buf_free(&e);
}

/* Feeds every metric of m. */
static void
feed_metrics(sha256_ctx *h, const metrics *m)
{
	buf b;
	buf_init(&b);
	pack_metrics(&b, m, 0);
	sha256_feed_mem(h, b.data, b.len);
	buf_free(&b);
}

void
pipeline_pdf_key(const cache *c, const report *r, const metrics *m,
    const char *templates_dir, uint8_t key[SHA256_LEN])
{
	sha256_ctx h;
	cache_key_init(&h, c, "report.pdf");
	sha256_feed_i64(&h, (int64_t)r->ninputs);
	for (size_t i = 0; i < r->ninputs; i++)
		cache_key_file(&h, r->inputs[i]);
	char *page = path_join(templates_dir, "page.html");
	cache_key_file(&h, page);
	free(page);
	chart_fonts_digest(&h);
	feed_metrics(&h, m);
	sha256_final(&h, key);
}

pdf_shapes *
pipeline_shapes_load(cache *c, int read, uint8_t key[SHA256_LEN])
{
	if (c == NULL)
		return NULL;
	sha256_ctx h;
	cache_key_init(&h, c, "pdf-shapes");
	chart_fonts_digest(&h);
	sha256_final(&h, key);
	if (!read) {
		cache_keep(c, key);
		return NULL;
	}
	return pdf_shapes_from_cache(c, key); /* read and parsed on the PDF's thread */
}

void
pipeline_shapes_store(cache *c, const uint8_t key[SHA256_LEN], const pdf_shapes *s)
{
	buf b;
	buf_init(&b);
	if (c != NULL && pdf_shapes_save(s, &b))
		cache_put(c, key, b.data, b.len);
	buf_free(&b);
}

#define PARTS_MAGIC "mkreport-pdf-parts-1" /* first bytes of a list of parts' keys */

/* Sets key to the slot of the part list stored beside report.pdf's entry pdf_key. */
static void
parts_key(const cache *c, const uint8_t pdf_key[SHA256_LEN], uint8_t key[SHA256_LEN])
{
	sha256_ctx h;
	cache_key_init(&h, c, "report.pdf-parts");
	sha256_feed_mem(&h, pdf_key, SHA256_LEN);
	sha256_final(&h, key);
}

void
pipeline_pdf_parts_store(cache *c, const uint8_t pdf_key[SHA256_LEN], const buf *parts)
{
	if (c == NULL)
		return;
	uint8_t key[SHA256_LEN];
	parts_key(c, pdf_key, key);
	buf b;
	buf_init(&b);
	buf_append(&b, PARTS_MAGIC, sizeof PARTS_MAGIC - 1);
	buf_append(&b, parts->data ? parts->data : "", parts->len);
	cache_put(c, key, b.data, b.len);
	buf_free(&b);
}

void
pipeline_pdf_parts_keep(cache *c, const uint8_t pdf_key[SHA256_LEN])
{
	uint8_t key[SHA256_LEN];
	buf b;
	buf_init(&b);
	parts_key(c, pdf_key, key);
	cache_keep(c, key);
	size_t m = sizeof PARTS_MAGIC - 1;
	if (cache_get_uncounted(c, key, &b) == 0 && b.len >= m &&
	    memcmp(b.data, PARTS_MAGIC, m) == 0)
		for (size_t i = m; i + SHA256_LEN <= b.len; i += SHA256_LEN)
			cache_keep(c, (const uint8_t *)b.data + i);
	buf_free(&b);
}
