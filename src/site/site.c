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

/* Returns 1 if p is a directory (following symlinks). */
static int
is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Creates dir and every missing parent (like mkdir -p). Returns 0, or -1 with errno. */
static int
mkdirs(const char *dir)
{
	char *p = util_xstrdup(dir);
	int rc = 0;
	for (char *s = strchr(p + 1, '/'); s != NULL && rc == 0; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (rc == 0 && mkdir(p, 0777) != 0 && errno != EEXIST)
		rc = -1;
	if (rc == 0 && !is_dir(p)) {
		errno = ENOTDIR;
		rc = -1;
	}
	free(p);
	return rc;
}

/* Returns 1 if full is a regular file (not a symlink) holding exactly bytes[0..n). */
static int
same_bytes(const char *full, const char *bytes, size_t n)
{
	int fd = open(full, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return 0;
	struct stat st;
	int same = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size == n;
	char chunk[65536];
	size_t off = 0;
	while (same && off < n) {
		size_t want = n - off < sizeof chunk ? n - off : sizeof chunk;
		ssize_t got = read(fd, chunk, want);
		if (got <= 0 || memcmp(chunk, bytes + off, (size_t)got) != 0)
			same = 0;
		else
			off += (size_t)got;
	}
	close(fd);
	return same;
}

/* Writes n bytes to fd, retrying short writes. Returns 0, or -1 with errno. */
static int
write_all(int fd, const char *bytes, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, bytes, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		bytes += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Returns a mkstemp template in the folder of full (caller frees). */
static char *
tmp_template(const char *full)
{
	const char *slash = strrchr(full, '/');
	buf b;
	buf_init(&b);
	if (slash)
		buf_append(&b, full, (size_t)(slash - full) + 1);
	buf_puts(&b, ".mkreport-tmp-XXXXXX");
	return buf_detach(&b);
}

/* Writes bytes to a new temporary file in the folder of at (at itself is untouched).
 * Returns its path (caller frees), or NULL after recording the error as full's. */
static char *
write_temp(diag *d, const char *at, const char *full, const char *bytes, size_t n)
{
	char *tmp = tmp_template(at);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		io_error(d, full, "cannot create a temporary file");
		free(tmp);
		return NULL;
	}
	int ok = write_all(fd, bytes, n) == 0 && fchmod(fd, 0644) == 0;
	if (close(fd) != 0)
		ok = 0;
	if (!ok) {
		io_error(d, full, "cannot write");
		unlink(tmp);
		free(tmp);
		return NULL;
	}
	return tmp;
}

/* Makes full hold bytes (through a temporary file renamed over it): returns 0 if it
 * already did, 1 if written, -1 on error. */
static int
sync_file(diag *d, const char *full, const char *bytes, size_t n)
{
	if (same_bytes(full, bytes, n))
		return 0;
	char *tmp = write_temp(d, full, full, bytes, n);
	if (tmp == NULL)
		return -1;
	int rc = rename(tmp, full) == 0 ? 1 : -1;
	if (rc < 0) {
		io_error(d, full, "cannot write");
		unlink(tmp);
	}
	free(tmp);
	return rc;
}

/* Creates the folders holding dir/rel. Returns 0, or -1 after recording the error. */
static int
make_parents(diag *d, const char *dir, const char *rel)
{
	const char *slash = strrchr(rel, '/');
	if (slash == NULL)
		return 0;
	char *sub = util_xstrndup(rel, (size_t)(slash - rel));
	char *full = path_join(dir, sub);
	int rc = mkdirs(full);
	if (rc != 0)
		io_error(d, full, "cannot create folder");
	free(full);
	free(sub);
	return rc;
}

/* Appends a copy of s to l (unsorted). */
static void
list_push(site_list *l, const char *s, size_t n)
{
	l->v = util_xrealloc(l->v, (l->n + 1) * sizeof(char *));
	l->v[l->n++] = util_xstrndup(s, n);
}

/* Frees l's strings and empties it. */
static void
list_free(site_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* qsort comparison of two char * by strcmp. */
static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads dir's previous manifest into l (valid relpaths only; none if there is no
 * manifest). Returns 0, or -1 after recording a read error. */
static int
manifest_read(diag *d, const char *dir, site_list *l)
{
	char *full = path_join(dir, SITE_MANIFEST);
	char *text = NULL;
	size_t len = 0;
	int rc = path_read_file(full, (size_t)64 << 20, &text, &len);
	if (rc != PATH_OK) {
		int missing = rc == PATH_ERRNO && errno == ENOENT;
		if (!missing)
			io_error(d, full, "cannot read the previous manifest");
		free(full);
		return missing ? 0 : -1;
	}
	for (char *p = text; p < text + len;) {
		char *nl = memchr(p, '\n', (size_t)(text + len - p));
		size_t k = nl ? (size_t)(nl - p) : (size_t)(text + len - p);
		list_push(l, p, k);
		if (!relpath_ok(l->v[l->n - 1]))
			free(l->v[--l->n]);
		p += k + 1;
	}
	qsort(l->v, l->n, sizeof(char *), cmp_str);
	free(text);
	free(full);
	return 0;
}

/* Removes now-empty folders holding dir/rel, deepest first, up to (not) dir. */
static void
prune_parents(const char *dir, const char *rel)
{
	char *sub = util_xstrdup(rel);
	for (char *slash = strrchr(sub, '/'); slash != NULL; slash = strrchr(sub, '/')) {
		*slash = '\0';
		char *full = path_join(dir, sub);
		int rc = rmdir(full);
		free(full);
		if (rc != 0)
			break;
	}
	free(sub);
}

/* Returns 1 if every folder on the way from dir to dir/rel is a real folder, not a
 * symlink (which could lead a manifest entry out of dir). */
static int
parents_real(const char *dir, const char *rel)
{
	int ok = 1;
	for (const char *s = strchr(rel, '/'); ok && s != NULL; s = strchr(s + 1, '/')) {
		char *sub = util_xstrndup(rel, (size_t)(s - rel));
		char *full = path_join(dir, sub);
		struct stat st;
		ok = lstat(full, &st) == 0 && S_ISDIR(st.st_mode);
		free(full);
		free(sub);
	}
	return ok;
}

/* Removes the files of old that o no longer produces. Returns 0 or -1. */
static int
remove_stale(const site_out *o, const site_list *old, const char *dir, diag *d,
    site_stats *st)
{
	int rc = 0;
	for (size_t i = 0; i < old->n; i++) {
		if (site_out_get(o, old->v[i], NULL) != NULL || !parents_real(dir, old->v[i]))
			continue;
		char *full = path_join(dir, old->v[i]);
		if (unlink(full) == 0) {
			st->removed++;
			prune_parents(dir, old->v[i]);
		} else if (errno != ENOENT) {
			io_error(d, full, "cannot remove");
			rc = -1;
		}
		free(full);
	}
	return rc;
}

/* A changed file written to a temporary file, waiting to be renamed into place. */
typedef struct site_stage {
	const site_file *f; /* the output file */
	char *full;         /* dir/f->path */
	char *tmp;          /* the temporary file (owned path) */
	int made_parent;    /* 1 if staging created f's folder (pruned if the commit fails) */
} site_stage;

/* Returns 1 if old lists a path below rel ("rel/..."): a folder the last build made. */
static int
old_has_below(const site_list *old, const char *rel)
{
	size_t k = strlen(rel);
	for (size_t i = 0; i < old->n; i++)
		if (strncmp(old->v[i], rel, k) == 0 && old->v[i][k] == '/')
			return 1;
	return 0;
}

/* Returns 1 if a proper prefix of rel is a stale file of the last build (one that o no
 * longer produces): a file that becomes a folder, cleared before files are renamed. */
static int
stale_prefix(const site_out *o, const site_list *old, const char *rel)
{
	for (const char *s = strchr(rel, '/'); s != NULL; s = strchr(s + 1, '/')) {
		char *pre = util_xstrndup(rel, (size_t)(s - rel));
		int stale = 0;
		for (size_t i = 0; !stale && i < old->n; i++)
			stale = strcmp(old->v[i], pre) == 0 && site_out_get(o, pre, NULL) == NULL;
		free(pre);
		if (stale)
			return 1;
	}
	return 0;
}

/* Where the temporary file for st goes: its own folder (created if missing), or dir
 * itself while a stale file of the last build still sits where that folder goes.
 * Returns the path to pass to tmp_template (caller frees), or NULL after an error. */
static char *
stage_at(const site_out *o, const site_list *old, const char *dir, diag *d,
    site_stage *st)
{
	const char *slash = strrchr(st->f->path, '/');
	if (slash == NULL)
		return util_xstrdup(st->full);
	char *sub = util_xstrndup(st->f->path, (size_t)(slash - st->f->path));
	char *folder = path_join(dir, sub);
	free(sub);
	st->made_parent = !is_dir(folder);
	if (mkdirs(folder) == 0) {
		free(folder);
		return util_xstrdup(st->full);
	}
	st->made_parent = 0;
	if (errno == ENOTDIR && stale_prefix(o, old, st->f->path)) {
		free(folder);
		return path_join(dir, SITE_MANIFEST); /* only its folder (dir) counts */
	}
	io_error(d, folder, "cannot create folder");
	free(folder);
	return NULL;
}

/* Stages file f: 0 if unchanged (st->tmp NULL), 1 if staged, -1 after an error. */
static int
stage_one(const site_out *o, const site_list *old, const char *dir, diag *d,
    site_stage *st)
{
	st->full = path_join(dir, st->f->path);
	if (same_bytes(st->full, st->f->bytes, st->f->n))
		return 0;
	struct stat sb;
	if (lstat(st->full, &sb) == 0 && S_ISDIR(sb.st_mode) && !old_has_below(old, st->f->path)) {
		errno = EISDIR;
		io_error(d, st->full, "cannot write");
		return -1;
	}
	char *at = stage_at(o, old, dir, d, st);
	if (at == NULL)
		return -1;
	st->tmp = write_temp(d, at, st->full, st->f->bytes, st->f->n);
	free(at);
	return st->tmp ? 1 : -1;
}

/* Frees the stages; with undo, removes their temporary files and the folders staging
 * created. */
static void
stages_free(site_stage *sg, size_t n, const char *dir, int undo)
{
	for (size_t i = 0; i < n; i++) {
		if (undo && sg[i].tmp != NULL)
			unlink(sg[i].tmp);
		if (undo && sg[i].made_parent)
			prune_parents(dir, sg[i].f->path);
		free(sg[i].full);
		free(sg[i].tmp);
	}
	free(sg);
}

/* Writes every changed file of o to a temporary file beside its place. Returns the
 * stages (*n of them), or NULL after an error with nothing of dir changed. */
static site_stage *
stage_all(const site_out *o, const site_list *old, const char *dir, diag *d,
    site_stats *st, size_t *n)
{
	site_stage *sg = util_xcalloc(o->n ? o->n : 1, sizeof *sg);
	*n = 0;
	for (size_t i = 0; i < o->n; i++) {
		site_stage *s = &sg[*n];
		s->f = &o->files[i];
		int rc = stage_one(o, old, dir, d, s);
		(*n)++;
		if (rc < 0) {
			stages_free(sg, *n, dir, 1);
			return NULL;
		}
		if (rc == 0)
			st->unchanged++;
	}
	return sg;
}

/* Renames every staged file into place (after stale files went). Returns 0 or -1. */
static int
apply_stages(site_stage *sg, size_t n, const char *dir, diag *d, site_stats *st)
{
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		if (sg[i].tmp == NULL)
			continue;
		int ok = make_parents(d, dir, sg[i].f->path) == 0;
		if (ok && rename(sg[i].tmp, sg[i].full) != 0) {
			io_error(d, sg[i].full, "cannot write");
			ok = 0;
		}
		if (ok) {
			st->written++;
		} else {
			unlink(sg[i].tmp);
			rc = -1;
		}
		free(sg[i].tmp);
		sg[i].tmp = NULL;
	}
	return rc;
}

/* Writes the manifest: o's paths, plus old's when keep_old (after a failure, so the
 * next build still knows every file it may have left). Returns 0 or -1. */
static int
manifest_write(const site_out *o, const site_list *old, int keep_old, const char *dir,
    diag *d)
{
	site_list l = { NULL, 0 };
	for (size_t i = 0; i < o->n; i++)
		list_push(&l, o->files[i].path, strlen(o->files[i].path));
	for (size_t i = 0; keep_old && i < old->n; i++)
		if (site_out_get(o, old->v[i], NULL) == NULL)
			list_push(&l, old->v[i], strlen(old->v[i]));
	qsort(l.v, l.n, sizeof(char *), cmp_str);
	buf b;
	buf_init(&b);
	for (size_t i = 0; i < l.n; i++)
		buf_printf(&b, "%s\n", l.v[i]);
	char *full = path_join(dir, SITE_MANIFEST);
	int rc = sync_file(d, full, b.data ? b.data : "", b.len);
	free(full);
	buf_free(&b);
	list_free(&l);
	return rc < 0 ? -1 : 0;
}

/* Records an error for each relpath site_out_add refused. Returns their count. */
static size_t
report_bad(const site_out *o, diag *d)
{
	for (size_t i = 0; i < o->nbad; i++)
		diag_error(d, diag_file_pos(d, o->bad[i]),
		    "internal error: output path is not a clean relative path");
	return o->nbad;
}

int
site_commit(const site_out *o, const char *dir, diag *d, site_stats *st)
{
	site_stats local;
	if (st == NULL)
		st = &local;
	*st = (site_stats){ 0, 0, 0 };
	if (dir == NULL || dir[0] == '\0')
		dir = ".";
	if (report_bad(o, d) > 0)
		return -1;
	if (mkdirs(dir) != 0) {
		io_error(d, dir, "cannot create the output folder");
		return -1;
	}
	site_list old = { NULL, 0 };
	if (manifest_read(d, dir, &old) != 0)
		return -1;
	size_t n;
	site_stage *sg = stage_all(o, &old, dir, d, st, &n);
	if (sg == NULL) {
		list_free(&old);
		return -1;
	}
	int rc = remove_stale(o, &old, dir, d, st);
	if (apply_stages(sg, n, dir, d, st) != 0)
		rc = -1;
	stages_free(sg, n, dir, 0);
	if (manifest_write(o, &old, rc != 0, dir, d) != 0)
		rc = -1;
	list_free(&old);
	return rc;
}
