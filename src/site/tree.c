/* site/tree: folders below a root opened without following symlinks, and removal. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "site/site_int.h"

void
site_cursor_init(site_cursor *c, int root)
{
	c->root = root;
	buf_init(&c->dir);
	c->fd = -1;
}

void
site_cursor_free(site_cursor *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	buf_free(&c->dir);
}

/* Opens the folder name below at without following a symlink, making it first if
 * create. Returns the descriptor or -1 with errno. */
static int
open_sub(int at, const char *name, int create)
{
	if (create && mkdirat(at, name, 0777) != 0 && errno != EEXIST)
		return -1;
	return openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

int
site_cursor_dir(site_cursor *c, const char *rel, size_t k, int create)
{
	if (k == 0)
		return c->root;
	if (c->fd >= 0 && c->dir.len == k && memcmp(c->dir.data, rel, k) == 0)
		return c->fd;
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	buf_reset(&c->dir);
	int cur = c->root;
	char name[256];
	for (size_t i = 0; i < k;) {
		size_t n = 0;
		while (i + n < k && rel[i + n] != '/')
			n++;
		if (n >= sizeof name) {
			if (cur != c->root)
				close(cur);
			errno = ENAMETOOLONG;
			return -1;
		}
		memcpy(name, rel + i, n);
		name[n] = '\0';
		int next = open_sub(cur, name, create);
		int e = errno;
		if (cur != c->root)
			close(cur);
		if (next < 0) {
			errno = e == ELOOP ? ENOTDIR : e; /* a symlink is not a folder here */
			return -1;
		}
		cur = next;
		i += n + 1;
	}
	buf_append(&c->dir, rel, k);
	c->fd = cur;
	return cur;
}

int
site_rm_tree(int at, const char *name)
{
	struct stat st;
	if (fstatat(at, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlinkat(at, name, 0);
	struct stat up;
	if (fstat(at, &up) != 0 || up.st_dev != st.st_dev) {
		errno = EXDEV; /* a mount point: what is mounted there is not ours to remove */
		return -1;
	}
	int fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	(void)fchmod(fd, 0700); /* a read-only folder could not be emptied */
	DIR *dp = fdopendir(fd);
	if (dp == NULL) {
		close(fd);
		return -1;
	}
	int rc = 0;
	for (struct dirent *e = readdir(dp); e != NULL; e = readdir(dp)) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (site_rm_tree(dirfd(dp), e->d_name) != 0)
			rc = -1;
	}
	closedir(dp);
	if (unlinkat(at, name, AT_REMOVEDIR) != 0)
		rc = -1;
	return rc;
}

/* Returns 1 if s is prefix followed by exactly six characters from mkstemp's set. */
static int
prefix_and_six(const char *s, const char *prefix)
{
	size_t k = strlen(prefix);
	if (strncmp(s, prefix, k) != 0 || strlen(s + k) != 6)
		return 0;
	return strspn(s + k, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
	    == 6;
}

int
site_is_leftover(const site_dest *s, const char *name)
{
	size_t k = strlen(s->name);
	if (name[0] != '.' || strncmp(name + 1, s->name, k) != 0)
		return 0;
	const char *rest = name + 1 + k;
	return prefix_and_six(rest, ".mkreport-new-") || prefix_and_six(rest, ".mkreport-old-");
}

int
site_is_old_tmp(const char *name)
{
	return prefix_and_six(name, ".mkreport-tmp-");
}
