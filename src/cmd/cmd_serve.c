/* cmd_serve: `mkreport serve`: build into a folder of its own, serve it on 127.0.0.1,
 * rebuild on every change of the sources and reload the open pages. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include "cache/cache.h"
#include "cmd/cmd.h"
#include "cmd/cmd_int.h"
#include "cmd/pipeline.h"
#include "serve/errpage.h"
#include "serve/events.h"
#include "serve/http.h"
#include "serve/watch.h"
#include "util/buf.h"

enum {
	QUIET_MS = 20,      /* a change is built once the sources are quiet this long */
	DEFAULT_PORT = 8000,
};

/* What `mkreport serve` was asked to do. */
typedef struct serve_opts {
	const char *content;   /* the report's folder */
	const char *tdir;      /* the templates folder */
	const char *out_dir;   /* where the served site is built */
	const char *cache_dir; /* the build cache, NULL = none */
	const char *base;      /* the URL path the site is served under, "/.../" */
	unsigned port;         /* the port; 0 = any free one */
	int pdf;               /* 1 = typeset report.pdf too */
} serve_opts;

/* Returns milliseconds on the monotonic clock. */
static long
now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Renders p into o's folder all or nothing. Returns the exit status of a build. */
static int
serve_commit(const serve_opts *o, const pipeline *p, diag *d)
{
	site_stats st;
	pipeline q = *p; /* q.cache_read: a second try reads every chart file at once */
	site_dest *dest = site_dest_open(o->out_dir, NULL, stderr, d);
	int rc = CMD_OK;
	for (int again = 1; again;) {
		site_out *out = pipeline_site_new(&q, o->out_dir);
		int streaming = dest != NULL && site_out_stream(out, dest, d) == 0, r, stale = 0;
		rc = CMD_OK;
		if ((r = pipeline_render(&q, o->tdir, o->pdf, d, out)) != 0) {
			rc = CMD_ERRORS;
			stale = r == PIPELINE_STALE;
		} else if (!streaming || site_commit(out, dest, d, &st) != 0) {
			rc = CMD_WRITE;
			stale = streaming && site_out_stale(out);
		} else {
			pipeline_site_done(&q, out, o->out_dir);
		}
		site_out_free(out);
		again = stale && !q.cache_read;
		if (again && q.cache != NULL)
			cache_recount(q.cache);
		q.cache_read = 1;
	}
	site_dest_free(dest);
	return rc;
}

/* Builds the site once, prints the diagnostics and the time, and publishes the
 * result to the pages (an error page if it failed). Returns the build's status. */
static int
serve_build(const serve_opts *o, serve_events *ev)
{
	long t0 = now_ms();
	diag *d = diag_new();
	cache *c = o->cache_dir ? cache_new(o->cache_dir) : NULL;
	pipeline p;
	int rc = CMD_ERRORS;
	if (pipeline_compute_cached(o->content, 0, c, d, &p) == 0)
		rc = serve_commit(o, &p, d);
	if (rc == CMD_OK && c != NULL)
		cache_sweep(c);
	pipeline_free(&p);
	cmd_report_diag(d);
	buf page;
	buf_init(&page);
	if (rc != CMD_OK)
		serve_error_page(d, &page);
	if (serve_events_publish(ev, rc == CMD_OK ? NULL : page.data, page.len) != 0)
		fputs("mkreport serve: out of memory; the pages were not told\n", stderr);
	if (rc == CMD_OK)
		fprintf(stderr, "mkreport serve: built in %ld ms\n", now_ms() - t0);
	else
		fprintf(stderr, "mkreport serve: %d error%s; the browser shows them until they "
		    "are fixed\n", diag_errors(d), diag_errors(d) == 1 ? "" : "s");
	buf_free(&page);
	diag_free(d);
	cache_free(c);
	return rc;
}

/* Waits for changes and rebuilds until a stop signal arrives on sigfd. Returns the
 * exit status. */
static int
serve_loop(const serve_opts *o, serve_events *ev, serve_watch *w, int sigfd)
{
	struct pollfd fds[2] = { { sigfd, POLLIN, 0 }, { serve_watch_fd(w), POLLIN, 0 } };
	int pending = 0;
	for (;;) {
		int n = poll(fds, 2, pending ? QUIET_MS : -1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fprintf(stderr, "mkreport serve: poll: %s\n", strerror(errno));
			return CMD_WRITE;
		}
		if (fds[0].revents != 0)
			return CMD_OK;
		const char *path = NULL;
		if (fds[1].revents != 0) {
			int k = serve_watch_read(w, &path);
			if (k < 0) {
				fprintf(stderr, "mkreport serve: reading changes: %s\n", strerror(errno));
				return CMD_WRITE;
			}
			if (k > 0 && !pending)
				fprintf(stderr, "mkreport serve: %s changed\n", path);
			pending |= k > 0;
		} else if (n == 0 && pending) {
			pending = 0;
			serve_build(o, ev);
		}
	}
}

/* Returns 1 if the folder dir exists inside the folder root (each build would then
 * change what is watched and start the next), else 0. */
static int
inside_watched(const char *dir, const char *root)
{
	char a[PATH_MAX], b[PATH_MAX];
	if (realpath(dir, a) == NULL || realpath(root, b) == NULL)
		return 0;
	size_t n = strlen(b);
	return strncmp(a, b, n) == 0 && (a[n] == '/' || a[n] == '\0');
}

/* Returns 1 after saying so if o's output folder exists inside the content or
 * templates folder, else 0. */
static int
out_watched(const serve_opts *o)
{
	if (!inside_watched(o->out_dir, o->content) && !inside_watched(o->out_dir, o->tdir))
		return 0;
	fprintf(stderr, "mkreport serve: %s: the output folder must not be inside the "
	    "content or templates folder\n", o->out_dir);
	return 1;
}

/* Listens (a busy port fails at once), then builds the site the first time. Returns
 * the server, or NULL with the exit status in *rc. */
static serve_http *
serve_start(const serve_opts *o, serve_events *ev, int *rc)
{
	*rc = CMD_USAGE;
	if (out_watched(o)) /* checked again once the first build has made the folder */
		return NULL;
	serve_http *h = serve_http_new(o->out_dir, o->base, o->port, ev);
	if (h == NULL) {
		*rc = CMD_WRITE;
		return NULL;
	}
	serve_build(o, ev);
	if (out_watched(o)) {
		serve_events_stop(ev);
		serve_http_free(h);
		return NULL;
	}
	return h;
}

/* Listens, builds the site, and runs the loop; the stop signals are blocked (their
 * descriptor is sigfd). Returns the exit status. */
static int
serve_run(const serve_opts *o, int sigfd)
{
	const char *dirs[2] = { o->content, o->tdir };
	serve_watch *w = serve_watch_new(dirs, 2);
	if (w == NULL) {
		fprintf(stderr, "mkreport serve: cannot watch %s and %s: %s\n", o->content,
		    o->tdir, strerror(errno));
		return CMD_WRITE;
	}
	serve_events *ev = serve_events_new();
	int rc = CMD_WRITE;
	serve_http *h = ev ? serve_start(o, ev, &rc) : NULL;
	if (h != NULL) {
		printf("mkreport serve: http://127.0.0.1:%u%s (built in %s; Ctrl-C stops)\n",
		    serve_http_port(h), o->base, o->out_dir);
		fflush(stdout);
		rc = serve_loop(o, ev, w, sigfd);
		fputs("mkreport serve: stopping\n", stderr);
		serve_events_stop(ev);
	}
	serve_http_free(h);
	serve_events_free(ev);
	serve_watch_free(w);
	return rc;
}

/* Blocks the stop signals (SIGINT, SIGTERM, SIGHUP) in this thread and the threads it
 * starts, ignores SIGPIPE (a browser closing a page), and returns a signalfd for the
 * stop signals, or -1. old/oldpipe get what to restore. */
static int
signals_take(sigset_t *old, struct sigaction *oldpipe)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	struct sigaction ign;
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, oldpipe);
	pthread_sigmask(SIG_BLOCK, &set, old);
	return signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
}

/* Drains the stop signals caught on sigfd, closes it, and restores old and oldpipe. */
static void
signals_release(int sigfd, const sigset_t *old, const struct sigaction *oldpipe)
{
	struct signalfd_siginfo si;
	if (sigfd >= 0) {
		while (read(sigfd, &si, sizeof si) == (ssize_t)sizeof si)
			;
		close(sigfd);
	}
	pthread_sigmask(SIG_SETMASK, old, NULL);
	sigaction(SIGPIPE, oldpipe, NULL);
}

/* Checks and normalises the --base path into out ('/' at both ends, segments of
 * letters, digits and "-._~", none "." or ".."). Returns 0 or -1. */
static int
base_parse(const char *arg, buf *out)
{
	if (arg[0] != '/')
		return -1;
	buf_puts(out, arg);
	if (out->data[out->len - 1] != '/')
		buf_putc(out, '/');
	const char *s = out->data;
	for (const char *p = s; *p; p++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/",
		    *p))
			return -1;
	return strstr(s, "//") || strstr(s, "/./") || strstr(s, "/../") ? -1 : 0;
}

/* Parses -p's argument into *port. Returns 0 or -1. */
static int
port_parse(const char *arg, unsigned *port)
{
	char *end;
	errno = 0;
	long v = strtol(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || v < 0 || v > 65535)
		return -1;
	*port = (unsigned)v;
	return 0;
}

int
cmd_serve(int argc, char **argv)
{
	serve_opts o = { "content", NULL, "build/serve/site", "build/serve/cache", "/",
		DEFAULT_PORT, 1 };
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "base", required_argument, NULL, 'B' },
		{ "cache", required_argument, NULL, 'K' },
		{ "no-cache", no_argument, NULL, 'N' },
		{ "no-pdf", no_argument, NULL, 'P' },
		{ NULL, 0, NULL, 0 },
	};
	buf base;
	buf_init(&base);
	int ch, bad = 0;
	optind = 1;
	while (!bad && (ch = getopt_long(argc, argv, "C:T:o:p:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'C': o.content = optarg; break;
		case 'T': o.tdir = optarg; break;
		case 'o': o.out_dir = optarg; break;
		case 'K': o.cache_dir = optarg; break;
		case 'N': o.cache_dir = NULL; break;
		case 'P': o.pdf = 0; break;
		case 'p': bad = port_parse(optarg, &o.port) ? 1 : 0; break;
		case 'B': buf_reset(&base); bad = base_parse(optarg, &base) ? 2 : 0; break;
		case 'h': buf_free(&base); cmd_usage(stdout); return CMD_OK;
		default: bad = 3; break;
		}
	}
	if (!bad && optind != argc)
		bad = 4;
	static const char *const why[] = { "", "-p needs a port number in 0..65535",
		"--base needs a path such as /sub/path/ (letters, digits, -._~)", "bad option",
		"unexpected argument" };
	if (bad) {
		buf_free(&base);
		return cmd_usage_error("serve", why[bad]);
	}
	if (base.len > 0)
		o.base = buf_str(&base);
	o.tdir = pipeline_templates_dir(o.tdir);
	sigset_t old;
	struct sigaction oldpipe;
	int sigfd = signals_take(&old, &oldpipe);
	int rc = CMD_WRITE;
	if (sigfd < 0)
		fprintf(stderr, "mkreport serve: signalfd: %s\n", strerror(errno));
	else
		rc = serve_run(&o, sigfd);
	signals_release(sigfd, &old, &oldpipe);
	buf_free(&base);
	return rc;
}
