/* site/dest: the output folder resolved to a real parent and name, and its lock. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "site/site_int.h"

/* Records "path: error: what: strerror(errno)". */
static void
dest_error(diag *d, const char *path, const char *what)
{
	int e = errno;
	diag_error(d, diag_file_pos(d, path), "%s: %s", what, strerror(e));
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
	struct stat st;
	if (rc == 0 && (stat(p, &st) != 0 || !S_ISDIR(st.st_mode))) {
		errno = ENOTDIR;
		rc = -1;
	}
	free(p);
	return rc;
}

/* Returns the real path of dir, which need not exist yet (its parents are created), or
 * NULL with errno. Caller frees. */
static char *
real_dir(const char *dir)
{
	struct stat st;
	if (stat(dir, &st) == 0) {
		if (!S_ISDIR(st.st_mode)) {
			errno = ENOTDIR;
			return NULL;
		}
		return realpath(dir, NULL);
	}
	if (errno != ENOENT || lstat(dir, &st) == 0) /* lstat: a symlink to nowhere */
		return NULL;
	const char *slash = strrchr(dir, '/');
	char *parent = slash == NULL ? util_xstrdup(".")
	    : slash == dir ? util_xstrdup("/") : util_xstrndup(dir, (size_t)(slash - dir));
	const char *name = slash ? slash + 1 : dir;
	char *real = NULL;
	int made = mkdirs(parent) == 0;
	if (made && (strcmp(name, ".") == 0 || strcmp(name, "..") == 0))
		real = realpath(dir, NULL);
	else if (made && (real = realpath(parent, NULL)) != NULL) {
		buf b;
		buf_init(&b);
		buf_printf(&b, "%s/%s", strcmp(real, "/") == 0 ? "" : real, name);
		free(real);
		real = buf_detach(&b);
	}
	free(parent);
	return real;
}

/* Returns 1 if the folder real (a real path) is the current folder or holds it. */
static int
holds_cwd_of(const char *real)
{
	char *cwd = realpath(".", NULL);
	size_t k = strlen(real);
	int in = cwd != NULL && strncmp(cwd, real, k) == 0 && (cwd[k] == '\0' || cwd[k] == '/');
	free(cwd);
	return in;
}

/* Fills s->parent and s->name from the real path real. Returns 0 or -1 (root). */
static int
split_real(site_dest *s, const char *real)
{
	const char *slash = strrchr(real, '/');
	if (slash == NULL || slash[1] == '\0')
		return -1;
	s->parent = slash == real ? util_xstrdup("/") : util_xstrndup(real, (size_t)(slash - real));
	s->name = util_xstrdup(slash + 1);
	return 0;
}

/* Takes the lock of s, waiting (and saying so on note) while another build holds it.
 * Returns 0, 1 if *s->stop ended the wait, or -1 with errno. */
static int
take_lock(site_dest *s, FILE *note)
{
	buf b;
	buf_init(&b);
	buf_printf(&b, ".%s.mkreport-lock", s->name);
	s->lockfd = openat(s->pfd, buf_str(&b), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
	buf_free(&b);
	if (s->lockfd < 0)
		return -1;
	if (flock(s->lockfd, LOCK_EX | LOCK_NB) == 0)
		return 0;
	if (errno != EWOULDBLOCK)
		return -1;
	if (note != NULL) {
		fprintf(note, "mkreport: %s: another build is writing this folder; waiting\n",
		    s->shown);
		fflush(note);
	}
	for (;;) {
		if (s->stop != NULL && *s->stop)
			return 1;
		if (flock(s->lockfd, LOCK_EX) == 0)
			return 0;
		if (errno != EINTR)
			return -1;
	}
}

site_dest *
site_dest_open(const char *dir, const volatile sig_atomic_t *stop, FILE *note, diag *d)
{
	if (dir == NULL || dir[0] == '\0')
		dir = ".";
	site_dest *s = util_xcalloc(1, sizeof *s);
	s->shown = util_xstrdup(dir);
	s->pfd = s->lockfd = -1;
	s->stop = stop;
	size_t k = strlen(s->shown);
	while (k > 1 && s->shown[k - 1] == '/')
		s->shown[--k] = '\0';
	char *real = real_dir(s->shown);
	if (real == NULL) {
		dest_error(d, s->shown, "cannot create the output folder");
		site_dest_free(s);
		return NULL;
	}
	int rc = split_real(s, real);
	int holds_cwd = rc == 0 && holds_cwd_of(real);
	free(real);
	if (rc != 0 || holds_cwd) {
		errno = EBUSY;
		dest_error(d, s->shown, rc != 0 ? "cannot replace the root folder"
		    : "cannot replace the folder the build runs in (it is swapped for a new one)");
		site_dest_free(s);
		return NULL;
	}
	s->pfd = open(s->parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	rc = s->pfd < 0 ? -1 : take_lock(s, note);
	if (rc != 0) {
		if (rc < 0)
			dest_error(d, s->shown, "cannot lock the output folder");
		site_dest_free(s);
		return NULL;
	}
	return s;
}

void
site_dest_free(site_dest *s)
{
	if (s == NULL)
		return;
	if (s->lockfd >= 0)
		close(s->lockfd); /* releases the flock */
	if (s->pfd >= 0)
		close(s->pfd);
	free(s->shown);
	free(s->parent);
	free(s->name);
	free(s);
}
