/* check_pdf: the whole report typeset as one PDF, on the mini fixture. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <libxml/tree.h>
#include <qpdf/qpdf-c.h>

#include "cmd/cmd.h"
#include "cmd/pipeline.h"
#include "pdf/pdf.h"
#include "pdf/pdf_int.h"
#include "render/page.h"
#include "util/buf.h"
#include "check_main.h"

#define MINI "tests/fixtures/mini/content"

static pipeline p;
static diag *d;
static render_figs *figs;
static render_ctx c;
static pdf_book *book;
static unsigned long reads_rendering; /* chart directives read while rendering the pages */

/* Loads the mini report and renders every page, keeping what the PDF needs of each in
 * book (the page documents are freed at once, as the build does). */
static void
setup(void)
{
	char why[256];
	ck_assert_int_eq(chart_fonts_init("templates/fonts.conf", why, sizeof why), 0);
	d = diag_new();
	ck_assert_int_eq(pipeline_compute(MINI, 1, d, &p), 0);
	c = (render_ctx){ p.rep, p.m, d, NULL, 1, 1, NULL, 0, NULL };
	figs = render_scan_figures(&c);
	c.figs = figs;
	tmpl *t = tmpl_load("templates/page.html", "templates/page.html", d);
	ck_assert_ptr_nonnull(t);
	book = pdf_book_new(p.rep->nsections);
	unsigned long before = render_chart_reads();
	for (size_t i = 0; i < p.rep->nsections; i++) {
		buf b;
		render_file *files;
		size_t n;
		xmlDocPtr page;
		buf_init(&b);
		ck_assert_int_eq(page_render_keep(&c, t, i, &b, &files, &n, &page), 0);
		pdf_book_add(book, i, page);
		xmlFreeDoc(page);
		page_files_free(files, n);
		buf_free(&b);
	}
	reads_rendering = render_chart_reads() - before;
	tmpl_free(t);
}

static void
teardown(void)
{
	pdf_book_free(book);
	render_figs_free(figs);
	pipeline_free(&p);
	diag_free(d);
	chart_pools_free();
}

/* Returns how many times needle occurs in the n bytes of hay. */
static int
count(const char *hay, size_t n, const char *needle)
{
	int k = 0;
	size_t m = strlen(needle);
	for (size_t i = 0; i + m <= n; i++)
		if (memcmp(hay + i, needle, m) == 0)
			k++;
	return k;
}

/* Returns the page objects of the PDF in b: "/Type /Page" not followed by "s". */
static int
page_objects(const buf *b)
{
	return count(b->data, b->len, "/Type /Page\n") + count(b->data, b->len, "/Type /Page ") +
	    count(b->data, b->len, "/Type /Page>") + count(b->data, b->len, "/Type /Page/");
}

/* Returns a pointer just past the first needle in the n bytes of hay, or NULL. */
static const char *
after(const char *hay, size_t n, const char *needle)
{
	size_t m = strlen(needle);
	for (size_t i = 0; i + m <= n; i++)
		if (memcmp(hay + i, needle, m) == 0)
			return hay + i + m;
	return NULL;
}

/* Rewrites the PDF in b as qpdf's QDF (every object written out, uncompressed, no
 * object streams), so its dictionaries can be searched as text; fails the test if
 * libqpdf cannot read it without a warning. */
static void
expand(buf *b)
{
	qpdf_data q = qpdf_init();
	qpdf_silence_errors(q);
	ck_assert_int_eq(qpdf_read_memory(q, "report.pdf", b->data, b->len, NULL), QPDF_SUCCESS);
	ck_assert_int_eq(qpdf_init_write_memory(q), QPDF_SUCCESS);
	qpdf_set_qdf_mode(q, QPDF_TRUE);
	qpdf_set_object_stream_mode(q, qpdf_o_disable);
	ck_assert_int_eq(qpdf_write(q), QPDF_SUCCESS);
	buf out;
	buf_init(&out);
	buf_append(&out, qpdf_get_buffer(q), qpdf_get_buffer_length(q));
	qpdf_cleanup(&q);
	buf_free(b);
	*b = out;
}

/* Returns the /Count of the outline of the PDF in b. */
static int
outline_count(const buf *b)
{
	qpdf_data q = qpdf_init();
	qpdf_silence_errors(q);
	ck_assert_int_eq(qpdf_read_memory(q, "report.pdf", b->data, b->len, NULL), QPDF_SUCCESS);
	qpdf_oh o = qpdf_oh_get_key(q, qpdf_get_root(q), "/Outlines");
	int n = qpdf_oh_get_int_value_as_int(q, qpdf_oh_get_key(q, o, "/Count"));
	qpdf_cleanup(&q);
	return n;
}

START_TEST(test_pdf_whole_file)
{
	buf b;
	buf_init(&b);
	ck_assert_int_eq(pdf_report(&c, book, &b), 0);
	ck_assert_int_eq(diag_errors(d), 0);
	ck_assert_uint_gt(b.len, 1000);
	ck_assert_int_eq(memcmp(b.data, "%PDF-", 5), 0);
	size_t e = b.len;
	while (e > 0 && (b.data[e - 1] == '\n' || b.data[e - 1] == '\r'))
		e--;
	ck_assert_uint_ge(e, 5);
	ck_assert_int_eq(memcmp(b.data + e - 5, "%%EOF", 5), 0);
	buf_free(&b);
}
END_TEST

START_TEST(test_pdf_same_bytes_twice)
{
	buf a, b;
	buf_init(&a);
	buf_init(&b);
	ck_assert_int_eq(pdf_report(&c, book, &a), 0);
	ck_assert_int_eq(pdf_report(&c, book, &b), 0);
	ck_assert_uint_eq(a.len, b.len);
	ck_assert_int_eq(memcmp(a.data, b.data, a.len), 0);
	buf_free(&a);
	buf_free(&b);
}
END_TEST

START_TEST(test_pdf_pages_outline_links)
{
	buf b;
	buf_init(&b);
	ck_assert_int_eq(pdf_report(&c, book, &b), 0);
	int n = (int)p.rep->nsections;
	ck_assert_int_eq(abs(outline_count(&b)), n); /* the sections, their entries closed */
	expand(&b);
	ck_assert_int_ge(page_objects(&b), 2 + n);
	for (int i = 0; i < n; i++) {
		char dest[128];
		snprintf(dest, sizeof dest, "/Dest (sec-%s)", p.rep->sections[i].slug);
		ck_assert_int_ge(count(b.data, b.len, dest), 2); /* contents link + outline */
	}
	ck_assert_int_ge(count(b.data, b.len, "/URI ("), 1); /* the notes' external links */
	buf_free(&b);
}
END_TEST

START_TEST(test_pdf_fixed_dates)
{
	buf b;
	buf_init(&b);
	ck_assert_int_eq(pdf_report(&c, book, &b), 0);
	expand(&b);
	ck_assert_ptr_nonnull(after(b.data, b.len, "/CreationDate (D:20261101"));
	ck_assert_ptr_nonnull(after(b.data, b.len, "/ModDate (D:20261101"));
	buf_free(&b);
}
END_TEST

START_TEST(test_pdf_tagged_and_finished)
{
	buf b;
	buf_init(&b);
	ck_assert_int_eq(pdf_report(&c, book, &b), 0);
	expand(&b);
	ck_assert_ptr_nonnull(after(b.data, b.len, "/StructTreeRoot "));
	ck_assert_ptr_nonnull(after(b.data, b.len, "/Lang (en)"));
	ck_assert_ptr_nonnull(after(b.data, b.len, "/DisplayDocTitle true"));
	ck_assert_ptr_nonnull(after(b.data, b.len, "/Marked true"));
	ck_assert_int_eq(count(b.data, b.len, "/S /Figure"), count(b.data, b.len, "/Alt ("));
	ck_assert_int_ge(count(b.data, b.len, "/Alt ("), 1); /* the mini report's chart */
	ck_assert_int_eq(count(b.data, b.len, "/S /" PDF_TAG_ARTIFACT), 0);
	ck_assert_int_eq(count(b.data, b.len, "/" PDF_TAG_ARTIFACT " <<"), 0);
	ck_assert_int_ge(count(b.data, b.len, "/Artifact BMC"), 2); /* heads, page numbers */
	ck_assert_int_eq(count(b.data, b.len, "/Artifact <<"), 0);
	buf_free(&b);
}
END_TEST

/* cairo_write_func_t: appends to the buf closure. */
static cairo_status_t
to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	buf_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

START_TEST(test_finish_refuses_what_it_cannot_finish)
{
	buf b;
	buf_init(&b);
	cairo_surface_t *sf = cairo_pdf_surface_create_for_stream(to_buf, &b, 100, 100);
	cairo_t *cr = cairo_create(sf);
	cairo_rectangle(cr, 10, 10, 20, 20); /* no structure tags */
	cairo_fill(cr);
	cairo_destroy(cr);
	cairo_surface_destroy(sf);
	pdf_finish_info info = { "en", "2026-11-01", NULL, 0, NULL, 0 };
	char why[256] = "";
	buf copy;
	buf_init(&copy);
	buf_append(&copy, b.data, b.len);
	ck_assert_int_eq(pdf_finish(&b, &info, why, sizeof why), -1);
	ck_assert_ptr_nonnull(strstr(why, "structure"));
	ck_assert_uint_eq(b.len, copy.len); /* left as it was */
	ck_assert_int_eq(memcmp(b.data, copy.data, b.len), 0);
	buf_reset(&b);
	buf_puts(&b, "%PDF-1.5\nnot a PDF");
	ck_assert_int_eq(pdf_finish(&b, &info, why, sizeof why), -1);
	ck_assert_ptr_nonnull(strstr(why, "cannot read"));
	buf_free(&copy);
	buf_free(&b);
}
END_TEST

/* Draws into b a one-page tagged PDF as the typesetter would: a paragraph, a Figure,
 * an artifact element (a running head), a link to an address and one to a named
 * destination. */
static void
tagged_page(buf *b)
{
	cairo_surface_t *sf = cairo_pdf_surface_create_for_stream(to_buf, b, 200, 200);
	cairo_t *cr = cairo_create(sf);
	cairo_tag_begin(cr, "Document", "");
	cairo_tag_begin(cr, PDF_TAG_ARTIFACT, "");
	cairo_rectangle(cr, 0, 0, 200, 5);
	cairo_fill(cr);
	cairo_tag_end(cr, PDF_TAG_ARTIFACT);
	cairo_tag_begin(cr, CAIRO_TAG_DEST, "name='sec-one'");
	cairo_tag_end(cr, CAIRO_TAG_DEST);
	cairo_tag_begin(cr, "P", "");
	cairo_tag_begin(cr, CAIRO_TAG_LINK, "uri='https://example.org/a(b)' rect=[10 10 50 10]");
	cairo_rectangle(cr, 10, 10, 50, 10);
	cairo_fill(cr);
	cairo_tag_end(cr, CAIRO_TAG_LINK);
	cairo_tag_begin(cr, CAIRO_TAG_LINK, "dest='sec-one' rect=[10 30 50 10]");
	cairo_rectangle(cr, 10, 30, 50, 10);
	cairo_fill(cr);
	cairo_tag_end(cr, CAIRO_TAG_LINK);
	cairo_tag_end(cr, "P");
	cairo_tag_begin(cr, "Figure", "");
	cairo_rectangle(cr, 10, 60, 100, 100);
	cairo_fill(cr);
	cairo_tag_end(cr, "Figure");
	cairo_tag_end(cr, "Document");
	cairo_destroy(cr);
	cairo_surface_destroy(sf);
}

/* Returns the /Contents of every link annotation of q's first page, joined by "|". */
static void
link_contents(qpdf_data q, buf *out)
{
	qpdf_oh an = qpdf_oh_get_key(q, qpdf_get_page_n(q, 0), "/Annots");
	for (int k = 0; k < qpdf_oh_get_array_n_items(q, an); k++) {
		qpdf_oh a = qpdf_oh_get_array_item(q, an, k);
		buf_printf(out, "%s%s", k ? "|" : "",
		    qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, a, "/Contents")));
	}
}

/* Returns the structure element of type s (a name with its "/") at or below e, or 0. */
static qpdf_oh
find_elem(qpdf_data q, qpdf_oh e, const char *s)
{
	if (!qpdf_oh_is_dictionary(q, e))
		return 0;
	if (qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, e, "/S"), s))
		return e;
	qpdf_oh k = qpdf_oh_get_key(q, e, "/K");
	if (qpdf_oh_is_dictionary(q, k))
		return find_elem(q, k, s);
	for (int i = 0; qpdf_oh_is_array(q, k) && i < qpdf_oh_get_array_n_items(q, k); i++) {
		qpdf_oh f = find_elem(q, qpdf_oh_get_array_item(q, k, i), s);
		if (f != 0)
			return f;
	}
	return 0;
}

START_TEST(test_finish_by_hand)
{
	buf b, again;
	buf_init(&b);
	buf_init(&again);
	tagged_page(&b);
	ck_assert_int_eq(count(b.data, b.len, "/S /" PDF_TAG_ARTIFACT), 1);
	buf_append(&again, b.data, b.len);
	static const char *const alts[] = { "Caf\xc3\xa9 \xe2\x80\x93 \xf0\x9f\x93\x88 (up)" };
	static const pdf_outline_entry dests[] = { { 1, "The first section", "sec-one" } };
	pdf_finish_info info = { "de-CH", "2026-02-03", alts, 1, dests, 1 };
	char why[256] = "";
	ck_assert_int_eq(pdf_finish(&b, &info, why, sizeof why), 0);
	ck_assert_int_eq(pdf_finish(&again, &info, why, sizeof why), 0);
	ck_assert_uint_eq(b.len, again.len); /* same input, same bytes */
	ck_assert_int_eq(memcmp(b.data, again.data, b.len), 0);
	ck_assert_ptr_nonnull(after(b.data, b.len, "/Type /XRef"));
	ck_assert_ptr_nonnull(after(b.data, b.len, "/Type /ObjStm"));
	qpdf_data q = qpdf_init();
	qpdf_silence_errors(q);
	ck_assert_int_eq(qpdf_read_memory(q, "f.pdf", b.data, b.len, NULL), QPDF_SUCCESS);
	ck_assert_int_eq(qpdf_check_pdf(q), QPDF_SUCCESS); /* no errors, no warnings */
	ck_assert(!qpdf_more_warnings(q));
	qpdf_oh root = qpdf_get_root(q);
	ck_assert_str_eq(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, root, "/Lang")), "de-CH");
	ck_assert(qpdf_oh_get_bool_value(q, qpdf_oh_get_key(q, qpdf_oh_get_key(q, root,
	    "/ViewerPreferences"), "/DisplayDocTitle")));
	ck_assert(qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, qpdf_get_page_n(q, 0),
	    "/Tabs"), "/S"));
	qpdf_oh st = qpdf_oh_get_key(q, root, "/StructTreeRoot");
	qpdf_oh fig = find_elem(q, st, "/Figure");
	ck_assert(fig != 0);
	ck_assert_str_eq(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, fig, "/Alt")), alts[0]);
	ck_assert(!qpdf_oh_has_key(q, fig, "/Type"));
	ck_assert(find_elem(q, st, "/" PDF_TAG_ARTIFACT) == 0); /* out of the tree */
	ck_assert(find_elem(q, st, "/P") != 0);
	buf links;
	buf_init(&links);
	link_contents(q, &links);
	ck_assert_str_eq(buf_str(&links), "https://example.org/a(b)|The first section");
	buf_free(&links);
	qpdf_oh info_d = qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Info");
	ck_assert_str_eq(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, info_d, "/ModDate")),
	    "D:20260203000000Z");
	qpdf_cleanup(&q);
	expand(&b);
	ck_assert_int_eq(count(b.data, b.len, "/Artifact BMC"), 1);
	ck_assert_int_eq(count(b.data, b.len, "/" PDF_TAG_ARTIFACT " <<"), 0);
	ck_assert_int_ge(count(b.data, b.len, " null"), 1); /* its parent tree entry */
	buf_free(&again);
	buf_free(&b);
}
END_TEST

START_TEST(test_finish_refuses_damaged_files)
{
	buf b;
	buf_init(&b);
	tagged_page(&b);
	static const char *const alts[] = { "chart" };
	pdf_finish_info info = { "en", NULL, alts, 1, NULL, 0 };
	char why[256] = "";
	size_t cuts[] = { b.len - 30, b.len / 2, 40 }; /* the xref, an object, the header */
	for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++) {
		buf c2;
		buf_init(&c2);
		buf_append(&c2, b.data, cuts[i]);
		why[0] = '\0';
		ck_assert_int_eq(pdf_finish(&c2, &info, why, sizeof why), -1);
		ck_assert_ptr_nonnull(strstr(why, "cannot read"));
		ck_assert_uint_eq(c2.len, cuts[i]); /* left as it was */
		buf_free(&c2);
	}
	pdf_finish_info two = { "en", NULL, alts, 0, NULL, 0 }; /* one Figure, no alt text */
	ck_assert_int_eq(pdf_finish(&b, &two, why, sizeof why), -1);
	ck_assert_ptr_nonnull(strstr(why, "Figure"));
	buf_free(&b);
}
END_TEST

/* Returns the first element called name at or below n, or NULL. */
static xmlNodePtr
find_el(xmlNodePtr n, const char *name)
{
	for (; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0)
			return n;
		xmlNodePtr f = find_el(n->children, name);
		if (f != NULL)
			return f;
	}
	return NULL;
}

/* Returns how many elements called name are at or below the siblings from n on. */
static int
count_el(xmlNodePtr n, const char *name)
{
	int k = 0;
	for (; n != NULL; n = n->next)
		k += (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0) +
		    count_el(n->children, name);
	return k;
}

START_TEST(test_pdf_unknown_chart_is_an_error)
{
	xmlNodePtr art = pdf_book_article(book, 0);
	ck_assert_ptr_nonnull(art);
	xmlNodePtr fig = xmlNewDocNode(art->doc, NULL, BAD_CAST "figure", NULL);
	xmlSetProp(fig, BAD_CAST "class", BAD_CAST "chart");
	xmlSetProp(fig, BAD_CAST "id", BAD_CAST "fig-no-such-chart");
	xmlAddChild(art, fig);
	buf b;
	buf_init(&b);
	ck_assert_int_eq(pdf_report(&c, book, &b), -1);
	ck_assert_int_gt(diag_errors(d), 0);
	int found = 0;
	for (int i = 0; i < diag_count(d); i++)
		found |= strstr(diag_text(d, i), "no-such-chart") != NULL;
	ck_assert_int_eq(found, 1);
	buf_free(&b);
}
END_TEST

START_TEST(test_pdf_wrong_page_count_refused)
{
	buf b;
	buf_init(&b);
	pdf_book *short_book = pdf_book_new(p.rep->nsections - 1);
	ck_assert_int_eq(pdf_report(&c, short_book, &b), -1);
	pdf_book_free(short_book);
	buf_free(&b);
}
END_TEST

START_TEST(test_pdf_empty_section_is_an_error)
{
	buf b;
	buf_init(&b);
	pdf_book *empty = pdf_book_new(p.rep->nsections);
	ck_assert_int_eq(pdf_report(&c, empty, &b), -1);
	ck_assert_int_gt(diag_errors(d), 0);
	pdf_book_free(empty);
	buf_free(&b);
}
END_TEST

/* Rendering reads each chart directive once, and keeps its spec for the PDF. */
START_TEST(test_pdf_render_reads_each_chart_once)
{
	ck_assert_uint_ge(figs->n, 1);
	ck_assert_uint_eq(reads_rendering, figs->n);
	ck_assert_uint_eq(render_specs_count(figs->specs), figs->n);
	for (size_t i = 0; i < figs->n; i++)
		ck_assert_ptr_nonnull(render_specs_find(figs->specs, figs->figs[i].id));
}
END_TEST

/* Typesetting reads no chart directive: every chart comes from render's specs. */
START_TEST(test_pdf_reads_no_directive)
{
	buf b;
	buf_init(&b);
	unsigned long before = render_chart_reads();
	ck_assert_int_eq(pdf_report(&c, book, &b), 0);
	ck_assert_uint_eq(render_chart_reads(), before);
	buf_free(&b);
}
END_TEST

/* The PDF is the same with every page's Markdown gone after rendering: it goes back
 * neither to the Markdown nor to the directives' YAML. */
START_TEST(test_pdf_same_without_markdown)
{
	buf a, b;
	buf_init(&a);
	buf_init(&b);
	ck_assert_int_eq(pdf_report(&c, book, &a), 0);
	size_t n = p.rep->nsections;
	char **text = calloc(n, sizeof *text);
	size_t *len = calloc(n, sizeof *len);
	for (size_t i = 0; i < n; i++) {
		text[i] = p.rep->sections[i].text;
		len[i] = p.rep->sections[i].len;
		p.rep->sections[i].text = NULL;
		p.rep->sections[i].len = 0;
	}
	int rc = pdf_report(&c, book, &b);
	for (size_t i = 0; i < n; i++) {
		p.rep->sections[i].text = text[i];
		p.rep->sections[i].len = len[i];
	}
	ck_assert_int_eq(rc, 0);
	ck_assert_int_eq(diag_errors(d), 0);
	ck_assert_uint_eq(a.len, b.len);
	ck_assert_int_eq(memcmp(a.data, b.data, a.len), 0);
	free(text);
	free(len);
	buf_free(&a);
	buf_free(&b);
}
END_TEST

/* The book keeps the article's blocks and figures, not the template's navigation, the
 * folded data tables or the pictures. */
START_TEST(test_pdf_book_is_compact)
{
	int figures = 0;
	for (size_t i = 0; i < p.rep->nsections; i++) {
		xmlNodePtr art = pdf_book_article(book, i);
		ck_assert_ptr_nonnull(art);
		ck_assert_str_eq((const char *)art->name, "article");
		ck_assert_ptr_null(find_el(art, "nav"));
		ck_assert_ptr_null(find_el(art, "details"));
		ck_assert_ptr_null(find_el(art, "picture"));
		ck_assert_ptr_null(find_el(art, "footer"));
		ck_assert_ptr_nonnull(find_el(art, "h1"));
		figures += count_el(art->children, "figure");
	}
	ck_assert_int_ge(figures, (int)figs->n);
	ck_assert_ptr_null(pdf_book_article(book, p.rep->nsections));
}
END_TEST

/* A typesetter with no report, for the line breaker alone. */
static pdf_doc lt;
static PangoFontMap *lfm;

static void
lines_setup(void)
{
	char why[256];
	ck_assert_int_eq(chart_fonts_init("templates/fonts.conf", why, sizeof why), 0);
	memset(&lt, 0, sizeof lt);
	lfm = pango_cairo_font_map_new();
	lt.pc = pango_font_map_create_context(lfm);
	pango_cairo_context_set_resolution(lt.pc, 72);
	pango_context_set_round_glyph_positions(lt.pc, FALSE);
	lt.words = pdf_words_new();
	lt.paras = pdf_paras_new();
}

static void
lines_teardown(void)
{
	g_hash_table_unref(lt.paras);
	g_hash_table_unref(lt.words);
	g_object_unref(lt.pc);
	g_object_unref(lfm);
}

/* Returns a new paragraph of s (plain) at 10 pt, width pt wide. */
static pdf_para *
para_of(const char *s, double width)
{
	pdf_text x;
	pdf_text_init(&x);
	pdf_text_puts(&x, s);
	pdf_para *para = pdf_para_new(&lt, &x, 10, PANGO_WEIGHT_NORMAL, width, 1.38);
	pdf_text_free(&x);
	return para;
}

/* Each distinct word is shaped once, however often it recurs and in however many
 * paragraphs; the same text and settings give the same paragraph. */
START_TEST(test_lines_words_shaped_once)
{
	pdf_para *a = para_of("the cat and the hat and the cat", 400);
	ck_assert_uint_eq(g_hash_table_size(lt.words), 5); /* the cat and hat " " */
	pdf_para *b = para_of("the hat and the cat", 80);
	ck_assert_uint_eq(g_hash_table_size(lt.words), 5);
	ck_assert_ptr_ne(a, b);
	ck_assert_ptr_eq(para_of("the cat and the hat and the cat", 400), a);
	ck_assert_uint_eq(g_hash_table_size(lt.paras), 2);
	pdf_para_free(a); /* kept by lt.paras: still valid */
	ck_assert_uint_eq(pdf_para_lines(a), 1);
	ck_assert_uint_gt(pdf_para_lines(b), 1);
}
END_TEST

/* Lines never run past the width: words move down, hyphenated words split after the
 * hyphen, a word longer than a line is cut between characters. */
START_TEST(test_lines_fit_the_width)
{
	pdf_para *g = para_of("alpha beta gamma delta epsilon zeta eta theta iota kappa", 60);
	ck_assert_uint_gt(pdf_para_lines(g), 3);
	ck_assert_double_le(pdf_para_natural(g), 60);
	ck_assert_double_gt(pdf_para_height(g), 3 * pdf_para_pitch(g));
	pdf_para *h = para_of("probability-weighted", 70);
	ck_assert_uint_eq(pdf_para_lines(h), 2);
	ck_assert_double_le(pdf_para_natural(h), 70);
	pdf_para *u = para_of("https://example.com/averyveryveryverylongpathwithoutbreaks", 40);
	ck_assert_uint_gt(pdf_para_lines(u), 2);
	ck_assert_double_le(pdf_para_natural(u), 40);
	pdf_text mixed; /* one long word in two styles: two pieces with no break between */
	pdf_text_init(&mixed);
	pdf_text_puts(&mixed, "averyveryveryverylongword");
	size_t from = mixed.s.len;
	pdf_text_puts(&mixed, "inbold.");
	pdf_text_bold(&mixed, from);
	pdf_para *m = pdf_para_new(&lt, &mixed, 10, PANGO_WEIGHT_NORMAL, 40, 1.38);
	ck_assert_uint_gt(pdf_para_lines(m), 2);
	ck_assert_double_le(pdf_para_natural(m), 40);
	pdf_text_free(&mixed);
	pdf_para *one = para_of("one\ntwo", 400); /* a forced break */
	ck_assert_uint_eq(pdf_para_lines(one), 2);
	ck_assert_double_gt(pdf_para_widest_word(g), 0);
	ck_assert_double_le(pdf_para_widest_word(g), pdf_para_natural(g));
}
END_TEST

/* Returns a copy of the PDF pdf_report makes of book (asserted to succeed). */
static void
plain_pdf(buf *out)
{
	buf_init(out);
	ck_assert_int_eq(pdf_report(&c, book, out), 0);
}

START_TEST(test_shapes_same_bytes_as_shaping)
{
	buf plain, a, b, saved, again;
	plain_pdf(&plain);
	pdf_shapes *s = pdf_shapes_new(NULL, 0);
	buf_init(&a);
	ck_assert_int_eq(pdf_report_shaped(&c, book, s, &a), 0);
	ck_assert_uint_gt(pdf_shapes_added(s), 100); /* every word was new */
	buf_init(&saved);
	ck_assert_int_eq(pdf_shapes_save(s, &saved), 1);
	pdf_shapes_free(s);
	/* a later build: every word from the store, nothing shaped, nothing to save */
	buf taken;
	buf_init(&taken);
	buf_append(&taken, saved.data, saved.len);
	s = pdf_shapes_adopt(&taken);
	ck_assert_uint_eq(taken.len, 0);
	buf_free(&taken);
	buf_init(&b);
	ck_assert_int_eq(pdf_report_shaped(&c, book, s, &b), 0);
	ck_assert_uint_eq(pdf_shapes_added(s), 0);
	buf_init(&again);
	ck_assert_int_eq(pdf_shapes_save(s, &again), 0);
	ck_assert_uint_eq(again.len, 0);
	pdf_shapes_free(s);
	ck_assert_uint_eq(a.len, plain.len);
	ck_assert_int_eq(memcmp(a.data, plain.data, plain.len), 0);
	ck_assert_uint_eq(b.len, plain.len);
	ck_assert_int_eq(memcmp(b.data, plain.data, plain.len), 0);
	buf_free(&plain);
	buf_free(&a);
	buf_free(&b);
	buf_free(&saved);
	buf_free(&again);
}
END_TEST

START_TEST(test_shapes_damaged_store_is_ignored)
{
	buf plain, saved, out;
	plain_pdf(&plain);
	pdf_shapes *s = pdf_shapes_new(NULL, 0);
	buf_init(&out);
	ck_assert_int_eq(pdf_report_shaped(&c, book, s, &out), 0);
	buf_init(&saved);
	ck_assert_int_eq(pdf_shapes_save(s, &saved), 1);
	pdf_shapes_free(s);
	/* cut in the middle of a word: the whole store is dropped, every word shaped */
	s = pdf_shapes_new(saved.data, saved.len - 3);
	buf_reset(&out);
	ck_assert_int_eq(pdf_report_shaped(&c, book, s, &out), 0);
	ck_assert_uint_gt(pdf_shapes_added(s), 100);
	pdf_shapes_free(s);
	ck_assert_uint_eq(out.len, plain.len);
	ck_assert_int_eq(memcmp(out.data, plain.data, plain.len), 0);
	/* another format: nothing is read from it */
	s = pdf_shapes_new("not a store", 11);
	buf_reset(&out);
	ck_assert_int_eq(pdf_report_shaped(&c, book, s, &out), 0);
	ck_assert_uint_gt(pdf_shapes_added(s), 100);
	pdf_shapes_free(s);
	ck_assert_int_eq(memcmp(out.data, plain.data, plain.len), 0);
	buf_free(&plain);
	buf_free(&saved);
	buf_free(&out);
}
END_TEST

START_TEST(test_job_same_bytes_as_report)
{
	buf plain, out;
	plain_pdf(&plain);
	pdf_job *j = pdf_job_start(&c, book, NULL);
	pdf_job_go(j);
	buf_init(&out);
	ck_assert_int_eq(pdf_job_finish(j, 1, &out), 0);
	ck_assert_uint_eq(out.len, plain.len);
	ck_assert_int_eq(memcmp(out.data, plain.data, plain.len), 0);
	/* cancelled before it was let go: nothing out, no error */
	j = pdf_job_start(&c, book, NULL);
	buf_reset(&out);
	ck_assert_int_eq(pdf_job_finish(j, 0, &out), 0);
	ck_assert_uint_eq(out.len, 0);
	ck_assert_int_eq(diag_errors(d), 0);
	buf_free(&plain);
	buf_free(&out);
}
END_TEST

START_TEST(test_job_errors_reach_the_build)
{
	pdf_book *empty = pdf_book_new(p.rep->nsections);
	pdf_job *j = pdf_job_start(&c, empty, NULL);
	pdf_job_go(j);
	ck_assert_int_eq(diag_errors(d), 0); /* the job records apart until finished */
	buf out;
	buf_init(&out);
	ck_assert_int_eq(pdf_job_finish(j, 1, &out), -1);
	ck_assert_int_gt(diag_errors(d), 0);
	ck_assert_ptr_nonnull(strstr(diag_text(d, 0), "report.pdf: error: section '"));
	pdf_book_free(empty);
	buf_free(&out);
}
END_TEST

/* Renders the pages of the mini report into b, as the build does, in order or from
 * the last one back. */
static void
fill_book(pdf_book *b, int backwards)
{
	tmpl *t = tmpl_load("templates/page.html", "templates/page.html", d);
	ck_assert_ptr_nonnull(t);
	for (size_t k = 0; k < p.rep->nsections; k++) {
		size_t i = backwards ? p.rep->nsections - 1 - k : k;
		buf out;
		render_file *files;
		size_t n;
		xmlDocPtr page;
		buf_init(&out);
		ck_assert_int_eq(page_render_keep(&c, t, i, &out, &files, &n, &page), 0);
		pdf_book_add(b, i, page);
		xmlFreeDoc(page);
		page_files_free(files, n);
		buf_free(&out);
	}
	tmpl_free(t);
}

/* A job started before any page is rendered typesets each section as it is added,
 * in any order, the charts from the specs the book kept: pdf_report's bytes. */
START_TEST(test_job_while_pages_render)
{
	buf plain, out;
	plain_pdf(&plain);
	for (int backwards = 0; backwards < 2; backwards++) {
		pdf_book *b = pdf_book_new(p.rep->nsections);
		pdf_book_keep_specs(b, figs->specs);
		pdf_job *j = pdf_job_start(&c, b, NULL);
		fill_book(b, backwards);
		pdf_job_go(j);
		buf_init(&out);
		ck_assert_int_eq(pdf_job_finish(j, 1, &out), 0);
		ck_assert_uint_eq(out.len, plain.len);
		ck_assert_int_eq(memcmp(out.data, plain.data, plain.len), 0);
		pdf_book_free(b);
		buf_free(&out);
	}
	/* pages that never come: finishing closes the book, the PDF fails, no hang */
	pdf_book *b = pdf_book_new(p.rep->nsections);
	pdf_book_keep_specs(b, figs->specs);
	pdf_job *j = pdf_job_start(&c, b, NULL);
	buf_init(&out);
	ck_assert_int_eq(pdf_job_finish(j, 1, &out), -1);
	ck_assert_int_gt(diag_errors(d), 0);
	pdf_book_free(b);
	buf_free(&out);
	buf_free(&plain);
}
END_TEST

static Suite *
pdf_suite(void)
{
	Suite *s = suite_create("pdf");
	TCase *tc = tcase_create("report");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_pdf_whole_file);
	tcase_add_test(tc, test_pdf_same_bytes_twice);
	tcase_add_test(tc, test_pdf_pages_outline_links);
	tcase_add_test(tc, test_pdf_fixed_dates);
	tcase_add_test(tc, test_pdf_tagged_and_finished);
	tcase_add_test(tc, test_finish_refuses_what_it_cannot_finish);
	tcase_add_test(tc, test_finish_by_hand);
	tcase_add_test(tc, test_finish_refuses_damaged_files);
	tcase_add_test(tc, test_pdf_unknown_chart_is_an_error);
	tcase_add_test(tc, test_pdf_wrong_page_count_refused);
	tcase_add_test(tc, test_pdf_empty_section_is_an_error);
	tcase_add_test(tc, test_pdf_render_reads_each_chart_once);
	tcase_add_test(tc, test_pdf_reads_no_directive);
	tcase_add_test(tc, test_pdf_same_without_markdown);
	tcase_add_test(tc, test_pdf_book_is_compact);
	tcase_add_test(tc, test_shapes_same_bytes_as_shaping);
	tcase_add_test(tc, test_shapes_damaged_store_is_ignored);
	tcase_add_test(tc, test_job_same_bytes_as_report);
	tcase_add_test(tc, test_job_errors_reach_the_build);
	tcase_add_test(tc, test_job_while_pages_render);
	suite_add_tcase(s, tc);
	TCase *tl = tcase_create("lines");
	tcase_set_timeout(tl, 60);
	tcase_add_checked_fixture(tl, lines_setup, lines_teardown);
	tcase_add_test(tl, test_lines_words_shaped_once);
	tcase_add_test(tl, test_lines_fit_the_width);
	suite_add_tcase(s, tl);
	return s;
}

int
main(void)
{
	cmd_process_init();
	int rc = check_run(pdf_suite());
	cmd_process_fini();
	return rc;
}
