/* check_zip_cov: the pack's zip writer on the dates, earlier archives and damaged
 * staged zips it meets, and a whole pack written, staged and finished. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "load/report.h"
#include "pack/pack.h"
#include "pack/pack_int.h"
#include "render/render.h"
#include "util/buf.h"
#include "util/hash.h"
#include "check_main.h"

/* Little-endian 16- and 32-bit numbers at p. */
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

static void
set16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void
set32(unsigned char *p, unsigned long v)
{
	set16(p, (unsigned)(v & 0xffff));
	set16(p + 2, (unsigned)(v >> 16));
}

static const char csv_text[] = "year,value\n2026,1\n2027,2\n2028,3\n";
static const char png[] = "\x89PNG\r\n\x1a\n not really a png";

/* Three entries: a text deflated, a PNG stored, an empty file. */
static void
three(pack_entry e[3])
{
	e[0] = (pack_entry){ "r/data/x.csv", csv_text, sizeof csv_text - 1, 1 };
	e[1] = (pack_entry){ "r/charts/x.png", png, sizeof png - 1, 0 };
	e[2] = (pack_entry){ "r/empty.txt", "", 0, 1 };
}

/* Returns the MS-DOS date pack_zip writes for one entry dated as_of. */
static unsigned
date_of(const char *as_of)
{
	pack_entry e[3];
	three(e);
	buf z;
	buf_init(&z);
	char why[256];
	ck_assert_int_eq(pack_zip(e, 1, as_of, NULL, &z, why, sizeof why), 0);
	unsigned d = le16((const unsigned char *)z.data + 12); /* the local header's date */
	ck_assert_uint_eq(le16((const unsigned char *)z.data + 10), 0); /* 00:00 */
	buf_free(&z);
	return d;
}

START_TEST(test_dates_in_and_out_of_range)
{
	const unsigned first = 1 << 5 | 1; /* 1980-01-01 */
	ck_assert_uint_eq(date_of(NULL), first);
	ck_assert_uint_eq(date_of("2026-11-01 "), first);
	ck_assert_uint_eq(date_of("2026-11-1x"), first);
	ck_assert_uint_eq(date_of("2108-01-01"), first);
	ck_assert_uint_eq(date_of("2026-00-10"), first);
	ck_assert_uint_eq(date_of("2026-01-00"), first);
	ck_assert_uint_eq(date_of("2026-01-32"), first);
	ck_assert_uint_eq(date_of("1980-01-01"), first);
	ck_assert_uint_eq(date_of("2107-12-31"), (2107u - 1980) << 9 | 12 << 5 | 31);
	ck_assert_uint_eq(date_of("2026-11-05"), (2026u - 1980) << 9 | 11 << 5 | 5);
}
END_TEST

/* Two entries of the same name: the second is refused with its name; out unchanged. */
START_TEST(test_same_name_twice_refused)
{
	pack_entry e[3];
	three(e);
	e[2].name = e[0].name;
	buf z;
	buf_init(&z);
	buf_puts(&z, "kept");
	char why[256] = "";
	ck_assert_int_eq(pack_zip(e, 3, "2026-11-01", NULL, &z, why, sizeof why), -1);
	ck_assert_str_eq(buf_str(&z), "kept");
	ck_assert_ptr_nonnull(strstr(why, "cannot add 'r/data/x.csv' to the zip: "));
	buf_free(&z);
}
END_TEST

/* An earlier archive holding the same files, some of them stored where they are now
 * deflated (or the other way), some of another size: the same bytes as from scratch. */
START_TEST(test_prev_reused_only_where_it_matches)
{
	pack_entry e[3], old[3];
	three(e);
	three(old);
	char why[256];
	buf fresh, prev, again;
	buf_init(&fresh);
	buf_init(&prev);
	buf_init(&again);
	ck_assert_int_eq(pack_zip(e, 3, "2026-11-01", NULL, &fresh, why, sizeof why), 0);
	/* the same files: copied, the same bytes */
	ck_assert_int_eq(pack_zip(e, 3, "2026-11-01", &fresh, &again, why, sizeof why), 0);
	ck_assert_uint_eq(again.len, fresh.len);
	ck_assert_int_eq(memcmp(again.data, fresh.data, fresh.len), 0);
	/* other methods and another size */
	old[0].deflate = 0;
	old[1].deflate = 1;
	old[2].data = "x";
	old[2].len = 1;
	ck_assert_int_eq(pack_zip(old, 3, "2026-11-01", NULL, &prev, why, sizeof why), 0);
	buf_reset(&again);
	ck_assert_int_eq(pack_zip(e, 3, "2026-11-01", &prev, &again, why, sizeof why), 0);
	ck_assert_uint_eq(again.len, fresh.len);
	ck_assert_int_eq(memcmp(again.data, fresh.data, fresh.len), 0);
	/* an earlier archive whose entry's bytes are damaged (the CRC still says the
	 * right bytes): read back, found different, deflated afresh */
	buf_reset(&prev);
	ck_assert_int_eq(pack_zip(e, 2, "2026-11-01", NULL, &prev, why, sizeof why), 0);
	char *p = NULL;
	for (size_t i = 0; p == NULL && i + 3 <= prev.len; i++)
		if (memcmp(prev.data + i, png + 1, 3) == 0)
			p = prev.data + i;
	ck_assert_ptr_nonnull(p); /* the stored PNG's bytes */
	p[0] ^= 0x20;
	buf_reset(&again);
	ck_assert_int_eq(pack_zip(e, 3, "2026-11-01", &prev, &again, why, sizeof why), 0);
	ck_assert_uint_eq(again.len, fresh.len);
	ck_assert_int_eq(memcmp(again.data, fresh.data, fresh.len), 0);
	buf_free(&fresh);
	buf_free(&prev);
	buf_free(&again);
}
END_TEST

/* Inserts e[1] at 1 into staged after damage(staged bytes); asserts it is refused with
 * the reason and out unchanged. */
static void
insert_refused(const buf *good, void (*damage)(unsigned char *, size_t), size_t at)
{
	pack_entry e[3];
	three(e);
	buf staged, out;
	buf_init(&staged);
	buf_init(&out);
	buf_append(&staged, good->data, good->len);
	if (damage != NULL)
		damage((unsigned char *)staged.data, staged.len);
	char why[256] = "";
	ck_assert_int_eq(pack_zip_insert(&staged, at, &e[1], "2026-11-01", &out, why, sizeof why),
	    -1);
	ck_assert_uint_eq(out.len, 0);
	char want[96];
	snprintf(want, sizeof want, "the staged zip is not a plain zip of at least %zu entries",
	    at);
	ck_assert_str_eq(why, want);
	buf_free(&staged);
	buf_free(&out);
}

/* The end of central directory record of the n bytes at z. */
#define EOCD(z, n) ((z) + (n) - 22)

static void
comment(unsigned char *z, size_t n)
{
	set16(EOCD(z, n) + 20, 1);
}

static void
other_disk(unsigned char *z, size_t n)
{
	set16(EOCD(z, n) + 4, 1);
}

static void
entries_differ(unsigned char *z, size_t n)
{
	set16(EOCD(z, n) + 8, 1);
}

static void
too_many(unsigned char *z, size_t n)
{
	set16(EOCD(z, n) + 8, 0xffff);
	set16(EOCD(z, n) + 10, 0xffff);
}

static void
cd_past_end(unsigned char *z, size_t n)
{
	set32(EOCD(z, n) + 16, (unsigned long)n);
}

static void
cd_len_wrong(unsigned char *z, size_t n)
{
	set32(EOCD(z, n) + 12, le32(EOCD(z, n) + 12) - 1);
}

static void
no_eocd(unsigned char *z, size_t n)
{
	EOCD(z, n)[0] = 'X';
}

static void
header_sig(unsigned char *z, size_t n)
{
	z[le32(EOCD(z, n) + 16)] = 'X';
}

static void
first_not_at_0(unsigned char *z, size_t n)
{
	set32(z + le32(EOCD(z, n) + 16) + 42, 1);
}

/* The second central header (after the first's name). */
static unsigned char *
second_header(unsigned char *z, size_t n)
{
	unsigned char *h = z + le32(EOCD(z, n) + 16);
	return h + 46 + le16(h + 28) + le16(h + 30) + le16(h + 32);
}

static void
out_of_order(unsigned char *z, size_t n)
{
	set32(second_header(z, n) + 42, 0);
}

static void
offset_in_cd(unsigned char *z, size_t n)
{
	set32(second_header(z, n) + 42, le32(EOCD(z, n) + 16));
}

static void
fewer_entries(unsigned char *z, size_t n)
{
	set16(EOCD(z, n) + 8, 1); /* says one entry, while the directory holds two */
	set16(EOCD(z, n) + 10, 1);
}

START_TEST(test_insert_refuses_damaged_staged_zips)
{
	pack_entry e[3];
	three(e);
	pack_entry two[2] = { e[0], e[2] };
	char why[256];
	buf good;
	buf_init(&good);
	ck_assert_int_eq(pack_zip(two, 2, "2026-11-01", NULL, &good, why, sizeof why), 0);
	/* undamaged: the bytes of all three at once */
	buf out, whole;
	buf_init(&out);
	buf_init(&whole);
	ck_assert_int_eq(pack_zip_insert(&good, 1, &e[1], "2026-11-01", &out, why, sizeof why), 0);
	ck_assert_int_eq(pack_zip(e, 3, "2026-11-01", NULL, &whole, why, sizeof why), 0);
	ck_assert_uint_eq(out.len, whole.len);
	ck_assert_int_eq(memcmp(out.data, whole.data, whole.len), 0);
	buf_free(&out);
	buf_free(&whole);
	void (*const damages[])(unsigned char *, size_t) = { comment, other_disk, entries_differ,
		too_many, cd_past_end, cd_len_wrong, no_eocd, header_sig, first_not_at_0,
		out_of_order, offset_in_cd, fewer_entries };
	for (size_t i = 0; i < sizeof damages / sizeof *damages; i++)
		insert_refused(&good, damages[i], 1);
	insert_refused(&good, NULL, 3); /* past its last entry */
	buf tiny;
	buf_init(&tiny);
	buf_puts(&tiny, "PK\x05\x06");
	insert_refused(&tiny, NULL, 0); /* shorter than an end record */
	buf_free(&tiny);
	buf_free(&good);
}
END_TEST

/* A report of one section with two figures, one without a plain title. */
typedef struct fixture {
	report r;
	rep_section sec;
	render_fig fig[2];
	render_figs figs;
} fixture;

static void
fixture_init(fixture *f, int nfigs)
{
	memset(f, 0, sizeof *f);
	f->r.title = "Pack: the Q3 Review";
	f->r.subtitle = "Numbers for the board";
	f->r.author = "A. Writer";
	f->r.edition = "Second edition";
	f->r.as_of = "2026-11-01";
	f->r.base_url = "https://example.org/q3/";
	f->r.nsections = 1;
	f->r.sections = &f->sec;
	f->sec.title = "Overview";
	f->sec.slug = "index";
	f->fig[0] = (render_fig){ .id = "growth", .title = "Growth by year", .number = 1 };
	f->fig[1] = (render_fig){ .id = "mix", .title = NULL, .number = 2 };
	f->figs.n = (size_t)nfigs;
	f->figs.figs = f->fig;
	f->figs.ix = hash_new(HASH_BORROW);
	for (int i = 0; i < nfigs; i++)
		hash_add(f->figs.ix, f->fig[i].id, (size_t)i, NULL);
}

/* Returns the names of the entries of zip z, one a line, and README.txt's text in
 * readme (may be NULL). */
static void
listing(const buf *z, buf *names, buf *readme)
{
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(z->data, z->len, 0, &err);
	zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
	ck_assert_ptr_nonnull(za);
	for (zip_int64_t i = 0; i < zip_get_num_entries(za, 0); i++) {
		const char *name = zip_get_name(za, (zip_uint64_t)i, 0);
		buf_printf(names, "%s\n", name);
		if (readme != NULL && strstr(name, "README.txt") != NULL) {
			zip_file_t *f = zip_fopen_index(za, (zip_uint64_t)i, 0);
			char chunk[4096];
			zip_int64_t got;
			while ((got = zip_fread(f, chunk, sizeof chunk)) > 0)
				buf_append(readme, chunk, (size_t)got);
			zip_fclose(f);
		}
	}
	zip_discard(za);
	zip_error_fini(&err);
}

START_TEST(test_pack_written_whole)
{
	fixture f;
	fixture_init(&f, 2);
	pack_free(NULL);
	pack_offer(NULL, "report.pdf", "x", 1);
	pack *k = pack_new(&f.r, &f.figs);
	pack_offer(k, "charts/growth.png", png, sizeof png - 1);
	pack_offer(k, "charts/growth.csv", csv_text, sizeof csv_text - 1);
	pack_offer(k, "charts/mix-download.svg", "<svg/>", 6);
	pack_offer(k, "charts/mix.svg", "<svg/>", 6);       /* the site's, not the download */
	pack_offer(k, "charts/nothing.png", png, 3);   /* no such figure */
	pack_offer(k, "charts/.png", png, 3);          /* no id */
	pack_offer(k, "style.css", "body{}", 6);       /* not in the pack */
	pack_offer(k, "data/metrics.csv", "x", 1);
	pack_offer(k, "data/metrics.csv", "", 0);      /* the last bytes kept, even none */
	char why[256];
	/* staged without report.pdf: it cannot be finished with one */
	buf staged, out, names, readme;
	buf_init(&staged);
	buf_init(&out);
	buf_init(&names);
	buf_init(&readme);
	ck_assert_int_eq(pack_stage(k, 0, NULL, &staged, why, sizeof why), 0);
	pack_offer(k, "report.pdf", "%PDF-1.5 fake", 13);
	ck_assert_int_eq(pack_finish(k, 0, &staged, &out, why, sizeof why), -1);
	ck_assert_str_eq(why, "the pack was staged without report.pdf but is finished with it");
	ck_assert_uint_eq(out.len, 0);
	/* written at once: the same bytes as staged and finished */
	ck_assert_int_eq(pack_write(k, NULL, &out, why, sizeof why), 0);
	buf_reset(&staged);
	ck_assert_int_eq(pack_stage(k, 1, &out, &staged, why, sizeof why), 0);
	buf two;
	buf_init(&two);
	ck_assert_int_eq(pack_finish(k, 1, &staged, &two, why, sizeof why), 0);
	ck_assert_uint_eq(two.len, out.len);
	ck_assert_int_eq(memcmp(two.data, out.data, out.len), 0);
	listing(&out, &names, &readme);
	ck_assert_str_eq(buf_str(&names),
	    "pack-the-q3-review/README.txt\n"
	    "pack-the-q3-review/report.pdf\n"
	    "pack-the-q3-review/charts/growth.png\n"
	    "pack-the-q3-review/charts/growth.csv\n"
	    "pack-the-q3-review/charts/mix.svg\n"
	    "pack-the-q3-review/data/metrics.csv\n"
	    "pack-the-q3-review/data/bibliography.json\n");
	const char *t = buf_str(&readme);
	ck_assert_ptr_nonnull(strstr(t, "Pack: the Q3 Review\nNumbers for the board\n\n"
	    "By A. Writer\nSecond edition\nAs of 2026-11-01\nOnline: https://example.org/q3/\n"));
	ck_assert_ptr_nonnull(strstr(t, "Figure 1. Growth by year\n  (in the section "
	    "\"Overview\")\n  charts/growth.png\n  charts/growth.csv\n"));
	ck_assert_ptr_nonnull(strstr(t, "Figure 2. mix\n"));
	ck_assert_ptr_nonnull(strstr(t, "report.pdf"));
	ck_assert_ptr_null(strstr(t, "metrics.json"));
	/* a pack without report.pdf is its staged zip as it is */
	pack_free(k);
	k = pack_new(&f.r, &f.figs);
	buf_reset(&out);
	buf_reset(&staged);
	ck_assert_int_eq(pack_stage(k, 1, NULL, &staged, why, sizeof why), 0);
	ck_assert_int_eq(pack_finish(k, 1, &staged, &out, why, sizeof why), -1);
	ck_assert_str_eq(why, "the pack was staged with report.pdf but is finished without it");
	ck_assert_int_eq(pack_write(k, NULL, &out, why, sizeof why), 0);
	buf_reset(&staged);
	ck_assert_int_eq(pack_stage(k, 0, NULL, &staged, why, sizeof why), 0);
	ck_assert_uint_eq(staged.len, out.len);
	ck_assert_int_eq(memcmp(staged.data, out.data, out.len), 0);
	buf_reset(&names);
	buf_reset(&readme);
	listing(&out, &names, &readme);
	ck_assert_str_eq(buf_str(&names),
	    "pack-the-q3-review/README.txt\npack-the-q3-review/data/bibliography.json\n");
	ck_assert_ptr_nonnull(strstr(buf_str(&readme), "(no report.pdf: this build was made "
	    "without the PDF, --no-pdf)"));
	pack_free(k);
	buf_free(&two);
	buf_free(&staged);
	buf_free(&out);
	buf_free(&names);
	buf_free(&readme);
	hash_free(f.figs.ix);
}
END_TEST

START_TEST(test_pack_without_charts_or_extras)
{
	fixture f;
	fixture_init(&f, 0);
	f.r.subtitle = NULL;
	f.r.author = NULL;
	f.r.edition = NULL;
	f.r.base_url = NULL;
	pack *k = pack_new(&f.r, &f.figs);
	pack_offer(k, "data/metrics.json", "{}", 2);
	pack_offer(k, "charts/growth.png", png, 3); /* no figures at all */
	buf out, names, readme;
	buf_init(&out);
	buf_init(&names);
	buf_init(&readme);
	char why[256];
	ck_assert_int_eq(pack_write(k, NULL, &out, why, sizeof why), 0);
	listing(&out, &names, &readme);
	ck_assert_str_eq(buf_str(&names),
	    "pack-the-q3-review/README.txt\npack-the-q3-review/data/metrics.json\n"
	    "pack-the-q3-review/data/bibliography.json\n");
	const char *t = buf_str(&readme);
	ck_assert_ptr_nonnull(strstr(t, "Pack: the Q3 Review\n\nAs of 2026-11-01\n\nThis pack"));
	ck_assert_ptr_nonnull(strstr(t, "  (the report has no charts)\n"));
	ck_assert_ptr_nonnull(strstr(t, "every metric of the model (JSON)"));
	pack_free(k);
	buf_free(&out);
	buf_free(&names);
	buf_free(&readme);
	hash_free(f.figs.ix);
}
END_TEST

START_TEST(test_csl_of_every_kind_of_source)
{
	rep_source src[] = {
		{ .id = "a", .publisher = "Paper", .title = "Story", .date = "2024",
		    .url = "https://e.org/a", .confidence = "reported-by-press" },
		{ .id = "b", .publisher = "Firm", .title = "What the filing says", .date = "2024-05",
		    .confidence = "confirmed", .described = 1 },
		{ .id = "c", .date = "2024-05-06" },
		{ .id = "d", .title = "Odd dates", .date = "2024-5" },
		{ .id = "e", .date = "20x4" },
		{ .id = "f", .date = "2024-05-06x" },
	};
	report r;
	memset(&r, 0, sizeof r);
	r.nsources = sizeof src / sizeof *src;
	r.sources = src;
	buf out;
	buf_init(&out);
	pack_csl(&r, &out);
	const char *j = buf_str(&out);
	/* press: an article in a paper; described: the title in brackets, the note says
	 * so; dates of three forms; nothing for another form or a missing field */
	ck_assert_str_eq(j,
	    "[\n"
	    "  {\n"
	    "    \"id\": \"a\",\n"
	    "    \"type\": \"article-newspaper\",\n"
	    "    \"title\": \"Story\",\n"
	    "    \"container-title\": \"Paper\",\n"
	    "    \"URL\": \"https://e.org/a\",\n"
	    "    \"issued\": {\n"
	    "      \"date-parts\": [\n"
	    "        [2024]\n"
	    "      ]\n"
	    "    },\n"
	    "    \"note\": \"confidence: reported-by-press\"\n"
	    "  },\n"
	    "  {\n"
	    "    \"id\": \"b\",\n"
	    "    \"type\": \"document\",\n"
	    "    \"title\": \"[What the filing says]\",\n"
	    "    \"publisher\": \"Firm\",\n"
	    "    \"issued\": {\n"
	    "      \"date-parts\": [\n"
	    "        [2024, 5]\n"
	    "      ]\n"
	    "    },\n"
	    "    \"note\": \"confidence: confirmed; the title is a description, not the document's own\"\n"
	    "  },\n"
	    "  {\n"
	    "    \"id\": \"c\",\n"
	    "    \"type\": \"document\",\n"
	    "    \"issued\": {\n"
	    "      \"date-parts\": [\n"
	    "        [2024, 5, 6]\n"
	    "      ]\n"
	    "    }\n"
	    "  },\n"
	    "  {\n"
	    "    \"id\": \"d\",\n"
	    "    \"type\": \"document\",\n"
	    "    \"title\": \"Odd dates\"\n"
	    "  },\n"
	    "  {\n"
	    "    \"id\": \"e\",\n"
	    "    \"type\": \"document\"\n"
	    "  },\n"
	    "  {\n"
	    "    \"id\": \"f\",\n"
	    "    \"type\": \"document\"\n"
	    "  }\n"
	    "]\n");
	buf_free(&out);
}
END_TEST

static Suite *
zip_suite(void)
{
	Suite *s = suite_create("zip_cov");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_dates_in_and_out_of_range);
	tcase_add_test(tc, test_same_name_twice_refused);
	tcase_add_test(tc, test_prev_reused_only_where_it_matches);
	tcase_add_test(tc, test_insert_refuses_damaged_staged_zips);
	tcase_add_test(tc, test_pack_written_whole);
	tcase_add_test(tc, test_pack_without_charts_or_extras);
	tcase_add_test(tc, test_csl_of_every_kind_of_source);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(zip_suite());
}
