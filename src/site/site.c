/* site: the set of output files, in memory or streamed to the new site's folder. */
#include "site/site.h"

#include <stdlib.h>
#include <string.h>

#include "site/site_int.h"
#include "util/buf.h"
#include "util/hash.h"

site_out *
site_out_new(void)
{
	site_out *o = util_xcalloc(1, sizeof(site_out));
	o->index = hash_new(HASH_BORROW);
	o->sorted = 1;
	return o;
}

void
site_out_free(site_out *o)
{
	if (o == NULL)
		return;
	site_stage_free(o->stage);
	hash_free(o->index);
	for (size_t i = 0; i < o->n; i++) {
		free(o->files[i].path);
		free(o->files[i].bytes);
	}
	for (size_t i = 0; i < o->nbad; i++)
		free(o->bad[i]);
	site_rec_clear(o);
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

/* qsort comparison of two site_files by path. */
static int
cmp_file(const void *a, const void *b)
{
	return strcmp(((const site_file *)a)->path, ((const site_file *)b)->path);
}

void
site_out_sort(site_out *o)
{
	if (o->sorted)
		return;
	qsort(o->files, o->n, sizeof(site_file), cmp_file);
	for (size_t i = 0; i < o->n; i++)
		*hash_ref(o->index, o->files[i].path) = i;
	o->sorted = 1;
}

site_file *
site_out_find(const site_out *o, const char *relpath)
{
	size_t i;
	return hash_get(o->index, relpath, &i) ? &o->files[i] : NULL;
}

/* Adds relpath with bytes[0..n) to o (replacing an earlier file at relpath), named id
 * if id is not NULL: kept in o (owned: taken over, else copied; NULL bytes of a named
 * file: none), or, when streaming, put in the new folder at once and not kept (owned:
 * freed). */
static void
add_file(site_out *o, const char *relpath, const char *bytes, size_t n, int owned,
    const uint8_t *id)
{
	if (!site_path_ok(relpath)) {
		o->bad = util_xrealloc(o->bad, (o->nbad + 1) * sizeof(char *));
		o->bad[o->nbad++] = util_xstrdup(relpath ? relpath : "(null)");
		if (owned)
			free((char *)bytes);
		return;
	}
	site_file *f = site_out_find(o, relpath);
	if (f == NULL) {
		if (o->n == o->cap) {
			o->cap = o->cap ? 2 * o->cap : 16;
			o->files = util_xrealloc(o->files, o->cap * sizeof(site_file));
		}
		f = &o->files[o->n];
		memset(f, 0, sizeof *f);
		f->path = util_xstrdup(relpath);
		if (o->n > 0 && o->sorted && strcmp(o->files[o->n - 1].path, relpath) > 0)
			o->sorted = 0;
		hash_add(o->index, f->path, o->n++, NULL);
	}
	free(f->bytes);
	f->bytes = NULL;
	f->n = n;
	f->has_id = id != NULL;
	if (id != NULL)
		memcpy(f->id, id, SHA256_LEN);
	if (o->stage != NULL) {
		f->bytes = (char *)bytes;
		f->iov = o->iov; /* site_out_add_pieces' */
		f->niov = o->niov;
		(void)site_stage_put(o->stage, f); /* an error is recorded; the commit fails */
		f->iov = NULL;
		f->niov = 0;
		f->bytes = NULL;
		if (owned)
			free((char *)bytes);
		return;
	}
	if (!owned && bytes != NULL) {
		char *copy = util_xmalloc(n + 1);
		if (n)
			memcpy(copy, bytes, n);
		copy[n] = '\0';
		bytes = copy;
	}
	f->bytes = (char *)bytes;
}

void
site_out_add(site_out *o, const char *relpath, const void *bytes, size_t n)
{
	add_file(o, relpath, bytes != NULL ? bytes : "", n, 0, NULL);
}

void
site_out_take(site_out *o, const char *relpath, buf *b)
{
	size_t n = b->len;
	add_file(o, relpath, buf_detach(b), n, 1, NULL);
}

void
site_out_add_pieces(site_out *o, const char *relpath, const struct iovec *v, size_t n)
{
	size_t len = 0;
	for (size_t i = 0; i < n; i++)
		len += v[i].iov_len;
	if (o->stage == NULL || !site_path_ok(relpath)) { /* kept whole, or refused */
		char *all = util_xmalloc(len + 1), *p = all;
		for (size_t i = 0; i < n; i++) {
			if (v[i].iov_len > 0)
				memcpy(p, v[i].iov_base, v[i].iov_len);
			p += v[i].iov_len;
		}
		*p = '\0';
		add_file(o, relpath, all, len, 1, NULL);
		return;
	}
	o->iov = util_xcalloc(n + 1, sizeof *o->iov); /* for add_file's put */
	memcpy(o->iov, v, n * sizeof *o->iov);
	o->niov = n;
	add_file(o, relpath, NULL, len, 0, NULL);
	free(o->iov);
	o->iov = NULL;
	o->niov = 0;
}

void
site_out_add_named(site_out *o, const char *relpath, const void *bytes, size_t n,
    const uint8_t id[SHA256_LEN])
{
	add_file(o, relpath, bytes, n, 0, id);
}

void
site_out_fetch_from(site_out *o, site_fetch *fn, void *arg)
{
	o->fetch = fn;
	o->fetch_arg = arg;
}

int
site_out_stale(const site_out *o)
{
	return o->stale;
}

size_t
site_out_count(const site_out *o)
{
	return o->n;
}

const char *
site_out_path(site_out *o, size_t i)
{
	site_out_sort(o);
	return i < o->n ? o->files[i].path : NULL;
}

const void *
site_out_get(const site_out *o, const char *relpath, size_t *n)
{
	const site_file *f = site_out_find(o, relpath);
	if (f == NULL || f->bytes == NULL)
		return NULL;
	if (n)
		*n = f->n;
	return f->bytes;
}
