/* check_chart_pdfdate_cov: chart_pdf_fix_dates (src/chart/pdfdate.c) on small PDFs built
 * here: the dates fixed with the xref moved to match, and every malformed file left
 * alone with -1. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart/chart.h"
#include "check_main.h"

/* What the test PDF looks like: its Info object's body and ways to break it. */
typedef struct pdf_opts {
	const char *info;     /* the Info dictionary's text */
	const char *xref_eol; /* the end of the "xref" line: "\n" or "\r\n" */
	int info_obj;         /* the object the trailer names as /Info */
	const char *info_ref; /* what follows "/Info N" (" 0 R") */
	int free_entry;       /* 1: object 2's entry is a free one ("f") */
	long bad_offset;      /* >= 0: object 2's entry holds this offset */
	int no_trailer;       /* 1: the trailer keyword is missing */
	int no_endobj;        /* 1: the Info object has no endobj */
} pdf_opts;

/* Objects 1 (catalog), 2 (pages) and 3 (Info). */
static void
build(buf *b, const pdf_opts *o)
{
	size_t off[4];
	buf_init(b);
	buf_puts(b, "%PDF-1.5\n");
	off[1] = b->len;
	buf_puts(b, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	off[2] = b->len;
	buf_puts(b, "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n");
	off[3] = b->len;
	buf_printf(b, "3 0 obj\n<< %s >>\n%s", o->info, o->no_endobj ? "" : "endobj\n");
	size_t xref = b->len;
	buf_printf(b, "xref%s0 4\n0000000000 65535 f \n", o->xref_eol ? o->xref_eol : "\n");
	for (int k = 1; k <= 3; k++) {
		if (k == 2 && o->free_entry)
			buf_puts(b, "0000000000 00000 f \n");
		else if (k == 2 && o->bad_offset >= 0)
			buf_printf(b, "%010ld 00000 n \n", o->bad_offset);
		else
			buf_printf(b, "%010zu 00000 n \n", off[k]);
	}
	buf_printf(b, "%s\n<< /Size 4 /Root 1 0 R /Info %d%s >>\nstartxref\n%zu\n%%%%EOF\n",
	    o->no_trailer ? "trail" : "trailer", o->info_obj ? o->info_obj : 3,
	    o->info_ref ? o->info_ref : " 0 R", xref);
}

static const pdf_opts plain = { "/Producer (cairo) /CreationDate (20240101120000Z) "
	"/ModDate (20240102120000Z)", NULL, 0, NULL, 0, -1, 0, 0 };

/* Asserts that every in-use xref entry of p points at "K 0 obj" and startxref at
 * "xref". */
static void
assert_xref_true(const buf *b)
{
	const char *p = b->data;
	const char *sx = strstr(p, "startxref\n");
	ck_assert_ptr_nonnull(sx);
	size_t start = strtoul(sx + 10, NULL, 10);
	ck_assert_int_eq(strncmp(p + start, "xref", 4), 0);
	const char *t = strstr(p + start, "0 4\n");
	ck_assert_ptr_nonnull(t);
	t += 4;
	for (int k = 1; k <= 3; k++) {
		const char *e = t + 20 * k;
		if (e[17] != 'n')
			continue;
		size_t off = strtoul(e, NULL, 10);
		char want[24];
		snprintf(want, sizeof want, "%d 0 obj", k);
		ck_assert_msg(strncmp(p + off, want, strlen(want)) == 0, "entry %d -> %.10s", k,
		    p + off);
	}
}

START_TEST(test_both_dates_fixed)
{
	buf b;
	build(&b, &plain);
	size_t len = b.len;
	ck_assert_int_eq(chart_pdf_fix_dates(&b), 0);
	ck_assert_uint_eq(b.len, len + 4);
	ck_assert_ptr_nonnull(strstr(b.data, "/CreationDate (D:20240101120000Z)"));
	ck_assert_ptr_nonnull(strstr(b.data, "/ModDate (D:20240102120000Z)"));
	assert_xref_true(&b);
	buf_free(&b);
}
END_TEST

START_TEST(test_moddate_first_and_crlf)
{
	pdf_opts o = plain;
	o.info = "/ModDate (20240102120000Z) /CreationDate   (20240101120000Z)";
	o.xref_eol = "\r\n";
	buf b;
	build(&b, &o);
	ck_assert_int_eq(chart_pdf_fix_dates(&b), 0);
	ck_assert_ptr_nonnull(strstr(b.data, "/ModDate (D:20240102120000Z) /CreationDate   "
	    "(D:20240101120000Z)"));
	assert_xref_true(&b);
	buf_free(&b);
}
END_TEST

START_TEST(test_free_entry_kept)
{
	pdf_opts o = plain;
	o.free_entry = 1;
	buf b;
	build(&b, &o);
	ck_assert_int_eq(chart_pdf_fix_dates(&b), 0);
	ck_assert_ptr_nonnull(strstr(b.data, "(D:20240101120000Z)"));
	ck_assert_ptr_nonnull(strstr(b.data, "\n0000000000 00000 f \n"));
	assert_xref_true(&b);
	buf_free(&b);
}
END_TEST

/* Builds o, runs the fix and asserts rc and that the bytes did not change. */
static void
unchanged(const pdf_opts *o, int rc)
{
	buf b;
	build(&b, o);
	char *copy = malloc(b.len);
	size_t len = b.len;
	memcpy(copy, b.data, len);
	ck_assert_int_eq(chart_pdf_fix_dates(&b), rc);
	ck_assert_uint_eq(b.len, len);
	ck_assert_int_eq(memcmp(b.data, copy, len), 0);
	free(copy);
	buf_free(&b);
}

START_TEST(test_nothing_to_fix)
{
	pdf_opts o = plain;
	o.info = "/CreationDate (D:20240101120000Z) /ModDate (D:20240102120000Z)";
	unchanged(&o, 0);
	o.info = "/Producer (cairo)";
	unchanged(&o, 0);
	o.info = "/CreationDate <FEFF> /ModDate";
	unchanged(&o, 0);
}
END_TEST

START_TEST(test_malformed_info)
{
	pdf_opts o = plain;
	o.info_obj = 9; /* beyond the table */
	unchanged(&o, -1);
	o.info_obj = 3;
	o.info_ref = " 1 R";
	unchanged(&o, -1);
	o.info_ref = NULL;
	o.no_trailer = 1;
	unchanged(&o, -1);
	o.no_trailer = 0;
	o.no_endobj = 1;
	unchanged(&o, -1);
	o.no_endobj = 0;
	o.info_obj = 2;
	o.free_entry = 1; /* Info names a free object */
	unchanged(&o, -1);
}
END_TEST

START_TEST(test_malformed_xref)
{
	pdf_opts o = plain;
	o.bad_offset = 99999; /* at or past the xref */
	unchanged(&o, -1);
	o.bad_offset = -1;
	o.xref_eol = " ";
	unchanged(&o, -1);
}
END_TEST

/* Runs the fix on text s; returns its result and checks the bytes did not change. */
static int
fix_text(const char *s)
{
	buf b;
	buf_init(&b);
	buf_puts(&b, s);
	int rc = chart_pdf_fix_dates(&b);
	ck_assert_str_eq(b.data, s);
	buf_free(&b);
	return rc;
}

START_TEST(test_not_a_pdf)
{
	buf b;
	buf_init(&b);
	ck_assert_int_eq(chart_pdf_fix_dates(&b), -1); /* no data at all */
	buf_free(&b);
	ck_assert_int_eq(fix_text("GIF89a"), -1);
	ck_assert_int_eq(fix_text("%PDF-1.5\nno cross-reference\n"), -1);
	ck_assert_int_eq(fix_text("%PDF-1.5\nstartxref\n"), -1);
	ck_assert_int_eq(fix_text("%PDF-1.5\nstartxref\n999\n"), -1);
	ck_assert_int_eq(fix_text("%PDF-1.5\nstartxref\n0\n"), -1);
	ck_assert_int_eq(fix_text("%PDF-1.5\nxref\n1 4\nstartxref\n9\n"), -1);
	ck_assert_int_eq(fix_text("%PDF-1.5\nxref\n0 0\nstartxref\n9\n"), -1);
	ck_assert_int_eq(fix_text("%PDF-1.5\nxref\n0 4 \nstartxref\n9\n"), -1);
	ck_assert_int_eq(fix_text("%PDF-1.5\nxref\n0 4\nstartxref\n9\n"), -1); /* short */
	ck_assert_int_eq(fix_text("%PDF-1.5\nxref\n0 2\n0000000000 65535 f \n"
	    "00000000xx 00000 n \ntrailer\nstartxref\n9\n"), -1);
	ck_assert_int_eq(fix_text("%PDF-1.5\nxref\n0 2\n0000000000 65535 f \n"
	    "0000000001 00000 n \ntrailer\n<< >>\nstartxref\n9\n"), -1); /* no /Info */
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("chart_pdfdate_cov");
	TCase *t = tcase_create("pdfdate");
	tcase_add_test(t, test_both_dates_fixed);
	tcase_add_test(t, test_moddate_first_and_crlf);
	tcase_add_test(t, test_free_entry_kept);
	tcase_add_test(t, test_nothing_to_fix);
	tcase_add_test(t, test_malformed_info);
	tcase_add_test(t, test_malformed_xref);
	tcase_add_test(t, test_not_a_pdf);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	return check_run(suite());
}
