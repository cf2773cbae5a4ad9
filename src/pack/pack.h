/* pack: the pack for stakeholders, <report-slug>-pack.zip: report.pdf, every chart's
 * PNG, SVG, PDF and CSV, the metrics, the bibliography (CSL JSON) and a README. */
#ifndef MKR_PACK_H
#define MKR_PACK_H

#include <stddef.h>

#include "load/report.h"
#include "render/render.h"
#include "util/buf.h"

/* The site files a pack is made of, collected while the site is built. */
typedef struct pack pack;

/* The site path of the bibliography (also in the pack under the same name). */
#define PACK_BIBLIOGRAPHY "data/bibliography.json"

/* Returns a new, empty pack of report r with the figures figs (both borrowed: they
 * must outlive it). Free with pack_free. */
pack *pack_new(const report *r, const render_figs *figs);

/* Frees k. NULL is a no-op. */
void pack_free(pack *k);

/* Keeps a copy of the n bytes of the site file relpath if the pack holds it
 * (report.pdf, data/metrics.json, data/metrics.csv, charts/<id>.png, .svg, .pdf and
 * .csv of each figure in figs); other paths are ignored. A path offered twice keeps
 * the last bytes. NULL k is a no-op. */
void pack_offer(pack *k, const char *relpath, const void *bytes, size_t n);

/* Appends the bibliography of r (every source of data/sources.yaml in file order) to
 * out as CSL JSON: an array of items with id, type, title, URL, publisher (or
 * container-title for press articles), issued date-parts and the confidence as note. */
void pack_csl(const report *r, buf *out);

/* Appends the pack's README.txt to out: the report's title, subtitle, author,
 * edition, as-of date and base_url, then each file of the pack (pdf says whether
 * report.pdf is in it), the charts by figure number and title. */
void pack_readme(const report *r, const render_figs *figs, int pdf, buf *out);

/* Appends the zip of k to out: under the folder "<report-slug>/", README.txt,
 * report.pdf (if offered), charts/<id>.png, .svg, .pdf, .csv by figure number (the
 * files offered), data/metrics.json, data/metrics.csv (if offered) and the
 * bibliography, in that order; every entry dated as_of 00:00, mode 0644, text deflated
 * and PNG/PDF stored, no extra fields: the same files give the same bytes. prev (or
 * NULL) is the pack an earlier build wrote with this tool and zlib: its unchanged
 * entries are copied compressed rather than deflated again. Returns 0, or -1 with the
 * reason in why (n bytes). */
int pack_write(const pack *k, const buf *prev, buf *out, char *why, size_t n);

/* The first half of pack_write, for use before report.pdf is made: appends to out the
 * zip of every entry of the pack but report.pdf (the README saying report.pdf is in
 * the pack if pdf), deflating (or copying from prev, as pack_write does) every entry.
 * Returns 0, or -1 with the reason in why (n bytes). */
int pack_stage(const pack *k, int pdf, const buf *prev, buf *out, char *why, size_t n);

/* The second half: appends to out the pack of k, the bytes pack_write gives, made
 * from staged (pack_stage's zip of k with the same pdf) by adding report.pdf (offered
 * to k since, if pdf) as its second entry; the other entries are copied compressed.
 * Returns 0, or -1 with the reason in why (n bytes; also when pdf does not say
 * whether report.pdf was offered). */
int pack_finish(const pack *k, int pdf, const buf *staged, buf *out, char *why, size_t n);

#endif
