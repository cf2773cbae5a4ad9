/* site: the set of output files in memory. */
#include "site/site.h"

#include <stdlib.h>
#include <string.h>

#include "site/site_int.h"
#include "util/buf.h"

site_out *
site_out_new(void)
{
	return util_xcalloc(1, sizeof(site_out));
}

void
site_out_free(site_out *o)
{
	if (o == NULL)
		return;
	for (size_t i = 0; i < o->n; i++) {
		free(o->files[i].path);
		free(o->files[i].bytes);
	}
	for (size_t i = 0; i < o->nbad; i++)
		free(o->bad[i]);
	free(o->files);
	free(o->bad);
	free(o);
}

int
site_path_ok(const char *rel)
{
	if (rel == NULL || rel[0] == '\0' || strcmp(rel, SITE_MANIFEST) == 0)
		return 0;
	const char *p = rel;
	for (;;) {
		size_t k = strcspn(p, "/");
		if (k == 0 || (k == 1 && p[0] == '.') || (k == 2 && p[0] == '.' && p[1] == '.'))
			return 0;
		if (p[k] == '\0')
			return 1;
		p += k + 1;
	}
}

/* Returns the index of the first file whose path is >= rel (binary search). */
static size_t
find_slot(const site_out *o, const char *rel)
{
	size_t lo = 0, hi = o->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(o->files[mid].path, rel) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void
site_out_add(site_out *o, const char *relpath, const void *bytes, size_t n)
{
	if (!site_path_ok(relpath)) {
		o->bad = util_xrealloc(o->bad, (o->nbad + 1) * sizeof(char *));
		o->bad[o->nbad++] = util_xstrdup(relpath ? relpath : "(null)");
		return;
	}
	char *copy = util_xmalloc(n + 1);
	if (n)
		memcpy(copy, bytes, n);
	copy[n] = '\0';
	size_t i = find_slot(o, relpath);
	if (i < o->n && strcmp(o->files[i].path, relpath) == 0) {
		free(o->files[i].bytes);
		o->files[i].bytes = copy;
		o->files[i].n = n;
		return;
	}
	if (o->n == o->cap) {
		o->cap = o->cap ? 2 * o->cap : 16;
		o->files = util_xrealloc(o->files, o->cap * sizeof(site_file));
	}
	memmove(o->files + i + 1, o->files + i, (o->n - i) * sizeof(site_file));
	o->files[i] = (site_file){ util_xstrdup(relpath), copy, n };
	o->n++;
}

size_t
site_out_count(const site_out *o)
{
	return o->n;
}

const char *
site_out_path(const site_out *o, size_t i)
{
	return i < o->n ? o->files[i].path : NULL;
}

const void *
site_out_get(const site_out *o, const char *relpath, size_t *n)
{
	size_t i = find_slot(o, relpath);
	if (i >= o->n || strcmp(o->files[i].path, relpath) != 0)
		return NULL;
	if (n)
		*n = o->files[i].n;
	return o->files[i].bytes;
}
