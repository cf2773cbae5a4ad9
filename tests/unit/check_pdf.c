/* check_pdf: the whole report typeset as one PDF, on the mini fixture. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "cmd/cmd.h"
#include "cmd/pipeline.h"
#include "pdf/pdf.h"
#include "render/page.h"
#include "util/buf.h"
#include "check_main.h"

#define MINI "tests/fixtures/mini/content"

static pipeline p;
static diag *d;
static render_figs *figs;
static render_ctx c;
static xmlDocPtr *pages;

/* Loads the mini report and renders every page, keeping the page documents. */
static void
setup(void)
{
	char why[256];
	ck_assert_int_eq(chart_fonts_init("templates/fonts.conf", why, sizeof why), 0);
	d = diag_new();
	ck_assert_int_eq(pipeline_compute(MINI, 1, d, &p), 0);
	c = (render_ctx){ p.rep, p.m, d, NULL, 1, 1, NULL };
	figs = render_scan_figures(&c);
	c.figs = figs;
	tmpl *t = tmpl_load("templates/page.html", "templates/page.html", d);
	ck_assert_ptr_nonnull(t);
	pages = calloc(p.rep->nsections, sizeof *pages);
	for (size_t i = 0; i < p.rep->nsections; i++) {
		buf b;
		render_file *files;
		size_t n;
		buf_init(&b);
		ck_assert_int_eq(page_render_keep(&c, t, i, &b, &files, &n, &pages[i]), 0);
		page_files_free(files, n);
		buf_free(&b);
	}
	tmpl_free(t);
}

static void
teardown(void)
{
	for (size_t i = 0; i < p.rep->nsections; i++)
		xmlFreeDoc(pages[i]);
	free(pages);
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

START_TEST(test_pdf_whole_file)
{
	buf b;
	buf_init(&b);
	ck_assert_int_eq(pdf_report(&c, pages, p.rep->nsections, &b), 0);
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
	ck_assert_int_eq(pdf_report(&c, pages, p.rep->nsections, &a), 0);
	ck_assert_int_eq(pdf_report(&c, pages, p.rep->nsections, &b), 0);
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
	ck_assert_int_eq(pdf_report(&c, pages, p.rep->nsections, &b), 0);
	int n = (int)p.rep->nsections;
	ck_assert_int_ge(page_objects(&b), 2 + n);
	const char *o = after(b.data, b.len, "/Type /Outlines");
	ck_assert_ptr_nonnull(o);
	const char *k = after(o, b.len - (size_t)(o - b.data), "/Count ");
	ck_assert_ptr_nonnull(k);
	ck_assert_int_eq(abs(atoi(k)), n);
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
	ck_assert_int_eq(pdf_report(&c, pages, p.rep->nsections, &b), 0);
	ck_assert_ptr_nonnull(after(b.data, b.len, "/CreationDate (D:20261101"));
	ck_assert_ptr_nonnull(after(b.data, b.len, "/ModDate (D:20261101"));
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

START_TEST(test_pdf_unknown_chart_is_an_error)
{
	xmlNodePtr art = find_el(xmlDocGetRootElement(pages[0]), "article");
	ck_assert_ptr_nonnull(art);
	xmlNodePtr fig = xmlNewDocNode(pages[0], NULL, BAD_CAST "figure", NULL);
	xmlSetProp(fig, BAD_CAST "class", BAD_CAST "chart");
	xmlSetProp(fig, BAD_CAST "id", BAD_CAST "fig-no-such-chart");
	xmlAddChild(art, fig);
	buf b;
	buf_init(&b);
	ck_assert_int_eq(pdf_report(&c, pages, p.rep->nsections, &b), -1);
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
	ck_assert_int_eq(pdf_report(&c, pages, p.rep->nsections - 1, &b), -1);
	buf_free(&b);
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
	tcase_add_test(tc, test_pdf_unknown_chart_is_an_error);
	tcase_add_test(tc, test_pdf_wrong_page_count_refused);
	suite_add_tcase(s, tc);
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
