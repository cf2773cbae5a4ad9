/* check_jin_cov: the explorer's JSON reader on the inputs RFC 8259 allows and refuses
 * at their edges: numbers, escapes and surrogate pairs, truncated texts, objects and
 * arrays cut short, each refusal at its byte offset. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explore/jin.h"
#include "check_main.h"

/* Parses s (len bytes: s may hold a NUL); asserts a tree. */
static jin_value *
ok(const char *s, size_t len)
{
	size_t at = 999;
	jin_value *v = jin_parse(s, len, &at);
	ck_assert_msg(v != NULL, "'%s' refused at %zu", s, at);
	return v;
}

/* Asserts that s (len bytes) is refused at byte offset want. */
static void
bad(const char *s, size_t len, size_t want)
{
	size_t at = 999;
	jin_value *v = jin_parse(s, len, &at);
	ck_assert_msg(v == NULL, "'%s' accepted", s);
	ck_assert_msg(at == want, "'%s' refused at %zu, not %zu", s, at, want);
	ck_assert_ptr_null(jin_parse(s, len, NULL)); /* no position wanted */
}

#define OK(s) ok(s, sizeof s - 1)
#define BAD(s, at) bad(s, sizeof s - 1, at)

START_TEST(numbers)
{
	static const struct { const char *s; double v; } v[] = {
		{ "0", 0 }, { "-0", 0 }, { "12", 12 }, { "-1.5", -1.5 }, { "0.25", 0.25 },
		{ "1e3", 1000 }, { "1E+2", 100 }, { "25e-1", 2.5 }, { "-0.5E-1", -0.05 },
		{ " \t\r\n7\n", 7 },
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		jin_value *j = ok(v[i].s, strlen(v[i].s));
		ck_assert_int_eq(j->kind, JIN_NUM);
		ck_assert_double_eq_tol(j->num, v[i].v, 1e-12);
		jin_free(j);
	}
	BAD("01", 1);
	BAD("-", 1);
	BAD("1.", 2);
	BAD("1e", 2);
	BAD("1e+", 3);
	BAD(".5", 0);
	BAD("+1", 0);
	BAD("1e999", 0);
	BAD("1e-999", 0);
	char longnum[200];
	memset(longnum, '1', sizeof longnum - 1);
	longnum[sizeof longnum - 1] = '\0';
	bad(longnum, strlen(longnum), 0);
}
END_TEST

START_TEST(strings)
{
	jin_value *j = OK("\"a\\u0041\\u00e9\\u20ac\\uD83D\\uDE00\\n\\t\\\"\\\\\\/\\b\\f\\r\"");
	ck_assert_int_eq(j->kind, JIN_STR);
	ck_assert_str_eq(j->str, "aA\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\n\t\"\\/\b\f\r");
	jin_free(j);
	j = OK("\"\\u00E9\\uABcd\"");
	ck_assert_str_eq(j->str, "\xc3\xa9\xea\xaf\x8d");
	jin_free(j);
	BAD("\"\\u12\"", 3);
	BAD("\"\\u12", 3);
	BAD("\"\\u12g4\"", 3);
	BAD("\"\\uDC00\"", 7);
	BAD("\"\\uD800\"", 7);
	BAD("\"\\uD800x\"", 7);
	BAD("\"\\uD800\\n\"", 7);
	BAD("\"\\uD800\\u0041\"", 13);
	BAD("\"\\uD800\\uE000\"", 13);
	BAD("\"\\q\"", 2);
	BAD("\"\\", 2);
	BAD("\"abc", 4);
	BAD("\"\xc3\"", 2);
	BAD("\"a\nb\"", 2);
	bad("\"\\\0\"", 4, 2);
}
END_TEST

START_TEST(words_and_containers)
{
	jin_value *j = OK("{\"a\": [true, false, null, {}], \"b\": [], \"a\": 2}");
	ck_assert_int_eq(j->kind, JIN_OBJ);
	ck_assert_uint_eq(j->n, 3);
	const jin_value *a = jin_get(j, "a");
	ck_assert_int_eq(a->kind, JIN_NUM); /* the last one */
	ck_assert_int_eq(jin_get(j, "b")->kind, JIN_ARR);
	ck_assert_ptr_null(jin_get(j, "c"));
	ck_assert_ptr_null(jin_get(jin_get(j, "b"), "a"));
	ck_assert_ptr_null(jin_get(NULL, "a"));
	ck_assert_int_eq(j->items[0].items[0].kind, JIN_BOOL);
	ck_assert_double_eq(j->items[0].items[0].num, 1);
	ck_assert_int_eq(j->items[0].items[2].kind, JIN_NULL);
	jin_free(j);
	jin_free(NULL);
	BAD("tru", 0);
	BAD("nul", 0);
	BAD("falsy", 0);
	BAD("[1 2]", 3);
	BAD("[1,", 3);
	BAD("[1", 2);
	BAD("[", 1);
	BAD("{", 1);
	BAD("{\"a\" 1}", 5);
	BAD("{\"a\"", 4);
	BAD("{1: 2}", 1);
	BAD("{\"a\": 1,}", 8);
	BAD("{\"a\": 1", 7);
	BAD("{\"a\": 1 \"b\": 2}", 8);
	BAD("[1] x", 4);
	BAD("", 0);
	BAD("   ", 3);
	bad("[1]\0", 4, 3);
	BAD("@", 0);
	char deep[80];
	memset(deep, '[', 40);
	memset(deep + 40, ']', 40);
	bad(deep, 80, 32);
	memset(deep, '[', 32);
	memset(deep + 32, ']', 32);
	jin_free(ok(deep, 64));
}
END_TEST

static Suite *
jin_cov_suite(void)
{
	Suite *s = suite_create("jin_cov");
	TCase *tc = tcase_create("parse");
	tcase_add_test(tc, numbers);
	tcase_add_test(tc, strings);
	tcase_add_test(tc, words_and_containers);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(jin_cov_suite());
}
