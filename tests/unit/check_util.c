/* check_util: diagnostics, buffers, safe path reads and the source-text rules of utf8. */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "util/buf.h"
#include "util/path.h"
#include "util/pool.h"
#include "util/utf8.h"
#include "check_main.h"

START_TEST(diag_formats_positions)
{
	diag *d = diag_new();
	diag_pos p = { diag_intern(d, "content/a.yaml"), 3, 7 };
	diag_error(d, p, "unknown key '%s'", "x");
	diag_pos nocol = { diag_intern(d, "content/a.yaml"), 9, 0 };
	diag_warn(d, nocol, "w");
	diag_error(d, diag_file_pos(d, "b.md"), "gone");
	ck_assert_int_eq(diag_errors(d), 2);
	ck_assert_int_eq(diag_count(d), 3);
	ck_assert_str_eq(diag_text(d, 0), "content/a.yaml:3:7: error: unknown key 'x'");
	ck_assert_str_eq(diag_text(d, 1), "content/a.yaml:9: warning: w");
	ck_assert_str_eq(diag_text(d, 2), "b.md: error: gone");
	ck_assert_ptr_null(diag_text(d, 3));
	ck_assert_ptr_eq(p.file, nocol.file);
	diag_free(d);
	diag_free(NULL);
}
END_TEST

START_TEST(diag_prints_in_order_with_colour)
{
	diag *d = diag_new();
	diag_pos p = { diag_intern(d, "f"), 1, 2 };
	diag_error(d, p, "one");
	diag_error(d, p, "two");
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	diag_print(d, f, 0);
	fclose(f);
	ck_assert_str_eq(out, "f:1:2: error: one\nf:1:2: error: two\n");
	free(out);
	f = open_memstream(&out, &len);
	diag_print(d, f, 1);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(out, "\033[1;31merror"));
	ck_assert_ptr_nonnull(strstr(out, ": one\n"));
	free(out);
	diag_free(d);
}
END_TEST

START_TEST(buf_grows_and_detaches)
{
	buf b;
	buf_init(&b);
	ck_assert_str_eq(buf_str(&b), "");
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i % 10);
	ck_assert_uint_eq(b.len, 2000);
	ck_assert_int_eq(b.data[1998], '9');
	buf_reset(&b);
	buf_puts(&b, "ab");
	buf_putc(&b, 'c');
	buf_append(&b, "de", 1);
	char *s = buf_detach(&b);
	ck_assert_str_eq(s, "abcd");
	ck_assert_ptr_null(b.data);
	free(s);
	s = buf_detach(&b);
	ck_assert_str_eq(s, "");
	free(s);
}
END_TEST

/* Makes a temp folder root/ with root/in.txt and out.txt beside root. */
static char *
make_tree(void)
{
	char tmpl[] = "/tmp/mkr-path-XXXXXX";
	char *dir = mkdtemp(tmpl);
	ck_assert_ptr_nonnull(dir);
	char cmd[512];
	snprintf(cmd, sizeof cmd,
	    "mkdir -p %s/root/sub && printf hello > %s/root/in.txt && printf secret > %s/out.txt"
	    " && ln -s ../out.txt %s/root/link.txt", dir, dir, dir, dir);
	ck_assert_int_eq(system(cmd), 0);
	return strdup(dir);
}

START_TEST(path_read_stays_inside_root)
{
	char *dir = make_tree();
	char *root = path_join(dir, "root");
	char *data;
	size_t len;
	ck_assert_int_eq(path_read(root, "in.txt", 100, &data, &len), PATH_OK);
	ck_assert_str_eq(data, "hello");
	ck_assert_uint_eq(len, 5);
	free(data);
	ck_assert_int_eq(path_read(root, "sub/../in.txt", 100, &data, &len), PATH_OK);
	free(data);
	ck_assert_int_eq(path_read(root, "../out.txt", 100, &data, &len), PATH_OUTSIDE);
	ck_assert_int_eq(path_read(root, "link.txt", 100, &data, &len), PATH_OUTSIDE);
	ck_assert_int_eq(path_read(root, "/etc/passwd", 100, &data, &len), PATH_OUTSIDE);
	ck_assert_int_eq(path_read(root, "in.txt", 4, &data, &len), PATH_TOO_BIG);
	ck_assert_int_eq(path_read(root, "missing.txt", 100, &data, &len), PATH_ERRNO);
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_int_eq(path_read(root, "sub", 100, &data, &len), PATH_ERRNO);
	ck_assert_ptr_null(data);
	char cmd[512];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(root);
	free(dir);
}
END_TEST

/* A FIFO (or other non-regular file) is refused at once, not waited on; a folder is
 * EISDIR; an unreadable file is EACCES (only checked when not running as root). */
START_TEST(path_read_fifo_and_modes)
{
	char *dir = make_tree();
	char *root = path_join(dir, "root");
	char *fifo = path_join(root, "fifo.md");
	ck_assert_int_eq(mkfifo(fifo, 0644), 0);
	char *data = (char *)1;
	size_t len;
	alarm(5); /* a blocking open would hang here: let the alarm fail the test */
	ck_assert_int_eq(path_read(root, "fifo.md", 100, &data, &len), PATH_NOT_FILE);
	ck_assert_ptr_null(data);
	ck_assert_int_eq(path_read_file(fifo, 100, &data, &len), PATH_NOT_FILE);
	ck_assert_int_eq(path_read_file("/dev/null", 100, &data, &len), PATH_NOT_FILE);
	alarm(0);
	ck_assert_int_eq(path_read(root, "sub", 100, &data, &len), PATH_ERRNO);
	ck_assert_int_eq(errno, EISDIR);
	char *in = path_join(root, "in.txt");
	ck_assert_int_eq(chmod(in, 0), 0);
	if (geteuid() != 0) {
		ck_assert_int_eq(path_read(root, "in.txt", 100, &data, &len), PATH_ERRNO);
		ck_assert_int_eq(errno, EACCES);
	}
	char cmd[512];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(in);
	free(fifo);
	free(root);
	free(dir);
}
END_TEST

/* A pool hands back an idle object at least as big as asked, keeps at most max, and
 * drains what it holds. */
static int released;

static void
count_release(void *p)
{
	released++;
	free(p);
}

START_TEST(pool_take_give_drain)
{
	util_pool p = UTIL_POOL_INIT(2);
	size_t size = 0;
	ck_assert_ptr_null(util_pool_take(&p, 0, &size));
	char *a = malloc(10), *b = malloc(100), *c = malloc(5);
	ck_assert_ptr_null(util_pool_give(&p, a, 10));
	ck_assert_ptr_null(util_pool_give(&p, b, 100));
	ck_assert_ptr_eq(util_pool_give(&p, c, 5), c); /* full: the caller keeps it */
	free(c);
	ck_assert_ptr_eq(util_pool_take(&p, 50, &size), b); /* only b is big enough */
	ck_assert_uint_eq(size, 100);
	ck_assert_ptr_null(util_pool_take(&p, 50, &size));
	ck_assert_ptr_null(util_pool_give(&p, b, 100));
	released = 0;
	util_pool_drain(&p, count_release);
	ck_assert_int_eq(released, 2);
	ck_assert_ptr_null(util_pool_take(&p, 0, NULL));
}
END_TEST

START_TEST(path_join_cases)
{
	char *p = path_join("a", "b");
	ck_assert_str_eq(p, "a/b");
	free(p);
	p = path_join("a/", "b");
	ck_assert_str_eq(p, "a/b");
	free(p);
	p = path_join(".", "b");
	ck_assert_str_eq(p, "b");
	free(p);
}
END_TEST

/* Returns the offset of the first fault utf8_text_check finds in s[0..len), or -1 if
 * none; *cp gets its code point. */
static long
fault_at(const char *s, size_t len, long *cp)
{
	utf8_fault f;
	if (utf8_text_check(s, len, &f) == 0)
		return -1;
	*cp = f.cp;
	return (long)f.off;
}

START_TEST(utf8_text_rules)
{
	long cp = 0;
	/* allowed: TAB, LF, CR before LF, NBSP, U+FDCF, U+FDF0, U+FFFD, U+10FFFD */
	const char *good = "a\tb\nc\r\nd\xc2\xa0\xef\xb7\x8f\xef\xb7\xb0\xef\xbf\xbd\xf4\x8f\xbf\xbd";
	ck_assert_int_eq(fault_at(good, strlen(good), &cp), -1);
	ck_assert_int_eq(fault_at("ab\x01", 3, &cp), 2);
	ck_assert_int_eq(cp, 1);
	ck_assert_int_eq(fault_at("a\0b", 3, &cp), 1); /* NUL is a C0 control */
	ck_assert_int_eq(cp, 0);
	ck_assert_int_eq(fault_at("x\x1fy", 3, &cp), 1);
	ck_assert_int_eq(fault_at("x\x7fy", 3, &cp), 1); /* DEL */
	ck_assert_int_eq(cp, 0x7f);
	ck_assert_int_eq(fault_at("x\xc2\x80", 3, &cp), 1); /* C1: U+0080 .. U+009F */
	ck_assert_int_eq(cp, 0x80);
	ck_assert_int_eq(fault_at("x\xc2\x9f", 3, &cp), 1);
	ck_assert_int_eq(fault_at("x\ry", 3, &cp), 1); /* CR alone */
	ck_assert_int_eq(cp, '\r');
	ck_assert_int_eq(fault_at("x\r", 2, &cp), 1); /* CR at the end */
	ck_assert_int_eq(fault_at("\xef\xb7\x90", 3, &cp), 0); /* U+FDD0 */
	ck_assert_int_eq(cp, 0xfdd0);
	ck_assert_int_eq(fault_at("\xef\xb7\xaf", 3, &cp), 0); /* U+FDEF */
	ck_assert_int_eq(fault_at("ab\xef\xbf\xbe", 5, &cp), 2); /* U+FFFE */
	ck_assert_int_eq(cp, 0xfffe);
	ck_assert_int_eq(fault_at("\xef\xbf\xbf", 3, &cp), 0); /* U+FFFF */
	ck_assert_int_eq(fault_at("\xf0\x9f\xbf\xbe", 4, &cp), 0); /* U+1FFFE */
	ck_assert_int_eq(cp, 0x1fffe);
	ck_assert_int_eq(fault_at("\xf4\x8f\xbf\xbf", 4, &cp), 0); /* U+10FFFF */
	ck_assert_int_eq(fault_at("ok\xe9", 3, &cp), 2); /* not UTF-8 */
	ck_assert_int_eq(cp, -1);
	ck_assert_int_eq(fault_at("\xed\xa0\x80", 3, &cp), 0); /* a surrogate */
}
END_TEST

START_TEST(utf8_faults_in_turn)
{
	const char *s = "\x01" "a\xef\xbf\xbe" "b\x7f";
	size_t len = strlen(s);
	utf8_fault f;
	ck_assert_int_eq(utf8_text_next(s, len, 0, &f), 1);
	ck_assert_uint_eq(f.off, 0);
	ck_assert_uint_eq(f.len, 1);
	ck_assert_int_eq(utf8_text_next(s, len, f.off + f.len, &f), 1);
	ck_assert_uint_eq(f.off, 2);
	ck_assert_uint_eq(f.len, 3);
	ck_assert_int_eq(utf8_text_next(s, len, f.off + f.len, &f), 1);
	ck_assert_uint_eq(f.off, 6);
	ck_assert_int_eq(utf8_text_next(s, len, f.off + f.len, &f), 0);
	char msg[96];
	utf8_fault m = { 0, 1, 1, 0 };
	utf8_fault_message(s, &m, msg, sizeof msg);
	ck_assert_str_eq(msg, "control character U+0001 is not allowed");
	m = (utf8_fault){ 2, 3, 0xfffe, 0 };
	utf8_fault_message(s, &m, msg, sizeof msg);
	ck_assert_str_eq(msg, "noncharacter U+FFFE is not allowed");
	m = (utf8_fault){ 0, 1, 0x10ffff, 0 };
	utf8_fault_message(s, &m, msg, sizeof msg);
	ck_assert_str_eq(msg, "noncharacter U+10FFFF is not allowed");
	m = (utf8_fault){ 0, 1, '\r', 0 };
	utf8_fault_message(s, &m, msg, sizeof msg);
	ck_assert_str_eq(msg, "carriage return (U+000D) not followed by a line feed");
	m = (utf8_fault){ 0, 1, -1, 0 };
	utf8_fault_message("\xe9", &m, msg, sizeof msg);
	ck_assert_str_eq(msg, "invalid UTF-8 (byte 0xe9)");
}
END_TEST

START_TEST(utf8_character_references)
{
	long cp = 0;
	/* allowed, or turned into U+FFFD by cmark itself, or not a reference */
	const char *good = "&#9; &#10; &#233; &#xE9; &#0; &#xD800; &#x110000; &#1 &#; &#x; "
	    "&#12345678; &amp; &#xFFFD;";
	ck_assert_int_eq(fault_at(good, strlen(good), &cp), -1);
	ck_assert_int_eq(fault_at("ab &#1; c", 9, &cp), 3);
	ck_assert_int_eq(cp, 1);
	ck_assert_int_eq(fault_at("&#13;", 5, &cp), 0); /* a CR made by a reference */
	ck_assert_int_eq(fault_at("&#x7F;", 6, &cp), 0);
	ck_assert_int_eq(fault_at("&#X9b;", 6, &cp), 0);
	ck_assert_int_eq(fault_at("&#xfffe;", 8, &cp), 0);
	ck_assert_int_eq(cp, 0xfffe);
	ck_assert_int_eq(fault_at("&#0000065534;", 13, &cp), -1); /* 8 digits: no reference */
	ck_assert_int_eq(fault_at("&#1114111;", 10, &cp), 0); /* U+10FFFF */
	utf8_fault f;
	const char *s = "x &#xFDD0; y";
	ck_assert_int_eq(utf8_text_check(s, strlen(s), &f), -1);
	ck_assert_uint_eq(f.len, 8);
	char msg[96];
	utf8_fault_message(s, &f, msg, sizeof msg);
	ck_assert_str_eq(msg, "noncharacter U+FDD0 is not allowed (the character reference "
	    "&#xFDD0;)");
	s = "&#13;";
	ck_assert_int_eq(utf8_text_check(s, strlen(s), &f), -1);
	utf8_fault_message(s, &f, msg, sizeof msg);
	ck_assert_str_eq(msg, "control character U+000D is not allowed (the character "
	    "reference &#13;)");
}
END_TEST

START_TEST(utf8_bom_and_positions)
{
	ck_assert_uint_eq(utf8_bom("\xef\xbb\xbfx", 4), 3);
	ck_assert_uint_eq(utf8_bom("\xef\xbb\xbf", 3), 3);
	ck_assert_uint_eq(utf8_bom("\xef\xbb", 2), 0);
	ck_assert_uint_eq(utf8_bom("x\xef\xbb\xbf", 4), 0);
	const char *s = "ab\xc3\xa9\ncd\ne";
	int line = 1, col = 1;
	utf8_pos_advance(s, 0, 4, &line, &col); /* past "abé": column 4 */
	ck_assert_int_eq(line, 1);
	ck_assert_int_eq(col, 4);
	utf8_pos_advance(s, 4, 7, &line, &col); /* past "\ncd" */
	ck_assert_int_eq(line, 2);
	ck_assert_int_eq(col, 3);
	utf8_pos_advance(s, 7, 9, &line, &col);
	ck_assert_int_eq(line, 3);
	ck_assert_int_eq(col, 2);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("util");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, diag_formats_positions);
	tcase_add_test(tc, diag_prints_in_order_with_colour);
	tcase_add_test(tc, buf_grows_and_detaches);
	tcase_add_test(tc, pool_take_give_drain);
	tcase_add_test(tc, path_read_stays_inside_root);
	tcase_add_test(tc, path_read_fifo_and_modes);
	tcase_add_test(tc, path_join_cases);
	tcase_add_test(tc, utf8_text_rules);
	tcase_add_test(tc, utf8_faults_in_turn);
	tcase_add_test(tc, utf8_character_references);
	tcase_add_test(tc, utf8_bom_and_positions);
	suite_add_tcase(s, tc);
	return check_run(s);
}
