/* check_hash: the string-keyed hash tables, and the look-ups built on them. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "load/report.h"
#include "util/buf.h"
#include "util/hash.h"
#include "check_main.h"

START_TEST(hash_add_find_many)
{
	enum { N = 5000 };
	static char keys[N][16];
	hash_table *h = hash_new(HASH_BORROW);
	ck_assert_uint_eq(hash_count(h), 0);
	ck_assert(!hash_get(h, "absent", NULL));
	for (size_t i = 0; i < N; i++) {
		snprintf(keys[i], sizeof keys[i], "k%zu", i);
		ck_assert_int_eq(hash_add(h, keys[i], i * 3, NULL), 1);
	}
	ck_assert_uint_eq(hash_count(h), N);
	for (size_t i = 0; i < N; i++) {
		char probe[16];
		size_t v = 0;
		snprintf(probe, sizeof probe, "k%zu", i);
		ck_assert(hash_get(h, probe, &v));
		ck_assert_uint_eq(v, i * 3);
		ck_assert_ptr_eq(hash_key(h, probe), keys[i]); /* the table's own pointer */
	}
	ck_assert(!hash_get(h, "k5000", NULL));
	ck_assert(!hash_get(h, "", NULL));
	hash_free(h);
}
END_TEST

START_TEST(hash_add_keeps_first_and_reports_it)
{
	hash_table *h = hash_new(HASH_BORROW);
	size_t old = 99;
	ck_assert_int_eq(hash_add(h, "method", 4, NULL), 1);
	ck_assert_int_eq(hash_add(h, "method", 7, &old), 0);
	ck_assert_uint_eq(old, 4);
	size_t v;
	ck_assert(hash_get(h, "method", &v));
	ck_assert_uint_eq(v, 4);
	ck_assert_uint_eq(hash_count(h), 1);
	hash_free(h);
}
END_TEST

START_TEST(hash_find_uses_length_not_nul)
{
	hash_table *h = hash_new(HASH_BORROW);
	hash_add(h, "ab", 1, NULL);
	hash_add(h, "abc", 2, NULL);
	size_t v;
	ck_assert(hash_find(h, "abcdef", 2, &v));
	ck_assert_uint_eq(v, 1);
	ck_assert(hash_find(h, "abcdef", 3, &v));
	ck_assert_uint_eq(v, 2);
	ck_assert(!hash_find(h, "abcdef", 4, &v));
	ck_assert(!hash_find(NULL, "ab", 2, &v)); /* a NULL table is empty */
	ck_assert_uint_eq(hash_count(NULL), 0);
	hash_free(h);
	hash_free(NULL);
}
END_TEST

START_TEST(hash_ref_updates_value)
{
	hash_table *h = hash_new(HASH_OWN); /* keys freed by hash_free (LSan checks) */
	hash_add(h, util_xstrdup("x"), 2, NULL);
	size_t *r = hash_ref(h, "x");
	ck_assert_ptr_nonnull(r);
	*r = 10;
	size_t v;
	ck_assert(hash_get(h, "x", &v));
	ck_assert_uint_eq(v, 10);
	ck_assert_ptr_null(hash_ref(h, "y"));
	char *dup = util_xstrdup("x");
	ck_assert_int_eq(hash_add(h, dup, 0, NULL), 0); /* refused: still the caller's */
	free(dup);
	hash_free(h);
}
END_TEST

START_TEST(hash_bytes_is_fnv1a)
{
	/* FNV-1a 64-bit test vectors */
	ck_assert_uint_eq(hash_bytes("", 0), 0xcbf29ce484222325ULL);
	ck_assert_uint_eq(hash_bytes("a", 1), 0xaf63dc4c8601ec8cULL);
	ck_assert_uint_eq(hash_bytes("foobar", 6), 0x85944171f73967e8ULL);
}
END_TEST

START_TEST(diag_intern_shares_copies)
{
	diag *d = diag_new();
	char path[32];
	const char *first[300];
	for (int i = 0; i < 300; i++) {
		snprintf(path, sizeof path, "content/pages/p%d.md", i);
		first[i] = diag_intern(d, path);
		ck_assert_str_eq(first[i], path);
		ck_assert_ptr_ne(first[i], path);
	}
	for (int i = 0; i < 300; i++) {
		snprintf(path, sizeof path, "content/pages/p%d.md", i);
		ck_assert_ptr_eq(diag_intern(d, path), first[i]);
	}
	diag_free(d);
}
END_TEST

START_TEST(report_index_matches_scan)
{
	rep_section secs[3] = { { .slug = "index" }, { .slug = "method" }, { .slug = "b" } };
	rep_source srcs[2] = { { .id = "s1" }, { .id = "s2" } };
	report r = { .nsections = 3, .sections = secs, .nsources = 2, .sources = srcs };
	for (int pass = 0; pass < 2; pass++) { /* unindexed (scan), then indexed */
		ck_assert_int_eq(report_section_index(&r, "index"), 0);
		ck_assert_int_eq(report_section_index(&r, "method"), 1);
		ck_assert_int_eq(report_section_index(&r, "b"), 2);
		ck_assert_int_eq(report_section_index(&r, "c"), -1);
		ck_assert_int_eq(report_source_index(&r, "s2"), 1);
		ck_assert_int_eq(report_source_index(&r, "s3"), -1);
		report_index(&r);
		ck_assert_ptr_nonnull(r.section_ix);
	}
	hash_free(r.section_ix);
	hash_free(r.source_ix);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("hash");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, hash_add_find_many);
	tcase_add_test(tc, hash_add_keeps_first_and_reports_it);
	tcase_add_test(tc, hash_find_uses_length_not_nul);
	tcase_add_test(tc, hash_ref_updates_value);
	tcase_add_test(tc, hash_bytes_is_fnv1a);
	tcase_add_test(tc, diag_intern_shares_copies);
	tcase_add_test(tc, report_index_matches_scan);
	suite_add_tcase(s, tc);
	return check_run(s);
}
