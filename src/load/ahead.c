/* ahead: a large report's page files read on threads before the sections are checked
 * in order (the checks, and their messages, stay in file order). */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "load/load_int.h"
#include "load/text_int.h"
#include "util/buf.h"
#include "util/hash.h"
#include "util/oom.h"
#include "util/path.h"
#include "util/utf8.h"

/* Below this many pages they are read in order, as they are checked. */
#define AHEAD_MIN 64

/* The most threads reading pages. */
#define AHEAD_THREADS 8

/* One page file read ahead. */
typedef struct ahead_page {
	const char *file; /* its file: value (borrowed from the YAML tree) */
	char *text;       /* path_read's bytes (owned until taken) */
	size_t len;       /* bytes of text */
	int st;           /* path_read's status */
	int err;          /* errno after path_read */
	int clean;        /* 1: the page's checks would find nothing (ld_ahead_take) */
} ahead_page;

struct ld_ahead {
	const char *dir;     /* the content folder */
	ahead_page *pages;   /* n pages */
	size_t n;            /* entries of pages */
	hash_table *ix;      /* file -> index of its first entry */
	atomic_size_t next;  /* the next page to read */
	atomic_int oom;      /* a thread ran out of memory */
};

/* Appends the file: scalar of each section map in seq to a (a->pages has room). */
static void
collect(ld_ahead *a, const yt_node *seq)
{
	for (size_t i = 0; seq != NULL && seq->kind == YT_SEQ && i < seq->n; i++) {
		const yt_node *f = yt_get(seq->vals[i], "file");
		if (f == NULL || f->kind != YT_SCALAR || f->str == NULL || f->str[0] == '/'
		    || strstr(f->str, "..") != NULL)
			continue; /* read (and refused) in order, as before */
		if (hash_add(a->ix, f->str, a->n, NULL))
			a->pages[a->n++] = (ahead_page){ f->str, NULL, 0, PATH_ERRNO, 0, 0 };
	}
}

/* Returns the number of section maps under root's sections: or parts: lists. */
static size_t
count(const yt_node *root)
{
	const yt_node *secs = yt_get(root, "sections"), *parts = yt_get(root, "parts");
	size_t n = secs != NULL && secs->kind == YT_SEQ ? secs->n : 0;
	for (size_t k = 0; parts != NULL && parts->kind == YT_SEQ && k < parts->n; k++) {
		const yt_node *list = yt_get(parts->vals[k], "sections");
		n += list != NULL && list->kind == YT_SEQ ? list->n : 0;
	}
	return n;
}

/* Reads pages of a until none is left. */
static void
ahead_work(void *arg)
{
	ld_ahead *a = arg;
	for (size_t i; (i = atomic_fetch_add(&a->next, 1)) < a->n;) {
		ahead_page *p = &a->pages[i];
		p->st = path_read(a->dir, p->file, LOAD_MAX_PAGE, &p->text, &p->len);
		p->err = errno;
		utf8_fault f;
		int line;
		p->clean = p->st == PATH_OK && utf8_bom(p->text, p->len) == 0 &&
		    !utf8_text_next(p->text, p->len, 0, &f) &&
		    load_run_check(p->text, p->len, LOAD_MAX_RUN, &line) == 0;
		errno = p->err;
	}
}

/* ahead_work under the thread's own out-of-memory catch point (raised again on the
 * calling thread once every thread has stopped). */
static void *
ahead_worker(void *arg)
{
	ld_ahead *a = arg;
	if (util_oom_guard(ahead_work, a))
		atomic_store(&a->oom, 1);
	return NULL;
}

ld_ahead *
ld_ahead_read(const char *dir, const yt_node *root)
{
	size_t n = count(root);
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < AHEAD_MIN || n > LOAD_MAX_SECTIONS || cores < 2)
		return NULL;
	ld_ahead *a = util_xcalloc(1, sizeof *a);
	a->dir = dir;
	a->pages = util_xcalloc(n, sizeof *a->pages);
	a->ix = hash_new(HASH_BORROW);
	atomic_init(&a->next, 0);
	atomic_init(&a->oom, 0);
	const yt_node *parts = yt_get(root, "parts");
	collect(a, yt_get(root, "sections"));
	for (size_t k = 0; parts != NULL && parts->kind == YT_SEQ && k < parts->n; k++)
		collect(a, yt_get(parts->vals[k], "sections"));
	pthread_t th[AHEAD_THREADS];
	long want = cores < AHEAD_THREADS ? cores : AHEAD_THREADS, started = 0;
	while (started < want - 1 && pthread_create(&th[started], NULL, ahead_worker, a) == 0)
		started++;
	ahead_worker(a); /* the calling thread reads too */
	for (long k = 0; k < started; k++)
		pthread_join(th[k], NULL);
	if (atomic_load(&a->oom))
		util_oom(); /* what the threads read is abandoned (util/oom.h) */
	return a;
}

int
ld_ahead_take(ld_ahead *a, const char *file, char **text, size_t *len, int *st,
    int *clean)
{
	size_t i;
	if (a == NULL || !hash_get(a->ix, file, &i) || a->pages[i].file == NULL)
		return 0;
	ahead_page *p = &a->pages[i];
	*text = p->text;
	*len = p->len;
	*st = p->st;
	*clean = p->clean;
	errno = p->err;
	p->text = NULL;
	p->file = NULL; /* taken: a second section naming the same file reads it again */
	return 1;
}

void
ld_ahead_free(ld_ahead *a)
{
	if (a == NULL)
		return;
	for (size_t i = 0; i < a->n; i++)
		free(a->pages[i].text);
	free(a->pages);
	hash_free(a->ix);
	free(a);
}
