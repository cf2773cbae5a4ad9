/* path: reading files safely inside a root folder. */
#include "path.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

int
path_read_file(const char *path, size_t limit, char **out, size_t *len)
{
	*out = NULL;
	*len = 0;
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return PATH_ERRNO;
	struct stat st;
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		if (errno == 0)
			errno = EISDIR;
		else if (!S_ISREG(st.st_mode))
			errno = EISDIR;
		fclose(f);
		return PATH_ERRNO;
	}
	if ((unsigned long long)st.st_size > (unsigned long long)limit) {
		fclose(f);
		return PATH_TOO_BIG;
	}
	buf b;
	buf_init(&b);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + n > limit) {
			buf_free(&b);
			fclose(f);
			return PATH_TOO_BIG;
		}
		buf_append(&b, chunk, n);
	}
	int err = ferror(f);
	fclose(f);
	if (err) {
		buf_free(&b);
		errno = EIO;
		return PATH_ERRNO;
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
