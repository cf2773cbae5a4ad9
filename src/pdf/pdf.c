/* pdf: the whole report as one PDF: title page, linked contents, every section, an
 * outline; typeset in parts (the title and contents, then runs of sections), each
 * once, taken from the build cache when its inputs are unchanged, then joined. */
#include "pdf/pdf.h"
#include "pdf/pdf_int.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>

#include "cache/cache.h"
#include "chart/chart.h"

enum {
	TOC_PER_PAGE = 28, /* contents entries on one page */
	PARTS_MAX = 32     /* parts of sections report.pdf is joined from, at most */
};

#define TOC_ROW 22.0 /* points per contents entry */

/* cairo_write_func_t: appends to the buf closure. */
static cairo_status_t
write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	buf_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* Draws s at (x, y) in size pt, weight w, wrapped at width; returns its height. */
static double
text_at(pdf_doc *t, const char *s, double size, PangoWeight w, double x, double y)
{
	PangoLayout *l = pdf_layout(t, size, w, PDF_WIDTH);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD);
	pango_layout_set_text(l, s, -1);
	pdf_draw_at(t, l, x, y);
	PangoRectangle lr;
	pango_layout_get_extents(l, NULL, &lr);
	g_object_unref(l);
	return lr.height / (double)PANGO_SCALE;
}

/* Sets contents entry i (title, page number) at the flow's y, linked to its section. */
static void
toc_entry(pdf_doc *t, size_t i)
{
	const rep_section *s = &t->c->rep->sections[i];
	char num[16];
	snprintf(num, sizeof num, "%d", t->toc_page[i]);
	buf at;
	buf_init(&at);
	buf_printf(&at, "dest='sec-%s' rect=[%.2f %.2f %.2f %.2f]", s->slug, PDF_LEFT,
	    t->y - 3, PDF_WIDTH, TOC_ROW - 2);
	pdf_tag(t, "TOCI");
	pdf_tag_leaf_attrs(t, CAIRO_TAG_LINK, at.data);
	buf_free(&at);
	PangoLayout *l = pdf_layout(t, 11, PANGO_WEIGHT_NORMAL, PDF_WIDTH - 40);
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	pango_layout_set_text(l, s->title, -1);
	pdf_draw_at(t, l, PDF_LEFT, t->y);
	pdf_tag_end(t);
	pdf_tag_leaf(t, "Reference"); /* the page number, read apart from the title */
	pango_layout_set_width(l, 40 * PANGO_SCALE);
	pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
	pango_layout_set_text(l, num, -1);
	pdf_draw_at(t, l, PDF_LEFT + PDF_WIDTH - 40, t->y);
	g_object_unref(l);
	pdf_tag_end(t);
	pdf_artifact_begin(t);
	cairo_set_line_width(t->cr, 0.3);
	pdf_rgb(t, 0.8, 0.8, 0.8);
	cairo_move_to(t->cr, PDF_LEFT, t->y + TOC_ROW - 5);
	cairo_line_to(t->cr, PDF_LEFT + PDF_WIDTH, t->y + TOC_ROW - 5);
	cairo_stroke(t->cr);
	pdf_artifact_end(t);
	pdf_tag_end(t);
	pdf_rgb(t, 0.1, 0.1, 0.1);
	t->y += TOC_ROW;
}

/* Sets the contents pages: every section with its first page. */
static void
contents(pdf_doc *t)
{
	for (size_t i = 0; i < t->c->rep->nsections; i++) {
		if (i % TOC_PER_PAGE == 0) {
			pdf_page_new(t);
			if (i == 0) {
				pdf_tag_leaf(t, "H1");
				text_at(t, "Contents", 20, PANGO_WEIGHT_SEMIBOLD, PDF_LEFT, t->y);
				pdf_tag_end(t);
				t->y += 44;
				pdf_tag(t, "TOC");
			}
		}
		toc_entry(t, i);
	}
	if (t->c->rep->nsections > 0)
		pdf_tag_end(t);
}

/* Sets section i from its kept article art (NULL: an error). */
static void
section(pdf_doc *t, size_t i, xmlNodePtr art)
{
	t->section = (long)i;
	t->size = PDF_BODY;
	pdf_page_new(t);
	t->sec_page[i] = t->page;
	pdf_tag(t, "Sect");
	buf dest;
	buf_init(&dest);
	buf_printf(&dest, "sec-%s", t->c->rep->sections[i].slug);
	pdf_outline_add(t, 1, t->c->rep->sections[i].title, dest.data);
	buf_free(&dest);
	if (art != NULL) {
		pdf_blocks(t, art, PDF_LEFT);
	} else {
		diag_error(t->c->d, diag_file_pos(t->c->d, "report.pdf"),
		    "section '%s' has no page to typeset", t->c->rep->sections[i].slug);
		t->failed = 1;
	}
	if (t->marker) {
		g_object_unref(t->marker);
		t->marker = NULL;
	}
	pdf_tag_end(t);
}

/* Sets the fixed metadata of sf: title, subject, author, keywords, the tool and its
 * version as the creator, and the report's date as both dates. */
static void
metadata(cairo_surface_t *sf, const report *r)
{
	char iso[40];
	buf kw;
	buf_init(&kw);
	for (size_t i = 0; i < r->nkeywords; i++)
		buf_printf(&kw, "%s%s", i ? ", " : "", r->keywords[i]);
	if (kw.len > 0)
		cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_KEYWORDS, kw.data);
	buf_free(&kw);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR, "mkreport " MKR_VERSION);
	snprintf(iso, sizeof iso, "%.10sT00:00:00Z", r->as_of ? r->as_of : "2000-01-01");
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE, r->title);
	if (r->author)
		cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_AUTHOR, r->author);
	if (r->subtitle)
		cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_SUBJECT, r->subtitle);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATE_DATE, iso);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_MOD_DATE, iso);
}

/* Returns a context on fm for the typesetter: 72 dpi, no hinting, glyphs at the font's
 * own advances (not rounded to whole points: a PDF is vectors, and exact advances let
 * cairo write each word as one string without a correction per glyph). */
static PangoContext *
context_new(PangoFontMap *fm)
{
	PangoContext *pc = pango_font_map_create_context(fm);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(pc, fo);
	pango_cairo_context_set_resolution(pc, 72);
	pango_context_set_round_glyph_positions(pc, FALSE);
	cairo_font_options_destroy(fo);
	return pc;
}

/* Returns how many sections of a report of n go into one part: 1 up to PARTS_MAX
 * sections, else as many as keep the parts at most PARTS_MAX (each part carries
 * font subsets of its own, so their number stays bounded). */
static size_t
part_size(size_t n)
{
	return n <= PARTS_MAX ? 1 : (n + PARTS_MAX - 1) / PARTS_MAX;
}

/* The parts of report.pdf being made: part 0 the title and contents, then the
 * sections in groups of part_size. */
typedef struct part_set {
	const render_ctx *c;   /* the report, its diagnostics and cache */
	const pdf_book *book;  /* the articles being set */
	PangoContext *pc;      /* the typesetter's context (context_new) */
	GHashTable *caches[3]; /* layouts, words and paragraphs, shared by every part */
	pdf_shapes *shapes;    /* words shaped by earlier builds, or NULL */
	int use_cache;         /* 1: parts are looked up in and stored into c->cache */
	pdf_part *parts;       /* the parts, nparts entries (owned) */
	size_t nparts;         /* 1 + the number of groups of sections */
	int *sec;              /* each section's first page (owned) */
	buf *keys;             /* NULL, or where each part's cache key is appended */
} part_set;

/* Typesets one part of report.pdf into p (cleared first) as a PDF of its own: with
 * title 1 the title page and the contents (page numbers from
 * ps->sec) else sections [from, to) of ps->book, their pages numbered after page0;
 * the structure under one Document element, no outline (pdf_join writes it from p's
 * entries). Layouts and words are taken from and kept in ps->caches; ps->sec receives
 * each section's first page. Returns 0 or -1 after recording errors. */
static int
typeset_part(const part_set *ps, size_t from, size_t to, int title, int page0, pdf_part *p)
{
	const render_ctx *c = ps->c;
	pdf_part_clear(p);
	cairo_surface_t *sf = cairo_pdf_surface_create_for_stream(write_buf, &p->pdf,
	    PDF_PAGE_W, PDF_PAGE_H);
	metadata(sf, c->rep);
	pdf_doc t;
	memset(&t, 0, sizeof t);
	t.c = c;
	t.book = ps->book;
	t.cr = cairo_create(sf);
	t.pc = ps->pc;
	t.laid = ps->caches[0];
	t.words = ps->caches[1];
	t.paras = ps->caches[2];
	t.shapes = ps->shapes;
	t.section = -1;
	t.sec_page = ps->sec;
	t.toc_page = ps->sec;
	t.size = PDF_BODY;
	t.tags = pdf_tags_new();
	t.page = t.page0 = page0;
	pdf_tag(&t, "Document");
	if (title) {
		pdf_title_page(&t);
		contents(&t);
	}
	for (size_t i = from; !title && i < to; i++)
		section(&t, i, pdf_book_article(ps->book, i));
	pdf_tag_end(&t);
	cairo_show_page(t.cr);
	cairo_status_t st = cairo_status(t.cr);
	cairo_destroy(t.cr);
	cairo_surface_finish(sf);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	char why[256];
	if (st != CAIRO_STATUS_SUCCESS)
		diag_error(c->d, diag_file_pos(c->d, "report.pdf"), "cannot write the PDF: %s",
		    cairo_status_to_string(st));
	else if (!t.failed && pdf_mark_artifacts(&p->pdf, why, sizeof why) != 0)
		st = CAIRO_STATUS_WRITE_ERROR; /* cannot happen with cairo's own file */
	p->npages = t.page - t.page0;
	pdf_part_take(p, t.tags, title ? NULL : ps->sec + from, title ? 0 : to - from, page0);
	pdf_tags_free(t.tags);
	return st != CAIRO_STATUS_SUCCESS || t.failed ? -1 : 0;
}

/* Sets part k of ps (k 0: the title and contents; else sections [from, to), whose
 * first page follows page0 pages): from the cache if an earlier build made it from the
 * same inputs, else typeset (and stored). Returns 0 or -1. */
static int
make_part(part_set *ps, size_t k, size_t from, size_t to, int page0)
{
	const render_ctx *c = ps->c;
	pdf_part *p = &ps->parts[k];
	uint8_t key[SHA256_LEN];
	buf got;
	buf_init(&got);
	if (ps->use_cache) {
		if (k == 0)
			pdf_part_title_key(c, ps->book, ps->sec, key);
		else
			pdf_part_key(c, ps->book, from, to, page0, key);
		if (ps->keys != NULL)
			buf_append(ps->keys, key, SHA256_LEN);
		if (cache_get(c->cache, key, &got) == 0 &&
		    pdf_part_unpack(p, got.data, got.len, k == 0 ? 0 : to - from) == 0) {
			for (size_t i = from; k > 0 && i < to; i++)
				ps->sec[i] = page0 + 1 + p->first[i - from];
			buf_free(&got);
			return 0;
		}
		buf name; /* for build -v */
		buf_init(&name);
		buf_printf(&name, "report.pdf part %zu", k);
		cache_computed(c->cache, buf_str(&name));
		buf_free(&name);
	}
	int rc = typeset_part(ps, from, to, k == 0, page0, p);
	if (rc == 0 && ps->use_cache) {
		buf_reset(&got);
		pdf_part_pack(p, &got);
		cache_put(c->cache, key, got.data ? got.data : "", got.len);
	}
	buf_free(&got);
	return rc;
}

/* Joins the parts of ps into out and finishes the result (pdf_finish): the report's
 * language and date, the alt texts of every part's figures. Returns 0, or -1 after
 * recording an error. */
static int
join(const part_set *ps, buf *out)
{
	const buf **bufs = util_xcalloc(ps->nparts + 1, sizeof *bufs);
	size_t nout = 0, nalts = 0;
	for (size_t k = 0; k < ps->nparts; k++) {
		nout += ps->parts[k].nout;
		nalts += ps->parts[k].nalts;
	}
	pdf_outline_entry *e = util_xcalloc(nout + 1, sizeof *e);
	const char **alts = util_xcalloc(nalts + 1, sizeof *alts);
	nout = nalts = 0;
	for (size_t k = 0; k < ps->nparts; k++) {
		const pdf_part *p = &ps->parts[k];
		bufs[k] = &p->pdf;
		memcpy(e + nout, p->out, p->nout * sizeof *e);
		nout += p->nout;
		for (size_t i = 0; i < p->nalts; i++)
			alts[nalts++] = p->alts[i];
	}
	char why[256] = "";
	int rc = pdf_join(bufs, ps->nparts, e, nout, out, why, sizeof why);
	pdf_finish_info info = { ps->c->rep->lang, ps->c->rep->as_of, alts, nalts, e, nout };
	if (rc == 0)
		rc = pdf_finish_marked(out, &info, why, sizeof why);
	if (rc != 0)
		diag_error(ps->c->d, diag_file_pos(ps->c->d, "report.pdf"),
		    "cannot finish the PDF: %s", why);
	free(bufs);
	free(e);
	free(alts);
	return rc;
}

/* Typesets as pdf_report does, with the pango context pc (made by context_new): each
 * part typeset once (its first page is known from the parts before it) or taken from
 * the cache, the title and contents last, then the parts joined. */
static int
report_in(const render_ctx *c, const pdf_book *book, pdf_shapes *shapes, PangoContext *pc,
    buf *out, buf *keys)
{
	const report *r = c->rep;
	size_t n = r->nsections, per = part_size(n);
	if (pdf_book_count(book) != n)
		return -1;
	part_set ps = { c, book, pc, { pdf_laid_new(), pdf_words_new(), pdf_paras_new() },
		shapes, c->cache != NULL && pdf_book_streams(book), NULL, 1 + (n + per - 1) / per,
		util_xcalloc(n + 1, sizeof(int)), keys };
	ps.parts = util_xcalloc(ps.nparts, sizeof *ps.parts);
	int page = 1 + (int)((n + TOC_PER_PAGE - 1) / TOC_PER_PAGE), rc = 0;
	for (size_t k = 1; k < ps.nparts; k++) {
		size_t from = (k - 1) * per, to = from + per < n ? from + per : n;
		if (make_part(&ps, k, from, to, page) != 0)
			rc = -1;
		page += ps.parts[k].npages;
	}
	if (make_part(&ps, 0, 0, 0, 0) != 0)
		rc = -1;
	if (rc == 0) {
		buf_reset(out);
		rc = join(&ps, out);
	}
	for (int i = 0; i < 3; i++)
		g_hash_table_unref(ps.caches[i]);
	pdf_shapes_end(shapes);
	for (size_t k = 0; k < ps.nparts; k++)
		pdf_part_clear(&ps.parts[k]);
	free(ps.parts);
	free(ps.sec);
	return rc;
}

int
pdf_report(const render_ctx *c, const pdf_book *book, buf *out)
{
	return pdf_report_shaped(c, book, NULL, out);
}

int
pdf_report_shaped(const render_ctx *c, const pdf_book *book, pdf_shapes *shapes, buf *out)
{
	PangoFontMap *fm = pango_cairo_font_map_new();
	PangoContext *pc = context_new(fm);
	int rc = report_in(c, book, shapes, pc, out, NULL);
	g_object_unref(pc);
	g_object_unref(fm);
	return rc;
}

struct pdf_job {
	render_ctx c;          /* the caller's, with d replaced by the job's own */
	diag *outer;           /* the caller's diagnostics */
	pdf_book *book;        /* the articles (borrowed) */
	pdf_shapes *shapes;    /* words shaped before, or NULL (borrowed) */
	pthread_mutex_t lock;  /* guards go and cancel */
	pthread_cond_t cond;   /* signalled when go is set */
	int begun;             /* 1: c, outer, book and shapes are set (pdf_job_begin) */
	int go;                /* 1: the book and the chart specs are complete */
	int cancel;            /* 1: nothing is to be typeset */
	int threaded;          /* 1: thread runs the job */
	pthread_t thread;      /* the job's thread, when threaded */
	PangoFontMap *fm;      /* the job's font map (used by one thread only) */
	PangoContext *pc;      /* its context */
	buf out;               /* the PDF */
	buf keys;              /* the cache keys of its parts, SHA256_LEN bytes each */
	int rc;                /* what report_in returned */
};

/* Makes j's font map and context and loads the fonts of running text (regular,
 * medium, semibold, italic), so the work before the book is complete is done early. */
static void
job_fonts(pdf_job *j)
{
	static const PangoWeight weights[] = { PANGO_WEIGHT_NORMAL, PANGO_WEIGHT_MEDIUM,
		PANGO_WEIGHT_SEMIBOLD };
	j->fm = pango_cairo_font_map_new();
	j->pc = context_new(j->fm);
	PangoFontDescription *fd = pango_font_description_from_string("Inter 10");
	for (size_t i = 0; i < 2 * sizeof weights / sizeof *weights; i++) {
		pango_font_description_set_weight(fd, weights[i / 2]);
		pango_font_description_set_style(fd, i % 2 ? PANGO_STYLE_ITALIC :
		    PANGO_STYLE_NORMAL);
		PangoFont *f = pango_context_load_font(j->pc, fd);
		if (f != NULL)
			g_object_unref(f);
	}
	pango_font_description_free(fd);
}

/* Runs j: fonts first, then, once j->go, the typesetting unless cancelled. */
static void *
job_run(void *arg)
{
	pdf_job *j = arg;
	job_fonts(j);
	pthread_mutex_lock(&j->lock);
	while (!j->cancel && (!j->begun || (!j->go && !pdf_book_streams(j->book))))
		pthread_cond_wait(&j->cond, &j->lock);
	int cancel = j->cancel;
	pthread_mutex_unlock(&j->lock);
	if (!cancel)
		j->rc = report_in(&j->c, j->book, j->shapes, j->pc, &j->out, &j->keys);
	g_object_unref(j->pc);
	g_object_unref(j->fm);
	return NULL;
}

pdf_job *
pdf_job_early(void)
{
	pdf_job *j = util_xcalloc(1, sizeof *j);
	buf_init(&j->out);
	buf_init(&j->keys);
	pthread_mutex_init(&j->lock, NULL);
	pthread_cond_init(&j->cond, NULL);
	j->threaded = pthread_create(&j->thread, NULL, job_run, j) == 0;
	return j;
}

void
pdf_job_begin(pdf_job *j, const render_ctx *c, pdf_book *book, pdf_shapes *shapes)
{
	pthread_mutex_lock(&j->lock);
	j->c = *c;
	j->c.d = diag_new();
	j->outer = c->d;
	j->book = book;
	j->shapes = shapes;
	j->begun = 1;
	pthread_cond_signal(&j->cond);
	pthread_mutex_unlock(&j->lock);
}

pdf_job *
pdf_job_start(const render_ctx *c, pdf_book *book, pdf_shapes *shapes)
{
	pdf_job *j = pdf_job_early();
	pdf_job_begin(j, c, book, shapes);
	return j;
}

/* Frees j (its thread done) and what it holds. */
static void
job_free(pdf_job *j)
{
	diag_free(j->c.d);
	buf_free(&j->out);
	buf_free(&j->keys);
	pthread_mutex_destroy(&j->lock);
	pthread_cond_destroy(&j->cond);
	free(j);
}

void
pdf_job_drop(pdf_job *j)
{
	if (j == NULL)
		return;
	pthread_mutex_lock(&j->lock);
	j->cancel = 1;
	pthread_cond_signal(&j->cond);
	pthread_mutex_unlock(&j->lock);
	if (j->threaded)
		pthread_join(j->thread, NULL);
	job_free(j);
}

/* Sets j going (cancelled if cancel) and waits until it is done. */
static void
job_wait(pdf_job *j, int cancel)
{
	pdf_book_close(j->book);
	pthread_mutex_lock(&j->lock);
	if (!j->go)
		j->cancel = cancel;
	j->go = 1;
	pthread_cond_signal(&j->cond);
	pthread_mutex_unlock(&j->lock);
	if (j->threaded)
		pthread_join(j->thread, NULL);
	else
		job_run(j);
}

void
pdf_job_go(pdf_job *j)
{
	pdf_book_close(j->book);
	pthread_mutex_lock(&j->lock);
	j->go = 1;
	pthread_cond_signal(&j->cond);
	pthread_mutex_unlock(&j->lock);
}

int
pdf_job_finish(pdf_job *j, int keep, buf *out)
{
	return pdf_job_finish_keys(j, keep, out, NULL);
}

int
pdf_job_finish_keys(pdf_job *j, int keep, buf *out, buf *keys)
{
	job_wait(j, !keep);
	int rc = keep ? j->rc : 0;
	if (keep) {
		diag_move(j->outer, j->c.d);
		if (rc == 0)
			buf_append(out, j->out.data ? j->out.data : "", j->out.len);
		if (rc == 0 && keys != NULL)
			buf_append(keys, j->keys.data ? j->keys.data : "", j->keys.len);
	}
	job_free(j);
	return rc;
}
