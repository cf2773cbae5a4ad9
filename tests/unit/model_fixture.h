/* model_fixture: loads tests/fixtures/model (the mini report plus dependency,
 * competition and risks data) whole or as an edited temporary copy. Header-only,
 * for the check_dependency, check_competition and check_risk suites. */
#ifndef MKR_TEST_MODEL_FIXTURE_H
#define MKR_TEST_MODEL_FIXTURE_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "load/load.h"
#include "util/path.h"
#include "check_main.h"

#define MODEL_FIXTURE "tests/fixtures/model/content"

static char mf_dir[64]; /* the temporary copy */

/* Copies the fixture into a fresh temporary folder (mf_dir). */
static inline void
mf_copy(void)
{
	char cmd[256];
	strcpy(mf_dir, "/tmp/check_model.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(mf_dir));
	snprintf(cmd, sizeof cmd, "cp -R " MODEL_FIXTURE "/. %s/", mf_dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* Removes the temporary copy. */
static inline void
mf_remove(void)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -rf %s", mf_dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* Replaces the first occurrence of from by to in mf_dir/rel. */
static inline void
mf_edit(const char *rel, const char *from, const char *to)
{
	char *path = path_join(mf_dir, rel), *text;
	size_t len;
	ck_assert_int_eq(path_read_file(path, 1 << 20, &text, &len), 0);
	char *at = strstr(text, from);
	ck_assert_ptr_nonnull(at);
	FILE *f = fopen(path, "w");
	fwrite(text, 1, (size_t)(at - text), f);
	fputs(to, f);
	fputs(at + strlen(from), f);
	fclose(f);
	free(text);
	free(path);
}

/* Loads the copy, expects failure with exactly the diagnostics want (paths relative to
 * the copy), then removes the copy. */
static inline void
mf_expect(const char *const *want)
{
	diag *d = diag_new();
	report *bad = load_report(mf_dir, d);
	int n = 0;
	ck_assert_ptr_null(bad);
	while (want[n])
		n++;
	for (int i = 0; diag_count(d) != n && i < diag_count(d); i++)
		fprintf(stderr, "%s\n", diag_text(d, i));
	ck_assert_int_eq(diag_count(d), n);
	for (int i = 0; i < n; i++) {
		const char *t = diag_text(d, i);
		ck_assert(strncmp(t, mf_dir, strlen(mf_dir)) == 0);
		ck_assert_str_eq(t + strlen(mf_dir) + 1, want[i]);
	}
	diag_free(d);
	mf_remove();
}

/* Loads the fixture itself; fails the test on any diagnostic. */
static inline report *
mf_load(diag *d)
{
	report *r = load_report(MODEL_FIXTURE, d);
	for (int i = 0; i < diag_count(d); i++)
		fprintf(stderr, "%s\n", diag_text(d, i));
	ck_assert_int_eq(diag_count(d), 0);
	ck_assert_ptr_nonnull(r);
	return r;
}

#endif
