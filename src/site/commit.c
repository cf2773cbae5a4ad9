/* site/commit: a new site built beside the old one and swapped in, in one step. */
#define _GNU_SOURCE /* renameat2's RENAME_EXCHANGE */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "site/site_int.h"
#include "util/path.h"

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

/* A sorted list of relative paths. */
typedef struct site_list {
	char **v;  /* owned strings, sorted */
	size_t n;  /* count */
} site_list;

/* One commit's state (site_int.h's site_stage). */
typedef struct site_stage {
	site_out *o;        /* the new site's files */
	site_dest *s;       /* where it goes */
	diag *d;            /* errors */
	site_stats counts;  /* written, unchanged (so far) and removed */
	site_list old;      /* the previous build's manifest */
	site_list dirs;     /* every folder that holds a file of o */
	int ofd;            /* the old site's folder, or -1 if there is none */
	int nfd;            /* the new site's folder */
	char *newname;      /* its name in the parent */
	int failed;         /* an error was recorded */
	site_cursor oc;     /* the last folder used in the old site */
	site_cursor nc;     /* the last folder used in the new site */
	int fix_mode;       /* the umask takes bits of 0644: files need an fchmod */
} commit;

/* Records "DIR/rel: error: what: strerror(errno)" (rel may be NULL). */
static void
commit_error(commit *c, const char *rel, const char *what)
{
	int e = errno;
	char *full = rel ? path_join(c->s->shown, rel) : util_xstrdup(c->s->shown);
	diag_error(c->d, diag_file_pos(c->d, full), "%s: %s", what, strerror(e));
	free(full);
	c->failed = 1;
}

/* Returns 1 if *c->s->stop is set. */
static int
stopped(const commit *c)
{
	return c->s->stop != NULL && *c->s->stop != 0;
}

/* qsort comparison of two char * by strcmp. */
static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends a copy of s[0..n) to l (unsorted). */
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

/* Sorts l and drops duplicates. */
static void
list_sort(site_list *l)
{
	if (l->n == 0)
		return;
	qsort(l->v, l->n, sizeof(char *), cmp_str);
	size_t k = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (k > 0 && strcmp(l->v[k - 1], l->v[i]) == 0)
			free(l->v[i]);
		else
			l->v[k++] = l->v[i];
	}
	l->n = k;
}

/* Returns 1 if the sorted list l holds s. */
static int
list_has(const site_list *l, const char *s)
{
	return l->n > 0 && bsearch(&s, l->v, l->n, sizeof(char *), cmp_str) != NULL;
}

/* Reads all of fd (at most limit bytes) into *text (caller frees). Returns 0 or -1. */
static int
read_all(int fd, size_t limit, char **text, size_t *len)
{
	buf b;
	buf_init(&b);
	char chunk[65536];
	for (;;) {
		ssize_t got = read(fd, chunk, sizeof chunk);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0 || b.len + (size_t)got > limit) {
			buf_free(&b);
			return -1;
		}
		if (got == 0)
			break;
		buf_append(&b, chunk, (size_t)got);
	}
	*len = b.len;
	*text = buf_detach(&b);
	return 0;
}

/* Reads the old site's manifest into c->old (valid relpaths only; none if the old
 * site or its manifest is missing). */
static void
manifest_read(commit *c)
{
	int fd = c->ofd < 0 ? -1
	    : openat(c->ofd, SITE_MANIFEST, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	char *text = NULL;
	size_t len = 0;
	if (fd < 0 || read_all(fd, (size_t)64 << 20, &text, &len) != 0) {
		if (fd >= 0)
			close(fd);
		return;
	}
	close(fd);
	for (char *p = text; p < text + len;) {
		char *nl = memchr(p, '\n', (size_t)(text + len - p));
		size_t k = nl ? (size_t)(nl - p) : (size_t)(text + len - p);
		list_push(&c->old, p, k);
		if (!site_path_ok(c->old.v[c->old.n - 1]))
			free(c->old.v[--c->old.n]);
		p += k + 1;
	}
	list_sort(&c->old);
	free(text);
}

/* Fills c->dirs with every folder on the way to a file of o. */
static void
collect_dirs(commit *c)
{
	for (size_t i = 0; i < c->o->n; i++) {
		const char *p = c->o->files[i].path;
		for (const char *s = strchr(p, '/'); s != NULL; s = strchr(s + 1, '/'))
			list_push(&c->dirs, p, (size_t)(s - p));
	}
	list_sort(&c->dirs);
}

/* Removes the leftovers of interrupted builds into the same folder. */
static void
sweep(commit *c)
{
	int fd = dup(c->s->pfd);
	DIR *dp = fd < 0 ? NULL : fdopendir(fd);
	if (dp == NULL) {
		if (fd >= 0)
			close(fd);
		return;
	}
	rewinddir(dp);
	site_list gone = { NULL, 0 };
	for (struct dirent *e = readdir(dp); e != NULL; e = readdir(dp)) {
		struct stat st;
		if (site_is_leftover(c->s, e->d_name)
		    && fstatat(c->s->pfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0
		    && S_ISDIR(st.st_mode))
			list_push(&gone, e->d_name, strlen(e->d_name));
	}
	closedir(dp);
	for (size_t i = 0; i < gone.n; i++)
		(void)site_rm_tree(c->s->pfd, gone.v[i]); /* what stays is swept next time */
	list_free(&gone);
}

/* Returns 1 if name in folder at is a regular file (not a symlink) holding exactly
 * the n bytes of the nv pieces v, else 0. */
static int
same_bytes(int at, const char *name, const struct iovec *v, size_t nv, size_t n)
{
	int fd = openat(at, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return 0;
	struct stat st;
	int same = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size == n;
	char chunk[65536];
	for (size_t i = 0, off = 0; same && i < nv; off = 0, i++) {
		const char *bytes = v[i].iov_base;
		while (same && off < v[i].iov_len) {
			size_t left = v[i].iov_len - off;
			ssize_t got = read(fd, chunk, left < sizeof chunk ? left : sizeof chunk);
			if (got <= 0 || memcmp(chunk, bytes + off, (size_t)got) != 0)
				same = 0;
			else
				off += (size_t)got;
		}
	}
	close(fd);
	return same;
}

/* Writes the nv pieces v to fd, retrying short writes (v is used up). Returns 0, or -1
 * with errno. */
static int
write_all(int fd, struct iovec *v, size_t nv)
{
	while (nv > 0) {
		if (v->iov_len == 0) {
			v++;
			nv--;
			continue;
		}
		ssize_t w = writev(fd, v, nv > IOV_MAX ? IOV_MAX : (int)nv);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		for (size_t k = (size_t)w; k > 0;) {
			size_t take = k < v->iov_len ? k : v->iov_len;
			v->iov_base = (char *)v->iov_base + take;
			v->iov_len -= take;
			k -= take;
			if (v->iov_len == 0 && k > 0) {
				v++;
				nv--;
			}
		}
	}
	return 0;
}

/* Creates name in the new folder at (never following a symlink) holding the nv pieces
 * v, mode 0644 (set with fchmod when fix_mode: the umask takes some of its bits).
 * Returns 0, or -1 with errno. */
static int
write_new(int at, const char *name, const struct iovec *v, size_t nv, int fix_mode)
{
	struct iovec *w = util_xcalloc(nv + 1, sizeof *w); /* before the file: no fd lost */
	memcpy(w, v, nv * sizeof *w);
	int fd = openat(at, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0) {
		free(w);
		return -1;
	}
	int ok = write_all(fd, w, nv) == 0 && (!fix_mode || fchmod(fd, 0644) == 0);
	int e = errno;
	free(w);
	if (close(fd) != 0 && ok) {
		ok = 0;
		e = errno;
	}
	errno = e;
	return ok ? 0 : -1;
}

/* Puts file rel, the n bytes of the nv pieces v, into the new site: hard-linked from the
 * old site if that holds the same bytes there, else written. Returns 0 if linked, 1 if
 * written, -1 after an error. */
static int
place_pieces(commit *c, const char *rel, const struct iovec *v, size_t nv, size_t n)
{
	site_cursor *oc = &c->oc, *nc = &c->nc;
	const char *slash = strrchr(rel, '/');
	size_t k = slash ? (size_t)(slash - rel) : 0;
	const char *base = slash ? slash + 1 : rel;
	int nd = site_cursor_dir(nc, rel, k, 1);
	if (nd < 0) {
		char *sub = util_xstrndup(rel, k);
		commit_error(c, sub, "cannot create folder");
		free(sub);
		return -1;
	}
	int od = c->ofd < 0 ? -1 : site_cursor_dir(oc, rel, k, 0);
	if (od >= 0 && same_bytes(od, base, v, nv, n) && linkat(od, base, nd, base, 0) == 0)
		return 0;
	if (write_new(nd, base, v, nv, c->fix_mode) != 0) {
		commit_error(c, rel, "cannot write");
		return -1;
	}
	return 1;
}

/* place_pieces of the n bytes at bytes. */
static int
place_file(commit *c, const char *rel, const char *bytes, size_t n)
{
	struct iovec v = { (void *)bytes, n };
	return place_pieces(c, rel, &v, 1, n);
}

/* Returns the identity st gives of a file. */
static site_ident
ident_of(const struct stat *st)
{
	return (site_ident){ (unsigned long long)st->st_dev, (unsigned long long)st->st_ino,
		(unsigned long long)st->st_size, (long long)st->st_mtim.tv_sec,
		(long long)st->st_mtim.tv_nsec };
}

/* Puts the named file f into the new site: hard-linked from the old site without
 * reading it if the previous commit recorded it there with the same id and it is still
 * the file recorded; else its bytes (fetched if o does not hold them) are placed as
 * place_file does. Sets f's identity. Returns 0 if linked, 1 if written, -1 after an
 * error (a failed fetch marks o stale, recording nothing). */
static int
place_named(commit *c, site_file *f)
{
	const site_rec *rec = site_rec_find(c->o, f->path);
	const char *slash = strrchr(f->path, '/');
	size_t k = slash ? (size_t)(slash - f->path) : 0;
	const char *base = slash ? slash + 1 : f->path;
	struct stat st;
	if (rec != NULL && memcmp(rec->id, f->id, SHA256_LEN) == 0 && rec->ident.size == f->n &&
	    c->ofd >= 0) {
		int od = site_cursor_dir(&c->oc, f->path, k, 0);
		int nd = od < 0 ? -1 : site_cursor_dir(&c->nc, f->path, k, 1);
		if (nd >= 0 && fstatat(od, base, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(st.st_mode)) {
			site_ident now = ident_of(&st);
			if (now.dev == rec->ident.dev && now.ino == rec->ident.ino &&
			    now.size == rec->ident.size && now.mtime_s == rec->ident.mtime_s &&
			    now.mtime_ns == rec->ident.mtime_ns && linkat(od, base, nd, base, 0) == 0) {
				f->ident = now;
				f->known = 1;
				return 0;
			}
		}
	}
	buf b;
	buf_init(&b);
	const char *bytes = f->bytes;
	if (bytes == NULL) {
		if (c->o->fetch == NULL || c->o->fetch(c->o->fetch_arg, f->id, f->n, &b) != 0 ||
		    b.len != f->n) {
			buf_free(&b);
			c->o->stale = 1;
			c->failed = 1;
			return -1;
		}
		bytes = b.data ? b.data : "";
	}
	int r = place_file(c, f->path, bytes, f->n);
	buf_free(&b);
	int nd = r < 0 ? -1 : site_cursor_dir(&c->nc, f->path, k, 0);
	f->known = nd >= 0 && fstatat(nd, base, &st, AT_SYMLINK_NOFOLLOW) == 0;
	if (f->known)
		f->ident = ident_of(&st);
	return r;
}

int
site_stage_put(commit *c, site_file *f)
{
	if (c->failed || stopped(c))
		return c->failed ? -1 : 0;
	if (f->placed != 0) { /* added again: the later bytes win */
		const char *slash = strrchr(f->path, '/');
		size_t k = slash ? (size_t)(slash - f->path) : 0;
		int nd = site_cursor_dir(&c->nc, f->path, k, 0);
		if (nd < 0 || unlinkat(nd, slash ? slash + 1 : f->path, 0) != 0) {
			commit_error(c, f->path, "cannot replace");
			return -1;
		}
		if (f->placed == 1)
			c->counts.unchanged--;
		else
			c->counts.written--;
		f->placed = 0;
	}
	f->known = 0;
	int r = f->has_id ? place_named(c, f) : f->iov != NULL ?
	    place_pieces(c, f->path, f->iov, f->niov, f->n) :
	    place_file(c, f->path, f->bytes ? f->bytes : "", f->n);
	if (r < 0)
		return -1;
	f->placed = r == 0 ? 1 : 2;
	if (r == 0)
		c->counts.unchanged++;
	else
		c->counts.written++;
	return 0;
}

/* Puts the files of o not placed yet into the new site. Returns 0 or -1. */
static int
place_all(commit *c)
{
	for (size_t i = 0; i < c->o->n && !c->failed && !stopped(c); i++)
		if (c->o->files[i].placed == 0)
			(void)site_stage_put(c, &c->o->files[i]);
	return c->failed ? -1 : 0;
}

/* Puts the manifest, the list of o's paths, into the new site. Returns 0 or -1. */
static int
place_manifest(commit *c)
{
	if (c->failed || stopped(c))
		return c->failed ? -1 : 0;
	buf b;
	buf_init(&b);
	for (size_t i = 0; i < c->o->n; i++) {
		buf_puts(&b, c->o->files[i].path);
		buf_putc(&b, '\n');
	}
	int rc = place_file(c, SITE_MANIFEST, b.data ? b.data : "", b.len) < 0 ? -1 : 0;
	buf_free(&b);
	return rc;
}

/* Copies the regular file or symlink name from folder from to folder to (when a hard
 * link is not possible). Returns 0, or -1 with errno. */
static int
copy_entry(int from, int to, const char *name, const struct stat *st)
{
	if (S_ISLNK(st->st_mode)) {
		char target[4096];
		ssize_t k = readlinkat(from, name, target, sizeof target - 1);
		if (k < 0)
			return -1;
		target[k] = '\0';
		return symlinkat(target, to, name);
	}
	if (!S_ISREG(st->st_mode))
		return -1;
	int fd = openat(from, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	char *text = NULL;
	size_t len = 0;
	int rc = fd < 0 || read_all(fd, (size_t)1 << 40, &text, &len) != 0 ? -1
	    : write_new(to, name, &(struct iovec){ text, len }, 1, 1);
	int e = errno;
	if (rc == 0)
		(void)fchmodat(to, name, st->st_mode & 07777, 0);
	if (fd >= 0)
		close(fd);
	free(text);
	errno = e;
	return rc;
}

static size_t carry_dir(commit *c, int from, int to, buf *rel, size_t *seen);

/* Carries the folder name (at rel, in from) into to, where the build makes no file.
 * Returns the count of entries carried (an empty folder counts as one). */
static size_t
carry_sub(commit *c, int from, int to, const char *name, const struct stat *st, buf *rel)
{
	int sub = openat(from, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (sub < 0)
		return 0;
	struct stat up;
	if (to >= 0 && (fstat(from, &up) != 0 || up.st_dev != st->st_dev)) {
		errno = EXDEV;
		commit_error(c, buf_str(rel), "is a mount point inside the output folder;"
		    " the new site cannot be swapped in");
		close(sub);
		return 0;
	}
	int created = 0, nsub = -1;
	if (to >= 0) {
		created = mkdirat(to, name, 0700) == 0;
		nsub = openat(to, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (nsub < 0) {
			commit_error(c, buf_str(rel), "cannot keep folder");
			close(sub);
			return 0;
		}
	}
	size_t seen = 0;
	size_t k = carry_dir(c, sub, nsub, rel, &seen);
	if (created && k == 0 && seen > 0) {
		(void)unlinkat(to, name, AT_REMOVEDIR); /* it held only the old build's files */
	} else if (created) {
		(void)fchmod(nsub, st->st_mode & 07777);
		k = k ? k : 1;
	} else if (to < 0 && seen == 0) {
		k = 1;
	}
	if (nsub >= 0)
		close(nsub);
	close(sub);
	return k;
}

/* Handles entry name of the old folder from (rel is its path, "a/b"): carried into
 * to (or only counted when to is -1), skipped, or counted as removed. Returns the
 * count of entries carried. */
static size_t
carry_entry(commit *c, int from, int to, const char *name, buf *rel)
{
	struct stat st;
	if (fstatat(from, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return 0;
	const char *r = buf_str(rel);
	int dir = S_ISDIR(st.st_mode);
	if (!dir && (site_is_old_tmp(name) || strcmp(r, SITE_MANIFEST) == 0))
		return 0; /* an interrupted in-place build's temporary, or the old manifest */
	if (!dir && list_has(&c->old, r)) {
		if (site_out_find(c->o, r) == NULL)
			c->counts.removed++;
		return 0;
	}
	if (dir && site_out_find(c->o, r) != NULL) {
		if (carry_sub(c, from, -1, name, &st, rel) > 0 && to >= 0) {
			errno = EISDIR; /* a folder of the user's where the build puts a file */
			commit_error(c, r, "cannot write");
		}
		return 0;
	}
	if (dir)
		return carry_sub(c, from, to, name, &st, rel);
	if (site_out_find(c->o, r) != NULL || list_has(&c->dirs, r))
		return 0; /* replaced by the build's file or folder */
	if (to < 0)
		return 1;
	if (linkat(from, name, to, name, 0) != 0 && copy_entry(from, to, name, &st) != 0) {
		commit_error(c, r, "cannot keep");
		return 0;
	}
	return 1;
}

/* Walks the old folder from (at rel) carrying what the previous build did not
 * produce into to (-1: only counts). *seen gets the count of entries. Returns the
 * count carried. */
static size_t
carry_dir(commit *c, int from, int to, buf *rel, size_t *seen)
{
	int fd = dup(from);
	DIR *dp = fd < 0 ? NULL : fdopendir(fd);
	if (dp == NULL) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	size_t carried = 0, base = rel->len;
	for (struct dirent *e = readdir(dp); e != NULL && !c->failed; e = readdir(dp)) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		(*seen)++;
		if (base > 0)
			buf_putc(rel, '/');
		buf_puts(rel, e->d_name);
		carried += carry_entry(c, from, to, e->d_name, rel);
		rel->len = base;
		if (rel->data)
			rel->data[base] = '\0';
	}
	closedir(dp);
	return carried;
}

/* Sets the new folder's mode: the old folder's, or 0777 less the umask. */
static void
set_mode(commit *c)
{
	struct stat st;
	mode_t mode;
	if (c->ofd >= 0 && fstat(c->ofd, &st) == 0) {
		mode = st.st_mode & 07777;
	} else {
		mode_t mask = umask(022);
		umask(mask);
		mode = 0777 & ~mask;
	}
	(void)fchmod(c->nfd, mode);
}

/* Opens the old site (c->ofd, or -1 if there is none). Returns 0 or -1. */
static int
open_old(commit *c)
{
	c->ofd = openat(c->s->pfd, c->s->name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (c->ofd < 0 && errno == ENOENT)
		return 0;
	if (c->ofd < 0) {
		commit_error(c, NULL, "cannot open the output folder");
		return -1;
	}
	struct stat a, b;
	if (fstat(c->ofd, &a) == 0 && fstat(c->s->pfd, &b) == 0 && a.st_dev != b.st_dev) {
		errno = EXDEV;
		commit_error(c, NULL, "is a mount point; the new site cannot be swapped in"
		    " (write to a folder inside it)");
		return -1;
	}
	return 0;
}

/* Makes the new site's folder beside the old one. Returns 0 or -1. */
static int
make_new(commit *c)
{
	buf b;
	buf_init(&b);
	buf_printf(&b, "%s/.%s.mkreport-new-XXXXXX", c->s->parent, c->s->name);
	char *path = buf_detach(&b);
	if (mkdtemp(path) == NULL) {
		commit_error(c, NULL, "cannot create the new site's folder beside it");
		free(path);
		return -1;
	}
	c->newname = util_xstrdup(strrchr(path, '/') + 1);
	free(path);
	c->nfd = openat(c->s->pfd, c->newname, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (c->nfd < 0) {
		commit_error(c, NULL, "cannot open the new site's folder");
		return -1;
	}
	return 0;
}

/* Puts the new folder in the old one's place: one exchange of the two (or, where the
 * file system cannot exchange, the old moved aside then the new renamed in). Returns
 * 0 with c->newname naming the old tree (or nothing), or -1. */
static int
swap_in(commit *c)
{
	int pfd = c->s->pfd;
	if (c->ofd < 0) {
		if (renameat(pfd, c->newname, pfd, c->s->name) == 0) {
			free(c->newname);
			c->newname = NULL;
			return 0;
		}
	} else if (syscall(SYS_renameat2, pfd, c->newname, pfd, c->s->name, RENAME_EXCHANGE)
	    == 0) {
		return 0;
	} else if (errno == EINVAL || errno == ENOSYS) {
		buf b;
		buf_init(&b);
		buf_printf(&b, ".%s.mkreport-old-%s", c->s->name, c->newname + strlen(c->newname) - 6);
		char *aside = buf_detach(&b);
		if (renameat(pfd, c->s->name, pfd, aside) == 0) {
			if (renameat(pfd, c->newname, pfd, c->s->name) == 0) {
				free(c->newname);
				c->newname = aside;
				return 0;
			}
			(void)renameat(pfd, aside, pfd, c->s->name);
		}
		free(aside);
	}
	commit_error(c, NULL, "cannot put the new site in place");
	return -1;
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

site_stage *
site_stage_open(site_out *o, site_dest *s, diag *d)
{
	commit *c = util_xcalloc(1, sizeof *c);
	c->o = o;
	c->s = s;
	c->d = d;
	for (size_t i = 0; i < o->n; i++)
		o->files[i].placed = 0;
	mode_t mask = umask(022); /* read it (no other thread creates files yet) */
	umask(mask);
	c->fix_mode = (mask & 0644) != 0;
	c->ofd = -1;
	c->nfd = -1;
	sweep(c);
	if (open_old(c) != 0 || make_new(c) != 0) {
		site_stage_free(c);
		return NULL;
	}
	manifest_read(c);
	site_cursor_init(&c->oc, c->ofd);
	site_cursor_init(&c->nc, c->nfd);
	return c;
}

void
site_stage_free(commit *c)
{
	if (c == NULL)
		return;
	site_cursor_free(&c->oc);
	site_cursor_free(&c->nc);
	if (c->nfd >= 0)
		close(c->nfd);
	if (c->ofd >= 0)
		close(c->ofd);
	if (c->newname != NULL)
		(void)site_rm_tree(c->s->pfd, c->newname); /* the old tree, or the failed new one */
	free(c->newname);
	list_free(&c->old);
	list_free(&c->dirs);
	free(c);
}

int
site_out_stream(site_out *o, site_dest *s, diag *d)
{
	if (o->stage != NULL)
		return 0;
	commit *c = site_stage_open(o, s, d);
	if (c == NULL)
		return -1;
	o->stage = c;
	for (size_t i = 0; i < o->n; i++) {
		(void)site_stage_put(c, &o->files[i]);
		free(o->files[i].bytes);
		o->files[i].bytes = NULL;
	}
	return 0;
}

/* Finishes the commit c: the rest of o's files, the manifest, what the old site holds
 * that the build did not produce, then the swap. Returns site_commit's result. */
static int
finish(commit *c)
{
	site_out_sort(c->o);
	collect_dirs(c);
	int rc = place_all(c) == 0 && place_manifest(c) == 0 ? 0 : -1;
	if (rc == 0 && c->ofd >= 0 && !stopped(c)) {
		buf rel;
		buf_init(&rel);
		size_t seen = 0;
		carry_dir(c, c->ofd, c->nfd, &rel, &seen);
		buf_free(&rel);
		rc = c->failed ? -1 : 0;
	}
	if (rc == 0 && stopped(c))
		rc = SITE_STOPPED;
	if (rc == 0) {
		set_mode(c);
		rc = swap_in(c);
	}
	struct timespec ts;
	if (rc == 0 && clock_gettime(CLOCK_REALTIME, &ts) == 0) { /* for site_out_record */
		c->o->swapped_s = (long long)ts.tv_sec;
		c->o->swapped_ns = (long long)ts.tv_nsec;
	}
	return rc;
}

int
site_commit(site_out *o, site_dest *s, diag *d, site_stats *st)
{
	site_stats local;
	if (st == NULL)
		st = &local;
	*st = (site_stats){ 0, 0, 0 };
	commit *c = o->stage;
	o->stage = NULL;
	int rc = -1;
	if (report_bad(o, d) == 0 && (c != NULL || (c = site_stage_open(o, s, d)) != NULL)) {
		c->d = d;
		rc = finish(c);
		if (rc == 0)
			*st = c->counts;
	}
	site_stage_free(c);
	return rc;
}
