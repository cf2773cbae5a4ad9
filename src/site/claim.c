/* claim: the output paths of a build, each claimed once, so no two sources write one
 * file. */
#include "site/site.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/hash.h"

/* One claim: a file, or a folder that a file's path passes through. */
typedef struct claim {
	char *path; /* the path claimed (a folder's without its '/') */
	char *who;  /* the source writing it */
	char *role; /* what the file is to who */
	diag_pos pos; /* where who is written (file NULL: nowhere) */
} claim;

struct site_claims {
	hash_table *ix; /* "path" for a file, "path/" for a folder -> index in files */
	claim *files;   /* the file claims in order (folders point at the first file in
	                   them) */
	size_t n;       /* entries of files */
};

site_claims *
site_claims_new(void)
{
	site_claims *c = util_xcalloc(1, sizeof *c);
	c->ix = hash_new(HASH_OWN);
	return c;
}

void
site_claims_free(site_claims *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->files[i].path);
		free(c->files[i].who);
		free(c->files[i].role);
	}
	free(c->files);
	hash_free(c->ix);
	free(c);
}

/* Records the clash of the new claim (rel, who, role, pos) with the earlier claim e
 * (of the same path, or of a path that needs rel as a folder or the other way). */
static void
clash(diag *d, const char *rel, const char *who, const char *role, diag_pos pos,
    const claim *e)
{
	buf at;
	buf_init(&at);
	if (e->pos.file != NULL && e->pos.line > 0)
		buf_printf(&at, ", at %s:%d:%d", e->pos.file, e->pos.line, e->pos.col);
	else if (e->pos.file != NULL)
		buf_printf(&at, ", in %s", e->pos.file);
	diag_pos where = pos.file != NULL ? pos : e->pos;
	if (where.file == NULL)
		where = diag_file_pos(d, rel);
	if (strcmp(rel, e->path) == 0)
		diag_error(d, where, "%s writes '%s' (%s), which %s writes too (%s%s): choose "
		    "another name", who, rel, role, e->who, e->role, buf_str(&at));
	else
		diag_error(d, where, "%s writes '%s' (%s), which clashes with '%s' of %s (%s%s): "
		    "a path cannot be both a file and a folder", who, rel, role, e->path, e->who,
		    e->role, buf_str(&at));
	buf_free(&at);
}

/* Returns the claim behind key in c (a file's path, or a folder's path and '/'), or
 * NULL. */
static const claim *
find(const site_claims *c, const char *key, size_t len)
{
	size_t i;
	return hash_find(c->ix, key, len, &i) ? &c->files[i] : NULL;
}

/* Returns the earlier claim that rel clashes with, or NULL. */
static const claim *
taken(const site_claims *c, const char *rel)
{
	size_t n = strlen(rel);
	const claim *e = find(c, rel, n);
	if (e != NULL)
		return e;
	char *dir = util_xmalloc(n + 2);
	memcpy(dir, rel, n);
	memcpy(dir + n, "/", 2);
	e = find(c, dir, n + 1); /* rel is a folder of an earlier file */
	free(dir);
	for (const char *s = strchr(rel, '/'); e == NULL && s != NULL; s = strchr(s + 1, '/'))
		e = find(c, rel, (size_t)(s - rel)); /* a folder of rel is an earlier file */
	return e;
}

int
site_claim(site_claims *c, const char *rel, const char *who, const char *role,
    diag_pos pos, diag *d)
{
	const claim *e = taken(c, rel);
	if (e != NULL) {
		clash(d, rel, who, role, pos, e);
		return -1;
	}
	if ((c->n & (c->n - 1)) == 0) /* 0, 1, 2, 4...: double */
		c->files = util_xrealloc(c->files, (c->n ? 2 * c->n : 1) * sizeof *c->files);
	c->files[c->n] = (claim){ util_xstrdup(rel), util_xstrdup(who), util_xstrdup(role),
		pos };
	hash_add(c->ix, util_xstrdup(rel), c->n, NULL);
	for (const char *s = strchr(rel, '/'); s != NULL; s = strchr(s + 1, '/')) {
		char *dir = util_xstrndup(rel, (size_t)(s - rel) + 1);
		if (!hash_add(c->ix, dir, c->n, NULL))
			free(dir); /* the folder holds earlier files */
	}
	c->n++;
	return 0;
}

int
site_claimed(const site_claims *c, const char *rel)
{
	return c != NULL && find(c, rel, strlen(rel)) != NULL;
}
