/* cmd_metrics: `mkreport metrics`: every metric as JSON or CSV on stdout. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "cmd/cmd_int.h"
#include "cmd/pipeline.h"
#include "export/export.h"
#include "util/buf.h"

int
cmd_metrics(int argc, char **argv)
{
	const char *content = "content", *only = NULL;
	int csv = 0, ch;
	int jobs = 0;
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'J' },
		{ "csv", no_argument, NULL, 'c' },
		{ "scenario", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	optind = 1;
	while ((ch = getopt_long(argc, argv, "C:j:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'C': content = optarg; break;
		case 'J': csv = 0; break;
		case 'j': if (cmd_jobs("metrics", optarg, &jobs) < 0) return CMD_USAGE; break;
		case 'c': csv = 1; break;
		case 's': only = optarg; break;
		case 'h': cmd_usage(stdout); return CMD_OK;
		default: return cmd_usage_error("metrics", "bad option");
		}
	}
	if (optind != argc)
		return cmd_usage_error("metrics", "unexpected argument");
	diag *d = diag_new();
	pipeline p;
	int rc = CMD_OK;
	if (pipeline_compute(content, jobs, d, &p) != 0) {
		rc = cmd_report_diag(d);
	} else if (only && report_scenario_index(p.rep, only) < 0) {
		fprintf(stderr, "mkreport metrics: unknown scenario '%s'\n", only);
		rc = CMD_USAGE;
	} else {
		buf b;
		buf_init(&b);
		if (csv)
			export_csv(p.m, only, &b);
		else
			pipeline_export_json(&p, only, &b);
		int ok = fwrite(b.data ? b.data : "", 1, b.len, stdout) == b.len;
		buf_free(&b);
		cmd_report_diag(d);
		if (fflush(stdout) != 0 || ferror(stdout) || !ok) { /* a long write fails early */
			fputs("mkreport metrics: cannot write the metrics\n", stderr);
			rc = CMD_WRITE;
		}
	}
	pipeline_free(&p);
	diag_free(d);
	return rc;
}
