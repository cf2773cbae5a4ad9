/* check_cmd_cov: the command line through cmd_main, each run in a child process with
 * its output captured: serve's option errors and an output folder inside the content,
 * build's depfile escapes and write errors and its default cache beside "dir/.", init
 * into new and impossible folders, metrics into a full device, chart repeats. Each
 * asserts the exit status and the message. */
#include <check.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "util/path.h"
#include "check_main.h"

#define MINI "tests/fixtures/mini/content"

static char root[64];
static char tdir[4096];
static char out[65536], err[65536];

static void
setup(void)
{
	strcpy(root, "/tmp/check_cmd_cov.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(root));
	ck_assert_ptr_nonnull(getcwd(tdir, sizeof tdir - 16));
	strcat(tdir, "/templates");
}

static void
teardown(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", root);
	ck_assert_int_eq(system(cmd), 0);
}

/* Reads path into buf (size bytes), "" if missing. */
static void
slurp(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(buf, 1, size - 1, f) : 0;
	buf[n] = '\0';
	if (f)
		fclose(f);
}

/* Runs mkreport with the NULL-terminated arguments after "mkreport" in a child, its
 * stdout into out (or into stdout_path if not NULL) and stderr into err. Returns its
 * exit status. */
static int
run(const char *stdout_path, ...)
{
	char *argv[32];
	int argc = 0;
	argv[argc++] = (char *)"mkreport";
	va_list ap;
	va_start(ap, stdout_path);
	for (const char *a; argc < 31 && (a = va_arg(ap, const char *)) != NULL;)
		argv[argc++] = (char *)a;
	va_end(ap);
	argv[argc] = NULL;
	char po[128], pe[128];
	snprintf(po, sizeof po, "%s/.stdout", root);
	snprintf(pe, sizeof pe, "%s/.stderr", root);
	fflush(NULL);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		int fo = open(stdout_path ? stdout_path : po, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int fe = open(pe, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fo < 0 || fe < 0 || dup2(fo, 1) < 0 || dup2(fe, 2) < 0)
			_exit(99);
		setenv("NO_COLOR", "1", 1);
		exit(cmd_main(argc, argv));
	}
	int st;
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert(WIFEXITED(st));
	slurp(po, out, sizeof out);
	slurp(pe, err, sizeof err);
	return WEXITSTATUS(st);
}

/* Copies the mini report into root/name. */
static void
copy_mini(const char *name)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "mkdir -p '%s/%s' && cp -R " MINI "/. '%s/%s/'", root, name,
	    root, name);
	ck_assert_int_eq(system(cmd), 0);
}

/* Asserts that err holds text. */
static void
err_has(const char *text)
{
	ck_assert_msg(strstr(err, text) != NULL, "'%s' not in stderr: %s", text, err);
}

START_TEST(serve_usage)
{
	static const struct { const char *opt, *arg, *msg; } v[] = {
		{ "-p", "abc", "mkreport serve: -p needs a port number in 0..65535\n" },
		{ "-p", "", "mkreport serve: -p needs a port number in 0..65535\n" },
		{ "-p", "70000", "mkreport serve: -p needs a port number in 0..65535\n" },
		{ "-p", "-1", "mkreport serve: -p needs a port number in 0..65535\n" },
		{ "-p", "99999999999999999999", "mkreport serve: -p needs a port number" },
		{ "--base", "/a//b/", "mkreport serve: --base needs a path such as /sub/path/" },
		{ "--base", "/a/./b", "mkreport serve: --base needs a path" },
		{ "--base", "/a/../b/", "mkreport serve: --base needs a path" },
		{ "--base", "/a b/", "mkreport serve: --base needs a path" },
		{ "--base", "sub/", "mkreport serve: --base needs a path" },
		{ "--bogus", NULL, "bad option" },
		{ "extra", NULL, "mkreport serve: unexpected argument\n" },
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		ck_assert_int_eq(run(NULL, "serve", v[i].opt, v[i].arg, NULL), 2);
		err_has(v[i].msg);
		err_has("Try 'mkreport --help'.\n");
	}
	ck_assert_int_eq(run(NULL, "serve", "-h", NULL), 0);
	ck_assert_ptr_nonnull(strstr(out, "usage: mkreport build"));
}
END_TEST

/* An output folder inside the content is refused before serving (when it exists) and
 * after the first build (when that made it). */
START_TEST(serve_out_inside)
{
	copy_mini("c");
	char content[128], o[160];
	snprintf(content, sizeof content, "%s/c", root);
	snprintf(o, sizeof o, "%s/c/pages", root);
	ck_assert_int_eq(run(NULL, "serve", "-C", content, "-T", tdir, "-o", o, "-p", "0",
	    "--no-cache", NULL), 2);
	char want[256];
	snprintf(want, sizeof want, "mkreport serve: %s: the output folder must not be inside "
	    "the content or templates folder\n", o);
	ck_assert_str_eq(err, want);
	snprintf(o, sizeof o, "%s/c/out", root);
	ck_assert_int_eq(run(NULL, "serve", "-C", content, "-T", tdir, "-o", o, "-p", "0",
	    "--no-pdf", "--no-cache", NULL), 2);
	snprintf(want, sizeof want, "mkreport serve: %s: the output folder must not be inside "
	    "the content or templates folder\n", o);
	err_has(want);
}
END_TEST

/* The depfile escapes spaces, '#' and '$' of the content's path; one that cannot be
 * written is an error (exit 3). */
START_TEST(build_depfile)
{
	copy_mini("a b#$c");
	char content[128], site[128], dep[128];
	snprintf(content, sizeof content, "%s/a b#$c", root);
	snprintf(site, sizeof site, "%s/site", root);
	snprintf(dep, sizeof dep, "%s/site.d", root);
	ck_assert_int_eq(run(NULL, "build", "-C", content, "-T", tdir, "-o", site, "-M", dep,
	    "--no-pdf", "--no-cache", NULL), 0);
	char text[65536];
	slurp(dep, text, sizeof text);
	ck_assert_msg(strstr(text, "/a\\ b\\#$$c/report.yaml") != NULL, "depfile: %.300s", text);
	snprintf(dep, sizeof dep, "%s/none/site.d", root);
	ck_assert_int_eq(run(NULL, "build", "-C", content, "-T", tdir, "-o", site, "-M", dep,
	    "--no-pdf", "--no-cache", NULL), 3);
	char want[256];
	snprintf(want, sizeof want, "%s: error: cannot write depfile", dep);
	err_has(want);
}
END_TEST

/* With no --cache, the cache of "dir/." is .mkreport-cache/dir beside dir; of "/", none. */
START_TEST(build_default_cache)
{
	char site[128], cache[160];
	snprintf(site, sizeof site, "%s/s", root);
	ck_assert_int_eq(mkdir(site, 0755), 0);
	strcat(site, "/.");
	ck_assert_int_eq(run(NULL, "build", "-C", MINI, "-T", tdir, "-o", site, "--no-pdf",
	    NULL), 0);
	snprintf(cache, sizeof cache, "%s/.mkreport-cache/s", root);
	struct stat st;
	ck_assert_int_eq(stat(cache, &st), 0);
	ck_assert(S_ISDIR(st.st_mode));
	snprintf(cache, sizeof cache, "%s/s/index.html", root);
	ck_assert_int_eq(stat(cache, &st), 0);
	ck_assert_int_eq(run(NULL, "build", "-C", MINI, "-T", tdir, "-o", "/", "--no-pdf",
	    NULL), 3);
	err_has("cannot replace the root folder");
}
END_TEST

/* init makes missing parents; a file in the way, or an empty name, is refused. */
START_TEST(init_folders)
{
	char dir[128];
	snprintf(dir, sizeof dir, "%s/x/y/z", root);
	ck_assert_int_eq(run(NULL, "init", dir, NULL), 0);
	snprintf(dir, sizeof dir, "%s/x/y/z/report.yaml", root);
	ck_assert_int_eq(access(dir, R_OK), 0);
	snprintf(dir, sizeof dir, "%s/x/y/z/report.yaml/sub", root);
	ck_assert_int_eq(run(NULL, "init", dir, NULL), 3);
	char want[256];
	snprintf(want, sizeof want, "mkreport init: %s: Not a directory\n", dir);
	ck_assert_str_eq(err, want);
	snprintf(dir, sizeof dir, "%s/x/y/z/report.yaml", root);
	ck_assert_int_eq(run(NULL, "init", dir, NULL), 1);
	snprintf(want, sizeof want, "mkreport init: %s exists and is not a folder\n", dir);
	ck_assert_str_eq(err, want);
	ck_assert_int_eq(run(NULL, "init", "", NULL), 2);
	err_has("mkreport init: ");
}
END_TEST

/* metrics into a full device: exit 3 with a message. */
START_TEST(metrics_full)
{
	ck_assert_int_eq(run("/dev/full", "metrics", "-C", MINI, NULL), 3);
	ck_assert_msg(strlen(err) > 0, "no message");
	ck_assert_int_eq(run("/dev/full", "metrics", "-C", MINI, "--csv", NULL), 3);
}
END_TEST

/* MKREPORT_CHART_REPEAT draws again (same bytes); a value out of range or not a number
 * is 1; a file in a missing folder is exit 3. */
START_TEST(chart_repeat)
{
	static const char *const reps[] = { "3", "0", "abc", "7x", "" };
	char svg[128], first[65536];
	snprintf(svg, sizeof svg, "%s/c.svg", root);
	first[0] = '\0';
	for (size_t i = 0; i < sizeof reps / sizeof reps[0]; i++) {
		setenv("MKREPORT_CHART_REPEAT", reps[i], 1);
		ck_assert_int_eq(run(NULL, "chart", "-C", MINI, "-T", tdir, "mini-cumulative", "-o", svg, NULL), 0);
		char now[65536];
		slurp(svg, now, sizeof now);
		ck_assert_ptr_nonnull(strstr(now, "<svg"));
		if (i == 0)
			strcpy(first, now);
		ck_assert_str_eq(now, first);
	}
	unsetenv("MKREPORT_CHART_REPEAT");
	snprintf(svg, sizeof svg, "%s/none/c.svg", root);
	ck_assert_int_eq(run(NULL, "chart", "-C", MINI, "-T", tdir, "mini-cumulative", "-o", svg, NULL), 3);
	err_has(svg);
}
END_TEST

static Suite *
cmd_cov_suite(void)
{
	Suite *s = suite_create("cmd_cov");
	TCase *tc = tcase_create("cli");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, serve_usage);
	tcase_add_test(tc, serve_out_inside);
	tcase_add_test(tc, build_depfile);
	tcase_add_test(tc, build_default_cache);
	tcase_add_test(tc, init_folders);
	tcase_add_test(tc, metrics_full);
	tcase_add_test(tc, chart_repeat);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(cmd_cov_suite());
}
