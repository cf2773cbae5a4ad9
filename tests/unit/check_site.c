/* check_site: the output set and committing it (only changed files, stale removal). */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "site/site.h"
#include "util/buf.h"
#include "util/path.h"
#include "check_main.h"

static char tmpdir[64];

static void
setup(void)
{
	strcpy(tmpdir, "/tmp/check_site_XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void
teardown(void)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "chmod -R u+rwx %s; rm -rf %s", tmpdir, tmpdir);
	ck_assert_int_eq(system(cmd), 0);
}

/* Returns tmpdir/rel in a static buffer. */
static const char *
at(const char *rel)
{
	static char p[512];
	snprintf(p, sizeof p, "%s/%s", tmpdir, rel);
	return p;
}

/* Returns the contents of tmpdir/rel (static buffer), or NULL if missing. */
static const char *
slurp(const char *rel)
{
	static char text[4096];
	char *data;
	size_t len;
	if (path_read_file(at(rel), sizeof text - 1, &data, &len) != PATH_OK)
		return NULL;
	memcpy(text, data, len);
	text[len] = '\0';
	free(data);
	return text;
}

static void
put(site_out *o, const char *rel, const char *text)
{
	site_out_add(o, rel, text, strlen(text));
}

/* The three-file site most tests start from. */
static site_out *
sample(void)
{
	site_out *o = site_out_new();
	put(o, "index.html", "<p>home</p>\n");
	put(o, "charts/a.svg", "<svg/>\n");
	put(o, "style.css", "body{}\n");
	return o;
}

static int
commit(const site_out *o, const char *dir, site_stats *st, diag *d)
{
	return site_commit(o, dir, d, st);
}

START_TEST(test_sorted_and_replace)
{
	site_out *o = sample();
	put(o, "b.txt", "one");
	put(o, "b.txt", "two");
	ck_assert_uint_eq(site_out_count(o), 4);
	ck_assert_str_eq(site_out_path(o, 0), "b.txt");
	ck_assert_str_eq(site_out_path(o, 1), "charts/a.svg");
	ck_assert_str_eq(site_out_path(o, 2), "index.html");
	ck_assert_str_eq(site_out_path(o, 3), "style.css");
	ck_assert_ptr_null(site_out_path(o, 4));
	size_t n = 0;
	const char *b = site_out_get(o, "b.txt", &n);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(memcmp(b, "two", 3), 0);
	ck_assert_ptr_null(site_out_get(o, "c.txt", &n));
	site_out_free(o);
	site_out_free(NULL);
}
END_TEST

START_TEST(test_first_commit_writes)
{
	diag *d = diag_new();
	site_out *o = sample();
	site_stats st;
	ck_assert_int_eq(commit(o, at("out/site"), &st, d), 0);
	ck_assert_int_eq(diag_count(d), 0);
	ck_assert_uint_eq(st.written, 3);
	ck_assert_uint_eq(st.unchanged, 0);
	ck_assert_uint_eq(st.removed, 0);
	ck_assert_str_eq(slurp("out/site/index.html"), "<p>home</p>\n");
	ck_assert_str_eq(slurp("out/site/charts/a.svg"), "<svg/>\n");
	ck_assert_str_eq(slurp("out/site/.mkreport-manifest"),
	    "charts/a.svg\nindex.html\nstyle.css\n");
	site_out_free(o);
	diag_free(d);
}
END_TEST

START_TEST(test_second_commit_writes_nothing)
{
	diag *d = diag_new();
	site_out *o = sample();
	site_stats st;
	ck_assert_int_eq(commit(o, tmpdir, &st, d), 0);
	struct stat before, mbefore, after, mafter;
	ck_assert_int_eq(stat(at("index.html"), &before), 0);
	ck_assert_int_eq(stat(at(".mkreport-manifest"), &mbefore), 0);
	sleep(1);
	ck_assert_int_eq(commit(o, tmpdir, &st, d), 0);
	ck_assert_uint_eq(st.written, 0);
	ck_assert_uint_eq(st.unchanged, 3);
	ck_assert_uint_eq(st.removed, 0);
	ck_assert_int_eq(stat(at("index.html"), &after), 0);
	ck_assert_int_eq(stat(at(".mkreport-manifest"), &mafter), 0);
	ck_assert_uint_eq(before.st_ino, after.st_ino);
	ck_assert_int_eq(before.st_mtime, after.st_mtime);
	ck_assert_uint_eq(mbefore.st_ino, mafter.st_ino);
	ck_assert_int_eq(diag_count(d), 0);
	site_out_free(o);
	diag_free(d);
}
END_TEST

START_TEST(test_changed_file_replaced)
{
	diag *d = diag_new();
	site_out *o = sample();
	site_stats st;
	ck_assert_int_eq(commit(o, tmpdir, &st, d), 0);
	struct stat other_before, other_after;
	ck_assert_int_eq(stat(at("style.css"), &other_before), 0);
	put(o, "index.html", "<p>home, longer</p>\n");
	ck_assert_int_eq(commit(o, tmpdir, &st, d), 0);
	ck_assert_uint_eq(st.written, 1);
	ck_assert_uint_eq(st.unchanged, 2);
	ck_assert_str_eq(slurp("index.html"), "<p>home, longer</p>\n");
	ck_assert_int_eq(stat(at("style.css"), &other_after), 0);
	ck_assert_uint_eq(other_before.st_ino, other_after.st_ino);
	/* Same length, different bytes: still replaced. */
	put(o, "index.html", "<p>HOME, longer</p>\n");
	ck_assert_int_eq(commit(o, tmpdir, &st, d), 0);
	ck_assert_uint_eq(st.written, 1);
	ck_assert_str_eq(slurp("index.html"), "<p>HOME, longer</p>\n");
	/* No temporary file is left behind: only the site's files and the manifest. */
	char cmd[160];
	snprintf(cmd, sizeof cmd, "test $(ls -A %s | grep -c mkreport-tmp) = 0", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
	site_out_free(o);
	diag_free(d);
}
END_TEST

START_TEST(test_dropped_file_removed_with_folder)
{
	diag *d = diag_new();
	site_out *o = sample();
	put(o, "charts/deep/b.csv", "x\n");
	site_stats st;
	ck_assert_int_eq(commit(o, tmpdir, &st, d), 0);
	ck_assert_uint_eq(st.written, 4);
	site_out_free(o);
	o = site_out_new();
	put(o, "index.html", "<p>home</p>\n");
	put(o, "style.css", "body{}\n");
	ck_assert_int_eq(commit(o, tmpdir, &st, d), 0);
	ck_assert_uint_eq(st.written, 0);
	ck_assert_uint_eq(st.unchanged, 2);
	ck_assert_uint_eq(st.removed, 2);
	ck_assert_ptr_null(slurp("charts/a.svg"));
	ck_assert_int_eq(access(at("charts"), F_OK), -1);
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_str_eq(slurp(".mkreport-manifest"), "index.html\nstyle.css\n");
	site_out_free(o);
	diag_free(d);
}
END_TEST

START_TEST(test_user_files_left_alone)
{
	diag *d = diag_new();
	site_out *o = sample();
	site_stats st;
	ck_assert_int_eq(commit(o, tmpdir, &st, d), 0);
	FILE *f = fopen(at("charts/mine.txt"), "w");
	ck_assert_ptr_nonnull(f);
	fputs("mine\n", f);
	fclose(f);
	f = fopen(at("CNAME"), "w");
	ck_assert_ptr_nonnull(f);
	fclose(f);
	site_out_free(o);
	o = site_out_new();
	put(o, "index.html", "<p>home</p>\n");
	ck_assert_int_eq(commit(o, tmpdir, &st, d), 0);
	ck_assert_uint_eq(st.removed, 2);
	ck_assert_ptr_null(slurp("charts/a.svg"));
	ck_assert_str_eq(slurp("charts/mine.txt"), "mine\n");
	ck_assert_int_eq(access(at("CNAME"), F_OK), 0);
	site_out_free(o);
	diag_free(d);
}
END_TEST

START_TEST(test_manifest_cannot_escape)
{
	diag *d = diag_new();
	FILE *f = fopen(at("victim"), "w");
	ck_assert_ptr_nonnull(f);
	fclose(f);
	ck_assert_int_eq(mkdir(at("site"), 0777), 0);
	ck_assert_int_eq(symlink("..", at("site/link")), 0); /* site/link/victim is victim */
	f = fopen(at("site/.mkreport-manifest"), "w");
	ck_assert_ptr_nonnull(f);
	fprintf(f, "../victim\n%s\n/%s\n\nx//y\nlink/victim\n", at("victim"), at("victim"));
	fclose(f);
	site_out *o = sample();
	site_stats st;
	ck_assert_int_eq(commit(o, at("site"), &st, d), 0);
	ck_assert_uint_eq(st.removed, 0);
	ck_assert_int_eq(access(at("victim"), F_OK), 0);
	site_out_free(o);
	diag_free(d);
}
END_TEST

START_TEST(test_bad_relpath_refused)
{
	static const char *bad[] = { "../x", "/abs", "a//b", "a/", "", "a/./b", "a/../b" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		diag *d = diag_new();
		site_out *o = sample();
		put(o, bad[i], "x");
		ck_assert_uint_eq(site_out_count(o), 3);
		site_stats st;
		ck_assert_int_eq(commit(o, at("out"), &st, d), -1);
		ck_assert_int_eq(diag_errors(d), 1);
		ck_assert_int_eq(access(at("out"), F_OK), -1);
		site_out_free(o);
		diag_free(d);
	}
}
END_TEST

START_TEST(test_unwritable_dir)
{
	diag *d = diag_new();
	site_out *o = sample();
	const char *dir;
	if (geteuid() == 0) {
		/* root ignores modes: a folder below a regular file cannot exist either. */
		FILE *f = fopen(at("plain"), "w");
		ck_assert_ptr_nonnull(f);
		fclose(f);
		dir = at("plain/site");
	} else {
		ck_assert_int_eq(mkdir(at("ro"), 0500), 0);
		dir = at("ro");
	}
	char *shown = util_xstrdup(dir);
	site_stats st;
	ck_assert_int_eq(commit(o, shown, &st, d), -1);
	ck_assert_int_ge(diag_errors(d), 1);
	const char *msg = diag_text(d, 0);
	ck_assert_ptr_nonnull(strstr(msg, shown));
	ck_assert_ptr_nonnull(strstr(msg, geteuid() == 0 ? strerror(ENOTDIR) : strerror(EACCES)));
	ck_assert_uint_eq(st.written, 0);
	free(shown);
	site_out_free(o);
	diag_free(d);
}
END_TEST

START_TEST(test_file_becomes_folder)
{
	diag *d = diag_new();
	site_out *o = site_out_new();
	put(o, "charts", "was a file\n");
	site_stats st;
	ck_assert_int_eq(commit(o, tmpdir, &st, d), 0);
	site_out_free(o);
	o = sample();
	ck_assert_int_eq(commit(o, tmpdir, &st, d), 0);
	ck_assert_uint_eq(st.removed, 1);
	ck_assert_str_eq(slurp("charts/a.svg"), "<svg/>\n");
	ck_assert_int_eq(diag_count(d), 0);
	site_out_free(o);
	diag_free(d);
}
END_TEST

/* A commit that cannot write one file changes nothing: files before it in order are
 * not replaced, stale files are not removed, no temporary file is left. */
START_TEST(test_failed_commit_changes_nothing)
{
	diag *d = diag_new();
	site_out *o = sample();
	put(o, "old.html", "old\n");
	site_stats st;
	ck_assert_int_eq(commit(o, tmpdir, &st, d), 0);
	site_out_free(o);
	ck_assert_int_eq(mkdir(at("zz.html"), 0777), 0); /* a user's folder in the way */
	FILE *f = fopen(at("zz.html/mine.txt"), "w");
	ck_assert_ptr_nonnull(f);
	fclose(f);
	o = site_out_new();
	put(o, "index.html", "<p>new home</p>\n");
	put(o, "charts/b.svg", "<svg id='b'/>\n");
	put(o, "zz.html", "<p>z</p>\n");
	ck_assert_int_eq(commit(o, tmpdir, &st, d), -1);
	ck_assert_int_eq(diag_errors(d), 1);
	ck_assert_ptr_nonnull(strstr(diag_text(d, 0), strerror(EISDIR)));
	ck_assert_uint_eq(st.written, 0);
	ck_assert_uint_eq(st.removed, 0);
	ck_assert_str_eq(slurp("index.html"), "<p>home</p>\n");
	ck_assert_str_eq(slurp("old.html"), "old\n");
	ck_assert_str_eq(slurp("charts/a.svg"), "<svg/>\n");
	ck_assert_ptr_null(slurp("charts/b.svg"));
	ck_assert_int_eq(system("test -z \"$(find /tmp/check_site_* -name '.mkreport-tmp-*')\""), 0);
	site_out_free(o);
	diag_free(d);
}
END_TEST

/* A folder the last build made becomes a file, and a file becomes a folder. */
START_TEST(test_folder_becomes_file)
{
	diag *d = diag_new();
	site_out *o = sample();
	site_stats st;
	ck_assert_int_eq(commit(o, tmpdir, &st, d), 0);
	site_out_free(o);
	o = site_out_new();
	put(o, "charts", "now a file\n");
	put(o, "index.html/x", "index is a folder\n");
	ck_assert_int_eq(commit(o, tmpdir, &st, d), 0);
	ck_assert_int_eq(diag_count(d), 0);
	ck_assert_uint_eq(st.written, 2);
	ck_assert_uint_eq(st.removed, 3);
	ck_assert_str_eq(slurp("charts"), "now a file\n");
	ck_assert_str_eq(slurp("index.html/x"), "index is a folder\n");
	site_out_free(o);
	diag_free(d);
}
END_TEST

static Suite *
site_suite(void)
{
	Suite *s = suite_create("site");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_sorted_and_replace);
	tcase_add_test(tc, test_first_commit_writes);
	tcase_add_test(tc, test_second_commit_writes_nothing);
	tcase_add_test(tc, test_changed_file_replaced);
	tcase_add_test(tc, test_dropped_file_removed_with_folder);
	tcase_add_test(tc, test_user_files_left_alone);
	tcase_add_test(tc, test_manifest_cannot_escape);
	tcase_add_test(tc, test_bad_relpath_refused);
	tcase_add_test(tc, test_unwritable_dir);
	tcase_add_test(tc, test_file_becomes_folder);
	tcase_add_test(tc, test_failed_commit_changes_nothing);
	tcase_add_test(tc, test_folder_becomes_file);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(site_suite());
}
