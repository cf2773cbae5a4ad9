/* check_pdf_join: report.pdf joined from parts (pdf_join): objects renumbered, one page
 * tree, one structure tree, one parent tree, one sorted /Dests, the outline; parts
 * kept in the build cache (pdf_part_pack/unpack) give the same bytes as typesetting. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <libxml/tree.h>
#include <qpdf/qpdf-c.h>

#include "cache/cache.h"
#include "cmd/pipeline.h"
#include "pdf/pdf.h"
#include "pdf/pdf_int.h"
#include "render/page.h"
#include "util/buf.h"
#include "check_main.h"

#define MINI "tests/fixtures/mini/content"

/* cairo_write_func_t: appends to the buf closure. */
static cairo_status_t
to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	buf_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* Draws into b a part as the typesetter writes one: npages pages under a Document
 * element, each with an artifact (a running head), a destination named dest-<page>
 * (dest "sec-<name>" on its first page), a paragraph with a link to the destination
 * link (may be NULL) and a Figure. With info 0 no metadata is set. */
static void
part(buf *b, const char *name, int npages, const char *link)
{
	cairo_surface_t *sf = cairo_pdf_surface_create_for_stream(to_buf, b, 200, 200);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE, name);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATE_DATE, "2026-11-01T00:00:00Z");
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_MOD_DATE, "2026-11-01T00:00:00Z");
	cairo_t *cr = cairo_create(sf);
	cairo_tag_begin(cr, "Document", "");
	for (int p = 0; p < npages; p++) {
		char at[160];
		cairo_tag_begin(cr, PDF_TAG_ARTIFACT, "");
		cairo_rectangle(cr, 0, 0, 200, 5);
		cairo_fill(cr);
		cairo_tag_end(cr, PDF_TAG_ARTIFACT);
		if (p == 0)
			snprintf(at, sizeof at, "name='sec-%s' x=0 y=10", name);
		else
			snprintf(at, sizeof at, "name='o-%s-%d' x=0 y=10", name, p);
		cairo_tag_begin(cr, CAIRO_TAG_DEST, at);
		cairo_tag_end(cr, CAIRO_TAG_DEST);
		cairo_tag_begin(cr, "P", "");
		cairo_rectangle(cr, 10, 10, 50, 10);
		cairo_fill(cr);
		if (link != NULL) {
			snprintf(at, sizeof at, "dest='%s' rect=[10 30 50 10]", link);
			cairo_tag_begin(cr, CAIRO_TAG_LINK, at);
			cairo_rectangle(cr, 10, 30, 50, 10);
			cairo_fill(cr);
			cairo_tag_end(cr, CAIRO_TAG_LINK);
		}
		cairo_tag_end(cr, "P");
		cairo_tag_begin(cr, "Figure", "");
		cairo_rectangle(cr, 10, 60, 100, 100);
		cairo_fill(cr);
		cairo_tag_end(cr, "Figure");
		cairo_show_page(cr);
	}
	cairo_tag_end(cr, "Document");
	cairo_destroy(cr);
	cairo_surface_destroy(sf);
}

/* The outline of the three parts below: each section, one heading under "two". */
static const pdf_outline_entry outline[] = {
	{ 1, "Title", "sec-title" },
	{ 1, "One", "sec-one" },
	{ 1, "Two", "sec-two" },
	{ 2, "Two, page 2", "o-two-1" },
	{ 3, "Two, page 3", "o-two-2" },
	{ 1, "Three \xe2\x80\x93 last", "sec-three" },
};
#define NOUT (sizeof outline / sizeof *outline)

/* Makes the parts title (1 page), one (1 page, linking to two), two (3 pages, linking
 * to one), three (2 pages) into p[0..4). */
static void
four_parts(buf p[4])
{
	for (int i = 0; i < 4; i++)
		buf_init(&p[i]);
	part(&p[0], "title", 1, "sec-three");
	part(&p[1], "one", 1, "sec-two");
	part(&p[2], "two", 3, "sec-one");
	part(&p[3], "three", 2, NULL);
}

/* Joins p[0..n) into out (asserted to succeed). */
static void
join_all(buf *p, size_t n, buf *out)
{
	const buf *ps[4];
	for (size_t i = 0; i < n; i++)
		ps[i] = &p[i];
	char why[256] = "";
	ck_assert_msg(pdf_join(ps, n, outline, NOUT, out, why, sizeof why) == 0, "%s", why);
}

/* Opens the PDF in b with libqpdf, asserting it reads and checks without a warning. */
static qpdf_data
open_pdf(const buf *b)
{
	qpdf_data q = qpdf_init();
	qpdf_silence_errors(q);
	ck_assert_int_eq(qpdf_read_memory(q, "j.pdf", b->data, b->len, NULL), QPDF_SUCCESS);
	ck_assert_int_eq(qpdf_check_pdf(q), QPDF_SUCCESS);
	ck_assert(!qpdf_more_warnings(q));
	return q;
}

/* Returns the object id of page n of q. */
static int
page_id(qpdf_data q, int n)
{
	return qpdf_oh_get_object_id(q, qpdf_get_page_n(q, (size_t)n));
}

/* Returns the page the destination name of q's /Dests name tree goes to (its index),
 * or -1; asserts the names are sorted. */
static int
dest_page(qpdf_data q, const char *name)
{
	qpdf_oh names = qpdf_oh_get_key(q, qpdf_oh_get_key(q, qpdf_oh_get_key(q,
	    qpdf_get_root(q), "/Names"), "/Dests"), "/Names");
	int n = qpdf_oh_get_array_n_items(q, names), found = -1;
	char prev[64] = "";
	for (int i = 0; i + 1 < n; i += 2) {
		const char *k = qpdf_oh_get_utf8_value(q, qpdf_oh_get_array_item(q, names, i));
		ck_assert_int_lt(strcmp(prev, k), 0); /* sorted, no name twice */
		snprintf(prev, sizeof prev, "%s", k);
		if (strcmp(k, name) != 0)
			continue;
		qpdf_oh pg = qpdf_oh_get_array_item(q, qpdf_oh_get_array_item(q, names, i + 1), 0);
		for (int p = 0; p < qpdf_get_num_pages(q); p++)
			if (page_id(q, p) == qpdf_oh_get_object_id(q, pg))
				found = p;
	}
	return found;
}

START_TEST(test_join_pages_and_dests)
{
	buf p[4], out;
	four_parts(p);
	buf_init(&out);
	join_all(p, 4, &out);
	qpdf_data q = open_pdf(&out);
	ck_assert_int_eq(qpdf_get_num_pages(q), 7);
	ck_assert_int_eq(dest_page(q, "sec-title"), 0);
	ck_assert_int_eq(dest_page(q, "sec-one"), 1);
	ck_assert_int_eq(dest_page(q, "sec-two"), 2);
	ck_assert_int_eq(dest_page(q, "o-two-2"), 4);
	ck_assert_int_eq(dest_page(q, "sec-three"), 5);
	ck_assert_int_eq(dest_page(q, "o-three-1"), 6);
	/* the link of page 2 (part "one") goes to "two" by name */
	qpdf_oh a = qpdf_oh_get_array_item(q, qpdf_oh_get_key(q, qpdf_get_page_n(q, 1),
	    "/Annots"), 0);
	ck_assert_str_eq(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, a, "/Dest")), "sec-two");
	/* the Info dictionary is the first part's */
	qpdf_oh info = qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Info");
	ck_assert_str_eq(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, info, "/Title")), "title");
	qpdf_cleanup(&q);
	for (int i = 0; i < 4; i++)
		buf_free(&p[i]);
	buf_free(&out);
}
END_TEST

/* Counts the structure elements of type s (with "/") at or below e whose /P is parent
 * (0: any), and checks each child's /P is e. */
static int
count_elems(qpdf_data q, qpdf_oh e, const char *s)
{
	int n = qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, e, "/S"), s);
	qpdf_oh k = qpdf_oh_get_key(q, e, "/K");
	for (int i = 0; qpdf_oh_is_array(q, k) && i < qpdf_oh_get_array_n_items(q, k); i++) {
		qpdf_oh c = qpdf_oh_get_array_item(q, k, i);
		if (!qpdf_oh_is_dictionary(q, c) || !qpdf_oh_has_key(q, c, "/S"))
			continue;
		ck_assert_int_eq(qpdf_oh_get_object_id(q, qpdf_oh_get_key(q, c, "/P")),
		    qpdf_oh_get_object_id(q, e));
		n += count_elems(q, c, s);
	}
	return n;
}

START_TEST(test_join_one_structure_tree)
{
	buf p[4], out;
	four_parts(p);
	buf_init(&out);
	join_all(p, 4, &out);
	qpdf_data q = open_pdf(&out);
	qpdf_oh st = qpdf_oh_get_key(q, qpdf_get_root(q), "/StructTreeRoot");
	qpdf_oh k = qpdf_oh_get_key(q, st, "/K");
	ck_assert_int_eq(qpdf_oh_get_array_n_items(q, k), 1);
	qpdf_oh doc = qpdf_oh_get_array_item(q, k, 0);
	ck_assert(qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, doc, "/S"), "/Document"));
	ck_assert_int_eq(count_elems(q, doc, "/Document"), 1);
	ck_assert_int_eq(count_elems(q, doc, "/Figure"), 7); /* one a page, every part's */
	ck_assert_int_eq(count_elems(q, doc, "/P"), 7);
	/* each page's /StructParents key finds, in the one parent tree, elements of that
	 * page: the keys of later parts moved past the earlier ones' */
	qpdf_oh nums = qpdf_oh_get_key(q, qpdf_oh_get_key(q, st, "/ParentTree"), "/Nums");
	int seen[7] = { 0 };
	for (int pg = 0; pg < 7; pg++) {
		int key = qpdf_oh_get_int_value_as_int(q, qpdf_oh_get_key(q,
		    qpdf_get_page_n(q, (size_t)pg), "/StructParents"));
		for (int i = 0; i + 1 < qpdf_oh_get_array_n_items(q, nums); i += 2) {
			if (qpdf_oh_get_int_value_as_int(q, qpdf_oh_get_array_item(q, nums, i)) != key)
				continue;
			qpdf_oh v = qpdf_oh_get_array_item(q, nums, i + 1);
			qpdf_oh e = qpdf_oh_get_array_item(q, v, 0);
			ck_assert_int_eq(qpdf_oh_get_object_id(q, qpdf_oh_get_key(q, e, "/Pg")),
			    page_id(q, pg));
			seen[pg]++;
		}
	}
	for (int pg = 0; pg < 7; pg++)
		ck_assert_int_eq(seen[pg], 1);
	qpdf_cleanup(&q);
	for (int i = 0; i < 4; i++)
		buf_free(&p[i]);
	buf_free(&out);
}
END_TEST

START_TEST(test_join_outline)
{
	buf p[4], out;
	four_parts(p);
	buf_init(&out);
	join_all(p, 4, &out);
	qpdf_data q = open_pdf(&out);
	qpdf_oh ol = qpdf_oh_get_key(q, qpdf_get_root(q), "/Outlines");
	ck_assert_int_eq(qpdf_oh_get_int_value_as_int(q, qpdf_oh_get_key(q, ol, "/Count")), 4);
	const char *tops[] = { "Title", "One", "Two", "Three \xe2\x80\x93 last" };
	qpdf_oh e = qpdf_oh_get_key(q, ol, "/First"), two = 0;
	for (int i = 0; i < 4; i++) {
		ck_assert(qpdf_oh_is_dictionary(q, e));
		ck_assert_str_eq(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, e, "/Title")), tops[i]);
		if (i == 2)
			two = e;
		e = qpdf_oh_get_key(q, e, "/Next");
	}
	ck_assert(!qpdf_oh_is_dictionary(q, e));
	qpdf_oh h = qpdf_oh_get_key(q, two, "/First");
	ck_assert_str_eq(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, h, "/Dest")), "o-two-1");
	ck_assert_int_eq(qpdf_oh_get_int_value_as_int(q, qpdf_oh_get_key(q, two, "/Count")), -1);
	qpdf_oh h3 = qpdf_oh_get_key(q, h, "/First");
	ck_assert_str_eq(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, h3, "/Title")),
	    "Two, page 3");
	ck_assert_int_eq(qpdf_oh_get_object_id(q, qpdf_oh_get_key(q, h3, "/Parent")),
	    qpdf_oh_get_object_id(q, h));
	qpdf_cleanup(&q);
	for (int i = 0; i < 4; i++)
		buf_free(&p[i]);
	buf_free(&out);
}
END_TEST

START_TEST(test_join_then_finish_same_bytes)
{
	buf p[4], a, b;
	four_parts(p);
	buf_init(&a);
	buf_init(&b);
	join_all(p, 4, &a);
	join_all(p, 4, &b);
	ck_assert_uint_eq(a.len, b.len); /* the same parts, the same bytes */
	ck_assert_int_eq(memcmp(a.data, b.data, a.len), 0);
	static const char *const alts[] = { "a", "b", "c", "d", "e", "f", "g" };
	pdf_finish_info info = { "en", "2026-11-01", alts, 7, outline, NOUT };
	char why[256] = "";
	ck_assert_msg(pdf_finish(&a, &info, why, sizeof why) == 0, "%s", why);
	qpdf_data q = open_pdf(&a);
	qpdf_oh an = qpdf_oh_get_array_item(q, qpdf_oh_get_key(q, qpdf_get_page_n(q, 1),
	    "/Annots"), 0);
	ck_assert_str_eq(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, an, "/Contents")), "Two");
	qpdf_cleanup(&q);
	/* one Figure more than alt texts: refused */
	pdf_finish_info few = { "en", "2026-11-01", alts, 6, outline, NOUT };
	ck_assert_int_eq(pdf_finish(&b, &few, why, sizeof why), -1);
	for (int i = 0; i < 4; i++)
		buf_free(&p[i]);
	buf_free(&a);
	buf_free(&b);
}
END_TEST

/* Asserts pdf_join refuses parts p[0..n) with a reason holding what, leaving out as
 * it was. */
static void
refused(buf *p, size_t n, const char *what)
{
	const buf *ps[4];
	for (size_t i = 0; i < n; i++)
		ps[i] = &p[i];
	buf out;
	buf_init(&out);
	buf_puts(&out, "before");
	char why[256] = "";
	ck_assert_int_eq(pdf_join(ps, n, outline, NOUT, &out, why, sizeof why), -1);
	ck_assert_msg(strstr(why, what) != NULL, "%s: %s", what, why);
	ck_assert_str_eq(buf_str(&out), "before");
	buf_free(&out);
}

/* Returns the first occurrence of needle in b, or NULL. */
static const char *
find(const buf *b, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= b->len; i++)
		if (memcmp(b->data + i, needle, n) == 0)
			return b->data + i;
	return NULL;
}

/* Replaces the first occurrence of from in b by to (the same length). */
static void
patch(buf *b, const char *from, const char *to)
{
	size_t n = strlen(from);
	ck_assert_uint_eq(n, strlen(to));
	for (size_t i = 0; i + n <= b->len; i++)
		if (memcmp(b->data + i, from, n) == 0) {
			memcpy(b->data + i, to, n);
			return;
		}
	ck_abort_msg("%s not found", from);
}

START_TEST(test_join_refuses_bad_parts)
{
	buf p[4];
	four_parts(p);
	refused(p, 0, "no parts");
	buf bad[2];
	buf_init(&bad[0]);
	buf_init(&bad[1]);
	buf_puts(&bad[0], "%PDF-1.5\nnot a PDF");
	buf_append(&bad[1], p[1].data, p[1].len);
	refused(bad, 1, "cross-reference");
	buf_reset(&bad[0]);
	buf_append(&bad[0], p[1].data, p[1].len);
	refused(bad, 2, "same destination"); /* "one" twice */
	buf empty;
	buf_init(&empty);
	refused(&empty, 1, "no parts");
	/* a part without a structure tree: cairo with no tags */
	buf plain;
	buf_init(&plain);
	cairo_surface_t *sf = cairo_pdf_surface_create_for_stream(to_buf, &plain, 100, 100);
	cairo_t *cr = cairo_create(sf);
	cairo_rectangle(cr, 10, 10, 20, 20);
	cairo_fill(cr);
	cairo_destroy(cr);
	cairo_surface_destroy(sf);
	refused(&plain, 1, "structure tree");
	/* a part whose structure is two elements, not one Document */
	buf two;
	buf_init(&two);
	sf = cairo_pdf_surface_create_for_stream(to_buf, &two, 100, 100);
	cr = cairo_create(sf);
	for (int i = 0; i < 2; i++) {
		cairo_tag_begin(cr, "P", "");
		cairo_rectangle(cr, 10, 10 + 30 * i, 20, 20);
		cairo_fill(cr);
		cairo_tag_end(cr, "P");
	}
	cairo_destroy(cr);
	cairo_surface_destroy(sf);
	refused(&two, 1, "one Document");
	/* a page that refers to its own catalog (left out of the joined file) */
	buf_reset(&bad[0]);
	buf_append(&bad[0], p[3].data, p[3].len);
	const char *root = find(&bad[0], "/Root ");
	ck_assert_ptr_nonnull(root);
	const char *from = "% 1\n   /Parent 1 0 R";
	char to[64];
	int w = snprintf(to, sizeof to, "%%1\n/Parent %d 0 R", atoi(root + 6));
	ck_assert_int_le(w, (int)strlen(from));
	snprintf(to, sizeof to, "%%1%*s\n/Parent %d 0 R", (int)strlen(from) - w, "",
	    atoi(root + 6));
	patch(&bad[0], from, to);
	refused(bad, 1, "leaves out");
	buf_reset(&bad[0]);
	buf_append(&bad[0], p[3].data, p[3].len);
	patch(&bad[0], "   /Count 2\n", "   /Count x\n");
	refused(bad, 1, "count");
	buf_reset(&bad[0]);
	buf_append(&bad[0], p[3].data, p[3].len);
	patch(&bad[0], "/StructParents 0", "/StructParents (");
	refused(bad, 1, "malformed");
	for (int i = 0; i < 4; i++)
		buf_free(&p[i]);
	buf_free(&bad[0]);
	buf_free(&bad[1]);
	buf_free(&plain);
	buf_free(&two);
}
END_TEST

START_TEST(test_mark_artifacts_then_finish_marked)
{
	buf p[4], marked[4], a, b;
	four_parts(p);
	buf_init(&a);
	buf_init(&b);
	char why[256] = "";
	for (int i = 0; i < 4; i++) {
		buf_init(&marked[i]);
		buf_append(&marked[i], p[i].data, p[i].len);
		ck_assert_msg(pdf_mark_artifacts(&marked[i], why, sizeof why) == 0, "%s", why);
		ck_assert(find(&marked[i], "/S /" PDF_TAG_ARTIFACT) != NULL); /* still in the tree */
	}
	join_all(p, 4, &a);
	join_all(marked, 4, &b);
	static const char *const alts[] = { "a", "b", "c", "d", "e", "f", "g" };
	pdf_finish_info info = { "en", "2026-11-01", alts, 7, outline, NOUT };
	ck_assert_msg(pdf_finish(&a, &info, why, sizeof why) == 0, "%s", why);
	ck_assert_msg(pdf_finish_marked(&b, &info, why, sizeof why) == 0, "%s", why);
	/* marked when typeset or when finished: the same pages */
	qpdf_data qa = open_pdf(&a), qb = open_pdf(&b);
	ck_assert_int_eq(qpdf_get_num_pages(qa), qpdf_get_num_pages(qb));
	qpdf_cleanup(&qa);
	qpdf_cleanup(&qb);
	buf ea, eb;
	buf_init(&ea);
	buf_init(&eb);
	for (int k = 0; k < 2; k++) {
		buf *x = k ? &eb : &ea, *src = k ? &b : &a;
		qpdf_data q = qpdf_init();
		qpdf_silence_errors(q);
		ck_assert_int_eq(qpdf_read_memory(q, "x.pdf", src->data, src->len, NULL),
		    QPDF_SUCCESS);
		ck_assert_int_eq(qpdf_init_write_memory(q), QPDF_SUCCESS);
		qpdf_set_qdf_mode(q, QPDF_TRUE);
		ck_assert_int_eq(qpdf_write(q), QPDF_SUCCESS);
		buf_append(x, qpdf_get_buffer(q), qpdf_get_buffer_length(q));
		qpdf_cleanup(&q);
	}
	int na = 0, nb = 0;
	for (const char *s = ea.data; (s = strstr(s, "/Artifact BMC")) != NULL; s++)
		na++;
	for (const char *s = eb.data; (s = strstr(s, "/Artifact BMC")) != NULL; s++)
		nb++;
	ck_assert_int_eq(na, 7);
	ck_assert_int_eq(nb, 7);
	/* a file that is not cairo's: refused, left as it was */
	buf bad;
	buf_init(&bad);
	buf_puts(&bad, "%PDF-1.5\nno objects");
	ck_assert_int_eq(pdf_mark_artifacts(&bad, why, sizeof why), -1);
	ck_assert_ptr_nonnull(strstr(why, "cannot read"));
	ck_assert_str_eq(buf_str(&bad), "%PDF-1.5\nno objects");
	buf_reset(&bad);
	ck_assert_int_eq(pdf_mark_artifacts(&bad, why, sizeof why), -1);
	buf_free(&bad);
	buf_free(&ea);
	buf_free(&eb);
	for (int i = 0; i < 4; i++) {
		buf_free(&p[i]);
		buf_free(&marked[i]);
	}
	buf_free(&a);
	buf_free(&b);
}
END_TEST

/* A part made by hand: 3 pages, its sections' first pages, entries and alt texts. */
static void
sample_part(pdf_part *p)
{
	memset(p, 0, sizeof *p);
	buf_puts(&p->pdf, "%PDF-1.5 bytes of a part");
	p->npages = 3;
	p->nsec = 2;
	p->first = calloc(2, sizeof *p->first);
	p->first[1] = 2;
	p->nout = 2;
	p->out = calloc(2, sizeof *p->out);
	p->out[0] = (pdf_outline_entry){ 1, strdup("A section"), strdup("sec-a") };
	p->out[1] = (pdf_outline_entry){ 4, strdup("Figure 1"), strdup("o-a-1") };
	p->nalts = 1;
	p->alts = calloc(1, sizeof *p->alts);
	p->alts[0] = strdup("a chart");
}

START_TEST(test_part_pack_round_trip)
{
	pdf_part p, q;
	sample_part(&p);
	memset(&q, 0, sizeof q);
	buf b;
	buf_init(&b);
	pdf_part_pack(&p, &b);
	ck_assert_int_eq(pdf_part_unpack(&q, b.data, b.len, 2), 0);
	ck_assert_int_eq(q.npages, 3);
	ck_assert_int_eq(q.first[1], 2);
	ck_assert_str_eq(q.out[1].dest, "o-a-1");
	ck_assert_int_eq(q.out[1].level, 4);
	ck_assert_str_eq(q.alts[0], "a chart");
	ck_assert_str_eq(buf_str(&q.pdf), "%PDF-1.5 bytes of a part");
	/* refused: another number of sections, cut short, a byte too many, no magic */
	ck_assert_int_eq(pdf_part_unpack(&q, b.data, b.len, 3), -1);
	ck_assert_int_eq(q.npages, 0); /* left empty */
	for (size_t cut = 0; cut < b.len; cut += 7)
		ck_assert_int_eq(pdf_part_unpack(&q, b.data, cut, 2), -1);
	buf_putc(&b, 'x');
	ck_assert_int_eq(pdf_part_unpack(&q, b.data, b.len, 2), -1);
	b.data[9] ^= 1;
	ck_assert_int_eq(pdf_part_unpack(&q, b.data, b.len - 1, 2), -1);
	ck_assert_int_eq(pdf_part_unpack(&q, NULL, 0, 2), -1);
	/* a first page past the part's pages, an outline level out of range */
	p.first[1] = 3;
	buf_reset(&b);
	pdf_part_pack(&p, &b);
	ck_assert_int_eq(pdf_part_unpack(&q, b.data, b.len, 2), -1);
	p.first[1] = 2;
	p.out[1].level = 9;
	buf_reset(&b);
	pdf_part_pack(&p, &b);
	ck_assert_int_eq(pdf_part_unpack(&q, b.data, b.len, 2), -1);
	pdf_part_clear(&p);
	pdf_part_clear(&q);
	pdf_part_clear(&q); /* an empty part clears again */
	buf_free(&b);
}
END_TEST

/* The mini report rendered into a book read while filled (as the build does), and a
 * cache in a fresh folder. */
static pipeline mp;
static diag *md;
static render_figs *mfigs;
static char cdir[64];

/* Renders the mini report into a new book whose specs are kept (closed at the end). */
static pdf_book *
mini_book(render_ctx *c)
{
	tmpl *t = tmpl_load("templates/page.html", "templates/page.html", md);
	ck_assert_ptr_nonnull(t);
	pdf_book *b = pdf_book_new(mp.rep->nsections);
	pdf_book_keep_specs(b, mfigs->specs);
	for (size_t i = 0; i < mp.rep->nsections; i++) {
		buf h;
		render_file *files;
		size_t n;
		xmlDocPtr page;
		buf_init(&h);
		ck_assert_int_eq(page_render_keep(c, t, i, &h, &files, &n, &page), 0);
		pdf_book_add(b, i, page);
		xmlFreeDoc(page);
		page_files_free(files, n);
		buf_free(&h);
	}
	pdf_book_close(b);
	tmpl_free(t);
	return b;
}

static void
mini_setup(void)
{
	char why[256];
	ck_assert_int_eq(chart_fonts_init("templates/fonts.conf", why, sizeof why), 0);
	md = diag_new();
	ck_assert_int_eq(pipeline_compute(MINI, 1, md, &mp), 0);
	render_ctx c = { mp.rep, mp.m, md, NULL, 1, 1, NULL, 0, NULL };
	mfigs = render_scan_figures(&c);
	snprintf(cdir, sizeof cdir, "/tmp/check_pdf_join.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(cdir));
}

static void
mini_teardown(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", cdir);
	ck_assert_int_eq(system(cmd), 0);
	render_figs_free(mfigs);
	pipeline_free(&mp);
	diag_free(md);
	chart_pools_free();
}

static size_t bad_parts; /* damaged entries typeset_with met while typesetting */

/* Typesets the mini report with cache k (may be NULL) into out; returns the cache's
 * hits during it (the pages' charts apart) and sets bad_parts. */
static size_t
typeset_with(cache *k, buf *out)
{
	render_ctx c = { mp.rep, mp.m, md, mfigs, 1, 1, k, 1, NULL };
	pdf_book *b = mini_book(&c);
	cache_stats before = k ? cache_get_stats(k) : (cache_stats){ 0, 0, 0, 0 };
	ck_assert_int_eq(pdf_report(&c, b, out), 0);
	pdf_book_free(b);
	bad_parts = k ? cache_get_stats(k).bad - before.bad : 0;
	return k ? cache_get_stats(k).hits - before.hits : 0;
}

START_TEST(test_parts_reused_same_bytes)
{
	buf none, first, again;
	buf_init(&none);
	buf_init(&first);
	buf_init(&again);
	typeset_with(NULL, &none);
	cache *k = cache_new(cdir);
	ck_assert_ptr_nonnull(k);
	ck_assert_uint_eq(typeset_with(k, &first), 0); /* every part typeset and kept */
	size_t hits = typeset_with(k, &again);
	ck_assert_uint_eq(hits, mp.rep->nsections + 1); /* every part reused */
	ck_assert_uint_eq(none.len, first.len);
	ck_assert_int_eq(memcmp(none.data, first.data, none.len), 0);
	ck_assert_uint_eq(again.len, first.len);
	ck_assert_int_eq(memcmp(again.data, first.data, again.len), 0);
	/* a damaged entry is typeset again, same bytes */
	cache_free(k);
	char cmd[200];
	snprintf(cmd, sizeof cmd, "for f in '%s'/*; do printf X | dd of=\"$f\" bs=1 seek=100 "
	    "conv=notrunc 2>/dev/null; done", cdir);
	ck_assert_int_eq(system(cmd), 0);
	k = cache_new(cdir);
	buf_reset(&again);
	ck_assert_uint_eq(typeset_with(k, &again), 0);
	ck_assert_uint_eq(bad_parts, mp.rep->nsections + 1);
	ck_assert_uint_eq(again.len, first.len);
	ck_assert_int_eq(memcmp(again.data, first.data, again.len), 0);
	cache_free(k);
	buf_free(&none);
	buf_free(&first);
	buf_free(&again);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("pdf_join");
	TCase *tc = tcase_create("join");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_join_pages_and_dests);
	tcase_add_test(tc, test_join_one_structure_tree);
	tcase_add_test(tc, test_join_outline);
	tcase_add_test(tc, test_join_then_finish_same_bytes);
	tcase_add_test(tc, test_join_refuses_bad_parts);
	tcase_add_test(tc, test_part_pack_round_trip);
	tcase_add_test(tc, test_mark_artifacts_then_finish_marked);
	suite_add_tcase(s, tc);
	TCase *tm = tcase_create("cache");
	tcase_set_timeout(tm, 120);
	tcase_add_checked_fixture(tm, mini_setup, mini_teardown);
	tcase_add_test(tm, test_parts_reused_same_bytes);
	suite_add_tcase(s, tm);
	return s;
}

int
main(void)
{
	return check_run(suite());
}
