/* check_site_errors: the site writer's errors where a name cannot be made (too long),
 * and an old manifest naming paths outside the site: the error names the file, and the
 * old site and its folder are left as they were. */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "site/site.h"
#include "util/path.h"
#include "check_main.h"
#include "tmp_root.h"


static void
setup(void)
{
	root_make("check_site_errors");
}

static void
teardown(void)
{
	root_remove();
}

/* Returns root/rel's bytes ("" if missing). */
static const char *
slurp(const char *rel)
{
	return slurp_or(rel, "");
}



/* Returns the names in root, sorted and joined by spaces (a static buffer). */
static const char *
listing(void)
{
	static char out[1024];
	struct dirent **v;
	int n = scandir(root, &v, NULL, alphasort);
	ck_assert_int_ge(n, 0);
	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (strcmp(v[i]->d_name, ".") != 0 && strcmp(v[i]->d_name, "..") != 0) {
			strcat(out, v[i]->d_name);
			strcat(out, " ");
		}
		free(v[i]);
	}
	free(v);
	return out;
}

/* Commits o into root/site. Returns site_commit's result; errors into d. */
static int
commit_to_site(site_out *o, diag *d, site_stats *st)
{
	char *dir = path_join(root, "site");
	site_dest *s = site_dest_open(dir, NULL, NULL, d);
	free(dir);
	ck_assert_ptr_nonnull(s);
	int rc = site_commit(o, s, d, st);
	site_dest_free(s);
	return rc;
}

/* Builds the old site: index.html only. */
static void
old_site(void)
{
	diag *d = diag_new();
	site_out *o = site_out_new();
	site_out_add(o, "index.html", "old\n", 4);
	site_stats st;
	ck_assert_int_eq(commit_to_site(o, d, &st), 0);
	site_out_free(o);
	diag_free(d);
}

/* A name longer than a file system allows, as a folder and as a file: the commit
 * fails with the path and the system's reason, and the old site stays whole. */
START_TEST(name_too_long)
{
	char rel[600];
	memset(rel, 'a', 300);
	strcpy(rel + 300, _i == 0 ? "/x.html" : ".html");
	old_site();
	diag *d = diag_new();
	site_out *o = site_out_new();
	site_out_add(o, "index.html", "new\n", 4);
	site_out_add(o, rel, "x", 1);
	site_stats st;
	ck_assert_int_ne(commit_to_site(o, d, &st), 0);
	ck_assert_int_eq(diag_count(d), 1);
	const char *t = diag_text(d, 0);
	ck_assert_msg(strstr(t, _i == 0 ? ": error: cannot create folder: " :
	    ": error: cannot write: ") != NULL, "%s", t);
	ck_assert_msg(strstr(t, strerror(ENAMETOOLONG)) != NULL, "%s", t);
	ck_assert_ptr_nonnull(strstr(t, "/site/aaaa"));
	ck_assert_str_eq(slurp("site/index.html"), "old\n");
	ck_assert_str_eq(listing(), ".site.mkreport-lock site ");
	site_out_free(o);
	diag_free(d);
}
END_TEST

/* An old manifest listing paths outside the site (.., /, empty lines): they are not
 * removed; the build's own old files are. */
START_TEST(manifest_outside_ignored)
{
	old_site();
	put_file("keep.txt", "mine\n");
	put_file("site/.mkreport-manifest", "../keep.txt\n/etc/hostname\n\n./x\nindex.html\n");
	diag *d = diag_new();
	site_out *o = site_out_new();
	site_out_add(o, "other.html", "o\n", 2);
	site_stats st;
	ck_assert_int_eq(commit_to_site(o, d, &st), 0);
	ck_assert_int_eq(diag_count(d), 0);
	ck_assert_uint_eq(st.removed, 1); /* index.html */
	ck_assert_str_eq(slurp("keep.txt"), "mine\n");
	ck_assert_str_eq(slurp("site/index.html"), "");
	ck_assert_str_eq(slurp("site/.mkreport-manifest"), "other.html\n");
	ck_assert_str_eq(listing(), ".site.mkreport-lock keep.txt site ");
	site_out_free(o);
	diag_free(d);
}
END_TEST

static Suite *
site_errors_suite(void)
{
	Suite *s = suite_create("site_errors");
	TCase *tc = tcase_create("errors");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, name_too_long, 0, 2);
	tcase_add_test(tc, manifest_outside_ignored);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(site_errors_suite());
}
