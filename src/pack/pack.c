/* pack: the site files the pack holds, collected as they are made, its README, and the
 * order of its entries. */
#include "pack/pack.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pack/pack_int.h"

/* The files kept of each chart, in the order the pack lists them: the site's file is
 * charts/<id><site_suffix[e]>, the pack's charts/<id>.<chart_exts[e]> (the SVG is the
 * download, which carries the chart's title, source and date like the PNG and PDF). */
static const char *const chart_exts[] = { "png", "svg", "pdf", "csv" };
static const char *const site_suffix[] = { ".png", "-download.svg", ".pdf", ".csv" };
enum { NEXTS = sizeof chart_exts / sizeof *chart_exts };

/* The data files the pack holds besides the bibliography, in order. */
static const char *const data_files[] = { "data/metrics.json", "data/metrics.csv" };
enum { NDATA = sizeof data_files / sizeof *data_files };

/* A copy of one site file, empty until offered. */
typedef struct kept {
	int offered; /* 1: the site has the file */
	char *data;  /* the bytes (owned), NULL if not offered or not fetched yet (named) */
	size_t len;  /* bytes of the file */
	int has_id;  /* 1: id names the bytes (pack_offer_named) */
	uint8_t id[SHA256_LEN];
} kept;

struct pack {
	const report *r;         /* the report (borrowed) */
	const render_figs *figs; /* its figures (borrowed) */
	kept pdf;                /* report.pdf */
	kept data[NDATA];        /* data_files */
	kept *charts;            /* NEXTS per figure, in figure order */
};

pack *
pack_new(const report *r, const render_figs *figs)
{
	pack *k = util_xcalloc(1, sizeof *k);
	k->r = r;
	k->figs = figs;
	k->charts = util_xcalloc(figs->n * NEXTS + 1, sizeof *k->charts);
	return k;
}

void
pack_free(pack *k)
{
	if (k == NULL)
		return;
	free(k->pdf.data);
	for (size_t i = 0; i < NDATA; i++)
		free(k->data[i].data);
	for (size_t i = 0; i < k->figs->n * NEXTS; i++)
		free(k->charts[i].data);
	free(k->charts);
	free(k);
}

/* Returns the slot of chart file relpath ("charts/<id><site_suffix>" of a figure), or
 * NULL. */
static kept *
chart_slot(pack *k, const char *relpath)
{
	if (strncmp(relpath, "charts/", 7) != 0)
		return NULL;
	const char *id = relpath + 7;
	size_t n = strlen(id);
	for (size_t e = 0; e < NEXTS; e++) {
		size_t m = strlen(site_suffix[e]);
		if (n <= m || strcmp(id + n - m, site_suffix[e]) != 0)
			continue;
		char *name = util_xstrndup(id, n - m);
		const render_fig *g = render_figs_find(k->figs, name);
		free(name);
		if (g != NULL)
			return &k->charts[(size_t)(g - k->figs->figs) * NEXTS + e];
	}
	return NULL;
}

/* Returns the slot of relpath in k, or NULL if the pack does not hold it. */
static kept *
slot(pack *k, const char *relpath)
{
	if (strcmp(relpath, "report.pdf") == 0)
		return &k->pdf;
	for (size_t i = 0; i < NDATA; i++)
		if (strcmp(relpath, data_files[i]) == 0)
			return &k->data[i];
	return chart_slot(k, relpath);
}

void
pack_offer_named(pack *k, const char *relpath, const void *bytes, size_t n,
    const uint8_t *id)
{
	kept *s = k != NULL ? slot(k, relpath) : NULL;
	if (s == NULL)
		return;
	free(s->data);
	s->data = NULL;
	if (bytes != NULL) {
		s->data = util_xmalloc(n + 1);
		if (n > 0)
			memcpy(s->data, bytes, n);
	}
	s->offered = 1;
	s->len = n;
	s->has_id = id != NULL;
	if (id != NULL)
		memcpy(s->id, id, SHA256_LEN);
}

void
pack_offer(pack *k, const char *relpath, const void *bytes, size_t n)
{
	pack_offer_named(k, relpath, bytes != NULL ? bytes : "", n, NULL);
}

int
pack_fill(pack *k, pack_fetch *fn, void *arg)
{
	for (size_t i = 0; i < k->figs->n * NEXTS; i++) {
		kept *c = &k->charts[i];
		if (!c->offered || c->data != NULL)
			continue;
		buf b;
		buf_init(&b);
		if (!c->has_id || fn(arg, c->id, c->len, &b) != 0 || b.len != c->len) {
			buf_free(&b);
			return -1;
		}
		c->data = b.data ? buf_detach(&b) : util_xcalloc(1, 1);
	}
	return 0;
}

/* The entries of a pack being written, and the folder they go in. */
typedef struct entries {
	pack_entry *e;      /* n entries (names owned) */
	size_t n;           /* entries so far */
	const char *folder; /* "<report-slug>/" */
} entries;

/* Sets folder (initialised here; the caller frees it) to k's folder in the zip,
 * "<report-slug>/". */
static void
pack_folder(const pack *k, buf *folder)
{
	buf_init(folder);
	render_report_slug(k->r, folder);
	buf_putc(folder, '/');
}

/* Frees es's names and array. */
static void
entries_free(entries *es)
{
	for (size_t i = 0; i < es->n; i++)
		free(es->e[i].name);
	free(es->e);
}

/* Adds name (under the folder) with len bytes at data; deflated unless a PNG or PDF
 * (compressed already). */
static void
put_entry(entries *es, const char *name, const void *data, size_t len)
{
	es->e = util_xrealloc(es->e, (es->n + 1) * sizeof *es->e);
	buf path;
	buf_init(&path);
	buf_printf(&path, "%s%s", es->folder, name);
	const char *dot = strrchr(name, '.');
	int packed = dot != NULL && (strcmp(dot, ".png") == 0 || strcmp(dot, ".pdf") == 0);
	es->e[es->n++] = (pack_entry){ buf_detach(&path), data, len, !packed };
}

/* Appends a line "name<spaces>what" to out (the name padded to a column). */
static void
put_line(buf *out, const char *name, const char *what)
{
	buf_printf(out, "  %-28s %s\n", name, what);
}

/* Appends the README's lines for each figure whose files k holds. */
static void
readme_charts(const pack *k, buf *out)
{
	const render_figs *f = k->figs;
	buf_puts(out, "\nCharts: each figure as PNG (an image), SVG (a vector image),"
	    " PDF (vector,\nfor print) and CSV (the numbers drawn).\n");
	if (f->n == 0)
		buf_puts(out, "  (the report has no charts)\n");
	for (size_t i = 0; i < f->n; i++) {
		const render_fig *g = &f->figs[i];
		buf_printf(out, "\nFigure %d. %s\n", g->number, g->title ? g->title : g->id);
		buf_printf(out, "  (in the section \"%s\")\n", k->r->sections[g->section].title);
		for (size_t e = 0; e < NEXTS; e++)
			if (k->charts[i * NEXTS + e].offered)
				buf_printf(out, "  charts/%s.%s\n", g->id, chart_exts[e]);
	}
}

/* Appends README.txt of k (folder is "<slug>/"; pdf: report.pdf is in the pack) to out. */
static void
readme(const pack *k, const char *folder, int pdf, buf *out)
{
	const report *r = k->r;
	buf_printf(out, "%s\n", r->title);
	if (r->subtitle != NULL)
		buf_printf(out, "%s\n", r->subtitle);
	buf_putc(out, '\n');
	if (r->author != NULL)
		buf_printf(out, "By %s\n", r->author);
	if (r->edition != NULL)
		buf_printf(out, "%s\n", r->edition);
	buf_printf(out, "As of %s\n", r->as_of);
	if (r->base_url != NULL)
		buf_printf(out, "Online: %s\n", r->base_url);
	buf_printf(out, "\nThis pack holds %s. The files, in the folder\n%s:\n\n",
	    pdf ? "the report, its charts and its data" :
	    "the report's charts and data", folder);
	put_line(out, "README.txt", "this list");
	if (pdf)
		put_line(out, "report.pdf", "the whole report as PDF");
	else
		buf_puts(out, "  (no report.pdf: this build was made without the PDF, --no-pdf)\n");
	readme_charts(k, out);
	buf_puts(out, "\nData:\n");
	if (k->data[0].offered)
		put_line(out, data_files[0], "every metric of the model (JSON)");
	if (k->data[1].offered)
		put_line(out, data_files[1], "the same metrics as a table (CSV)");
	buf_printf(out, "  %-28s the %zu sources, as CSL JSON (for Zotero,\n  %-28s"
	    " pandoc and other reference managers)\n", PACK_BIBLIOGRAPHY, r->nsources, "");
}

/* Adds k's charts to es, in the pack's order, then the bibliography csl (the data
 * files go between them: pack_finish_data). Returns 0, or -1 if a chart's bytes were
 * not fetched (pack_fill). */
static int
put_files(const pack *k, entries *es, const buf *csl)
{
	buf name;
	buf_init(&name);
	for (size_t i = 0; i < k->figs->n; i++)
		for (size_t e = 0; e < NEXTS; e++) {
			const kept *c = &k->charts[i * NEXTS + e];
			if (!c->offered)
				continue;
			if (c->data == NULL) {
				buf_free(&name);
				return -1;
			}
			buf_reset(&name);
			buf_printf(&name, "charts/%s.%s", k->figs->figs[i].id, chart_exts[e]);
			put_entry(es, buf_str(&name), c->data, c->len);
		}
	buf_free(&name);
	put_entry(es, PACK_BIBLIOGRAPHY, csl->data ? csl->data : "", csl->len);
	return 0;
}

/* The README, bibliography and folder of k's staged zip (pdf: report.pdf will be in
 * the pack), in three bufs the caller frees. */
static void
staged_texts(const pack *k, int pdf, buf *folder, buf *text, buf *csl)
{
	pack_folder(k, folder);
	buf_init(text);
	buf_init(csl);
	readme(k, buf_str(folder), pdf, text);
	pack_csl(k->r, csl);
}

void
pack_stage_digest(const pack *k, int pdf, sha256_ctx *h)
{
	buf folder, text, csl;
	staged_texts(k, pdf, &folder, &text, &csl);
	sha256_feed_str(h, k->r->as_of);
	sha256_feed_str(h, buf_str(&folder));
	sha256_feed_mem(h, text.data ? text.data : "", text.len);
	sha256_feed_mem(h, csl.data ? csl.data : "", csl.len);
	for (size_t i = 0; i < k->figs->n * NEXTS; i++) {
		const kept *c = &k->charts[i];
		sha256_feed_i64(h, c->offered ? c->has_id ? 2 : 1 : 0);
		if (c->has_id)
			sha256_feed_mem(h, c->id, SHA256_LEN);
		else if (c->offered)
			sha256_feed_mem(h, c->data ? c->data : "", c->data ? c->len : 0);
	}
	buf_free(&folder);
	buf_free(&text);
	buf_free(&csl);
}

int
pack_stage(const pack *k, int pdf, const buf *prev, buf *out, char *why, size_t n)
{
	buf folder, text, csl;
	staged_texts(k, pdf, &folder, &text, &csl);
	entries es = { NULL, 0, buf_str(&folder) };
	put_entry(&es, "README.txt", text.data, text.len);
	int rc = put_files(k, &es, &csl);
	if (rc != 0)
		snprintf(why, n, "a chart's files were not read from the build cache");
	else
		rc = pack_zip(es.e, es.n, k->r->as_of, prev, out, why, n);
	entries_free(&es);
	buf_free(&folder);
	buf_free(&text);
	buf_free(&csl);
	return rc;
}

/* Zips those of the count files of k that the site has (files[i] named names[i], under
 * k's folder) into out. Returns 0 (nothing written if none), or -1 with why set. */
static int
zip_kept(const pack *k, const char *const *names, const kept *files, size_t count,
    buf *out, char *why, size_t n)
{
	buf folder;
	pack_folder(k, &folder);
	entries es = { NULL, 0, buf_str(&folder) };
	for (size_t i = 0; i < count; i++)
		if (files[i].offered)
			put_entry(&es, names[i], files[i].data, files[i].len);
	int rc = es.n > 0 ? pack_zip(es.e, es.n, k->r->as_of, NULL, out, why, n) : 0;
	entries_free(&es);
	buf_free(&folder);
	return rc;
}

int
pack_stage_data(const pack *k, buf *out, char *why, size_t n)
{
	return zip_kept(k, data_files, k->data, NDATA, out, why, n);
}

int
pack_finish_pieces(const pack *k, int pdf, const buf *staged, const buf *data, buf hold[2],
    struct iovec **v, size_t *nv, char *why, size_t n)
{
	if (pdf != k->pdf.offered) {
		snprintf(why, n, "the pack was staged %s report.pdf but is finished %s it",
		    pdf ? "with" : "without", pdf ? "without" : "with");
		return -1;
	}
	size_t count = pack_zip_count(staged);
	if (count == 0) {
		snprintf(why, n, "the staged zip is not a plain zip of at least 1 entry");
		return -1;
	}
	static const char *const pdf_name[] = { "report.pdf" };
	int rc = pdf ? zip_kept(k, pdf_name, &k->pdf, 1, &hold[0], why, n) : 0;
	const buf *add[2];
	size_t at[2], nadd = 0;
	if (pdf) {
		add[nadd] = &hold[0];
		at[nadd++] = 1;
	}
	if (pack_zip_count(data) > 0) { /* before the bibliography, the last entry */
		add[nadd] = data;
		at[nadd++] = count - 1;
	}
	if (rc == 0)
		rc = pack_zip_merge_pieces(staged, add, at, nadd, v, nv, &hold[1], why, n);
	return rc;
}

int
pack_finish_data(const pack *k, int pdf, const buf *staged, const buf *data, buf *out,
    char *why, size_t n)
{
	buf hold[2];
	buf_init(&hold[0]);
	buf_init(&hold[1]);
	struct iovec *v;
	size_t nv;
	int rc = pack_finish_pieces(k, pdf, staged, data, hold, &v, &nv, why, n);
	if (rc == 0) {
		pack_pieces_join(v, nv, out);
		free(v);
	}
	buf_free(&hold[0]);
	buf_free(&hold[1]);
	return rc;
}

int
pack_finish(const pack *k, int pdf, const buf *staged, buf *out, char *why, size_t n)
{
	buf data;
	buf_init(&data);
	int rc = pack_stage_data(k, &data, why, n);
	if (rc == 0)
		rc = pack_finish_data(k, pdf, staged, &data, out, why, n);
	buf_free(&data);
	return rc;
}

int
pack_write(const pack *k, const buf *prev, buf *out, char *why, size_t n)
{
	int pdf = k->pdf.offered;
	buf staged;
	buf_init(&staged);
	int rc = pack_stage(k, pdf, prev, &staged, why, n);
	if (rc == 0)
		rc = pack_finish(k, pdf, &staged, out, why, n);
	buf_free(&staged);
	return rc;
}
