/* progress: a build's stages and counts on one terminal line, rewritten in place. */
#include "cmd/progress.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "util/buf.h"

enum {
	PROGRESS_STAGES = 8,       /* stages shown; later ones are not */
	PROGRESS_DELAY_MS = 1000,  /* nothing drawn before the build has run this long
	                              (MKREPORT_PROGRESS_DELAY, in ms, overrides it) */
	PROGRESS_EVERY_MS = 100,   /* the line redrawn at most this often */
};

/* One stage of the build. */
typedef struct stage {
	const char *name; /* as given to diag_progress (not owned) */
	size_t done;      /* items done */
	size_t total;     /* items in all, 0 for a stage without a count */
} stage;

struct progress {
	FILE *f;                       /* the terminal */
	int dumb;                      /* 1: no escape sequences (TERM dumb or unset) */
	pthread_mutex_t mu;            /* guards what follows */
	long start;                    /* when progress_new ran, ms */
	long delay;                    /* ms before the line is first drawn */
	long drawn_at;                 /* when the line was last drawn, ms; -1: never */
	size_t shown;                  /* characters of the line on screen */
	stage stages[PROGRESS_STAGES]; /* in the order they began */
	size_t n;                      /* stages used */
};

/* Returns the monotonic clock in milliseconds. */
static long
now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Returns the terminal's width in columns (80 if unknown). */
static size_t
columns(FILE *f)
{
	struct winsize w;
	if (ioctl(fileno(f), TIOCGWINSZ, &w) == 0 && w.ws_col > 0)
		return w.ws_col;
	return 80;
}

/* Blanks the line on screen and puts the cursor at its start. */
static void
clear_line(progress *p)
{
	if (p->shown == 0)
		return;
	if (p->dumb)
		fprintf(p->f, "\r%*s\r", (int)p->shown, "");
	else
		fputs("\r\033[K", p->f);
	p->shown = 0;
}

/* Draws the line: every stage, with its count if it has one, cut to the terminal. */
static void
draw(progress *p)
{
	buf b;
	buf_init(&b);
	buf_puts(&b, "mkreport:");
	for (size_t i = 0; i < p->n; i++) {
		const stage *s = &p->stages[i];
		buf_printf(&b, "%s %s", i ? "," : "", s->name);
		if (s->total > 0)
			buf_printf(&b, " %zu/%zu", s->done, s->total);
	}
	size_t w = columns(p->f) - 1, len = b.len < w ? b.len : w;
	size_t old = p->shown;
	fprintf(p->f, "\r%.*s", (int)len, buf_str(&b));
	if (len < old) /* the line got shorter: blank the rest */
		fprintf(p->f, "%*s\r%.*s", (int)(old - len), "", (int)len, buf_str(&b));
	fflush(p->f);
	p->shown = len;
	buf_free(&b);
}

/* Returns the index of name in order (n entries), n if it is not there. */
static size_t
stage_rank(const char *name, const char *const *order, size_t n)
{
	size_t k = 0;
	while (k < n && strcmp(order[k], name) != 0)
		k++;
	return k;
}

/* Returns where stage name goes in p's line (the order of a build, whichever stage
 * reports first: charts are drawn while pages render), and puts it there. */
static size_t
add_stage(progress *p, const char *name)
{
	static const char *const order[] = { "model", "pages", "charts", "report.pdf" };
	size_t n = sizeof order / sizeof *order, rank = stage_rank(name, order, n);
	size_t i = p->n;
	while (i > 0 && stage_rank(p->stages[i - 1].name, order, n) > rank) {
		p->stages[i] = p->stages[i - 1];
		i--;
	}
	p->stages[i] = (stage){ name, 0, 0 };
	p->n++;
	return i;
}

/* The hook: counts one item of stage, and redraws if it is time. */
static void
on_step(void *arg, const char *name, size_t total)
{
	progress *p = arg;
	pthread_mutex_lock(&p->mu);
	size_t i = 0;
	while (i < p->n && strcmp(p->stages[i].name, name) != 0)
		i++;
	if (i == p->n && p->n < PROGRESS_STAGES)
		i = add_stage(p, name);
	if (i < p->n && total > 0) {
		p->stages[i].total = total;
		p->stages[i].done++;
	}
	long t = now_ms();
	if (t - p->start >= p->delay &&
	    (p->drawn_at < 0 || t - p->drawn_at >= PROGRESS_EVERY_MS)) {
		draw(p);
		p->drawn_at = t;
	}
	pthread_mutex_unlock(&p->mu);
}

progress *
progress_new(FILE *f)
{
	if (!isatty(fileno(f)))
		return NULL;
	const char *term = getenv("TERM");
	progress *p = util_xcalloc(1, sizeof *p);
	p->f = f;
	p->dumb = term == NULL || term[0] == '\0' || strcmp(term, "dumb") == 0;
	pthread_mutex_init(&p->mu, NULL);
	p->start = now_ms();
	p->drawn_at = -1;
	const char *delay = getenv("MKREPORT_PROGRESS_DELAY");
	p->delay = delay != NULL && *delay ? strtol(delay, NULL, 10) : PROGRESS_DELAY_MS;
	diag_progress_hook(on_step, p);
	return p;
}

void
progress_end(progress *p)
{
	if (p == NULL)
		return;
	diag_progress_hook(NULL, NULL);
	pthread_mutex_lock(&p->mu);
	clear_line(p);
	fflush(p->f);
	pthread_mutex_unlock(&p->mu);
}

void
progress_free(progress *p)
{
	if (p == NULL)
		return;
	progress_end(p);
	pthread_mutex_destroy(&p->mu);
	free(p);
}
