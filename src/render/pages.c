/* pages: every section's page rendered on several threads, handed over in order. */
#include <pthread.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "render/page.h"
#include "util/arena.h"
#include "util/oom.h"

/* The most threads rendering pages. */
#define PAGES_MAX_THREADS 64

/* Pages each thread may have rendered ahead of the hand-over (bounds the memory). */
#define PAGES_AHEAD 4

/* A page being rendered or waiting for its hand-over. */
typedef struct page_slot {
	page_result r; /* the page */
	diag *d;       /* its diagnostics (moved to the run's in order) */
	int done;      /* 1: r is ready for the hand-over */
} page_slot;

/* One run of page_render_sections on threads. */
typedef struct pages_run {
	const render_ctx *c; /* the report, metrics and the diagnostics of the run */
	const tmpl *t;       /* the template */
	int keep;            /* keep each page's document */
	size_t n;            /* sections */
	page_slot *ring;     /* w slots: page i is in ring[i % w] */
	size_t w;            /* slots */
	size_t next;         /* the next section to render */
	size_t handed;       /* sections handed over so far */
	int oom;             /* a thread ran out of memory: all stop */
	pthread_mutex_t mu;  /* guards next, handed, oom and each slot's done */
	pthread_cond_t cv;   /* signalled when a page is done, a slot is free, or oom */
} pages_run;

/* Renders section i into r; its tree and Markdown nodes from the arena a (when not NULL
 * and the page's document is not kept), released when the page is done. */
static void
render_one(const render_ctx *c, const tmpl *t, int keep, util_arena *a, size_t i,
    page_result *r)
{
	r->i = i;
	buf_init(&r->html);
	r->doc = NULL;
	util_arena *prev = util_arena_use(keep ? NULL : a);
	r->rc = page_render_keep(c, t, i, &r->html, &r->files, &r->nfiles,
	    keep ? &r->doc : NULL);
	util_arena_use(prev);
	if (a != NULL && !keep)
		util_arena_reset(a);
}

/* Frees what the sink left of r. */
static void
result_free(page_result *r)
{
	buf_free(&r->html);
	page_files_free(r->files, r->nfiles);
	r->files = NULL;
	r->nfiles = 0;
	xmlFreeDoc(r->doc);
	r->doc = NULL;
}

/* Returns 1 if a page of pr is there to render: one left, not more than pr->w ahead
 * of the hand-over. Call with pr->mu held. */
static int
can_claim(const pages_run *pr)
{
	return !pr->oom && pr->next < pr->n && pr->next < pr->handed + pr->w;
}

/* Renders the next page of pr into its slot (c: the context, jobs 1; a: the thread's
 * arena or NULL). Call with pr->mu
 * held and can_claim true; it is held again on return. */
static void
claim_one(pages_run *pr, render_ctx *c, util_arena *a)
{
	size_t i = pr->next++;
	page_slot *s = &pr->ring[i % pr->w];
	pthread_mutex_unlock(&pr->mu);
	c->d = s->d;
	render_one(c, pr->t, pr->keep, a, i, &s->r);
	pthread_mutex_lock(&pr->mu);
	s->done = 1;
	pthread_cond_broadcast(&pr->cv);
}

/* Renders pages of pr until none is left (or memory ran out), never more than pr->w
 * ahead of the hand-over. */
static void
pages_work(void *arg)
{
	pages_run *pr = arg;
	render_ctx c = *pr->c;
	c.jobs = 1; /* the pages are the parallel part */
	util_arena *a = util_arena_new();
	pthread_mutex_lock(&pr->mu);
	for (;;) {
		while (!pr->oom && pr->next < pr->n && !can_claim(pr))
			pthread_cond_wait(&pr->cv, &pr->mu);
		if (pr->oom || pr->next >= pr->n)
			break;
		claim_one(pr, &c, a);
	}
	pthread_mutex_unlock(&pr->mu);
	util_arena_free(a);
}

/* Marks pr as out of memory and wakes every thread. */
static void
pages_oom(pages_run *pr)
{
	pthread_mutex_lock(&pr->mu);
	pr->oom = 1;
	pthread_cond_broadcast(&pr->cv);
	pthread_mutex_unlock(&pr->mu);
}

/* pages_work with the thread's own out-of-memory catch point (the failure is raised
 * again on the calling thread once every thread has stopped). */
static void *
pages_worker(void *arg)
{
	pages_run *pr = arg;
	if (util_oom_guard(pages_work, pr))
		pages_oom(pr);
	return NULL;
}

/* Hands the pages of pr to sink in section order as they get done, rendering pages
 * itself (from the arena a, or NULL) while the next one is not done. Returns 0, or -1
 * if a page failed. */
static int
pages_hand_over(pages_run *pr, page_sink sink, void *arg, util_arena *a)
{
	int rc = 0;
	render_ctx c = *pr->c;
	c.jobs = 1;
	for (size_t i = 0; i < pr->n; i++) {
		page_slot *s = &pr->ring[i % pr->w];
		pthread_mutex_lock(&pr->mu);
		while (!s->done && !pr->oom) {
			if (can_claim(pr)) /* render one meanwhile rather than wait */
				claim_one(pr, &c, a);
			else
				pthread_cond_wait(&pr->cv, &pr->mu);
		}
		int stop = pr->oom;
		pthread_mutex_unlock(&pr->mu);
		if (stop)
			break;
		diag_move(pr->c->d, s->d);
		if (s->r.rc != 0)
			rc = -1;
		sink(arg, &s->r);
		diag_progress("pages", pr->n);
		result_free(&s->r);
		pthread_mutex_lock(&pr->mu);
		s->done = 0;
		pr->handed++;
		pthread_cond_broadcast(&pr->cv);
		pthread_mutex_unlock(&pr->mu);
	}
	return rc;
}

/* pages_hand_over under the calling thread's own catch point: running out of memory
 * there stops the threads too. Returns its result, or -1 after marking pr oom. */
static int
pages_hand_over_guarded(pages_run *pr, page_sink sink, void *arg)
{
	util_arena *a = util_arena_new();
	jmp_buf env;
	jmp_buf *outer = util_oom_catch(&env);
	volatile int rc = -1;
	if (setjmp(env) == 0) {
		rc = pages_hand_over(pr, sink, arg, a);
	} else {
		util_arena_use(NULL); /* the jump may have left a page's arena current */
		pages_oom(pr);
	}
	util_oom_catch(outer);
	util_arena_free(a);
	return rc;
}

/* Renders every page on the calling thread, in order. Returns 0 or -1. */
static int
pages_in_order(const render_ctx *c, const tmpl *t, int keep, page_sink sink, void *arg)
{
	int rc = 0;
	util_arena *a = util_arena_new();
	for (size_t i = 0; i < c->rep->nsections; i++) {
		page_result r;
		render_one(c, t, keep, a, i, &r);
		if (r.rc != 0)
			rc = -1;
		sink(arg, &r);
		diag_progress("pages", c->rep->nsections);
		result_free(&r);
	}
	util_arena_free(a);
	return rc;
}

int
page_render_sections(const render_ctx *c, const tmpl *t, int keep, int threads,
    page_sink sink, void *arg)
{
	size_t n = c->rep->nsections;
	long want = threads > 0 ? threads : sysconf(_SC_NPROCESSORS_ONLN);
	if (want > PAGES_MAX_THREADS)
		want = PAGES_MAX_THREADS;
	if (want > (long)n)
		want = (long)n;
	if (want <= 1)
		return pages_in_order(c, t, keep, sink, arg);
	pages_run pr = { c, t, keep, n, NULL, (size_t)want * PAGES_AHEAD, 0, 0, 0,
		PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER };
	pr.ring = util_xcalloc(pr.w, sizeof *pr.ring);
	for (size_t k = 0; k < pr.w; k++)
		pr.ring[k].d = diag_new();
	pthread_t th[PAGES_MAX_THREADS];
	long started = 0; /* want - 1 threads: the calling thread renders pages too */
	while (started < want - 1 && pthread_create(&th[started], NULL, pages_worker, &pr) == 0)
		started++;
	int rc = started == 0 ? pages_in_order(c, t, keep, sink, arg)
	    : pages_hand_over_guarded(&pr, sink, arg);
	for (long k = 0; k < started; k++)
		pthread_join(th[k], NULL);
	if (pr.oom)
		util_oom(); /* what the threads had allocated is abandoned (util/oom.h) */
	for (size_t k = 0; k < pr.w; k++) {
		result_free(&pr.ring[k].r);
		diag_free(pr.ring[k].d);
	}
	free(pr.ring);
	pthread_mutex_destroy(&pr.mu);
	pthread_cond_destroy(&pr.cv);
	return rc;
}
