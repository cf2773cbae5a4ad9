/* check_finish_cov: pdf_finish on small PDFs written by hand: each damage it refuses
 * with its reason, and each edit it makes to the structure, pages, links and dates. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qpdf/qpdf-c.h>
#include <zlib.h>

#include "pdf/pdf_int.h"
#include "util/buf.h"
#include "check_main.h"

/* One object of a PDF being written: its number's body (between "N 0 obj" and
 * "endobj"), NULL for a free entry. */
typedef struct body {
	const char *s;
	size_t n; /* bytes of s; 0: strlen(s) */
} body;

/* Writes into out a PDF whose objects 1..n are objs[0..n) (a NULL body: a free entry)
 * with a cross-reference table and a trailer holding extra (e.g. "/Root 1 0 R"). */
static void
write_pdf(buf *out, const body *objs, size_t n, const char *extra)
{
	size_t *at = calloc(n + 1, sizeof *at);
	buf_puts(out, "%PDF-1.5\n%\xb5\xed\xae\xfb\n");
	for (size_t i = 0; i < n; i++) {
		if (objs[i].s == NULL)
			continue;
		at[i + 1] = out->len;
		buf_printf(out, "%zu 0 obj\n", i + 1);
		buf_append(out, objs[i].s, objs[i].n ? objs[i].n : strlen(objs[i].s));
		buf_puts(out, "\nendobj\n");
	}
	size_t x = out->len;
	buf_printf(out, "xref\n0 %zu\n0000000000 65535 f \n", n + 1);
	for (size_t i = 1; i <= n; i++)
		buf_printf(out, at[i] ? "%010zu 00000 n \n" : "%010zu 00000 f \n", at[i]);
	buf_printf(out, "trailer\n<< /Size %zu %s >>\nstartxref\n%zu\n%%%%EOF\n", n + 1, extra, x);
	free(at);
}

/* Returns a stream object's body holding the n bytes at p deflated (Flate), malloc'd,
 * its length in *len. */
static char *
flate_stream(const char *p, size_t n, size_t *len)
{
	uLongf zn = compressBound((uLong)n);
	unsigned char *z = malloc(zn);
	ck_assert_int_eq(compress(z, &zn, (const Bytef *)p, (uLong)n), Z_OK);
	buf b;
	buf_init(&b);
	buf_printf(&b, "<< /Filter /FlateDecode /Length %lu >>\nstream\n", (unsigned long)zn);
	buf_append(&b, z, zn);
	buf_puts(&b, "\nendstream");
	free(z);
	*len = b.len;
	return b.data;
}

/* Runs pdf_finish on the PDF in b with info; returns its result, the reason in why,
 * and checks that a refused PDF is left as it was. */
static int
finish(buf *b, const pdf_finish_info *info, char *why, size_t n)
{
	buf copy;
	buf_init(&copy);
	buf_append(&copy, b->data, b->len);
	why[0] = '\0';
	int rc = pdf_finish(b, info, why, n);
	if (rc != 0) {
		ck_assert_uint_eq(b->len, copy.len);
		ck_assert_int_eq(memcmp(b->data, copy.data, b->len), 0);
		ck_assert_str_ne(why, "");
	}
	buf_free(&copy);
	return rc;
}

/* Returns how many times needle occurs in the bytes of b. */
static int
count(const buf *b, const char *needle)
{
	int k = 0;
	size_t m = strlen(needle);
	for (size_t i = 0; i + m <= b->len; i++)
		if (memcmp(b->data + i, needle, m) == 0)
			k++;
	return k;
}

static const pdf_finish_info no_info = { "en", "2026-11-01", NULL, 0, NULL, 0 };

/* Asserts that pdf_finish refuses the PDF of objs and trailer extra with a reason
 * containing want. */
static void
refuses(const body *objs, size_t n, const char *extra, const char *want)
{
	buf b;
	buf_init(&b);
	write_pdf(&b, objs, n, extra);
	char why[256];
	ck_assert_int_eq(finish(&b, &no_info, why, sizeof why), -1);
	if (strstr(why, want) == NULL)
		ck_abort_msg("reason '%s' lacks '%s'", why, want);
	buf_free(&b);
}

/* A minimal catalog, page tree, page and structure tree (objects 1-5). */
#define CATALOG "<< /Type /Catalog /Pages 2 0 R /StructTreeRoot 4 0 R >>"
#define PAGES "<< /Type /Pages /Kids [ 3 0 R ] /Count 1 >>"
#define PAGE "<< /Type /Page /Parent 2 0 R /MediaBox [ 0 0 100 100 ] >>"
#define TREE "<< /Type /StructTreeRoot /K 5 0 R >>"
#define DOC "<< /Type /StructElem /S /Document /P 4 0 R >>"

START_TEST(test_refuses_damaged_files)
{
	body ok[] = { { CATALOG, 0 }, { PAGES, 0 }, { PAGE, 0 }, { TREE, 0 }, { DOC, 0 } };
	/* The trailer. */
	refuses(ok, 5, "", "no catalog");
	refuses(ok, 5, "/Root 9 0 R", "no catalog");
	refuses(ok, 5, "/Root 3", "no catalog");
	/* An object not at its offset; a malformed value; a value nested too deep. */
	body moved[] = { { CATALOG, 0 }, { PAGES, 0 }, { PAGE, 0 }, { TREE, 0 }, { NULL, 0 } };
	buf b;
	buf_init(&b);
	write_pdf(&b, moved, 5, "/Root 1 0 R");
	char *x = strstr(b.data, "0000000000 00000 f \ntrailer");
	ck_assert_ptr_nonnull(x);
	memcpy(x, "0000000009 00000 n", 18); /* object 5 at offset 9: inside the header */
	char why[256];
	ck_assert_int_eq(finish(&b, &no_info, why, sizeof why), -1);
	ck_assert_str_eq(why, "cannot read cairo's PDF: an object is not where the "
	    "cross-reference table says");
	buf_free(&b);
	body bad[] = { { CATALOG, 0 }, { PAGES, 0 }, { PAGE, 0 }, { TREE, 0 }, { ">> x", 0 } };
	refuses(bad, 5, "/Root 1 0 R", "a malformed object");
	bad[4].s = "(unterminated";
	refuses(bad, 5, "/Root 1 0 R", "a malformed object");
	bad[4].s = "<< /A [ 1 2 ) >>";
	refuses(bad, 5, "/Root 1 0 R", "a malformed object");
	bad[4].s = "<< 1 2 >>";
	refuses(bad, 5, "/Root 1 0 R", "a malformed object");
	bad[4].s = "<< /A <01ab";
	refuses(bad, 5, "/Root 1 0 R", "a malformed object");
	char deep[200] = "";
	for (int i = 0; i < 70; i++)
		strcat(deep, "[");
	bad[4].s = deep;
	refuses(bad, 5, "/Root 1 0 R", "a malformed object");
	/* Streams whose length is wrong: too long, no endstream, an indirect length that
	 * is not a number, no length. */
	bad[4].s = "<< /Length 50 >>\nstream\nabc\nendstream";
	refuses(bad, 5, "/Root 1 0 R", "a stream's length is wrong");
	bad[4].s = "<< /Length 1 >>\nstream\nabc\nendstream";
	refuses(bad, 5, "/Root 1 0 R", "a stream's length is wrong");
	bad[4].s = "<< /Length 4 0 R >>\nstream\nabc\nendstream";
	refuses(bad, 5, "/Root 1 0 R", "a stream's length is wrong");
	bad[4].s = "<< >>\nstream\r\nabc\nendstream";
	refuses(bad, 5, "/Root 1 0 R", "a stream's length is wrong");
	buf_free(&b);
}
END_TEST

/* Writes the good five objects, then overwrites from the "xref" keyword on with tail. */
static void
with_xref(const char *tail, const char *want)
{
	body ok[] = { { CATALOG, 0 }, { PAGES, 0 }, { PAGE, 0 }, { TREE, 0 }, { DOC, 0 } };
	buf b;
	buf_init(&b);
	write_pdf(&b, ok, 5, "/Root 1 0 R");
	char *x = strstr(b.data, "xref\n0 6");
	ck_assert_ptr_nonnull(x);
	size_t at = (size_t)(x - b.data);
	b.len = at;
	buf_puts(&b, tail);
	buf_printf(&b, "\nstartxref\n%zu\n%%%%EOF\n", at);
	char why[256];
	ck_assert_int_eq(finish(&b, &no_info, why, sizeof why), -1);
	if (strstr(why, want) == NULL)
		ck_abort_msg("reason '%s' lacks '%s'", why, want);
	buf_free(&b);
}

START_TEST(test_refuses_damaged_xref)
{
	char why[256];
	buf b;
	buf_init(&b);
	/* No bytes at all, and bytes without startxref. */
	ck_assert_int_eq(pdf_finish(&b, &no_info, why, sizeof why), -1);
	ck_assert_str_eq(why, "cannot read cairo's PDF: empty");
	buf_puts(&b, "%PDF-1.5\n%%EOF\n");
	ck_assert_int_eq(finish(&b, &no_info, why, sizeof why), -1);
	ck_assert_str_eq(why, "cannot read cairo's PDF: no cross-reference table");
	buf_reset(&b);
	buf_puts(&b, "%PDF-1.5\nstartxref\n99999\n%%EOF\n"); /* beyond the end */
	ck_assert_int_eq(finish(&b, &no_info, why, sizeof why), -1);
	ck_assert_str_eq(why, "cannot read cairo's PDF: no cross-reference table");
	buf_reset(&b);
	buf_puts(&b, "%PDF-1.5\nstartxref\nnine\n%%EOF\n");
	ck_assert_int_eq(finish(&b, &no_info, why, sizeof why), -1);
	ck_assert_str_eq(why, "cannot read cairo's PDF: no cross-reference table");
	buf_free(&b);
	with_xref("xref\n0 x\n", "a malformed cross-reference table");
	with_xref("xref\n0 99999999\n", "a malformed cross-reference table");
	with_xref("xref\n0 2\n0000000000 65535 f \n00000x0015 00000 n \n",
	    "a malformed cross-reference entry");
	with_xref("xref\n0 9\n0000000000 65535 f \n", "a malformed cross-reference entry");
	with_xref("xref\n0 1\n0000000000 65535 f \ntrail", "no trailer");
	with_xref("xref\n0 1\n0000000000 65535 f \ntrailer\n[ 1 2 ]", "a malformed trailer");
	with_xref("xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Root 1 0 R", "a malformed trailer");
	/* A table in two subsections, the second past the first's end: read whole. */
	with_xref("xref\n0 1\n0000000000 65535 f \n7 1\n0000000015 00000 n \ntrailer\n<< >>",
	    "an object is not where the cross-reference table says");
}
END_TEST

START_TEST(test_refuses_what_the_tree_or_pages_break)
{
	/* No structure tree; one that is not a dictionary. */
	body o[12] = { { "<< /Type /Catalog /Pages 2 0 R >>", 0 }, { PAGES, 0 }, { PAGE, 0 },
		{ TREE, 0 }, { DOC, 0 } };
	buf b;
	buf_init(&b);
	write_pdf(&b, o, 5, "/Root 1 0 R");
	char why[256];
	ck_assert_int_eq(finish(&b, &no_info, why, sizeof why), -1);
	ck_assert_str_eq(why, "cairo wrote no structure tree"); /* said as it is */
	buf_free(&b);
	o[0].s = "<< /Type /Catalog /StructTreeRoot << /K 5 0 R >> >>";
	refuses(o, 5, "/Root 1 0 R", "no structure tree");
	/* An element met twice. */
	o[0].s = CATALOG;
	o[3].s = "<< /Type /StructTreeRoot /K [ 5 0 R 5 0 R ] >>";
	refuses(o, 5, "/Root 1 0 R", "the structure tree holds an element twice");
	/* Figures and alt texts that do not match, with the counts. */
	o[3].s = "<< /Type /StructTreeRoot /K [ 5 0 R 6 0 R ] >>";
	o[5].s = "<< /Type /StructElem /S /Figure /P 4 0 R /K 0 >>";
	buf_init(&b);
	write_pdf(&b, o, 6, "/Root 1 0 R");
	ck_assert_int_eq(finish(&b, &no_info, why, sizeof why), -1);
	ck_assert_str_eq(why, "1 Figure elements for 0 alt texts");
	buf_free(&b);
	/* A page whose content has another filter, or Flate bytes that do not inflate. */
	o[3].s = TREE;
	o[2].s = "<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>";
	o[5].s = "<< /Filter /ASCIIHexDecode /Length 4 >>\nstream\n4142\nendstream";
	refuses(o, 6, "/Root 1 0 R", "a page's content has a filter other than Flate");
	o[5].s = "<< /Filter /FlateDecode /Length 4 >>\nstream\nabcd\nendstream";
	refuses(o, 6, "/Root 1 0 R", "a page's content cannot be inflated");
	/* The same through a node of pages. */
	o[1].s = "<< /Type /Pages /Kids [ 7 0 R ] /Count 1 >>";
	o[6].s = "<< /Type /Pages /Parent 2 0 R /Kids [ 3 0 R ] /Count 1 >>";
	refuses(o, 7, "/Root 1 0 R", "a page's content cannot be inflated");
}
END_TEST

/* Reads the PDF in b with libqpdf (failing the test on an error or warning). */
static qpdf_data
open_pdf(const buf *b)
{
	qpdf_data q = qpdf_init();
	qpdf_silence_errors(q);
	ck_assert_int_eq(qpdf_read_memory(q, "t.pdf", b->data, b->len, NULL), QPDF_SUCCESS);
	return q;
}

/* Returns object n's key k unparsed (qpdf's own text, static until the next call). */
static const char *
key_of(qpdf_data q, int n, const char *k)
{
	return qpdf_oh_unparse(q, qpdf_oh_get_key(q, qpdf_get_object_by_id(q, n, 0), k));
}

/* Returns object n's key k as UTF-8. */
static const char *
text_of(qpdf_data q, int n, const char *k)
{
	return qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, qpdf_get_object_by_id(q, n, 0), k));
}

/* The objects of a page with a structure of every kind pdf_finish edits. */
enum { NOBJ = 24 };

/* Fills o with the report-like PDF's objects; content (a Flate stream body) is
 * object 12. */
static void
rich_objects(body *o, const char *content, size_t clen)
{
	static const char *const s[NOBJ] = {
		/* 1 */ "<< /Type /Catalog /Pages 2 0 R /StructTreeRoot 4 0 R /Lang (xx)"
		    " /MarkInfo << /Marked false >> >>",
		/* 2 */ "<< /Type /Pages /Kids [ 3 0 R 20 0 R 3 0 R 99 0 R 17 ] /Count 2 >>",
		/* 3 */ "<< /Type /Page /Parent 2 0 R /Tabs /R /Contents 12 0 R"
		    " /Annots [ 13 0 R 14 0 R 15 0 R 16 0 R 99 0 R 21 0 R 13 0 R ] >>",
		/* 4 */ "<< /Type /StructTreeRoot /K 5 0 R % a comment\n /ParentTree 11 0 R >>",
		/* 5 */ "<< /Type /StructElem /S /Document /K [ 6 0 R 7 0 R 8 0 R 9 0 R 10 0 R"
		    " 18 0 R 19 0 R 0 99 0 R 24 0 R ] >>",
		/* 6 */ "<< /Type /StructElem /S /" PDF_TAG_ARTIFACT " /K 0 >>",
		/* 7 */ "<< /Type /StructElem /S /Figure /Alt (old) /K 1 >>",
		/* 8 */ "<< /Type /StructElem /S /TH /A << /O /Layout >> /K 2 >>",
		/* 9 */ "<< /Type /StructElem /S /Note /ID (x) /K [ 3 ] >>",
		/* 10 */ "<< /Type /StructElem /S /Figure /K 4 >>",
		/* 11 */ "<< /Nums [ 0 22 0 R 1 6 0 R 2 7 0 R 3 99 0 R ] >>",
		/* 12 */ NULL,
		/* 13 */ "<< /Type /Annot /Subtype /Link /Rect [ 0 0 1 1 ]"
		    " /A << /S /URI /URI (https://e.org/a\\(b\\)\\101\\\\\\n\\q\\\n\\\r\nc) >> >>",
		/* 14 */ "<< /Type /Annot /Subtype /Link /Dest (sec\\-one) /Contents (old) >>",
		/* 15 */ "<< /Type /Annot /Subtype /Link /Dest (nowhere) /A 17 0 R >>",
		/* 16 */ "<< /Type /Annot /Subtype /Text /Contents (a note) >>",
		/* 17 */ "<< /S /GoTo >>",
		/* 18 */ "<< /Type /StructElem /S /P /K 23 0 R >>",
		/* 19 */ "<< /Type /StructElem /S /P /K 21 0 R >>",
		/* 20 */ "<< /Type /Pages /Kids 21 0 R >>",
		/* 21 */ "[ 3 0 R ]",
		/* 22 */ "[ 6 0 R 7 0 R null 99 0 R ]",
		/* 23 */ "<< /Type /StructElem /S /" PDF_TAG_ARTIFACT " >>",
		/* 24 */ "<< /Type /StructElem /K 5 >>",
	};
	for (int i = 0; i < NOBJ; i++)
		o[i] = (body){ s[i], 0 };
	o[11] = (body){ content, clen };
}

/* The content of the rich page: a running head (an artifact element), text, a figure. */
static const char rich_content[] =
    "/" PDF_TAG_ARTIFACT " << /MCID 0 >> BDC\n0 0 m\nEMC\n"
    "/P << /MCID 1 >> BDC\nBT (x) Tj ET\nEMC\n"
    "/" PDF_TAG_ARTIFACT " << /MCID 7 >> BDC\n1 1 m\nEMC\n"
    "/" PDF_TAG_ARTIFACT " << /MCID >> BDC\n/" PDF_TAG_ARTIFACT " << /MCID 8 >>BDC\n"
    "/" PDF_TAG_ARTIFACT " << /MCID 9";

START_TEST(test_finishes_structure_pages_links_dates)
{
	size_t clen;
	char *content = flate_stream(rich_content, sizeof rich_content - 1, &clen);
	body o[NOBJ];
	rich_objects(o, content, clen);
	buf b, again;
	buf_init(&b);
	buf_init(&again);
	write_pdf(&b, o, NOBJ, "/Root 1 0 R /Info 17 0 R");
	buf_append(&again, b.data, b.len);
	static const char *const alts[] = { "A chart (of \\ things)", "Évolution 𝄞 2026" };
	static const pdf_outline_entry dests[] = { { 1, "Section one", "sec-one" } };
	pdf_finish_info info = { "fr-CA", "2026-11-05", alts, 2, dests, 1 };
	char why[256];
	ck_assert_int_eq(finish(&b, &info, why, sizeof why), 0);
	ck_assert_int_eq(finish(&again, &info, why, sizeof why), 0);
	ck_assert_uint_eq(b.len, again.len); /* the same input, the same bytes */
	ck_assert_int_eq(memcmp(b.data, again.data, b.len), 0);
	ck_assert_int_eq(count(&b, "/Type /XRef"), 1);
	ck_assert_int_eq(count(&b, "/Type /ObjStm"), 1);
	qpdf_data q = open_pdf(&b);
	/* The catalog. */
	ck_assert_str_eq(text_of(q, 1, "/Lang"), "fr-CA");
	ck_assert_str_eq(key_of(q, 1, "/MarkInfo"), "<< /Marked true >>");
	ck_assert_str_eq(key_of(q, 1, "/ViewerPreferences"), "<< /DisplayDocTitle true >>");
	/* The structure: the artifact elements out of their parents, alt texts in order,
	 * the header's scope, the note's ID, /Type gone from elements. */
	ck_assert_str_eq(key_of(q, 5, "/K"),
	    "[ 7 0 R 8 0 R 9 0 R 10 0 R 18 0 R 19 0 R 0 99 0 R 24 0 R ]");
	ck_assert_str_eq(text_of(q, 7, "/Alt"), "A chart (of \\ things)");
	ck_assert_str_eq(text_of(q, 10, "/Alt"), "Évolution 𝄞 2026");
	ck_assert_str_eq(key_of(q, 8, "/A"), "<< /O /Table /Scope /Column >>");
	ck_assert_str_eq(text_of(q, 9, "/ID"), "note-1");
	ck_assert_int_eq(qpdf_oh_has_key(q, qpdf_get_object_by_id(q, 9, 0), "/Type"), 0);
	ck_assert_str_eq(key_of(q, 18, "/K"), "[ ]");
	ck_assert_str_eq(key_of(q, 19, "/K"), "21 0 R");
	ck_assert_str_eq(key_of(q, 24, "/K"), "5");
	/* The parent tree: entries naming an artifact element made null. */
	ck_assert_str_eq(key_of(q, 11, "/Nums"), "[ 0 22 0 R 1 null 2 7 0 R 3 99 0 R ]");
	ck_assert_str_eq(qpdf_oh_unparse_resolved(q, qpdf_get_object_by_id(q, 22, 0)),
	    "[ null 7 0 R null 99 0 R ]");
	/* The page: tab order, and each link saying where it goes. */
	ck_assert_str_eq(key_of(q, 3, "/Tabs"), "/S");
	ck_assert(qpdf_oh_is_array(q, qpdf_get_object_by_id(q, 21, 0))); /* not a page: as it was */
	ck_assert_str_eq(text_of(q, 13, "/Contents"), "https://e.org/a(b)A\\\nqc");
	ck_assert_str_eq(text_of(q, 14, "/Contents"), "Section one");
	ck_assert_str_eq(text_of(q, 15, "/Contents"), "Link");
	ck_assert_str_eq(text_of(q, 16, "/Contents"), "a note");
	/* The dates. */
	ck_assert_str_eq(text_of(q, 17, "/CreationDate"), "D:20261105000000Z");
	ck_assert_str_eq(text_of(q, 17, "/ModDate"), "D:20261105000000Z");
	/* The artifacts' marked content, without an MCID; the rest as it was. */
	qpdf_oh c = qpdf_get_object_by_id(q, 12, 0);
	unsigned char *data;
	size_t n;
	/* (warnings from the odd page tree above are qpdf's, not errors) */
	ck_assert_int_eq(qpdf_oh_get_stream_data(q, c, qpdf_dl_generalized, NULL, &data, &n) &
	    QPDF_ERRORS, 0);
	buf got;
	buf_init(&got);
	buf_append(&got, data, n);
	free(data);
	ck_assert_str_eq(buf_str(&got),
	    "/Artifact BMC\n0 0 m\nEMC\n"
	    "/P << /MCID 1 >> BDC\nBT (x) Tj ET\nEMC\n"
	    "/Artifact BMC\n1 1 m\nEMC\n"
	    "/" PDF_TAG_ARTIFACT " << /MCID >> BDC\n/" PDF_TAG_ARTIFACT " << /MCID 8 >>BDC\n"
	    "/" PDF_TAG_ARTIFACT " << /MCID 9");
	buf_free(&got);
	qpdf_cleanup(&q);
	buf_free(&again);
	buf_free(&b);
	free(content);
}
END_TEST

START_TEST(test_finishes_many_objects_without_dates)
{
	/* 250 objects: three object streams; no date and no language; an uncompressed
	 * content stream with an indirect length (written directly); an Info object that
	 * is not a dictionary. */
	enum { N = 250 };
	body o[N];
	for (int i = 0; i < N; i++)
		o[i] = (body){ "<< /Filler true >>", 0 };
	o[0].s = CATALOG;
	o[1].s = PAGES;
	o[2].s = "<< /Type /Page /Parent 2 0 R /Contents 6 0 R /Annots 8 0 R >>";
	o[3].s = TREE;
	o[4].s = "<< /Type /StructElem /S /Document /K [ ] >>";
	o[5].s = "<< /Length 7 0 R >>\nstream\n0 0 m\nendstream";
	o[6].s = "5";
	o[7].s = "(not an array)";
	o[8].s = "[ 1 2 ]";
	buf b;
	buf_init(&b);
	write_pdf(&b, o, N, "/Root 1 0 R /Info 9 0 R");
	pdf_finish_info info = { NULL, "2026-01-01", NULL, 0, NULL, 0 };
	char why[256];
	ck_assert_int_eq(finish(&b, &info, why, sizeof why), 0);
	ck_assert_int_eq(count(&b, "/Type /ObjStm"), 3);
	qpdf_data q = open_pdf(&b);
	ck_assert_int_eq(qpdf_oh_has_key(q, qpdf_get_root(q), "/Lang"), 0);
	qpdf_oh len = qpdf_oh_get_key(q, qpdf_oh_get_dict(q, qpdf_get_object_by_id(q, 6, 0)),
	    "/Length");
	ck_assert_str_eq(qpdf_oh_unparse(q, len), "5");
	ck_assert_str_eq(key_of(q, 3, "/Tabs"), "/S");
	ck_assert_int_eq(qpdf_oh_is_null(q, qpdf_get_object_by_id(q, 7, 0)), 1); /* gone */
	ck_assert_str_eq(key_of(q, 250, "/Filler"), "true");
	qpdf_cleanup(&q);
	buf_free(&b);
	/* A date that is not one, and an Info that is not a dictionary: kept as it was. */
	o[8].s = "<< /Producer (cairo) /CreationDate (D:2000) >>";
	buf_init(&b);
	write_pdf(&b, o, N, "/Root 1 0 R /Info 9 0 R");
	info.date = "soon";
	ck_assert_int_eq(finish(&b, &info, why, sizeof why), 0);
	q = open_pdf(&b);
	ck_assert_str_eq(text_of(q, 9, "/CreationDate"), "D:2000");
	qpdf_cleanup(&q);
	buf_free(&b);
}
END_TEST

/* Finishes the PDF of objs (n) with trailer extra and info; returns it read by libqpdf. */
static qpdf_data
finished(const body *objs, size_t n, const char *extra, const pdf_finish_info *info, buf *b)
{
	buf_init(b);
	write_pdf(b, objs, n, extra);
	char why[256];
	ck_assert_int_eq(finish(b, info, why, sizeof why), 0);
	return open_pdf(b);
}

START_TEST(test_finishes_odd_but_readable_files)
{
	/* The tree's root drops an artifact; pages sharing one content stream (rewritten
	 * once), a content without artifacts, pointers to nothing; a free entry; an
	 * Info that is gone; links by hex string and by name. */
	size_t clen, plen;
	static const char art[] = "/" PDF_TAG_ARTIFACT " << /MCID 0 >> BDC\nEMC\n";
	char *content = flate_stream(art, sizeof art - 1, &clen);
	char *plain = flate_stream("0 0 m\n", 6, &plen);
	body o[] = {
		/* 1 */ { "<< /Type /Catalog /Pages 2 0 R /StructTreeRoot 4 0 R >>", 0 },
		/* 2 */ { "<< /Type /Pages /Kids [ 3 0 R 0 0 R 99 0 R 11 0 R 12 0 R 13 0 R 14 0 R"
		    " 15 0 R ] >>", 0 },
		/* 3 */ { "<< /Type /Page /Contents 6 0 R /Annots [ 0 0 R 9 0 R 10 0 R 11 0 R ] >>",
		    0 },
		/* 4 */ { "<< /Type /StructTreeRoot /K [ 5 0 R 7 0 R ] /ParentTree 99 0 R >>", 0 },
		/* 5 */ { "<< /S /" PDF_TAG_ARTIFACT " >>", 0 },
		/* 6 */ { content, clen },
		/* 7 */ { "<< /S /Document /K [ 8 0 R ] >>", 0 },
		/* 8 */ { NULL, 0 },
		/* 9 */ { "<< /Subtype /Link /A << /URI <68747470733a2f2f782e6f7267> >> >>", 0 },
		/* 10 */ { "<< /Subtype /Link /Dest /sec-one >>", 0 },
		/* 11 */ { "<< /Type /Page /Contents 6 0 R >>", 0 },
		/* 12 */ { "<< /Type /Page /Contents 16 0 R >>", 0 },
		/* 13 */ { "<< /Type /Page /Contents 0 0 R >>", 0 },
		/* 14 */ { "<< /Type /Page /Contents 99 0 R >>", 0 },
		/* 15 */ { "<< /Type /Page /Contents 8 0 R >>", 0 },
		/* 16 */ { plain, plen },
	};
	static const pdf_outline_entry dests[] = { { 1, "Section one", "sec-one" } };
	pdf_finish_info info = { "", "2026-11-01", NULL, 0, dests, 1 };
	buf b;
	qpdf_data q = finished(o, 16, "/Root 1 0 R /Info 8 0 R", &info, &b);
	ck_assert_str_eq(key_of(q, 4, "/K"), "[ 7 0 R ]");
	ck_assert_int_eq(qpdf_oh_has_key(q, qpdf_get_root(q), "/Lang"), 0);
	ck_assert_int_eq(qpdf_oh_has_key(q, qpdf_get_trailer(q), "/Info"), 0);
	ck_assert_str_eq(text_of(q, 9, "/Contents"), "Link"); /* a hex URI is not read */
	ck_assert_str_eq(text_of(q, 10, "/Contents"), "Link");
	ck_assert_str_eq(key_of(q, 11, "/Tabs"), "/S");
	ck_assert_str_eq(key_of(q, 12, "/Tabs"), "/S");
	ck_assert_int_eq(count(&b, "/Length 5 >>"), 0); /* neither stream is shorter */
	qpdf_cleanup(&q);
	buf_free(&b);
	/* Pages 70 nodes deep: below 64 a node is finished as a page. Exactly 200 objects
	 * kept: two full object streams. */
	enum { DEEP = 70, N = 205 };
	body d[N];
	char *node[DEEP];
	for (int i = 0; i < N; i++)
		d[i] = (body){ "<< /Filler 1 >>", 0 };
	d[0].s = "<< /Type /Catalog /Pages 6 0 R /StructTreeRoot 2 0 R >>";
	d[1].s = "<< /K 3 0 R /ParentTree 4 0 R >>";
	d[2].s = "<< /S /Document /K 5 0 R >>";
	d[3].s = "<< /Nums [ 0 [ 3 0 R ] 1 5 0 R ] >>";
	d[4].s = "<< /S /" PDF_TAG_ARTIFACT " /K 0 >>";
	for (int i = 0; i < DEEP; i++) {
		node[i] = malloc(64);
		snprintf(node[i], 64, "<< /Type /Pages /Kids [ %d 0 R ] >>", i + 7);
		d[5 + i].s = node[i];
	}
	d[5 + DEEP].s = "<< /Type /Page >>";
	info = (pdf_finish_info){ "en", "2026-11-01", NULL, 0, NULL, 0 };
	q = finished(d, N - 4, "/Root 1 0 R /Info 999999999 0 R", &info, &b);
	ck_assert_str_eq(key_of(q, 3, "/K"), "[ ]");
	ck_assert_str_eq(key_of(q, 4, "/Nums"), "[ 0 [ 3 0 R ] 1 null ]");
	/* the root is object 6; the node 64 levels under it is finished as a page */
	ck_assert_str_eq(key_of(q, 7 + 64, "/Tabs"), "/S");
	ck_assert_str_eq(key_of(q, 7 + 63, "/Tabs"), "null");
	ck_assert_str_eq(key_of(q, 7 + 65, "/Tabs"), "null"); /* below it: not reached */
	ck_assert_int_eq(count(&b, "/Type /ObjStm /N 100 "), 2);
	ck_assert_int_eq(count(&b, "/Type /ObjStm"), 2);
	qpdf_cleanup(&q);
	buf_free(&b);
	for (int i = 0; i < DEEP; i++)
		free(node[i]);
	free(content);
	free(plain);
}
END_TEST

START_TEST(test_refuses_more_damage)
{
	body o[] = { { CATALOG, 0 }, { PAGES, 0 }, { PAGE, 0 }, { TREE, 0 }, { DOC, 0 } };
	refuses(o, 5, "/Root 999999999 0 R", "no catalog");
	refuses(o, 5, "/Root 0 0 R", "no catalog");
	o[4].s = NULL;
	refuses(o, 5, "/Root 5 0 R", "no catalog"); /* a free entry */
	o[4].s = "[ 1 2"; /* an array open to the end of the file */
	refuses(o, 5, "/Root 1 0 R", "a malformed object");
	o[4].s = "<< /Length 3x >>\nstream\nabc\nendstream";
	refuses(o, 5, "/Root 1 0 R", "a stream's length is wrong");
	o[4].s = "<< /Length 99 0 R >>\nstream\nabc\nendstream";
	refuses(o, 5, "/Root 1 0 R", "a stream's length is wrong");
	buf b;
	buf_init(&b);
	o[4].s = DOC;
	write_pdf(&b, o, 5, "/Root 1 0 R");
	char *x = strstr(b.data, "5 0 obj");
	ck_assert_ptr_nonnull(x);
	memcpy(x, "5 0 obi", 7);
	char why[256];
	ck_assert_int_eq(finish(&b, &no_info, why, sizeof why), -1);
	ck_assert_str_eq(why, "cannot read cairo's PDF: an object is not where the "
	    "cross-reference table says");
	memcpy(x, "5 x obj", 7);
	ck_assert_int_eq(finish(&b, &no_info, why, sizeof why), -1);
	ck_assert_str_eq(why, "cannot read cairo's PDF: an object is not where the "
	    "cross-reference table says");
	buf_free(&b);
	with_xref("xref\n1 5\n", "a malformed cross-reference entry");
	buf_init(&b);
	buf_puts(&b, "%PDF-1.5\nstartxref\n1234567890123\n%%EOF\n"); /* too many digits */
	ck_assert_int_eq(finish(&b, &no_info, why, sizeof why), -1);
	ck_assert_str_eq(why, "cannot read cairo's PDF: no cross-reference table");
	buf_free(&b);
}
END_TEST

static Suite *
finish_suite(void)
{
	Suite *s = suite_create("finish_cov");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_refuses_damaged_files);
	tcase_add_test(tc, test_refuses_damaged_xref);
	tcase_add_test(tc, test_refuses_what_the_tree_or_pages_break);
	tcase_add_test(tc, test_finishes_structure_pages_links_dates);
	tcase_add_test(tc, test_finishes_many_objects_without_dates);
	tcase_add_test(tc, test_finishes_odd_but_readable_files);
	tcase_add_test(tc, test_refuses_more_damage);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(finish_suite());
}
