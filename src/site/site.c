/* site: the set of output files in memory, and committing it to a folder. */
#include "site/site.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/path.h"

#define SITE_MANIFEST ".mkreport-manifest"

/* One output file. */
typedef struct site_file {
	char *path;   /* relative path, validated or listed in bad */
	char *bytes;  /* owned copy of the contents */
	size_t n;     /* bytes */
} site_file;

struct site_out {
	site_file *files; /* sorted by path (strcmp) */
	size_t n;         /* files used */
	size_t cap;       /* files allocated */
	char **bad;       /* relpaths refused by site_out_add, reported by site_commit */
	size_t nbad;      /* count of bad */
};

/* A sorted list of relative paths (the manifest). */
typedef struct site_list {
	char **v;  /* owned strings, sorted */
	size_t n;  /* count */
} site_list;

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

/* Returns 1 if rel is a clean relative path: non-empty components, none "." or "..",
 * no leading '/', and not the manifest's own name. */
static int
relpath_ok(const char *rel)
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
	if (!relpath_ok(relpath)) {
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

/* Records "path: error: what: strerror(errno)". */
static void
io_error(diag *d, const char *path, const char *what)
{
	int e = errno;
	diag_error(d, diag_file_pos(d, path), "%s: %s", what, strerror(e));
}

/* Creates dir and every missing parent (like mkdir -p). Returns 0 or -1 (errno set). */
static int
mkdirs(const char *dir)
{
	char *p = util_xstrdup(dir);
	int rc = 0;
	for (char *s = p + 1; rc == 0; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST)
			rc = -1;
		else if (c == '\0' && !path_is_dir_(p))
			rc = -1;
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return rc;
}
