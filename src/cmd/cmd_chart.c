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

/* Computes the report (jobs Monte Carlo threads) and draws chart id as fmt into path.
 * Returns the exit status. */
static int
run_chart(const char *content, int jobs, const char *tdir, const char *id,
    chart_format fmt, const char *path)
{
	diag *d = diag_new();
	pipeline p;
	buf b;
	buf_init(&b);
	int rc = CMD_OK;
	if (pipeline_compute(content, jobs, d, &p) != 0) {
		rc = CMD_ERRORS;
	} else {
		long n = repeats();
		for (long k = 0; k < n && rc == CMD_OK; k++) {
			buf_reset(&b);
			if (pipeline_chart(&p, tdir, id, fmt, d, &b) != 0)
				rc = CMD_ERRORS;
		}
		if (rc == CMD_OK && write_out(path, &b) != 0)
			rc = CMD_WRITE;
	}
	cmd_report_diag(d);
	pipeline_free(&p);
	buf_free(&b);
	diag_free(d);
	return rc;
}

int
cmd_chart(int argc, char **argv)
{
	const char *content = "content", *tdir = NULL, *out = NULL;
	chart_format fmt;
	int ch;
	int jobs = 0;
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	optind = 1;
	while ((ch = getopt_long(argc, argv, "C:T:o:j:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'C': content = optarg; break;
		case 'T': tdir = optarg; break;
		case 'o': out = optarg; break;
		case 'j': if (cmd_jobs("chart", optarg, &jobs) < 0) return CMD_USAGE; break;
		case 'h': cmd_usage(stdout); return CMD_OK;
		default: return cmd_usage_error("chart", "bad option");
		}
	}
	if (optind + 1 != argc)
		return cmd_usage_error("chart", "name one chart id");
	if (out == NULL)
		return cmd_usage_error("chart", "-o FILE.svg|.png|.pdf is required");
	if (format_of(out, &fmt) != 0)
		return cmd_usage_error("chart", "the output file must end in .svg, .png or .pdf");
	return run_chart(content, jobs, pipeline_templates_dir(tdir), argv[optind], fmt, out);
}
