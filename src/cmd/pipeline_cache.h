/* pipeline_cache: the keys and stored forms of the build's cached outputs other than
 * chart files: the uncertainty analysis (sensitivity and Monte Carlo) and report.pdf. */
#ifndef MKR_PIPELINE_CACHE_H
#define MKR_PIPELINE_CACHE_H

#include "cache/cache.h"
#include "load/load.h"
#include "model/metrics.h"
#include "model/montecarlo.h"
#include "pdf/pdf.h"

/* Runs model_uncertainty for scenario with base, the n uncertain inputs u and cfg, or
 * takes its metrics from cache when an earlier build ran it with the same inputs (the
 * scenario's name, every field of base, of each input and its law, draws and seed: not
 * the thread count, which does not change the results), and adds them to m in the
 * order model_uncertainty adds them. */
void pipeline_uncertainty_cached(cache *c, metrics *m, const char *scenario,
    const fin_params *base, const model_uparam *u, size_t n, const mc_config *cfg);

/* Stores in key the cache key of report.pdf: the bytes of every input file of r, of
 * templates_dir/page.html, the fonts (chart_fonts_digest) and every metric of m. */
void pipeline_pdf_key(const cache *c, const report *r, const metrics *m,
    const char *templates_dir, uint8_t key[SHA256_LEN]);

/* Returns the words report.pdf's last build shaped, stored in c under a key of the
 * tool and the fonts (chart_fonts_digest), also stored in key, read (and counted)
 * when the typesetter first needs a word, on its thread; the entry counts as used
 * (kept by cache_sweep) even if the caller only frees the result. NULL if c is NULL
 * (then every word is shaped). Free with pdf_shapes_free. With read 0 (report.pdf
 * is reused, nothing is typeset) the entry is only kept for a later build, not read
 * or counted, and NULL is returned. */
pdf_shapes *pipeline_shapes_load(cache *c, int read, uint8_t key[SHA256_LEN]);

/* Stores s in c under key if typesetting with it shaped new words. NULL c or s: nothing. */
void pipeline_shapes_store(cache *c, const uint8_t key[SHA256_LEN], const pdf_shapes *s);

/* Stores in c, beside report.pdf's entry pdf_key, the keys of the parts it was joined
 * from (parts: 32 bytes each, from pdf_job_finish_keys). NULL c: no-op. */
void pipeline_pdf_parts_store(cache *c, const uint8_t pdf_key[SHA256_LEN], const buf *parts);

/* Marks used (cache_keep) the parts stored beside report.pdf's entry pdf_key, so a
 * build that reuses the whole report.pdf does not sweep them. */
void pipeline_pdf_parts_keep(cache *c, const uint8_t pdf_key[SHA256_LEN]);

#endif
