/* check_yaml_cov: schema's typed reads at their edges (exponents, signs, underflow,
 * calendar dates, URL characters, kinds) and the tree reader's null and empty
 * documents, each with the exact diagnostic or value. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "yaml/schema.h"
#include "yaml/ytree.h"
#include "check_main.h"

/* Which typed read a case makes. */
enum read_kind { RD_NUM, RD_INT, RD_STR, RD_BOOL, RD_DATE, RD_URL, RD_SEQ };

/* One read: the value of key v in yaml, read as kind; ok if it must succeed; want is
 * the diagnostic (without "t.yaml:1:4: error: ") or the value read as text. */
typedef struct read_case {
	enum read_kind kind;
	const char *yaml;
	int ok;
	const char *want;
} read_case;

static const read_case reads[] = {
	{ RD_NUM, "v: 1e+5", 1, "100000" },
	{ RD_NUM, "v: 2.5E-3", 1, "0.0025" },
	{ RD_NUM, "v: -.5e2", 1, "-50" },
	{ RD_NUM, "v: 0.000e-400", 1, "0" },
	{ RD_NUM, "v: 1e", 0, "expected a number for 'v', found '1e'" },
	{ RD_NUM, "v: 1e+", 0, "expected a number for 'v', found '1e+'" },
	{ RD_NUM, "v: .", 0, "expected a number for 'v', found '.'" },
	{ RD_NUM, "v: 5x", 0, "expected a number for 'v', found '5x'" },
	{ RD_NUM, "v: 1e400", 0, "number '1e400' for 'v' is out of range" },
	{ RD_NUM, "v: 0.5e-400", 0, "number '0.5e-400' for 'v' is too close to zero (below 2.2e-308)" },
	{ RD_NUM, "v: \"5\"", 0, "expected a number for 'v', found the quoted string \"5\"" },
	{ RD_INT, "v: +7", 1, "7" },
	{ RD_INT, "v: -7", 0, "'v' must be between 0 and 100, found -7" },
	{ RD_INT, "v: 1234567890123456789", 0, "expected an integer for 'v', found '1234567890123456789'" },
	{ RD_INT, "v: 7.0", 0, "expected an integer for 'v', found '7.0'" },
	{ RD_INT, "v: '7'", 0, "expected an integer for 'v', found the quoted string \"7\"" },
	{ RD_INT, "v: [7]", 0, "expected an integer for 'v', found a sequence" },
	{ RD_STR, "v: ~", 0, "'v' must not be empty" },
	{ RD_STR, "v: ''", 0, "'v' must not be empty" },
	{ RD_STR, "v: 'null'", 1, "null" },
	{ RD_STR, "v: {a: b}", 0, "expected a string for 'v', found a mapping" },
	{ RD_BOOL, "v: True", 1, "1" },
	{ RD_BOOL, "v: FALSE", 1, "0" },
	{ RD_BOOL, "v: 'true'", 0, "expected true or false for 'v', found the quoted string \"true\"" },
	{ RD_BOOL, "v: [true]", 0, "expected true or false for 'v', found a sequence" },
	{ RD_DATE, "v: 2024-02-29", 1, "2024-02-29" },
	{ RD_DATE, "v: 2000-02-29", 1, "2000-02-29" },
	{ RD_DATE, "v: 2100-02-29", 0, "expected a date YYYY-MM-DD in 1800..2300 for 'v', found '2100-02-29'" },
	{ RD_DATE, "v: 2023-04-31", 0, "expected a date YYYY-MM-DD in 1800..2300 for 'v', found '2023-04-31'" },
	{ RD_DATE, "v: 2023-04-00", 0, "expected a date YYYY-MM-DD in 1800..2300 for 'v', found '2023-04-00'" },
	{ RD_DATE, "v: 2023-00-10", 0, "expected a date YYYY-MM-DD in 1800..2300 for 'v', found '2023-00-10'" },
	{ RD_DATE, "v: 1799-12-31", 0, "expected a date YYYY-MM-DD in 1800..2300 for 'v', found '1799-12-31'" },
	{ RD_DATE, "v: 2301-01-01", 0, "expected a date YYYY-MM-DD in 1800..2300 for 'v', found '2301-01-01'" },
	{ RD_DATE, "v: 2023/04/10", 0, "expected a date YYYY-MM-DD in 1800..2300 for 'v', found '2023/04/10'" },
	{ RD_DATE, "v: 2023-4-100", 0, "expected a date YYYY-MM-DD in 1800..2300 for 'v', found '2023-4-100'" },
	{ RD_DATE, "v: 2023-04-1x", 0, "expected a date YYYY-MM-DD in 1800..2300 for 'v', found '2023-04-1x'" },
	{ RD_DATE, "v: 2023-04_10", 0, "expected a date YYYY-MM-DD in 1800..2300 for 'v', found '2023-04_10'" },
	{ RD_DATE, "v: 2023-0a-10", 0, "expected a date YYYY-MM-DD in 1800..2300 for 'v', found '2023-0a-10'" },
	{ RD_DATE, "v: [2023]", 0, "expected a date YYYY-MM-DD in 1800..2300 for 'v', found a sequence" },
	{ RD_URL, "v: \"a\\tb\"", 0, "URL for 'v' must not contain spaces, backslashes or control characters" },
	{ RD_URL, "v: \"a\\\\b\"", 0, "URL for 'v' must not contain spaces, backslashes or control characters" },
	{ RD_URL, "v: \"a b\"", 0, "URL for 'v' must not contain spaces, backslashes or control characters" },
	{ RD_URL, "v: averyveryverylongscheme:x", 0, "URL scheme 'averyveryverylongsch:' is not allowed for 'v' (use http, https, mailto or a relative path)" },
	{ RD_URL, "v: MAILTO:a@example.org", 1, "MAILTO:a@example.org" },
	{ RD_URL, "v: ~", 0, "'v' must not be empty" },
	{ RD_SEQ, "v: [1]", 1, "sequence" },
	{ RD_SEQ, "v: 1", 0, "expected a sequence for 'v', found a scalar" },
	{ RD_SEQ, "v: {}", 0, "expected a sequence for 'v', found a mapping" },
};

/* Runs read rc on node n; writes the value read as text into out. */
static int
run_read(diag *d, const read_case *rc, const yt_node *n, char *out, size_t size)
{
	double x;
	long l;
	int b;
	const char *s;
	int st = -1;
	switch (rc->kind) {
	case RD_NUM:
		if ((st = schema_num(d, n, "v", &x)) == 0)
			snprintf(out, size, "%g", x);
		break;
	case RD_INT:
		if ((st = schema_int(d, n, "v", 0, 100, &l)) == 0)
			snprintf(out, size, "%ld", l);
		break;
	case RD_STR:
	case RD_DATE:
	case RD_URL:
		st = rc->kind == RD_STR ? schema_str(d, n, "v", 0, &s) : rc->kind == RD_DATE ?
		    schema_date(d, n, "v", &s) : schema_url(d, n, "v", &s);
		if (st == 0)
			snprintf(out, size, "%s", s);
		break;
	case RD_BOOL:
		if ((st = schema_bool(d, n, "v", &b)) == 0)
			snprintf(out, size, "%d", b);
		break;
	case RD_SEQ:
		if ((st = schema_kind(d, n, YT_SEQ, "v")) == 0)
			snprintf(out, size, "%s", "sequence");
		break;
	}
	return st;
}

START_TEST(typed_read)
{
	const read_case *rc = &reads[_i];
	diag *d = diag_new();
	yt_node *root = yt_parse_string("t.yaml", rc->yaml, strlen(rc->yaml), 0, d);
	ck_assert_ptr_nonnull(root);
	const yt_node *n = yt_get(root, "v");
	ck_assert_ptr_nonnull(n);
	char got[256] = "";
	int st = run_read(d, rc, n, got, sizeof got);
	if (st < 0) {
		ck_assert_int_eq(diag_count(d), 1);
		const char *t = diag_text(d, 0);
		const char *at = strstr(t, "error: ");
		ck_assert_ptr_nonnull(at);
		snprintf(got, sizeof got, "%s", at + 7);
		ck_assert_msg(strncmp(t, "t.yaml:1:4: ", 12) == 0, "%s: position in %s", rc->yaml, t);
	}
	ck_assert_msg(st == (rc->ok ? 0 : -1) && strcmp(got, rc->want) == 0,
	    "%s: got %d '%s', want '%s'", rc->yaml, st, got, rc->want);
	yt_free(root);
	diag_free(d);
}
END_TEST

/* Unknown keys are named at their position, each one; a non-map has none. */
START_TEST(unknown_keys)
{
	diag *d = diag_new();
	const char *y = "a: 1\nb: 2\nc: 3\n";
	yt_node *root = yt_parse_string("t.yaml", y, strlen(y), 0, d);
	static const char *const allowed[] = { "b", NULL };
	ck_assert_int_eq(schema_keys(d, root, allowed, "top"), -1);
	ck_assert_int_eq(diag_count(d), 2);
	ck_assert_str_eq(diag_text(d, 0), "t.yaml:1:1: error: unknown key 'a' in top");
	ck_assert_str_eq(diag_text(d, 1), "t.yaml:3:1: error: unknown key 'c' in top");
	ck_assert_int_eq(schema_keys(d, yt_get(root, "a"), allowed, "a"), 0);
	ck_assert_ptr_null(schema_need(d, root, "z", "top"));
	ck_assert_str_eq(diag_text(d, 2), "t.yaml:1:1: error: missing key 'z' in top");
	yt_free(root);
	diag_free(d);
}
END_TEST

/* A document that is null (~, null, Null, NULL, empty) is an empty mapping at its
 * position; a quoted "null" is a string. */
START_TEST(null_documents)
{
	static const char *const docs[] = { "", "~", "null", "Null", "NULL", "# only a comment\n",
		"--- ~\n" };
	for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
		diag *d = diag_new();
		yt_node *root = yt_parse_string("t.yaml", docs[i], strlen(docs[i]), 3, d);
		ck_assert_msg(root != NULL && root->kind == YT_MAP && root->n == 0, "doc %zu", i);
		ck_assert_int_eq(diag_count(d), 0);
		ck_assert_int_ge(root->pos.line, 4);
		yt_free(root);
		diag_free(d);
	}
	diag *d = diag_new();
	const char *y = "v: \"null\"\nw: nULL\nx: ~\n";
	yt_node *root = yt_parse_string("t.yaml", y, strlen(y), 0, d);
	ck_assert_int_eq(yt_is_null(yt_get(root, "v")), 0);
	ck_assert_int_eq(yt_is_null(yt_get(root, "w")), 0);
	ck_assert_int_eq(yt_is_null(yt_get(root, "x")), 1);
	ck_assert_int_eq(yt_is_null(NULL), 0);
	ck_assert_ptr_null(yt_get(yt_get(root, "v"), "v"));
	yt_free(root);
	diag_free(d);
}
END_TEST

/* yt_kind_name names each kind, and something for a value that is none. */
START_TEST(kind_names)
{
	ck_assert_str_eq(yt_kind_name(YT_SCALAR), "a scalar");
	ck_assert_str_eq(yt_kind_name(YT_SEQ), "a sequence");
	ck_assert_str_eq(yt_kind_name(YT_MAP), "a mapping");
	ck_assert_str_eq(yt_kind_name((yt_kind)99), "a node");
}
END_TEST

static Suite *
yaml_cov_suite(void)
{
	Suite *s = suite_create("yaml_cov");
	TCase *tc = tcase_create("reads");
	tcase_add_loop_test(tc, typed_read, 0, (int)(sizeof reads / sizeof reads[0]));
	tcase_add_test(tc, unknown_keys);
	tcase_add_test(tc, null_documents);
	tcase_add_test(tc, kind_names);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(yaml_cov_suite());
}
