/* cmd_build: `mkreport build`: validate, render, then write site/ all or nothing. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "cmd/cmd.h"
#include "cmd/cmd_int.h"
#include "cache/cache.h"
#include "cmd/pipeline.h"
#include "cmd/progress.h"
#include "cmd/why.h"
#include "pdf/pdf.h"
#include "util/buf.h"
#include "util/path.h"

/* Appends one depfile path, escaping spaces and '$' for make. */
static void
dep_path(buf *b, const char *p)
{
	for (; *p; p++) {
		if (*p == ' ' || *p == '#')
			buf_putc(b, '\\');
		if (*p == '$')
			buf_putc(b, '$');
		buf_putc(b, *p);
	}
}

/* Writes the make depfile at path: "target: inputs" and an empty rule per input. */
static int
write_depfile(const char *path, const char *target, const report *r, const char *tdir,
    diag *d)
{
	size_t n = r->ninputs + 5;
	char **in = util_xcalloc(n, sizeof(char *));
	for (size_t i = 0; i < r->ninputs; i++)
		in[i] = util_xstrdup(r->inputs[i]);
	buf t;
	buf_init(&t);
	buf_printf(&t, "%s/page.html", tdir);
	in[r->ninputs] = buf_detach(&t);
	buf_printf(&t, "%s/style.css", tdir);
	in[r->ninputs + 1] = buf_detach(&t);
	buf_printf(&t, "%s/fonts.conf", tdir);
	in[r->ninputs + 2] = buf_detach(&t);
	buf_printf(&t, "%s/model.js", tdir); /* the explorer's scripts */
	in[r->ninputs + 3] = buf_detach(&t);
	buf_printf(&t, "%s/explore.js", tdir);
	in[r->ninputs + 4] = buf_detach(&t);
	buf b;
	buf_init(&b);
	dep_path(&b, target);
	buf_putc(&b, ':');
	for (size_t i = 0; i < n; i++) {
		buf_puts(&b, " \\\n  ");
		dep_path(&b, in[i]);
	}
	buf_puts(&b, "\n");
	for (size_t i = 0; i < n; i++) {
		buf_puts(&b, "\n");
		dep_path(&b, in[i]);
		buf_puts(&b, ":\n");
		free(in[i]);
	}
	free(in);
	FILE *f = fopen(path, "w");
	int rc = 0;
	if (f == NULL || fwrite(b.data, 1, b.len, f) != b.len) {
		diag_error(d, diag_file_pos(d, path), "cannot write depfile");
		rc = -1;
	}
	if (f && fclose(f) != 0 && rc == 0) {
		diag_error(d, diag_file_pos(d, path), "cannot write depfile");
		rc = -1;
	}
	buf_free(&b);
	return rc;
}

/* Marks the build's time on out_dir's manifest (make compares it with the inputs;
 * its bytes do not change) and writes the depfile naming the manifest as target. */
static int
stamp_and_depfile(const char *out_dir, const char *depfile, const report *r,
    const char *tdir, diag *d)
{
	char *manifest = path_join(out_dir, ".mkreport-manifest");
	int rc = 0;
	if (utimes(manifest, NULL) != 0) {
		diag_error(d, diag_file_pos(d, manifest), "cannot update the manifest's time");
		rc = -1;
	} else {
		rc = write_depfile(depfile, manifest, r, tdir, d);
	}
	free(manifest);
	return rc;
}

/* The signal that asked the build to stop (0: none), set by on_stop. */
static volatile sig_atomic_t build_stop;

/* The signals that stop a build: the site is left whole, old or new. */
static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define NSTOP (sizeof stop_signals / sizeof stop_signals[0])

/* Notes the signal; the commit polls build_stop between steps. */
static void
on_stop(int sig)
{
	build_stop = sig;
}

/* Installs on_stop for the stop signals (not restarting calls, so a wait for the lock
 * ends), keeping any that the caller ignores ignored; saves the old actions. */
static void
stop_catch(struct sigaction old[NSTOP])
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	build_stop = 0;
	for (size_t i = 0; i < NSTOP; i++) {
		sigaction(stop_signals[i], NULL, &old[i]);
		if (old[i].sa_handler != SIG_IGN)
			sigaction(stop_signals[i], &sa, NULL);
	}
}

/* Puts back the actions stop_catch saved. */
static void
stop_release(const struct sigaction old[NSTOP])
{
	for (size_t i = 0; i < NSTOP; i++)
		sigaction(stop_signals[i], &old[i], NULL);
}

/* Renders the site of p into out_dir all or nothing, holding its lock: each file goes
 * into the new site's folder as soon as it is rendered (site_out_stream), then the
 * folder is swapped in (or removed after any error), then the depfile. If out_dir
 * cannot be opened, the site is still rendered (in memory) for its errors. A stop signal
 * (SIGINT, SIGTERM, SIGHUP) caught meanwhile ends the commit before the swap if it
 * can, and makes the status 128 + the signal. early: report.pdf's job started before
 * the report was loaded (pipeline_pdf_early), or NULL; taken over. Returns the exit
 * status. */
static int
render_and_commit(const pipeline *p, int pdf, const char *out_dir, const char *depfile,
    const char *tdir, pdf_job *early, int verbose, progress *pg, diag *d)
{
	struct sigaction old[NSTOP];
	stop_catch(old);
	int rc = CMD_OK, done = -1; /* done: site_commit's result; 0 = swapped in */
	site_stats st;
	pipeline q = *p; /* q.cache_read: a second try reads every chart file at once */
	site_dest *dest = site_dest_open(out_dir, &build_stop, stderr, d);
	site_out *out = NULL;
	for (int again = 1; again;) {
		int stale = 0;
		rc = CMD_OK;
		out = pipeline_site_new(&q, out_dir);
		int streaming = dest != NULL && site_out_stream(out, dest, d) == 0, r;
		if (!streaming && build_stop) {
			rc = CMD_WRITE;
			pdf_job_drop(early);
		} else if ((r = pipeline_render_early(&q, tdir, pdf, early, d, out)) != 0) {
			rc = CMD_ERRORS; /* the content's errors are reported even if dest failed */
			stale = r == PIPELINE_STALE;
		} else if (!streaming) {
			rc = CMD_WRITE;
		} else if ((done = site_commit(out, dest, d, &st)) != 0) {
			rc = CMD_WRITE;
			stale = done != SITE_STOPPED && site_out_stale(out);
		} else {
			pipeline_site_done(&q, out, out_dir);
			if (depfile && stamp_and_depfile(out_dir, depfile, p->rep, tdir, d) != 0)
				rc = CMD_WRITE;
		}
		/* a chart file kept in the cache was damaged or removed: once more, reading
		 * (and checking) every one, drawing the charts whose files are gone */
		early = NULL; /* taken by pipeline_render_early, or dropped below */
		again = stale && !q.cache_read && !build_stop;
		if (again) {
			site_out_free(out);
			q.cache_read = 1;
			if (q.cache != NULL)
				cache_recount(q.cache); /* -v tells what the second try did */
		}
	}
	progress_end(pg); /* before anything else is printed */
	if (rc == CMD_OK && verbose) {
		fprintf(stderr, "mkreport: %s: %zu written, %zu unchanged, %zu removed\n",
		    out_dir, st.written, st.unchanged, st.removed);
	}
	site_out_free(out); /* before dest: removes the new folder unless swapped in */
	site_dest_free(dest);
	stop_release(old);
	if (build_stop) {
		if (done != 0)
			fprintf(stderr, "mkreport: %s: interrupted; the folder is left as it was\n",
			    out_dir);
		rc = 128 + build_stop;
	}
	return rc;
}

/* Returns the default cache folder of out_dir: .mkreport-cache/<name> beside it
 * (never inside it), or NULL if out_dir has no usable name (such as "/"). Caller
 * frees. */
static char *
default_cache_dir(const char *out_dir)
{
	char real[PATH_MAX];
	char *dir = util_xstrdup(out_dir);
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		dir[--n] = '\0';
	char *slash = strrchr(dir, '/');
	const char *base = slash ? slash + 1 : dir;
	if ((strcmp(base, ".") == 0 || strcmp(base, "..") == 0) && realpath(out_dir, real)) {
		free(dir);
		dir = util_xstrdup(real);
		slash = strrchr(dir, '/');
		base = slash ? slash + 1 : dir;
	}
	char *out = NULL;
	if (*base && strcmp(base, ".") != 0 && strcmp(base, "..") != 0) {
		buf b;
		buf_init(&b);
		if (slash != NULL)
			buf_printf(&b, "%.*s/", (int)(slash - dir), dir);
		buf_printf(&b, ".mkreport-cache/%s", base);
		out = buf_detach(&b);
	}
	free(dir);
	return out;
}

/* Returns 1 if folder dir is out_dir or inside it (both existing), else 0. */
static int
inside(const char *dir, const char *out_dir)
{
	char a[PATH_MAX], b[PATH_MAX];
	if (realpath(dir, a) == NULL || realpath(out_dir, b) == NULL)
		return 0;
	size_t n = strlen(b);
	return strncmp(a, b, n) == 0 && (a[n] == '\0' || a[n] == '/' || n == 1);
}

/* Opens the build cache: dir if given, else the default beside out_dir; NULL if off
 * (no_cache), or if it cannot be created (a warning). Sets *bad if the folder is
 * inside out_dir (a usage error). */
static cache *
open_cache(const char *dir, const char *out_dir, int no_cache, int *bad)
{
	char *def = dir || no_cache ? NULL : default_cache_dir(out_dir);
	const char *use = dir ? dir : def;
	cache *c = NULL;
	*bad = 0;
	if (use != NULL && !no_cache) {
		c = cache_new(use);
		if (c == NULL)
			fprintf(stderr, "mkreport: warning: cache folder '%s': %s; building without "
			    "the cache\n", use, strerror(errno));
		else if (inside(use, out_dir))
			*bad = 1;
	}
	free(def);
	return c;
}

/* Prints what the build did with the cache c (-v). */
static void
cache_report(const cache *c)
{
	cache_stats st = cache_get_stats(c);
	fprintf(stderr, "mkreport: cache: %zu reused, %zu computed, %zu corrupt, %zu removed\n",
	    st.hits, st.misses, st.bad, st.removed);
}

int
cmd_build(int argc, char **argv)
{
	const char *content = "content", *out_dir = "site", *tdir = NULL, *depfile = NULL;
	int verbose = 0, pdf = 1, ch, no_cache = 0, bad_cache;
	const char *cache_dir = NULL;
	int jobs = 0;
	static const struct option opts[] = {
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "no-pdf", no_argument, NULL, 'P' },
		{ "no-cache", no_argument, NULL, 'N' },
		{ "cache", required_argument, NULL, 'K' },
		{ NULL, 0, NULL, 0 },
	};
	optind = 1;
	while ((ch = getopt_long(argc, argv, "C:o:T:M:j:vh", opts, NULL)) != -1) {
		switch (ch) {
		case 'C': content = optarg; break;
		case 'o': out_dir = optarg; break;
		case 'T': tdir = optarg; break;
		case 'M': depfile = optarg; break;
		case 'v': verbose = 1; break;
		case 'P': pdf = 0; break;
		case 'N': no_cache = 1; break;
		case 'K': cache_dir = optarg; break;
		case 'j': if (cmd_jobs("build", optarg, &jobs) < 0) return CMD_USAGE; break;
		case 'h': cmd_usage(stdout); return CMD_OK;
		default: return cmd_usage_error("build", "bad option");
		}
	}
	if (optind != argc)
		return cmd_usage_error("build", "unexpected argument");
	cmd_huge_pages(content);
	tdir = pipeline_templates_dir(tdir);
	cache *cc = open_cache(cache_dir, out_dir, no_cache, &bad_cache);
	if (bad_cache) {
		cache_free(cc);
		return cmd_usage_error("build", "the cache folder must not be inside the output "
		    "folder");
	}
	diag *d = diag_new();
	pipeline p;
	int rc = CMD_OK;
	progress *pg = progress_new(stderr);
	diag_progress("model", 0);
	pdf_job *early = pdf ? pipeline_pdf_early(tdir) : NULL; /* fonts load meanwhile */
	if (pipeline_compute_cached(content, jobs, cc, d, &p) != 0) {
		rc = CMD_ERRORS;
		pdf_job_drop(early);
	} else {
		const char *tun = getenv("GLIBC_TUNABLES");
		if (verbose && tun != NULL && strstr(tun, "glibc.malloc.hugetlb=1") != NULL)
			fprintf(stderr, "mkreport: heaps on transparent huge pages "
			    "(GLIBC_TUNABLES=%s)\n", tun);
		if (verbose && p.rep->base_url == NULL)
			fprintf(stderr, "mkreport: report.yaml has no base_url: the pages have no "
			    "og:url, og:image or canonical link, and the site has no sitemap.xml\n");
		rc = render_and_commit(&p, pdf, out_dir, depfile, tdir, early, verbose, pg, d);
		if (rc == CMD_OK && cc != NULL) {
			cache_sweep(cc);
			why_report(cc, p.rep, tdir, verbose, stderr);
			if (verbose)
				cache_report(cc);
		}
	}
	progress_free(pg);
	cmd_report_diag(d);
	pipeline_free(&p);
	diag_free(d);
	cache_free(cc);
	return rc;
}
