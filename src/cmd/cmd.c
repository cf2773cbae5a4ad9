/* cmd: dispatch to the command's modes, --help and --version. */
#include "cmd/cmd.h"

#include <stdlib.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlmemory.h>

#include "card/card.h"
#include "cmd/cmd_int.h"
#include "cmd/pipeline.h"
#include "util/buf.h"
#include "util/arena.h"
#include "util/oom.h"
#include "util/path.h"

#ifndef MKR_VERSION
#define MKR_VERSION "0.1.0"
#endif

void
cmd_usage(FILE *f)
{
	fputs("usage: mkreport build [-v] [-C content] [-o site] [-T templates] [-M depfile]\n"
	      "                      [-j jobs] [--no-pdf] [--cache dir | --no-cache]\n"
	      "       mkreport check [-C content] [-T templates] [-j jobs]\n"
	      "       mkreport metrics [-C content] [--json | --csv] [--scenario name] [-j jobs]\n"
	      "       mkreport chart [-C content] [-T templates] [-j jobs] id -o file ...\n"
	      "       mkreport init dir\n"
	      "       mkreport serve [-C content] [-T templates] [-o dir] [-p port]\n"
	      "                      [--base /path/] [--no-pdf] [--cache dir | --no-cache]\n"
	      "       mkreport --help | --version\n"
	      "\n"
	      "  build     validate the report and write the site (only changed files)\n"
	      "  check     validate the report; print every error; write nothing\n"
	      "  metrics   print every metric as JSON (default) or CSV\n"
	      "  chart     draw one chart alone into each -o file; a file's extension\n"
	      "            (.svg, .png, .pdf) picks its format\n"
	      "  init      write a small, complete report to start from into dir (created\n"
	      "            with its parents; an existing dir must be empty)\n"
	      "  serve     build into build/serve/site (cache build/serve/cache), serve it on\n"
	      "            http://127.0.0.1:port/path/, rebuild on every change of the content\n"
	      "            and templates, reload the open pages; Ctrl-C stops\n"
	      "\n"
	      "  -C dir    the report's folder (default: content)\n"
	      "  -o dir    the output folder (default: site); chart: an output file\n"
	      "  -T dir    the templates folder (default: $MKREPORT_TEMPLATES, else installed)\n"
	      "  -M file   also write a make dependency file\n"
	      "  -p port   serve: the port (default: 8000; 0: any free port)\n"
	      "  --base /path/  serve: the URL path the site is served under (default: /)\n"
	      "  -v        say what was written\n"
	      "  --no-pdf  build: do not typeset the whole report as report.pdf\n"
	      "  --cache dir  build: keep reusable outputs in dir (default:\n"
	      "            .mkreport-cache/<name of the output folder> beside it)\n"
	      "  --no-cache   build: neither read nor write the cache\n"
	      "  -j jobs   threads for the Monte Carlo, the pages and the charts (default:\n"
	      "            the online cores); same output\n"
	      "\n"
	      "Exit status: 0 success, 1 errors in the sources, 2 usage, 3 output not written\n"
	      "(or out of memory), 128+n stopped by signal n while writing the site.\n"
	      "See mkreport(1).\n", f);
}

int
cmd_jobs(const char *mode, const char *arg, int *jobs)
{
	char *end;
	errno = 0;
	long j = strtol(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || j < 0 || j > 1024) {
		cmd_usage_error(mode, "-j needs a whole number in 0..1024");
		return -1;
	}
	*jobs = (int)j;
	return 0;
}

int
cmd_report_diag(const diag *d)
{
	const char *nc = getenv("NO_COLOR");
	int color = isatty(2) && (nc == NULL || nc[0] == '\0');
	diag_print(d, stderr, color);
	return diag_errors(d) ? CMD_ERRORS : CMD_OK;
}

int
cmd_usage_error(const char *mode, const char *msg)
{
	fprintf(stderr, "mkreport%s%s: %s\n", mode ? " " : "", mode ? mode : "", msg);
	fputs("Try 'mkreport --help'.\n", stderr);
	return CMD_USAGE;
}

/* Runs the mode argv[1] names. */
static int
run_mode(int argc, char **argv)
{
	if (argc < 2)
		return cmd_usage_error(NULL, "no mode given (build, check, metrics or chart)");
	const char *m = argv[1];
	if (strcmp(m, "--help") == 0 || strcmp(m, "-h") == 0) {
		cmd_usage(stdout);
		return CMD_OK;
	}
	if (strcmp(m, "--version") == 0) {
		printf("mkreport %s\n", MKR_VERSION);
		return CMD_OK;
	}
	if (strcmp(m, "build") == 0)
		return cmd_build(argc - 1, argv + 1);
	if (strcmp(m, "check") == 0)
		return cmd_check(argc - 1, argv + 1);
	if (strcmp(m, "metrics") == 0)
		return cmd_metrics(argc - 1, argv + 1);
	if (strcmp(m, "chart") == 0)
		return cmd_chart(argc - 1, argv + 1);
	if (strcmp(m, "init") == 0)
		return cmd_init(argc - 1, argv + 1);
	if (strcmp(m, "serve") == 0)
		return cmd_serve(argc - 1, argv + 1);
	fprintf(stderr, "mkreport: unknown mode '%s'\n", m);
	fputs("Try 'mkreport --help'.\n", stderr);
	return CMD_USAGE;
}


/* Runs the mode under the out-of-memory catch point: a failed allocation anywhere in
 * it (ours, libxml2's, cmark's, libyaml's, cairo's) ends the mode with exit 3 and a
 * message; nothing is written after that point, so site/ is left as it was unless the
 * failure came while it was being replaced. */
static int
run_guarded(int argc, char **argv)
{
	jmp_buf env;
	jmp_buf *outer = util_oom_catch(&env);
	if (setjmp(env) != 0) {
		util_oom_catch(outer);
		util_arena_use(NULL); /* the jump may have left a page's arena current */
		fputs("mkreport: out of memory\n", stderr);
		return CMD_WRITE;
	}
	int rc = run_mode(argc, argv);
	util_oom_catch(outer);
	return rc;
}

void
cmd_process_init(void)
{
	/* before libxml2's first use: the checked allocators (a failure unwinds like ours),
	 * from a page's arena while one is rendered (util/arena.h) */
	xmlMemSetup(util_arena_xfree, util_arena_xmalloc, util_arena_xrealloc,
	    util_arena_xstrdup);
	xmlInitParser(); /* before any chart thread builds an SVG's labels with libxml2 */
	signal(SIGXFSZ, SIG_IGN); /* past ulimit -f a write fails (EFBIG): exit 3, cleaned up */
}

void
cmd_process_fini(void)
{
	if (util_oom_happened()) /* after a jump the pools may be half updated: leave them */
		return;
	chart_pools_free(); /* the charts' font maps and pixel buffers, for leak checkers */
	card_pools_free();  /* the share cards' font maps */
	xmlCleanupParser();
}

/* The command line as main got it (for cmd_huge_pages). */
static char **cmd_argv;

/* The glibc tunable that backs malloc's heaps with transparent huge pages, and the
 * size of report.yaml from which a build asks for it (about 600 sections). */
#define HUGE_TUNABLE "glibc.malloc.hugetlb=1"
#define HUGE_MIN_YAML (64 << 10)

/* Returns 1 if the kernel gives transparent huge pages to memory that asks for them
 * (its mode is "always" or "madvise"). */
static int
huge_pages_offered(void)
{
	char mode[128];
	FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "re");
	if (f == NULL)
		return 0;
	size_t n = fread(mode, 1, sizeof mode - 1, f);
	fclose(f);
	mode[n] = '\0';
	return strstr(mode, "[always]") != NULL || strstr(mode, "[madvise]") != NULL;
}

void
cmd_huge_pages(const char *content)
{
	const char *t = getenv("GLIBC_TUNABLES");
	if (cmd_argv == NULL || (t != NULL && strstr(t, "glibc.malloc.hugetlb")) ||
	    getenv("MKREPORT_NO_HUGEPAGES") != NULL) /* the cheap tests first */
		return;
	struct stat st;
	char *yaml = path_join(content, "report.yaml");
	int big = stat(yaml, &st) == 0 && st.st_size >= HUGE_MIN_YAML;
	free(yaml);
	if (!big || !huge_pages_offered())
		return;
	buf v;
	buf_init(&v);
	buf_printf(&v, "%s%s%s", t != NULL ? t : "", t != NULL ? ":" : "", HUGE_TUNABLE);
	char *old = t != NULL ? util_xstrdup(t) : NULL;
	if (setenv("GLIBC_TUNABLES", buf_str(&v), 1) == 0) {
		fflush(NULL);
		execv("/proc/self/exe", cmd_argv);
	}
	if (old != NULL) /* the exec failed: go on as we are */
		setenv("GLIBC_TUNABLES", old, 1);
	else
		unsetenv("GLIBC_TUNABLES");
	free(old);
	buf_free(&v);
}

int
cmd_main(int argc, char **argv)
{
	cmd_argv = argv;
	cmd_process_init();
	int rc = run_guarded(argc, argv);
	cmd_process_fini();
	return rc;
}
