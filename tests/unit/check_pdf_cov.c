/* check_pdf_cov: report.pdf's book, word store and job at their edges, on the mini
 * fixture: pages without an article, sections out of range, every kind of damage to a
 * stored word list, a job cancelled. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

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

/* Loads the mini report and keeps what the PDF needs of each page in book. */
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

/* Returns the HTML document of text (caller frees). */
static xmlDocPtr
html(const char *text)
{
	xmlDocPtr doc = htmlReadMemory(text, (int)strlen(text), "page.html", "UTF-8",
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	ck_assert_ptr_nonnull(doc);
	return doc;
}

START_TEST(test_book_edges)
{
	xmlDocPtr main_only = html("<html><body><nav>menu</nav><main><h1>Only main</h1>"
	    "<p>Text <span class=\"web-only\">web</span> here.<script>x()</script></p>"
	    "<style>p{}</style><picture></picture><details>d</details></main></body></html>");
	xmlDocPtr neither = html("<html><body><p>No article, no main.</p></body></html>");
	/* no-ops: a NULL book, a section out of range, a NULL page */
	pdf_book_add(NULL, 0, main_only);
	pdf_book_close(NULL);
	pdf_book_free(NULL);
	ck_assert_uint_eq(pdf_book_count(NULL), 0);
	pdf_book *b = pdf_book_new(p.rep->nsections);
	ck_assert_uint_eq(pdf_book_count(b), p.rep->nsections);
	pdf_book_add(b, p.rep->nsections, main_only);
	pdf_book_add(b, 0, NULL);
	/* every section from a page with only a <main>, but one without either */
	for (size_t i = 0; i < p.rep->nsections; i++)
		pdf_book_add(b, i, i == 1 ? neither : main_only);
	buf out;
	buf_init(&out);
	ck_assert_int_eq(pdf_report(&c, b, &out), -1); /* section 1 is empty */
	ck_assert_int_gt(diag_errors(d), 0);
	pdf_book_add(b, 1, main_only);
	diag_free(d);
	d = diag_new();
	c.d = d;
	buf_reset(&out);
	ck_assert_int_eq(pdf_report(&c, b, &out), 0);
	ck_assert_int_eq(diag_errors(d), 0);
	ck_assert(out.len > 1000 && memcmp(out.data, "%PDF-", 5) == 0);
	pdf_book_free(b);
	xmlFreeDoc(main_only);
	xmlFreeDoc(neither);
	buf_free(&out);
}
END_TEST

/* The first word's record in the store st: its offset (after the format line). */
static size_t
first_record(const buf *st)
{
	const char *nl = memchr(st->data, '\n', st->len);
	ck_assert_ptr_nonnull(nl);
	return (size_t)(nl - st->data) + 1;
}

/* Typesets with a store made of the n bytes at data; asserts the PDF is plain's bytes
 * and every word was shaped anew (nothing of a damaged store is used). */
static void
same_without_store(const buf *plain, const void *data, size_t n, size_t words)
{
	pdf_shapes *s = pdf_shapes_new(data, n);
	buf out;
	buf_init(&out);
	ck_assert_int_eq(pdf_report_shaped(&c, book, s, &out), 0);
	ck_assert_uint_eq(pdf_shapes_added(s), words);
	ck_assert_uint_eq(out.len, plain->len);
	ck_assert_int_eq(memcmp(out.data, plain->data, plain->len), 0);
	pdf_shapes_free(s);
	buf_free(&out);
}

/* Sets the 32-bit number at at. */
static void
put32(char *at, uint32_t v)
{
	memcpy(at, &v, sizeof v);
}

START_TEST(test_shapes_every_damage_ignored)
{
	buf plain, store;
	buf_init(&plain);
	buf_init(&store);
	pdf_shapes *s = pdf_shapes_new(NULL, 0);
	ck_assert_int_eq(pdf_report_shaped(&c, book, s, &plain), 0);
	size_t words = pdf_shapes_added(s);
	ck_assert_int_eq(pdf_shapes_save(s, &store), 1);
	pdf_shapes_free(s);
	ck_assert_uint_eq(pdf_shapes_save(NULL, &store), 0);
	ck_assert_uint_eq(pdf_shapes_added(NULL), 0);
	size_t r = first_record(&store);
	uint32_t klen;
	memcpy(&klen, store.data + r, sizeof klen);
	ck_assert_uint_gt(klen, 1);
	buf bad;
	buf_init(&bad);
	/* the format line and two bytes: no room for a key's length */
	same_without_store(&plain, store.data, r + 2, words);
	/* a key of length 0; one longer than the store */
	buf_append(&bad, store.data, store.len);
	put32(bad.data + r, 0);
	same_without_store(&plain, bad.data, bad.len, words);
	put32(bad.data + r, (uint32_t)store.len);
	same_without_store(&plain, bad.data, bad.len, words);
	/* a key without its NUL, and one with a NUL inside */
	memcpy(bad.data, store.data, store.len);
	bad.data[r + 4 + klen - 1] = 'x';
	same_without_store(&plain, bad.data, bad.len, words);
	memcpy(bad.data, store.data, store.len);
	bad.data[r + 4] = '\0';
	same_without_store(&plain, bad.data, bad.len, words);
	/* a negative glyph count, and one past the end */
	memcpy(bad.data, store.data, store.len);
	put32(bad.data + r + 4 + klen, UINT32_MAX);
	same_without_store(&plain, bad.data, bad.len, words);
	put32(bad.data + r + 4 + klen, 0x7fffffff);
	same_without_store(&plain, bad.data, bad.len, words);
	/* undamaged: no word shaped again, nothing worth saving */
	s = pdf_shapes_new(store.data, store.len);
	buf out;
	buf_init(&out);
	ck_assert_int_eq(pdf_report_shaped(&c, book, s, &out), 0);
	ck_assert_uint_eq(pdf_shapes_added(s), 0);
	ck_assert_int_eq(pdf_shapes_save(s, &out), 0);
	pdf_shapes_free(s);
	buf_free(&out);
	buf_free(&bad);
	buf_free(&plain);
	buf_free(&store);
}
END_TEST

START_TEST(test_job_cancelled_and_kept)
{
	buf plain, out;
	buf_init(&plain);
	buf_init(&out);
	ck_assert_int_eq(pdf_report(&c, book, &plain), 0);
	/* never let go, not kept: cancelled, nothing appended, no error */
	pdf_job *j = pdf_job_start(&c, book, NULL);
	ck_assert_int_eq(pdf_job_finish(j, 0, &out), 0);
	ck_assert_uint_eq(out.len, 0);
	/* let go, then dropped */
	j = pdf_job_start(&c, book, NULL);
	pdf_job_go(j);
	ck_assert_int_eq(pdf_job_finish(j, 0, &out), 0);
	ck_assert_uint_eq(out.len, 0);
	/* not let go but kept: finish does the work, the same bytes */
	pdf_shapes *s = pdf_shapes_new(NULL, 0);
	j = pdf_job_start(&c, book, s);
	ck_assert_int_eq(pdf_job_finish(j, 1, &out), 0);
	ck_assert_uint_eq(out.len, plain.len);
	ck_assert_int_eq(memcmp(out.data, plain.data, plain.len), 0);
	ck_assert_uint_gt(pdf_shapes_added(s), 0);
	pdf_shapes_free(s);
	ck_assert_int_eq(diag_errors(d), 0);
	buf_free(&plain);
	buf_free(&out);
}
END_TEST

static Suite *
pdf_cov_suite(void)
{
	Suite *s = suite_create("pdf_cov");
	TCase *tc = tcase_create("edges");
	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_book_edges);
	tcase_add_test(tc, test_shapes_every_damage_ignored);
	tcase_add_test(tc, test_job_cancelled_and_kept);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	cmd_process_init();
	int rc = check_run(pdf_cov_suite());
	cmd_process_fini();
	return rc;
}
