/* chart_directive: a chart directive as a numbered <figure> (light and dark SVG, caption,
 * source line, download links, data table) and its files: the SVGs the page shows, and
 * the downloads (SVG, PNG, PDF with the chart's title, source, date and report drawn
 * around it; CSV). */
#include "render/chart_spec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache/cache.h"
#include "chart/chart_key.h"
#include "model/format.h"
#include "render/page.h"

/* One produced file's suffix and format (-1: the CSV, which stays last). */
static const struct {
	const char *suffix; /* appended to "charts/<id>" */
	int fmt;            /* chart_format, or -1 for the CSV */
	int dark;           /* 1: the dark theme */
	int narrow;         /* 1: the phone variant's size */
	int framed;         /* 1: a download: title, source, date and report drawn around */
} chart_outs[] = {
	{ ".svg", CHART_SVG, 0, 0, 0 },
	{ "-dark.svg", CHART_SVG, 1, 0, 0 },
	{ "-narrow.svg", CHART_SVG, 0, 1, 0 },
	{ "-narrow-dark.svg", CHART_SVG, 1, 1, 0 },
	{ "-download.svg", CHART_SVG, 0, 0, 1 },
	{ ".png", CHART_PNG, 0, 0, 1 },
	{ ".pdf", CHART_PDF, 0, 0, 1 },
	{ ".csv", -1, 0, 0, 0 },
};

/* Adds the file charts/<id><suffix> to r's files: b's bytes (taken over), or with b
 * NULL none (the file is len bytes starting with head, in the build cache under id);
 * id (or NULL) names the bytes. Returns the file. */
static render_file *
add_file(rnd *r, const char *id, const char *suffix, buf *b, size_t len,
    const uint8_t *key, const void *head)
{
	buf path;
	buf_init(&path);
	buf_printf(&path, "charts/%s%s", id, suffix);
	r->files = util_xrealloc(r->files, (r->nfiles + 1) * sizeof *r->files);
	render_file *f = &r->files[r->nfiles++];
	memset(f, 0, sizeof *f);
	f->path = buf_detach(&path);
	f->len = b != NULL ? b->len : len;
	f->data = b == NULL ? NULL : b->data ? buf_detach(b) : util_xcalloc(1, 1);
	f->has_id = key != NULL;
	if (key != NULL)
		memcpy(f->id, key, SHA256_LEN);
	size_t nh = f->len < RENDER_FILE_HEAD ? f->len : RENDER_FILE_HEAD;
	if (nh > 0)
		memcpy(f->head, f->data != NULL ? f->data : head, nh);
	return f;
}

void
render_chart_errors(rnd *r, const cspec *c, const chart_job *jobs, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		size_t first = 0;
		while (first < k && (jobs[first].rc == 0 || strcmp(jobs[first].why, jobs[k].why) != 0))
			first++;
		if (jobs[k].rc != 0 && first == k)
			diag_error(r->d, c->pos, "chart '%s': %s", c->id, jobs[k].why);
	}
}

enum { NOUTS = sizeof chart_outs / sizeof *chart_outs }; /* files per chart */

/* Stores in key the build cache's key of c's files: the spec as drawn, the downloads'
 * frame f (title, source, as-of date, report name and link), the report's date
 * (written into the PDF) and the fonts. */
static void
chart_key(const rnd *r, const cspec *c, const chart_frame *f, uint8_t key[SHA256_LEN])
{
	sha256_ctx h;
	cache_key_init(&h, r->c->cache, "chart");
	sha256_feed_i64(&h, NOUTS);
	sha256_feed_str(&h, r->rep->as_of);
	chart_fonts_digest(&h);
	chart_spec_digest(&c->s, &h);
	chart_frame_digest(f, &h);
	sha256_final(&h, key);
}

/* Appends source src as the source line writes it: publisher, "title" (the quotes
 * typographic) or [description], after "; " unless first. */
static void
source_item(const rep_source *src, int first, buf *b)
{
	buf_printf(b, "%s%s%s%s%s%s", first ? "" : "; ", src->publisher ? src->publisher : "",
	    src->publisher ? ", " : "", src->described ? "[" : "\xe2\x80\x9c", src->title,
	    src->described ? "]" : "\xe2\x80\x9d");
}

/* The source line's start when the chart names no source, and its web-only note. */
#define SOURCE_OWN "Source: calculated by this report from its data files"
#define SOURCE_OWN_CSV " (the CSV holds the numbers drawn)"

/* Appends c's source line as plain text (the figure's, without citation numbers and
 * the web-only note). */
static void
source_text(const rnd *r, const cspec *c, buf *b)
{
	const yt_node *s = c->source;
	size_t n = s == NULL ? 0 : s->kind == YT_SCALAR ? 1 : s->n;
	buf_puts(b, n ? "Source: " : SOURCE_OWN);
	for (size_t i = 0; i < n; i++) {
		const char *id = s->kind == YT_SCALAR ? s->str : s->vals[i]->str;
		source_item(&r->rep->sources[report_source_index(r->rep, id)], i == 0, b);
	}
	buf_putc(b, '.');
}

/* The texts drawn around the downloads of c (title: the chart's), kept in t (3 bufs
 * the caller frees) while f points into them: title, caption, source line, "As of"
 * date, report name, and the chart page's address when report.yaml has a base_url. */
static void
download_frame(const rnd *r, const cspec *c, const char *title, chart_frame *f, buf t[3])
{
	for (int k = 0; k < 3; k++)
		buf_init(&t[k]);
	source_text(r, c, &t[0]);
	buf_puts(&t[1], "As of ");
	page_put_date(&t[1], r->rep->as_of);
	if (r->rep->base_url != NULL && r->rep->base_url[0] != '\0')
		buf_printf(&t[2], "%scharts/%s.html", r->rep->base_url, c->id);
	memset(f, 0, sizeof *f);
	f->title = title;
	f->subtitle = c->s.caption != title ? c->s.caption : NULL;
	f->source = buf_str(&t[0]);
	f->date = buf_str(&t[1]);
	f->credit = r->rep->title;
	f->link = t[2].len ? buf_str(&t[2]) : NULL;
}

/* The first bytes of a chart's entry in the build cache: what its files are. Each file
 * but the CSV is an entry of its own (file_key), read only when needed. */
#define CHART_INDEX_MAGIC "mkreport-chart-2"

/* Stores in out the build cache's key of file k of the chart whose key is key. */
static void
file_key(const uint8_t key[SHA256_LEN], size_t k, uint8_t out[SHA256_LEN])
{
	sha256_ctx h;
	sha256_init(&h);
	sha256_feed_str(&h, "chart-file");
	sha256_feed_mem(&h, key, SHA256_LEN);
	sha256_feed_i64(&h, (int64_t)k);
	sha256_final(&h, out);
}

int
render_file_fetch(struct cache *c, const render_file *f, buf *out)
{
	if (f->data != NULL) {
		buf_append(out, f->data, f->len);
		return 0;
	}
	buf b;
	buf_init(&b);
	int rc = c != NULL && f->has_id && cache_get_uncounted(c, f->id, &b) == 0 &&
	    b.len == f->len ? 0 : -1;
	if (rc == 0)
		buf_append(out, b.data ? b.data : "", b.len);
	buf_free(&b);
	return rc;
}

/* Adds c's files from the cache entry under key to r's files: the CSV read, the others
 * read too if r->c->cache_read, else left in the cache (kept for the next build).
 * Returns 0, or -1 (nothing added) if there is no such entry or a file is missing. */
static int
chart_files_cached(rnd *r, const cspec *c, const uint8_t key[SHA256_LEN])
{
	buf e;
	buf_init(&e);
	int rc = cache_get_uncounted(r->c->cache, key, &e);
	const char *s = e.data, *magic, *len[NOUTS], *head[NOUTS], *csv = NULL;
	size_t left = e.len, nm = 0, nl[NOUTS], nh[NOUTS], ncsv = 0;
	if (rc == 0)
		rc = cache_unpack(&s, &left, &magic, &nm);
	if (rc == 0 && (nm != strlen(CHART_INDEX_MAGIC) || memcmp(magic, CHART_INDEX_MAGIC, nm)))
		rc = -1;
	for (size_t k = 0; rc == 0 && k < NOUTS; k++)
		if (cache_unpack(&s, &left, &len[k], &nl[k]) != 0 || nl[k] != 8 ||
		    cache_unpack(&s, &left, &head[k], &nh[k]) != 0 || nh[k] > RENDER_FILE_HEAD)
			rc = -1;
	if (rc == 0)
		rc = cache_unpack(&s, &left, &csv, &ncsv);
	size_t first = r->nfiles;
	for (size_t k = 0; rc == 0 && left == 0 && k < NOUTS; k++) {
		uint64_t n = 0;
		for (int i = 7; i >= 0; i--)
			n = n << 8 | (unsigned char)len[k][i];
		if (nh[k] != (n < RENDER_FILE_HEAD ? n : RENDER_FILE_HEAD) ||
		    (chart_outs[k].fmt < 0 && ncsv != n)) {
			rc = -1; /* not what chart_files_store writes */
			break;
		}
		uint8_t fk[SHA256_LEN];
		file_key(key, k, fk);
		buf b;
		buf_init(&b);
		render_file *f;
		if (chart_outs[k].fmt < 0) {
			buf_append(&b, csv, ncsv);
			f = add_file(r, c->id, chart_outs[k].suffix, &b, 0, fk, NULL);
		} else {
			f = add_file(r, c->id, chart_outs[k].suffix, NULL, (size_t)n, fk, head[k]);
			cache_keep(r->c->cache, fk);
		}
		if (r->c->cache_read && f->data == NULL) {
			if (render_file_fetch(r->c->cache, f, &b) == 0)
				f->data = b.data ? buf_detach(&b) : util_xcalloc(1, 1);
			else
				rc = -1;
		}
		buf_free(&b);
	}
	if (rc == 0 && left != 0)
		rc = -1;
	if (rc != 0) { /* take back what was added */
		for (size_t k = first; k < r->nfiles; k++) {
			free(r->files[k].path);
			free(r->files[k].data);
		}
		r->nfiles = first;
	}
	cache_count(r->c->cache, rc == 0);
	buf_free(&e);
	return rc;
}

/* Stores the last NOUTS files of r (c's, just drawn) in the cache under key: the index
 * (each file's length and first bytes, the CSV whole) and each other file alone. */
static void
chart_files_store(rnd *r, const uint8_t key[SHA256_LEN])
{
	buf e;
	buf_init(&e);
	cache_pack(&e, CHART_INDEX_MAGIC, strlen(CHART_INDEX_MAGIC));
	const render_file *f = &r->files[r->nfiles - NOUTS];
	for (size_t k = 0; k < NOUTS; k++) {
		unsigned char len[8];
		for (int i = 0; i < 8; i++)
			len[i] = (unsigned char)((uint64_t)f[k].len >> (8 * i));
		cache_pack(&e, len, 8);
		cache_pack(&e, f[k].head, f[k].len < RENDER_FILE_HEAD ? f[k].len : RENDER_FILE_HEAD);
		if (chart_outs[k].fmt >= 0)
			cache_put(r->c->cache, f[k].id, f[k].data, f[k].len);
	}
	cache_pack(&e, f[NOUTS - 1].data, f[NOUTS - 1].len);
	cache_put(r->c->cache, key, e.data, e.len);
	buf_free(&e);
}

/* Draws every file of c into r's files (the downloads framed by frame), the drawings on
 * r->c->jobs threads, or takes them from the build cache when it has them. Returns 0,
 * or -1 after an error at c->pos. */
static int
chart_files_draw(rnd *r, cspec *c, const chart_frame *frame)
{
	uint8_t key[SHA256_LEN];
	if (r->c->cache != NULL) {
		chart_key(r, c, frame, key);
		if (chart_files_cached(r, c, key) == 0)
			return 0;
		buf name; /* for build -v */
		buf_init(&name);
		buf_printf(&name, "charts/%s.*", c->id);
		cache_computed(r->c->cache, buf_str(&name));
		buf_free(&name);
	}
	chart_spec specs[NOUTS];
	chart_job jobs[NOUTS];
	buf bufs[NOUTS];
	size_t n = 0;
	for (size_t k = 0; k < NOUTS; k++) {
		buf_init(&bufs[k]);
		specs[k] = c->s;
		specs[k].dark = chart_outs[k].dark;
		specs[k].frame = chart_outs[k].framed ? frame : NULL;
		if (chart_outs[k].narrow) {
			specs[k].width = CHART_NARROW_WIDTH;
			specs[k].height = CHART_NARROW_HEIGHT;
		}
		if (chart_outs[k].fmt < 0) {
			chart_csv(&c->s, &bufs[k]);
			continue;
		}
		memset(&jobs[n], 0, sizeof jobs[n]);
		jobs[n].s = &specs[k];
		jobs[n].fmt = (chart_format)chart_outs[k].fmt;
		jobs[n].out = &bufs[k];
		n++;
	}
	int rc = chart_render_set(jobs, n, r->rep->as_of, r->c->jobs);
	render_chart_errors(r, c, jobs, n);
	for (size_t k = 0; k < NOUTS; k++) {
		uint8_t fk[SHA256_LEN];
		if (r->c->cache != NULL)
			file_key(key, k, fk);
		if (rc == 0)
			add_file(r, c->id, chart_outs[k].suffix, &bufs[k], 0,
			    r->c->cache != NULL ? fk : NULL, NULL);
		buf_free(&bufs[k]);
	}
	if (rc == 0 && r->c->cache != NULL)
		chart_files_store(r, key);
	return rc;
}

/* Draws or takes from the cache every file of c, whose title is title (chart_files_draw),
 * with the downloads' frame made of c's texts and the report's. */
static int
chart_files(rnd *r, cspec *c, const char *title)
{
	chart_frame frame;
	buf texts[3];
	download_frame(r, c, title, &frame, texts);
	int rc = chart_files_draw(r, c, &frame);
	diag_progress("charts", r->c->figs != NULL ? r->c->figs->ncharts : 0);
	for (int k = 0; k < 3; k++)
		buf_free(&texts[k]);
	return rc;
}

/* Appends <a href="charts/<id><suffix>">text</a> to parent. */
static void
file_link(rnd *r, xmlNodePtr parent, const char *id, const char *suffix, const char *text)
{
	buf href;
	buf_init(&href);
	buf_printf(&href, "charts/%s%s", id, suffix);
	render_attr(render_el_text(r, parent, "a", NULL, text), "href", buf_str(&href));
	buf_free(&href);
}

/* Sets el's width and height attributes to w x h. */
static void
size_attrs(xmlNodePtr el, int w, int h)
{
	char num[16];
	snprintf(num, sizeof num, "%d", w);
	render_attr(el, "width", num);
	snprintf(num, sizeof num, "%d", h);
	render_attr(el, "height", num);
}

/* Appends <source srcset="charts/<id><suffix>" media="media"> (sized when w > 0). */
static void
picture_source(rnd *r, xmlNodePtr pic, const char *id, const char *suffix,
    const char *media, int w, int h)
{
	buf src;
	buf_init(&src);
	buf_printf(&src, "charts/%s%s", id, suffix);
	xmlNodePtr source = render_el(r, pic, "source");
	render_attr(source, "srcset", buf_str(&src));
	render_attr(source, "media", media);
	if (w > 0)
		size_attrs(source, w, h);
	buf_free(&src);
}

/* <picture>: the narrow SVGs on phones, the dark SVG for dark schemes, the light one
 * as the <img> with alt. */
static void
picture(rnd *r, const cspec *c, xmlNodePtr fig)
{
	buf src;
	buf_init(&src);
	xmlNodePtr pic = render_el(r, fig, "picture");
	picture_source(r, pic, c->id, "-narrow-dark.svg",
	    NARROW_MEDIA " and (prefers-color-scheme: dark)", CHART_NARROW_WIDTH,
	    CHART_NARROW_HEIGHT);
	picture_source(r, pic, c->id, "-narrow.svg", NARROW_MEDIA, CHART_NARROW_WIDTH,
	    CHART_NARROW_HEIGHT);
	picture_source(r, pic, c->id, "-dark.svg", "(prefers-color-scheme: dark)", 0, 0);
	buf_printf(&src, "charts/%s.svg", c->id);
	xmlNodePtr img = render_el(r, pic, "img");
	render_attr(img, "src", buf_str(&src));
	render_attr(img, "alt", c->s.alt);
	size_attrs(img, c->s.width ? c->s.width : CHART_DEFAULT_WIDTH,
	    c->s.height ? c->s.height : CHART_DEFAULT_HEIGHT);
	buf_free(&src);
}

/* The source line: each source's publisher and title with a citation into the notes,
 * or the report's own calculation. */
static void
source_line(rnd *r, const cspec *c, xmlNodePtr cap)
{
	xmlNodePtr p = render_el_class(r, cap, "p", "chart-source");
	const yt_node *s = c->source;
	size_t n = s == NULL ? 0 : s->kind == YT_SCALAR ? 1 : s->n;
	if (n == 0) { /* the CSV note is for the site only: report.pdf has no CSV */
		xmlNodePtr s0 = render_el_text(r, p, "span", NULL, SOURCE_OWN);
		render_el_text(r, s0, "span", "web-only", SOURCE_OWN_CSV);
		render_add_text(r, s0, ".", 1);
		return;
	}
	render_add_text(r, p, "Source: ", 8);
	for (size_t i = 0; i < n; i++) {
		const char *id = s->kind == YT_SCALAR ? s->str : s->vals[i]->str;
		const rep_source *src = &r->rep->sources[report_source_index(r->rep, id)];
		buf b;
		buf_init(&b);
		source_item(src, i == 0, &b);
		render_add_text(r, p, b.data, b.len);
		buf_reset(&b);
		buf_printf(&b, "[@%s]", id);
		render_text(r, b.data, b.len, p);
		buf_free(&b);
	}
	render_add_text(r, p, ".", 1);
}

/* The links row: the downloads (SVG, PNG, PDF: framed), CSV and the chart's own page. */
static void
links_row(rnd *r, const cspec *c, xmlNodePtr cap)
{
	static const char *const sfx[] = { "-download.svg", ".png", ".pdf", ".csv", ".html" };
	static const char *const txt[] = { "SVG", "PNG", "PDF", "CSV", "Chart page" };
	xmlNodePtr p = render_el_class(r, cap, "p", "chart-links");
	render_add_text(r, p, "Download: ", 10);
	for (size_t i = 0; i < 5; i++) {
		if (i)
			render_add_text(r, p, " \xc2\xb7 ", 4);
		file_link(r, p, c->id, sfx[i], txt[i]);
	}
}

/* Reads one CSV field at *s (RFC 4180) into b; moves *s past it and its comma or line
 * end; sets *quoted to 1 for a quoted field (always text: numbers are never quoted). A
 * quoted field's leading apostrophe is csv_text's guard and is dropped. Returns 1 if
 * the field ended its line. */
static int
csv_field(const char **s, buf *b, int *quoted)
{
	const char *p = *s;
	buf_reset(b);
	*quoted = *p == '"';
	if (*p == '"') {
		p += p[1] == '\'';
		for (p++; *p && !(*p == '"' && p[1] != '"'); p++) {
			if (*p == '"')
				p++;
			buf_putc(b, *p);
		}
		if (*p == '"')
			p++;
	} else {
		while (*p && *p != ',' && *p != '\n')
			buf_putc(b, *p++);
	}
	int eol = *p != ',';
	*s = *p ? p + 1 : p;
	return eol;
}

/* Appends one data cell: the header row and first column as <th>, numbers (except
 * years and months) formatted by the value axis, other text (and every quoted field)
 * as is. */
static void
data_cell(rnd *r, const cspec *c, xmlNodePtr tr, const char *text, int quoted,
    const char *col, int head, size_t i)
{
	char *end;
	double v = strtod(text, &end);
	int num = !head && !quoted && i > 0 && text[0] && *end == '\0' &&
	    strcmp(col, "year") != 0 && strcmp(col, "month") != 0;
	if (head && i == 0 && *cspec_column_heading(c, text) == '\0') {
		render_el(r, tr, "td"); /* the corner: no better name than "category" */
		return;
	}
	if (head || i == 0) {
		render_attr(render_el_text(r, tr, "th", NULL, head ? cspec_column_heading(c, text) :
		    text), "scope", head ? "col" : "row");
		return;
	}
	if (!num) {
		render_el_text(r, tr, "td", NULL, text);
		return;
	}
	buf f;
	buf_init(&f);
	format_value(v, c->s.y.unit, c->s.y.format, &f);
	render_el_text(r, tr, "td", "num", buf_str(&f));
	buf_free(&f);
}

/* Appends the CSV row at *s (moved past it) to section sec as a <tr>; a header row's
 * fields are also stored in cols (*ncols) when cols is not NULL. */
static void
data_row(rnd *r, const cspec *c, const char **s, xmlNodePtr sec, char ***cols,
    size_t *ncols, int head)
{
	xmlNodePtr tr = render_el(r, sec, "tr");
	buf f;
	buf_init(&f);
	for (size_t i = 0;; i++) {
		int quoted, eol = csv_field(s, &f, &quoted);
		if (head) {
			*cols = util_xrealloc(*cols, (i + 1) * sizeof(char *));
			(*cols)[i] = util_xstrdup(buf_str(&f));
			*ncols = i + 1;
		}
		data_cell(r, c, tr, buf_str(&f), quoted, i < *ncols ? (*cols)[i] : "", head, i);
		if (eol)
			break;
	}
	buf_free(&f);
}

/* <details><summary>Data</summary><table>: the CSV's rows, numbers formatted. */
static void
data_table(rnd *r, const cspec *c, const char *csv, xmlNodePtr cap)
{
	xmlNodePtr det = render_el_class(r, cap, "details", "chart-data");
	render_el_text(r, det, "summary", NULL, "Data");
	xmlNodePtr table = render_el(r, det, "table");
	/* It scrolls sideways on a phone: a tab stop with a name (axe's
	   scrollable-region-focusable). */
	buf name;
	buf_init(&name);
	buf_printf(&name, "Data: %s", c->s.title);
	render_attr(table, "tabindex", "0");
	render_attr(table, "aria-label", buf_str(&name));
	buf_free(&name);
	char **cols = NULL;
	size_t ncols = 0;
	const char *s = csv;
	if (*s)
		data_row(r, c, &s, render_el(r, table, "thead"), &cols, &ncols, 1);
	xmlNodePtr body = render_el(r, table, "tbody");
	while (*s)
		data_row(r, c, &s, body, &cols, &ncols, 0);
	render_table_phone(table, NULL);
	for (size_t k = 0; k < ncols; k++)
		free(cols[k]);
	free(cols);
	render_table_tidy(table); /* numeric headings right, over their figures */
}

/* Builds the figure: picture, then the caption with title, text, source, links, data. */
static void
figure(rnd *r, const cspec *c, int number, const char *csv, xmlNodePtr parent)
{
	buf b;
	buf_init(&b);
	buf_printf(&b, "fig-%s", c->id);
	xmlNodePtr fig = render_el_class(r, parent, "figure", "chart");
	render_attr(fig, "id", buf_str(&b));
	picture(r, c, fig);
	xmlNodePtr cap = render_el(r, fig, "figcaption");
	xmlNodePtr title = render_el_class(r, cap, "p", "chart-title");
	buf_reset(&b);
	buf_printf(&b, "Figure %d.", number);
	render_el_text(r, title, "span", "fig-num", buf_str(&b));
	buf_reset(&b);
	buf_printf(&b, " %s", c->s.title);
	render_add_text(r, title, b.data, b.len);
	if (c->s.caption != NULL)
		render_el_text(r, cap, "p", "chart-caption", c->s.caption);
	source_line(r, c, cap);
	links_row(r, c, cap);
	data_table(r, c, csv, cap);
	buf_free(&b);
}

/* Records the figure for its chart page. */
static void
add_chart(rnd *r, const cspec *c, int number)
{
	buf t;
	buf_init(&t);
	buf_printf(&t, "Figure %d. %s", number, c->s.title);
	r->charts = util_xrealloc(r->charts, (r->ncharts + 1) * sizeof *r->charts);
	r->charts[r->ncharts].id = util_xstrdup(c->id);
	r->charts[r->ncharts].title = buf_detach(&t);
	r->charts[r->ncharts].caption = util_xstrdup(c->s.caption ? c->s.caption : c->s.title);
	r->ncharts++;
}

void
render_chart_directive(rnd *r, const yt_node *root, int fence_line, xmlNodePtr parent)
{
	char why[256];
	cspec *c = cspec_read(r, root, render_pos(r, fence_line, 1));
	if (c == NULL)
		return;
	const char *title = c->s.title;
	c->s.title = NULL; /* the page shows it in the caption, not in the image */
	if (c->s.caption == NULL)
		c->s.caption = title;
	if (chart_validate(&c->s, why, sizeof why) != 0) {
		diag_error(r->d, c->pos, "chart '%s': %s", c->id, why);
	} else if (chart_files(r, c, title) == 0) {
		if (r->c->pdf && r->c->figs != NULL) /* the PDF draws it from this copy */
			render_specs_add(r->c->figs->specs, c->id, &c->s);
		if (r->specs == NULL) /* the share cards draw it from this copy */
			r->specs = render_specs_new();
		render_specs_add(r->specs, c->id, &c->s);
		int number = render_figure_number(r, c->id);
		const char *caption = c->s.caption == title ? NULL : c->s.caption;
		const render_file *csv = &r->files[r->nfiles - 1];
		c->s.title = title;
		c->s.caption = caption;
		figure(r, c, number, csv->data, parent);
		add_chart(r, c, number);
	}
	cspec_free(c);
}
