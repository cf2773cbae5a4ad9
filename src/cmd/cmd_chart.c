/* cmd_chart: `mkreport chart ID -o FILE`: one chart drawn alone as SVG, PNG or PDF. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "cmd/cmd_int.h"
#include "cmd/pipeline.h"
#include "util/buf.h"

/* Picks the format from file's extension (.svg, .png, .pdf). Returns 0 or -1. */
static int
format_of(const char *file, chart_format *fmt)
{
	static const struct { const char *ext; chart_format fmt; } exts[] = {
		{ ".svg", CHART_SVG }, { ".png", CHART_PNG }, { ".pdf", CHART_PDF },
	};
	size_t n = strlen(file);
	for (size_t i = 0; i < sizeof exts / sizeof *exts; i++)
		if (n > 4 && strcmp(file + n - 4, exts[i].ext) == 0) {
			*fmt = exts[i].fmt;
			return 0;
		}
	return -1;
}

/* Returns how many times to draw the chart: $MKREPORT_CHART_REPEAT (1..100000, for
 * the benchmark: the time of N draws minus one draw is N-1 charts without start-up),
 * else 1. */
static long
repeats(void)
{
	const char *env = getenv("MKREPORT_CHART_REPEAT");
	char *end = NULL;
	long n = env && *env ? strtol(env, &end, 10) : 1;
	return n >= 1 && n <= 100000 && (end == NULL || *end == '\0') ? n : 1;
}

/* Writes b to path. Returns 0 or -1 (message printed). */
static int
write_out(const char *path, const buf *b)
{
	FILE *f = fopen(path, "wb");
	int ok = f != NULL && fwrite(b->data ? b->data : "", 1, b->len, f) == b->len;
	if (f != NULL && fclose(f) != 0)
		ok = 0;
	if (!ok)
		fprintf(stderr, "mkreport chart: cannot write '%s'\n", path);
	return ok ? 0 : -1;
}

enum {
	CHART_MAX_OUTS = 16, /* most -o files of one run */
};

/* What one `mkreport chart` run draws. */
typedef struct chart_run {
	const char *id;                     /* the chart */
	size_t n;                           /* files wanted */
	const char *paths[CHART_MAX_OUTS];  /* their paths */
	chart_format fmts[CHART_MAX_OUTS];  /* their formats */
} chart_run;

/* Computes the report (jobs threads) and draws run's chart into each of its files.
 * Returns the exit status. */
static int
run_chart(const char *content, int jobs, const char *tdir, const chart_run *run)
{
	diag *d = diag_new();
	pipeline p;
	buf b[CHART_MAX_OUTS];
	int rc = CMD_OK;
	for (size_t i = 0; i < run->n; i++)
		buf_init(&b[i]);
	pipeline_charts *pc = NULL;
	if (pipeline_compute(content, jobs, d, &p) != 0 ||
	    (pc = pipeline_charts_new(&p, tdir, d)) == NULL) {
		rc = CMD_ERRORS;
	} else {
		long n = repeats();
		for (long k = 0; k < n && rc == CMD_OK; k++) {
			for (size_t i = 0; i < run->n; i++)
				buf_reset(&b[i]);
			if (pipeline_charts_draw(pc, run->id, run->fmts, run->n, b) != 0)
				rc = CMD_ERRORS;
		}
		for (size_t i = 0; i < run->n && rc != CMD_ERRORS; i++)
			if (write_out(run->paths[i], &b[i]) != 0)
				rc = CMD_WRITE;
	}
	cmd_report_diag(d);
	pipeline_charts_free(pc);
	pipeline_free(&p);
	for (size_t i = 0; i < run->n; i++)
		buf_free(&b[i]);
	diag_free(d);
	return rc;
}

/* Adds -o file to run. Returns 0, or a usage status after printing why. */
static int
add_out(chart_run *run, const char *file)
{
	if (run->n == CHART_MAX_OUTS)
		return cmd_usage_error("chart", "too many -o files (at most 16)");
	if (format_of(file, &run->fmts[run->n]) != 0)
		return cmd_usage_error("chart", "the output file must end in .svg, .png or .pdf");
	run->paths[run->n++] = file;
	return 0;
}

int
cmd_chart(int argc, char **argv)
{
	const char *content = "content", *tdir = NULL;
	chart_run run;
	int ch;
	int jobs = 0;
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	memset(&run, 0, sizeof run);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "C:T:o:j:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'C': content = optarg; break;
		case 'T': tdir = optarg; break;
		case 'o': if (add_out(&run, optarg) != 0) return CMD_USAGE; break;
		case 'j': if (cmd_jobs("chart", optarg, &jobs) < 0) return CMD_USAGE; break;
		case 'h': cmd_usage(stdout); return CMD_OK;
		default: return cmd_usage_error("chart", "bad option");
		}
	}
	if (optind + 1 != argc)
		return cmd_usage_error("chart", "name one chart id");
	if (run.n == 0)
		return cmd_usage_error("chart", "-o FILE.svg|.png|.pdf is required");
	run.id = argv[optind];
	return run_chart(content, jobs, pipeline_templates_dir(tdir), &run);
}
