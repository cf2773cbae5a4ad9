/* watch: inotify on the source folders and every folder below them. */
#include "serve/watch.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/path.h"

/* The events that can change a build's inputs. */
#define WATCH_MASK (IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | \
	IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

struct serve_watch {
	int fd;          /* the inotify instance */
	int *wd;         /* watch descriptors... */
	char **dir;      /* ...and the folder each watches (owned) */
	size_t n, cap;   /* watches used and allocated */
	buf last;        /* the path serve_watch_read reports */
};

/* Returns the folder watched by wd, or NULL. */
static const char *
watch_dir(const serve_watch *w, int wd)
{
	for (size_t i = 0; i < w->n; i++)
		if (w->wd[i] == wd)
			return w->dir[i];
	return NULL;
}

/* Watches dir and, recursively, the folders in it. Returns 0 or -1 (errno). */
static int
watch_tree(serve_watch *w, const char *dir)
{
	int wd = inotify_add_watch(w->fd, dir, WATCH_MASK);
	if (wd < 0)
		return -1;
	if (watch_dir(w, wd) == NULL) {
		if (w->n == w->cap) {
			w->cap = w->cap ? w->cap * 2 : 16;
			w->wd = util_xrealloc(w->wd, w->cap * sizeof *w->wd);
			w->dir = util_xrealloc(w->dir, w->cap * sizeof *w->dir);
		}
		w->wd[w->n] = wd;
		w->dir[w->n++] = util_xstrdup(dir);
	}
	DIR *d = opendir(dir);
	if (d == NULL)
		return -1;
	struct dirent *e;
	int rc = 0;
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char *sub = path_join(dir, e->d_name);
		struct stat st;
		if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			rc = watch_tree(w, sub);
		free(sub);
	}
	closedir(d);
	return rc;
}

serve_watch *
serve_watch_new(const char *const *dirs, size_t n)
{
	serve_watch *w = util_xcalloc(1, sizeof *w);
	buf_init(&w->last);
	w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	int ok = w->fd >= 0;
	for (size_t i = 0; ok && i < n; i++)
		ok = watch_tree(w, dirs[i]) == 0;
	if (!ok) {
		int e = errno;
		serve_watch_free(w);
		errno = e;
		return NULL;
	}
	return w;
}

int
serve_watch_fd(const serve_watch *w)
{
	return w->fd;
}

/* Returns 1 if name is an editor's scratch file or a hidden one (not a source). */
static int
scratch_name(const char *name)
{
	static const char *const ends[] = { "~", ".swp", ".swx", ".swpx" };
	size_t n = strlen(name);
	if (n == 0 || name[0] == '.' || name[0] == '#' || strcmp(name, "4913") == 0)
		return 1;
	for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
		size_t k = strlen(ends[i]);
		if (n >= k && strcmp(name + n - k, ends[i]) == 0)
			return 1;
	}
	return 0;
}

/* Handles one event: watches a new folder; returns 1 if it counts as a change. */
static int
watch_event(serve_watch *w, const struct inotify_event *ev)
{
	if (ev->mask & IN_Q_OVERFLOW) {
		buf_reset(&w->last);
		buf_puts(&w->last, "(many files)");
		return 1;
	}
	const char *dir = watch_dir(w, ev->wd);
	if (dir == NULL || (ev->mask & IN_IGNORED))
		return 0;
	const char *name = ev->len > 0 ? ev->name : "";
	if (ev->len > 0 && scratch_name(name))
		return 0;
	char *p = path_join(dir, name);
	if ((ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE | IN_MOVED_TO)))
		watch_tree(w, p); /* a folder that vanished meanwhile is no error */
	buf_reset(&w->last);
	buf_puts(&w->last, p);
	free(p);
	return 1;
}

int
serve_watch_read(serve_watch *w, const char **path)
{
	char evbuf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	int count = 0;
	for (;;) {
		ssize_t got = read(w->fd, evbuf, sizeof evbuf);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0 && errno == EAGAIN)
			break;
		if (got <= 0)
			return -1;
		for (char *p = evbuf; p < evbuf + got;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;
			count += watch_event(w, ev);
			p += sizeof *ev + ev->len;
		}
	}
	if (path != NULL)
		*path = buf_str(&w->last);
	return count;
}

void
serve_watch_free(serve_watch *w)
{
	if (w == NULL)
		return;
	if (w->fd >= 0)
		close(w->fd);
	for (size_t i = 0; i < w->n; i++)
		free(w->dir[i]);
	free(w->wd);
	free(w->dir);
	buf_free(&w->last);
	free(w);
}
