/* check_site: the output set and committing it (swap, sweep, lock, no symlinks). */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "site/site.h"
#include "util/buf.h"
#include "util/path.h"
#include "check_main.h"

static char rootdir[64]; /* holds tmpdir, its lock and the commits' sibling folders */
static char tmpdir[80];  /* rootdir/w: the folder most tests write their site to */

static void
setup(void)
{
	strcpy(rootdir, "/tmp/check_site_XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(rootdir));
	snprintf(tmpdir, sizeof tmpdir, "%s/w", rootdir);
	ck_assert_int_eq(mkdir(tmpdir, 0777), 0);
}

static void
teardown(void)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "chmod -R u+rwx %s; rm -rf %s", rootdir, rootdir);
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

/* 1 in the "stream" test case: commit() streams a copy of the files instead. */
static int streaming;

/* Streams o's files (in reverse order, so they arrive unsorted) into s through a new
 * site_out, then commits that. Returns site_commit's result. */
static int
commit_streamed(site_out *o, site_dest *s, site_stats *st, diag *d)
{
	site_out *w = site_out_new();
	*st = (site_stats){ 0, 0, 0 };
	int rc = site_out_stream(w, s, d);
	for (size_t i = site_out_count(o); rc == 0 && i-- > 0;) {
		size_t n = 0;
		const char *p = site_out_path(o, i);
		const void *b = site_out_get(o, p, &n);
		site_out_add(w, p, b, n);
		ck_assert_ptr_null(site_out_get(w, p, NULL)); /* written out, not kept */
	}
	if (rc == 0)
		rc = site_commit(w, s, d, st);
	site_out_free(w);
	return rc;
}

/* Opens dir, commits o into it (streamed in the "stream" case), and closes it. */
static int
commit(site_out *o, const char *dir, site_stats *st, diag *d)
{
	site_dest *s = site_dest_open(dir, NULL, NULL, d);
	if (s == NULL) {
		*st = (site_stats){ 0, 0, 0 };
		return -1;
	}
	int rc = streaming ? commit_streamed(o, s, st, d) : site_commit(o, s, d, st);
	site_dest_free(s);
	return rc;
}

/* Returns the number of names in folder dir that contain part. */
static int
count_names(const char *dir, const char *part)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "exit $(ls -A '%s' | grep -c -e '%s')", dir, part);
	int rc = system(cmd);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

/* Writes text to tmpdir/rel. */
static void
put_file(const char *rel, const char *text)
{
	FILE *f = fopen(at(rel), "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
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
		/* The new site is made beside the old one: a read-only parent stops it. */
		ck_assert_int_eq(mkdir(at("ro"), 0777), 0);
		ck_assert_int_eq(mkdir(at("ro/site"), 0777), 0);
		ck_assert_int_eq(chmod(at("ro"), 0500), 0);
		dir = at("ro/site");
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
	ck_assert_int_eq(count_names(tmpdir, "mkreport-tmp"), 0);
	ck_assert_int_eq(count_names(rootdir, "mkreport-new"), 0);
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

/* A symlink in the old site (a folder or a file of the build's) is never written
 * through: the new site has real files there and nothing outside changes. */
START_TEST(test_symlink_in_site_not_followed)
{
	diag *d = diag_new();
	site_out *o = sample();
	site_stats st;
	ck_assert_int_eq(commit(o, tmpdir, &st, d), 0);
	char outside[128], victim[128];
	snprintf(outside, sizeof outside, "%s/outside", rootdir);
	snprintf(victim, sizeof victim, "%s/victim", rootdir);
	ck_assert_int_eq(mkdir(outside, 0777), 0);
	FILE *f = fopen(victim, "w");
	ck_assert_ptr_nonnull(f);
	fputs("victim\n", f);
	fclose(f);
	ck_assert_int_eq(unlink(at("charts/a.svg")), 0);
	ck_assert_int_eq(rmdir(at("charts")), 0);
	ck_assert_int_eq(symlink(outside, at("charts")), 0);
	ck_assert_int_eq(unlink(at("index.html")), 0);
	ck_assert_int_eq(symlink(victim, at("index.html")), 0);
	put(o, "charts/a.svg", "<svg id='new'/>\n");
	put(o, "charts/b.svg", "<svg id='b'/>\n");
	put(o, "index.html", "<p>new home</p>\n");
	ck_assert_int_eq(commit(o, tmpdir, &st, d), 0);
	ck_assert_int_eq(diag_count(d), 0);
	ck_assert_int_eq(count_names(outside, "."), 0);
	ck_assert_int_eq(count_names(outside, "svg"), 0);
	char *text;
	size_t len;
	ck_assert_int_eq(path_read_file(victim, 100, &text, &len), PATH_OK);
	ck_assert_str_eq(text, "victim\n");
	free(text);
	struct stat sb;
	ck_assert_int_eq(lstat(at("charts"), &sb), 0);
	ck_assert(S_ISDIR(sb.st_mode));
	ck_assert_int_eq(lstat(at("index.html"), &sb), 0);
	ck_assert(S_ISREG(sb.st_mode));
	ck_assert_str_eq(slurp("charts/a.svg"), "<svg id='new'/>\n");
	ck_assert_str_eq(slurp("index.html"), "<p>new home</p>\n");
	site_out_free(o);
	diag_free(d);
}
END_TEST

/* What the previous build did not make is kept as it was: a symlink stays a symlink
 * (not followed), an empty folder stays. */
START_TEST(test_foreign_entries_kept)
{
	diag *d = diag_new();
	site_out *o = sample();
	site_stats st;
	ck_assert_int_eq(commit(o, tmpdir, &st, d), 0);
	ck_assert_int_eq(symlink("/nonexistent/target", at("charts/link")), 0);
	ck_assert_int_eq(mkdir(at("empty"), 0750), 0);
	put_file("CNAME", "example.org\n");
	struct stat before, after;
	ck_assert_int_eq(stat(at("CNAME"), &before), 0);
	put(o, "index.html", "<p>changed</p>\n");
	ck_assert_int_eq(commit(o, tmpdir, &st, d), 0);
	ck_assert_int_eq(diag_count(d), 0);
	char target[64];
	ssize_t k = readlink(at("charts/link"), target, sizeof target - 1);
	ck_assert_int_eq(k, (ssize_t)strlen("/nonexistent/target"));
	target[k] = '\0';
	ck_assert_str_eq(target, "/nonexistent/target");
	ck_assert_int_eq(stat(at("empty"), &after), 0);
	ck_assert(S_ISDIR(after.st_mode));
	ck_assert_int_eq(after.st_mode & 0777, 0750);
	ck_assert_int_eq(stat(at("CNAME"), &after), 0);
	ck_assert_uint_eq(before.st_ino, after.st_ino); /* linked across, not copied */
	ck_assert_str_eq(slurp(".mkreport-manifest"), "charts/a.svg\nindex.html\nstyle.css\n");
	site_out_free(o);
	diag_free(d);
}
END_TEST

/* Leftovers of interrupted builds into the same folder are swept; look-alikes that are
 * not ours (another folder's, or not the mkstemp pattern) are not. */
START_TEST(test_leftovers_swept)
{
	diag *d = diag_new();
	site_out *o = sample();
	site_stats st;
	ck_assert_int_eq(commit(o, tmpdir, &st, d), 0);
	char p[200];
	const char *ours[] = { ".w.mkreport-new-abc123", ".w.mkreport-old-XYZ789" };
	const char *theirs[] = { ".w.mkreport-new-abc1234", ".v.mkreport-new-abc123" };
	for (int i = 0; i < 2; i++) {
		snprintf(p, sizeof p, "%s/%s", rootdir, ours[i]);
		ck_assert_int_eq(mkdir(p, 0777), 0);
		snprintf(p, sizeof p, "%s/%s/index.html", rootdir, ours[i]);
		FILE *f = fopen(p, "w");
		ck_assert_ptr_nonnull(f);
		fclose(f);
		snprintf(p, sizeof p, "%s/%s", rootdir, theirs[i]);
		ck_assert_int_eq(mkdir(p, 0777), 0);
	}
	put_file(".mkreport-tmp-q1w2e3", "half");
	put_file("charts/.mkreport-tmp-a1b2c3", "half");
	ck_assert_int_eq(commit(o, tmpdir, &st, d), 0);
	ck_assert_int_eq(diag_count(d), 0);
	for (int i = 0; i < 2; i++) {
		snprintf(p, sizeof p, "%s/%s", rootdir, ours[i]);
		ck_assert_int_eq(access(p, F_OK), -1);
		snprintf(p, sizeof p, "%s/%s", rootdir, theirs[i]);
		ck_assert_int_eq(access(p, F_OK), 0);
	}
	ck_assert_int_eq(count_names(tmpdir, "mkreport-tmp"), 0);
	ck_assert_int_eq(count_names(at("charts"), "mkreport-tmp"), 0);
	ck_assert_int_eq(count_names(rootdir, "^\\.w\\.mkreport-[no]"), 1); /* the look-alike */
	site_out_free(o);
	diag_free(d);
}
END_TEST

/* An output folder that is a symlink: the folder it names is replaced, the link stays,
 * and the lock sits beside the real folder. */
START_TEST(test_output_symlink_resolved)
{
	diag *d = diag_new();
	site_out *o = sample();
	char real[128], link[128], lock[160];
	snprintf(real, sizeof real, "%s/real", rootdir);
	snprintf(link, sizeof link, "%s/link/", rootdir);
	snprintf(lock, sizeof lock, "%s/.real.mkreport-lock", rootdir);
	ck_assert_int_eq(mkdir(real, 0777), 0);
	ck_assert_int_eq(symlink("real", at("../link")), 0);
	site_stats st;
	ck_assert_int_eq(commit(o, link, &st, d), 0);
	ck_assert_int_eq(commit(o, link, &st, d), 0);
	ck_assert_uint_eq(st.unchanged, 3);
	struct stat sb;
	ck_assert_int_eq(lstat(at("../link"), &sb), 0);
	ck_assert(S_ISLNK(sb.st_mode));
	ck_assert_str_eq(slurp("../real/index.html"), "<p>home</p>\n");
	ck_assert_int_eq(access(lock, F_OK), 0);
	ck_assert_int_eq(diag_count(d), 0);
	site_out_free(o);
	diag_free(d);
}
END_TEST

/* A second build waits for the lock, saying so; a stop signal ends the wait with
 * nothing recorded. */
START_TEST(test_lock_waits_and_stops)
{
	diag *d = diag_new();
	char lock[160];
	snprintf(lock, sizeof lock, "%s/.w.mkreport-lock", rootdir);
	int fd = open(lock, O_RDWR | O_CREAT, 0644);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(flock(fd, LOCK_EX), 0);
	volatile sig_atomic_t stop = SIGINT;
	FILE *note = tmpfile();
	ck_assert_ptr_nonnull(note);
	ck_assert_ptr_null(site_dest_open(tmpdir, &stop, note, d));
	ck_assert_int_eq(diag_count(d), 0);
	rewind(note);
	char line[512] = "";
	ck_assert_ptr_nonnull(fgets(line, sizeof line, note));
	ck_assert_ptr_nonnull(strstr(line, "another build is writing this folder; waiting"));
	ck_assert_ptr_nonnull(strstr(line, tmpdir));
	fclose(note);
	close(fd); /* releases the lock */
	site_dest *s = site_dest_open(tmpdir, &stop, NULL, d);
	ck_assert_ptr_nonnull(s);
	site_dest_free(s);
	diag_free(d);
}
END_TEST

/* A stop signal before the swap leaves the old site whole and no sibling behind. */
START_TEST(test_stop_before_swap)
{
	diag *d = diag_new();
	site_out *o = sample();
	site_stats st;
	ck_assert_int_eq(commit(o, tmpdir, &st, d), 0);
	put(o, "index.html", "<p>new</p>\n");
	put(o, "more.html", "<p>more</p>\n");
	volatile sig_atomic_t stop = SIGTERM;
	site_dest *s = site_dest_open(tmpdir, &stop, NULL, d);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(site_commit(o, s, d, &st), SITE_STOPPED);
	site_dest_free(s);
	ck_assert_int_eq(diag_count(d), 0);
	ck_assert_str_eq(slurp("index.html"), "<p>home</p>\n");
	ck_assert_ptr_null(slurp("more.html"));
	ck_assert_int_eq(count_names(rootdir, "mkreport-new"), 0);
	site_out_free(o);
	diag_free(d);
}
END_TEST

/* The folder the build runs in (or one holding it) is refused: swapping it would
 * leave the process, and the user's shell, in a removed folder. */
START_TEST(test_cwd_refused)
{
	diag *d = diag_new();
	ck_assert_int_eq(chdir(tmpdir), 0);
	ck_assert_ptr_null(site_dest_open(".", NULL, NULL, d));
	ck_assert_ptr_null(site_dest_open(rootdir, NULL, NULL, d));
	ck_assert_int_eq(diag_errors(d), 2);
	ck_assert_ptr_nonnull(strstr(diag_text(d, 0), "the folder the build runs in"));
	site_dest *s = site_dest_open("sub/site", NULL, NULL, d); /* below the cwd: fine */
	ck_assert_ptr_nonnull(s);
	site_dest_free(s);
	ck_assert_int_eq(chdir("/"), 0);
	diag_free(d);
}
END_TEST

/* Streaming, then freeing the output without a commit (a build that failed after
 * writing some pages): the old site is whole and the new folder is gone. */
START_TEST(test_stream_abandoned)
{
	diag *d = diag_new();
	site_out *o = sample();
	site_stats st;
	ck_assert_int_eq(commit(o, tmpdir, &st, d), 0);
	site_out_free(o);
	site_dest *s = site_dest_open(tmpdir, NULL, NULL, d);
	ck_assert_ptr_nonnull(s);
	o = site_out_new();
	ck_assert_int_eq(site_out_stream(o, s, d), 0);
	put(o, "index.html", "<p>new</p>\n");
	put(o, "more.html", "<p>more</p>\n");
	ck_assert_int_eq(count_names(rootdir, "mkreport-new"), 1);
	site_out_free(o);
	site_dest_free(s);
	ck_assert_int_eq(diag_count(d), 0);
	ck_assert_str_eq(slurp("index.html"), "<p>home</p>\n");
	ck_assert_ptr_null(slurp("more.html"));
	ck_assert_int_eq(count_names(rootdir, "mkreport-new"), 0);
	diag_free(d);
}
END_TEST

/* Files held before site_out_stream are written out by it; a path added twice while
 * streaming holds the later bytes and counts once; the manifest is sorted. */
START_TEST(test_stream_held_and_replaced)
{
	diag *d = diag_new();
	site_out *o = sample();
	site_stats st;
	ck_assert_int_eq(commit(o, tmpdir, &st, d), 0);
	site_dest *s = site_dest_open(tmpdir, NULL, NULL, d);
	ck_assert_ptr_nonnull(s);
	put(o, "zz.html", "<p>z</p>\n");
	ck_assert_int_eq(site_out_stream(o, s, d), 0);
	ck_assert_ptr_null(site_out_get(o, "zz.html", NULL));
	put(o, "b.html", "<p>one</p>\n");
	put(o, "b.html", "<p>two</p>\n");
	put(o, "index.html", "<p>changed</p>\n");
	put(o, "index.html", "<p>home</p>\n"); /* back to the old bytes: linked */
	ck_assert_int_eq(site_commit(o, s, d, &st), 0);
	site_dest_free(s);
	ck_assert_int_eq(diag_count(d), 0);
	ck_assert_uint_eq(st.written, 2);
	ck_assert_uint_eq(st.unchanged, 3);
	ck_assert_str_eq(slurp("b.html"), "<p>two</p>\n");
	ck_assert_str_eq(slurp("index.html"), "<p>home</p>\n");
	ck_assert_str_eq(slurp("zz.html"), "<p>z</p>\n");
	ck_assert_str_eq(slurp(".mkreport-manifest"),
	    "b.html\ncharts/a.svg\nindex.html\nstyle.css\nzz.html\n");
	ck_assert_int_eq(count_names(rootdir, "mkreport-new"), 0);
	site_out_free(o);
	diag_free(d);
}
END_TEST

/* While streaming: a bad path, or a stop signal, fails the commit; the old site stays
 * whole and no new folder is left. */
START_TEST(test_stream_bad_and_stopped)
{
	diag *d = diag_new();
	site_out *o = sample();
	site_stats st;
	ck_assert_int_eq(commit(o, tmpdir, &st, d), 0);
	site_out_free(o);
	for (int k = 0; k < 2; k++) {
		volatile sig_atomic_t stop = 0;
		site_dest *s = site_dest_open(tmpdir, &stop, NULL, d);
		ck_assert_ptr_nonnull(s);
		o = site_out_new();
		ck_assert_int_eq(site_out_stream(o, s, d), 0);
		put(o, "index.html", "<p>new</p>\n");
		if (k == 0)
			put(o, "../escape.html", "x");
		else
			stop = SIGINT;
		put(o, "more.html", "<p>more</p>\n");
		ck_assert_int_eq(site_commit(o, s, d, &st), k == 0 ? -1 : SITE_STOPPED);
		ck_assert_uint_eq(st.written, 0);
		site_out_free(o);
		site_dest_free(s);
		ck_assert_int_eq(diag_errors(d), 1);
		ck_assert_str_eq(slurp("index.html"), "<p>home</p>\n");
		ck_assert_ptr_null(slurp("more.html"));
		ck_assert_int_eq(access(at("../escape.html"), F_OK), -1);
		ck_assert_int_eq(count_names(rootdir, "mkreport-new"), 0);
	}
	diag_free(d);
}
END_TEST

/* Files are 0644 whatever the umask (a strict one needs the fchmod, 022 does not). */
START_TEST(test_file_mode_any_umask)
{
	static const mode_t masks[] = { 077, 022, 0 };
	for (size_t k = 0; k < sizeof masks / sizeof *masks; k++) {
		diag *d = diag_new();
		site_out *o = sample();
		put(o, "m.html", masks[k] == 077 ? "a" : masks[k] == 022 ? "b" : "c");
		mode_t old = umask(masks[k]);
		site_stats st;
		int rc = commit(o, tmpdir, &st, d);
		umask(old);
		ck_assert_int_eq(rc, 0);
		struct stat sb;
		ck_assert_int_eq(stat(at("m.html"), &sb), 0);
		ck_assert_int_eq(sb.st_mode & 07777, 0644);
		ck_assert_int_eq(stat(at("charts/a.svg"), &sb), 0);
		ck_assert_int_eq(sb.st_mode & 07777, 0644);
		site_out_free(o);
		diag_free(d);
	}
}
END_TEST

/* A site_fetch that counts its calls and hands out fetch_text (fails if NULL). */
static int fetches;
static const char *fetch_text;
static int
fetch_count(void *arg, const uint8_t id[SHA256_LEN], size_t n, buf *out)
{
	(void)arg;
	(void)id;
	fetches++;
	if (fetch_text == NULL || strlen(fetch_text) != n)
		return -1;
	buf_append(out, fetch_text, n);
	return 0;
}

/* Commits into tmpdir, streamed, index.html (home) and the named file charts/a.png of
 * n bytes (text, or NULL: fetched with fetch_count), named by seed, with the record
 * rec, which receives the new one after a commit. *stale gets site_out_stale. Returns
 * site_commit's result. */
static int
commit_named(const char *home, const char *text, size_t n, int seed, buf *rec,
    site_stats *st, int *stale, diag *d)
{
	uint8_t id[SHA256_LEN];
	memset(id, seed, sizeof id);
	site_out *o = site_out_new();
	site_out_fetch_from(o, fetch_count, NULL);
	site_out_use_record(o, rec->data ? rec->data : "", rec->len);
	site_dest *s = site_dest_open(tmpdir, NULL, NULL, d);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(site_out_stream(o, s, d), 0);
	put(o, "index.html", home);
	site_out_add_named(o, "charts/a.png", text, n, id);
	int rc = site_commit(o, s, d, st);
	*stale = site_out_stale(o);
	if (rc == 0) {
		buf_reset(rec);
		site_out_record(o, rec);
	}
	site_out_free(o);
	site_dest_free(s);
	return rc;
}

/* Commits charts/a.png (text, named by seed) twice, 150 ms apart, so that the record
 * rec holds it (a file placed just before a swap is not recorded). */
static void
commit_recorded(const char *home, const char *text, int seed, buf *rec, diag *d)
{
	site_stats st;
	int stale;
	ck_assert_int_eq(commit_named(home, text, strlen(text), seed, rec, &st, &stale, d), 0);
	ck_assert_ptr_null(strstr(buf_str(rec), "charts/a.png")); /* placed too recently */
	usleep(150000);
	ck_assert_int_eq(commit_named(home, text, strlen(text), seed, rec, &st, &stale, d), 0);
	ck_assert_ptr_nonnull(strstr(buf_str(rec), " charts/a.png\n"));
}

/* A named file the last commit recorded, still as recorded, is linked without its bytes
 * being fetched; one placed just before the swap is not recorded yet. */
START_TEST(test_named_linked_unread)
{
	diag *d = diag_new();
	buf rec;
	buf_init(&rec);
	site_stats st;
	int stale;
	fetches = 0;
	fetch_text = NULL;
	commit_recorded("<p>2</p>", "PNG1", 1, &rec, d);
	struct stat before, after;
	ck_assert_int_eq(stat(at("charts/a.png"), &before), 0);
	ck_assert_int_eq(commit_named("<p>3</p>", NULL, 4, 1, &rec, &st, &stale, d), 0);
	ck_assert_int_eq(fetches, 0);
	ck_assert_uint_eq(st.unchanged, 1);
	ck_assert_uint_eq(st.written, 1); /* index.html */
	ck_assert_int_eq(stat(at("charts/a.png"), &after), 0);
	ck_assert_uint_eq(before.st_ino, after.st_ino);
	ck_assert_str_eq(slurp("charts/a.png"), "PNG1");
	ck_assert_str_eq(slurp("index.html"), "<p>3</p>");
	/* another id at that path: fetched and written */
	fetch_text = "PNG2";
	ck_assert_int_eq(commit_named("<p>3</p>", NULL, 4, 2, &rec, &st, &stale, d), 0);
	ck_assert_int_eq(fetches, 1);
	ck_assert_str_eq(slurp("charts/a.png"), "PNG2");
	ck_assert_int_eq(diag_count(d), 0);
	buf_free(&rec);
	diag_free(d);
}
END_TEST

/* A named file changed in the site since it was recorded (same size, another time) is
 * fetched and written again; a malformed record is ignored. */
START_TEST(test_named_edited_fetched)
{
	diag *d = diag_new();
	buf rec;
	buf_init(&rec);
	site_stats st;
	int stale;
	fetches = 0;
	fetch_text = "PNG1";
	commit_recorded("<p>1</p>", "PNG1", 1, &rec, d);
	put_file("charts/a.png", "XXXX");
	ck_assert_int_eq(commit_named("<p>1</p>", NULL, 4, 1, &rec, &st, &stale, d), 0);
	ck_assert_int_eq(fetches, 1);
	ck_assert_str_eq(slurp("charts/a.png"), "PNG1");
	buf_reset(&rec);
	buf_puts(&rec, "mkreport-site-record 1\nzz 1 2 3 4 5 charts/a.png\n\n1 2\n");
	ck_assert_int_eq(commit_named("<p>1</p>", NULL, 4, 1, &rec, &st, &stale, d), 0);
	ck_assert_int_eq(fetches, 2);
	/* numbers out of range, or two spaces before the path: ignored as well */
	usleep(150000); /* a record of the file as it is now */
	ck_assert_int_eq(commit_named("<p>1</p>", "PNG1", 4, 1, &rec, &st, &stale, d), 0);
	ck_assert_ptr_nonnull(strstr(buf_str(&rec), " charts/a.png\n"));
	int fetched = fetches;
	char *nl = strchr(rec.data, '\n') + 1, *sp = strchr(nl, ' ') + 1;
	buf bad;
	buf_init(&bad);
	buf_append(&bad, rec.data, (size_t)(sp - rec.data));
	buf_printf(&bad, "99999999999999999999999%s", strchr(sp, ' '));
	ck_assert_int_eq(commit_named("<p>1</p>", NULL, 4, 1, &bad, &st, &stale, d), 0);
	ck_assert_int_eq(fetches, fetched + 1);
	usleep(150000); /* a record of the file as it is now */
	ck_assert_int_eq(commit_named("<p>1</p>", "PNG1", 4, 1, &rec, &st, &stale, d), 0);
	ck_assert_ptr_nonnull(strstr(buf_str(&rec), " charts/a.png\n"));
	fetched = fetches;
	buf_reset(&bad);
	buf_append(&bad, rec.data, rec.len);
	char *path = strstr(bad.data, " charts/a.png");
	ck_assert_ptr_nonnull(path);
	buf_reset(&rec);
	buf_append(&rec, bad.data, (size_t)(path - bad.data));
	buf_printf(&rec, " %s", path);
	ck_assert_int_eq(commit_named("<p>1</p>", NULL, 4, 1, &rec, &st, &stale, d), 0);
	ck_assert_int_eq(fetches, fetched + 1);
	buf_free(&bad);
	ck_assert_int_eq(diag_count(d), 0);
	buf_free(&rec);
	diag_free(d);
}
END_TEST

/* A named file whose bytes cannot be fetched when needed fails the commit, marked
 * stale, with nothing recorded, and the old site stays. */
START_TEST(test_named_fetch_fails)
{
	diag *d = diag_new();
	buf rec;
	buf_init(&rec);
	site_stats st;
	int stale;
	fetch_text = NULL;
	ck_assert_int_eq(commit_named("<p>1</p>", "PNG1", 4, 1, &rec, &st, &stale, d), 0);
	ck_assert_int_eq(stale, 0);
	unlink(at("charts/a.png"));
	ck_assert_int_eq(commit_named("<p>2</p>", NULL, 4, 1, &rec, &st, &stale, d), -1);
	ck_assert_int_eq(stale, 1);
	ck_assert_int_eq(diag_count(d), 0);
	ck_assert_str_eq(slurp("index.html"), "<p>1</p>");
	buf_free(&rec);
	diag_free(d);
}
END_TEST

/* A file given in pieces holds them one after the other, streamed or not. */
START_TEST(test_pieces)
{
	diag *d = diag_new();
	struct iovec v[3] = { { "ab", 2 }, { "", 0 }, { "cde", 3 } };
	site_out *o = site_out_new();
	site_out_add_pieces(o, "p.bin", v, 3);
	site_stats st;
	ck_assert_int_eq(commit(o, tmpdir, &st, d), 0);
	ck_assert_str_eq(slurp("p.bin"), "abcde");
	site_out_free(o);
	o = site_out_new();
	site_dest *s = site_dest_open(tmpdir, NULL, NULL, d);
	ck_assert_int_eq(site_out_stream(o, s, d), 0);
	site_out_add_pieces(o, "p.bin", v, 3); /* the same bytes: linked */
	struct iovec w[2] = { { "xy", 2 }, { "z", 1 } };
	site_out_add_pieces(o, "q.bin", w, 2);
	ck_assert_int_eq(site_commit(o, s, d, &st), 0);
	ck_assert_uint_eq(st.unchanged, 1);
	ck_assert_uint_eq(st.written, 1);
	ck_assert_str_eq(slurp("p.bin"), "abcde");
	ck_assert_str_eq(slurp("q.bin"), "xyz");
	site_out_free(o);
	site_dest_free(s);
	ck_assert_int_eq(diag_count(d), 0);
	diag_free(d);
}
END_TEST

/* The commit tests that go through commit(), again with the files streamed. */
static void
setup_stream(void)
{
	setup();
	streaming = 1;
}

static void
teardown_stream(void)
{
	streaming = 0;
	teardown();
}

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
	tcase_add_test(tc, test_symlink_in_site_not_followed);
	tcase_add_test(tc, test_foreign_entries_kept);
	tcase_add_test(tc, test_leftovers_swept);
	tcase_add_test(tc, test_output_symlink_resolved);
	tcase_add_test(tc, test_lock_waits_and_stops);
	tcase_add_test(tc, test_stop_before_swap);
	tcase_add_test(tc, test_cwd_refused);
	tcase_add_test(tc, test_stream_abandoned);
	tcase_add_test(tc, test_stream_held_and_replaced);
	tcase_add_test(tc, test_stream_bad_and_stopped);
	tcase_add_test(tc, test_file_mode_any_umask);
	tcase_add_test(tc, test_named_linked_unread);
	tcase_add_test(tc, test_named_edited_fetched);
	tcase_add_test(tc, test_named_fetch_fails);
	tcase_add_test(tc, test_pieces);
	suite_add_tcase(s, tc);
	TCase *ts = tcase_create("stream");
	tcase_add_checked_fixture(ts, setup_stream, teardown_stream);
	tcase_set_timeout(ts, 20);
	tcase_add_test(ts, test_first_commit_writes);
	tcase_add_test(ts, test_second_commit_writes_nothing);
	tcase_add_test(ts, test_changed_file_replaced);
	tcase_add_test(ts, test_dropped_file_removed_with_folder);
	tcase_add_test(ts, test_user_files_left_alone);
	tcase_add_test(ts, test_manifest_cannot_escape);
	tcase_add_test(ts, test_unwritable_dir);
	tcase_add_test(ts, test_file_becomes_folder);
	tcase_add_test(ts, test_failed_commit_changes_nothing);
	tcase_add_test(ts, test_folder_becomes_file);
	tcase_add_test(ts, test_symlink_in_site_not_followed);
	tcase_add_test(ts, test_foreign_entries_kept);
	tcase_add_test(ts, test_leftovers_swept);
	tcase_add_test(ts, test_output_symlink_resolved);
	tcase_add_test(ts, test_stop_before_swap);
	tcase_add_test(ts, test_file_mode_any_umask);
	suite_add_tcase(s, ts);
	return s;
}

int
main(void)
{
	return check_run(site_suite());
}
