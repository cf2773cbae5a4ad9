/* pipeline: the stages in order (load, compute, render) shared by the modes. */
#include "cmd/pipeline.h"
#include "cmd/pipeline_cache.h"
#include "cmd/claims.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "export/export.h"
#include "load/load.h"
#include "model/bayes_metrics.h"
#include "model/expect.h"
#include "model/fin_metrics.h"
#include "model/part_metrics.h"
#include "model/unc_metrics.h"
#include "pack/pack.h"
#include "pdf/pdf.h"
#include "render/anchors.h"
#include "render/explore_page.h"
#include "render/page.h"
#include "render/render.h"
#include "render/share.h"
#include "util/buf.h"
#include "util/path.h"

/* Copies every fact metric of the report into m. */
static void
copy_facts(const report *r, metrics *m)
{
	for (size_t i = 0; i < metrics_count(r->facts); i++) {
		const metric *f = metrics_at(r->facts, i);
		if (f->years)
			metrics_add_series(m, f->name, f->unit, f->years, f->vals, f->n,
			    f->source, f->label);
		else
			metrics_add(m, f->name, f->unit, f->vals[0], f->source, f->label);
		metrics_set_status(m, f->name, f->status);
	}
}

/* Runs the sensitivity analysis and Monte Carlo of the base scenario (r's first) on
 * jobs threads (0 = the online cores). $MKREPORT_MC_DRAWS (a whole number >= 1)
 * replaces the data's draws, for benchmarks. */
static void
pipeline_uncertainty(const report *r, int jobs, cache *ch, metrics *m)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	const char *env = getenv("MKREPORT_MC_DRAWS");
	char *end = NULL;
	unsigned long long nd = env && *env ? strtoull(env, &end, 10) : 0;
	mc_config cfg = { r->mc_draws, r->mc_seed, jobs };
	if (nd >= 1 && *end == '\0')
		cfg.draws = (size_t)nd;
	if (cfg.jobs <= 0)
		cfg.jobs = cores >= 1 && cores <= 1024 ? (int)cores : 1;
	if (r->nscenarios > 0 && ch != NULL)
		pipeline_uncertainty_cached(ch, m, r->scenarios[0].name, &r->scenarios[0].fin,
		    r->uncertain, r->nuncertain, &cfg);
	else if (r->nscenarios > 0)
		model_uncertainty(m, r->scenarios[0].name, &r->scenarios[0].fin, r->uncertain,
		    r->nuncertain, &cfg);
}

/* Runs the dependency, competition and risk models of every scenario that has their
 * data and adds their metrics; names/probs are the nw weighted scenarios. */
static void
pipeline_parts(pipeline *p, const char *const *names, const double *probs, size_t nw)
{
	const report *r = p->rep;
	p->dep = util_xcalloc(r->nscenarios ? r->nscenarios : 1, sizeof(dep_result));
	p->comp = util_xcalloc(r->nscenarios ? r->nscenarios : 1, sizeof(comp_result *));
	for (size_t i = 0; i < r->nscenarios; i++) {
		const rep_scenario *s = &r->scenarios[i];
		if (s->dep != NULL) {
			model_dep_run(s->dep, &p->results[i], &p->dep[i]);
			dep_metrics_add(p->m, s->name, s->dep, &p->dep[i]);
		}
		if (s->comp != NULL) {
			p->comp[i] = model_comp_run(s->comp);
			if (i == 0)
				comp_metrics_observed(p->m, s->comp, p->comp[i]);
			comp_metrics_add(p->m, s->name, s->comp, p->comp[i]);
		}
	}
	part_metrics_expected(p->m, names, probs, nw);
	if (r->risks != NULL) {
		p->risk = util_xcalloc(1, sizeof *p->risk);
		model_risk_run(r->risks, p->risk);
		risk_metrics_add(p->m, r->risks, p->risk);
	}
}

/* Updates the nw weighted scenarios' weights (names, probs) by the report's evidence,
 * adds the posterior metrics and, for every @expected metric, @expected_posterior. */
static void
pipeline_bayes(const report *r, metrics *m, const char *const *names, const double *probs,
    size_t nw)
{
	size_t ne = r->nevidence;
	bayes_event *ev = util_xcalloc(ne ? ne : 1, sizeof *ev);
	double *lik = util_xcalloc((ne ? ne : 1) * (nw ? nw : 1), sizeof *lik);
	double *post = util_xcalloc(nw ? nw : 1, sizeof *post);
	for (size_t k = 0; k < ne; k++) {
		const rep_evidence *e = &r->evidence[k];
		size_t j = 0;
		for (size_t i = 0; i < r->nscenarios && j < nw; i++)
			if (!r->scenarios[i].counterfactual)
				lik[k * nw + j++] = e->likelihood[i];
		ev[k] = (bayes_event){ e->id, e->event, lik + k * nw };
	}
	if (nw > 0 && bayes_metrics_add(m, names, probs, nw, ev, ne, post) == 0)
		model_expect_reweight(m, "expected", "expected_posterior", names, post, nw);
	free(post);
	free(lik);
	free(ev);
}

int
pipeline_compute(const char *content_dir, int jobs, diag *d, pipeline *p)
{
	return pipeline_compute_cached(content_dir, jobs, NULL, d, p);
}

int
pipeline_compute_cached(const char *content_dir, int jobs, cache *ch, diag *d, pipeline *p)
{
	memset(p, 0, sizeof *p);
	p->jobs = jobs;
	p->cache = ch;
	p->rep = load_report(content_dir, d);
	if (p->rep == NULL)
		return -1;
	const report *r = p->rep;
	p->results = util_xcalloc(r->nscenarios ? r->nscenarios : 1, sizeof(fin_result));
	p->m = metrics_new();
	copy_facts(r, p->m);
	const char **names = util_xcalloc(r->nscenarios + 1, sizeof(char *));
	double *probs = util_xcalloc(r->nscenarios + 1, sizeof(double));
	size_t nw = 0;
	for (size_t i = 0; i < r->nscenarios; i++) {
		const rep_scenario *s = &r->scenarios[i];
		model_fin_run(&s->fin, &p->results[i]);
		fin_metrics_add(p->m, s->name, s->probability, &s->fin, &p->results[i]);
		if (!s->counterfactual) {
			names[nw] = s->name;
			probs[nw++] = s->probability;
		}
	}
	fin_metrics_expected(p->m, names, probs, nw);
	pipeline_parts(p, names, probs, nw);
	pipeline_bayes(r, p->m, names, probs, nw);
	pipeline_uncertainty(r, jobs, ch, p->m);
	free(names);
	free(probs);
	return 0;
}

/* Returns PREFIX/share/mkreport/templates for the PREFIX/bin the running binary is in
 * (so an installed tree can move), or NULL if that folder has no page.html. */
static const char *
templates_beside_binary(void)
{
	static char dir[PATH_MAX + 64];
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (slash == NULL)
		return NULL;
	*slash = '\0';
	snprintf(dir, sizeof dir, "%s/../share/mkreport/templates", exe);
	char page[sizeof dir + 16];
	snprintf(page, sizeof page, "%s/page.html", dir);
	return path_is_file(page) ? dir : NULL;
}

const char *
pipeline_templates_dir(const char *given)
{
	if (given)
		return given;
	const char *env = getenv("MKREPORT_TEMPLATES");
	if (env && *env)
		return env;
	const char *beside = templates_beside_binary();
	if (beside)
		return beside;
	if (path_is_file(MKR_DATADIR "/templates/page.html"))
		return MKR_DATADIR "/templates";
	return "templates";
}

/* Adds a rendered buffer to out under rel and frees it. */
static void
add_buf(site_out *out, const char *rel, buf *b)
{
	site_out_take(out, rel, b);
}

void
pipeline_export_json(const pipeline *p, const char *only, buf *b)
{
	const report *r = p->rep;
	export_scenario *es = util_xcalloc(r->nscenarios ? r->nscenarios : 1, sizeof *es);
	export_evidence *ev = util_xcalloc(r->nevidence ? r->nevidence : 1, sizeof *ev);
	for (size_t k = 0; k < r->nevidence; k++) {
		const rep_evidence *e = &r->evidence[k];
		ev[k] = (export_evidence){ e->id, e->date, e->event, e->source };
	}
	export_extra x = { r->risks, p->risk, NULL, NULL, ev, r->nevidence };
	size_t n = 0;
	if (r->nscenarios > 0 && p->comp != NULL && p->comp[0] != NULL) {
		x.comp = r->scenarios[0].comp;
		x.comp_result = p->comp[0];
	}
	for (size_t i = 0; i < r->nscenarios; i++) {
		const rep_scenario *s = &r->scenarios[i];
		if (only && strcmp(only, s->name) != 0)
			continue;
		es[n] = (export_scenario){ s->name, s->title, s->probability, &s->fin,
			&p->results[i], s->dep, p->dep ? &p->dep[i] : NULL, s->comp,
			p->comp ? p->comp[i] : NULL };
		n++;
	}
	export_json_extra(es, n, &x, p->m, b);
	free(ev);
	free(es);
}

/* Offers a rendered buffer to the pack k (which keeps a copy if it holds rel), then
 * adds it to out under rel and frees it. */
static void
add_kept(site_out *out, pack *k, const char *rel, buf *b)
{
	pack_offer(k, rel, b->data, b->len);
	site_out_take(out, rel, b);
}

/* Renders the data exports: data/metrics.json, data/metrics.csv and the bibliography. */
static void
render_data(const pipeline *p, pack *k, site_out *out)
{
	buf b;
	buf_init(&b);
	pipeline_export_json(p, NULL, &b);
	add_kept(out, k, "data/metrics.json", &b);
	export_csv(p->m, NULL, &b);
	add_kept(out, k, "data/metrics.csv", &b);
	pack_csl(p->rep, &b);
	add_buf(out, PACK_BIBLIOGRAPHY, &b);
}

/* Reads templates_dir/name into out under name; records an error if unreadable. */
static int
copy_static(const char *templates_dir, const char *name, diag *d, site_out *out)
{
	char *path = path_join(templates_dir, name);
	char *data;
	size_t len;
	int st = path_read_file(path, 1 << 20, &data, &len);
	if (st != PATH_OK) {
		diag_error(d, diag_file_pos(d, path), "cannot read '%s'", path);
		free(path);
		return -1;
	}
	site_out_add(out, name, data, len);
	free(data);
	free(path);
	return 0;
}

/* Returns the output file name of section i: "<slug>.html". Caller frees. */
static char *
page_file(const report *r, size_t i)
{
	buf b;
	buf_init(&b);
	buf_printf(&b, "%s.html", r->sections[i].slug);
	return buf_detach(&b);
}

/* Selects templates_dir/fonts.conf for the charts (once per process and folder). */
static int
pipeline_fonts(const char *templates_dir, diag *d)
{
	static char *done;
	char why[512];
	if (done != NULL && strcmp(done, templates_dir) == 0)
		return 0;
	char *conf = path_join(templates_dir, "fonts.conf");
	int rc = chart_fonts_init(conf, why, sizeof why);
	if (rc != 0) {
		size_t n = strlen(conf); /* the position already names the file */
		const char *msg = strncmp(why, conf, n) == 0 && strncmp(why + n, ": ", 2) == 0 ?
		    why + n + 2 : why;
		diag_error(d, diag_file_pos(d, conf), "%s", msg);
	}
	free(conf);
	if (rc == 0) {
		free(done);
		done = util_xstrdup(templates_dir);
	}
	return rc;
}

/* Where page_render_sections hands each section's page (take_section). */
typedef struct section_sink {
	const report *r;  /* the report */
	site_out *out;    /* the site */
	pdf_book *book;   /* NULL, or what the PDF keeps of each page */
	pack *pack;       /* the pack, keeping a copy of the chart files it holds */
} section_sink;

/* Adds a rendered section page and the files it produced to the site; if a book is
 * kept, adds to it what the PDF needs of the page (nothing of a failed page). */
static void
take_section(void *arg, page_result *pg)
{
	section_sink *s = arg;
	char *name = page_file(s->r, pg->i);
	site_out_take(s->out, name, &pg->html);
	free(name);
	for (size_t k = 0; k < pg->nfiles; k++) {
		const render_file *f = &pg->files[k];
		const uint8_t *id = f->has_id ? f->id : NULL; /* a chart file from the cache */
		pack_offer_named(s->pack, f->path, f->data, f->len, id);
		if (id != NULL)
			site_out_add_named(s->out, f->path, f->data, f->len, id);
		else
			site_out_add(s->out, f->path, f->data ? f->data : "", f->len);
	}
	pdf_book_add(s->book, pg->i, pg->doc); /* NULL book: no-op */
}

/* Waits for report.pdf from job (typeset from the book; dropped unless keep), stores
 * it in p's cache under key (if not NULL) first, as out may not keep the bytes, and
 * adds it to out and the pack k. Returns 0 or -1. */
static int
finish_pdf(pdf_job *job, int keep, const uint8_t *key, const pipeline *p, pack *k,
    site_out *out)
{
	buf b;
	buf_init(&b);
	buf parts;
	buf_init(&parts);
	int rc = pdf_job_finish_keys(job, keep, &b, &parts);
	if (rc == 0 && keep && key != NULL) {
		cache_put(p->cache, key, b.data ? b.data : "", b.len);
		pipeline_pdf_parts_store(p->cache, key, &parts);
	}
	buf_free(&parts);
	if (rc == 0 && keep)
		add_kept(out, k, "report.pdf", &b);
	buf_free(&b);
	return rc;
}

/* Sets key to the cache slot of the last staged pack named name: one slot per pack
 * name, tool and zlib version, overwritten when the staged pack changes. It holds the
 * zip then the digest of what it was made of (pack_stage_digest): reused whole when
 * that is unchanged, else the bytes to copy unchanged entries from. */
static void
pack_prev_key(const cache *c, const char *name, uint8_t key[SHA256_LEN])
{
	sha256_ctx h;
	cache_key_init(&h, c, "pack-staged");
	sha256_feed_str(&h, name);
	sha256_feed_str(&h, zlibVersion());
	sha256_final(&h, key);
}

int
pipeline_fetch(void *arg, const uint8_t id[SHA256_LEN], size_t n, buf *out)
{
	render_file f;
	memset(&f, 0, sizeof f);
	f.has_id = 1;
	f.len = n;
	memcpy(f.id, id, SHA256_LEN);
	return render_file_fetch(arg, &f, out);
}

/* Sets key to the cache slot of the record of the last commit into out_dir. */
static void
record_key(const cache *c, const char *out_dir, uint8_t key[SHA256_LEN])
{
	sha256_ctx h;
	cache_key_init(&h, c, "site-record");
	sha256_feed_str(&h, out_dir);
	sha256_final(&h, key);
}

site_out *
pipeline_site_new(const pipeline *p, const char *out_dir)
{
	site_out *o = site_out_new();
	if (p->cache == NULL)
		return o;
	site_out_fetch_from(o, pipeline_fetch, p->cache);
	uint8_t key[SHA256_LEN];
	record_key(p->cache, out_dir, key);
	buf b;
	buf_init(&b);
	if (!p->cache_read && cache_get_uncounted(p->cache, key, &b) == 0)
		site_out_use_record(o, b.data, b.len);
	buf_free(&b);
	return o;
}

void
pipeline_site_done(const pipeline *p, const site_out *o, const char *out_dir)
{
	if (p->cache == NULL)
		return;
	uint8_t key[SHA256_LEN];
	record_key(p->cache, out_dir, key);
	buf b;
	buf_init(&b);
	site_out_record(o, &b);
	cache_put(p->cache, key, b.data, b.len);
	buf_free(&b);
}

/* Stages the pack of k into staged (pack_stage: the README, charts and bibliography;
 * pdf: the pack will hold report.pdf) and data (pack_stage_data): the last build's
 * staged pack from cache c if it was made of the same, else made again (chart files
 * read from c as needed, unchanged entries copied compressed from the last one) and
 * kept there; run while report.pdf is typeset. Returns 0; -1 after recording an error
 * in d; PIPELINE_STALE (nothing recorded) if a chart file could not be read from c. */
static int
stage_pack(const report *r, pack *k, int pdf, cache *c, diag *d, buf *staged, buf *data)
{
	buf name, prev;
	buf_init(&name);
	buf_init(&prev);
	render_pack_name(r, &name);
	uint8_t key[SHA256_LEN], made[SHA256_LEN];
	int have = 0, rc = 0;
	if (c != NULL) {
		sha256_ctx h;
		cache_key_init(&h, c, "pack-staged-of");
		pack_stage_digest(k, pdf, &h);
		sha256_final(&h, made);
		pack_prev_key(c, buf_str(&name), key);
		have = cache_get(c, key, &prev) == 0 && prev.len >= SHA256_LEN;
		if (have) /* the digest is its last bytes */
			prev.len -= SHA256_LEN;
	}
	char why[512];
	int same = have && memcmp(prev.data + prev.len, made, SHA256_LEN) == 0;
	if (have) /* the zip alone from here on, ended as a buf is */
		prev.data[prev.len] = '\0';
	if (same) {
		buf_free(staged); /* handed over, not copied */
		*staged = prev;
		buf_init(&prev);
	} else {
		if (c != NULL && pack_fill(k, pipeline_fetch, c) != 0)
			rc = PIPELINE_STALE;
		else
			rc = pack_stage(k, pdf, have ? &prev : NULL, staged, why, sizeof why);
		if (rc == 0 && c != NULL) {
			buf_append(staged, made, SHA256_LEN);
			cache_put(c, key, staged->data, staged->len);
			staged->len -= SHA256_LEN;
			staged->data[staged->len] = '\0';
		}
	}
	if (rc == 0)
		rc = pack_stage_data(k, data, why, sizeof why);
	if (rc == -1)
		diag_error(d, diag_file_pos(d, buf_str(&name)), "%s", why);
	buf_free(&prev);
	buf_free(&name);
	return rc;
}

/* Adds the pack of k to out as <report-slug>-pack.zip, made from staged (stage_pack's,
 * with the same pdf), data (pack_stage_data's) and report.pdf. Returns 0, or -1 after
 * recording an error in d. */
static int
finish_pack(const report *r, const pack *k, int pdf, const buf *staged, const buf *data,
    diag *d, site_out *out)
{
	buf name, hold[2];
	buf_init(&name);
	buf_init(&hold[0]);
	buf_init(&hold[1]);
	render_pack_name(r, &name);
	char why[512];
	struct iovec *v = NULL;
	size_t nv = 0;
	int rc = pack_finish_pieces(k, pdf, staged, data, hold, &v, &nv, why, sizeof why);
	if (rc == 0) /* written from its pieces, never copied whole */
		site_out_add_pieces(out, buf_str(&name), v, nv);
	else
		diag_error(d, diag_file_pos(d, buf_str(&name)), "%s", why);
	free(v);
	buf_free(&hold[0]);
	buf_free(&hold[1]);
	buf_free(&name);
	return rc;
}

/* Adds the report's share card and the icons to out. Returns 0 or -1. */
static int
add_share_files(const render_ctx *c, site_out *out)
{
	render_file *files;
	size_t n;
	if (share_site_files(c, &files, &n) != 0)
		return -1;
	for (size_t k = 0; k < n; k++)
		site_out_add(out, files[k].path, files[k].data, files[k].len);
	page_files_free(files, n);
	return 0;
}

/* Looks up report.pdf in p's cache under the key of its inputs (stored in key).
 * Returns 1 with the bytes appended to b on a hit, else 0. */
static int
pdf_lookup(const pipeline *p, const char *templates_dir, uint8_t key[SHA256_LEN], buf *b)
{
	pipeline_pdf_key(p->cache, p->rep, p->m, templates_dir, key);
	if (cache_get(p->cache, key, b) == 0) {
		pipeline_pdf_parts_keep(p->cache, key); /* for the next build that edits it */
		return 1;
	}
	cache_computed(p->cache, "report.pdf"); /* for build -v */
	return 0;
}

struct pdf_job *
pipeline_pdf_early(const char *templates_dir)
{
	diag *quiet = diag_new(); /* pipeline_render reports a bad fonts file */
	int ok = pipeline_fonts(templates_dir, quiet) == 0;
	diag_free(quiet);
	return ok ? pdf_job_early() : NULL;
}

int
pipeline_render(const pipeline *p, const char *templates_dir, int pdf, diag *d,
    site_out *out)
{
	return pipeline_render_early(p, templates_dir, pdf, NULL, d, out);
}

int
pipeline_render_early(const pipeline *p, const char *templates_dir, int pdf,
    pdf_job *early, diag *d, site_out *out)
{
	const report *r = p->rep;
	render_ctx c = { r, p->m, d, NULL, p->jobs, pdf, p->cache, p->cache_read, NULL };
	int fonts = pipeline_fonts(templates_dir, d); /* both checked: every error at once */
	char *tpath = path_join(templates_dir, "page.html");
	tmpl *t = tmpl_load(tpath, tpath, d);
	free(tpath);
	int rc = 0;
	if (t == NULL || fonts != 0) {
		tmpl_free(t);
		pdf_job_drop(early);
		return -1;
	}
	render_figs *figs = render_scan_figures(&c);
	c.figs = figs;
	site_claims *claims = site_claims_new(); /* every output path, once */
	if (figs->ncharts > RENDER_MAX_CHARTS || /* reported; drawing them would take long */
	    claims_outputs(&c, figs, claims) != 0) {
		site_claims_free(claims);
		render_figs_free(figs);
		tmpl_free(t);
		pdf_job_drop(early);
		return -1;
	}
	uint8_t pdf_key[SHA256_LEN];
	buf cached_pdf;
	buf_init(&cached_pdf);
	int reuse = pdf && p->cache != NULL && pdf_lookup(p, templates_dir, pdf_key, &cached_pdf);
	pdf_book *book = pdf && !reuse ? pdf_book_new(r->nsections) : NULL;
	uint8_t shapes_key[SHA256_LEN];
	pdf_shapes *shapes = pdf ? pipeline_shapes_load(p->cache, book != NULL, shapes_key) : NULL;
	pdf_book_keep_specs(book, figs->specs); /* typeset each page as soon as it is kept */
	pdf_job *job = NULL;
	if (book != NULL && early != NULL) {
		job = early; /* its fonts loaded while the report was */
		pdf_job_begin(job, &c, book, shapes);
	} else {
		pdf_job_drop(early); /* report.pdf reused whole, or not made */
		job = book != NULL ? pdf_job_start(&c, book, shapes) : NULL;
	}
	pack *k = pack_new(r, figs);
	section_sink sink = { r, out, book, k };
	c.anchors = render_anchors_new(r->nsections); /* links to #anchors, checked below */
	if (page_render_sections(&c, t, book != NULL, p->jobs, take_section, &sink) != 0)
		rc = -1;
	if (render_anchors_check(c.anchors, d) != 0)
		rc = -1;
	render_anchors_free(c.anchors);
	c.anchors = NULL;
	int keep_pdf = rc == 0; /* typeset on its thread while pages and the rest render */
	if (job != NULL && keep_pdf)
		pdf_job_go(job);
	if (reuse)
		add_kept(out, k, "report.pdf", &cached_pdf);
	buf_free(&cached_pdf);
	buf b;
	buf_init(&b);
	if (page_render_404(&c, t, &b) != 0)
		rc = -1;
	add_buf(out, "404.html", &b);
	if (page_has_contents(r)) {
		if (page_render_contents(&c, t, &b) != 0)
			rc = -1;
		add_buf(out, "contents.html", &b);
	}
	if (explore_page_wanted(r)) { /* the model in the reader's browser */
		if (page_render_explore(&c, t, &b) != 0 ||
		    copy_static(templates_dir, "model.js", d, out) != 0 ||
		    copy_static(templates_dir, "explore.js", d, out) != 0)
			rc = -1;
		add_buf(out, EXPLORE_PAGE, &b);
	}
	if (r->base_url != NULL) { /* a sitemap lists absolute URLs only */
		page_sitemap(r, figs, &b);
		add_buf(out, "sitemap.xml", &b);
	}
	if (add_share_files(&c, out) != 0)
		rc = -1;
	page_robots(r, &b);
	add_buf(out, "robots.txt", &b);
	render_data(p, k, out);
	if (copy_static(templates_dir, "style.css", d, out) != 0)
		rc = -1;
	int in_pack = reuse || (job != NULL && keep_pdf); /* report.pdf will be in the pack */
	buf staged, data;
	buf_init(&staged);
	buf_init(&data);
	int st = rc == 0 ? stage_pack(r, k, in_pack, p->cache, d, &staged, &data) : 0;
	if (st != 0)
		rc = st;
	if (job != NULL)
		diag_progress("report.pdf", 0);
	if (job != NULL && finish_pdf(job, keep_pdf, p->cache != NULL ? pdf_key : NULL, p, k,
	    out) != 0)
		rc = -1;
	else if (job != NULL && keep_pdf && p->cache != NULL)
		pipeline_shapes_store(p->cache, shapes_key, shapes);
	if (rc == 0 && finish_pack(r, k, in_pack, &staged, &data, d, out) != 0)
		rc = -1;
	if (rc == 0 && claims_cover(out, claims, d) != 0)
		rc = -1;
	site_claims_free(claims);
	buf_free(&staged);
	buf_free(&data);
	pack_free(k);
	pdf_shapes_free(shapes);
	pdf_book_free(book);
	render_figs_free(figs);
	tmpl_free(t);
	return rc;
}

/* A report's charts ready to draw alone. */
struct pipeline_charts {
	render_ctx c;      /* the report, metrics, diagnostics and figures */
	render_figs *figs; /* the figure numbers and pages of every chart (owned) */
};

pipeline_charts *
pipeline_charts_new(const pipeline *p, const char *templates_dir, diag *d)
{
	if (pipeline_fonts(templates_dir, d) != 0)
		return NULL;
	pipeline_charts *pc = util_xcalloc(1, sizeof *pc);
	render_ctx c = { p->rep, p->m, d, NULL, p->jobs, 0, NULL, 1, NULL };
	pc->c = c;
	pc->figs = render_scan_figures(&pc->c);
	pc->c.figs = pc->figs;
	if (diag_errors(d)) {
		pipeline_charts_free(pc);
		return NULL;
	}
	return pc;
}

int
pipeline_charts_draw(pipeline_charts *pc, const char *id, const chart_format *fmts, size_t n,
    buf *outs)
{
	return render_chart_files(&pc->c, id, fmts, n, outs);
}

void
pipeline_charts_free(pipeline_charts *pc)
{
	if (pc == NULL)
		return;
	render_figs_free(pc->figs);
	free(pc);
}

void
pipeline_free(pipeline *p)
{
	for (size_t i = 0; p->comp != NULL && p->rep != NULL && i < p->rep->nscenarios; i++)
		comp_result_free(p->comp[i]);
	report_free(p->rep);
	free(p->results);
	metrics_free(p->m);
	free(p->comp);
	free(p->dep);
	free(p->risk);
	memset(p, 0, sizeof *p);
}
