/* tmp_root: one test's temporary folder, root (/tmp/NAME.XXXXXX, made by root_make and
 * removed with everything in it by root_remove), and files written into it and read
 * back. Included by one test file each (static helpers). */
#ifndef MKR_TMP_ROOT_H
#define MKR_TMP_ROOT_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/path.h"

static char root[64];

/* Makes root as /tmp/NAME.XXXXXX. */
static inline void
root_make(const char *name)
{
	snprintf(root, sizeof root, "/tmp/%s.XXXXXX", name);
	ck_assert_ptr_nonnull(mkdtemp(root));
}

/* Removes root and everything in it. */
static inline void
root_remove(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", root);
	ck_assert_int_eq(system(cmd), 0);
}

/* Writes text to root/rel. */
static inline void
put_file(const char *rel, const char *text)
{
	char *p = path_join(root, rel);
	FILE *f = fopen(p, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
	free(p);
}

/* Returns root/rel's bytes (a static copy, up to 4 KiB), or missing if it cannot be
 * read. */
static inline const char *
slurp_or(const char *rel, const char *missing)
{
	static char text[4096];
	char *p = path_join(root, rel);
	FILE *f = fopen(p, "r");
	size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
	text[n] = '\0';
	if (f)
		fclose(f);
	else
		snprintf(text, sizeof text, "%s", missing);
	free(p);
	return text;
}

#endif
