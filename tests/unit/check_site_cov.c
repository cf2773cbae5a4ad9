/* check_site_cov: the site writer where the other suites do not go: an empty site, no
 * stats wanted, an old manifest that is a folder or lacks its last newline, leftovers
 * that are files, old files of the same size or not regular, symlinks kept, and the
 * output folder named in every way site_dest_open resolves (relative, "..", trailing
 * slashes, under a file, a dangling symlink, "/", the current folder, a held lock). */
#include <check.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "site/site.h"
#include "util/path.h"
#include "check_main.h"
#include "tmp_root.h"

static char site[96];

static void
setup(void)
{
	root_make("check_site_cov");
	snprintf(site, sizeof site, "%s/site", root);
}

static void
teardown(void)
{
	root_remove();
}

/* Returns root/rel's bytes ("(missing)" if it cannot be read). */
static const char *
slurp(const char *rel)
{
	return slurp_or(rel, "(missing)");
}



/* Returns 1 if root/rel exists (not following a symlink). */
static int
exists(const char *rel)
{
	char *p = path_join(root, rel);
	struct stat st;
	int rc = lstat(p, &st) == 0;
	free(p);
	return rc;
}

/* Commits the n files paths[i] = texts[i] into dir; returns site_commit's result. */
static int
commit(const char *dir, const char *const *paths, const char *const *texts, size_t n,
    site_stats *st, diag *d)
{
	site_dest *s = site_dest_open(dir, NULL, NULL, d);
	if (s == NULL)
		return -2;
	site_out *o = site_out_new();
	for (size_t i = 0; i < n; i++)
		site_out_add(o, paths[i], texts[i], strlen(texts[i]));
	int rc = site_commit(o, s, d, st);
	site_out_free(o);
	site_dest_free(s);
	return rc;
}

/* An empty site is a folder holding an empty manifest; no stats asked is fine. */
START_TEST(empty_site)
{
	diag *d = diag_new();
	ck_assert_int_eq(commit(site, NULL, NULL, 0, NULL, d), 0);
	ck_assert_str_eq(slurp("site/.mkreport-manifest"), "");
	ck_assert_int_eq(commit(site, NULL, NULL, 0, NULL, d), 0);
	ck_assert_int_eq(diag_count(d), 0);
	diag_free(d);
}
END_TEST

/* An old manifest that is a folder is not read, and cannot be kept beside the new
 * one: an error naming it, and the old site as it was. */
START_TEST(manifest_folder)
{
	diag *d = diag_new();
	const char *p[] = { "a.txt" }, *t[] = { "A" };
	ck_assert_int_eq(commit(site, p, t, 1, NULL, d), 0);
	char m[128];
	snprintf(m, sizeof m, "%s/.mkreport-manifest", site);
	ck_assert_int_eq(unlink(m), 0);
	ck_assert_int_eq(mkdir(m, 0755), 0);
	put_file("site/.mkreport-manifest/x", "user's");
	ck_assert_int_eq(commit(site, p, t, 1, NULL, d), -1);
	ck_assert_int_eq(diag_count(d), 1);
	char want[256];
	snprintf(want, sizeof want, "%s: error: cannot keep folder: Not a directory", m);
	ck_assert_str_eq(diag_text(d, 0), want);
	ck_assert_str_eq(slurp("site/.mkreport-manifest/x"), "user's");
	ck_assert_str_eq(slurp("site/a.txt"), "A");
	diag_free(d);
}
END_TEST

/* A manifest whose last line has no newline still names that file; lines that are not
 * clean paths are ignored (../evil stays where it is). */
START_TEST(manifest_last_line)
{
	diag *d = diag_new();
	const char *p[] = { "a.txt", "b.txt" }, *t[] = { "A", "B" };
	ck_assert_int_eq(commit(site, p, t, 2, NULL, d), 0);
	put_file("evil", "outside");
	put_file("site/.mkreport-manifest", "a.txt\n../evil\n\nb.txt");
	site_stats st;
	ck_assert_int_eq(commit(site, p, t, 1, &st, d), 0);
	ck_assert_uint_eq(st.removed, 1);
	ck_assert_uint_eq(st.unchanged, 1);
	ck_assert_int_eq(exists("site/b.txt"), 0);
	ck_assert_str_eq(slurp("evil"), "outside");
	ck_assert_str_eq(slurp("site/.mkreport-manifest"), "a.txt\n");
	ck_assert_int_eq(diag_count(d), 0);
	diag_free(d);
}
END_TEST

/* A leftover's name on a file (not a folder) is not swept; a leftover folder is. */
START_TEST(leftover_file)
{
	diag *d = diag_new();
	put_file(".site.mkreport-new-abcdef", "not ours");
	char dir[128];
	snprintf(dir, sizeof dir, "%s/.site.mkreport-old-abcdef", root);
	ck_assert_int_eq(mkdir(dir, 0755), 0);
	const char *p[] = { "a.txt" }, *t[] = { "A" };
	ck_assert_int_eq(commit(site, p, t, 1, NULL, d), 0);
	ck_assert_str_eq(slurp(".site.mkreport-new-abcdef"), "not ours");
	ck_assert_int_eq(exists(".site.mkreport-old-abcdef"), 0);
	diag_free(d);
}
END_TEST

/* Old files with the right size but other bytes, a symlink to the right bytes, and a
 * FIFO where an empty file goes are all written anew; a user's symlink is kept. */
START_TEST(old_files_not_same)
{
	diag *d = diag_new();
	const char *p[] = { "a.txt", "b.txt", "c.txt", "e" }, *t[] = { "abc", "B", "C", "" };
	ck_assert_int_eq(commit(site, p, t, 4, NULL, d), 0);
	put_file("site/a.txt", "xyz");
	put_file("other", "B");
	char *b = path_join(root, "site/b.txt"), *e = path_join(root, "site/e"),
	    *l = path_join(root, "site/mine");
	ck_assert_int_eq(unlink(b), 0);
	ck_assert_int_eq(symlink("../other", b), 0);
	ck_assert_int_eq(unlink(e), 0);
	ck_assert_int_eq(mkfifo(e, 0644), 0);
	ck_assert_int_eq(symlink("a.txt", l), 0);
	site_stats st;
	ck_assert_int_eq(commit(site, p, t, 4, &st, d), 0);
	ck_assert_uint_eq(st.written, 3);
	ck_assert_uint_eq(st.unchanged, 1); /* c.txt */
	ck_assert_str_eq(slurp("site/a.txt"), "abc");
	ck_assert_str_eq(slurp("site/b.txt"), "B");
	struct stat sb;
	ck_assert_int_eq(lstat(b, &sb), 0);
	ck_assert(S_ISREG(sb.st_mode));
	ck_assert_int_eq(lstat(e, &sb), 0);
	ck_assert(S_ISREG(sb.st_mode));
	char target[64];
	ssize_t k = readlink(l, target, sizeof target - 1);
	ck_assert_int_eq(k, 5);
	target[k] = '\0';
	ck_assert_str_eq(target, "a.txt");
	free(b);
	free(e);
	free(l);
	diag_free(d);
}
END_TEST

/* Streaming started twice is started once; files added after go in at once. */
START_TEST(stream_twice)
{
	diag *d = diag_new();
	site_dest *s = site_dest_open(site, NULL, NULL, d);
	ck_assert_ptr_nonnull(s);
	site_out *o = site_out_new();
	site_out_add(o, "a.txt", "A", 1);
	ck_assert_int_eq(site_out_stream(o, s, d), 0);
	ck_assert_int_eq(site_out_stream(o, s, d), 0);
	site_out_add(o, "b/c.txt", "C", 1);
	ck_assert_int_eq(site_commit(o, s, d, NULL), 0);
	site_out_free(o);
	site_dest_free(s);
	ck_assert_str_eq(slurp("site/b/c.txt"), "C");
	ck_assert_str_eq(slurp("site/.mkreport-manifest"), "a.txt\nb/c.txt\n");
	diag_free(d);
}
END_TEST

/* Opens dir as the output folder; returns 0 if it opened, else the error text without
 * its path (a static copy), or "" if nothing was recorded. */
static const char *
open_error(const char *dir)
{
	static char out[256];
	diag *d = diag_new();
	site_dest *s = site_dest_open(dir, NULL, NULL, d);
	out[0] = '\0';
	if (s == NULL && diag_count(d) > 0) {
		const char *t = strstr(diag_text(d, 0), "error: ");
		snprintf(out, sizeof out, "%s", t ? t + 7 : diag_text(d, 0));
	} else if (s != NULL) {
		strcpy(out, "opened");
	}
	site_dest_free(s);
	diag_free(d);
	return out;
}

START_TEST(dest_names)
{
	char dir[256];
	put_file("file", "x");
	snprintf(dir, sizeof dir, "%s/file", root);
	ck_assert_str_eq(open_error(dir), "cannot create the output folder: Not a directory");
	snprintf(dir, sizeof dir, "%s/file/sub/site", root);
	ck_assert_str_eq(open_error(dir), "cannot create the output folder: Not a directory");
	snprintf(dir, sizeof dir, "%s/file/site", root);
	ck_assert_str_eq(open_error(dir), "cannot create the output folder: Not a directory");
	snprintf(dir, sizeof dir, "%s/dangling", root);
	ck_assert_int_eq(symlink("nowhere/at/all", dir), 0);
	ck_assert_str_eq(open_error(dir), "cannot create the output folder: No such file or "
	    "directory");
	ck_assert_str_eq(open_error("/"), "cannot replace the root folder: Device or resource busy");
	ck_assert_str_eq(open_error("/."), "cannot replace the root folder: Device or resource busy");
	ck_assert_str_eq(open_error(""), "cannot replace the folder the build runs in (it is "
	    "swapped for a new one): Device or resource busy");
	snprintf(dir, sizeof dir, "%s/a/b/c///", root); /* parents made, slashes dropped */
	ck_assert_str_eq(open_error(dir), "opened");
	ck_assert_int_eq(exists("a/b"), 1);
	ck_assert_int_eq(exists(".c.mkreport-lock") + exists("a/b/.c.mkreport-lock"), 1);
	snprintf(dir, sizeof dir, "%s/d/new/..", root); /* resolves to root/d */
	ck_assert_str_eq(open_error(dir), "opened");
	ck_assert_int_eq(exists("d/new"), 1);
	ck_assert_int_eq(exists(".d.mkreport-lock"), 1);
	snprintf(dir, sizeof dir, "%s/dl", root); /* parents under a dangling symlink */
	ck_assert_int_eq(symlink("gone", dir), 0);
	snprintf(dir, sizeof dir, "%s/dl/x", root);
	ck_assert_str_eq(open_error(dir), "cannot create the output folder: Not a directory");
	snprintf(dir, sizeof dir, "%s/dl/a/x", root);
	ck_assert_str_eq(open_error(dir), "cannot create the output folder: No such file or "
	    "directory");
	snprintf(dir, sizeof dir, "%s/dl/a/b/x", root);
	ck_assert_str_eq(open_error(dir), "cannot create the output folder: No such file or "
	    "directory");
	snprintf(dir, sizeof dir, "%s/.locked.mkreport-lock", root); /* the lock a folder */
	ck_assert_int_eq(mkdir(dir, 0755), 0);
	snprintf(dir, sizeof dir, "%s/locked", root);
	ck_assert_str_eq(open_error(dir), "cannot lock the output folder: Is a directory");
	snprintf(dir, sizeof dir, "%s/in", root); /* a folder holding the current one */
	ck_assert_int_eq(mkdir(dir, 0755), 0);
	ck_assert_int_eq(chdir(dir), 0);
	ck_assert_str_eq(open_error(root), "cannot replace the folder the build runs in (it is "
	    "swapped for a new one): Device or resource busy");
	snprintf(dir, sizeof dir, "%s/i", root); /* a prefix of its name only */
	ck_assert_str_eq(open_error(dir), "opened");
	ck_assert_str_eq(open_error(NULL), "cannot replace the folder the build runs in (it is "
	    "swapped for a new one): Device or resource busy");
	ck_assert_int_eq(chdir(root), 0);
	ck_assert_str_eq(open_error("rel"), "opened");
	ck_assert_int_eq(exists(".rel.mkreport-lock"), 1);
}
END_TEST

/* A second open of a locked folder says so on note and, told to stop, gives up
 * without an error. */
START_TEST(dest_locked)
{
	diag *d = diag_new();
	site_dest *s = site_dest_open(site, NULL, NULL, d);
	ck_assert_ptr_nonnull(s);
	FILE *note = tmpfile();
	ck_assert_ptr_nonnull(note);
	volatile sig_atomic_t stop = 1;
	ck_assert_ptr_null(site_dest_open(site, &stop, note, d));
	ck_assert_int_eq(diag_count(d), 0);
	rewind(note);
	char line[512] = "";
	ck_assert_ptr_nonnull(fgets(line, sizeof line, note));
	char want[512];
	snprintf(want, sizeof want, "mkreport: %s: another build is writing this folder; "
	    "waiting\n", site);
	ck_assert_str_eq(line, want);
	fclose(note);
	ck_assert_ptr_null(site_dest_open(site, &stop, NULL, d));
	ck_assert_int_eq(diag_count(d), 0);
	site_dest_free(s);
	diag_free(d);
}
END_TEST

/* Returns the first diagnostic of d without its "path: error: " (a static copy). */
static const char *
first_error(const diag *d)
{
	static char out[256];
	const char *t = diag_count(d) > 0 ? strstr(diag_text(d, 0), "error: ") : NULL;
	snprintf(out, sizeof out, "%s", t ? t + 7 : "(none)");
	return out;
}

/* The output folder turned into a file or a symlink after it was opened, its parent
 * renamed away, a file put in its place during streaming: each an error, and nothing
 * left behind but what was there. */
START_TEST(dest_changed_under)
{
	const char *p[] = { "a.txt" }, *t[] = { "A" };
	diag *d = diag_new();
	site_dest *s = site_dest_open(site, NULL, NULL, d);
	ck_assert_ptr_nonnull(s);
	put_file("site", "a file now");
	site_out *o = site_out_new();
	site_out_add(o, p[0], t[0], 1);
	ck_assert_int_eq(site_commit(o, s, d, NULL), -1);
	ck_assert_str_eq(first_error(d), "cannot open the output folder: Not a directory");
	ck_assert_str_eq(slurp("site"), "a file now");
	char *link = path_join(root, "site");
	ck_assert_int_eq(unlink(link), 0);
	ck_assert_int_eq(symlink("/tmp", link), 0);
	diag_free(d);
	d = diag_new();
	ck_assert_int_eq(site_commit(o, s, d, NULL), -1);
	ck_assert_str_eq(first_error(d), "cannot open the output folder: Not a directory");
	ck_assert_int_eq(unlink(link), 0);
	free(link);
	/* streaming into a folder not there yet, then a file takes its name */
	diag_free(d);
	d = diag_new();
	ck_assert_int_eq(site_out_stream(o, s, d), 0);
	put_file("site", "in the way");
	ck_assert_int_eq(site_commit(o, s, d, NULL), -1);
	ck_assert_str_eq(first_error(d), "cannot put the new site in place: Not a directory");
	ck_assert_str_eq(slurp("site"), "in the way");
	site_out_free(o);
	site_dest_free(s);
	diag_free(d);
	/* the parent renamed away after the open */
	char dir[128], moved[128];
	snprintf(dir, sizeof dir, "%s/p/site", root);
	d = diag_new();
	s = site_dest_open(dir, NULL, NULL, d);
	ck_assert_ptr_nonnull(s);
	snprintf(dir, sizeof dir, "%s/p", root);
	snprintf(moved, sizeof moved, "%s/q", root);
	ck_assert_int_eq(rename(dir, moved), 0);
	o = site_out_new();
	site_out_add(o, p[0], t[0], 1);
	ck_assert_int_eq(site_commit(o, s, d, NULL), -1);
	ck_assert_str_eq(first_error(d), "cannot create the new site's folder beside it: No "
	    "such file or directory");
	site_out_free(o);
	site_dest_free(s);
	diag_free(d);
}
END_TEST

/* An empty folder of the user's where the build now puts a file is an error (it
 * would be lost); a file of the user's where the build now makes a folder gives way. */
START_TEST(user_entries_in_the_way)
{
	diag *d = diag_new();
	const char *p[] = { "a.txt" }, *t[] = { "A" };
	ck_assert_int_eq(commit(site, p, t, 1, NULL, d), 0);
	char dir[128];
	snprintf(dir, sizeof dir, "%s/x.txt", site);
	ck_assert_int_eq(mkdir(dir, 0755), 0);
	const char *p2[] = { "a.txt", "x.txt" }, *t2[] = { "A", "X" };
	ck_assert_int_eq(commit(site, p2, t2, 2, NULL, d), -1);
	ck_assert_str_eq(first_error(d), "cannot write: Is a directory");
	ck_assert_int_eq(exists("site/x.txt"), 1);
	ck_assert_int_eq(rmdir(dir), 0);
	diag_free(d);
	d = diag_new();
	put_file("site/sub", "the user's");
	const char *p3[] = { "a.txt", "sub/b.txt" }, *t3[] = { "A", "B" };
	ck_assert_int_eq(commit(site, p3, t3, 2, NULL, d), 0);
	ck_assert_str_eq(slurp("site/sub/b.txt"), "B");
	ck_assert_int_eq(diag_count(d), 0);
	diag_free(d);
}
END_TEST

static Suite *
site_cov_suite(void)
{
	Suite *s = suite_create("site_cov");
	TCase *tc = tcase_create("commit");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, empty_site);
	tcase_add_test(tc, manifest_folder);
	tcase_add_test(tc, manifest_last_line);
	tcase_add_test(tc, leftover_file);
	tcase_add_test(tc, old_files_not_same);
	tcase_add_test(tc, stream_twice);
	tcase_add_test(tc, dest_names);
	tcase_add_test(tc, dest_locked);
	tcase_add_test(tc, dest_changed_under);
	tcase_add_test(tc, user_entries_in_the_way);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(site_cov_suite());
}
