/* check_util_cov: path_join's forms, path_read and path_read_file on files the other
 * suites do not try (empty, sized 0 but not empty, unreadable, dot names, a root of
 * "/"), and UTF-8 checks and numeric character references at their edges. */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/path.h"
#include "util/utf8.h"
#include "check_main.h"
#include "tmp_root.h"


static void
setup(void)
{
	root_make("check_util_cov");
}

static void
teardown(void)
{
	root_remove();
}


START_TEST(join_forms)
{
	const char *a[] = { NULL, "", ".", "a", "a/", "/" };
	const char *want[] = { "b", "b", "b", "a/b", "a/b", "/b" };
	for (int i = 0; i < 6; i++) {
		char *p = path_join(a[i], "b");
		ck_assert_str_eq(p, want[i]);
		free(p);
	}
}
END_TEST

/* An empty file reads as "" (no room made ahead); a /proc file whose size says 0 is
 * read to its end, and refused past the limit. */
START_TEST(read_sizes)
{
	put_file("empty", "");
	char *p = path_join(root, "empty"), *out;
	size_t len;
	ck_assert_int_eq(path_read_file(p, 10, &out, &len), PATH_OK);
	ck_assert_uint_eq(len, 0);
	ck_assert_str_eq(out, "");
	free(out);
	free(p);
	ck_assert_int_eq(path_read_file("/proc/self/status", 1 << 20, &out, &len), PATH_OK);
	ck_assert_ptr_nonnull(strstr(out, "Name:"));
	ck_assert_uint_eq(strlen(out), len);
	free(out);
	ck_assert_int_eq(path_read_file("/proc/self/status", 16, &out, &len), PATH_TOO_BIG);
	ck_assert_ptr_null(out);
	ck_assert_uint_eq(len, 0);
}
END_TEST

/* A regular file whose read fails (/proc/self/mem at offset 0 is unmapped) gives
 * PATH_ERRNO with read's errno, and nothing. */
START_TEST(read_fails)
{
	char *out = (char *)"x";
	size_t len = 9;
	errno = 0;
	ck_assert_int_eq(path_read_file("/proc/self/mem", 1 << 20, &out, &len), PATH_ERRNO);
	ck_assert_int_eq(errno, EIO);
	ck_assert_ptr_null(out);
	ck_assert_uint_eq(len, 0);
	ck_assert_int_eq(path_read_file(root, 10, &out, &len), PATH_ERRNO);
	ck_assert_int_eq(errno, EISDIR);
	ck_assert_int_eq(path_read_file("/dev/null", 10, &out, &len), PATH_NOT_FILE);
	ck_assert_int_eq(errno, EINVAL);
}
END_TEST

/* Names that end in . or .., or in /, or have no folder part, are resolved whole; a
 * root that does not exist is an error; a symlink out of root is outside. */
START_TEST(read_names)
{
	char *out;
	size_t len;
	put_file("f", "text");
	char *dir = path_join(root, "d");
	ck_assert_int_eq(mkdir(dir, 0777), 0);
	free(dir);
	ck_assert_int_eq(path_read(root, "d/..", 10, &out, &len), PATH_ERRNO);
	ck_assert_int_eq(errno, EISDIR);
	ck_assert_int_eq(path_read(root, "d/.", 10, &out, &len), PATH_ERRNO);
	ck_assert_int_eq(path_read(root, "d/", 10, &out, &len), PATH_ERRNO);
	ck_assert_int_eq(path_read(root, "d/../f", 10, &out, &len), PATH_OK);
	ck_assert_str_eq(out, "text");
	free(out);
	ck_assert_int_eq(path_read(root, "/f", 10, &out, &len), PATH_OUTSIDE);
	ck_assert_int_eq(path_read(root, "..", 10, &out, &len), PATH_OUTSIDE);
	char *gone = path_join(root, "gone");
	ck_assert_int_eq(path_read(gone, "f", 10, &out, &len), PATH_ERRNO);
	ck_assert_int_eq(errno, ENOENT);
	free(gone);
	char *link = path_join(root, "d/up");
	ck_assert_int_eq(symlink("/proc/self/status", link), 0);
	ck_assert_int_eq(path_read(root, "d/up", 1 << 20, &out, &len), PATH_OUTSIDE);
	free(link);
	/* cwd-relative: no folder part at all */
	ck_assert_int_eq(chdir(root), 0);
	ck_assert_int_eq(path_read(".", "f", 10, &out, &len), PATH_OK);
	ck_assert_str_eq(out, "text");
	free(out);
	ck_assert_int_eq(path_read("", "f", 10, &out, &len), PATH_ERRNO);
	ck_assert_int_eq(errno, ENOENT);
}
END_TEST

/* Everything under the root "/" is inside it. */
START_TEST(read_under_slash)
{
	char *out;
	size_t len;
	put_file("f", "slash");
	char *rel = path_join(root + 1, "d/../f");
	char *dir = path_join(root, "d");
	ck_assert_int_eq(mkdir(dir, 0777), 0);
	free(dir);
	ck_assert_int_eq(path_read("/", rel, 10, &out, &len), PATH_OK);
	ck_assert_str_eq(out, "slash");
	free(out);
	free(rel);
	ck_assert_int_eq(path_read("/", "tmp/../proc/self/status", 1 << 20, &out, &len), PATH_OK);
	free(out);
}
END_TEST

/* utf8_check: each kind of bad sequence, at its offset. */
START_TEST(utf8_sequences)
{
	static const struct { const char *s; int ok; size_t bad; } v[] = {
		{ "ok \xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 1, 0 },
		{ "a\xc0\xafz", 0, 1 },          /* overlong '/' */
		{ "ab\xe0\x80\xafz", 0, 2 },     /* overlong, 3 bytes */
		{ "\xed\xa0\x80", 0, 0 },        /* a surrogate */
		{ "x\xf4\x90\x80\x80", 0, 1 },   /* above U+10FFFF */
		{ "x\xf5\x80\x80\x80", 0, 1 },   /* no such lead byte */
		{ "xy\xe2\x82", 0, 2 },          /* cut short */
		{ "x\xe2(\xa1", 0, 1 },          /* not a continuation byte */
		{ "\xf0\x8f\xbf\xbf", 0, 0 },    /* overlong, 4 bytes */
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		size_t bad = 99;
		int rc = utf8_check(v[i].s, strlen(v[i].s), &bad);
		ck_assert_msg(rc == (v[i].ok ? 0 : -1), "case %zu", i);
		if (!v[i].ok)
			ck_assert_msg(bad == v[i].bad, "case %zu: bad at %zu", i, bad);
	}
}
END_TEST

/* Numeric character references: the ones naming a character text must not hold are
 * faults (with the reference in the message), the rest are left to Markdown. */
START_TEST(utf8_references)
{
	static const struct { const char *s; const char *msg; } v[] = {
		{ "a&#x1;b", "control character U+0001 is not allowed (the character reference &#x1;)" },
		{ "a&#X7f;", "control character U+007F is not allowed (the character reference &#X7f;)" },
		{ "&#xFFFE;", "noncharacter U+FFFE is not allowed (the character reference &#xFFFE;)" },
		{ "&#xfdd0;", "noncharacter U+FDD0 is not allowed (the character reference &#xfdd0;)" },
		{ "&#133;", "control character U+0085 is not allowed (the character reference &#133;)" },
		{ "&#13;", "control character U+000D is not allowed (the character reference &#13;)" },
		{ "&#x10FFFF;", "noncharacter U+10FFFF is not allowed (the character reference &#x10FFFF;)" },
		{ "&#x41;&#65;&#x;&#;&#12345678;&#1&#xZ1;&#0;&#xD800;&#x110000;&#", NULL },
		{ "&#x1", NULL },
		{ "&", NULL },
		{ "\x85", "invalid UTF-8 (byte 0x85)" },
		{ "\xc2\x85", "control character U+0085 is not allowed" },
		{ "a\rb", "carriage return (U+000D) not followed by a line feed" },
		{ "a\r\nb\r", "carriage return (U+000D) not followed by a line feed" },
		{ "\xef\xbf\xbf", "noncharacter U+FFFF is not allowed" },
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		utf8_fault f;
		int rc = utf8_text_check(v[i].s, strlen(v[i].s), &f);
		ck_assert_msg(rc == (v[i].msg ? -1 : 0), "case %zu", i);
		if (v[i].msg == NULL)
			continue;
		char msg[128];
		utf8_fault_message(v[i].s, &f, msg, sizeof msg);
		ck_assert_str_eq(msg, v[i].msg);
	}
}
END_TEST

/* A message buffer too small for the reference's note is cut, still terminated. */
START_TEST(utf8_short_message)
{
	const char *s = "&#x1;";
	utf8_fault f;
	ck_assert_int_eq(utf8_text_check(s, strlen(s), &f), -1);
	char msg[12];
	memset(msg, 'z', sizeof msg);
	utf8_fault_message(s, &f, msg, sizeof msg);
	ck_assert_str_eq(msg, "control cha");
	ck_assert_uint_eq(utf8_bom("\xef\xbb\xbfx", 4), 3);
	ck_assert_uint_eq(utf8_bom("\xef\xbb", 2), 0);
}
END_TEST

static Suite *
util_cov_suite(void)
{
	Suite *s = suite_create("util_cov");
	TCase *tc = tcase_create("path");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, join_forms);
	tcase_add_test(tc, read_sizes);
	tcase_add_test(tc, read_fails);
	tcase_add_test(tc, read_names);
	tcase_add_test(tc, read_under_slash);
	suite_add_tcase(s, tc);
	TCase *tu = tcase_create("utf8");
	tcase_add_test(tu, utf8_sequences);
	tcase_add_test(tu, utf8_references);
	tcase_add_test(tu, utf8_short_message);
	suite_add_tcase(s, tu);
	return s;
}

int
main(void)
{
	return check_run(util_cov_suite());
}
