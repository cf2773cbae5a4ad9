/* commit_time: times site_commit alone (full, no-op, one file changed) on a real site. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "site/site.h"
#include "util/path.h"

static site_out *files; /* the site loaded by load_one */
static size_t root_len; /* strlen of the folder being loaded, plus its '/' */

/* nftw callback: adds each regular file but the manifest to files. */
static int
load_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type != FTW_F || strlen(path) <= root_len
	    || strcmp(path + root_len, ".mkreport-manifest") == 0)
		return 0;
	char *text;
	size_t len;
	if (path_read_file(path, (size_t)1 << 30, &text, &len) != PATH_OK)
		return 1;
	site_out_add(files, path + root_len, text, len);
	free(text);
	return 0;
}

/* Commits o into dir; returns the seconds it took (exits on failure). */
static double
commit_once(const site_out *o, const char *dir)
{
	diag *d = diag_new();
	site_stats st;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
#ifdef SITE_OLD_API
	int rc = site_commit(o, dir, d, &st);
#else
	site_dest *s = site_dest_open(dir, NULL, NULL, d);
	int rc = s ? site_commit(o, s, d, &st) : -1;
	site_dest_free(s);
#endif
	clock_gettime(CLOCK_MONOTONIC, &t1);
	diag_free(d);
	if (rc != 0) {
		fprintf(stderr, "commit_time: commit into %s failed\n", dir);
		exit(1);
	}
	return (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Prints the median of v[0..n) in milliseconds. */
static void
report(const char *what, double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	printf("%s %.3f ms\n", what, v[n / 2] * 1e3);
}

int
main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: commit_time SITE OUT RUNS\n");
		return 2;
	}
	int runs = atoi(argv[3]);
	char cmd[4096];
	files = site_out_new();
	root_len = strlen(argv[1]) + 1;
	if (nftw(argv[1], load_one, 16, FTW_PHYS) != 0 || runs < 1 || runs > 100)
		return 1;
	double full[100], noop[100], one[100];
	for (int i = 0; i < runs; i++) {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", argv[2]);
		if (system(cmd) != 0)
			return 1;
		full[i] = commit_once(files, argv[2]);
		noop[i] = commit_once(files, argv[2]);
		size_t n;
		const char *index = site_out_get(files, "index.html", &n);
		char *changed = malloc(n + 8);
		memcpy(changed, index, n);
		snprintf(changed + n, 8, "<!--%d-->", i % 10);
		site_out_add(files, "index.html", changed, n + 7);
		free(changed);
		one[i] = commit_once(files, argv[2]);
	}
	printf("%zu files\n", site_out_count(files));
	report("full", full, runs);
	report("no-op", noop, runs);
	report("one file changed", one, runs);
	site_out_free(files);
	return 0;
}
