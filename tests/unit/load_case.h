/* load_case: a mistake in the mini fixture and the exact diagnostics the loader must
 * give for it, run on a temporary copy. Header-only, for check_load_errors and
 * check_load_cov. */
#ifndef MKR_TEST_LOAD_CASE_H
#define MKR_TEST_LOAD_CASE_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "load/load.h"
#include "util/path.h"
#include "check_main.h"

#define MINI "tests/fixtures/mini/content"

/* One mistake: in file, the first from becomes to (from NULL: the file is written with
 * to); want are the diagnostics (without the folder), in order, or "OK" alone for an
 * edit that loads. */
typedef struct load_case {
	const char *file;
	const char *from;
	const char *to;
	const char *want[8];
} load_case;

/* Copies the mini fixture into a new temporary folder (written into dir). */
static void
copy_mini(char dir[64])
{
	strcpy(dir, "/tmp/check_load.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char cmd[256];
	snprintf(cmd, 256, "cp -R " MINI "/. %s/", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* Replaces the first from by to in dir/rel (from must be there); from NULL writes to
 * as the whole file. */
static void
edit(const char *dir, const char *rel, const char *from, const char *to)
{
	char *path = path_join(dir, rel), *text = NULL;
	size_t len;
	char *at = NULL;
	if (from != NULL) {
		ck_assert_int_eq(path_read_file(path, 1 << 20, &text, &len), 0);
		at = strstr(text, from);
		ck_assert_msg(at != NULL, "'%s' not in %s", from, rel);
	}
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	if (at != NULL)
		fwrite(text, 1, (size_t)(at - text), f);
	fputs(to, f);
	if (at != NULL)
		fputs(at + strlen(from), f);
	ck_assert_int_eq(fclose(f), 0);
	free(text);
	free(path);
}

/* Runs case lc (number num), with a second edit if file2 is not NULL. */
static void
run_case(const load_case *lc, const char *file2, const char *from2, const char *to2, int num)
{
	char dir[64];
	copy_mini(dir);
	edit(dir, lc->file, lc->from, lc->to);
	if (file2 != NULL)
		edit(dir, file2, from2, to2);
	diag *d = diag_new();
	report *r = load_report(dir, d);
	int n = 0;
	while (n < 8 && lc->want[n] != NULL)
		n++;
	int want_ok = n == 1 && strcmp(lc->want[0], "OK") == 0; /* loads without an error */
	if (want_ok)
		n = 0;
	int ok = (r == NULL) != want_ok && diag_count(d) == n;
	for (int i = 0; ok && i < n; i++) {
		const char *t = diag_text(d, i);
		ok = strncmp(t, dir, strlen(dir)) == 0 && strcmp(t + strlen(dir) + 1, lc->want[i]) == 0;
	}
	if (!ok) {
		fprintf(stderr, "case %d (%s: %s):\n", num, lc->file, lc->to);
		for (int i = 0; i < diag_count(d); i++)
			fprintf(stderr, "  got %s\n", diag_text(d, i) + strlen(dir) + 1);
	}
	report_free(r);
	diag_free(d);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_msg(ok, "case %d: not the diagnostics wanted", num);
}

#endif
