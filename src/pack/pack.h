/* pack: the pack for stakeholders, <report-slug>-pack.zip: report.pdf, every chart's
 * PNG, SVG, PDF and CSV, the metrics, the bibliography (CSL JSON) and a README. */
#ifndef MKR_PACK_H
#define MKR_PACK_H

#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#include "load/report.h"
#include "render/render.h"
#include "util/buf.h"
#include "util/sha256.h"

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

/* Offers relpath as pack_offer does, a file of n bytes named id (two files with the
 * same id hold the same bytes; NULL: none); bytes may be NULL for a named chart file:
 * then they are read by pack_fill when the pack must be zipped again. */
void pack_offer_named(pack *k, const char *relpath, const void *bytes, size_t n,
    const uint8_t *id);

/* Reads the n bytes named id and appends them to out. Returns 0, or -1 (out unchanged)
 * if they cannot be had. */
typedef int pack_fetch(void *arg, const uint8_t id[SHA256_LEN], size_t n, buf *out);

/* Reads with fn (and arg) every chart file offered without its bytes. Returns 0, or -1
 * if one cannot be read (the others read stay). */
int pack_fill(pack *k, pack_fetch *fn, void *arg);

/* Feeds h with what pack_stage's zip is made of (pdf as given to it): the as_of date,
 * the folder, README.txt, the bibliography and each chart file's id (its bytes if it
 * has none). The same digest gives the same zip. */
void pack_stage_digest(const pack *k, int pdf, sha256_ctx *h);

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

/* The first part of pack_write, for use before report.pdf is made: appends to out the
 * zip of README.txt (saying report.pdf is in the pack if pdf), the charts and the
 * bibliography, deflating (or copying from prev, as pack_write does) every entry: what
 * changes when the data changes (the metrics, report.pdf) is not in it. Returns 0, or
 * -1 with the reason in why (n bytes; also when a chart file offered without its bytes
 * was not read by pack_fill). */
int pack_stage(const pack *k, int pdf, const buf *prev, buf *out, char *why, size_t n);

/* The second part: appends to out the zip of the data files offered (data/metrics.json,
 * data/metrics.csv; nothing if none was). Returns 0, or -1 with the reason in why. */
int pack_stage_data(const pack *k, buf *out, char *why, size_t n);

/* The last part: appends to out the pack of k, the bytes pack_write gives, made from
 * staged (pack_stage's zip of k with the same pdf) by adding report.pdf (offered to k
 * since, if pdf) as its second entry and the entries of data (pack_stage_data's zip)
 * before the bibliography; the entries are copied compressed. Returns 0, or -1 with
 * the reason in why (n bytes; also when pdf does not say whether report.pdf was
 * offered). */
int pack_finish_data(const pack *k, int pdf, const buf *staged, const buf *data, buf *out,
    char *why, size_t n);

/* pack_finish_data without the copy: sets *v (owned, *nv pieces) to the bytes of the
 * pack in order, pieces of staged, data and hold (two bufs the caller initialises and
 * frees after using v: report.pdf's entry and the central directory). */
int pack_finish_pieces(const pack *k, int pdf, const buf *staged, const buf *data, buf hold[2],
    struct iovec **v, size_t *nv, char *why, size_t n);

/* Appends the nv pieces v to out, one after the other. */
void pack_pieces_join(const struct iovec *v, size_t nv, buf *out);

/* pack_stage_data then pack_finish_data. */
int pack_finish(const pack *k, int pdf, const buf *staged, buf *out, char *why, size_t n);

#endif
