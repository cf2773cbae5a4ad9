/* fuzz_pdf: libFuzzer target rendering arbitrary bytes as a page, then typesetting that
 * page as report.pdf in memory. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf.h"
#include "render/page.h"
#include "fixture.h"

/* The page template, loaded once. */
static tmpl *
page_template(void)
{
	static tmpl *t;
	if (t == NULL) {
		diag *d = diag_new();
		t = tmpl_load(fuzz_path("templates/page.html"), "templates/page.html", d);
		if (t == NULL) {
			diag_print(d, stderr, 0);
			abort();
		}
		diag_free(d);
	}
	return t;
}

/* Loads content/'s report, its metrics and the page template before the first input. Always 0. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_ctx(NULL);
	page_template();
	return 0;
}

/* Renders data as the index page of content/'s report through the page template (as
 * the build does, figures numbered by the scan) and, if it renders, typesets a report
 * of that one section into memory. Always 0. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (fuzz_set_page(data, size) != 0)
		return 0;
	diag *d = diag_new();
	render_ctx c = fuzz_ctx(d);
	c.pdf = 1;
	report one = *c.rep; /* the index alone: the PDF typesets one section */
	one.nsections = 1;
	one.nparts = 0;
	one.parts = NULL;
	one.section_ix = NULL;
	render_ctx c1 = c;
	c1.rep = &one;
	render_figs *figs = render_scan_figures(&c1);
	c.figs = c1.figs = figs;
	buf html, pdf;
	buf_init(&html);
	buf_init(&pdf);
	render_file *files = NULL;
	size_t nfiles = 0;
	xmlDocPtr page = NULL;
	if (page_render_keep(&c, page_template(), 0, &html, &files, &nfiles, &page) == 0) {
		pdf_book *book = pdf_book_new(1);
		pdf_book_add(book, 0, page);
		if (pdf_report(&c1, book, &pdf) == 0 && (pdf.len < 5 ||
		    memcmp(pdf.data, "%PDF-", 5) != 0))
			abort();
		pdf_book_free(book);
	}
	xmlFreeDoc(page);
	page_files_free(files, nfiles);
	render_figs_free(figs);
	buf_free(&html);
	buf_free(&pdf);
	diag_free(d);
	return 0;
}
