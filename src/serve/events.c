/* events: the build generation, the error page and the reload event streams. */
#include "serve/events.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum {
	GEN_MAX = 48,          /* bytes of a generation string */
	KEEPALIVE_SEC = 15,    /* seconds between comments on an idle stream */
	PENDING_MAX = 160,     /* bytes of one event */
};

struct serve_events {
	pthread_mutex_t mu;    /* guards every field below */
	pthread_cond_t cond;   /* signalled on publish and stop */
	long start;            /* the process's start time: generations differ across runs */
	unsigned long count;   /* builds published */
	char *page;            /* the error page (malloc'd), NULL after a good build */
	size_t npage;          /* its bytes */
	int stopped;           /* 1 after serve_events_stop */
};

struct serve_stream {
	serve_events *e;       /* the shared state (borrowed) */
	unsigned long seen;    /* the generation count this stream last announced */
	char pending[PENDING_MAX]; /* bytes not yet handed to the library */
	size_t off, len;       /* pending[off, len) is still to send */
};

serve_events *
serve_events_new(void)
{
	serve_events *e = calloc(1, sizeof *e);
	if (e == NULL)
		return NULL;
	pthread_mutex_init(&e->mu, NULL);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&e->cond, &ca);
	pthread_condattr_destroy(&ca);
	e->start = (long)time(NULL);
	return e;
}

void
serve_events_free(serve_events *e)
{
	if (e == NULL)
		return;
	pthread_cond_destroy(&e->cond);
	pthread_mutex_destroy(&e->mu);
	free(e->page);
	free(e);
}

int
serve_events_publish(serve_events *e, const char *page, size_t n)
{
	char *copy = NULL;
	if (page != NULL) {
		copy = malloc(n + 1);
		if (copy == NULL)
			return -1;
		memcpy(copy, page, n);
		copy[n] = '\0';
	}
	pthread_mutex_lock(&e->mu);
	free(e->page);
	e->page = copy;
	e->npage = n;
	e->count++;
	pthread_cond_broadcast(&e->cond);
	pthread_mutex_unlock(&e->mu);
	return 0;
}

/* Writes generation count of e into out; e->mu held. */
static void
gen_format(const serve_events *e, unsigned long count, char *out, size_t size)
{
	snprintf(out, size, "%ld.%lu", e->start, count);
}

void
serve_events_generation(serve_events *e, char *out, size_t size)
{
	pthread_mutex_lock(&e->mu);
	gen_format(e, e->count, out, size);
	pthread_mutex_unlock(&e->mu);
}

char *
serve_events_error_page(serve_events *e, size_t *n)
{
	char *copy = NULL;
	pthread_mutex_lock(&e->mu);
	if (e->page != NULL && (copy = malloc(e->npage + 1)) != NULL) {
		memcpy(copy, e->page, e->npage + 1);
		*n = e->npage;
	}
	pthread_mutex_unlock(&e->mu);
	return copy;
}

void
serve_events_stop(serve_events *e)
{
	pthread_mutex_lock(&e->mu);
	e->stopped = 1;
	pthread_cond_broadcast(&e->cond);
	pthread_mutex_unlock(&e->mu);
}

serve_stream *
serve_stream_new(serve_events *e)
{
	serve_stream *s = calloc(1, sizeof *s);
	if (s == NULL)
		return NULL;
	s->e = e;
	char gen[GEN_MAX];
	pthread_mutex_lock(&e->mu);
	s->seen = e->count;
	gen_format(e, e->count, gen, sizeof gen);
	pthread_mutex_unlock(&e->mu);
	int n = snprintf(s->pending, sizeof s->pending, "retry: 500\nevent: hello\ndata: %s\n\n",
	    gen);
	s->len = n > 0 && (size_t)n < sizeof s->pending ? (size_t)n : 0;
	return s;
}

/* Waits (e->mu held) until the generation moves past s->seen, a stop, or the
 * keep-alive time; then fills s->pending with the event to send. Returns -1 if
 * stopped, else 0. */
static int
stream_wait(serve_stream *s)
{
	serve_events *e = s->e;
	struct timespec until;
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += KEEPALIVE_SEC;
	int rc = 0;
	while (!e->stopped && e->count == s->seen && rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&e->cond, &e->mu, &until);
	if (e->stopped)
		return -1;
	const char *fmt = "event: reload\ndata: %s\n\n";
	if (e->count == s->seen)
		fmt = ": %s\n\n"; /* a comment: keeps the connection checked */
	char gen[GEN_MAX];
	gen_format(e, e->count, gen, sizeof gen);
	s->seen = e->count;
	int n = snprintf(s->pending, sizeof s->pending, fmt, gen);
	s->off = 0;
	s->len = n > 0 && (size_t)n < sizeof s->pending ? (size_t)n : 0;
	return 0;
}

ssize_t
serve_stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	(void)pos;
	serve_stream *s = cls;
	if (s->off == s->len) {
		pthread_mutex_lock(&s->e->mu);
		int rc = stream_wait(s);
		pthread_mutex_unlock(&s->e->mu);
		if (rc != 0)
			return -1;
	} else {
		pthread_mutex_lock(&s->e->mu);
		int stopped = s->e->stopped;
		pthread_mutex_unlock(&s->e->mu);
		if (stopped)
			return -1;
	}
	size_t n = s->len - s->off;
	if (n > max)
		n = max;
	memcpy(buf, s->pending + s->off, n);
	s->off += n;
	return (ssize_t)n;
}

void
serve_stream_free(void *cls)
{
	free(cls);
}
