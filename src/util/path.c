/* path: reading files safely inside a root folder. */
#include "path.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"

char *
path_join(const char *a, const char *b)
{
	if (a == NULL || a[0] == '\0' || strcmp(a, ".") == 0)
		return util_xstrdup(b);
	buf o;
	buf_init(&o);
	buf_puts(&o, a);
	if (o.len && o.data[o.len - 1] != '/')
		buf_putc(&o, '/');
	buf_puts(&o, b);
	return buf_detach(&o);
}

int
path_is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Opens path for reading without blocking (a FIFO would wait for a writer) and checks
 * it is a regular file. Returns the descriptor, or -1 with *status set. */
static int
open_regular(const char *path, struct stat *st, int *status)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		*status = PATH_ERRNO;
		return -1;
	}
	if (fstat(fd, st) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		*status = PATH_ERRNO;
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		close(fd);
		errno = S_ISDIR(st->st_mode) ? EISDIR : EINVAL;
		*status = S_ISDIR(st->st_mode) ? PATH_ERRNO : PATH_NOT_FILE;
		return -1;
	}
	return fd;
}

/* Reads fd to its end into b (NUL-terminated), straight into its room, which grows by
 * doubling when full; refuses more than limit bytes. Returns a PATH_ status. */
static int
read_all(int fd, size_t limit, buf *b)
{
	for (;;) {
		if (b->cap < b->len + 2) { /* room for a byte and the NUL */
			b->cap = b->cap ? 2 * b->cap : 65536;
			b->data = util_xrealloc(b->data, b->cap);
			b->data[b->len] = '\0';
		}
		ssize_t n = read(fd, b->data + b->len, b->cap - 1 - b->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return PATH_ERRNO;
		if (n == 0)
			return PATH_OK;
		if (b->len + (size_t)n > limit)
			return PATH_TOO_BIG;
		b->len += (size_t)n;
		b->data[b->len] = '\0';
	}
}

int
path_read_file(const char *path, size_t limit, char **out, size_t *len)
{
	*out = NULL;
	*len = 0;
	struct stat st;
	int status;
	int fd = open_regular(path, &st, &status);
	if (fd < 0)
		return status;
	if ((unsigned long long)st.st_size > (unsigned long long)limit) {
		close(fd);
		return PATH_TOO_BIG;
	}
	buf b;
	buf_init(&b);
	if (st.st_size > 0) { /* room for the whole file and a byte more (it may grow) */
		b.cap = (size_t)st.st_size + 2;
		b.data = util_xmalloc(b.cap);
		b.data[0] = '\0';
	}
	status = read_all(fd, limit, &b);
	int e = errno;
	close(fd);
	if (status != PATH_OK) {
		buf_free(&b);
		errno = e;
		return status;
	}
	*len = b.len;
	*out = buf_detach(&b);
	return PATH_OK;
}

/* Folders whose real path a thread found last (a report's pages share one folder). */
#define REAL_CACHE 4

/* One remembered folder: its name as given, its device and inode, its real path. */
typedef struct real_entry {
	char given[PATH_MAX];
	dev_t dev;
	ino_t ino;
	char real[PATH_MAX];
} real_entry;

/* Stores the real path of the folder dir in out (PATH_MAX bytes). A folder asked
 * before on this thread that is still the same folder (device and inode) is not
 * resolved again: realpath reads every component's link. Returns 0, or -1 with
 * errno. */
static int
real_dir(const char *dir, char *out)
{
	static _Thread_local real_entry cache[REAL_CACHE];
	static _Thread_local unsigned next;
	struct stat st;
	if (stat(dir, &st) != 0)
		return -1;
	for (unsigned k = 0; k < REAL_CACHE; k++) {
		real_entry *e = &cache[k];
		if (e->given[0] != '\0' && e->dev == st.st_dev && e->ino == st.st_ino
		    && strcmp(e->given, dir) == 0) {
			memcpy(out, e->real, strlen(e->real) + 1);
			return 0;
		}
	}
	if (realpath(dir, out) == NULL)
		return -1;
	if (strlen(dir) < PATH_MAX) {
		real_entry *e = &cache[next++ % REAL_CACHE];
		memcpy(e->given, dir, strlen(dir) + 1);
		e->dev = st.st_dev;
		e->ino = st.st_ino;
		memcpy(e->real, out, strlen(out) + 1);
	}
	return 0;
}

/* Stores the real path of the file full in out (PATH_MAX bytes): its folder's real
 * path (real_dir) and its name when it is not a symlink, else realpath's. Returns 0,
 * or -1 with errno. */
static int
real_file(const char *full, char *out)
{
	const char *slash = strrchr(full, '/');
	const char *base = slash ? slash + 1 : full;
	struct stat st;
	if (slash == NULL || slash == full || strcmp(base, "..") == 0 || strcmp(base, ".") == 0
	    || base[0] == '\0' || lstat(full, &st) != 0 || S_ISLNK(st.st_mode)
	    || (size_t)(slash - full) >= PATH_MAX)
		return realpath(full, out) == NULL ? -1 : 0;
	char dir[PATH_MAX];
	memcpy(dir, full, (size_t)(slash - full));
	dir[slash - full] = '\0';
	if (real_dir(dir, out) != 0)
		return -1;
	size_t k = strlen(out);
	if (k + 1 + strlen(base) >= PATH_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (k > 1 || out[0] != '/')
		out[k++] = '/';
	memcpy(out + k, base, strlen(base) + 1);
	return 0;
}

int
path_read(const char *root, const char *rel, size_t limit, char **out, size_t *len)
{
	*out = NULL;
	*len = 0;
	if (rel[0] == '/')
		return PATH_OUTSIDE;
	char *full = path_join(root, rel);
	char rroot[PATH_MAX], rfull[PATH_MAX];
	if (real_dir(root, rroot) != 0 || real_file(full, rfull) != 0) {
		int e = errno;
		free(full);
		errno = e;
		return PATH_ERRNO;
	}
	size_t rl = strlen(rroot); /* a root of "/" holds every real path */
	if (strncmp(rroot, rfull, rl) != 0 || (rl > 1 && rfull[rl] != '/' && rfull[rl] != '\0')) {
		free(full);
		return PATH_OUTSIDE;
	}
	int st = path_read_file(rfull, limit, out, len);
	free(full);
	return st;
}
