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

/* Reads fd to its end into b, refusing more than limit bytes. Returns a PATH_ status. */
static int
read_all(int fd, size_t limit, buf *b)
{
	char chunk[65536];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return PATH_ERRNO;
		if (n == 0)
			return PATH_OK;
		if (b->len + (size_t)n > limit)
			return PATH_TOO_BIG;
		buf_append(b, chunk, (size_t)n);
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

int
path_read(const char *root, const char *rel, size_t limit, char **out, size_t *len)
{
	*out = NULL;
	*len = 0;
	if (rel[0] == '/')
		return PATH_OUTSIDE;
	char *full = path_join(root, rel);
	char rroot[PATH_MAX], rfull[PATH_MAX];
	if (realpath(root, rroot) == NULL || realpath(full, rfull) == NULL) {
		int e = errno;
		free(full);
		errno = e;
		return PATH_ERRNO;
	}
	size_t rl = strlen(rroot);
	if (strncmp(rroot, rfull, rl) != 0 || (rfull[rl] != '/' && rfull[rl] != '\0')) {
		free(full);
		return PATH_OUTSIDE;
	}
	int st = path_read_file(rfull, limit, out, len);
	free(full);
	return st;
}
