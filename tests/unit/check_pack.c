/* check_pack: the pack's zip writer (src/pack/zip.c), its CSL JSON bibliography
 * (src/pack/csl.c) and the report slug its name is made of (src/render/slug.c). */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#include <zip.h>

#include "pack/pack.h"
#include "pack/pack_int.h"
#include "render/render.h"
#include "check_main.h"

/* Returns the little-endian 16-bit and 32-bit numbers at p. */
static unsigned
le16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static unsigned long
le32(const unsigned char *p)
{
	return (unsigned long)le16(p) | (unsigned long)le16(p + 2) << 16;
}

/* Three entries: a text deflated, a "PNG" stored, an empty file. */
static const char csv_text[] = "a,b\n1,2\n1,2\n1,2\n1,2\n1,2\n1,2\n1,2\n1,2\n";
static const char png[] = "\x89PNG not really";

static void
three(pack_entry e[3])
{
	e[0] = (pack_entry){ "r/data/x.csv", csv_text, sizeof csv_text - 1, 1 };
	e[1] = (pack_entry){ "r/charts/x.png", png, sizeof png - 1, 0 };
	e[2] = (pack_entry){ "r/empty.txt", "", 0, 1 };
}

START_TEST(zip_same_bytes)
{
	pack_entry e[3];
	three(e);
	buf a, b;
	buf_init(&a);
	buf_init(&b);
	char why[256];
	ck_assert_int_eq(pack_zip(e, 3, "2026-11-01", NULL, &a, why, sizeof why), 0);
	ck_assert_int_eq(pack_zip(e, 3, "2026-11-01", NULL, &b, why, sizeof why), 0);
	ck_assert_uint_gt(a.len, 0);
	ck_assert_uint_eq(a.len, b.len);
	ck_assert_int_eq(memcmp(a.data, b.data, a.len), 0);
	buf_free(&a);
	buf_free(&b);
}
END_TEST

/* Every local header: the name in order, the method asked for, 00:00 on 2026-11-01,
 * no data descriptor, no extra field. */
START_TEST(zip_local_headers)
{
	pack_entry e[3];
	three(e);
	buf z;
	buf_init(&z);
	char why[256];
	ck_assert_int_eq(pack_zip(e, 3, "2026-11-01", NULL, &z, why, sizeof why), 0);
	const unsigned char *p = (const unsigned char *)z.data;
	size_t off = 0;
	unsigned date = (2026 - 1980) << 9 | 11 << 5 | 1;
	for (size_t i = 0; i < 3; i++) {
		ck_assert_uint_le(off + 30, z.len);
		ck_assert_uint_eq(le32(p + off), 0x04034b50UL);
		ck_assert_uint_eq(le16(p + off + 6) & 8, 0); /* no data descriptor */
		ck_assert_uint_eq(le16(p + off + 8), (e[i].deflate ? 8u : 0u));
		ck_assert_uint_eq(le16(p + off + 10), 0);
		ck_assert_uint_eq(le16(p + off + 12), date);
		unsigned nlen = le16(p + off + 26);
		ck_assert_uint_eq(le16(p + off + 28), 0); /* no extra field */
		ck_assert_uint_eq(nlen, strlen(e[i].name));
		ck_assert_int_eq(memcmp(p + off + 30, e[i].name, nlen), 0);
		off += 30 + nlen + le32(p + off + 18);
	}
	ck_assert_uint_eq(le32(p + off), 0x02014b50UL); /* the central directory follows */
	buf_free(&z);
}
END_TEST

/* libzip reads back each entry's bytes, and the Unix mode 0644. */
START_TEST(zip_reads_back)
{
	pack_entry e[3];
	three(e);
	buf z;
	buf_init(&z);
	char why[256];
	ck_assert_int_eq(pack_zip(e, 3, "2026-11-01", NULL, &z, why, sizeof why), 0);
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(z.data, z.len, 0, &err);
	zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
	ck_assert_ptr_nonnull(za);
	ck_assert_int_eq(zip_get_num_entries(za, 0), 3);
	for (zip_uint64_t i = 0; i < 3; i++) {
		ck_assert_str_eq(zip_get_name(za, i, 0), e[i].name);
		char got[128];
		zip_file_t *f = zip_fopen_index(za, i, 0);
		ck_assert_ptr_nonnull(f);
		zip_int64_t n = zip_fread(f, got, sizeof got);
		zip_fclose(f);
		ck_assert_int_eq(n, (zip_int64_t)e[i].len);
		ck_assert_int_eq(memcmp(got, e[i].data, e[i].len), 0);
		zip_uint8_t os;
		zip_uint32_t attr;
		ck_assert_int_eq(zip_file_get_external_attributes(za, i, 0, &os, &attr), 0);
		ck_assert_uint_eq(os, ZIP_OPSYS_UNIX);
		ck_assert_uint_eq(attr >> 16, 0100644);
	}
	zip_close(za);
	zip_error_fini(&err);
	buf_free(&z);
}
END_TEST


/* Appends to out a zip of the one entry name holding text, deflated at level (made
 * with libzip directly, as an earlier build with other settings would have). */
static void
zip_at_level(const char *name, const buf *text, int level, buf *out)
{
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
	ck_assert_ptr_nonnull(src);
	zip_source_keep(src);
	zip_t *za = zip_open_from_source(src, ZIP_CREATE | ZIP_TRUNCATE, &err);
	ck_assert_ptr_nonnull(za);
	zip_source_t *s = zip_source_buffer(za, text->data, text->len, 0);
	zip_int64_t i = zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8);
	ck_assert_int_ge(i, 0);
	ck_assert_int_eq(zip_set_file_compression(za, (zip_uint64_t)i, ZIP_CM_DEFLATE,
	    (zip_uint32_t)level), 0);
	ck_assert_int_eq(zip_close(za), 0);
	ck_assert_int_eq(zip_source_open(src), 0);
	char chunk[4096];
	zip_int64_t got;
	while ((got = zip_source_read(src, chunk, sizeof chunk)) > 0)
		buf_append(out, chunk, (size_t)got);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&err);
}

/* Reads entry name of the zip z back into out; returns 0 or -1. */
static int
read_entry(const buf *z, const char *name, buf *out)
{
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(z->data, z->len, 0, &err);
	zip_t *za = zip_open_from_source(src, ZIP_RDONLY, &err);
	zip_error_fini(&err);
	if (za == NULL)
		return -1;
	zip_file_t *f = zip_fopen(za, name, 0);
	char chunk[4096];
	zip_int64_t got = -1;
	while (f != NULL && (got = zip_fread(f, chunk, sizeof chunk)) > 0)
		buf_append(out, chunk, (size_t)got);
	if (f != NULL)
		zip_fclose(f);
	zip_discard(za);
	return f != NULL && got == 0 ? 0 : -1;
}

/* An earlier archive: an entry it holds with the same bytes is copied compressed (its
 * level-1 bytes survive, so the result differs from a fresh zip but reads back the
 * same); a changed entry, a garbage or empty earlier archive give the fresh bytes. */
START_TEST(zip_reuses_prev)
{
	buf text, old_text, prev, fresh, reused, back;
	buf_init(&text);
	buf_init(&old_text);
	buf_init(&prev);
	buf_init(&fresh);
	buf_init(&reused);
	buf_init(&back);
	for (int i = 0; i < 4000; i++)
		buf_printf(&text, "%d,%d,row %d of a table that compresses\n", i, i * 7 % 13, i);
	pack_entry e[1] = { { "r/data/big.csv", text.data, text.len, 1 } };
	char why[256];
	ck_assert_int_eq(pack_zip(e, 1, "2026-11-01", NULL, &fresh, why, sizeof why), 0);
	zip_at_level("r/data/big.csv", &text, 1, &prev);
	ck_assert_int_eq(pack_zip(e, 1, "2026-11-01", &prev, &reused, why, sizeof why), 0);
	ck_assert(reused.len != fresh.len || memcmp(reused.data, fresh.data, fresh.len) != 0);
	ck_assert_int_eq(read_entry(&reused, "r/data/big.csv", &back), 0);
	ck_assert_uint_eq(back.len, text.len);
	ck_assert_int_eq(memcmp(back.data, text.data, text.len), 0);
	/* the same name with other bytes: deflated afresh */
	buf_puts(&old_text, text.data);
	old_text.data[10] ^= 1;
	buf_reset(&prev);
	zip_at_level("r/data/big.csv", &old_text, 1, &prev);
	buf_reset(&reused);
	ck_assert_int_eq(pack_zip(e, 1, "2026-11-01", &prev, &reused, why, sizeof why), 0);
	ck_assert_uint_eq(reused.len, fresh.len);
	ck_assert_int_eq(memcmp(reused.data, fresh.data, fresh.len), 0);
	/* not a zip, or empty: as without */
	buf junk;
	buf_init(&junk);
	buf_puts(&junk, "PK\x03\x04 but not a zip at all");
	buf_reset(&reused);
	ck_assert_int_eq(pack_zip(e, 1, "2026-11-01", &junk, &reused, why, sizeof why), 0);
	ck_assert_int_eq(memcmp(reused.data, fresh.data, fresh.len), 0);
	buf_reset(&junk);
	buf_reset(&reused);
	ck_assert_int_eq(pack_zip(e, 1, "2026-11-01", &junk, &reused, why, sizeof why), 0);
	ck_assert_uint_eq(reused.len, fresh.len);
	buf_free(&junk);
	buf_free(&text);
	buf_free(&old_text);
	buf_free(&prev);
	buf_free(&fresh);
	buf_free(&reused);
	buf_free(&back);
}
END_TEST

/* A date before 1980 or not YYYY-MM-DD is dated 1980-01-01; another date, other bytes. */
START_TEST(zip_dates)
{
	pack_entry e[3];
	three(e);
	const char *const bad[] = { "1979-12-31", "2026-13-01", "2026-11", "soon" };
	char why[256];
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		buf z;
		buf_init(&z);
		ck_assert_int_eq(pack_zip(e, 1, bad[i], NULL, &z, why, sizeof why), 0);
		ck_assert_uint_eq(le16((const unsigned char *)z.data + 12), 1 << 5 | 1);
		buf_free(&z);
	}
	buf a, b;
	buf_init(&a);
	buf_init(&b);
	ck_assert_int_eq(pack_zip(e, 3, "2026-11-01", NULL, &a, why, sizeof why), 0);
	ck_assert_int_eq(pack_zip(e, 3, "2026-11-02", NULL, &b, why, sizeof why), 0);
	ck_assert(a.len != b.len || memcmp(a.data, b.data, a.len) != 0);
	buf_free(&a);
	buf_free(&b);
}
END_TEST

/* An entry added to a staged zip (pack_zip_insert) at the start, the middle and the
 * end gives the bytes pack_zip gives for all the entries at once; a staged zip with
 * fewer entries than the place asked for, or not a zip, is an error. */
START_TEST(zip_insert_same_bytes)
{
	pack_entry e[3], rest[2];
	three(e);
	char why[256];
	for (size_t at = 0; at < 3; at++) {
		buf whole, staged, joined;
		buf_init(&whole);
		buf_init(&staged);
		buf_init(&joined);
		ck_assert_int_eq(pack_zip(e, 3, "2026-11-01", NULL, &whole, why, sizeof why), 0);
		for (size_t i = 0, j = 0; i < 3; i++)
			if (i != at)
				rest[j++] = e[i];
		ck_assert_int_eq(pack_zip(rest, 2, "2026-11-01", NULL, &staged, why, sizeof why),
		    0);
		ck_assert_int_eq(pack_zip_insert(&staged, at, &e[at], "2026-11-01", &joined, why,
		    sizeof why), 0);
		ck_assert_uint_eq(joined.len, whole.len);
		ck_assert_int_eq(memcmp(joined.data, whole.data, whole.len), 0);
		buf_reset(&joined);
		ck_assert_int_eq(pack_zip_insert(&staged, 3, &e[at], "2026-11-01", &joined, why,
		    sizeof why), -1);
		ck_assert_uint_eq(joined.len, 0);
		/* cut short, or a central header's name length too long: refused, no read
		 * past the end */
		staged.len--;
		ck_assert_int_eq(pack_zip_insert(&staged, at, &e[at], "2026-11-01", &joined, why,
		    sizeof why), -1);
		staged.len++;
		size_t cd = (size_t)le32((const unsigned char *)staged.data + staged.len - 6);
		staged.data[cd + 29] = 0x7f;
		ck_assert_int_eq(pack_zip_insert(&staged, at, &e[at], "2026-11-01", &joined, why,
		    sizeof why), -1);
		ck_assert_uint_eq(joined.len, 0);
		buf_free(&whole);
		buf_free(&staged);
		buf_free(&joined);
	}
	buf junk, out;
	buf_init(&junk);
	buf_init(&out);
	buf_puts(&junk, "PK\x03\x04 but not a zip at all");
	ck_assert_int_eq(pack_zip_insert(&junk, 0, &e[0], "2026-11-01", &out, why, sizeof why),
	    -1);
	ck_assert_uint_eq(out.len, 0);
	buf_free(&junk);
	buf_free(&out);
}
END_TEST

/* Entries of two zips merged into a third (pack_zip_merge: one before the first entry,
 * two before the last) give the bytes pack_zip gives for all of them at once, whole
 * or in pieces (pack_zip_merge_pieces, the pieces borrowed from the zips); places out
 * of order are refused. */
START_TEST(zip_merge_same_bytes)
{
	pack_entry e[5];
	three(e);
	e[3] = (pack_entry){ "r/a.txt", "alpha alpha alpha", 17, 1 };
	e[4] = (pack_entry){ "r/b.pdf", "%PDF-1.5 fake", 13, 0 };
	pack_entry order[5] = { e[1], e[0], e[3], e[4], e[2] }; /* the whole pack's order */
	pack_entry base_e[2] = { e[0], e[2] }, first[1] = { e[1] }, mid[2] = { e[3], e[4] };
	char why[256];
	buf whole, base, one, two, joined, cd;
	buf_init(&whole);
	buf_init(&base);
	buf_init(&one);
	buf_init(&two);
	buf_init(&joined);
	buf_init(&cd);
	ck_assert_int_eq(pack_zip(order, 5, "2026-11-01", NULL, &whole, why, sizeof why), 0);
	ck_assert_int_eq(pack_zip(base_e, 2, "2026-11-01", NULL, &base, why, sizeof why), 0);
	ck_assert_int_eq(pack_zip(first, 1, "2026-11-01", NULL, &one, why, sizeof why), 0);
	ck_assert_int_eq(pack_zip(mid, 2, "2026-11-01", NULL, &two, why, sizeof why), 0);
	ck_assert_uint_eq(pack_zip_count(&base), 2);
	ck_assert_uint_eq(pack_zip_count(&two), 2);
	const buf *add[2] = { &one, &two };
	size_t at[2] = { 0, 1 };
	ck_assert_int_eq(pack_zip_merge(&base, add, at, 2, &joined, why, sizeof why), 0);
	ck_assert_uint_eq(joined.len, whole.len);
	ck_assert_int_eq(memcmp(joined.data, whole.data, whole.len), 0);
	struct iovec *v;
	size_t nv;
	ck_assert_int_eq(pack_zip_merge_pieces(&base, add, at, 2, &v, &nv, &cd, why,
	    sizeof why), 0);
	buf_reset(&joined);
	pack_pieces_join(v, nv, &joined);
	ck_assert_uint_eq(joined.len, whole.len);
	ck_assert_int_eq(memcmp(joined.data, whole.data, whole.len), 0);
	ck_assert_ptr_eq(v[0].iov_base, base.data); /* borrowed, not copied */
	free(v);
	size_t bad[2] = { 1, 0 };
	buf_reset(&joined);
	ck_assert_int_eq(pack_zip_merge(&base, add, bad, 2, &joined, why, sizeof why), -1);
	ck_assert_uint_eq(joined.len, 0);
	ck_assert_uint_eq(pack_zip_count(&joined), 0);
	buf_free(&whole);
	buf_free(&base);
	buf_free(&one);
	buf_free(&two);
	buf_free(&joined);
	buf_free(&cd);
}
END_TEST

/* Returns the slug of text with fallback "report" (static, for asserts). */
static const char *
slug(const char *text)
{
	static buf b;
	buf_reset(&b);
	render_slugify(text, "report", &b);
	return buf_str(&b);
}

START_TEST(slugs)
{
	ck_assert_str_eq(slug("Microsoft and OpenAI"), "microsoft-and-openai");
	ck_assert_str_eq(slug("  A/B -- testing 2026! "), "a-b-testing-2026");
	ck_assert_str_eq(slug("Caf\xc3\xa9 \xe2\x80\x94 Note"), "caf-note");
	ck_assert_str_eq(slug("\xd0\x9e\xd1\x82\xd1\x87\xd1\x91\xd1\x82"), "report");
	ck_assert_str_eq(slug(""), "report");
	report r;
	memset(&r, 0, sizeof r);
	r.title = "The Q3 Review";
	buf b;
	buf_init(&b);
	render_pack_name(&r, &b);
	ck_assert_str_eq(buf_str(&b), "the-q3-review-pack.zip");
	buf_free(&b);
}
END_TEST

/* Asserts that haystack contains needle. */
static void
has(const char *haystack, const char *needle)
{
	ck_assert_msg(strstr(haystack, needle) != NULL, "missing %s in:\n%s", needle, haystack);
}

START_TEST(csl_items)
{
	rep_source s[3] = {
		{ "press-1", "The \"Paper\"", "Deal news", "2023-01", "https://x.example/a",
		  "reported-by-press", { 0 }, 0 },
		{ "filing", "SEC", "Form 10-K", "2024-07-30", NULL, "confirmed", { 0 }, 0 },
		{ "calc", "Us", "Our sums", "2025", NULL, "derived", { 0 }, 0 },
	};
	report r;
	memset(&r, 0, sizeof r);
	r.sources = s;
	r.nsources = 3;
	buf b;
	buf_init(&b);
	pack_csl(&r, &b);
	const char *t = buf_str(&b);
	ck_assert_int_eq(t[0], '[');
	has(t, "\"id\": \"press-1\",\n    \"type\": \"article-newspaper\"");
	has(t, "\"container-title\": \"The \\\"Paper\\\"\"");
	has(t, "\"URL\": \"https://x.example/a\"");
	has(t, "[2023, 1]");
	has(t, "\"id\": \"filing\",\n    \"type\": \"document\",\n    \"title\": \"Form 10-K\","
	    "\n    \"publisher\": \"SEC\"");
	has(t, "[2024, 7, 30]");
	has(t, "[2025]");
	has(t, "\"note\": \"confidence: derived\"");
	ck_assert_ptr_null(strstr(t, "accessed"));
	size_t items = 0;
	for (const char *p = t; (p = strstr(p, "\"id\": ")) != NULL; p++)
		items++;
	ck_assert_uint_eq(items, 3);
	ck_assert_int_eq(t[b.len - 2], ']');
	buf_free(&b);
}
END_TEST

/* A description goes into the CSL title in brackets, and the note says so; a title
 * goes in as it is. */
START_TEST(csl_description)
{
	rep_source s[2] = {
		{ "desc", "Wire", "Report on the deal", "2024-05", NULL, "reported-by-press",
		  { 0 }, 1 },
		{ "own", "Paper", "Deal done", "2024-06", NULL, "confirmed", { 0 }, 0 },
	};
	report r;
	memset(&r, 0, sizeof r);
	r.sources = s;
	r.nsources = 2;
	buf b;
	buf_init(&b);
	pack_csl(&r, &b);
	const char *t = buf_str(&b);
	has(t, "\"title\": \"[Report on the deal]\"");
	has(t, "\"note\": \"confidence: reported-by-press; the title is a description, not "
	    "the document's own\"");
	has(t, "\"title\": \"Deal done\"");
	has(t, "\"note\": \"confidence: confirmed\"");
	ck_assert_ptr_null(strstr(t, "[Deal done]"));
	buf_free(&b);
}
END_TEST

static Suite *
pack_suite(void)
{
	Suite *s = suite_create("pack");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, zip_same_bytes);
	tcase_add_test(tc, zip_local_headers);
	tcase_add_test(tc, zip_reads_back);
	tcase_add_test(tc, zip_dates);
	tcase_add_test(tc, zip_reuses_prev);
	tcase_add_test(tc, zip_insert_same_bytes);
	tcase_add_test(tc, zip_merge_same_bytes);
	tcase_add_test(tc, slugs);
	tcase_add_test(tc, csl_items);
	tcase_add_test(tc, csl_description);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(pack_suite());
}
